//! The page's state and every change to it, as a reducer with no I/O.
//!
//! The state holds the working scenario and the engine's evaluation of it. The evaluation is worked
//! out again by the reducer after every change to the scenario: the engine is pure and takes
//! microseconds, so every keystroke redraws with fresh figures and no component ever computes a
//! score itself. Saving to localStorage happens in an effect that watches [`State::revision`]
//! (see `hooks::use_scenario`), never here.

use std::collections::BTreeMap;
use std::rc::Rc;

use kaoping_engine::{
    evaluate, normalize, BankInput, CityField, Evaluation, Field, Kind, Percent, Scenario, Scheme, Settings, TypedText,
    Unit,
};
use rust_decimal::Decimal;
use yew::Reducible;

/// The four pages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 本行测算: one bank's form and score sheet.
    Bank,
    /// 全市总览: all sixteen banks in one table.
    City,
    /// 规则与设置: interpretation settings, city figures, department scores.
    Settings,
    /// 数据核对: the annex checks.
    Checks,
}

impl Tab {
    /// Every tab, in the order of the navigation.
    pub const ALL: [Tab; 4] = [Tab::Bank, Tab::City, Tab::Settings, Tab::Checks];

    /// The tab's Chinese title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Bank => "本行测算",
            Tab::City => "全市总览",
            Tab::Settings => "规则与设置",
            Tab::Checks => "数据核对",
        }
    }

    /// A stable key for element ids.
    pub fn key(self) -> &'static str {
        match self {
            Tab::Bank => "bank",
            Tab::City => "city",
            Tab::Settings => "settings",
            Tab::Checks => "checks",
        }
    }
}

/// An input box whose text the user has typed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldId {
    /// A figure of one bank.
    Bank(String, Field),
    /// A typed city-wide figure.
    City(CityField),
    /// The green task growth rate setting.
    GreenTarget,
}

impl FieldId {
    /// The element id of the box, unique on the page.
    pub fn element_id(&self) -> String {
        match self {
            FieldId::Bank(bank, field) => format!("f-{bank}-{}", field.key().replace('.', "-")),
            FieldId::City(field) => format!("f-city-{}", field.key()),
            FieldId::GreenTarget => "f-settings-green_target_growth_pct".to_owned(),
        }
    }
}

/// How serious a notice is; decides its colour and whether screen readers are interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something worked (saved, imported).
    Info,
    /// Something was refused or could not be read; nothing was changed.
    Error,
}

/// A message shown above the page until dismissed or replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its seriousness.
    pub level: Level,
    /// The message, in Chinese.
    pub text: String,
}

impl Notice {
    /// A notice that something worked.
    pub fn info(text: impl Into<String>) -> Self {
        Notice { level: Level::Info, text: text.into() }
    }

