//! The page's state and the world around it: [`use_app`] holds the `kaoping_app::App`, runs its
//! reducer, runs every effect the reducer asks for through the services and dispatches the outcome,
//! stashes the working copy once changes to the document pause (at once on leaving the page and
//! before any effect), tells the reducer when typing has settled, and listens to the window (another
//! tab's saves, a share link, leaving the page, Ctrl+S).
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

/// How long the working copy waits after a keystroke before it is written to the browser's storage.
/// Writing it means serializing the whole scenario and storing it, which on a slow office desktop
/// takes a good part of a frame: on every keystroke it would slow typing. What is typed is written
/// once typing pauses (any other change at once), and at once when the page is hidden, closed or reloaded (`pagehide`,
/// `visibilitychange`, and `beforeunload` while a write waits) and before any effect runs (save as,
/// export, share link, opening another scenario…), so a closed tab or a reload still loses nothing.
pub const STASH_MS: u32 = SETTLE_MS;

/// The state, the way to change it, and what the page needs to run effects.
#[derive(Clone)]
pub struct Store {
    state: Rc<RefCell<Rc<App>>>,
    redraw: UseForceUpdateHandle,
    /// This tab's id (its working copy's key).
    id: Rc<str>,
    /// A file being read for import; kept here because dropping it cancels the read.
    reader: Rc<RefCell<Option<FileReader>>>,
    /// The working copy's writing: what was last written, the timer of the next write, and the
    /// copy this tab took over (forgotten once this tab has written its own).
    stash: Rc<RefCell<Stash>>,
}

/// See [`Store::stash`].
#[derive(Default)]
struct Stash {
    written: Option<Rc<kaoping_app::document::Document>>,
    /// Whether the last write of `written` failed (storage full or switched off).
    failed: bool,
    pending: Option<Timeout>,
    /// `beforeunload`, listened to only while a write waits: a page that always listens to it is kept
    /// out of some browsers' back/forward cache.
    unload: Option<EventListener>,
    source: Option<Source>,
    /// Whether the document's last change was typed into a box (written later) or not (at once).
    typed: bool,
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

    /// Writes the working copy to the browser's storage now, if it changed since it was last written.
    fn stash_now(&self) {
        let document = self.get().document.clone();
        let mut stash = self.stash.borrow_mut();
        stash.pending = None;
        stash.unload = None;
        if stash.written.as_ref().is_some_and(|written| Rc::ptr_eq(written, &document)) {
            return;
        }
        stash.written = Some(document.clone());
        let copy = WorkingCopy {
            name: document.name.clone(),
            base: document.base.clone(),
            modified: document.modified,
            scenario: (*document.scenario).clone(),
        };
        let outcome = store::stash(&LocalShelf, &self.id, &copy);
        stash.failed = outcome.is_err();
        let outcome = match outcome {
            Ok(()) => {
                if let Some(source) = stash.source.take() {
                    store::forget(&LocalShelf, &source);
                }
                Action::Stashed
            }
            Err(reason) => Action::StashFailed(reason),
        };
        drop(stash);
        self.dispatch(outcome);
    }

    /// Whether the working copy in storage is the document now.
    fn stored(&self) -> bool {
        let stash = self.stash.borrow();
        !stash.failed && stash.written.as_ref().is_some_and(|written| Rc::ptr_eq(written, &self.get().document))
    }

    /// Writes the working copy once changes pause ([`STASH_MS`]); a newer change starts the wait again.
    fn stash_later(&self) {
        let mut stash = self.stash.borrow_mut();
        let store = self.clone();
        stash.pending = Some(Timeout::new(STASH_MS, move || store.stash_now()));
        if stash.unload.is_none() {
            let store = self.clone();
            stash.unload = Some(EventListener::new(&gloo::utils::window(), "beforeunload", move |_| store.stash_now()));
        }
    }

