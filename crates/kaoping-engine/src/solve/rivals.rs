//! What to assume about the other banks' figures that are not entered.
//!
//! A scenario usually has one bank's figures: every other bank is then exactly on task and scores 0 on
//! whatever it did not enter, which makes it look weaker than it is and the starting ranking hard to
//! believe. These assumptions are a parameter of the solver, the margins, the value-of-a-point table
//! and the simulation, not part of the scenario file: the scenario stays what was entered.
//!
//! - The annex balance lines (附件1–4) a rival has not entered: on task (as the engine scores them), or
//!   on task plus k% of its 2023 balance; optionally the lines it has entered too ("what if every other
//!   bank beats its task by 2 points", whatever was typed for it). The simulation draws them instead
//!   ([`super::simulate`]).
//!   附件5's 东楚融通 targets have no 2023 balance and stay on target.
//! - Any other item a rival has no figures for (it would score 0): 0, or exactly the points for
//!   reaching the item's bar (the base points: 扩面 3, 普惠小微 4, 科创 6, 养老 2, both 担保 programmes
//!   4 each; items that only add per step or product, 0), or the same points as our bank has for it.
//!   Points are assumed, not figures, so an assumed rival does not move a city average.

use rust_decimal::Decimal;

use crate::document::Scenario;
use crate::error::{Assumption, Error};
use crate::evaluate::evaluate;
use crate::evaluation::{Evaluation, Warning, Working};
use crate::fields::{AnnexLine, BankInput, Field, FIELDS};
use crate::items::Item;
use crate::parameters::Items;
use crate::scheme::Scheme;
use crate::sections::outcomes;
use crate::values::Percent;

/// The rivals' annex balance lines that are not entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RivalLines {
    /// Exactly on task (the engine's reading of a figure not entered).
    #[default]
    OnTask,
    /// On task plus this many percent of the 2023 balance (`above:3` is task + 3% of 2023).
    AboveTask(Decimal),
}

/// The rivals' items that have no figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RivalUnentered {
    /// 0 points, as the engine scores a missing figure.
    #[default]
    Zero,
    /// Exactly at the item's bar: its base points.
    AtBar,
    /// The same points as our bank has for the item.
    SameAsOurs,
}

/// What the solver assumes about the banks other than the one it answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rivals {
    /// Their annex balance lines not entered (and, with `entered_lines_too`, those entered).
    pub lines: RivalLines,
    /// The assumption on the lines applies to the lines a rival has entered too: what was typed for
    /// the rivals' balances is set aside and every rival is on task, or task + K%.
    pub entered_lines_too: bool,
    /// Their items without figures.
    pub unentered: RivalUnentered,
}

impl Rivals {
    /// The largest K of `above:K` (and −K the smallest), in percent of the 2023 balance.
    pub const ABOVE_MAX_PCT: Decimal = Decimal::ONE_HUNDRED;

    /// The most decimals K of `above:K` may have.
    pub const ABOVE_DECIMALS: u32 = 2;

    /// Reads `on-task` or `above:K` (K percent of the 2023 balance beyond the task).
    pub fn parse_lines(text: &str) -> Result<RivalLines, Error> {
        let bad =
            || Error::Assumption { what: Assumption::RivalLines { max: Self::ABOVE_MAX_PCT }, text: text.to_owned() };
        match text.trim() {
            "on-task" => Ok(RivalLines::OnTask),
            other => {
                let k = other.strip_prefix("above:").ok_or_else(bad)?;
                let k = Percent::parse(k.trim().trim_end_matches('%')).map_err(|_| bad())?;
                let max = Self::ABOVE_MAX_PCT;
                if k.get() < -max || k.get() > max || k.get().scale() > Self::ABOVE_DECIMALS {
                    return Err(bad());
                }
                Ok(RivalLines::AboveTask(k.get()))
            }
        }
    }

