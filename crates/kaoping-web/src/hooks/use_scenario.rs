//! The working scenario, shared by every component through a context (like Yew's
//! `examples/contexts`), and the domain methods that change it.
//!
//! Components never dispatch raw actions or touch storage: they call methods such as
//! [`ScenarioHandle::edit_bank`] or [`ScenarioHandle::save`]. The methods that do I/O (storage,
//! files) do it here, then dispatch the outcome, so that the reducer stays free of I/O.
//!
//! There are two contexts over the same state. The views read [`use_scenario`], which changes only
//! when something they show changes (the figures, the boxes, the tab, the bank); the page frame and
//! the scenario bar read [`use_document`], which changes on everything (messages, the dialog, the
//! saved names). So a message or a dialog never redraws the forms.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use kaoping_engine::{CityField, Field, Scenario, Scheme, Settings};
use kaoping_sheets::job::{Imported, Job, Reply};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::services::files;
use crate::services::storage::{self, Start};
use crate::state::{Action, Clash, Notice, Question, SheetImport, State, Tab, Write};

/// What the user answered in the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 保存: save the working copy first (asks for a name when it has none).
    Save,
    /// 不保存: drop the unsaved changes and go ahead.
    Discard,
    /// 覆盖: replace the saved scenario.
    Overwrite,
    /// 另存为…: save under another name instead.
    SaveAs,
    /// The name typed for 另存为.
    Name(String),
    /// 取消 or Esc: do nothing.
    Cancel,
}

/// The handle every component gets from [`use_scenario`] or [`use_document`]: read the state
/// through `Deref`, change it through the methods.
#[derive(Clone)]
pub struct ScenarioHandle {
    state: UseReducerHandle<State>,
    /// The counter this handle is compared by, taken when it was made: `view_version` for the
    /// views' context, `version` for the document context. (The reducer handle always reads the
    /// latest state, so comparing through it would find every two handles equal.)
    version: u64,
    /// A file being read for import; kept here because dropping it cancels the read.
    reader: Rc<RefCell<Option<FileReader>>>,
}

impl PartialEq for ScenarioHandle {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

impl std::fmt::Debug for ScenarioHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScenarioHandle").field("version", &self.version).finish_non_exhaustive()
    }
}

impl Deref for ScenarioHandle {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
    }
}

/// The handle of the document context: the same methods, compared on every change.
#[derive(Clone, PartialEq, Debug)]
pub struct DocumentHandle(ScenarioHandle);

impl Deref for DocumentHandle {
    type Target = ScenarioHandle;
    fn deref(&self) -> &ScenarioHandle {
        &self.0
    }
}

impl ScenarioHandle {
    /// The user typed into a bank's box.
    pub fn edit_bank(&self, bank: &str, field: Field, text: String) {
        self.state.dispatch(Action::EditBank { bank: bank.to_owned(), field, text });
    }

    /// The user ticked or cleared a bank's checkbox.
    pub fn set_flag(&self, bank: &str, flag: Field, value: bool) {
        self.state.dispatch(Action::SetFlag { bank: bank.to_owned(), flag, value });
    }

    /// The user typed a city-wide figure.
    pub fn edit_city(&self, field: CityField, text: String) {
        self.state.dispatch(Action::EditCity { field, text });
    }

    /// The user typed the green task growth rate.
    pub fn edit_green_target(&self, text: String) {
        self.state.dispatch(Action::EditGreenTarget(text));
    }

    /// The user chose an interpretation setting.
    pub fn set_settings(&self, settings: Settings) {
        self.state.dispatch(Action::SetSettings(settings));
    }

    /// Show another bank on 本行测算.
    pub fn select_bank(&self, bank: String) {
        self.state.dispatch(Action::SelectBank(bank));
    }

    /// Open a bank on 本行测算.
    pub fn open_bank(&self, bank: String) {
        self.state.dispatch(Action::OpenBank(bank));
    }

    /// Show another page.
    pub fn select_tab(&self, tab: Tab) {
        self.state.dispatch(Action::SelectTab(tab));
    }

    /// Back to the baseline; asks first when unsaved changes would be lost.
    pub fn reset(&self) {
        self.state.dispatch(Action::Reset);
    }

    /// Hide the message above the page.
    pub fn dismiss_notice(&self) {
        self.state.dispatch(Action::DismissNotice);
    }