    /// Reduces `action`, redraws if anything changed, then runs the effects asked for.
    pub fn dispatch(&self, action: Action) {
        let current = self.get();
        let typed = matches!(action, Action::Edit(..));
        let (next, effects) = current.reduce(action);
        if !Rc::ptr_eq(&current.document, &next.document) {
            self.stash.borrow_mut().typed = typed;
        }
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

    /// Reads the files picked for 汇总申报表 one after another and hands them to the reducer together
    /// (`Action::Collect`); a file that cannot be read is told, and the others go ahead. (`read`: those
    /// read so far.)
    pub fn collect(&self, mut picked: Vec<web_sys::File>, mut read: Vec<(String, Rc<Vec<u8>>)>) {
        if picked.is_empty() {
            return self.dispatch(Action::Collect(read));
        }
        let store = self.clone();
        let file = picked.remove(0);
        let reader = files::read_bytes(file, move |result| {
            match result {
                Ok((name, bytes)) => read.push((name, Rc::new(bytes))),
                Err(message) => store.dispatch(Action::Told(Notice::error(message))),
            }
            store.collect(picked, read);
        });
        // A file refused before reading (too large) was answered at once, and the next one is read.
        if reader.is_some() {
            *self.reader.borrow_mut() = reader;
        }
    }

    /// Has the spreadsheet module write a file, then offers it as a download named `name`; told when
    /// it fails, and when it is made if `say_made` (the refused list is not: its notice keeps 撤销).
    fn write_file(
        &self,
        job: &Job,
        scenario: &kaoping_engine::Scenario,
        name: String,
        mime: &'static str,
        say_made: bool,
    ) {
        let store = self.clone();
        sheets_worker::run(job, scenario, &[], move |answer| {
            let told = match answer {
                Ok((Reply::File, bytes)) => match files::download(&name, mime, &bytes) {
                    Ok(()) if !say_made => return,
                    Ok(()) => Notice::info(format!("已生成“{name}”。")),
                    Err(message) => Notice::error(message),
                },
                Ok((Reply::Failed(message), _)) | Err(message) => Notice::error(message),
                Ok((Reply::Imported(_) | Reply::Scheme(_) | Reply::Link(_) | Reply::Notice(_), _)) => {
                    Notice::error("表格模块的答复有误，未生成文件。")
                }
            };
            store.dispatch(Action::Told(told));
        });
    }

    /// Reads a picked scheme file and hands its bytes to the reducer (`Action::OpenScheme`).
    pub fn open_scheme(&self, file: web_sys::File) {
        let store = self.clone();
        let reader = files::read_bytes(file, move |result| match result {
            Ok((file_name, bytes)) => store.dispatch(Action::OpenScheme { file_name, bytes: Rc::new(bytes) }),
            Err(message) => {
                store.dispatch(Action::Told(Notice::error(format!("{message} 现行考评方案未作任何改变。"))))
            }
        });
        *self.reader.borrow_mut() = reader;
    }

    /// Opens the share link in the page's address, if it has one (`#s=…`): read back keeping every
    /// value it can, handed to the reducer, and taken off the address.
    fn open_link(&self) {
        let Some(fragment) = link::opened_fragment() else { return };
        let scheme = self.get().scheme;
        match kaoping_sheets::link::salvage_fragment_under(&fragment, scheme) {
            Ok((scenario, dropped)) => {
                let read = kept(scheme, scenario, &dropped);
                link::clear_fragment();
                let bank = kaoping_sheets::link::bank(&fragment);
                self.dispatch(Action::LinkOpened(Ok((read.scenario, bank, read.dropped))));
            }
            Err(error) => self.dispatch(Action::LinkOpened(Err(error.zh()))),
        }
    }

    /// Runs one effect and dispatches its outcome (later, for what the browser does asynchronously).
    fn run(&self, effect: Effect) {
        // What the effect reads or hands on (storage, a file, a link) includes the working copy as typed.
        self.stash_now();
        if let Some(outcome) = store::perform(&LocalShelf, self.get().scheme, &effect, storage::random_id) {
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
                    SheetFile::Form => {
                        let scheme = self.get().scheme;
                        let name =
                            scheme.bank_index(&bank).and_then(|i| scheme.banks.get(i)).map_or("", |b| &b.short_name);
                        let name = format!("申报表-{name}.xlsx");
                        self.write_file(&Job::Form { bank, about }, &scenario, name, XLSX_TYPE, true);
                        return;
                    }
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
                        Ok((Reply::File | Reply::Scheme(_) | Reply::Link(_) | Reply::Notice(_), _)) => {
                            Action::SheetFailed(read, "表格模块的答复有误。".to_owned())
                        }
                    });
                });
            }
            Effect::WriteRefused(refused) => {
                let job = Job::Refused { source: refused.source.clone(), problems: refused.problems.clone() };
                self.write_file(&job, &self.get().document.scenario, refused.file_name(), CSV_TYPE, false);
            }
            Effect::Notice { scenario, revision } => {
                let store = self.clone();
                sheets_worker::run(&Job::Notice { date: files::today() }, &scenario, &[], move |answer| {
                    store.dispatch(Action::Published(
                        revision,
                        match answer {
                            Ok((Reply::Notice(parts), _)) => Ok(parts),
                            Ok((Reply::Failed(message), _)) | Err(message) => Err(message),
                            Ok(_) => Err("表格模块的答复有误。".to_owned()),
                        },
                    ));
                });
            }
            Effect::CopyText(text) => {
                let store = self.clone();
                link::copy_text(&text, move |copied| {
                    store.dispatch(Action::Told(if copied {
                        Notice::info("通报文本已复制。")
                    } else {
                        Notice::error("浏览器未允许自动复制，请选中通报的文字后手动复制。")
                    }));
                });
            }
            Effect::CopyLink { scenario, bank } => {
                // The spreadsheet module compresses the scenario into the link; the page copies it.
                let store = self.clone();
                sheets_worker::run(&Job::Link { bank }, &scenario, &[], move |answer| {
                    let fragment = match answer {
                        Ok((Reply::Link(fragment), _)) => fragment,
                        Ok((Reply::Failed(message), _)) | Err(message) => {
                            return store.dispatch(Action::Told(Notice::error(format!("未能生成分享链接：{message}"))));
                        }
                        Ok((Reply::File | Reply::Imported(_) | Reply::Scheme(_) | Reply::Notice(_), _)) => {
                            return store
                                .dispatch(Action::Told(Notice::error("表格模块的答复有误，未能生成分享链接。")));
                        }
                    };
                    let url = format!("{}{fragment}", link::share_address());
                    let shown = url.clone();
                    link::copy_text(&url, move |copied| {
                        store.dispatch(if copied {
                            Action::Told(Notice::info(
                                "分享链接已复制。对方打开链接即可看到本测算（并打开本行）；数据在链接中，不经过任何服务器。",
                            ))
                        } else {
                            Action::LinkNotCopied(shown)
                        });
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
            Effect::ReadScheme { file_name, bytes } => {
                let store = self.clone();
                let job = Job::Scheme { file_name };
                sheets_worker::run(&job, &self.get().document.scenario, &bytes, move |answer| {
                    let message = match answer {
                        Ok((Reply::Scheme(file), _)) => return store.dispatch(Action::SchemeRead(*file)),
                        Ok((Reply::Failed(message), _)) | Err(message) => message,
                        Ok((Reply::File | Reply::Imported(_) | Reply::Link(_) | Reply::Notice(_), _)) => {
                            "表格模块的答复有误。".to_owned()
                        }
                    };
                    store.dispatch(Action::Told(Notice::error(format!("{message} 现行考评方案未作任何改变。"))));
                });
            }
            Effect::AdoptScheme { text, fingerprint } => {
                match store::adopt_scheme(&LocalShelf, text.as_deref(), &fingerprint) {
                    // The page starts again under the scheme: the working copy is stashed already and
                    // is read back under it.
                    Ok(()) => {
                        if gloo::utils::window().location().reload().is_err() {
                            self.dispatch(Action::Told(Notice::info("已采用。请刷新页面，按新方案计算。")));
                        }
                    }
                    Err(reason) => self.dispatch(Action::Told(Notice::error(format!(
                        "未能采用考评方案：{reason}。现行方案未作任何改变。"
                    )))),
                }
            }
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
fn begin(scheme: &'static Scheme, told: Option<Notice>) -> (String, App, Option<Source>) {
    let shelf = LocalShelf;
    let own = storage::take_tab_id();
    let id = own.clone().unwrap_or_else(storage::random_id);
    let found = store::start(&shelf, scheme, &id, own.is_some());
    let start = Start {
        copy: found.copy,
        library: store::library(&shelf),
        bank: store::bank(&shelf),
        notice: told.or(found.notice),
        headings: store::headings(&shelf),
    };
    let app = App::start(scheme, start, |name| store::load(&shelf, scheme, name));
    (id, app, found.source)
}

/// Holds the page's state for the app's top component; see the module's description.
#[hook]
pub fn use_app(scheme: &'static Scheme, told: Option<Notice>) -> Store {
    let begun = use_memo((), move |()| begin(scheme, told));
    let state = use_mut_ref(|| Rc::new(begun.1.clone()));
    let redraw = use_force_update();
    let reader = use_mut_ref(|| None);
    let stash = use_mut_ref(|| Stash { source: begun.2.clone(), ..Stash::default() });
    let store = Store { state, redraw, id: Rc::from(begun.0.as_str()), reader, stash };
    let app = store.get();

    {
        // Stash the working copy after a change of the document (in an effect, so that the reducer
        // stays pure): at once, or once typing pauses for what was typed (see STASH_MS). The copy the
        // page started from is written after the same pause, so that the first total, drawn in the
        // same task as this effect runs, does not wait for the whole scenario to be serialized and
        // stored (issue 20). Nothing is at risk meanwhile: a closed tab's copy taken over is forgotten
        // only once this page has written its own, and leaving the page writes at once.
        let store = store.clone();
        use_effect_with(app.document.clone(), move |_| {
            let later = {
                let stash = store.stash.borrow();
                stash.typed || stash.written.is_none()
            };
            if later {
                store.stash_later();
            } else {
                store.stash_now();
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
        // What waits for typing to settle is worked out once the due counter has stayed put; at start
        // too (the next band is not worked out before the first total is drawn, issue 20).
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
            move || {
                drop(listeners);
                // Unmounted (the component tests do this): like leaving the page.
                store.stash_now();
                storage::leave(&store.id);
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
            .and_then(|name| store::load(&LocalShelf, other_tabs.get().scheme, name))
            .and_then(Result::ok)
            .map(|read| (read.scenario, read.dropped));
        other_tabs.dispatch(Action::LibraryChanged { library, resaved });
    }));

    let linked = store.clone();
    listeners.push(EventListener::new(&window, "hashchange", move |_| linked.open_link()));

    // Leaving the page: the working copy is written at once (it may be waiting for typing to pause).
    let leaving = store.clone();
    // Then, if the copy is stored as it is now, www/boot.js keeps the page's first frame for the next
    // start to show while the wasm loads (`storage::keep_first_frame`).
    listeners.push(EventListener::new(&window, "pagehide", move |_| {
        leaving.stash_now();
        storage::leave(&leaving.id);
        if leaving.stored() {
            storage::keep_first_frame();
        }
    }));
    // Hidden (another tab, the desktop, a phone's app switcher): a browser may end a hidden page
    // without `pagehide`, so the working copy is written now.
    let hidden = store.clone();
    listeners.push(EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
        if gloo::utils::document().hidden() {
            hidden.stash_now();
        }
    }));
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
