//! The few shapes every rule of the scheme is built from.
//!
//! - a task: full marks for reaching it, a capped bonus per step above, pro rata below
//!   ("达到……得N分。每高于任务数X加Y分，最高不超过Z分。低于任务数按完成比例得分");
//! - a growth against an average: full marks for reaching it, a capped bonus per step above, a
//!   deduction per step below down to zero ("每高2个百分点加……每低2个百分点扣……扣完为止");
//! - points per step of a quantity, capped.
//!
//! How a part of a step counts is the `bonus_mode` setting (pro rata by default).

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::document::BonusMode;
use crate::evaluation::{Against, GrowthWorking, ItemScore, Line, Working};
use crate::exact::{add, checked_div, compare, is_positive, mul, sub};
use crate::fields::{missing_for, BankInput};
use crate::items::Item;
use crate::parameters::{Param, ScaleRule, StepRule, TaskRule};

/// The numbers of a "full marks with steps" rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub full: Decimal,
    pub step: Decimal,
    pub step_points: Decimal,
    pub bonus_cap: Decimal,
}

impl Scale {
    pub fn of(rule: &ScaleRule) -> Scale {
        Scale::new(&rule.full, &rule.step, &rule.step_points, &rule.bonus_cap)
    }

    pub fn new(full: &Param, step: &Param, step_points: &Param, bonus_cap: &Param) -> Scale {
        Scale { full: full.value, step: step.value, step_points: step_points.value, bonus_cap: bonus_cap.value }
    }
}

/// Whether a rule number is written exactly `1` (digit 1, no decimals). Dividing or multiplying by it
/// gives the other operand back digit for digit (rust_decimal's division by a one-word divisor with
/// no remainder keeps the dividend's digits and scale; so does multiplying by 1), so the engine skips
/// the operation: most steps of the scheme are 1亿元 and many points per step are 1.
fn is_one(value: Decimal) -> bool {
    value.scale() == 0 && value.mantissa() == 1
}

/// `value × factor`, skipping the multiplication when the factor is exactly 1 (see [`is_one`]). Both
/// are never negative here; a product beyond rust_decimal's range (only a scheme file's extreme rule
/// numbers could make one) is the largest decimal, which every cap then cuts.
fn times(value: Decimal, factor: Decimal) -> Decimal {
    if is_one(factor) && !value.is_zero() {
        value
    } else {
        value.checked_mul(factor).unwrap_or(Decimal::MAX)
    }
}

/// How many steps of `step` there are in `amount` (never negative; steps are positive by validation).
pub(crate) fn steps(amount: Decimal, step: Decimal, mode: BonusMode) -> Decimal {
    if !is_positive(amount) {
        return Decimal::ZERO;
    }
    // A positive amount over a positive step overflows only upwards: as many steps as can be.
    let exact = if is_one(step) { amount } else { checked_div(amount, step).unwrap_or(Decimal::MAX) };
    match mode {
        BonusMode::ProRata => exact,
        BonusMode::WholeUnits => exact.floor(),
    }
}

/// Points per step of a quantity, capped: (points, points before the cap, capped).
pub(crate) fn capped_steps(
    quantity: Decimal,
    step: Decimal,
    step_points: Decimal,
    cap: Decimal,
    mode: BonusMode,
) -> (Decimal, Decimal, bool) {
    let raw = times(steps(quantity, step, mode), step_points);
    let (points, capped) = at_most(raw, cap);
    (points, raw, capped)
}

/// `raw.min(cap)` and whether the cap cut it (`raw > cap`), from one comparison (`min` keeps `raw`
/// when it equals the cap).
#[inline(always)]
pub(crate) fn at_most(raw: Decimal, cap: Decimal) -> (Decimal, bool) {
    match compare(raw, cap) {
        Ordering::Greater => (cap, true),
        _ => (raw, false),
    }
}

/// An item scored per step of a quantity, capped (碳金融产品, 平台债券).
pub(crate) fn step_item(item: Item, quantity: Decimal, rule: &StepRule, mode: BonusMode) -> ItemScore {
    let (points, raw_points, capped) =
        capped_steps(quantity, rule.step.value, rule.step_points.value, rule.cap.value, mode);
    ItemScore { item, points, working: Working::Steps { quantity, raw_points, capped } }
}

/// An achieved figure against its task.
pub(crate) fn against_task(achieved: Decimal, task: Decimal, scale: Scale, mode: BonusMode) -> (Decimal, Against) {
    if compare(achieved, task).is_ge() {
        let above = achieved - task;
        let (bonus, _, capped) = capped_steps(above, scale.step, scale.step_points, scale.bonus_cap, mode);
        (add(scale.full, bonus), Against::Reached { above, bonus, capped })
    } else {
        // "低于任务数按完成比例得分": a zero or negative increment earns nothing, never less.
        let ratio = if is_positive(task) {
            unit_interval(checked_div(achieved, task).unwrap_or(Decimal::ZERO))
        } else {
            Decimal::ZERO
        };
        (mul(scale.full, ratio), Against::Below { ratio })
    }
}