    /// 保存 (and Ctrl+S): saves the working copy under its name, or asks for one. Does nothing while
    /// the dialog is open (it has its own 保存).
    pub fn save(&self) {
        if self.state.prompt.is_none() {
            self.save_now();
        }
    }

    fn save_now(&self) {
        match self.state.name.clone() {
            Some(name) => self.save_under(name, false),
            None => self.ask(Question::Name),
        }
    }

    /// 另存为: saves the working copy under `name`, asking first if that replaces another saved
    /// scenario. An empty name asks for one.
    pub fn save_as(&self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.ask(Question::Name);
        } else {
            self.save_under(name.to_owned(), false);
        }
    }

    /// Saves under `name`. Unless `confirmed`, asks first when that replaces another saved
    /// scenario, or a version of this one that another tab saved since this tab opened it.
    fn save_under(&self, name: String, confirmed: bool) {
        if !confirmed {
            let saved = storage::names().contains(&name);
            let current = self.state.name.as_deref() == Some(name.as_str());
            let clash = if !saved {
                None
            } else if !current {
                Some(Clash::Exists)
            } else if storage::stamp(&name) != self.state.base {
                Some(Clash::ChangedElsewhere)
            } else {
                None
            };
            if let Some(clash) = clash {
                self.ask(Question::Overwrite { write: Write::Save { name }, clash });
                return;
            }
        }
        match storage::save_named(&name, &self.state.scenario) {
            Ok((stamp, names)) => self.state.dispatch(Action::Saved { name, stamp, names }),
            Err(reason) => {
                // Whatever was waiting for the save does not go ahead: the typed work stays.
                self.state.dispatch(Action::Cancelled);
                self.notify(Notice::error(format!(
                    "未能保存“{name}”：{reason}。页面上的数字没有变化；请先“导出文件”，或删除不用的已保存测算后再试。"
                )));
            }
        }
    }

    /// The user answered the dialog.
    pub fn answer(&self, answer: Answer) {
        let Some(prompt) = self.state.prompt.clone() else { return };
        match (answer, prompt.question) {
            (Answer::Cancel, _) => self.state.dispatch(Action::Cancelled),
            (Answer::Discard, Question::Unsaved) => self.state.dispatch(Action::Discarded),
            (Answer::Save, Question::Unsaved) => self.save_now(),
            (Answer::SaveAs, _) => self.ask(Question::Name),
            (Answer::Name(name), Question::Name) => self.save_as(&name),
            (Answer::Overwrite, Question::Overwrite { write: Write::Save { name }, .. }) => {
                self.save_under(name, true);
            }
            (Answer::Overwrite, Question::Overwrite { write: Write::Rename { from, to }, .. }) => {
                self.rename_now(&from, &to);
            }
            // An answer that does not fit the question (a stale click) changes nothing.
            _ => {}
        }
    }

    /// Replaces the working copy with a saved scenario; asks first when unsaved changes would be
    /// lost.
    pub fn open(&self, name: &str) {
        match storage::load_named(name) {
            Ok(scenario) => {
                self.state.dispatch(Action::Opened { name: name.to_owned(), scenario, stamp: storage::stamp(name) });
            }
            Err(message) => self.notify(Notice::error(message)),
        }
    }

    /// Renames a saved scenario; asks first when the new name is taken.
    pub fn rename(&self, old: &str, new: &str) {
        let new = new.trim();
        if new.is_empty() {
            self.notify(Notice::error("请先在“名称”框中输入新的名称。"));
            return;
        }
        if old == new {
            return;
        }
        if storage::names().iter().any(|n| n == new) {
            let write = Write::Rename { from: old.to_owned(), to: new.to_owned() };
            self.ask(Question::Overwrite { write, clash: Clash::Exists });
        } else {
            self.rename_now(old, new);
        }
    }

    fn rename_now(&self, from: &str, to: &str) {
        match storage::rename(from, to) {
            Ok(names) => self.state.dispatch(Action::Renamed { from: from.to_owned(), to: to.to_owned(), names }),
            Err(reason) => {
                self.state.dispatch(Action::Cancelled);
                self.notify(Notice::error(format!("未能改名：{reason}。")));
            }
        }
    }

    /// Copies a saved scenario under a new name.
    pub fn duplicate(&self, name: &str) {
        match storage::copy(name) {
            Ok((copy, names)) => self.state.dispatch(Action::Copied { copy, names }),
            Err(reason) => self.notify(Notice::error(format!("未能复制“{name}”：{reason}"))),
        }
    }

    /// Deletes a saved scenario; the figures on the page stay.
    pub fn delete(&self, name: &str) {
        match storage::delete(name) {
            Ok(names) => self.state.dispatch(Action::Deleted { name: name.to_owned(), names }),
            Err(reason) => self.notify(Notice::error(format!("未能删除“{name}”：{reason}。"))),
        }
    }

    /// Downloads the working scenario as a `kaoping-scenario/1` file.
    pub fn export(&self) {
        let base = self.state.name.as_deref().unwrap_or("考评测算");
        let file_name = format!("{}.json", safe_file_name(base));
        if let Err(message) = files::download_json(&file_name, &self.state.scenario.to_json()) {
            self.notify(Notice::error(message));
        }
    }

    /// Reads a picked file and, if it is a scenario the engine accepts, makes it the working one
    /// (asking first when unsaved changes would be lost). Anything else is refused with a message
    /// and the working scenario stays exactly as it was.
    ///
    /// A workbook, CSV or TSV file is read by the spreadsheet module and shown in the import preview
    /// first (see [`ScenarioHandle::read_table`]).
    pub fn import(&self, file: web_sys::File) {
        let dispatcher = self.state.dispatcher();
        let handle = self.clone();
        let reader = crate::services::sheets::read_bytes(file, move |result| {
            let (file_name, bytes) = match result {
                Ok(read) => read,
                Err(message) => {
                    dispatcher.dispatch(Action::Notify(Notice::error(format!("{message} 当前测算未作任何改变。"))));
                    return;
                }
            };
            if kaoping_sheets::file_kind(&bytes) != kaoping_sheets::FileKind::Json {
                handle.read_table(Job::Read { file_name, mapping: Vec::new() }, &bytes);
                return;
            }
            let scenario = String::from_utf8(bytes)
                .map_err(|_| "文件不是 UTF-8 文本。".to_owned())
                .and_then(|text| Scenario::from_json(&text).map_err(|e| format!("文件不是可用的测算文件：{}", e.zh())));
            dispatcher.dispatch(match scenario {
                Ok(scenario) => Action::Imported { scenario, file_name },
                Err(message) => {
                    Action::Notify(Notice::error(format!("未导入“{file_name}”：{message} 当前测算未作任何改变。")))
                }
            });
        });
        *self.reader.borrow_mut() = reader;
    }

    /// Has the spreadsheet module read a file or a pasted block (`job`, with the file's `bytes`)
    /// against the working copy as it is now, and shows the import preview; a file that cannot be
    /// read at all, or a module that cannot be loaded, is told and changes nothing.
    pub fn read_table(&self, job: Job, bytes: &[u8]) {
        let against = Rc::new(self.state.scenario.clone());
        let dispatcher = self.state.dispatcher();
        crate::services::sheets_worker::run(&job, &against.clone(), bytes, move |answer| {
            dispatcher.dispatch(match answer {
                Ok((Reply::Imported(imported), _)) => {
                    let Imported { source, preview, applied, .. } = *imported;
                    Action::Previewed(SheetImport {
                        source,
                        preview: Rc::new(preview),
                        applied: Rc::new(applied),
                        against,
                    })
                }
                Ok((Reply::Failed(message), _)) | Err(message) => {
                    Action::Notify(Notice::error(format!("{message} 当前测算未作任何改变。")))
                }
                Ok((Reply::File, _)) => Action::Notify(Notice::error("表格模块的答复有误。当前测算未作任何改变。")),
            });
        });
    }

    /// 确认导入 in the preview: all the values or none, as one edit that 撤销 takes back. Asks first
    /// when there are unsaved changes.
    pub fn apply_preview(&self) {
        let Some(sheet) = self.state.sheet.clone() else { return };
        self.state.dispatch(Action::PreviewClosed);
        if *sheet.against != self.state.scenario {
            self.notify(Notice::error(format!(
                "读取“{}”之后测算又有改动，为免覆盖这些改动，没有导入：请重新导入。",
                sheet.source
            )));
            return;
        }
        match sheet.applied.as_ref() {
            Ok(scenario) => self.apply_scenario(scenario.clone(), sheet.preview.changes.len(), sheet.source.clone()),
            Err(problems) => {
                let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                self.notify(Notice::error(format!("导入未完成，没有做任何更改：{}", listed.join("；"))));
            }
        }
    }

    /// Applies a scenario made from the working copy by an import (`changes` values from
    /// `source`) as one undoable edit; asks first when there are unsaved changes.
    pub fn apply_scenario(&self, scenario: Scenario, changes: usize, source: String) {
        self.state.dispatch(Action::Applied { scenario, changes, source });
    }

    /// Closes the import preview; nothing changes.
    pub fn close_preview(&self) {
        self.state.dispatch(Action::PreviewClosed);
    }

    /// 撤销 in the notice of an applied import.
    pub fn undo(&self) {
        self.state.dispatch(Action::Undo);
    }

    /// [`ScenarioHandle::undo`] as a callback, for the notice.
    pub fn undo_callback(&self) -> Callback<()> {
        let handle = self.clone();
        Callback::from(move |()| handle.undo())
    }

    /// Opens the share link in the page's address, if it has one (`#s=…`): its scenario replaces
    /// the working copy (asking first when unsaved changes would be lost) and the fragment is taken
    /// off the address. A damaged, cut or newer link is told and changes nothing.
    pub fn open_link(&self) {
        let Some(fragment) = crate::services::sheets::opened_fragment() else { return };
        match kaoping_sheets::link::open_fragment(&fragment) {
            Ok(scenario) => {
                crate::services::sheets::clear_fragment();
                self.state.dispatch(Action::LinkOpened(scenario));
            }
            Err(error) => {
                self.notify(Notice::error(format!("无法打开分享链接：{}。当前测算未作任何改变。", error.zh())));
            }
        }
    }

    /// Something to tell the user (from the spreadsheet tools).
    pub fn tell(&self, notice: Notice) {
        self.notify(notice);
    }

    fn ask(&self, question: Question) {
        self.state.dispatch(Action::Ask(question));
    }

    fn notify(&self, notice: Notice) {
        self.state.dispatch(Action::Notify(notice));
    }
}

