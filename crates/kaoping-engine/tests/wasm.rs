//! The engine compiled to WebAssembly gives the same results as on the host: worked example 1, byte
//! for byte, scored inside a wasm runtime (Node, through wasm-bindgen-test).
//!
//! The case files run in wasm as well, embedded in the test binaries since wasm cannot read files:
//! `tests/rules/*.json` through `rules.rs` and `tests/refusals.json` (the English and Chinese
//! messages of every refusal) through `input.rs`.
//!
//! `cargo test --target wasm32-unknown-unknown -p kaoping-engine` (all of them; `--test wasm` for this one)
#![cfg(target_arch = "wasm32")]

use kaoping_engine::{evaluate, round2, Scenario, Scheme};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn worked_example_in_wasm() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let text = include_str!("../../../tests/scenarios/worked-example-1.scenario.json");
    let scenario = Scenario::from_json(text).expect("parses");
    let evaluation = evaluate(scheme, &scenario);
    let icbc = evaluation.bank("icbc").expect("icbc");
    assert_eq!(icbc.total.map(round2).map(|d| d.to_string()).as_deref(), Some("122.70"));
    assert_eq!(icbc.rank, Some(1));
    assert_eq!(round2(icbc.deposit.share_pct).to_string(), "13.87");
    assert_eq!(icbc.items[0].explain(scheme), "增量 43.95 亿元，任务 38.41 亿元，超 5.54 亿元 → 40 + 5.54 = 45.54 分");
    let golden = include_str!("../../../tests/scenarios/worked-example-1.result.json");
    assert_eq!(evaluation.to_json(scheme) + "\n", golden, "the wasm result file is the host's, byte for byte");
}
