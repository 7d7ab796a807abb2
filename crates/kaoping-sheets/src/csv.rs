//! Delimited text: CSV and TSV files, and blocks pasted from a spreadsheet (which arrive as TSV).
//!
//! Quoting follows RFC 4180, which is also what Excel writes and puts on the clipboard: a field in
//! double quotes may hold the delimiter, line breaks and doubled quotes. Every cell is text; figures
//! are read from it later by the field's own reader.

use crate::grid::{Cell, Grid};
use crate::Problem;

/// The text of a file and the encoding it was read in: UTF-8 (with or without a byte-order mark),
/// UTF-16 (with a byte-order mark, as Excel saves "Unicode 文本", or without one), or else GB18030 —
/// which includes GBK, what Excel on Chinese Windows writes for plain "CSV". Bytes that are none of
/// these are refused rather than guessed at.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bytes.get(bom..).unwrap_or_default()),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
        None => match utf16_without_bom(bytes) {
            Some(big_endian) => (if big_endian { UTF_16BE } else { UTF_16LE }, bytes),
            None => (GB18030, bytes),
        },
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(body).ok_or_else(|| {
        if encoding == GB18030 {
            Problem::file("文件既不是 UTF-8，也不是 GBK/GB18030 编码的文本，无法读取：请在 Excel/WPS 中另存为 .xlsx 工作簿或“CSV UTF-8（逗号分隔）”后再导入")
        } else {
            Problem::file(format!("文件的 {} 编码有误，无法读取", encoding.name()))
        }
    })?;
    let name = match encoding.name() {
        "gb18030" => "GBK/GB18030",
        other => other,
    };
    Ok((text.into_owned(), name))
}

/// UTF-16 saved without a byte-order mark: a table's text is mostly ASCII (digits, commas, line
/// ends), so one byte of most pairs is zero — the second in little-endian, the first in big-endian.
/// `Some(true)` for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(2048).collect();
    if pairs.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let high_zero = pairs.iter().filter(|p| p[1] == 0 && p[0] != 0).count();
    let low_zero = pairs.iter().filter(|p| p[0] == 0 && p[1] != 0).count();
    let most = pairs.len() / 3;
    match (high_zero > most && low_zero == 0, low_zero > most && high_zero == 0) {
        (true, _) => Some(false),
        (_, true) => Some(true),
        _ => None,
    }
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
    Grid::new(name, rows)
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
        assert_eq!(decode("\u{feff}银行".as_bytes()).expect("utf-8 with bom"), ("银行".to_owned(), "UTF-8"));
        assert_eq!(decode("银行,1".as_bytes()).expect("utf-8").0, "银行,1");
        let le: Vec<u8> = "银行\t1,2\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le.iter().copied()).collect();
        assert_eq!(decode(&with_bom).expect("utf-16le"), ("银行\t1,2\r\n".to_owned(), "UTF-16LE"));
        assert_eq!(decode(&le).expect("utf-16le without a bom").0, "银行\t1,2\r\n");
        let be: Vec<u8> = "银行\t1,2\r\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).expect("utf-16be without a bom").0, "银行\t1,2\r\n");
        // 银行,工商银行 in GBK; 𠀀 (beyond GBK) in GB18030's four-byte form.
        let gbk = [0xD2, 0xF8, 0xD0, 0xD0, b',', 0xB9, 0xA4, 0xC9, 0xCC, 0xD2, 0xF8, 0xD0, 0xD0];
        assert_eq!(decode(&gbk).expect("gbk"), ("银行,工商银行".to_owned(), "GBK/GB18030"));
        assert_eq!(decode(&[0x95, 0x32, 0x82, 0x36]).expect("gb18030").0, "\u{20000}");
        // A lone lead byte is neither.
        assert!(decode(&[b'a', 0xFF]).expect_err("not text").to_string().contains("GBK"));
    }
}