/// Characters that file systems refuse are replaced, so that any scenario name makes a file name.
fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(
            |c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            },
        )
        .collect()
}

/// The scenario context for the views: it changes when something they show changes.
#[hook]
pub fn use_scenario() -> ScenarioHandle {
    // Invariant: the app renders every component inside `ScenarioProvider`, so the context is
    // always there; the component tests render through the same provider.
    #[allow(clippy::expect_used)]
    use_context::<ScenarioHandle>().expect("components are rendered inside ScenarioProvider")
}

/// The document context for the page frame and the scenario bar: it changes on every change
/// (messages, the dialog, the saved names, saved or not).
#[hook]
pub fn use_document() -> DocumentHandle {
    #[allow(clippy::expect_used)]
    use_context::<DocumentHandle>().expect("components are rendered inside ScenarioProvider")
}

/// Props of [`ScenarioProvider`].
#[derive(Properties, Debug)]
pub struct ScenarioProviderProps {
    /// The scheme of the year.
    pub scheme: &'static Scheme,
    /// The app below the provider.
    pub children: Html,
}

impl PartialEq for ScenarioProviderProps {
    fn eq(&self, other: &Self) -> bool {
        // The scheme is built in and never changes; the same address is the same scheme.
        std::ptr::eq(self.scheme, other.scheme) && self.children == other.children
    }
}

