//! The view state: what the page shows and asks, apart from the document it shows it of — the page
//! (tab) and bank shown, the message above the page, the question in the dialog, the import preview,
//! and the mirror of the saved scenarios' list.

use std::rc::Rc;

use kaoping_engine::Scenario;
use kaoping_sheets::job::Job;
use kaoping_sheets::MapTo;

/// The pages of the app, in the order of the navigation.
///
/// Adding a page: a variant here, a row in [`Tab::ALL`] and in `title`/`key`, and its view in the
/// page's `app.rs` (`kaoping-web`); the navigation, the skip link and the print header follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// 本行测算: one bank's form and score sheet.
    Bank,
    /// 全市总览: all sixteen banks in one table.
    City,
    /// 资金存放: the public funds of 四(四), each placed by its department's composite.
    Deposits,
    /// 规则与设置: interpretation settings, city figures, department scores.
    Settings,
    /// 数据核对: what the user typed and the annexes, checked.
    Checks,
    /// 对比: the working scenario against a saved one or the baseline.
    Compare,
    /// 通报: the 名单 of the result as the government publishes it, printable (issue 17).
    Notice,
}

impl Tab {
    /// Every page, in the order of the navigation.
    pub const ALL: [Tab; 7] =
        [Tab::Bank, Tab::City, Tab::Deposits, Tab::Settings, Tab::Checks, Tab::Compare, Tab::Notice];

    /// The page's Chinese title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Bank => "本行测算",
            Tab::City => "全市总览",
            Tab::Deposits => "资金存放",
            Tab::Settings => "规则与设置",
            Tab::Checks => "数据核对",
            Tab::Compare => "对比",
            Tab::Notice => "核实与通报",
        }
    }

    /// A stable key for element ids (`tab-bank`) and styles (`.tab-bank`).
    pub fn key(self) -> &'static str {
        match self {
            Tab::Bank => "bank",
            Tab::City => "city",
            Tab::Deposits => "deposits",
            Tab::Settings => "settings",
            Tab::Checks => "checks",
            Tab::Compare => "compare",
            Tab::Notice => "notice",
        }
    }
}

/// How serious a notice is; decides its colour and whether screen readers are interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something worked (saved, imported).
    Info,
    /// Something the user should know before going on (another tab saved the same scenario, a value
    /// left out when reading back).
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
    /// The cells a partial import left out, which 下载未导入清单 in the notice offers as a list.
    pub refused: Option<Rc<Refused>>,
}

impl Notice {
    /// A notice that something worked.
    pub fn info(text: impl Into<String>) -> Self {
        Notice { level: Level::Info, text: text.into(), undo: None, refused: None }
    }

    /// A notice the user should read before going on.
    pub fn warning(text: impl Into<String>) -> Self {
        Notice { level: Level::Warning, text: text.into(), undo: None, refused: None }
    }

    /// A notice that something was refused or failed.
    pub fn error(text: impl Into<String>) -> Self {
        Notice { level: Level::Error, text: text.into(), undo: None, refused: None }
    }
}

/// A request that replaces the working copy, held while the user decides what to do with unsaved
/// changes. Everything that replaces the working copy goes through it.
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
        /// What had to be left out when it was read back.
        dropped: Vec<String>,
    },
    /// Take a scenario from a file (already read).
    Import {
        /// The figures.
        scenario: Scenario,
        /// The file's name, for the messages.
        file_name: String,
        /// What had to be left out when it was read.
        dropped: Vec<String>,
    },
    /// Back to the baseline: every bank exactly on task.
    Reset,
    /// The scenario a share link carries (`#s=…`, already read).
    Link {
        /// The figures (and the name the sender gave it, if any).
        scenario: Scenario,
        /// The bank the sender had open, if the link says.
        bank: Option<String>,
        /// What had to be left out when it was read.
        dropped: Vec<String>,
    },
    /// Values read from a spreadsheet, CSV file or pasted block, applied over the working copy as one
    /// edit (the preview was already confirmed).
    Apply {
        /// The working copy with the values applied.
        scenario: Scenario,
        /// How many values change.
        changes: usize,
        /// Where they came from (a file name, `粘贴内容`).
        source: String,
        /// The refused cells left as they were, when the user chose to import the rest (导入其余).
        refused: Vec<kaoping_sheets::Problem>,
    },
}

impl Pending {
    /// What the request does, as the end of a Chinese question ("…之前，要先保存吗？").
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

/// One saved scenario as the page knows it: its name and saved-revision stamp (`None` for one saved
/// before stamps existed). The page keeps this list as a mirror of storage, refreshed after every
/// write and whenever another tab changes it, so that the reducer can decide without reading storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// Its name.
    pub name: String,
    /// Its stamp.
    pub stamp: Option<String>,
}

/// Values read from a spreadsheet, CSV file or pasted block (by the spreadsheet module), and what
/// applying them would do to the working copy as it was when they were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetImport {
    /// Where the values came from (the file's name, or 粘贴内容).
    pub source: String,
    /// Every change and refused cell, for the preview.
    pub preview: Rc<kaoping_sheets::Preview>,
    /// The working copy with every value applied, or why nothing can be (all or nothing).
    pub applied: Rc<Result<Scenario, Vec<kaoping_sheets::Problem>>>,
    /// When some cells were refused and the user may import the rest (`preview.rest_possible`): the
    /// working copy with every value read and the refused cells left as they were (导入其余 N 项).
    pub rest: Option<Rc<Scenario>>,
    /// The document revision the values were read against: applying over anything else would undo
    /// what was typed since, so it is refused.
    pub against: u64,
    /// What was read (with the headings placed so far), to read it again once the user places
    /// another heading.
    pub job: Job,
    /// The file's bytes (empty for a pasted block), for the same.
    pub bytes: Rc<Vec<u8>>,
    /// The read's number ([`View::reading`]): an answer to an older read is not shown.
    pub read: u64,
    /// The headings the reader could not place, each with what the user said it is (set by the
    /// reducer; the page leaves it empty).
    pub headings: Rc<Vec<Heading>>,
}

