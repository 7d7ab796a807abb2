//! The page's state and every change to it, as a reducer with no I/O.
//!
//! The state holds this tab's working copy of a scenario and the engine's evaluation of it. The
//! evaluation is worked out again by the reducer after every change to the scenario: the engine is
//! pure and takes microseconds, so every keystroke redraws with fresh figures and no component ever
//! computes a score itself.
//!
//! Scenarios behave like documents in an editor. The working copy is stashed in the browser after
//! every change (so nothing typed is lost on a reload), but it is *saved* under a name only when the
//! user says so. [`State::modified`] compares the working copy with what is saved under its name (or
//! with the baseline when it has none) as canonical `kaoping-scenario/1` text, so it is right after a
//! reload too. A request that would replace unsaved changes (open, import, reset) is held as a
//! [`Pending`] while a [`Prompt`] asks 保存 / 不保存 / 取消; the reducer decides when it goes ahead.
//!
//! The hook (`hooks::use_scenario`) does the I/O first (reading and writing storage, reading files)
//! and dispatches what happened, one [`Action`] per outcome; the reducer owns the rules that follow,
//! such as what the current name becomes after a rename or a delete.

use std::collections::BTreeMap;
use std::rc::Rc;

use kaoping_engine::{
    evaluate, BankInput, CityField, Evaluation, Field, Kind, Percent, Scenario, Scheme, Setting, SettingValue, Settings,
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
    /// 对比: the working scenario against a saved one or the baseline.
    Compare,
}

impl Tab {
    /// Every tab, in the order of the navigation.
    pub const ALL: [Tab; 5] = [Tab::Bank, Tab::City, Tab::Settings, Tab::Checks, Tab::Compare];

    /// The tab's Chinese title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Bank => "本行测算",
            Tab::City => "全市总览",
            Tab::Settings => "规则与设置",
            Tab::Checks => "数据核对",
            Tab::Compare => "对比",
        }
    }

    /// A stable key for element ids.
    pub fn key(self) -> &'static str {
        match self {
            Tab::Bank => "bank",
            Tab::City => "city",
            Tab::Settings => "settings",
            Tab::Checks => "checks",
            Tab::Compare => "compare",
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

/// What the user typed into one box, and why it is refused (if it is), worked out once when it
/// was typed, so that drawing the box never parses again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The whole text of the box, as typed.
    pub text: String,
    /// Why the text is not used, in Chinese; `None` when it counts.
    pub error: Option<String>,
}

impl Draft {
    fn new(text: String, reading: Result<(), String>) -> Self {
        Draft { text, error: reading.err() }
    }
}

/// How serious a notice is; decides its colour and whether screen readers are interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something worked (saved, imported).
    Info,
    /// Something the user should know before going on (another tab saved the same scenario).
    Warning,
    /// Something was refused or could not be read or written.
    Error,
}

/// A message shown above the page until dismissed or replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its seriousness.
    pub level: Level,
    /// The message, in Chinese.
    pub text: String,
    /// The scenario before an applied import or paste, which 撤销 in the notice brings back.
    pub undo: Option<Rc<Scenario>>,
}

impl Notice {
    /// A notice that something worked.
    pub fn info(text: impl Into<String>) -> Self {
        Notice { level: Level::Info, text: text.into(), undo: None }
    }

    /// A notice the user should read before going on.
    pub fn warning(text: impl Into<String>) -> Self {
        Notice { level: Level::Warning, text: text.into(), undo: None }
    }

    /// A notice that something was refused or failed.
    pub fn error(text: impl Into<String>) -> Self {
        Notice { level: Level::Error, text: text.into(), undo: None }
    }
}

/// A request that replaces the working copy, held while the user decides what to do with unsaved
/// changes. Every caller that replaces the working copy goes through it (a share link will too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Open a saved scenario (already read from storage).
    Open {
        /// Its name.
        name: String,
        /// Its figures.
        scenario: Scenario,
        /// Its saved-revision stamp when it was read.
        stamp: Option<String>,
    },
    /// Take a scenario from a file (already read and accepted by the engine).
    Import {
        /// The figures.
        scenario: Scenario,
        /// The file's name, for the messages.
        file_name: String,
    },
    /// Back to the baseline: every bank exactly on task.
    Reset,
    /// The scenario a share link carries (`#s=…`, already read).
    Link {
        /// The figures (and the name the sender gave it, if any).
        scenario: Scenario,
    },
    /// Values read from a spreadsheet, CSV file or pasted block, applied over the working copy as
    /// one edit (the preview was already confirmed).
    Apply {
        /// The working copy with the values applied.
        scenario: Scenario,
        /// How many values change.
        changes: usize,
        /// Where they came from (a file name, `粘贴内容`).
        source: String,
    },
}

