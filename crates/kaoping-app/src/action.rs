//! Every change to the page's state: one action per user intent, and one per outcome of an effect the
//! reducer asked for (a write to storage, a file read, the spreadsheet module's answer, typing that
//! settled).

use std::rc::Rc;

use kaoping_engine::{Field, Scenario, Setting, SimulationSummary};
use kaoping_sheets::job::Job;
use kaoping_sheets::MapTo;

use crate::field::FieldId;
use crate::target::{SimulationKey, TargetAction};
use crate::view::{Answer, Notice, Saved, SheetImport, Tab};

/// The spreadsheet files the page writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFile {
    /// 导出Excel: the workbook (全市 / 本行 / 设置 / 说明).
    Workbook,
    /// 下载填报模板: the fill-in template.
    Template,
    /// CSV导出: the 全市 table as CSV.
    Csv,
    /// 下载本行申报表: the bank's 申报表 (issue 17), its boxes filled with what the working copy has.
    Form,
}

/// What a failed write was, for its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// Saving under this name.
    Save(String),
    /// Renaming.
    Rename,
    /// Copying this scenario.
    Copy(String),
    /// Deleting this scenario.
    Delete(String),
}

/// A change to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // ---- what the user does ----
    /// Typed into a box: its whole text.
    Edit(FieldId, String),
    /// Ticked or cleared a bank's checkbox.
    SetFlag(String, Field, bool),
    /// Chose a reading of the text: the setting and the choice's file value (`whole_units`).
    Choose(Setting, &'static str),
    /// Showed another page.
    SelectTab(Tab),
    /// Showed another bank on 本行测算.
    SelectBank(String),
    /// Opened a bank on 本行测算 (from 全市总览 or 对比).
    OpenBank(String),
    /// 保存 (or Ctrl+S): under the document's name, or asks for one.
    Save,
    /// 另存为 with the name typed.
    SaveAs(String),
    /// 打开 a saved scenario.
    Open(String),
    /// 改名 a saved scenario.
    Rename {
        /// The old name.
        from: String,
        /// The new name, as typed.
        to: String,
    },
    /// 复制 a saved scenario.
    Duplicate(String),
    /// 删除 a saved scenario (already confirmed).
    Delete(String),
    /// 重置为基准情景.
    Reset,
    /// Answered the dialog.
    Answer(Answer),
    /// 导出文件: the scenario as a `kaoping-scenario/1` file.
    Export,
    /// 导出Excel, 下载填报模板 or CSV导出.
    ExportSheet(SheetFile),
    /// 复制分享链接.
    CopyLink,
    /// 汇总申报表: the returned 申报表 (or other declarations) picked together: names and bytes, read
    /// and gathered into the working copy by the spreadsheet module and previewed like an import.
    Collect(Vec<(String, Rc<Vec<u8>>)>),
    /// 汇总's preview: the file that counts for a bank two files declare differently (or the bank a
    /// file carries another's row of), as `collect --pick` says it.
    PickDeclaration(kaoping_engine::Resolution),
    /// 通报's 复制文本.
    CopyNotice,
    /// 核实完成 ticked or cleared (the 名单 is marked 测算结果，非正式考评结论 until it is ticked).
    SetVerificationComplete(bool),
    /// 核实: a bank's figure replaced by the verified one (the text as typed, read like its box), with
    /// the reason; the declared value is kept beside it (`Scenario::verify`).
    Verify {
        /// The bank's id.
        bank: String,
        /// The figure.
        field: Field,
        /// The verified value as typed (empty: the figure is cleared).
        value: String,
        /// Why, as typed (required).
        reason: String,
    },
    /// 撤销核实: the figure goes back to what the bank declared.
    Unverify(String, Field),
    /// Picked a file to import (its name and bytes, read by the page).
    Import {
        /// The file's name.
        file_name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
    /// Pasted a block into 全市总览.
    Paste(Job),
    /// 确认导入 in the import preview.
    ApplyPreview,
    /// Closed the import preview.
    ClosePreview,
    /// Said in the import preview what an unrecognised heading is (`None`: not said), which this
    /// browser then remembers; the file or block is read again.
    MapHeading(String, Option<MapTo>),
    /// 忘记 beside a remembered heading: this browser no longer places it by itself.
    ForgetHeading(String),
    /// 导入其余 N 项 in the import preview: what was read, the refused cells left as they were.
    ApplyRest,
    /// 下载未导入清单: the refused cells of the preview (or of the partial import just made) as a file.
    DownloadRefused,
    /// 撤销 in the notice of an applied import.
    Undo,
    /// Closed the message above the page.
    DismissNotice,
    /// Changed something in 目标测算.
    Target(TargetAction),
    /// Picked what 对比 compares the working copy with (an index into its list).
    CompareWith(usize),
    /// Picked a bank in 对比 to see its moved items.
    CompareBank(String),
    /// 填入本行情景: entered 目标测算's answer into the scenario.
    ApplyAnswer,
    /// 撤销 beside what 填入本行情景 entered.
    UndoAnswer,
    /// Picked a scheme file in 规则与设置 › 考评方案 (its name and bytes, read by the page).
    OpenScheme {
        /// The file's name.
        file_name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
    /// 采用 the scheme file shown: keep it and start the page again under it.
    AdoptScheme,
    /// 恢复内置方案: back to the built-in scheme.
    RestoreBuiltinScheme,
    /// Closed the scheme file's preview.
    CloseScheme,

    // ---- what happened ----
    /// A saved scenario was read for opening (`result`: its figures and what was left out, or why it
    /// cannot be read).
    Loaded {
        /// Its name.
        name: String,
        /// Its stamp when read.
        stamp: Option<String>,
        /// What was read.
        result: Result<(Scenario, Vec<String>), String>,
    },
    /// The working copy was written under `name`.
    Saved {
        /// The name.
        name: String,
        /// Its new stamp.
        stamp: String,
        /// The saved scenarios now.
        library: Vec<Saved>,
    },
    /// A write to storage failed (what it was, and the Chinese reason): nothing waiting for it goes
    /// ahead.
    WriteFailed(Failed, String),
    /// A saved scenario was renamed.
    Renamed {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
        /// The saved scenarios now.
        library: Vec<Saved>,
    },
    /// A saved scenario was copied.
    Copied {
        /// The copy's name.
        copy: String,
        /// The saved scenarios now.
        library: Vec<Saved>,
    },
    /// A saved scenario was deleted.
    Deleted {
        /// Its name.
        name: String,
        /// The saved scenarios now.
        library: Vec<Saved>,
    },
    /// Another tab changed the saved scenarios: the list now, and, when the document's own name was
    /// saved again with a stamp not seen here, what is saved under it.
    LibraryChanged {
        /// The saved scenarios now.
        library: Vec<Saved>,
        /// The document's name saved again: its figures as read back.
        resaved: Option<(Scenario, Vec<String>)>,
    },
    /// The saved scenarios were read for 对比 (those that can be read): (name, scenario).
    AllLoaded(Vec<(String, Scenario)>),
    /// A share link was read (`Err`: why it cannot be opened).
    LinkOpened(Result<(Scenario, Option<String>, Vec<String>), String>),
    /// The spreadsheet module read a scheme file picked in 规则与设置 › 考评方案.
    SchemeRead(crate::scheme::SchemeFile),
    /// The spreadsheet module read a file or pasted block: show the preview.
    Previewed(SheetImport),
    /// The spreadsheet module could not read a file or pasted block at all (the read's number, and
    /// why, in Chinese).
    SheetFailed(u64, String),
    /// What this browser remembers headings to be, after a write here or in another tab.
    HeadingsRemembered(Vec<(String, MapTo)>),
    /// Something to tell the user (a download made, a module that failed, a link copied).
    Told(Notice),
    /// The browser would not copy the share link: show it for copying by hand.
    LinkNotCopied(String),
    /// The working copy could not be stashed in the browser (the reason, in Chinese).
    StashFailed(String),
    /// The working copy was stashed.
    Stashed,
    /// Typing has paused since the document and the questions were as `revision` says: work out
    /// what waits for it (the next band, 目标测算's answers).
    Settle(u64),
    /// The spreadsheet module wrote 通报's 名单 for document revision `0` (its parts), or why it could not.
    Published(u64, Result<Vec<(String, String)>, String>),
    /// The simulation ran further.
    Simulated(SimulationKey, SimulationSummary),
}