/// `ratio.clamp(0, 1)`, with the sign read rather than compared.
pub(crate) fn unit_interval(ratio: Decimal) -> Decimal {
    if ratio.is_sign_negative() && !ratio.is_zero() {
        Decimal::ZERO
    } else if compare(ratio, Decimal::ONE).is_gt() {
        Decimal::ONE
    } else {
        ratio
    }
}

/// A growth against the city average: full marks, plus or minus per step, capped above, floored at 0.
pub(crate) fn against_average(
    base: Decimal,
    current: Decimal,
    growth: Decimal,
    average: Decimal,
    scale: Scale,
    mode: BonusMode,
) -> (Decimal, GrowthWorking) {
    let diff = sub(growth, average);
    let (adjustment, limited) = if !diff.is_sign_negative() || diff.is_zero() {
        let (bonus, _, capped) = capped_steps(diff, scale.step, scale.step_points, scale.bonus_cap, mode);
        (bonus, capped)
    } else {
        let (deduction, _, floored) = capped_steps(-diff, scale.step, scale.step_points, scale.full, mode);
        (-deduction, floored)
    };
    let working = GrowthWorking { base, current, growth_pct: growth, average_pct: average, adjustment, limited };
    (add(scale.full, adjustment), working)
}

/// A balance item scored against its annex task (增量 items and 东楚融通).
pub(crate) fn task_item(item: Item, line: &Line, rule: &TaskRule, with_base: bool, mode: BonusMode) -> ItemScore {
    let achieved = if with_base { line.increment } else { line.current };
    let (points, against) = against_task(achieved, line.task, Scale::of(rule), mode);
    ItemScore {
        item,
        points,
        working: Working::Task {
            base: with_base.then_some(line.base),
            current: line.current,
            achieved,
            task: line.task,
            against,
        },
    }
}

/// A balance line from its base, its task and the figure used.
pub(crate) fn line(base: Decimal, task: Decimal, entered: Option<Decimal>) -> Line {
    let current = entered.unwrap_or_else(|| base + task);
    let increment = current - base;
    Line { base, current, task, increment, entered: entered.is_some() }
}

/// A target line (东楚融通): no base, the target is the task.
pub(crate) fn target_line(target: Decimal, entered: Option<Decimal>) -> Line {
    let current = entered.unwrap_or(target);
    Line { base: Decimal::ZERO, current, task: target, increment: current, entered: entered.is_some() }
}

/// An item that scores nothing because figures are missing: those of the field table that feed it
/// and are not entered for the bank.
pub(crate) fn missing(item: Item, bank: &BankInput) -> ItemScore {
    ItemScore { item, points: Decimal::ZERO, working: Working::Missing { fields: missing_for(item, bank) } }
}

/// An item that scores nothing because it cannot be worked out.
pub(crate) fn undefined(item: Item, reason: &'static str) -> ItemScore {
    ItemScore { item, points: Decimal::ZERO, working: Working::Undefined { reason } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn dividing_or_multiplying_by_one_gives_the_digits_back() {
        // `steps` and `times` skip the operation for a rule number of exactly 1 on this ground.
        let cases = ["5.540", "0.00000001", "79228162514264337593543950335", "-3.1415926535897932384626433833", "120"];
        for text in cases {
            let x = d(text);
            assert_eq!((x / Decimal::ONE).serialize(), x.serialize(), "{text} / 1");
            assert_eq!((x * Decimal::ONE).serialize(), x.serialize(), "{text} × 1");
            assert_eq!(times(x, Decimal::ONE).serialize(), (x * Decimal::ONE).serialize(), "times({text}, 1)");
        }
        assert!(is_one(d("1")) && !is_one(d("1.0")) && !is_one(d("-1")) && !is_one(d("0.5")));
        assert_eq!(times(Decimal::new(0, 3), Decimal::ONE).serialize(), Decimal::ZERO.serialize(), "0.000 × 1 is 0");
    }

    #[test]
    fn steps_by_mode() {
        let cases = [
            ("5.54", "1", BonusMode::ProRata, "5.54"),
            ("5.54", "1", BonusMode::WholeUnits, "5"),
            ("0.4", "0.1", BonusMode::ProRata, "4"),
            ("0.39", "0.1", BonusMode::WholeUnits, "3"),
            ("-1", "1", BonusMode::ProRata, "0"),
            ("29", "15", BonusMode::WholeUnits, "1"),
        ];
        for (amount, step, mode, expected) in cases {
            assert_eq!(steps(d(amount), d(step), mode), d(expected), "steps({amount}, {step}, {mode:?})");
        }
    }
}
