//! A sheet as read from any source — a workbook, a CSV or TSV file, a pasted block — before anything
//! is known about what its cells mean: rows of cells, each with the exact text it holds.

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};

/// One cell as stored. Numbers keep the decimal text the file holds, never a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every cell of a CSV file or a pasted block is text).
    Text(String),
    /// A number cell of a workbook, as the decimal text stored in the sheet (`1234.56`, `1E-3`).
    Number(String),
    /// A TRUE/FALSE cell.
    Bool(bool),
    /// An error value (`#DIV/0!`).
    Error(String),
}

impl Cell {
    /// The text a figure is read from: the stored number's text, `1`/`0` for TRUE/FALSE.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) | Cell::Error(t) => Cow::Borrowed(t),
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

/// The decimal a workbook's number cell means, from the text stored in the sheet.
///
/// A spreadsheet keeps a number as a binary double and may write it to the file with 17 significant
/// digits, so a figure typed as `1.1` can be stored as `1.1000000000000001`, and `3.5%` as
/// `3.5000000000000003E-2`. Excel shows, and takes from the keyboard, at most 15 significant digits,
/// and a double holds any decimal of 15 digits closely enough that rounding its 17-digit writing to
/// 15 digits gives that decimal back. So text of at most 15 significant digits is kept exactly as
/// stored (a figure this program wrote, `300.00`, keeps its form), and longer text is rounded, in
/// decimal, to the 15 digits Excel shows. No float is involved.
pub fn stored_number(text: &str) -> String {
    let text = text.trim();
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if digits.trim_start_matches('0').len() <= 15 {
        return text.to_owned();
    }
    let exact =
        if mantissa.len() == text.len() { Decimal::from_str_exact(text) } else { Decimal::from_scientific(text) };
    exact
        .ok()
        .and_then(|d| d.round_sf_with_strategy(15, RoundingStrategy::MidpointAwayFromZero))
        .map_or_else(|| text.to_owned(), |d| d.normalize().to_string())
}

/// A sheet's cells, row by row. Rows may differ in length; a missing cell is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// The sheet's name (a workbook's tab, or what the source is called: `粘贴内容`).
    pub name: String,
    /// The rows, from the top.
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
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
    fn a_double_written_out_in_full_reads_as_the_figure_typed() {
        let cases = [
            ("1.1000000000000001", "1.1"),
            ("1234.5599999999999", "1234.56"),
            ("3.5000000000000003E-2", "0.035"),
            ("0.30000000000000004", "0.3"),
            ("-7.0000000000000007E-2", "-0.07"),
            ("12345678901234567", "12345678901234600"),
            ("300.00", "300.00"),
            ("123456789012.345", "123456789012.345"),
            ("1E-3", "1E-3"),
            ("abc", "abc"),
        ];
        for (stored, meant) in cases {
            assert_eq!(stored_number(stored), meant, "{stored}");
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
