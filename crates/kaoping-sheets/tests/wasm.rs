//! The spreadsheet code compiled to WebAssembly, as the page runs it: a workbook written and read back,
//! a CSV table, a share link and a bad file give the same results as on the host (Node, through
//! wasm-bindgen-test).
//!
//! `cargo test --target wasm32-unknown-unknown -p kaoping-sheets --test wasm`
#![cfg(target_arch = "wasm32")]

use kaoping_engine::{Scenario, Scheme};
use kaoping_sheets::export::{self, About};
use kaoping_sheets::{link, read_file};
use wasm_bindgen_test::wasm_bindgen_test;

fn worked_example() -> Scenario {
    Scenario::from_json(include_str!("../../../tests/scenarios/full-16-banks.scenario.json")).expect("parses")
}

#[wasm_bindgen_test]
fn workbook_csv_and_link_round_trip_in_wasm() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let scenario = worked_example();
    let about = About { date: "2024-12-31".to_owned(), version: "test".to_owned() };
    let book = export::workbook(scheme, &scenario, "icbc", &about).expect("written");
    let update = read_file(&book, "测算.xlsx", scheme);
    assert_eq!(update.problems, []);
    assert_eq!(update.apply(scheme, &Scenario::new(2024)).expect("applies").to_json(), scenario.to_json());

    let csv = export::city_csv(scheme, &scenario);
    let mut base = scenario.clone();
    base.banks.clear();
    let back = read_file(csv.as_bytes(), "全市.csv", scheme).apply(scheme, &base).expect("applies");
    assert_eq!(back.to_json(), scenario.to_json());

    let fragment = link::share_fragment(&scenario);
    assert_eq!(link::open_fragment(&fragment).expect("opens"), scenario);
    assert!(link::open_fragment(&fragment[..fragment.len() / 2]).is_err());
}

#[wasm_bindgen_test]
fn a_bad_file_is_refused_in_wasm_too() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let update = read_file("银行,贷款余额（亿元）\n火星银行,1\n".as_bytes(), "t.csv", scheme);
    assert_eq!(update.problems.len(), 1);
    assert!(update.apply(scheme, &worked_example()).is_err());
    assert!(read_file(&vec![b'1'; 11 * 1024 * 1024], "big.csv", scheme).problems[0].message.contains("太大"));
}
