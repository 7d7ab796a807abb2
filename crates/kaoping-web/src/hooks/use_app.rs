//! The page's state and the world around it: [`use_app`] holds the `kaoping_app::App`, runs its
//! reducer, runs every effect the reducer asks for through the services and dispatches the outcome,
//! stashes the working copy whenever the document changes, tells the reducer when typing has settled,
//! and listens to the window (another tab's saves, a share link, leaving the page, Ctrl+S).
//!
//! Components never see this: they get the parts of the state they show as props, and a
//! `Callback<Action>` ([`Store::dispatch`]) or callbacks made from it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use gloo::timers::callback::Timeout;
use kaoping_app::copy::WorkingCopy;
use kaoping_app::read::kept;
use kaoping_app::store::{self, Source};
use kaoping_app::view::{Notice, SheetImport};
use kaoping_app::{Action, App, Effect, SheetFile, Start};
use kaoping_engine::Scheme;
use kaoping_sheets::export;
use kaoping_sheets::job::{Job, Reply};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::services::files::{self, CSV_TYPE, XLSX_TYPE};
use crate::services::storage::{self, LocalShelf};
use crate::services::{link, sheets_worker, simulation};

/// How long typing must pause before what waits for it is worked out (the next band, 目标测算's
/// answers, the screen reader's sentence).
pub const SETTLE_MS: u32 = 300;