impl SheetImport {
    /// The spreadsheet module's answer to read `read` of `job` (with `bytes`), read against document
    /// revision `against`; the headings are left for the reducer.
    pub fn answered(
        imported: kaoping_sheets::job::Imported,
        job: Job,
        bytes: Rc<Vec<u8>>,
        against: u64,
        read: u64,
    ) -> SheetImport {
        let kaoping_sheets::job::Imported { source, preview, applied, rest } = imported;
        SheetImport {
            source,
            preview: Rc::new(preview),
            applied: Rc::new(applied),
            rest: rest.map(Rc::new),
            against,
            job,
            bytes,
            read,
            headings: Rc::default(),
        }
    }
}

/// A heading the reader could not place, and what the user (or this browser's memory) says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading as the sheet writes it (a group heading joined to its sub-heading).
    pub heading: String,
    /// Where it was found (`Sheet1!C4`).
    pub place: String,
    /// What it is: a figure, or a column not to read (`None`: not said yet).
    pub to: Option<MapTo>,
    /// Whether this browser remembers that choice for the heading.
    pub remembered: bool,
}

/// A read asked of the spreadsheet module and not yet answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Its number: the answer carries it back.
    pub read: u64,
    /// The headings asked about so far, with what the user said (a re-read keeps them).
    pub headings: Rc<Vec<Heading>>,
}

/// The cells a partial import left out, for the list 下载未导入清单 writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Where the values came from.
    pub source: String,
    /// The refused cells.
    pub problems: Vec<kaoping_sheets::Problem>,
}

impl Refused {
    /// The list's file name: `未导入清单-报表.csv` for `报表.xls`.
    pub fn file_name(&self) -> String {
        let bytes = self.source.as_bytes();
        let name = &self.source[bytes.iter().rposition(|&b| b == b'/' || b == b'\\').map_or(0, |i| i + 1)..];
        let stem = &name[..name.bytes().rposition(|b| b == b'.').unwrap_or(name.len())];
        format!("未导入清单-{}.csv", if stem.is_empty() { name } else { stem })
    }
}

/// 通报's 名单 as the spreadsheet module wrote it: its parts, `(role, text)`
/// (`kaoping_sheets::job::Reply::Notice`), or why it could not.
pub type Published = Result<Rc<Vec<(String, String)>>, String>;

/// What the page shows apart from the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The page shown.
    pub tab: Tab,
    /// The bank shown on 本行测算 (an id of the scheme).
    pub bank: String,
    /// The message above the page.
    pub notice: Option<Notice>,
    /// The question open in the dialog, if any.
    pub prompt: Option<Prompt>,
    /// Values read from a file or a pasted block, shown in the import preview until applied or closed.
    pub sheet: Option<SheetImport>,
    /// The read of a file or pasted block being waited for (a first read, or a re-read with headings
    /// placed while the preview shows the last answer).
    pub reading: Option<Reading>,
    /// How many reads were asked for: the next read's number.
    pub reads: u64,
    /// What this browser remembers headings to be (a mirror of storage): (heading, figure or not read).
    pub remembered: Rc<Vec<(String, MapTo)>>,
    /// Why the working copy could not be stashed in the browser; its figures are then only on the page.
    pub stash_error: Option<String>,
    /// The saved scenarios, in the order they were saved (a mirror of storage).
    pub library: Rc<Vec<Saved>>,
    /// A share link the browser would not copy: shown for the user to copy by hand.
    pub link_shown: Option<String>,
    /// Which ranks the last switch of a reading moved (the reading, the engine's words).
    pub rank_shift: Option<(kaoping_engine::Setting, String)>,
    /// 对比.
    pub compare: crate::compare::Compare,
    /// 通报: the 名单 the spreadsheet module wrote, for a document revision (`None` while it writes), or
    /// why it could not.
    pub published: Option<(u64, Option<Published>)>,
    /// The scheme file picked in 规则与设置 › 考评方案, until adopted or closed.
    pub scheme_file: Option<Rc<crate::scheme::SchemeFile>>,
}

impl View {
    /// The names of the saved scenarios.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.library.iter().map(|s| s.name.as_str())
    }

    /// Whether a scenario is saved under `name`.
    pub fn is_saved(&self, name: &str) -> bool {
        self.library.iter().any(|s| s.name == name)
    }

    /// The stamp saved under `name` (`None` when not saved or saved without one).
    pub fn stamp(&self, name: &str) -> Option<&str> {
        self.library.iter().find(|s| s.name == name).and_then(|s| s.stamp.as_deref())
    }

    /// A name not yet used, from `base`: `base`, `base（2）`, `base（3）`, …
    pub fn free_name(&self, base: &str) -> String {
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.is_saved(&candidate) {
            candidate = format!("{base}（{n}）");
            n += 1;
        }
        candidate
    }
}
