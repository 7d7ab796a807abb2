//! How long one evaluation of the full 16-bank scenario takes. The page evaluates on every keystroke
//! and a target solver will evaluate thousands of times per answer.
//!
//! Run with `cargo bench -p kaoping-engine`; the median goes in the README.

use criterion::{criterion_group, criterion_main, Criterion};
use kaoping_engine::{evaluate, Scenario, Scheme};
use std::hint::black_box;

const FULL: &str = include_str!("../../../tests/scenarios/full-16-banks.scenario.json");

fn bench(c: &mut Criterion) {
    let Ok(scheme) = Scheme::builtin(2024) else { return };
    let Ok(scenario) = Scenario::from_json(FULL) else { return };
    c.bench_function("evaluate 16 banks", |b| b.iter(|| evaluate(black_box(scheme), black_box(&scenario))));
    let result = evaluate(scheme, &scenario);
    c.bench_function("explain 16 banks x 18 items", |b| {
        b.iter(|| {
            result.banks.iter().flat_map(|bank| bank.items.iter()).map(|s| s.explain(scheme).len()).sum::<usize>()
        })
    });
    c.bench_function("parse scenario JSON", |b| b.iter(|| Scenario::from_json(black_box(FULL))));
    // The target solver: "what loan balance puts 交通银行 (last here) in the top three?"
    c.bench_function("loans_for_rank top 3", |b| {
        b.iter(|| kaoping_engine::loans_for_rank(scheme, black_box(&scenario), "bocom", 3))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