/// The state, the way to change it, and what the page needs to run effects.
#[derive(Clone)]
pub struct Store {
    state: Rc<RefCell<Rc<App>>>,
    redraw: UseForceUpdateHandle,
    /// This tab's id (its working copy's key).
    id: Rc<str>,
    /// A file being read for import; kept here because dropping it cancels the read.
    reader: Rc<RefCell<Option<FileReader>>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Store {
    /// The state now.
    pub fn get(&self) -> Rc<App> {
        self.state.borrow().clone()
    }

    /// Reduces `action`, redraws if anything changed, then runs the effects asked for.
    pub fn dispatch(&self, action: Action) {
        let current = self.get();
        let (next, effects) = current.reduce(action);
        if !Rc::ptr_eq(&current, &next) {
            *self.state.borrow_mut() = next;
            self.redraw.force_update();
        }
        for effect in effects {
            self.run(effect);
        }
    }

    /// Reads a picked file and hands its bytes to the reducer (`Action::Import`); a file that cannot
    /// be read is told and changes nothing.
    pub fn import(&self, file: web_sys::File) {
        let store = self.clone();
        let reader = files::read_bytes(file, move |result| match result {
            Ok((file_name, bytes)) => store.dispatch(Action::Import { file_name, bytes: Rc::new(bytes) }),
            Err(message) => store.dispatch(Action::Told(Notice::error(format!("{message} 当前测算未作任何改变。")))),
        });
        *self.reader.borrow_mut() = reader;
    }

    /// Has the spreadsheet module write a file, then offers it as a download named `name`; told when
    /// it fails, and when it is made if `say_made` (the refused list is not: its notice keeps 撤销).
    fn write_file(&self, job: &Job, scenario: &kaoping_engine::Scenario, name: String, mime: &'static str, say_made: bool) {
        let store = self.clone();
        sheets_worker::run(job, scenario, &[], move |answer| {
            let told = match answer {
                Ok((Reply::File, bytes)) => match files::download(&name, mime, &bytes) {
                    Ok(()) if !say_made => return,
                    Ok(()) => Notice::info(format!("已生成“{name}”。")),
                    Err(message) => Notice::error(message),
                },
                Ok((Reply::Failed(message), _)) | Err(message) => Notice::error(message),
                Ok((Reply::Imported(_), _)) => Notice::error("表格模块的答复有误，未生成文件。"),
            };
            store.dispatch(Action::Told(told));
        });
    }

    /// Opens the share link in the page's address, if it has one (`#s=…`): read back keeping every
    /// value it can, handed to the reducer, and taken off the address.
    fn open_link(&self) {
        let Some(fragment) = link::opened_fragment() else { return };
        match kaoping_sheets::link::salvage_fragment(&fragment) {
            Ok((scenario, dropped)) => {
                let read = kept(scenario, &dropped);
                link::clear_fragment();
                let bank = kaoping_sheets::link::bank(&fragment);
                self.dispatch(Action::LinkOpened(Ok((read.scenario, bank, read.dropped))));
            }
            Err(error) => self.dispatch(Action::LinkOpened(Err(error.zh()))),
        }
    }

    /// Runs one effect and dispatches its outcome (later, for what the browser does asynchronously).
    fn run(&self, effect: Effect) {
        if let Some(outcome) = store::perform(&LocalShelf, &effect, storage::random_id) {
            self.dispatch(outcome);
            return;
        }
        match effect {
            Effect::Download { file_name, mime, bytes } => {
                if let Err(message) = files::download(&file_name, mime, &bytes) {
                    self.dispatch(Action::Told(Notice::error(message)));
                }
            }
            Effect::WriteSheet { file, scenario, bank } => {
                // The date is read once: the file's name and the date written in it agree.
                let about = files::about();
                let (suffix, mime, job) = match file {
                    SheetFile::Workbook => (".xlsx", XLSX_TYPE, Job::Workbook { bank, about: about.clone() }),
                    SheetFile::Template => ("-填报模板.xlsx", XLSX_TYPE, Job::Template { about: about.clone() }),
                    SheetFile::Csv => (".csv", CSV_TYPE, Job::Csv),
                };
                self.write_file(&job, &scenario, export::file_name(&scenario, &about, suffix), mime, true);
            }
            Effect::ReadSheet { job, bytes, against, revision, read } => {
                let store = self.clone();
                sheets_worker::run(&job.clone(), &against, &bytes.clone(), move |answer| {
                    store.dispatch(match answer {
                        Ok((Reply::Imported(imported), _)) => {
                            Action::Previewed(SheetImport::answered(*imported, job, bytes, revision, read))
                        }
                        Ok((Reply::Failed(message), _)) | Err(message) => Action::SheetFailed(read, message),
                        Ok((Reply::File, _)) => Action::SheetFailed(read, "表格模块的答复有误。".to_owned()),
                    });
                });
            }
            Effect::WriteRefused(refused) => {
                let job = Job::Refused { source: refused.source.clone(), problems: refused.problems.clone() };
                self.write_file(&job, &self.get().document.scenario, refused.file_name(), CSV_TYPE, false);
            }
            Effect::CopyLink { fragment } => {
                let url = format!("{}{fragment}", link::share_address());
                let (store, shown) = (self.clone(), url.clone());
                link::copy_text(&url, move |copied| {
                    store.dispatch(if copied {
                        Action::Told(Notice::info(
                            "分享链接已复制。对方打开链接即可看到本测算（并打开本行）；数据在链接中，不经过任何服务器。",
                        ))
                    } else {
                        Action::LinkNotCopied(shown)
                    });
                });
            }
            Effect::Simulate { key, scenario, bank, rivals, spec } => {
                let store = self.clone();
                let scheme = self.get().scheme;
                simulation::start(scheme, &scenario, &bank, rivals, spec, move |summary| {
                    store.dispatch(Action::Simulated(key, summary));
                });
            }
            Effect::StopSimulation => simulation::stop(),
            // Done above, on the saved scenarios.
            Effect::Save { .. }
            | Effect::Rename { .. }
            | Effect::Copy { .. }
            | Effect::Delete { .. }
            | Effect::Load { .. }
            | Effect::LoadAll
            | Effect::RememberHeading { .. } => {}
        }
    }
}

/// What a tab finds when it starts: its id, the state, and where a working copy it took over came
/// from (removed once the tab has written its own, so that a failing write never loses it).
fn begin(scheme: &'static Scheme) -> (String, App, Option<Source>) {
    let shelf = LocalShelf;
    let own = storage::take_tab_id();
    let id = own.clone().unwrap_or_else(storage::random_id);
    let found = store::start(&shelf, scheme, &id, own.is_some());
    let start = Start {
        copy: found.copy,
        library: store::library(&shelf),
        bank: store::bank(&shelf),
        notice: found.notice,
        headings: store::headings(&shelf),
    };
    let app = App::start(scheme, start, |name| store::load(&shelf, name));
    (id, app, found.source)
}

/// Holds the page's state for the app's top component; see the module's description.
#[hook]
pub fn use_app(scheme: &'static Scheme) -> Store {
    let begun = use_memo((), move |()| begin(scheme));
    let state = use_mut_ref(|| Rc::new(begun.1.clone()));
    let redraw = use_force_update();
    let reader = use_mut_ref(|| None);
    let source = use_mut_ref(|| begun.2.clone());
    let store = Store { state, redraw, id: Rc::from(begun.0.as_str()), reader };
    let app = store.get();

    {
        // Stash the working copy after every change of the document, in an effect so that the reducer
        // stays pure.
        let store = store.clone();
        use_effect_with(app.document.clone(), move |document| {
            let copy = WorkingCopy {
                name: document.name.clone(),
                base: document.base.clone(),
                modified: document.modified,
                scenario: (*document.scenario).clone(),
            };
            match store::stash(&LocalShelf, &store.id, &copy) {
                Ok(()) => {
                    if let Some(source) = source.borrow_mut().take() {
                        store::forget(&LocalShelf, &source);
                    }
                    store.dispatch(Action::Stashed);
                }
                Err(reason) => store.dispatch(Action::StashFailed(reason)),
            }
        });
    }
    use_effect_with(app.view.bank.clone(), |bank| store::remember_bank(&LocalShelf, bank));
    use_effect_with(app.document.name.clone(), |name| {
        if let Some(name) = name {
            store::remember_last(&LocalShelf, name);
        }
    });
    {
        // What waits for typing to settle is worked out once the due counter has stayed put.
        let store = store.clone();
        use_effect_with(app.settle_due, move |due| {
            let due = *due;
            let pending = Timeout::new(SETTLE_MS, move || store.dispatch(Action::Settle(due)));
            move || drop(pending)
        });
    }
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            // A share link the page was opened with.
            store.open_link();
            let listeners = listen(&store);
            let id = store.id.clone();
            move || {
                drop(listeners);
                // Unmounted (the component tests do this): like leaving the page.
                storage::leave(&id);
            }
        });
    }
    store
}