/// The state a tab starts with, from what [`storage::start`] found.
fn initial_state(scheme: &'static Scheme, start: &Start) -> State {
    let library = storage::names();
    let bank = storage::load_bank();
    let Some(copy) = &start.copy else {
        return State::new(scheme, scheme.baseline(), bank, library, start.notice.clone());
    };
    let mut state = State::new(scheme, copy.scenario.clone(), bank, library.clone(), start.notice.clone());
    let Some(name) = copy.name.clone() else { return state };
    // The name it was saved under may since have been renamed (the stamp moved with it) or deleted
    // by another tab.
    let name = if library.contains(&name) {
        name
    } else {
        match storage::elsewhere(Some(&name), copy.base.as_deref()) {
            crate::state::Elsewhere::Renamed { to, .. } => to,
            _ => {
                state.notice = Some(Notice::warning(format!(
                    "“{name}”已不在已保存的测算中（可能已在另一个窗口删除）。页面上的数字仍然保留，现在是未命名测算。"
                )));
                return state;
            }
        }
    };
    match storage::load_named(&name) {
        Ok(saved) => {
            let stamp = storage::stamp(&name);
            let mut state = state.named(name.clone(), copy.base.clone(), &saved);
            if let Some(stamp) = stamp.filter(|s| Some(s) != copy.base.as_ref()) {
                state.saved_elsewhere(&name, &stamp, saved, copy.modified);
            }
            state
        }
        Err(message) => {
            state.notice = Some(Notice::error(format!("{message} 页面上的数字仍然保留，现在是未命名测算。")));
            state
        }
    }
}