impl Pending {
    /// What the request does, as the end of a Chinese question ("…前要保存吗？").
    pub fn describe(&self) -> String {
        match self {
            Pending::Open { name, .. } => format!("打开“{name}”"),
            Pending::Import { file_name, .. } => format!("导入“{file_name}”"),
            Pending::Reset => "重置为基准情景".to_owned(),
            Pending::Link { .. } => "打开分享链接".to_owned(),
            Pending::Apply { source, .. } => format!("导入“{source}”中的数据"),
        }
    }
}

/// A write that would replace a saved scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// The working copy saved under `name`.
    Save {
        /// The name written to.
        name: String,
    },
    /// The saved scenario `from` renamed to `to`.
    Rename {
        /// The old name.
        from: String,
        /// The new name, which is taken.
        to: String,
    },
}

/// Why a write would replace something the user may want.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// Another saved scenario has that name.
    Exists,
    /// Another tab saved this scenario after this tab opened (or last saved) it.
    ChangedElsewhere,
}

/// What the page asks the user, in a modal dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// The working copy has unsaved changes that the held request would replace: 保存 / 不保存 / 取消.
    Unsaved,
    /// A name to save the working copy under (另存为).
    Name,
    /// A write would replace a saved scenario: 覆盖 / 取消.
    Overwrite {
        /// The write waiting for the answer.
        write: Write,
        /// What it would replace.
        clash: Clash,
    },
}

/// The question open in the dialog, and the request waiting for it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What is asked.
    pub question: Question,
    /// What goes ahead once the working copy is saved or its changes are discarded.
    pub then: Option<Pending>,
}

/// A change to the saved scenarios made by another tab (seen through the `storage` event), as it
/// concerns the scenario this tab has open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elsewhere {
    /// Nothing that concerns this tab's scenario (the list of names may have changed).
    Unrelated,
    /// This tab's scenario was saved again, with a stamp this tab has not seen.
    Saved {
        /// Its name.
        name: String,
        /// The new stamp.
        stamp: String,
        /// The figures now saved.
        scenario: Scenario,
    },
    /// This tab's scenario was renamed (its stamp is now under another name).
    Renamed {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// This tab's scenario is no longer saved.
    Deleted {
        /// Its name.
        name: String,
    },
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct State {
    /// The scheme of the year (banks, annexes, rules).
    pub scheme: &'static Scheme,
    /// This tab's working copy of the scenario.
    pub scenario: Scenario,
    /// The engine's evaluation of [`State::scenario`], always current.
    pub evaluation: Rc<Evaluation>,
    /// Bumped by every change of any kind; the page frame and the scenario bar redraw on it.
    pub version: u64,
    /// Bumped by the changes the views show (the scenario, the boxes' text, the tab, the bank), so
    /// that a message, a dialog or a save does not redraw the forms and tables.
    pub view_version: u64,
    /// Bumped on every change to the scenario.
    pub revision: u64,
    /// Bumped when a whole scenario replaces the old one (open, import, reset), which drops drafts.
    pub generation: u64,
    /// The text of every box the user has typed into since the scenario was loaded, so that what
    /// they typed stays in the box (valid or not) while the last valid figure keeps counting.
    pub drafts: BTreeMap<FieldId, Draft>,
    /// The page shown.
    pub tab: Tab,
    /// The bank shown on 本行测算 (an id of the scheme).
    pub bank: String,
    /// The name the working copy is saved under, if it has one.
    pub name: Option<String>,
    /// The saved-revision stamp of [`State::name`] that the working copy started from (opened or
    /// last saved in this tab). A save that finds another stamp in storage asks before overwriting.
    pub base: Option<String>,
    /// A stamp of [`State::name`] saved by another tab and already reported, so each is told once.
    pub seen_elsewhere: Option<String>,
    /// The canonical text the working copy is compared with: the saved scenario of that name, or
    /// the baseline when it has no name.
    reference: Rc<str>,
    /// Whether the working copy differs from what is saved (or, unnamed, from the baseline).
    pub modified: bool,
    /// The names of the saved scenarios.
    pub library: Vec<String>,
    /// The message shown above the page.
    pub notice: Option<Notice>,
    /// The question open in the dialog, if any.
    pub prompt: Option<Prompt>,
    /// Why the working copy could not be stashed in the browser (storage full or switched off);
    /// its figures are then only in this page.
    pub stash_error: Option<String>,
    /// The scenario before an import applied just now, handed to its notice.
    undo: Option<Rc<Scenario>>,
    /// Values read from a file or a pasted block, shown in the import preview until applied or
    /// closed.
    pub sheet: Option<SheetImport>,
}

/// Values read from a spreadsheet, CSV file or pasted block (by the spreadsheet module), and what
/// applying them would do to the working copy as it was when they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetImport {
    /// Where the values came from (the file's name, or 粘贴内容).
    pub source: String,
    /// Every change and refused cell, for the preview.
    pub preview: Rc<kaoping_sheets::Preview>,
    /// The working copy with every value applied, or why nothing can be (all or nothing).
    pub applied: Rc<Result<Scenario, Vec<kaoping_sheets::Problem>>>,
    /// The working copy the values were read against: applying over anything else would undo what
    /// was typed since, so it is refused.
    pub against: Rc<Scenario>,
}

