//! Spreadsheets, CSV, pasted blocks and share links for Kaoping (考评测算器).
//!
//! Pure functions over bytes and text, used by the `kaoping` command and by the page alike; nothing
//! here does I/O, reads a clock or computes a point (scores come from `kaoping_engine::evaluate`).
//!
//! - Out: [`export::workbook`] (全市 / 本行 / 设置 / 说明), [`export::template`] (the fill-in
//!   workbook: one row per bank, one column per figure, pre-filled), [`export::city_csv`], and
//!   [`link::share_fragment`] (the whole scenario in a URL fragment).
//! - In: [`read_file`] (a workbook, CSV or TSV file) and [`paste::paste`] (a block copied from a
//!   spreadsheet) give an [`Update`]: the figures read, and every refused cell with its place and the
//!   reason. [`Update::preview`] lists what would change; [`Update::apply`] gives the new scenario,
//!   or the problems and no change at all. [`link::open_fragment`] reads a share link back.
//!
//! Columns are found by the field table's keys and labels (`kaoping_engine::FIELDS`), never by
//! position, and every cell is read by `Field::read`, the same forgiving reading as the page's boxes.
//! Numbers never pass through a float: a workbook's number cells are read as the decimal text stored
//! in the sheet.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod csv;
pub mod export;
pub mod grid;
pub mod job;
pub mod link;
pub mod paste;
pub mod table;
pub mod update;
pub mod xlsx;
mod xml;
mod zip;

pub use grid::{Cell, Grid};
pub use update::{Change, Preview, Update};

/// Files larger than this are refused before they are read: a workbook of 16 banks is about 20 KB,
/// and reading a large file picked by mistake would freeze the page.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Something that could not be read, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The cell (`全市!C5`), the row, or empty for the file as a whole.
    pub place: String,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn file(message: impl Into<String>) -> Self {
        Problem { place: String::new(), message: message.into() }
    }

    /// A problem at a place.
    pub fn at(place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { place: place.into(), message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}：{}", self.place, self.message)
        }
    }
}

/// What a file is, from its first bytes, so that each front end sends it to the right reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No bytes at all.
    Empty,
    /// A zip archive: an `.xlsx` workbook, or another Office file.
    Workbook,
    /// An Excel 97–2003 `.xls` file (not read: save it as `.xlsx`).
    OldExcel,
    /// Text starting with `{`: a `kaoping-scenario/1` file.
    Json,
    /// Other text: CSV or TSV.
    Text,
}

/// Tells a file's kind from its first bytes.
pub fn file_kind(bytes: &[u8]) -> FileKind {
    let text_start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes).iter().find(|b| !b.is_ascii_whitespace());
    match bytes {
        [] => FileKind::Empty,
        [0x50, 0x4B, 0x03, 0x04, ..] => FileKind::Workbook,
        [0xD0, 0xCF, 0x11, 0xE0, ..] => FileKind::OldExcel,
        _ if text_start == Some(&b'{') => FileKind::Json,
        _ => FileKind::Text,
    }
}

/// A size in megabytes with one decimal, worked out in whole numbers.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes.saturating_mul(10).saturating_add(512 * 1024)) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// Refuses a file above [`MAX_FILE_BYTES`] by its size alone, so that the page need not read it.
pub fn check_size(file_name: &str, size: u64) -> Result<(), Problem> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if size > MAX_FILE_BYTES {
        return Err(Problem::file(format!(
            "文件“{file_name}”太大（{}），填报表格不会超过 {}：请确认选的是测算工作簿或 CSV 文件",
            megabytes(size),
            megabytes(MAX_FILE_BYTES)
        )));
    }
    Ok(())
}

/// The sheets of a workbook, or the one sheet of a CSV or TSV file (named after the file).
pub fn read_grids(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>, Problem> {
    check_size(file_name, bytes.len() as u64)?;
    match file_kind(bytes) {
        FileKind::Empty => Err(Problem::file(format!("文件“{file_name}”是空的"))),
        FileKind::Workbook => xlsx::read(bytes),
        FileKind::OldExcel => Err(Problem::file(
            "这是旧版 Excel 文件（.xls），无法直接读取：请在 Excel 中“另存为” Excel 工作簿（.xlsx）或 CSV UTF-8 后再导入",
        )),
        FileKind::Json => Err(Problem::file("这是情景文件（JSON），请用“导入文件”打开")),
        FileKind::Text => {
            // Text has no NUL bytes, except in UTF-16, which starts with a byte-order mark.
            let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
            if !utf16 && bytes.iter().take(4096).any(|&b| b == 0) {
                return Err(Problem::file(format!("文件“{file_name}”既不是 Excel 工作簿（.xlsx），也不是 CSV 文本")));
            }
            let text = csv::decode(bytes)?;
            if text.contains('\0') {
                return Err(Problem::file(format!("文件“{file_name}”既不是 Excel 工作簿（.xlsx），也不是 CSV 文本")));
            }
            let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
            Ok(vec![csv::read(&text, stem)])
        }
    }
}

/// Reads a workbook, CSV or TSV file into an [`Update`]; a file that cannot be read at all is an
/// update with one problem and nothing to apply.
pub fn read_file(bytes: &[u8], file_name: &str, scheme: &kaoping_engine::Scheme) -> Update {
    let mut update = Update::new(file_name);
    match read_grids(bytes, file_name) {
        Ok(grids) => table::read_workbook(&grids, scheme, &mut update),
        Err(problem) => update.problems.push(problem),
    }
    update
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_megabytes() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20.0 MB");
        assert_eq!(megabytes(1024 * 1024 + 100 * 1024), "1.1 MB");
    }

    #[test]
    fn kinds_from_first_bytes() {
        assert_eq!(file_kind(b""), FileKind::Empty);
        assert_eq!(file_kind(b"PK\x03\x04rest"), FileKind::Workbook);
        assert_eq!(file_kind(b"\xD0\xCF\x11\xE0rest"), FileKind::OldExcel);
        assert_eq!(file_kind(b"\xEF\xBB\xBF  {\"format\""), FileKind::Json);
        assert_eq!(file_kind("银行,贷款".as_bytes()), FileKind::Text);
    }
}