/// Holds the working scenario: loads this tab's copy at start, stashes it after every change,
/// listens to the other tabs and to Ctrl+S.
#[component]
pub fn ScenarioProvider(props: &ScenarioProviderProps) -> Html {
    let scheme = props.scheme;
    let start = use_memo((), move |()| storage::start(scheme));
    let state = {
        let start = start.clone();
        use_reducer(move || initial_state(scheme, &start))
    };
    let reader = use_mut_ref(|| None);
    // The copy taken over from a closed tab (or an earlier version) is removed only once this tab
    // has written its own, so that a failing write never loses it.
    let source = use_mut_ref(|| start.source.clone());
    let id = start.id.clone();

    {
        // Stash the working copy after every change, in an effect so that the reducer stays pure.
        let state = state.clone();
        let id = id.clone();
        let deps = (state.revision, state.name.clone(), state.base.clone(), state.modified);
        use_effect_with(deps, move |(_, name, base, modified)| {
            match storage::stash(&id, name.as_deref(), base.as_deref(), *modified, &state.scenario) {
                Ok(()) => {
                    if let Some(source) = source.borrow_mut().take() {
                        storage::forget(&source);
                    }
                    if state.stash_error.is_some() {
                        state.dispatch(Action::Stashed);
                    }
                }
                Err(reason) => state.dispatch(Action::StashFailed(reason)),
            }
        });
    }
    use_effect_with(state.bank.clone(), |bank| storage::save_bank(bank));
    use_effect_with(state.name.clone(), |name| {
        if let Some(name) = name {
            storage::remember_last(name);
        }
    });

    let version = state.version;
    let view_version = state.view_version;
    let views = ScenarioHandle { state: state.clone(), version: view_version, reader: reader.clone() };
    let document = DocumentHandle(ScenarioHandle { state, version, reader });

    {
        let document = document.clone();
        use_effect_with((), move |()| {
            // A share link the page was opened with.
            document.open_link();
            let listeners = listen(&document, id.clone());
            move || {
                drop(listeners);
                // Unmounted (the component tests do this): like leaving the page.
                storage::release(&id);
            }
        });
    }

    html! {
        <ContextProvider<DocumentHandle> context={document}>
            <ContextProvider<ScenarioHandle> context={views}>
                { props.children.clone() }
            </ContextProvider<ScenarioHandle>>
        </ContextProvider<DocumentHandle>>
    }
}

/// The window events the page answers: another tab changing the saved scenarios, leaving and
/// coming back to the page, and Ctrl+S / Cmd+S.
fn listen(handle: &DocumentHandle, id: String) -> Vec<EventListener> {
    let window = gloo::utils::window();
    let mut listeners = Vec::new();

    let other_tabs = handle.clone();
    listeners.push(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        if !storage::concerns_saved(event.key().as_deref()) {
            return;
        }
        let change = storage::elsewhere(other_tabs.state.name.as_deref(), other_tabs.state.base.as_deref());
        other_tabs.state.dispatch(Action::ChangedElsewhere { names: storage::names(), change });
    }));

    let linked = handle.clone();
    listeners.push(EventListener::new(&window, "hashchange", move |_| linked.open_link()));

    let leaving = id.clone();
    listeners.push(EventListener::new(&window, "pagehide", move |_| storage::release(&leaving)));
    listeners.push(EventListener::new(&window, "pageshow", move |event| {
        // Back from the back/forward cache: the page is live again and holds its copy.
        if event.dyn_ref::<web_sys::PageTransitionEvent>().is_some_and(|e| e.persisted()) {
            storage::claim(&id);
        }
    }));

    let saver = handle.clone();
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
            saver.save();
        }
    }));
    listeners
}