    /// A notice that something was refused.
    pub fn error(text: impl Into<String>) -> Self {
        Notice { level: Level::Error, text: text.into() }
    }
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct State {
    /// The scheme of the year (banks, annexes, rules).
    pub scheme: &'static Scheme,
    /// The working scenario.
    pub scenario: Scenario,
    /// The engine's evaluation of [`State::scenario`], always current.
    pub evaluation: Rc<Evaluation>,
    /// Bumped by every change of any kind: the context compares it to decide whether the
    /// components below it redraw.
    pub version: u64,
    /// Bumped on every change to the scenario; the save effect watches it.
    pub revision: u64,
    /// Bumped when a whole scenario replaces the old one (open, import, reset), which drops drafts.
    pub generation: u64,
    /// The text of every box the user has typed into since the scenario was loaded, so that what
    /// they typed stays in the box (valid or not) while the last valid figure keeps counting.
    pub drafts: BTreeMap<FieldId, String>,
    /// The page shown.
    pub tab: Tab,
    /// The bank shown on 本行测算 (an id of the scheme).
    pub bank: String,
    /// The name of the saved scenario the working one came from, if any.
    pub name: Option<String>,
    /// The [`State::revision`] at which the working scenario was last saved under its name or
    /// opened, so the page can say when it has changed since.
    pub saved_revision: u64,
    /// The names of the saved scenarios.
    pub library: Vec<String>,
    /// The message shown above the page.
    pub notice: Option<Notice>,
}

/// A change to the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// The user typed into a bank's box.
    EditBank {
        /// The bank's id.
        bank: String,
        /// The figure.
        field: Field,
        /// The whole text of the box.
        text: String,
    },
    /// The user ticked or cleared a bank's checkbox.
    SetFlag {
        /// The bank's id.
        bank: String,
        /// The fact: a field of kind [`Kind::Flag`].
        flag: Field,
        /// Ticked or not.
        value: bool,
    },
    /// The user typed a city-wide figure.
    EditCity {
        /// The figure.
        field: CityField,
        /// The whole text of the box.
        text: String,
    },
    /// The user typed the green task growth rate.
    EditGreenTarget(String),
    /// The user chose an interpretation setting (the green rate is kept as it is).
    SetSettings(Settings),
    /// A whole scenario replaces the working one (opened, imported).
    Replace {
        /// The new scenario.
        scenario: Scenario,
        /// Its saved name, if it has one.
        name: Option<String>,
        /// What to tell the user.
        notice: Option<Notice>,
    },
    /// Back to the baseline: every bank exactly on task.
    Reset,
    /// Show another bank on 本行测算.
    SelectBank(String),
    /// Show another page.
    SelectTab(Tab),
    /// Open a bank on 本行测算 (from the city table).
    OpenBank(String),
    /// The saved scenarios changed (after the hook wrote them).
    Library {
        /// The names now saved.
        names: Vec<String>,
        /// Whether the working scenario itself was just saved under `name`.
        saved: bool,
        /// The working scenario's name now.
        name: Option<String>,
        /// What to tell the user.
        notice: Option<Notice>,
    },
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
}

impl State {
    /// The state at start: a scenario (from storage or the baseline) and what else was remembered.
    pub fn new(
        scheme: &'static Scheme,
        scenario: Scenario,
        bank: Option<String>,
        library: Vec<String>,
        notice: Option<Notice>,
    ) -> Self {
        let evaluation = Rc::new(evaluate(scheme, &scenario));
        // A remembered bank that is not (or no longer) in the scheme falls back to the first.
        let bank = bank
            .filter(|id| scheme.banks.iter().any(|b| &b.id == id))
            .or_else(|| scheme.banks.first().map(|b| b.id.clone()))
            .unwrap_or_default();
        State {
            scheme,
            scenario,
            evaluation,
            version: 0,
            revision: 0,
            generation: 0,
            drafts: BTreeMap::new(),
            tab: Tab::Bank,
            bank,
            name: None,
            saved_revision: 0,
            library,
            notice,
        }
    }

    /// What the box shows: the user's own text if they typed, else the figure in the scenario.
    pub fn text(&self, id: &FieldId) -> String {
        if let Some(draft) = self.drafts.get(id) {
            return draft.clone();
        }
        let value = match id {
            FieldId::Bank(bank, field) => self.scenario.bank(bank).and_then(|b| field.get(b)),
            FieldId::City(field) => field.get(&self.scenario.city),
            FieldId::GreenTarget => self.scenario.settings.green_target_growth_pct.map(Percent::get),
        };
        value.map(crate::format::plain).unwrap_or_default()
    }

    /// Why the box's text is not used, in Chinese, or `None` when it is fine.
    pub fn error(&self, id: &FieldId) -> Option<String> {
        let draft = self.drafts.get(id)?;
        // The draft is read again into a throwaway copy: the same code decides as when it was typed.
        match id {
            FieldId::Bank(_, field) => field.enter(&mut BankInput::default(), draft).err(),
            FieldId::City(field) => field.enter(&mut Default::default(), draft).err(),
            FieldId::GreenTarget => read_green_target(draft).err(),
        }
    }