    /// Reads `zero`, `bar` or `ours`.
    pub fn parse_unentered(text: &str) -> Result<RivalUnentered, Error> {
        match text.trim() {
            "zero" => Ok(RivalUnentered::Zero),
            "bar" => Ok(RivalUnentered::AtBar),
            "ours" => Ok(RivalUnentered::SameAsOurs),
            _ => Err(Error::Assumption { what: Assumption::RivalUnentered, text: text.to_owned() }),
        }
    }

    /// What the assumptions are, for above their boxes.
    pub const ABOUT: &'static str = "他行没有填写的数据如何估计。这些假设只用于目标测算，不写入情景文件。";
    /// The label of the lines' list.
    pub const LINES_LABEL: &'static str = "他行未填的贷款余额";
    /// The label of K's box, for `above:`.
    pub const ABOVE_LABEL: &'static str = "K（%）";
    /// The label of `entered_lines_too`'s checkbox.
    pub const ENTERED_LINES_TOO_LABEL: &'static str = "也适用于他行已填的贷款余额";
    /// The label of the unentered items' list.
    pub const UNENTERED_LABEL: &'static str = "他行未填的其他项目";

    /// The choices for the rivals' unentered lines, for a list: (what [`Rivals::parse_lines`] reads,
    /// Chinese label); `above:` takes its K from a box.
    pub fn lines_choices() -> [(&'static str, &'static str); 2] {
        [("on-task", "恰好完成任务"), ("above:", "任务再加 2023 年末余额的 K%")]
    }

    /// The choices for the rivals' items without figures: (what [`Rivals::parse_unentered`] reads,
    /// Chinese label).
    pub fn unentered_choices() -> [(&'static str, &'static str); 3] {
        [("zero", "记 0 分"), ("bar", "按恰好达标的基本分"), ("ours", "与本行得分相同")]
    }

    /// The key of the choice in force for the lines (`on-task`, `above:`).
    pub fn lines_key(&self) -> &'static str {
        match self.lines {
            RivalLines::OnTask => "on-task",
            RivalLines::AboveTask(_) => "above:",
        }
    }

    /// The key of the choice in force for unentered items (`zero`, `bar`, `ours`).
    pub fn unentered_key(&self) -> &'static str {
        match self.unentered {
            RivalUnentered::Zero => "zero",
            RivalUnentered::AtBar => "bar",
            RivalUnentered::SameAsOurs => "ours",
        }
    }

    /// The assumptions in Chinese, for beside an answer.
    pub fn zh(&self) -> String {
        let which = if self.entered_lines_too {
            "他行的贷款余额（含已填写的）一律"
        } else {
            "他行未填的贷款余额"
        };
        let lines = match self.lines {
            RivalLines::OnTask => format!("{which}按恰好完成任务计"),
            RivalLines::AboveTask(k) => {
                format!("{which}按任务再加 2023 年末余额的 {}% 计", format_fixed2(k))
            }
        };
        let unentered = match self.unentered {
            RivalUnentered::Zero => "他行未填的其他项目记 0 分",
            RivalUnentered::AtBar => "他行未填的其他项目按恰好达标的基本分计",
            RivalUnentered::SameAsOurs => "他行未填的其他项目按与本行相同的得分计",
        };
        format!("{lines}；{unentered}")
    }

    /// Whether these are the engine's own readings (on task, 0), under which an answer is the
    /// scenario's as scored.
    pub fn is_default(&self) -> bool {
        *self == Rivals::default()
    }

    /// The scenario with the rivals' balance lines set by the assumption (those not entered, or all of
    /// them with `entered_lines_too`); `bank` (our bank, by index) is left as it is.
    pub(crate) fn prepare(&self, scheme: &Scheme, scenario: &Scenario, bank: usize) -> Scenario {
        let k = match self.lines {
            RivalLines::OnTask if !self.entered_lines_too => return scenario.clone(),
            RivalLines::OnTask => Decimal::ZERO,
            RivalLines::AboveTask(k) => k,
        };
        let mut out = scenario.clone();
        let figures = evaluate(scheme, scenario);
        for (i, info) in scheme.banks.iter().enumerate() {
            let Some(result) = figures.banks.get(i).filter(|_| i != bank) else { continue };
            for (field, line) in balance_lines() {
                if !self.entered_lines_too && scenario.bank(&info.id).is_some_and(|b| field.is_entered(b)) {
                    continue;
                }
                let line = result.figures.line(line);
                // On task is the 2023 balance plus the task, whatever was entered.
                let value = (line.base + line.task + line.base * k / Decimal::ONE_HUNDRED).max(Decimal::ZERO);
                let _ = field.set_exact(out.bank_mut(&info.id), crate::solve::to_the_yuan(value));
            }
        }
        out
    }

    /// Scores a scenario with the assumption on the rivals' items that have no figures; `bank` is ours.
    pub(crate) fn assess(&self, scheme: &Scheme, scenario: &Scenario, bank: usize) -> Evaluation {
        let mut evaluation = evaluate(scheme, scenario);
        if self.unentered != RivalUnentered::Zero {
            fill_unentered(scheme, scenario, &mut evaluation, bank, self.unentered);
        }
        evaluation
    }
}