/// The window events the page answers: another tab changing the saved scenarios, a share link opened
/// in this tab, leaving and coming back to the page, and Ctrl+S / Cmd+S.
fn listen(store: &Store) -> Vec<EventListener> {
    let window = gloo::utils::window();
    let mut listeners = Vec::new();

    let other_tabs = store.clone();
    listeners.push(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        if store::concerns_headings(event.key().as_deref()) {
            other_tabs.dispatch(Action::HeadingsRemembered(store::headings(&LocalShelf)));
        }
        if !store::concerns_saved(event.key().as_deref()) {
            return;
        }
        let library = store::library(&LocalShelf);
        // What is saved under the document's name now; the reducer decides what it means.
        let resaved = other_tabs
            .get()
            .document
            .name
            .as_deref()
            .and_then(|name| store::load(&LocalShelf, name))
            .and_then(Result::ok)
            .map(|read| (read.scenario, read.dropped));
        other_tabs.dispatch(Action::LibraryChanged { library, resaved });
    }));

    let linked = store.clone();
    listeners.push(EventListener::new(&window, "hashchange", move |_| linked.open_link()));

    let leaving = store.id.clone();
    listeners.push(EventListener::new(&window, "pagehide", move |_| storage::leave(&leaving)));
    let back = store.id.clone();
    listeners.push(EventListener::new(&window, "pageshow", move |event| {
        // Back from the back/forward cache: the page is live again and holds its copy.
        if event.dyn_ref::<web_sys::PageTransitionEvent>().is_some_and(|e| e.persisted()) {
            storage::come_back(&back);
        }
    }));

    let saver = store.clone();
    let options = EventListenerOptions::enable_prevent_default();
    listeners.push(EventListener::new_with_options(&window, "keydown", options, move |event| {
        let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        let save_key = (event.ctrl_key() || event.meta_key())
            && !event.alt_key()
            && !event.shift_key()
            && !event.is_composing()
            && event.key().eq_ignore_ascii_case("s");
        if save_key {
            // The browser's own "save page" dialog would save the HTML, not the scenario.
            event.prevent_default();
            saver.dispatch(Action::Save);
        }
    }));
    listeners
}
