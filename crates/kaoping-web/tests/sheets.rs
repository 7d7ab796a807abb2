//! The spreadsheet pieces of the page in headless Chromium: the import preview lists every change and
//! every refused cell, applies all only when nothing is refused and the rest only when asked, and
//! asks what an unrecognised heading is; the comparison marks band moves and shows a bank's moved
//! items; a pasted block lands where it was pasted; a share link the browser would not copy is shown
//! to copy by hand.
//!
//! `cargo test --target wasm32-unknown-unknown -p kaoping-web --test sheets`

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use kaoping_app::compare::Compare;
use kaoping_app::view::Heading;
use kaoping_app::Action;
use kaoping_engine::{Field, Scenario, Scheme};
use kaoping_web::components::compare_view::{CompareView, CompareViewProps};
use kaoping_web::components::sheets_bar::{SheetsBar, SheetsBarProps};
use kaoping_web::components::sheets_paste::{pasted_block, target};
use kaoping_web::components::sheets_preview::{ImportPreview, ImportPreviewProps};
use kaoping_web::components::SchemeRef;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in")
}

/// A fresh element in the document, removed when dropped.
struct Root(Element);

impl Root {
    fn new() -> Root {
        let document = gloo::utils::document();
        let root = document.create_element("div").expect("create root");
        document.body().expect("body").append_child(&root).expect("append root");
        Root(root)
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.0.query_selector(selector).ok().flatten()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).and_then(|e| e.text_content()).unwrap_or_default()
    }

    fn click(&self, selector: &str) {
        self.find(selector)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .unwrap_or_else(|| panic!("nothing to click at {selector}"))
            .click();
    }

    /// Yields to Yew's scheduler until `condition` holds (about eight seconds at most).
    async fn wait_for(&self, what: &str, condition: impl Fn(&Root) -> bool) {
        for _ in 0..2000 {
            if condition(self) {
                return;
            }
            yew::platform::time::sleep(Duration::ZERO).await;
        }
        panic!("timed out waiting for {what}");
    }
}

impl Drop for Root {
    fn drop(&mut self) {
        self.0.remove();
    }
}

fn preview_of(csv: &str) -> (Rc<kaoping_sheets::Preview>, Scenario) {
    let base = scheme().template();
    let update = kaoping_sheets::read_file(csv.as_bytes(), "填报.csv", scheme());
    (Rc::new(update.preview(scheme(), &base)), base)
}

/// Props of the preview of `csv`, with every action it sends kept in `sent`.
fn preview_props(csv: &str, sent: &Rc<RefCell<Vec<Action>>>) -> ImportPreviewProps {
    let (preview, _) = preview_of(csv);
    let headings = preview
        .unplaced
        .iter()
        .map(|u| Heading { heading: u.heading.clone(), place: u.place.clone(), to: None, remembered: false })
        .collect();
    let sent = sent.clone();
    ImportPreviewProps {
        source: "填报.csv".into(),
        preview,
        headings: Rc::new(headings),
        busy: false,
        rest_ready: true,
        dispatch: Callback::from(move |action: Action| sent.borrow_mut().push(action)),
    }
}

#[wasm_bindgen_test]
async fn refused_cells_are_listed_and_only_the_rest_can_be_applied_by_choice() {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let props = preview_props("银行,贷款余额（亿元）\n工商银行,12.3x\n火星银行,1\n农业银行,300\n", &sent);
    let root = Root::new();
    let _app = yew::Renderer::<ImportPreview>::with_root_and_props(root.0.clone(), props).render();
    root.wait_for("the preview", |r| r.find("#import-problems").is_some()).await;
    let problems = root.text("#import-problems");
    assert!(problems.contains("填报.csv!B2") && problems.contains("填报.csv!A3"), "{problems}");
    let apply = root.find("#import-apply").expect("the apply button");
    assert!(apply.has_attribute("disabled"), "refused cells block the whole import");
    assert!(root.text("#import-changes").contains("农业银行"), "what can be imported is listed too");
    assert_eq!(root.text("#import-rest"), "导入其余 1 项");
    root.click("#import-rest");
    root.click("#import-refused");
    root.click("#import-cancel");
    assert_eq!(*sent.borrow(), [Action::ApplyRest, Action::DownloadRefused, Action::ClosePreview]);
}

