//! A sheet as read from any source — a workbook, a CSV or TSV file, a pasted block — before anything
//! is known about what its cells mean: rows of cells, each with the exact text it holds.

use std::borrow::Cow;

/// One cell as stored. Numbers are decimal text, never a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every cell of a CSV file or a pasted block is text).
    Text(String),
    /// A number cell of a workbook as the decimal Excel shows (see [`shown_number`]); a number in a
    /// percentage format is already the percentage shown (`4.31` for a cell showing 4.31%).
    Number(String),
    /// A TRUE/FALSE cell.
    Bool(bool),
    /// An error value (`#DIV/0!`).
    Error(String),
    /// A formula saved without its value (as scripts write them), or whose saved value the file
    /// itself marks as stale: what it would show is unknown until a spreadsheet program works it out.
    /// Never read as blank.
    Formula(String),
}

impl Cell {
    /// The text a figure is read from: the stored number's text, `1`/`0` for TRUE/FALSE.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) | Cell::Error(t) => Cow::Borrowed(t),
            Cell::Formula(f) => Cow::Owned(format!("={f}")),
            Cell::Number(n) => plain_number(n),
            Cell::Bool(b) => Cow::Borrowed(if *b { "1" } else { "0" }),
        }
    }

    /// Whether the cell holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A stored number as plain decimal text: spreadsheets write very large or small numbers with an
/// exponent (`1.5E-3`), which the figure parser does not read. The exponent is applied to the digits
/// as text, so nothing passes through a float; text that is not such a number is returned as it is
/// and refused later with a message.
fn plain_number(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    let Some(at) = text.find(['e', 'E']) else { return Cow::Borrowed(text) };
    let (mantissa, exponent) = (&text[..at], &text[at + 1..]);
    let Ok(exponent) = exponent.strip_prefix('+').unwrap_or(exponent).parse::<i32>() else {
        return Cow::Borrowed(text);
    };
    let (sign, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) || exponent.abs() > 40 {
        return Cow::Borrowed(text);
    }
    let joined = format!("{whole}{fraction}");
    // The decimal point sits after `point` digits of `joined`.
    let point = i32::try_from(whole.len()).unwrap_or(0) + exponent;
    let body = if point <= 0 {
        format!("0.{}{joined}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= joined.len() {
        format!("{joined}{}", "0".repeat(point as usize - joined.len()))
    } else {
        format!("{}.{}", &joined[..point as usize], &joined[point as usize..])
    };
    Cow::Owned(format!("{sign}{body}"))
}

/// The decimal Excel shows for a number a workbook holds as a binary double: the double rounded to 15
/// significant digits, written as plain decimal text (`1.1`, `0.3`, `4005600`).
///
/// Spreadsheet programs keep numbers as doubles and show (and take from the keyboard) at most 15
/// significant digits. Every decimal of up to 15 significant digits is the only such decimal whose
/// nearest double is that double, so rounding the double back to 15 digits gives exactly the figure
/// that was typed: `1.1` stays `1.1` (its double is 1.100000000000000088…), and a sum worked out in
/// the sheet as 0.1 + 0.2 reads `0.3`, as Excel shows it. Rust's `{:.14e}` formatting rounds the
/// double's exact binary value (no intermediate shortest form, so no double rounding); the
/// exponent is then applied to the digits as text. `percent` moves the point two places right, for
/// a cell in a percentage format (0.0431 shown as 4.31%). `None` for an infinity or NaN.
pub fn shown_number(value: f64, percent: bool) -> Option<String> {
    if !value.is_finite() {
        return None;
    }
    let scientific = format!("{value:.14e}");
    let (mantissa, exponent) = scientific.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
    let exponent = if percent { exponent + 2 } else { exponent };
    let text = format!("{mantissa}E{exponent}");
    Some(plain_number(&text).into_owned())
}

/// An integer a workbook holds as one (calamine's `Int`), as text.
pub fn whole_number(value: i64, percent: bool) -> String {
    if percent {
        (i128::from(value) * 100).to_string()
    } else {
        value.to_string()
    }
}

/// Whether a number format shows numbers as a percentage (the stored 0.0431 as `4.31%`): a `%` in
/// the first section that is neither quoted (`0.0"%"`) nor escaped (LibreOffice's `0.00\%`, which
/// shows 3.69 as `3.69%`).
pub fn format_shows_percent(code: &str) -> bool {
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// A merged range of a sheet, rows and columns from 0, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// The first row.
    pub top: usize,
    /// The first column.
    pub left: usize,
    /// The last row.
    pub bottom: usize,
    /// The last column.
    pub right: usize,
}

/// Whether a sheet's number formats were read, so that a percentage is known as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formats {
    /// Every number cell in a percentage format was read as the percentage shown (or the source has
    /// no formats: CSV, a pasted block).
    #[default]
    Known,
    /// The file's number formats are not read (`.xlsb`, BIFF5 `.xls`): a number may be a percentage
    /// shown a hundred times larger than it is stored.
    Unknown,
}

