//! Evaluates the full 16-bank scenario N times (the first argument, 1 if none): a program for
//! counting instructions, which unlike times do not depend on what else the machine is doing. With
//! `floor` as the second argument it runs the floor of `benches/floor.rs` N times instead, so the
//! engine and its floor are counted alike.
//!
//! ```text
//! cargo build --profile bench -p kaoping-engine --example evaluate_n
//! valgrind --tool=callgrind target/release/examples/evaluate_n 1
//! valgrind --tool=callgrind target/release/examples/evaluate_n 101
//! valgrind --tool=callgrind target/release/examples/evaluate_n 101 floor
//! ```
//!
//! The difference of the two totals, divided by 100, is one evaluation (and the drop of its result),
//! without the reading of the file and the program's start. `cargo xtask bench` does this when
//! valgrind is installed.

use kaoping_engine::{evaluate, Scenario, Scheme};
use std::hint::black_box;

#[path = "../benches/floor.rs"]
mod floor;

const FULL: &str = include_str!("../../../tests/scenarios/full-16-banks.scenario.json");

fn main() {
    let times: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let of_floor = std::env::args().nth(2).is_some_and(|what| what == "floor");
    let (Ok(scheme), Ok(scenario)) = (Scheme::builtin(2024), Scenario::from_json(FULL)) else {
        eprintln!("the built-in scheme or the 16-bank scenario did not load");
        std::process::exit(1);
    };
    let items = floor::floor_items(scheme, &scenario);
    for _ in 0..times {
        if of_floor {
            black_box(floor::floor(black_box(&items)));
        } else {
            black_box(evaluate(black_box(scheme), black_box(&scenario)));
        }
    }
}