#[wasm_bindgen_test]
async fn the_rest_is_not_offered_when_the_worker_sent_no_rest() {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let mut props = preview_props("银行,贷款余额（亿元）\n工商银行,12.3x\n农业银行,300\n", &sent);
    props.rest_ready = false;
    let root = Root::new();
    let _app = yew::Renderer::<ImportPreview>::with_root_and_props(root.0.clone(), props).render();
    root.wait_for("the preview", |r| r.find("#import-problems").is_some()).await;
    assert!(root.find("#import-rest").is_none(), "a 导入其余 button that could do nothing");
    assert!(root.text("#import-summary").contains("请改正这些单元格再重新导入"), "{}", root.text("#import-summary"));
}

#[wasm_bindgen_test]
async fn changes_are_listed_and_applied_on_confirmation() {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let props = preview_props("银行,贷款余额（亿元）\n农业银行,\"1,234.5\"\n", &sent);
    let root = Root::new();
    let _app = yew::Renderer::<ImportPreview>::with_root_and_props(root.0.clone(), props).render();
    root.wait_for("the changes", |r| r.find("#import-changes").is_some()).await;
    let changes = root.text("#import-changes");
    assert!(
        changes.contains("农业银行") && changes.contains("1234.5 亿元") && changes.contains("填报.csv!B2"),
        "{changes}"
    );
    assert!(root.find("#import-rest").is_none() && root.find("#import-refused").is_none(), "nothing refused");
    root.click("#import-apply");
    assert_eq!(*sent.borrow(), [Action::ApplyPreview]);
}

#[wasm_bindgen_test]
async fn an_unrecognised_heading_is_placed_by_choosing_a_figure() {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let heading = "普惠型小微企业贷款余额（万元）";
    let props = preview_props(&format!("银行,{heading}\n农业银行,1000\n"), &sent);
    let root = Root::new();
    let _app = yew::Renderer::<ImportPreview>::with_root_and_props(root.0.clone(), props).render();
    root.wait_for("the headings", |r| r.find("#import-headings").is_some()).await;
    assert!(root.text("#import-headings").contains(heading));
    let select: web_sys::HtmlSelectElement =
        root.find("#import-map-0").expect("a choice").dyn_into().expect("a select");
    assert_eq!(select.value(), "", "nothing chosen yet");
    let labels = root.text("#import-map-0");
    assert!(labels.contains("不读取") && labels.contains("普惠小微贷款余额（2024年末）"), "{labels}");
    select.set_value("inclusive_loans");
    let change = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .expect("an event");
    select.dispatch_event(&change).expect("dispatched");
    root.wait_for("the choice", |_| !sent.borrow().is_empty()).await;
    assert_eq!(
        *sent.borrow(),
        [Action::MapHeading(heading.to_owned(), Some(kaoping_sheets::MapTo::Figure(Field::Inclusive)))]
    );
}

#[wasm_bindgen_test]
async fn the_comparison_marks_band_moves_and_explains_a_bank() {
    let before = scheme().template();
    let mut after = before.clone();
    Field::Loans.enter(after.bank_mut("adbc"), "2000").expect("a valid figure");
    // 对比's state as the reducer leaves it once the saved scenario is read and 农发行 is picked.
    let mut compare = Compare::default().with_saved(scheme(), vec![("基准".to_owned(), before)]);
    compare.bank = Some("adbc".to_owned());
    compare.work_out(scheme(), &after, 1);
    let root = Root::new();
    let picked = Rc::new(RefCell::new(None::<Action>));
    let props = CompareViewProps {
        scheme: SchemeRef(scheme()),
        compare,
        current_name: "当前测算".into(),
        dispatch: {
            let picked = picked.clone();
            Callback::from(move |action: Action| *picked.borrow_mut() = Some(action))
        },
    };
    let _app = yew::Renderer::<CompareView>::with_root_and_props(root.0.clone(), props).render();
    root.wait_for("the table", |r| r.find("#compare-table").is_some()).await;
    let rows = root.0.query_selector_all("#compare-table tbody tr").expect("rows");
    assert_eq!(rows.length(), 16);
    let first = root.text("#compare-table tbody tr:first-child");
    assert!(first.contains("农发行") && first.contains('↑'), "{first}");
    let detail = root.text(".compare-detail");
    assert!(
        detail.contains("贷款余额（2024年末）") && detail.contains("二(一)1") && detail.contains("已保存：基准："),
        "{detail}"
    );
    root.click("#compare-table tbody tr:nth-child(2) button");
    assert_eq!(*picked.borrow(), Some(Action::CompareBank("icbc".to_owned())), "a bank's name picks it");
}

