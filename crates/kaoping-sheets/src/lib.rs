//! Spreadsheets, CSV, pasted blocks and share links for Kaoping (考评测算器).
//!
//! Pure functions over bytes and text, used by the `kaoping` command and by the page alike; nothing
//! here does I/O, reads a clock or computes a point (scores come from `kaoping_engine::evaluate`).
//!
//! - Out: [`export::workbook`] (全市 / 本行 / 设置 / 说明), [`export::template`] (the fill-in
//!   workbook: one row per bank, one column per figure, pre-filled), [`export::city_csv`], and
//!   [`link::share_fragment`] (the whole scenario in a URL fragment).
//! - In: [`read_file`] (a workbook — `.xlsx`, `.xls`, `.ods`, `.xlsb` — or a CSV/TSV file in UTF-8,
//!   UTF-16 or GBK/GB18030) and [`paste::paste`] (a block copied from a spreadsheet) give an
//!   [`Update`]: the figures read, and every refused cell with its place and the reason.
//!   [`Update::preview`] lists what would change; [`Update::apply`] gives the new scenario, or the
//!   problems and no change at all; [`Update::apply_rest`] applies what was read and lists what was
//!   not, when the user asks for that. [`link::open_fragment`] reads a share link back.
//! - Below those: [`read_grids`] gives a file's sheets as [`Grid`]s of cells (for reading other
//!   tables than the bank table), and [`xlsx::write`] writes sheets with print setup.
//!
//! Columns are found by the field table's keys, labels and aliases (`table.rs`, `heading.rs`), never
//! by position, and every cell is read by `Field::read`, the same forgiving reading as the page's
//! boxes. Numbers never pass through a float in a way that changes them (`grid::shown_number`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod annexes;
mod biff;
pub mod book;
pub mod csv;
pub mod declaration;
pub mod export;
pub mod form;
pub mod gather;
pub mod grid;
pub mod heading;
pub mod job;
pub mod link;
mod ods;
pub mod paste;
pub mod scheme_preview;
mod sources;
pub mod table;
pub mod update;
pub mod xlsx;

pub use book::BookKind;
pub use grid::{Cell, Grid};
pub use table::{MapTo, ReadOptions, Unplaced};
pub use update::{refused_csv, Change, Choice, Preview, Update};

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
    /// Whether the problem concerns the file as a whole (nothing in it can be trusted), rather than a
    /// cell, row or column.
    pub fn is_whole_file(&self) -> bool {
        self.place.is_empty()
    }

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

/// What a file is, from its first bytes alone (cheap: the page asks this before it hands a file to
/// the spreadsheet module, so that a scenario file is opened directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No bytes at all.
    Empty,
    /// A zip archive: `.xlsx`, `.xlsb`, `.ods`, or another zip (told apart when read).
    Zip,
    /// A compound file: `.xls`, or an encrypted Office file (told apart when read).
    Compound,
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
        [0x50, 0x4B, 0x03, 0x04, ..] => FileKind::Zip,
        [0xD0, 0xCF, 0x11, 0xE0, ..] => FileKind::Compound,
        _ if text_start == Some(&b'{') => FileKind::Json,
        _ => FileKind::Text,
    }
}

/// What a zip or compound file holds, once it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Book(BookKind),
    Encrypted,
    Other,
}

/// A zip: OpenDocument by its `mimetype`, `.xlsb` by its binary workbook part, else `.xlsx` when it
/// has a workbook part (a damaged archive is left to the `.xlsx` reader to describe).
fn zip_kind(bytes: &[u8]) -> Container {
    let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Container::Book(BookKind::Xlsx);
    };
    let names: Vec<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
    if names.iter().any(|n| n == "mimetype")
        && bytes.windows(46).take(200).any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet")
    {
        Container::Book(BookKind::Ods)
    } else if names.iter().any(|n| n.ends_with("workbook.bin")) {
        Container::Book(BookKind::Xlsb)
    } else if names.iter().any(|n| n.ends_with("workbook.xml")) {
        Container::Book(BookKind::Xlsx)
    } else {
        Container::Other
    }
}

