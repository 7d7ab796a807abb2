//! The floor the engine is measured against: what 16 banks × 18 items would cost if every item did
//! the least an item of the scheme can do, naively, on rust_decimal's own operators — one
//! subtraction (an increment), one division (a ratio to the task), one multiplication (by the
//! item's full marks), one comparison (against a cap) and one addition (to the bank's total).
//!
//! The figures are the 16-bank scenario's own: each bank's four annex balance lines (贷款, 中小微,
//! 制造业, 绿色), the 2024 balance entered, the 2023 base and the task, taken in turn for the 18 items,
//! so the quotients have as many digits as the engine's. `benches/evaluate.rs`, `tests/wasm_bench.rs`
//! and `examples/evaluate_n.rs` (for callgrind) include this file, so the floor is timed in the same
//! process as the engine, and `cargo xtask bench` prints the ratio.

use kaoping_engine::{Scenario, Scheme};
use rust_decimal::Decimal;

/// One item's figures: the 2023 base, the 2024 balance and the task.
#[derive(Debug, Clone, Copy)]
pub struct FloorItem {
    base: Decimal,
    current: Decimal,
    task: Decimal,
}

/// The 16 × 18 items of the floor, bank by bank, from the scenario's figures.
pub fn floor_items(scheme: &Scheme, scenario: &Scenario) -> Vec<[FloorItem; 18]> {
    let a = &scheme.annexes;
    (0..scheme.banks.len())
        .map(|i| {
            let input = scenario.bank(&scheme.banks[i].id);
            let entered = |f: fn(&kaoping_engine::BankInput) -> Option<kaoping_engine::Amount>, base, task| {
                input.and_then(f).map_or(base + task, |v| v.get())
            };
            let lines = [
                (
                    a.loans[i].balance_2023,
                    a.loans[i].task,
                    entered(|b| b.loans, a.loans[i].balance_2023, a.loans[i].task),
                ),
                (a.sme[i].balance_2023, a.sme[i].task, entered(|b| b.sme_loans, a.sme[i].balance_2023, a.sme[i].task)),
                (
                    a.manufacturing[i].balance_2023,
                    a.manufacturing[i].task,
                    entered(|b| b.manufacturing_loans, a.manufacturing[i].balance_2023, a.manufacturing[i].task),
                ),
                (
                    a.green[i].balance_2023,
                    a.green[i].task,
                    entered(|b| b.green_loans, a.green[i].balance_2023, a.green[i].task),
                ),
            ];
            std::array::from_fn(|k| {
                let (base, task, current) = lines[k % lines.len()];
                FloorItem { base, current, task }
            })
        })
        .collect()
}

/// The floor itself: per item sub, div, mul, cmp, add; returns the 16 totals.
pub fn floor(items: &[[FloorItem; 18]]) -> Vec<Decimal> {
    let full = Decimal::from(4);
    let cap = Decimal::from(6);
    items
        .iter()
        .map(|bank| {
            let mut total = Decimal::ZERO;
            for item in bank {
                let increment = item.current - item.base;
                let ratio = increment.checked_div(item.task).unwrap_or(Decimal::ZERO);
                let points = ratio * full;
                let points = if points > cap { cap } else { points };
                total += points;
            }
            total
        })
        .collect()
}
