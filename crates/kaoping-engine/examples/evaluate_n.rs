//! Evaluates the full 16-bank scenario N times (the first argument, 1 if none): a program for
//! counting instructions, which unlike times do not depend on what else the machine is doing.
//!
//! ```text
//! cargo build --profile bench -p kaoping-engine --example evaluate_n
//! valgrind --tool=callgrind target/release/examples/evaluate_n 1
//! valgrind --tool=callgrind target/release/examples/evaluate_n 101
//! ```
//!
//! The difference of the two totals, divided by 100, is one evaluation (and the drop of its result),
//! without the reading of the file and the program's start. `cargo xtask bench` does this when
//! valgrind is installed.

use kaoping_engine::{evaluate, Scenario, Scheme};
use std::hint::black_box;

const FULL: &str = include_str!("../../../tests/scenarios/full-16-banks.scenario.json");

fn main() {
    let times: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let (Ok(scheme), Ok(scenario)) = (Scheme::builtin(2024), Scenario::from_json(FULL)) else {
        eprintln!("the built-in scheme or the 16-bank scenario did not load");
        std::process::exit(1);
    };
    for _ in 0..times {
        black_box(evaluate(black_box(scheme), black_box(&scenario)));
    }
}
