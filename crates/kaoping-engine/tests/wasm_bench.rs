//! The engine's speed compiled to WebAssembly and run in headless Chromium: the four measurements of
//! the host benchmark (`benches/evaluate.rs`), timed with the browser's clock (`performance.now()`).
//!
//! A measurement, not a test: it is ignored unless asked for, and `cargo xtask bench` runs it with
//! the size-tuned release profile the page is built with and reads the line it prints:
//!
//! `cargo test --release --target wasm32-unknown-unknown -p kaoping-engine --test wasm_bench -- --include-ignored --nocapture`
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;
use std::time::Duration;

use kaoping_engine::{evaluate, loans_for_rank, Scenario, Scheme};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure, Instant};

wasm_bindgen_test_configure!(run_in_browser);

const FULL: &str = include_str!("../../../tests/scenarios/full-16-banks.scenario.json");

/// The median time of one call of `f`, over `samples` samples of `batch` calls each, after one
/// batch to warm up. Calls are timed in batches because a browser's clock ticks in steps of 0.1 ms
/// or coarser.
fn median(samples: usize, batch: u32, mut f: impl FnMut()) -> Duration {
    let mut run_batch = || {
        let start = Instant::now();
        for _ in 0..batch {
            f();
        }
        start.elapsed() / batch
    };
    run_batch();
    let mut times: Vec<Duration> = (0..samples).map(|_| run_batch()).collect();
    times.sort();
    times.get(samples / 2).copied().unwrap_or_default()
}

#[wasm_bindgen_test]
#[ignore = "a measurement, run by cargo xtask bench"]
fn engine_in_headless_chromium() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let scenario = Scenario::from_json(FULL).expect("the 16-bank file parses");
    let result = evaluate(scheme, &scenario);

    let evaluate_time = median(31, 20, || {
        black_box(evaluate(black_box(scheme), black_box(&scenario)));
    });
    let explain_time = median(31, 5, || {
        let len: usize =
            result.banks.iter().flat_map(|bank| bank.items.iter()).map(|item| item.explain(scheme).len()).sum();
        black_box(len);
    });
    let parse_time = median(31, 5, || {
        let _ = black_box(Scenario::from_json(black_box(FULL)));
    });
    // The target solver: "what loan balance puts 交通银行 (last here) in the top three?"
    let solve_time = median(11, 1, || {
        black_box(loans_for_rank(scheme, black_box(&scenario), "bocom", 3));
    });

    // One line that `cargo xtask bench` looks for: nanoseconds, medians.
    console_log!(
        "KAOPING-WASM-BENCH {{\"evaluate_ns\": {}, \"explain_ns\": {}, \"parse_ns\": {}, \"solve_ns\": {}}}",
        evaluate_time.as_nanos(),
        explain_time.as_nanos(),
        parse_time.as_nanos(),
        solve_time.as_nanos()
    );
}
