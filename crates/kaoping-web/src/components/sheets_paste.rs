//! Pasting a block copied from Excel into 全市总览: the text on the clipboard, and where it lands.
//!
//! A paste of one value is left to the box (the browser puts it there as usual). A paste with a tab
//! or a line break is a block: the table's `onpaste` stops the browser, reads it with
//! [`kaoping_sheets::paste::paste`] against the columns and banks shown from the focused box right
//! and down, and shows the import preview.

use kaoping_engine::Field;
use kaoping_sheets::paste::Target;
use wasm_bindgen::JsCast;

/// The text of a paste event when it is a block (has a tab or a line break); `None` for a single
/// value, which the box takes as usual.
pub fn pasted_block(event: &web_sys::Event) -> Option<String> {
    let event: &web_sys::ClipboardEvent = event.dyn_ref()?;
    let text = event.clipboard_data()?.get_data("text/plain").ok()?;
    text.trim_end_matches(['\r', '\n']).contains(['\t', '\n']).then_some(text)
}

/// Where a block pasted into the box of (`bank`, `field`) lands: the columns shown from `field`
/// right, the banks shown from `bank` down. A box outside the shown lists pastes from the first.
pub fn target(shown_fields: &[Field], shown_banks: &[String], bank: &str, field: Field) -> Target {
    let column = shown_fields.iter().position(|f| *f == field).unwrap_or(0);
    let row = shown_banks.iter().position(|b| b == bank).unwrap_or(0);
    Target {
        columns: shown_fields.get(column..).unwrap_or_default().to_vec(),
        banks: shown_banks.get(row..).unwrap_or_default().to_vec(),
    }
}