/// A sheet's cells, row by row. Rows may differ in length; a missing cell is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// The sheet's name (a workbook's tab, or what the source is called: `粘贴内容`).
    pub name: String,
    /// The rows, from the top.
    pub rows: Vec<Vec<Cell>>,
    /// The merged ranges (a group heading over its sub-headings), where the file says.
    pub merges: Vec<Merge>,
    /// Whether percentages are known as such.
    pub formats: Formats,
    /// The sheet has more rows than were read (see `book::SHEET_CELLS`): it is not a table of banks.
    pub cut: bool,
}

impl Grid {
    /// A grid of rows with nothing else known.
    pub fn new(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Self {
        Grid { name: name.into(), rows, ..Grid::default() }
    }

    /// Sets a cell, growing the grid as needed.
    pub fn set(&mut self, row: usize, column: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        if let Some(cells) = self.rows.get_mut(row) {
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            if let Some(slot) = cells.get_mut(column) {
                *slot = cell;
            }
        }
    }

    /// The merged range a cell lies in, if any.
    pub fn merge_at(&self, row: usize, column: usize) -> Option<Merge> {
        self.merges.iter().copied().find(|m| (m.top..=m.bottom).contains(&row) && (m.left..=m.right).contains(&column))
    }
    /// The cell at a row and column (both from 0); empty when outside the grid.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(column)).unwrap_or(&Cell::Empty)
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.iter().rposition(|c| !c.is_blank()).map_or(0, |i| i + 1)).max().unwrap_or(0)
    }

    /// A cell's place as people read it: the sheet and the A1 name (`全市!C5`).
    pub fn place(&self, row: usize, column: usize) -> String {
        if self.name.is_empty() {
            cell_name(row, column)
        } else {
            format!("{}!{}", self.name, cell_name(row, column))
        }
    }
}

/// The column letters of a column counted from 0: `A`, `Z`, `AA`.
pub fn column_name(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// The A1 name of a cell, row and column counted from 0: `(4, 2)` is `C5`.
pub fn cell_name(row: usize, column: usize) -> String {
    format!("{}{}", column_name(column), row + 1)
}

/// Reads an A1 name into (row, column), both from 0.
pub fn parse_cell_name(name: &str) -> Option<(usize, usize)> {
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let column = letters.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1;
    let row: usize = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names_both_ways() {
        for (row, column, name) in
            [(0, 0, "A1"), (4, 2, "C5"), (9, 25, "Z10"), (0, 26, "AA1"), (1, 701, "ZZ2"), (2, 702, "AAA3")]
        {
            assert_eq!(cell_name(row, column), name);
            assert_eq!(parse_cell_name(name), Some((row, column)), "{name}");
        }
        for bad in ["", "1", "A", "A0", "a1", "ABCD1"] {
            assert_eq!(parse_cell_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_double_reads_as_the_fifteen_digits_excel_shows() {
        let sum = 0.1_f64 + 0.2;
        let cases: &[(f64, bool, &str)] = &[
            (1.1, false, "1.1"),
            (sum, false, "0.3"),
            (123456789.123456, false, "123456789.123456"),
            (1234.56, false, "1234.56"),
            (0.0431, true, "4.31"),
            (0.035, true, "3.5"),
            (3.69, false, "3.69"),
            (4005600.0, false, "4005600"),
            (-0.07, false, "-0.07"),
            (0.0, false, "0"),
            (1e-3, false, "0.001"),
            (1.0 / 3.0, false, "0.333333333333333"),
            (2.0 / 3.0, false, "0.666666666666667"),
            (12345678901234567.0, false, "12345678901234600"),
            (100.0, true, "10000"),
        ];
        for &(value, percent, shown) in cases {
            assert_eq!(shown_number(value, percent).as_deref(), Some(shown), "{value:e} percent={percent}");
        }
        assert_eq!(shown_number(f64::NAN, false), None);
        assert_eq!(shown_number(f64::INFINITY, false), None);
        assert_eq!(whole_number(5, true), "500");
        assert_eq!(whole_number(0, true), "0");
        assert_eq!(whole_number(-3, true), "-300");
        assert_eq!(whole_number(-3, false), "-3");
    }

    #[test]
    fn percentage_formats_as_excel_and_libreoffice_write_them() {
        for (code, percent) in [
            ("0%", true),
            ("0.00%", true),
            ("#,##0.0%", true),
            ("0.00\\%", false),
            ("0.0\"%\"", false),
            ("General", false),
            ("#,##0.00", false),
            ("0.00_%", false),
            ("0.00;-0.00%", false),
            ("[Red]0.00%", true),
        ] {
            assert_eq!(format_shows_percent(code), percent, "{code}");
        }
    }

    #[test]
    fn stored_numbers_become_plain_text_exactly() {
        let cases = [
            ("1234.56", "1234.56"),
            ("1E-3", "0.001"),
            ("1.5E-3", "0.0015"),
            ("-2.5e2", "-250"),
            ("1.2345E+3", "1234.5"),
            ("12E0", "12"),
            ("4.0000000000000001E-3", "0.0040000000000000001"),
            ("abc", "abc"),
            ("1E999", "1E999"),
        ];
        for (stored, plain) in cases {
            assert_eq!(Cell::Number(stored.to_owned()).text(), plain, "{stored}");
        }
    }
}