#[wasm_bindgen_test]
fn a_pasted_block_lands_from_the_box_pasted_into() {
    let fields = [Field::Loans, Field::SmeLoans, Field::ManufacturingLoans];
    let banks: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    let t = target(&fields, &banks, "abc", Field::SmeLoans);
    assert_eq!(t.columns, [Field::SmeLoans, Field::ManufacturingLoans]);
    assert_eq!(t.banks.first().map(String::as_str), Some("abc"));
    assert_eq!(t.banks.len(), 14);

    let paste = |text: &str| {
        let data = web_sys::DataTransfer::new().expect("DataTransfer");
        data.set_data("text/plain", text).expect("set data");
        let init = web_sys::ClipboardEventInit::new();
        init.set_clipboard_data(Some(&data));
        web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).expect("paste event")
    };
    assert_eq!(pasted_block(&paste("1\t2\n3\t4\n")).as_deref(), Some("1\t2\n3\t4\n"));
    assert_eq!(pasted_block(&paste("1,234.5\r\n")), None, "one value is the box's own paste");
}

/// 复制分享链接 sends `CopyLink`; a link the browser would not copy (after the spreadsheet module
/// wrote it) is shown in a box with why, and focusing the box selects all of it.
#[wasm_bindgen_test]
async fn a_share_link_not_copied_is_shown_to_copy_by_hand() {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let url = "http://intranet.example/kaoping/#s=1.eJyrVg&b=icbc";
    let props = {
        let sent = sent.clone();
        SheetsBarProps {
            dispatch: Callback::from(move |action: Action| sent.borrow_mut().push(action)),
            onfile: Callback::noop(),
            onfiles: Callback::noop(),
            link_shown: Some(url.into()),
        }
    };
    let root = Root::new();
    let _bar = yew::Renderer::<SheetsBar>::with_root_and_props(root.0.clone(), props).render();
    root.wait_for("the link box", |r| r.find("#share-link").is_some()).await;
    assert!(root.text(".share-link").contains("浏览器未允许自动复制"), "{}", root.text(".share-link"));
    let input: web_sys::HtmlInputElement = root.find("#share-link").and_then(|e| e.dyn_into().ok()).expect("a box");
    assert_eq!(input.value(), url);
    input.focus().expect("focus");
    root.wait_for("the link selected", |_| input.selection_end().ok().flatten() == Some(url.len() as u32)).await;
    assert_eq!(input.selection_start().ok().flatten(), Some(0));
    root.click("#copy-link");
    assert_eq!(*sent.borrow(), [Action::CopyLink]);
    // 下载本行申报表 asks for the shown bank's 申报表; 汇总申报表 takes several files at once (issue 17).
    root.click("#download-form");
    assert_eq!(sent.borrow().last(), Some(&Action::ExportSheet(kaoping_app::SheetFile::Form)));
    let picker: web_sys::HtmlInputElement =
        root.find("#collect-forms-files").and_then(|e| e.dyn_into().ok()).expect("the picker");
    assert!(picker.multiple(), "several files at once");
    let single: web_sys::HtmlInputElement =
        root.find("#import-table-file").and_then(|e| e.dyn_into().ok()).expect("the import picker");
    assert!(!single.multiple(), "an import is one file");
}