fn format_fixed2(value: Decimal) -> String {
    crate::format::format_fixed2(value)
}

/// The annex lines with a 2023 balance (附件1–4), with their figures.
pub(crate) fn balance_lines() -> impl Iterator<Item = (Field, AnnexLine)> {
    FIELDS.iter().filter_map(|spec| spec.annex.filter(|line| !line.is_target()).map(|line| (spec.field, line)))
}

/// The points for exactly reaching an item's bar (达到……得N分); 0 for items that only add per step or
/// product. 二(四)4 has two programmes, each with its own bar.
pub(crate) fn bar_points(rules: &Items, item: Item) -> Decimal {
    match item {
        Item::LoanIncrement => rules.loan_increment.full.value,
        Item::LoanGrowth => rules.loan_growth.full.value,
        Item::SmeIncrement => rules.sme_increment.full.value,
        Item::SmeCustomers => rules.sme_customers.full.value,
        Item::InclusiveGrowth => rules.inclusive_growth.full.value,
        Item::ManufacturingIncrement => rules.manufacturing_increment.full.value,
        Item::ManufacturingGrowth => rules.manufacturing_growth.full.value,
        Item::GreenIncrement => rules.green_increment.full.value,
        Item::Tech => rules.tech.full.value,
        Item::Pension => rules.pension.full.value,
        Item::DongchuAmount => rules.dongchu_amount.full.value,
        Item::DongchuHouseholds => rules.dongchu_households.full.value,
        Item::Guarantee => rules.guarantee.full.value * Decimal::TWO,
        Item::SmeRate | Item::CarbonProducts | Item::Policy | Item::Npl | Item::PlatformBonds => Decimal::ZERO,
    }
}

