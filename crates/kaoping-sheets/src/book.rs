//! Workbooks — `.xlsx`, `.xls`, `.ods`, `.xlsb` — read into [`Grid`]s with calamine, plus our own
//! code for the three things calamine (0.38) drops that decide what a figure is:
//!
//! - **Percentages.** calamine gives a cell's stored value, so a rate typed as 4.31% in Excel comes
//!   back as 0.0431. The percentage shown is what the user typed and means, so a number in a
//!   percentage format is read ×100. The format comes from calamine's cell styles for `.xlsx`, from
//!   the `.xls` file's own XF and FORMAT records (`biff.rs`; calamine keeps only "date or not"), and
//!   from the `.ods` cells' `office:value-type="percentage"` (`ods.rs`; calamine reads them as plain
//!   numbers). LibreOffice's `0.00\%` shows the stored 3.69 as `3.69%`: its `%` is a literal, so it
//!   reads 3.69 (`grid::format_shows_percent`). `.xlsb` formats are not read: its grids say
//!   `Formats::Unknown`, and the table refuses a percentage figure that could be either.
//! - **Formulas without values.** Scripts (openpyxl, xlwt) save formulas with no value, and calamine
//!   gives such a cell as empty — which would clear a figure. xlsxwriter-style writers save `0` and
//!   mark the workbook `fullCalcOnLoad`; that 0 is not what the sheet shows either. Both become
//!   [`Cell::Formula`], which the table refuses by name ("请在 Excel/WPS 中打开并保存后再导入").
//! - **Encryption**, told apart from damage: "文件设有打开密码".
//!
//! Numbers: calamine parses every number to a double (`.xls` and `.xlsb` store doubles anyway;
//! `.xlsx` and `.ods` store decimal text). A double is read as the 15 significant digits Excel shows
//! (`grid::shown_number`), which gives back exactly any figure typed with up to 15 digits, so nothing
//! a user typed is changed on the way.

use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};

use crate::grid::{format_shows_percent, shown_number, whole_number, Cell, Formats, Grid, Merge};
use crate::Problem;

/// At most this many cells are kept of one sheet; a sheet with more is not a table of banks and is
/// marked `cut` (the table reader refuses it if it is the one to read). A workbook may still hold
/// such a sheet beside its table: the limit on rows is applied only to the sheet read as the table.
pub const SHEET_CELLS: usize = 2_000_000;

/// The kinds of workbook read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookKind {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel 97–2003 (`.xls`).
    Xls,
    /// OpenDocument (`.ods`).
    Ods,
    /// Excel binary (`.xlsb`).
    Xlsb,
}

/// Encrypted files, whatever their kind.
pub(crate) fn encrypted() -> Problem {
    Problem::file("文件设有打开密码，无法读取：请在 Excel/WPS 中打开，去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存，再导入")
}

fn damaged(kind: BookKind, _detail: impl std::fmt::Display) -> Problem {
    let what = match kind {
        BookKind::Xlsx => "Excel 工作簿（.xlsx）",
        BookKind::Xls => "Excel 97–2003 工作簿（.xls）",
        BookKind::Ods => "OpenDocument 表格（.ods）",
        BookKind::Xlsb => "Excel 二进制工作簿（.xlsb）",
    };
    Problem::file(format!("文件不是有效的 {what}，可能已损坏或不完整：请在 Excel/WPS 中打开后另存为 .xlsx 再导入"))
}

/// Every worksheet of a workbook, in tab order (chart sheets and the like left out).
pub fn read(bytes: &[u8], kind: BookKind) -> Result<Vec<Grid>, Problem> {
    match kind {
        BookKind::Xlsx => read_xlsx(bytes),
        BookKind::Xls => read_xls(bytes),
        BookKind::Ods => read_ods(bytes),
        BookKind::Xlsb => read_xlsb(bytes),
    }
}

/// One calamine value as a cell; `percent` when the cell's format shows a percentage.
fn cell_of(value: Data, percent: bool) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text),
        Data::Int(n) => Cell::Number(whole_number(n, percent)),
        Data::Float(f) => shown_number(f, percent).map_or_else(|| Cell::Error("#NUM!".to_owned()), Cell::Number),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(d) => Cell::Text(serial_date(d.as_f64())),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A spreadsheet date serial as `YYYY-MM-DD` (days from 1899-12-30), so that a date typed in a figure
/// column is refused as the date it shows, not as its serial number.
fn serial_date(serial: f64) -> String {
    if !(0.0..3_000_000.0).contains(&serial) {
        return format!("日期 {serial}");
    }
    // Days from 1970-01-01; 25569 is the serial of that day.
    let days = serial.floor() as i64 - 25_569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}-{month:02}-{day:02}")
}

fn merges(dimensions: &[Dimensions]) -> Vec<Merge> {
    dimensions
        .iter()
        .map(|d| Merge {
            top: d.start.0 as usize,
            left: d.start.1 as usize,
            bottom: d.end.0 as usize,
            right: d.end.1 as usize,
        })
        .collect()
}

