//! How long one evaluation of the full 16-bank scenario takes, and the 目标测算 built on it. The page
//! evaluates on every keystroke; the solver evaluates tens of times per answer and the simulation
//! once per draw.
//!
//! Run with `cargo bench -p kaoping-engine`; the median goes in the README.

use criterion::{criterion_group, criterion_main, Criterion};
use kaoping_engine::{
    evaluate, marginal, margins, simulate, solve, Goal, Lever, Rivals, Scenario, Scheme, SimulationSpec,
};
use rust_decimal::Decimal;
use std::hint::black_box;

mod floor;

const FULL: &str = include_str!("../../../tests/scenarios/full-16-banks.scenario.json");

fn bench(c: &mut Criterion) {
    let Ok(scheme) = Scheme::builtin(2024) else { return };
    let Ok(scenario) = Scenario::from_json(FULL) else { return };
    c.bench_function("evaluate 16 banks", |b| b.iter(|| evaluate(black_box(scheme), black_box(&scenario))));
    // The floor (benches/floor.rs), in the same process: the engine's time is read against it.
    let items = floor::floor_items(scheme, &scenario);
    c.bench_function("floor 288 x sub div mul cmp add", |b| b.iter(|| floor::floor(black_box(&items))));
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
    target(c, scheme, &scenario);
}

/// 目标测算 on the full scenario: one goal, the margins against every rival, 1000 simulation draws.
/// Browser targets: solve ≤ 50 ms, margins ≤ 200 ms, 1000 draws ≤ 300 ms.
fn target(c: &mut Criterion, scheme: &Scheme, scenario: &Scenario) {
    let Ok(lever) = Lever::parse("loans+sme_loans+manufacturing_loans") else { return };
    let goal = Goal::Rank(3);
    let answer = solve(scheme, scenario, "bocom", &lever, &goal, Rivals::default());
    println!("solve: {} evaluations — {}", answer.evaluations, answer.zh(scheme));
    c.bench_function("solve bocom rank<=3 (loan in three lines)", |b| {
        b.iter(|| solve(scheme, black_box(scenario), "bocom", &lever, &goal, Rivals::default()))
    });
    let Ok(plain) = Lever::parse("loans") else { return };
    c.bench_function("solve bocom out of reach (rank<=1)", |b| {
        b.iter(|| solve(scheme, black_box(scenario), "bocom", &plain, &Goal::Rank(1), Rivals::default()))
    });
    c.bench_function("margins icbc, every rival", |b| {
        b.iter(|| margins(scheme, black_box(scenario), "icbc", Rivals::default(), true))
    });
    c.bench_function("margins icbc, neighbours", |b| {
        b.iter(|| margins(scheme, black_box(scenario), "icbc", Rivals::default(), false))
    });
    c.bench_function("marginal icbc (every lever)", |b| {
        b.iter(|| marginal(scheme, black_box(scenario), "icbc", Rivals::default()))
    });
    // Every rival line of the full scenario is entered, so the draws are around the entered figures.
    let Ok(spec) = SimulationSpec::new(Decimal::from(3), 1000, 1, true) else { return };
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.bench_function("1000 draws icbc", |b| {
        b.iter(|| simulate(scheme, black_box(scenario), "icbc", Rivals::default(), spec))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