/// A compound file: an encrypted Office file (its package is an `EncryptedPackage` stream), or an
/// `.xls` workbook (a `Workbook` or `Book` stream).
fn compound_kind(bytes: &[u8]) -> Container {
    let Ok(file) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return Container::Book(BookKind::Xls);
    };
    if file.is_stream("/EncryptedPackage") || file.is_stream("/EncryptionInfo") {
        Container::Encrypted
    } else if file.is_stream("/Workbook") || file.is_stream("/Book") {
        Container::Book(BookKind::Xls)
    } else {
        Container::Other
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

/// The sheets of a workbook, or the one sheet of a CSV or TSV file (named after the file), with a
/// note saying how text was decoded.
pub(crate) fn read_source(bytes: &[u8], file_name: &str) -> Result<(Vec<Grid>, Option<Problem>), Problem> {
    check_size(file_name, bytes.len() as u64)?;
    let not_a_table =
        || Problem::file(format!("文件“{file_name}”既不是 Excel/WPS/LibreOffice 工作簿，也不是 CSV 文本"));
    let container = |found: Container| match found {
        Container::Book(kind) => book::read(bytes, kind).map(|grids| (grids, None)),
        Container::Encrypted => Err(book::encrypted()),
        Container::Other => Err(not_a_table()),
    };
    match file_kind(bytes) {
        FileKind::Empty => Err(Problem::file(format!("文件“{file_name}”是空的"))),
        FileKind::Zip => container(zip_kind(bytes)),
        FileKind::Compound => container(compound_kind(bytes)),
        FileKind::Json => Err(Problem::file("这是情景文件（JSON），请用“导入文件”打开")),
        FileKind::Text => {
            let (text, encoding) = csv::decode(bytes)?;
            // Text has no NUL characters; a binary file read as text has many.
            if text.contains('\0') {
                return Err(not_a_table());
            }
            let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
            let note = (encoding != "UTF-8").then(|| Problem::file(format!("按 {encoding} 编码读取")));
            Ok((vec![csv::read(&text, stem)], note))
        }
    }
}

/// The sheets of a workbook (every worksheet, in tab order), or the one sheet of a CSV or TSV file
/// (named after the file): the cells as stored, nothing yet known about what they mean.
pub fn read_grids(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>, Problem> {
    read_source(bytes, file_name).map(|(grids, _)| grids)
}

/// Reads a workbook, CSV or TSV file into an [`Update`]; a file that cannot be read at all is an
/// update with one problem and nothing to apply.
pub fn read_file(bytes: &[u8], file_name: &str, scheme: &kaoping_engine::Scheme) -> Update {
    read_file_with(bytes, file_name, scheme, &ReadOptions::default())
}

/// [`read_file`] with headings placed by the user ([`ReadOptions::mapping`]).
pub fn read_file_with(bytes: &[u8], file_name: &str, scheme: &kaoping_engine::Scheme, options: &ReadOptions) -> Update {
    let mut update = Update::new(file_name);
    match read_source(bytes, file_name) {
        Ok((grids, note)) => {
            update.notes.extend(note);
            // A bank's 申报表 is read as its one bank's figures; anything else as a table of banks.
            match grids.iter().find(|g| form::is_form(g)) {
                Some(grid) => {
                    form::read(grid, scheme, &mut update);
                }
                None => table::read_workbook(&grids, scheme, options, &mut update),
            }
        }
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
        assert_eq!(file_kind(b"PK\x03\x04rest"), FileKind::Zip);
        assert_eq!(file_kind(b"\xD0\xCF\x11\xE0rest"), FileKind::Compound);
        assert_eq!(zip_kind(b"PK\x03\x04rest"), Container::Book(BookKind::Xlsx), "a damaged zip is read as .xlsx");
        assert_eq!(file_kind(b"\xEF\xBB\xBF  {\"format\""), FileKind::Json);
        assert_eq!(file_kind("银行,贷款".as_bytes()), FileKind::Text);
    }
}
