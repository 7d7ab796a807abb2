//! Delimited text: CSV and TSV files, and blocks pasted from a spreadsheet (which arrive as TSV).
//!
//! Quoting follows RFC 4180, which is also what Excel writes and puts on the clipboard: a field in
//! double quotes may hold the delimiter, line breaks and doubled quotes. Every cell is text; figures
//! are read from it later by the field's own reader.

use crate::grid::{Cell, Grid};
use crate::Problem;

/// The text of a file: UTF-8 (with or without a byte-order mark) or UTF-16 with one (Excel's
/// "Unicode 文本"). Anything else is refused with a hint, since Excel on a Chinese system saves plain
/// "CSV" in GBK, whose text cannot be read without guessing.
pub fn decode(bytes: &[u8]) -> Result<String, Problem> {
    let utf16 = |big_endian: bool, body: &[u8]| {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| if big_endian { u16::from_be_bytes([p[0], p[1]]) } else { u16::from_le_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16(&units).map_err(|_| Problem::file("文件的 UTF-16 编码有误，无法读取"))
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).map(str::to_owned).map_err(|_| not_utf8()),
        [0xFF, 0xFE, rest @ ..] => utf16(false, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(true, rest),
        _ => std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| not_utf8()),
    }
}

fn not_utf8() -> Problem {
    Problem::file(
        "文件不是 UTF-8 编码的文本（Excel 在中文系统中保存的“CSV”为 GBK 编码）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 工作簿后再导入",
    )
}

/// The delimiter of a text table: a tab if the first line has one, else a comma, else a semicolon
/// (Excel's list separator in some regions); a comma when the first line has none of them.
fn delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    ['\t', ',', ';'].into_iter().find(|&d| first.contains(d)).unwrap_or(',')
}

/// Splits delimited text into a grid named `name`, guessing the delimiter from the first line.
pub fn read(text: &str, name: &str) -> Grid {
    read_with(text, name, delimiter(text))
}

/// Splits delimited text into a grid with the given delimiter.
pub fn read_with(text: &str, name: &str, delimiter: char) -> Grid {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    let push = |field: &mut String, row: &mut Vec<Cell>| {
        let text = std::mem::take(field);
        row.push(if text.is_empty() { Cell::Empty } else { Cell::Text(text) });
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            c if c == delimiter => {
                push(&mut field, &mut row);
                at_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push(&mut field, &mut row);
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() || quoted {
        push(&mut field, &mut row);
        rows.push(row);
    }
    // A row holding one empty cell is a blank line.
    for row in &mut rows {
        if row.iter().all(Cell::is_blank) {
            row.clear();
        }
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    Grid { name: name.to_owned(), rows }
}

/// One field, quoted when it holds the delimiter, a quote or a line break.
fn field(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Rows of text as CSV, lines ended by CRLF as Excel writes them, after a UTF-8 byte-order mark so
/// that Excel opens the Chinese text as UTF-8.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let line: Vec<String> = row.iter().map(|t| field(t, ',')).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        grid.rows.iter().map(|r| r.iter().map(|c| c.text().into_owned()).collect()).collect()
    }

    #[test]
    fn quoting_round_trips() {
        let rows = vec![
            vec!["银行".to_owned(), "贷款余额（亿元）".to_owned(), "备注".to_owned()],
            vec!["工商银行".to_owned(), "1,234.56".to_owned(), "他说\"好\"\n第二行".to_owned()],
        ];
        let text = write(&rows);
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(texts(&read(&text, "表")), rows);
    }

    #[test]
    fn tabs_blank_lines_and_missing_final_newline() {
        let grid = read("a\tb\r\n\r\n1\t\t3\n\n", "粘贴");
        assert_eq!(texts(&grid), [vec!["a", "b"], vec![], vec!["1", "", "3"]]);
        assert_eq!(grid.cell(2, 1), &Cell::Empty);
        assert_eq!(texts(&read("x;y\n1;2", "")), [vec!["x", "y"], vec!["1", "2"]]);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode("\u{feff}银行".as_bytes()).expect("utf-8 with bom"), "银行");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("银行\t1".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).expect("utf-16le"), "银行\t1");
        // 银行 in GBK.
        let gbk = [0xD2, 0xF8, 0xD0, 0xD0];
        assert!(decode(&gbk).expect_err("gbk").to_string().contains("CSV UTF-8"));
    }
}
