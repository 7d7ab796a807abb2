//! The working scenario, shared by every component through a context (like Yew's
//! `examples/contexts`), and the domain methods that change it.
//!
//! Components never dispatch raw actions or touch storage: they call methods such as
//! [`ScenarioHandle::edit_bank`] or [`ScenarioHandle::save_as`]. The methods that do I/O (storage,
//! files) do it here, then dispatch the outcome, so that the reducer stays free of I/O.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use kaoping_engine::{CityField, Field, Scenario, Scheme, Settings};
use yew::prelude::*;

use crate::services::{files, storage};
use crate::state::{Action, Notice, State, Tab};

/// The handle every component gets from [`use_scenario`]: read the state through `Deref`, change
/// it through the methods.
#[derive(Clone)]
pub struct ScenarioHandle {
    state: UseReducerHandle<State>,
    /// The state's version when this handle was made. The reducer handle always reads the
    /// latest state, so comparing through it would find every two handles equal.
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
        f.debug_struct("ScenarioHandle").field("revision", &self.state.revision).finish_non_exhaustive()
    }
}

impl Deref for ScenarioHandle {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
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

    /// Back to the baseline (the caller has asked for confirmation).
    pub fn reset(&self) {
        self.state.dispatch(Action::Reset);
    }

    /// Hide the message above the page.
    pub fn dismiss_notice(&self) {
        self.state.dispatch(Action::DismissNotice);
    }

    /// Saves the working scenario under a name.
    pub fn save_as(&self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.notify(Notice::error("请先输入要保存的测算名称。"));
            return;
        }
        match storage::save_named(name, &self.state.scenario) {
            Ok(names) => self.state.dispatch(Action::Library {
                names,
                saved: true,
                name: Some(name.to_owned()),
                notice: Some(Notice::info(format!("已保存为“{name}”。"))),
            }),
            Err(message) => self.notify(Notice::error(message)),
        }
    }

    /// Replaces the working scenario with a saved one.
    pub fn open(&self, name: &str) {
        match storage::load_named(name) {
            Ok(scenario) => self.state.dispatch(Action::Replace {
                scenario,
                name: Some(name.to_owned()),
                notice: Some(Notice::info(format!("已打开“{name}”。"))),
            }),
            Err(message) => self.notify(Notice::error(message)),
        }
    }

    /// Renames a saved scenario.
    pub fn rename(&self, old: &str, new: &str) {
        let new = new.trim();
        if new.is_empty() {
            self.notify(Notice::error("请输入新的名称。"));
            return;
        }
        match storage::rename(old, new) {
            Ok(names) => {
                let current = self.state.name.clone();
                let name = if current.as_deref() == Some(old) { Some(new.to_owned()) } else { current };
                self.state.dispatch(Action::Library {
                    names,
                    saved: false,
                    name,
                    notice: Some(Notice::info(format!("已将“{old}”改名为“{new}”。"))),
                });
            }
            Err(message) => self.notify(Notice::error(message)),
        }
    }

    /// Copies a saved scenario under a new name.
    pub fn duplicate(&self, name: &str) {
        let copy = storage::free_name(&format!("{name} 副本"));
        let result = storage::load_named(name).and_then(|scenario| storage::save_named(&copy, &scenario));
        match result {
            Ok(names) => self.state.dispatch(Action::Library {
                names,
                saved: false,
                name: self.state.name.clone(),
                notice: Some(Notice::info(format!("已复制为“{copy}”。"))),
            }),
            Err(message) => self.notify(Notice::error(message)),
        }
    }

    /// Deletes a saved scenario (the working scenario is not touched).
    pub fn delete(&self, name: &str) {
        match storage::delete(name) {
            Ok(names) => {
                let current = self.state.name.clone().filter(|n| n != name);
                self.state.dispatch(Action::Library {
                    names,
                    saved: false,
                    name: current,
                    notice: Some(Notice::info(format!("已删除“{name}”。"))),
                });
            }
            Err(message) => self.notify(Notice::error(message)),
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

    /// Reads a picked file and, if it is a scenario the engine accepts, makes it the working one.
    /// Anything else is refused with a message and the working scenario stays exactly as it was.
    pub fn import(&self, file: web_sys::File) {
        let dispatcher = self.state.dispatcher();
        let file_name = file.name();
        let reader = files::read_text(file, move |result| {
            let scenario = result
                .and_then(|text| Scenario::from_json(&text).map_err(|e| format!("文件不是可用的测算文件：{}", e.zh())));
            dispatcher.dispatch(match scenario {
                Ok(scenario) => Action::Replace {
                    scenario,
                    name: None,
                    notice: Some(Notice::info(format!("已导入“{file_name}”。"))),
                },
                Err(message) => {
                    Action::Notify(Notice::error(format!("未导入“{file_name}”：{message} 当前测算未作任何改变。")))
                }
            });
        });
        *self.reader.borrow_mut() = reader;
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

/// The scenario context, for components below [`ScenarioProvider`].
#[hook]
pub fn use_scenario() -> ScenarioHandle {
    // Invariant: the app renders every component inside `ScenarioProvider`, so the context is
    // always there; the component tests render through the same provider.
    #[allow(clippy::expect_used)]
    use_context::<ScenarioHandle>().expect("components are rendered inside ScenarioProvider")
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

/// Holds the working scenario, loads it at start and saves it after every change.
#[component]
pub fn ScenarioProvider(props: &ScenarioProviderProps) -> Html {
    let scheme = props.scheme;
    let state = use_reducer(move || {
        let (scenario, notice) = storage::load_working(scheme);
        let mut state = State::new(scheme, scenario, storage::load_bank(), storage::names(), notice);
        // The name belongs to the stored working scenario; a damaged one was replaced by the
        // baseline, which has no name.
        if state.notice.as_ref().is_none_or(|n| n.level != crate::state::Level::Error) {
            state.name = storage::load_name();
        }
        state
    });
    let reader = use_mut_ref(|| None);

    {
        // Save after every change of the scenario, in an effect so that the reducer stays pure.
        // Revision 0 is the scenario as loaded: nothing to save, and a damaged stored copy is
        // left for the user to rescue until they change something.
        let state = state.clone();
        use_effect_with(state.revision, move |&revision| {
            if revision > 0 {
                if let Err(message) = storage::save_working(&state.scenario) {
                    state.dispatch(Action::Notify(Notice::error(message)));
                }
            }
        });
    }
    use_effect_with(state.bank.clone(), |bank| storage::save_bank(bank));
    use_effect_with(state.name.clone(), |name| storage::save_name(name.as_deref()));

    let version = state.version;
    let handle = ScenarioHandle { state, version, reader };
    html! {
        <ContextProvider<ScenarioHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<ScenarioHandle>>
    }
}
