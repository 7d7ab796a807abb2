//! What calamine does not report of an OpenDocument spreadsheet (`.ods`): which cells hold a
//! percentage (`office:value-type="percentage"`, stored as 0.0431 and shown as 4.31%) and which
//! cells are merged (`table:number-columns-spanned`, a group heading over its sub-headings). See
//! `book.rs` for why both matter. The sheets' XML is walked once with quick-xml, counting rows and
//! columns as calamine does (repeated rows and cells expanded).

use std::collections::HashSet;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::grid::Merge;

/// One table (sheet) of the document, in document order.
#[derive(Debug, Default)]
pub(crate) struct OdsSheet {
    /// The (row, column) cells holding a percentage.
    pub percent: HashSet<(usize, usize)>,
    /// The merged ranges.
    pub merges: Vec<Merge>,
}

/// Rows or columns repeated past this are empty filler (LibreOffice writes a million empty rows);
/// they are counted, not walked.
const MAX_REPEAT: usize = 1 << 20;

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.to_string())
}

fn number(element: &BytesStart<'_>, name: &str) -> usize {
    attribute(element, name).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, MAX_REPEAT)
}

/// The sheets' percentages and merges, or `None` when `content.xml` cannot be read.
pub(crate) fn read(bytes: &[u8]) -> Option<Vec<OdsSheet>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut content = String::new();
    zip.by_name("content.xml").ok()?.read_to_string(&mut content).ok()?;
    let mut reader = quick_xml::Reader::from_str(&content);
    let mut sheets: Vec<OdsSheet> = Vec::new();
    let (mut row, mut column, mut row_repeat) = (0usize, 0usize, 1usize);
    let mut in_table = false;
    loop {
        let (element, empty) = match reader.read_event().ok()? {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table" => in_table = false,
                    "table:table-row" => row = row.saturating_add(row_repeat),
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match element.name().as_ref() {
            "table:table" => {
                sheets.push(OdsSheet::default());
                in_table = !empty;
                row = 0;
            }
            "table:table-row" if in_table => {
                column = 0;
                row_repeat = number(&element, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if in_table => {
                let repeat = number(&element, "table:number-columns-repeated");
                let sheet = sheets.last_mut()?;
                if attribute(&element, "office:value-type").as_deref() == Some("percentage") {
                    for r in row..row.saturating_add(row_repeat.min(4096)) {
                        for c in column..column.saturating_add(repeat.min(4096)) {
                            sheet.percent.insert((r, c));
                        }
                    }
                }
                let across = number(&element, "table:number-columns-spanned");
                let down = number(&element, "table:number-rows-spanned");
                if across > 1 || down > 1 {
                    sheet.merges.push(Merge {
                        top: row,
                        left: column,
                        bottom: row + down - 1,
                        right: column + across - 1,
                    });
                }
                column = column.saturating_add(repeat);
            }
            _ => {}
        }
    }
    Some(sheets)
}