/// Builds a grid from calamine's values and formulas. A formula whose value is missing (or, with
/// `stale`, any formula) becomes [`Cell::Formula`].
fn grid_of(
    name: &str,
    values: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
    stale: bool,
    percent: &dyn Fn(usize, usize) -> bool,
) -> Grid {
    let mut grid = Grid::new(name, Vec::new());
    let (top, left) = values.start().map_or((0, 0), |s| (s.0 as usize, s.1 as usize));
    for (kept, (r, c, value)) in values.used_cells().enumerate() {
        if kept >= SHEET_CELLS {
            grid.cut = true;
            return grid;
        }
        grid.set(r + top, c + left, cell_of(value.clone(), percent(r + top, c + left)));
    }
    if let Some(formulas) = formulas {
        let (top, left) = formulas.start().map_or((0, 0), |s| (s.0 as usize, s.1 as usize));
        for (r, c, formula) in formulas.used_cells() {
            let (row, column) = (r + top, c + left);
            let missing = match grid.cell(row, column) {
                Cell::Empty => true,
                Cell::Text(text) => text.is_empty(),
                _ => false,
            };
            if !formula.is_empty() && (missing || stale) {
                grid.set(row, column, Cell::Formula(formula.clone()));
            }
        }
    }
    grid
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Grid>, Problem> {
    let kind = BookKind::Xlsx;
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::XlsxError::Password) => return Err(encrypted()),
        Err(e) => return Err(damaged(kind, e)),
    };
    let stale = full_calc_on_load(bytes);
    let sheets: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect();
    let mut grids = Vec::with_capacity(sheets.len());
    for name in sheets {
        let values = book.worksheet_range(&name).map_err(|e| damaged(kind, e))?;
        let formulas = book.worksheet_formula(&name).ok();
        let styles = book.worksheet_style(&name).ok();
        let percent = |row: usize, column: usize| {
            styles
                .as_ref()
                .and_then(|s| s.get((row as u32, column as u32)))
                .and_then(|style| style.number_format.as_ref())
                .is_some_and(|f| format_shows_percent(&f.format_code))
        };
        let mut grid = grid_of(&name, &values, formulas.as_ref(), stale, &percent);
        grid.merges = merges(&book.merge_cells_by_sheet_name(&name).unwrap_or_default());
        grids.push(grid);
    }
    Ok(grids)
}

/// Whether an `.xlsx` workbook asks to be recalculated when opened (`<calcPr fullCalcOnLoad="1"/>`),
/// as xlsxwriter and rust_xlsxwriter write it: the values saved beside its formulas are then
/// placeholders (0), not results.
fn full_calc_on_load(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let Ok(mut part) = zip.by_name("xl/workbook.xml") else { return false };
    let mut text = String::new();
    if part.read_to_string(&mut text).is_err() {
        return false;
    }
    text.contains("fullCalcOnLoad=\"1\"") || text.contains("fullCalcOnLoad=\"true\"")
}

fn read_xls(bytes: &[u8]) -> Result<Vec<Grid>, Problem> {
    let kind = BookKind::Xls;
    let mut book = match Xls::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::XlsError::Password) => return Err(encrypted()),
        Err(e) => return Err(damaged(kind, e)),
    };
    // The percentage cells of each sheet, by the sheet's place among the workbook's sheets.
    let formats = crate::biff::percent_cells(bytes);
    let sheets: Vec<(usize, String)> = book
        .sheets_metadata()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.typ == SheetType::WorkSheet)
        .map(|(i, s)| (i, s.name.clone()))
        .collect();
    let mut grids = Vec::with_capacity(sheets.len());
    for (index, name) in sheets {
        let values = book.worksheet_range(&name).map_err(|e| damaged(kind, e))?;
        let formulas = book.worksheet_formula(&name).ok();
        let sheet_formats = formats.as_ref().and_then(|f| f.get(index));
        let percent = |row: usize, column: usize| sheet_formats.is_some_and(|cells| cells.contains(&(row, column)));
        let mut grid = grid_of(&name, &values, formulas.as_ref(), false, &percent);
        grid.merges = merges(&book.merge_cells_by_sheet_name(&name).unwrap_or_default());
        if formats.is_none() {
            grid.formats = Formats::Unknown;
        }
        grids.push(grid);
    }
    Ok(grids)
}

fn read_ods(bytes: &[u8]) -> Result<Vec<Grid>, Problem> {
    let kind = BookKind::Ods;
    let mut book = match Ods::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::OdsError::Password) => return Err(encrypted()),
        Err(e) => return Err(damaged(kind, e)),
    };
    let own = crate::ods::read(bytes);
    let names = book.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for (index, name) in names.into_iter().enumerate() {
        let values = book.worksheet_range(&name).map_err(|e| damaged(kind, e))?;
        let formulas = book.worksheet_formula(&name).ok();
        let sheet = own.as_ref().and_then(|o| o.get(index));
        let percent = |row: usize, column: usize| sheet.is_some_and(|s| s.percent.contains(&(row, column)));
        let mut grid = grid_of(&name, &values, formulas.as_ref(), false, &percent);
        match sheet {
            Some(s) => grid.merges.clone_from(&s.merges),
            None => grid.formats = Formats::Unknown,
        }
        grids.push(grid);
    }
    Ok(grids)
}

fn read_xlsb(bytes: &[u8]) -> Result<Vec<Grid>, Problem> {
    let kind = BookKind::Xlsb;
    let mut book = match Xlsb::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::XlsbError::Password) => return Err(encrypted()),
        Err(e) => return Err(damaged(kind, e)),
    };
    let sheets: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect();
    let mut grids = Vec::with_capacity(sheets.len());
    for name in sheets {
        let values = book.worksheet_range(&name).map_err(|e| damaged(kind, e))?;
        let formulas = book.worksheet_formula(&name).ok();
        let mut grid = grid_of(&name, &values, formulas.as_ref(), false, &|_, _| false);
        grid.formats = Formats::Unknown;
        grids.push(grid);
    }
    Ok(grids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_serials() {
        assert_eq!(serial_date(45_657.0), "2024-12-31");
        assert_eq!(serial_date(25_569.5), "1970-01-01");
    }
}
