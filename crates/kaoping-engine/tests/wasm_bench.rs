//! The engine's speed compiled to WebAssembly and run in headless Chromium: the measurements of the
//! host benchmark (`benches/evaluate.rs`), 目标测算 included, timed with the browser's clock
//! (`performance.now()`).
//!
//! A measurement, not a test: it is ignored unless asked for, and `cargo xtask bench` runs it with
//! the size-tuned release profile the page is built with and reads the line it prints:
//!
//! `cargo test --release --target wasm32-unknown-unknown -p kaoping-engine --test wasm_bench -- --include-ignored --nocapture`
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;
use std::time::Duration;

use kaoping_engine::{
    evaluate, loans_for_rank, marginal, margins, simulate, solve, Goal, Lever, Rivals, Scenario, Scheme, SimulationSpec,
};
use rust_decimal::Decimal;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure, Instant};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../benches/floor.rs"]
mod floor;

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
    // The floor (benches/floor.rs) in the same page, for the ratio engine / floor.
    let items = floor::floor_items(scheme, &scenario);
    let floor_time = median(31, 20, || {
        black_box(floor::floor(black_box(&items)));
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

    // 目标测算, as in benches/evaluate.rs.
    let lever = Lever::parse("loans+sme_loans+manufacturing_loans").expect("a lever");
    let plain = Lever::parse("loans").expect("a lever");
    let rivals = Rivals::default();
    let target_solve = median(11, 1, || {
        black_box(solve(scheme, black_box(&scenario), "bocom", &lever, &Goal::Rank(3), rivals));
    });
    let target_unreachable = median(11, 1, || {
        black_box(solve(scheme, black_box(&scenario), "bocom", &plain, &Goal::Rank(1), rivals));
    });
    let margins_time = median(5, 1, || {
        black_box(margins(scheme, black_box(&scenario), "icbc", rivals, true));
    });
    let marginal_time = median(11, 1, || {
        black_box(marginal(scheme, black_box(&scenario), "icbc", rivals));
    });
    let spec = SimulationSpec::new(Decimal::from(3), 1000, 1, true).expect("a simulation");
    let simulate_time = median(5, 1, || {
        black_box(simulate(scheme, black_box(&scenario), "icbc", rivals, spec));
    });

    // One line that `cargo xtask bench` looks for: nanoseconds, medians.
    let figures = [
        ("evaluate_ns", evaluate_time),
        ("floor_ns", floor_time),
        ("explain_ns", explain_time),
        ("parse_ns", parse_time),
        ("solve_ns", solve_time),
        ("target_solve_ns", target_solve),
        ("target_unreachable_ns", target_unreachable),
        ("margins_ns", margins_time),
        ("marginal_ns", marginal_time),
        ("simulate_ns", simulate_time),
    ];
    let json = figures.iter().map(|(key, time)| format!("\"{key}\": {}", time.as_nanos())).collect::<Vec<_>>();
    console_log!("KAOPING-WASM-BENCH {{{}}}", json.join(", "));
}