/// A change to the state: what the user did, or what happened after the hook did the I/O.
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
        /// The fact.
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
    /// A saved scenario was read to be opened. It is opened at once, or held behind the
    /// unsaved-changes question.
    Opened {
        /// Its name.
        name: String,
        /// Its figures.
        scenario: Scenario,
        /// Its saved-revision stamp.
        stamp: Option<String>,
    },
    /// A file was read and the engine accepted it. It replaces the working copy at once, or is held
    /// behind the unsaved-changes question.
    Imported {
        /// The figures.
        scenario: Scenario,
        /// The file's name.
        file_name: String,
    },
    /// The user asked for the baseline; done at once, or held behind the unsaved-changes question.
    Reset,
    /// A share link was read; it replaces the working copy at once, or is held behind the
    /// unsaved-changes question.
    LinkOpened(Scenario),
    /// The user confirmed an import preview (spreadsheet, CSV, pasted block): the values are applied
    /// as one edit, at once or behind the unsaved-changes question, and can be undone.
    Applied {
        /// The working copy with the values applied.
        scenario: Scenario,
        /// How many values change.
        changes: usize,
        /// Where they came from.
        source: String,
    },
    /// 撤销 in the notice of an applied import: the scenario before it comes back.
    Undo,
    /// Values were read from a file or a pasted block: show the preview.
    Previewed(SheetImport),
    /// The preview was closed (or applied).
    PreviewClosed,
    /// The user answered 不保存: the held request goes ahead and the unsaved changes are dropped.
    Discarded,
    /// The user answered 取消 (or pressed Esc): nothing happens.
    Cancelled,
    /// Ask the user something; a request already held stays held.
    Ask(Question),
    /// The working copy was written under `name`. A held request goes ahead.
    Saved {
        /// The name.
        name: String,
        /// Its new saved-revision stamp.
        stamp: String,
        /// The names now saved.
        names: Vec<String>,
    },
    /// A saved scenario was renamed (replacing one of the new name, if the user said so).
    Renamed {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
        /// The names now saved.
        names: Vec<String>,
    },
    /// A saved scenario was copied under a new name.
    Copied {
        /// The copy's name.
        copy: String,
        /// The names now saved.
        names: Vec<String>,
    },
    /// A saved scenario was deleted.
    Deleted {
        /// Its name.
        name: String,
        /// The names now saved.
        names: Vec<String>,
    },
    /// Another tab changed the saved scenarios.
    ChangedElsewhere {
        /// The names now saved.
        names: Vec<String>,
        /// What it means for this tab's scenario.
        change: Elsewhere,
    },
    /// The working copy could not be stashed in the browser (the reason, in Chinese).
    StashFailed(String),
    /// The working copy was stashed.
    Stashed,
    /// Show another bank on 本行测算.
    SelectBank(String),
    /// Show another page.
    SelectTab(Tab),
    /// Open a bank on 本行测算 (from the city table).
    OpenBank(String),
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
}

