//! The number formats of an Excel 97–2003 (`.xls`, BIFF8) workbook's cells — our own code because
//! calamine keeps only whether a format is a date, and a percentage must read as the percentage
//! shown (see `book.rs`).
//!
//! The workbook stream is a run of records (`[type u16][size u16][data]`). The globals hold the
//! custom number formats (FORMAT, 0x041E: id and format code), the cell formats (XF, 0x00E0: the
//! number format id at offset 2) and the sheets (BOUNDSHEET8, 0x0085: the stream offset of each
//! sheet's records). A sheet's number cells name their XF: NUMBER (0x0203), RK (0x027E), MULRK
//! (0x00BD, several cells) and FORMULA (0x0006). Only these are read; anything unexpected gives
//! `None`, and the workbook's grids are then marked as having unknown formats.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use crate::grid::format_shows_percent;

/// The (row, column) cells in a percentage format, per sheet in the workbook's sheet order; `None`
/// when the file is not a BIFF8 workbook this code can walk.
pub(crate) fn percent_cells(bytes: &[u8]) -> Option<Vec<HashSet<(usize, usize)>>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let name = ["/Workbook", "/Book"].into_iter().find(|n| file.is_stream(n))?;
    let mut stream = Vec::new();
    file.open_stream(name).ok()?.read_to_end(&mut stream).ok()?;
    walk(&stream)
}

fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    data.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> Option<usize> {
    data.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// The records from `start`: (type, data), up to the end of the stream or a record that does not fit.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (usize, &[u8])> {
    let mut at = start;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let size = u16_at(stream, at + 2)?;
        let data = stream.get(at + 4..at + 4 + size)?;
        at += 4 + size;
        Some((kind, data))
    })
}

/// An XLUnicodeString (16-bit length) as text: compressed (one byte a character) or UTF-16.
fn unicode_string(data: &[u8]) -> Option<String> {
    let length = u16_at(data, 0)?;
    let flags = *data.get(2)?;
    let body = data.get(3..)?;
    if flags & 1 == 0 {
        Some(body.get(..length)?.iter().map(|&b| char::from(b)).collect())
    } else {
        let units: Vec<u16> =
            body.get(..length * 2)?.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        Some(String::from_utf16_lossy(&units))
    }
}

fn walk(stream: &[u8]) -> Option<Vec<HashSet<(usize, usize)>>> {
    const BOF: usize = 0x0809;
    const EOF: usize = 0x000A;
    let mut custom: HashMap<usize, bool> = HashMap::new();
    let mut xf_percent: Vec<bool> = Vec::new();
    let mut sheets: Vec<usize> = Vec::new();
    let mut first = true;
    for (kind, data) in records(stream, 0) {
        if first {
            // A BIFF8 globals substream starts with a BOF of version 0x0600.
            if kind != BOF || u16_at(data, 0)? != 0x0600 {
                return None;
            }
            first = false;
            continue;
        }
        match kind {
            0x041E => {
                let id = u16_at(data, 0)?;
                custom.insert(id, format_shows_percent(&unicode_string(data.get(2..)?)?));
            }
            0x00E0 => {
                let id = u16_at(data, 2)?;
                xf_percent.push(matches!(id, 9 | 10) || custom.get(&id).copied().unwrap_or(false));
            }
            0x0085 => sheets.push(u32_at(data, 0)?),
            EOF => break,
            _ => {}
        }
    }
    let percent = |xf: usize| xf_percent.get(xf).copied().unwrap_or(false);
    let mut out = Vec::with_capacity(sheets.len());
    for start in sheets {
        let mut cells = HashSet::new();
        let mut opened = false;
        for (kind, data) in records(stream, start) {
            match kind {
                BOF if !opened => opened = true,
                BOF => return None,
                EOF => break,
                0x0203 | 0x027E | 0x0006 if percent(u16_at(data, 4)?) => {
                    cells.insert((u16_at(data, 0)?, u16_at(data, 2)?));
                }
                0x00BD => {
                    let row = u16_at(data, 0)?;
                    let first_column = u16_at(data, 2)?;
                    let count = data.len().checked_sub(6)? / 6;
                    for i in 0..count {
                        if percent(u16_at(data, 4 + i * 6)?) {
                            cells.insert((row, first_column + i));
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(cells);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    #[test]
    fn percentage_cells_of_a_small_stream() {
        let bof = [0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0];
        let mut globals = record(0x0809, &bof);
        // A custom format 164 `0.00\%` (a literal percent sign) and 165 `0.0%`.
        for (id, code) in [(164u16, "0.00\\%"), (165, "0.0%")] {
            let mut data = id.to_le_bytes().to_vec();
            data.extend((code.len() as u16).to_le_bytes());
            data.push(0);
            data.extend(code.as_bytes());
            globals.extend(record(0x041E, &data));
        }
        // XFs 0..3: general, built-in 10 (0.00%), 164, 165.
        for id in [0u16, 10, 164, 165] {
            let mut data = vec![0, 0];
            data.extend(id.to_le_bytes());
            data.extend([0; 16]);
            globals.extend(record(0x00E0, &data));
        }
        let boundsheet_at = globals.len();
        globals.extend(record(0x0085, &[0; 8]));
        globals.extend(record(0x000A, &[]));
        let sheet_start = globals.len();
        let offset = (sheet_start as u32).to_le_bytes();
        globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&offset);
        let mut stream = globals;
        stream.extend(record(0x0809, &bof));
        let number = |row: u16, column: u16, xf: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(column.to_le_bytes());
            d.extend(xf.to_le_bytes());
            d.extend([0; 8]);
            d
        };
        stream.extend(record(0x0203, &number(1, 1, 1)));
        stream.extend(record(0x0203, &number(1, 2, 2)));
        stream.extend(record(0x027E, &number(2, 0, 3)[..10]));
        // MULRK on row 3, columns 4–5: XFs 1 and 0.
        let mut mulrk = 3u16.to_le_bytes().to_vec();
        mulrk.extend(4u16.to_le_bytes());
        mulrk.extend([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        mulrk.extend(5u16.to_le_bytes());
        stream.extend(record(0x00BD, &mulrk));
        stream.extend(record(0x000A, &[]));
        let sheets = walk(&stream).expect("walks");
        let expected: HashSet<(usize, usize)> = [(1, 1), (2, 0), (3, 4)].into_iter().collect();
        assert_eq!(sheets, vec![expected]);
        assert_eq!(walk(&record(0x0809, &[0x00, 0x05, 0, 0])), None, "BIFF5 is not walked");
    }
}