    /// Whether the working scenario has changed since it was saved under its name or opened.
    pub fn unsaved(&self) -> bool {
        self.name.is_some() && self.revision != self.saved_revision
    }

    /// The number of boxes whose text is refused, for the summary.
    pub fn error_count(&self) -> usize {
        self.drafts.keys().filter(|id| self.error(id).is_some()).count()
    }

    fn scenario_changed(&mut self) {
        self.evaluation = Rc::new(evaluate(self.scheme, &self.scenario));
        self.revision = self.revision.wrapping_add(1);
    }

    fn replace(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.drafts.clear();
        self.generation = self.generation.wrapping_add(1);
        self.scenario_changed();
    }
}

fn read_green_target(text: &str) -> Result<Option<Percent>, String> {
    match normalize(text, Unit::Percent)? {
        TypedText::Empty => Ok(None),
        TypedText::Plain(plain) => Percent::parse(&plain).map(Some).map_err(|e| e.zh()),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditBank { bank, field, text } => {
                // Only a bank of the scheme can be edited; anything else would make a scenario the
                // engine refuses to read back.
                if !next.scheme.banks.iter().any(|b| b.id == bank) {
                    return self;
                }
                let mut edited = next.scenario.bank(&bank).cloned().unwrap_or_else(|| BankInput::new(&bank));
                let valid = field.enter(&mut edited, &text).is_ok();
                next.drafts.insert(FieldId::Bank(bank.clone(), field), text);
                if valid {
                    *next.scenario.bank_mut(&bank) = edited;
                    next.scenario_changed();
                }
            }
            Action::SetFlag { bank, flag, value } => {
                if flag.kind() != Kind::Flag || !next.scheme.banks.iter().any(|b| b.id == bank) {
                    return self;
                }
                if flag.set(next.scenario.bank_mut(&bank), value.then_some(Decimal::ONE)).is_err() {
                    return self;
                }
                next.scenario_changed();
            }
            Action::EditCity { field, text } => {
                let mut city = next.scenario.city;
                let valid = field.enter(&mut city, &text).is_ok();
                next.drafts.insert(FieldId::City(field), text);
                if valid {
                    next.scenario.city = city;
                    next.scenario_changed();
                }
            }
            Action::EditGreenTarget(text) => {
                let reading = read_green_target(&text);
                next.drafts.insert(FieldId::GreenTarget, text);
                if let Ok(rate) = reading {
                    next.scenario.settings.green_target_growth_pct = rate;
                    next.scenario_changed();
                }
            }
            Action::SetSettings(settings) => {
                let green = next.scenario.settings.green_target_growth_pct;
                next.scenario.settings = Settings { green_target_growth_pct: green, ..settings };
                next.scenario_changed();
            }
            Action::Replace { scenario, name, notice } => {
                next.replace(scenario);
                next.saved_revision = next.revision;
                next.name = name;
                next.notice = notice;
            }
            Action::Reset => {
                next.replace(next.scheme.baseline());
                next.name = None;
                next.notice = Some(Notice::info("已重置为基准情景：各行均按任务完成。"));
            }
            Action::SelectBank(bank) => {
                if next.scheme.banks.iter().any(|b| b.id == bank) {
                    next.bank = bank;
                }
            }
            Action::SelectTab(tab) => next.tab = tab,
            Action::OpenBank(bank) => {
                if next.scheme.banks.iter().any(|b| b.id == bank) {
                    next.bank = bank;
                    next.tab = Tab::Bank;
                }
            }
            Action::Library { names, saved, name, notice } => {
                next.library = names;
                if saved {
                    next.saved_revision = next.revision;
                }
                next.name = name;
                if notice.is_some() {
                    next.notice = notice;
                }
            }
            Action::Notify(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
        }
        next.version = self.version.wrapping_add(1);
        Rc::new(next)
    }
}