/// What an action changed, which decides who redraws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Nothing: the old state is kept and nothing redraws.
    Nothing,
    /// Only what the page frame and the scenario bar show (messages, the dialog, names, status).
    Status,
    /// Something the views show.
    View,
}

/// The scenario's `kaoping-scenario/1` text with its banks in annex order: two working copies with
/// the same figures have the same text however the banks came to be listed.
pub fn canonical(scheme: &Scheme, scenario: &Scenario) -> String {
    let mut sorted = scenario.clone();
    sorted.banks.sort_by_key(|bank| scheme.bank_index(&bank.id).unwrap_or(usize::MAX));
    sorted.to_json()
}

impl State {
    /// The state at start: an unnamed working copy (from storage or the baseline) and what else was
    /// remembered. [`State::named`] gives it its name.
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
        let mut state = State {
            scheme,
            scenario,
            evaluation,
            version: 0,
            view_version: 0,
            revision: 0,
            generation: 0,
            drafts: BTreeMap::new(),
            tab: Tab::Bank,
            bank,
            name: None,
            base: None,
            seen_elsewhere: None,
            reference: canonical(scheme, &scheme.baseline()).into(),
            modified: false,
            library,
            notice,
            prompt: None,
            stash_error: None,
            undo: None,
            sheet: None,
        };
        state.compare();
        state
    }

    /// The same state, its working copy being the scenario saved as `name` (with the stamp it was
    /// opened at) and `saved` what is saved under that name now.
    pub fn named(mut self, name: String, base: Option<String>, saved: &Scenario) -> Self {
        self.name = Some(name);
        self.base = base;
        self.reference = canonical(self.scheme, saved).into();
        self.compare();
        self
    }

    /// What the box shows: the user's own text if they typed, else the figure in the scenario.
    pub fn text(&self, id: &FieldId) -> String {
        if let Some(draft) = self.drafts.get(id) {
            return draft.text.clone();
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
        self.drafts.get(id).and_then(|draft| draft.error.clone())
    }

    /// Whether the working copy has changes that are not saved under its name (or, unnamed, any
    /// change from the baseline).
    pub fn unsaved(&self) -> bool {
        self.modified
    }

    /// The number of boxes whose text is refused, for the summary.
    pub fn error_count(&self) -> usize {
        self.drafts.values().filter(|draft| draft.error.is_some()).count()
    }

    /// Another tab saved this tab's scenario again (`stamp`, with `saved` figures). `had_changes`
    /// says whether the working copy had unsaved changes against the version it started from.
    ///
    /// Without changes, the working copy follows the saved figures (as an editor reloads a file
    /// changed on disk); with changes, they are kept and the user is told, and a later save here
    /// asks before overwriting. Either way it is said, never done silently. Returns whether
    /// anything changed.
    pub fn saved_elsewhere(&mut self, name: &str, stamp: &str, saved: Scenario, had_changes: bool) -> bool {
        let seen = |s: &Option<String>| s.as_deref() == Some(stamp);
        if self.name.as_deref() != Some(name) || seen(&self.base) || seen(&self.seen_elsewhere) {
            return false;
        }
        let saved_text: Rc<str> = canonical(self.scheme, &saved).into();
        if had_changes {
            self.reference = saved_text;
            self.compare();
            if self.modified {
                self.seen_elsewhere = Some(stamp.to_owned());
                self.notice = Some(Notice::warning(format!(
                    "另一个窗口保存了“{name}”的新版本。本页面上未保存的修改仍然保留；在这里保存时会先询问是否覆盖那个版本。"
                )));
            } else {
                // The other tab saved the very figures shown here: this copy is saved too.
                self.base = Some(stamp.to_owned());
                self.seen_elsewhere = None;
            }
        } else {
            self.replace(saved, saved_text);
            self.base = Some(stamp.to_owned());
            self.seen_elsewhere = None;
            self.notice = Some(Notice::info(format!("另一个窗口保存了“{name}”，本页面已换成保存后的数字。")));
        }
        true
    }

    /// Works out [`State::modified`] again.
    fn compare(&mut self) {
        self.modified = canonical(self.scheme, &self.scenario) != *self.reference;
    }

    fn scenario_changed(&mut self) {
        self.evaluation = Rc::new(evaluate(self.scheme, &self.scenario));
        self.revision = self.revision.wrapping_add(1);
        self.compare();
    }

    /// A whole scenario replaces the working copy, compared from now on with `reference`.
    fn replace(&mut self, scenario: Scenario, reference: Rc<str>) {
        self.scenario = scenario;
        self.reference = reference;
        self.drafts.clear();
        self.generation = self.generation.wrapping_add(1);
        self.scenario_changed();
    }

    /// The working copy loses its name: its figures stay, now compared with the baseline.
    fn unname(&mut self) {
        self.name = None;
        self.base = None;
        self.seen_elsewhere = None;
        self.reference = canonical(self.scheme, &self.scheme.baseline()).into();
        self.compare();
    }

    /// Carries out a request that replaces the working copy; returns what to tell the user.
    fn go(&mut self, pending: Pending) -> String {
        match pending {
            Pending::Open { name, scenario, stamp } => {
                let reference = canonical(self.scheme, &scenario).into();
                self.replace(scenario, reference);
                let told = format!("已打开“{name}”。");
                self.name = Some(name);
                self.base = stamp;
                self.seen_elsewhere = None;
                told
            }
            Pending::Import { scenario, file_name } => {
                self.unname();
                let reference = self.reference.clone();
                self.replace(scenario, reference);
                if self.modified {
                    format!("已导入“{file_name}”。它还没有保存在本浏览器中：点“保存”给它起个名称。")
                } else {
                    format!("已导入“{file_name}”（与基准情景相同）。")
                }
            }
            Pending::Reset => {
                self.unname();
                let reference = self.reference.clone();
                self.replace(self.scheme.baseline(), reference);
                "已重置为基准情景：各行均按任务完成。".to_owned()
            }
            Pending::Link { scenario } => {
                self.unname();
                let reference = self.reference.clone();
                let told = match scenario.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                    Some(name) => {
                        format!("已打开分享链接中的测算“{name}”。它还没有保存在本浏览器中：点“保存”给它起个名称。")
                    }
                    None => "已打开分享链接中的测算。它还没有保存在本浏览器中：点“保存”给它起个名称。".to_owned(),
                };
                self.replace(scenario, reference);
                told
            }
            Pending::Apply { scenario, changes, source } => {
                // An edit, not a new document: the name stays, the old figures can come back.
                let previous = Rc::new(std::mem::replace(&mut self.scenario, scenario));
                self.drafts.clear();
                self.generation = self.generation.wrapping_add(1);
                self.scenario_changed();
                self.undo = Some(previous);
                format!("已导入 {changes} 项修改（来自“{source}”）。")
            }
        }
    }

    /// A request that replaces the working copy: done at once when nothing unsaved would be lost,
    /// else held while the user is asked.
    fn request(&mut self, pending: Pending) -> Change {
        if self.prompt.is_some() {
            // One question at a time; the dialog is modal, so only a late file read gets here.
            self.notice = Some(Notice::error(format!("请先回答对话框中的问题，再{}。", pending.describe())));
            return Change::Status;
        }
        if self.modified {
            self.prompt = Some(Prompt { question: Question::Unsaved, then: Some(pending) });
            Change::Status
        } else {
            let told = self.go(pending);
            self.notice = Some(self.told(told));
            Change::View
        }
    }

    /// The notice after a request went ahead, with 撤销 when it was an applied import.
    fn told(&mut self, text: String) -> Notice {
        Notice { undo: self.undo.take(), ..Notice::info(text) }
    }

    fn apply(&mut self, action: Action) -> Change {
        match action {
            Action::EditBank { bank, field, text } => {
                // Only a bank of the scheme can be edited; anything else would make a scenario the
                // engine refuses to read back.
                if !self.scheme.banks.iter().any(|b| b.id == bank) {
                    return Change::Nothing;
                }
                let mut edited = self.scenario.bank(&bank).cloned().unwrap_or_else(|| BankInput::new(&bank));
                let reading = field.enter(&mut edited, &text);
                let valid = reading.is_ok();
                self.drafts.insert(FieldId::Bank(bank.clone(), field), Draft::new(text, reading));
                if valid {
                    *self.scenario.bank_mut(&bank) = edited;
                    self.scenario_changed();
                }
                Change::View
            }
            Action::SetFlag { bank, flag, value } => {
                if flag.kind() != Kind::Flag || !self.scheme.banks.iter().any(|b| b.id == bank) {
                    return Change::Nothing;
                }
                if flag.set(self.scenario.bank_mut(&bank), value.then_some(Decimal::ONE)).is_err() {
                    return Change::Nothing;
                }
                self.scenario_changed();
                Change::View
            }
            Action::EditCity { field, text } => {
                let mut city = self.scenario.city;
                let reading = field.enter(&mut city, &text);
                let valid = reading.is_ok();
                self.drafts.insert(FieldId::City(field), Draft::new(text, reading));
                if valid {
                    self.scenario.city = city;
                    self.scenario_changed();
                }
                Change::View
            }
            Action::EditGreenTarget(text) => {
                let reading = read_green_target(&text);
                let rate = reading.as_ref().ok().copied();
                self.drafts.insert(FieldId::GreenTarget, Draft::new(text, reading.map(|_| ())));
                if let Some(rate) = rate {
                    self.scenario.settings.green_target_growth_pct = rate;
                    self.scenario_changed();
                }
                Change::View
            }
            Action::SetSettings(settings) => {
                let green = self.scenario.settings.green_target_growth_pct;
                self.scenario.settings = Settings { green_target_growth_pct: green, ..settings };
                self.scenario_changed();
                Change::View
            }
            Action::Opened { name, scenario, stamp } => self.request(Pending::Open { name, scenario, stamp }),
            Action::Imported { scenario, file_name } => self.request(Pending::Import { scenario, file_name }),
            Action::Reset => self.request(Pending::Reset),
            Action::LinkOpened(scenario) => self.request(Pending::Link { scenario }),
            Action::Applied { scenario, changes, source } => self.request(Pending::Apply { scenario, changes, source }),
            Action::Previewed(sheet) => {
                self.sheet = Some(sheet);
                Change::Status
            }
            Action::PreviewClosed => match self.sheet.take() {
                Some(_) => Change::Status,
                None => Change::Nothing,
            },
            Action::Undo => {
                let Some(previous) = self.notice.as_mut().and_then(|n| n.undo.take()) else { return Change::Nothing };
                self.scenario = (*previous).clone();
                self.drafts.clear();
                self.generation = self.generation.wrapping_add(1);
                self.scenario_changed();
                self.notice = Some(Notice::info("已撤销导入，恢复为导入前的数字。"));
                Change::View
            }
            Action::Discarded => match self.prompt.take() {
                Some(Prompt { then: Some(pending @ Pending::Apply { .. }), .. }) => {
                    // The values were read over the unsaved changes, so they stay under them.
                    let told = self.go(pending);
                    self.notice = Some(self.told(told));
                    Change::View
                }
                Some(Prompt { then: Some(pending), .. }) => {
                    let told = self.go(pending);
                    self.notice = Some(Notice::info(format!("未保存的修改已放弃。{told}")));
                    Change::View
                }
                Some(_) => Change::Status,
                None => Change::Nothing,
            },
            Action::Cancelled => match self.prompt.take() {
                Some(_) => Change::Status,
                None => Change::Nothing,
            },
            Action::Ask(question) => {
                let then = self.prompt.take().and_then(|p| p.then);
                self.prompt = Some(Prompt { question, then });
                Change::Status
            }
            Action::Saved { name, stamp, names } => {
                self.library = names;
                let mut told = format!("已保存“{name}”。");
                self.name = Some(name);
                self.base = Some(stamp);
                self.seen_elsewhere = None;
                self.reference = canonical(self.scheme, &self.scenario).into();
                self.modified = false;
                let change = match self.prompt.take().and_then(|p| p.then) {
                    Some(pending) => {
                        told.push_str(&self.go(pending));
                        Change::View
                    }
                    None => Change::Status,
                };
                self.notice = Some(self.told(told));
                change
            }
            Action::Renamed { from, to, names } => {
                self.library = names;
                self.prompt = None;
                // The working copy follows its scenario to the new name; if the rename replaced the
                // scenario open here, what was saved under its name is gone, so it has none.
                let current = self.name.clone();
                if current.as_deref() == Some(from.as_str()) {
                    self.name = Some(to.clone());
                } else if current.as_deref() == Some(to.as_str()) {
                    self.unname();
                }
                self.notice = Some(Notice::info(format!("已将“{from}”改名为“{to}”。")));
                Change::Status
            }
            Action::Copied { copy, names } => {
                self.library = names;
                self.notice = Some(Notice::info(format!("已复制为“{copy}”。")));
                Change::Status
            }
            Action::Deleted { name, names } => {
                self.library = names;
                if self.name.as_deref() == Some(name.as_str()) {
                    // The figures stay on the page; they are now only in the working copy.
                    self.unname();
                    self.notice = Some(Notice::info(format!(
                        "已删除“{name}”。页面上的数字仍然保留，现在是未命名测算（可再“保存”）。"
                    )));
                } else {
                    self.notice = Some(Notice::info(format!("已删除“{name}”。")));
                }
                Change::Status
            }
            Action::ChangedElsewhere { names, change } => {
                let listed = names != self.library;
                self.library = names;
                let changed = match change {
                    Elsewhere::Unrelated => false,
                    Elsewhere::Saved { name, stamp, scenario } => {
                        let had_changes = self.modified;
                        let generation = self.generation;
                        let changed = self.saved_elsewhere(&name, &stamp, scenario, had_changes);
                        if changed && self.generation != generation {
                            return Change::View;
                        }
                        changed
                    }
                    Elsewhere::Renamed { from, to } if self.name.as_deref() == Some(from.as_str()) => {
                        self.notice =
                            Some(Notice::info(format!("另一个窗口把“{from}”改名为“{to}”，本页面随之改用新名称。")));
                        self.name = Some(to);
                        true
                    }
                    Elsewhere::Deleted { name } if self.name.as_deref() == Some(name.as_str()) => {
                        self.unname();
                        self.notice = Some(Notice::warning(format!(
                            "另一个窗口删除了“{name}”。本页面上的数字仍然保留，现在是未命名测算（可再“保存”）。"
                        )));
                        true
                    }
                    Elsewhere::Renamed { .. } | Elsewhere::Deleted { .. } => false,
                };
                if changed || listed {
                    Change::Status
                } else {
                    Change::Nothing
                }
            }
            Action::StashFailed(reason) => {
                if self.stash_error.as_deref() == Some(reason.as_str()) {
                    return Change::Nothing;
                }
                self.notice = Some(Notice::error(format!(
                    "未能把修改暂存在本浏览器：{reason}。数字仍在本页面上，但关闭或刷新页面就会丢失；请先“导出文件”，或删除不用的已保存测算后再试。"
                )));
                self.stash_error = Some(reason);
                Change::Status
            }
            Action::Stashed => match self.stash_error.take() {
                Some(_) => Change::Status,
                None => Change::Nothing,
            },
            Action::SelectBank(bank) => {
                if bank == self.bank || !self.scheme.banks.iter().any(|b| b.id == bank) {
                    return Change::Nothing;
                }
                self.bank = bank;
                Change::View
            }
            Action::SelectTab(tab) => {
                if tab == self.tab {
                    return Change::Nothing;
                }
                self.tab = tab;
                Change::View
            }
            Action::OpenBank(bank) => {
                if !self.scheme.banks.iter().any(|b| b.id == bank) {
                    return Change::Nothing;
                }
                self.bank = bank;
                self.tab = Tab::Bank;
                Change::View
            }
            Action::Notify(notice) => {
                self.notice = Some(notice);
                Change::Status
            }
            Action::DismissNotice => match self.notice.take() {
                Some(_) => Change::Status,
                None => Change::Nothing,
            },
        }
    }
}

/// The green rate as typed, read by the engine's settings table: its bounds and its words.
fn read_green_target(text: &str) -> Result<Option<Percent>, String> {
    match Setting::GreenTargetGrowth.enter(text)? {
        SettingValue::Number(value) => value.map(Percent::new).transpose().map_err(|e| e.zh()),
        SettingValue::Choice(_) => Ok(None),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match next.apply(action) {
            // The same Rc: Yew does not redraw anything.
            Change::Nothing => self,
            Change::Status => {
                next.version = self.version.wrapping_add(1);
                Rc::new(next)
            }
            Change::View => {
                next.version = self.version.wrapping_add(1);
                next.view_version = self.view_version.wrapping_add(1);
                Rc::new(next)
            }
        }
    }
}
