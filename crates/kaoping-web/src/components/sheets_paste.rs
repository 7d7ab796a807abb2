//! Pasting a block copied from Excel into 全市总览: the text on the clipboard, and where it lands.
//!
//! A paste of one value is left to the box (the browser puts it there as usual). A paste with a tab
//! or a line break is a block: the table's `onpaste` stops the browser, has the spreadsheet module
//! read it (`kaoping_sheets::paste::paste`) against the columns and banks shown from the focused box
//! right and down, and shows the import preview.

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

/// The `onpaste` of the 全市总览 table: a block pasted into one of its boxes is read against the
/// columns (`shown_fields`) and banks (`shown_banks`, in the order the table shows them) from that
/// box right and down, and shown in the import preview; a single value is left to the box.
pub fn paste_handler(
    dispatch: &yew::Callback<kaoping_app::Action>,
    shown_fields: &[Field],
    shown_banks: std::rc::Rc<Vec<String>>,
) -> yew::Callback<web_sys::Event> {
    let dispatch = dispatch.clone();
    let shown_fields = shown_fields.to_vec();
    yew::Callback::from(move |event: web_sys::Event| {
        let Some(text) = pasted_block(&event) else { return };
        event.prevent_default();
        let box_id = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|element| element.id())
            .unwrap_or_default();
        // The box pasted into, found by its element id (`c` + the field's id).
        let (bank, field) = shown_banks
            .iter()
            .flat_map(|bank| shown_fields.iter().map(move |field| (bank, *field)))
            .find(|(bank, field)| {
                format!("c{}", kaoping_app::FieldId::Bank((*bank).clone(), *field).element_id()) == box_id
            })
            .map_or_else(
                || {
                    (
                        shown_banks.first().cloned().unwrap_or_default(),
                        shown_fields.first().copied().unwrap_or(Field::Loans),
                    )
                },
                |(bank, field)| (bank.clone(), field),
            );
        let target = target(&shown_fields, &shown_banks, &bank, field);
        dispatch.emit(kaoping_app::Action::Paste(kaoping_sheets::job::Job::Paste {
            text,
            target,
            mapping: Vec::new(),
        }));
    })
}