/// Gives the rivals' items that have no figures the assumed points, then ranks again.
fn fill_unentered(scheme: &Scheme, scenario: &Scenario, evaluation: &mut Evaluation, bank: usize, how: RivalUnentered) {
    let ours: Vec<Decimal> =
        evaluation.banks.get(bank).map(|b| b.items.iter().map(|s| s.points).collect()).unwrap_or_default();
    for (i, result) in evaluation.banks.iter_mut().enumerate() {
        if i == bank {
            continue;
        }
        for score in &mut result.items {
            if matches!(score.working, Working::Missing { .. }) {
                score.points = match how {
                    RivalUnentered::Zero => Decimal::ZERO,
                    RivalUnentered::AtBar => bar_points(&scheme.rules.items, score.item),
                    RivalUnentered::SameAsOurs => ours.get(score.item.index()).copied().unwrap_or(Decimal::ZERO),
                };
            }
        }
        if result.total.is_some() {
            result.total = Some(result.items.iter().map(|s| s.points).sum());
        }
        // The outcome warnings are worked out again below.
        result
            .warnings
            .retain(|w| !matches!(w, Warning::LastPlaceTwice | Warning::NonPositiveTotal | Warning::NearTie { .. }));
    }
    let empty = BankInput::default();
    let inputs: Vec<&BankInput> = scheme.banks.iter().map(|b| scenario.bank(&b.id).unwrap_or(&empty)).collect();
    let names: Vec<&str> = scheme.banks.iter().map(|b| b.short_name.as_str()).collect();
    let ranked = outcomes::apply(
        &scheme.rules.outcomes,
        scenario.settings.deposit_normalization,
        &inputs,
        &names,
        &mut evaluation.banks,
    );
    evaluation.ranked = ranked;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assumptions_read_from_their_words() {
        for (key, _) in Rivals::unentered_choices() {
            let unentered = Rivals::parse_unentered(key).expect(key);
            assert_eq!(Rivals { unentered, ..Rivals::default() }.unentered_key(), key);
        }
        assert_eq!(
            Rivals::parse_lines("on-task").map(|lines| Rivals { lines, ..Rivals::default() }.lines_key()),
            Ok("on-task")
        );
        assert_eq!(Rivals::parse_lines("on-task"), Ok(RivalLines::OnTask));
        assert_eq!(Rivals::parse_lines("above:3"), Ok(RivalLines::AboveTask(Decimal::from(3))));
        assert!(Rivals::parse_lines("above:x").is_err());
        assert_eq!(Rivals::parse_unentered("bar"), Ok(RivalUnentered::AtBar));
        assert!(Rivals::parse_unentered("some").is_err());
    }

    #[test]
    fn rivals_above_task_lend_k_percent_of_2023_more() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let rivals = Rivals { lines: RivalLines::AboveTask(Decimal::from(5)), ..Rivals::default() };
        let prepared = rivals.prepare(scheme, &scheme.baseline(), 1);
        // 农发行: 282.01 + 42.30 + 5% × 282.01 = 338.4105; our bank (工商银行) is untouched.
        assert_eq!(prepared.bank("adbc").and_then(|b| b.loans).map(|a| a.get()), Some(Decimal::new(3384105, 4)));
        assert!(prepared.bank("icbc").is_none());
    }

    #[test]
    fn rivals_above_task_can_set_aside_what_was_entered_for_them() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut scenario = scheme.baseline();
        let _ = Field::Loans.set(scenario.bank_mut("adbc"), Some(Decimal::from(400)));
        let above = RivalLines::AboveTask(Decimal::from(2));
        let unentered_only = Rivals { lines: above, ..Rivals::default() }.prepare(scheme, &scenario, 1);
        assert_eq!(unentered_only.bank("adbc").and_then(|b| b.loans).map(|a| a.get()), Some(Decimal::from(400)));
        let all = Rivals { lines: above, entered_lines_too: true, ..Rivals::default() };
        let prepared = all.prepare(scheme, &scenario, 1);
        // 农发行: 282.01 + 42.30 + 2% × 282.01 = 329.9502, the 400 typed for it set aside.
        assert_eq!(prepared.bank("adbc").and_then(|b| b.loans).map(|a| a.get()), Some(Decimal::new(3299502, 4)));
        let on_task = Rivals { entered_lines_too: true, ..Rivals::default() }.prepare(scheme, &scenario, 1);
        assert_eq!(on_task.bank("adbc").and_then(|b| b.loans).map(|a| a.get()), Some(Decimal::new(32431, 2)));
        assert!(all.zh().starts_with("他行的贷款余额（含已填写的）一律按任务再加"), "{}", all.zh());
    }

    #[test]
    fn rivals_at_the_bar_score_the_base_points() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let rivals = Rivals { unentered: RivalUnentered::AtBar, ..Rivals::default() };
        let plain = evaluate(scheme, &scheme.baseline());
        let assumed = rivals.assess(scheme, &scheme.baseline(), 1);
        let gain = |i: usize| {
            assumed.banks.get(i).and_then(|b| b.total).unwrap_or_default()
                - plain.banks.get(i).and_then(|b| b.total).unwrap_or_default()
        };
        // 扩面 3 + 普惠小微 4 + 科创 6 + 养老 2 + 担保 4 × 2 = 23 for every rival, nothing for us (the totals
        // carry 28 significant digits, so their difference is compared to 10 decimals).
        assert_eq!(gain(0).round_dp(10), Decimal::from(23));
        assert_eq!(gain(1), Decimal::ZERO);
    }
}
