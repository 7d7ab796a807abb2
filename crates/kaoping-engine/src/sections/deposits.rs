//! 四(四) 市级公共性资金存放: each fund placed by its own department's composite.
//!
//! > (四) 年度考评结果作为市级公共性资金存放综合评分依据, 所占权重为70%, 市级公共性资金存放主体部门个性指标占
//! > 综合评分权重为30%。
//! > 市级公共性资金范围包括财政专户资金、住宅维修(房改售房)资金、住房公积金及其他政府公共性资金。
//!
//! Each fund has its own depositing department (主体部门: 市财政局 for 财政专户资金, 市住建局 for 住宅维修资金,
//! 市住房公积金管理中心 for 住房公积金, the others for the rest; the list is `outcomes.funds` in the
//! parameters), and each department scores the banks on its own indicators (个性指标). So a bank has one
//! composite per fund:
//!
//! - `composite_f` = the evaluation points (the 70% part, as [`outcomes`](super::outcomes) works it out)
//!   + 30% × department f's score of the bank;
//! - `share_f` = `composite_f` / Σ `composite_f` over the ranked banks (a vetoed bank: 不适用, out of
//!   the sum);
//! - `amount_f` = `share_f` × the fund's amount; per bank, the total placed is the sum over the funds.
//!
//! The text makes the composite the *basis* (依据) of placement, not a formula for it: placing each fund
//! in proportion to the composites is the reading, and the README says so.
//!
//! A quotient of rust_decimal is rounded at its 28th significant digit, so sixteen shares worked out
//! one by one add up to 100% only to within a few units of the last place. Here every share and amount
//! is carried to [`PLACES`] decimal places instead, the last place given by largest remainder
//! ([`round_to_total`]): each fund's shares add up to exactly 100 and its amounts to exactly the fund,
//! and each differs from the true ratio by less than one unit of that place (10⁻¹⁸). The same function
//! makes the shown columns (0.01 亿元, 0.01%) add up to the fund and to 100.00 exactly.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Map, Value};

use crate::document::Scenario;
use crate::evaluation::{DepositInputs, Evaluation};
use crate::fields::{BankInput, Field, FundFigure};
use crate::parameters::Fund;
use crate::scheme::Scheme;

/// The decimal places every share (in percent) and amount (in 亿元) is carried to: as many as an amount
/// of up to 1亿亿元 (9 digits before the point) leaves within rust_decimal's 28 digits, less one.
pub const PLACES: u32 = 18;

/// The decimal places the shown columns are rounded to (0.01 亿元, 0.01%); a fund typed with more
/// decimals shows its amounts with as many, so that they still add up to it.
pub const SHOWN_PLACES: u32 = 2;

/// The file format's name.
pub const DEPOSITS_FORMAT: &str = "kaoping-deposits/1";

/// One bank's part of one fund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FundShare {
    /// The 70% part (the same for every fund).
    pub evaluation_points: Decimal,
    /// The department's score of the bank; `None` when not given (the part counts 0).
    pub department_score: Option<Decimal>,
    /// evaluation points + 30% × the department's score.
    pub composite: Decimal,
    /// The bank's share of the fund, percent, to [`PLACES`] decimals; `None` for a bank that is not
    /// ranked (不适用), or when the ranked banks' composites add up to 0.
    pub share_pct: Option<Decimal>,
    /// `share_pct` rounded to 0.01 by largest remainder: the ranked banks' add up to 100.00.
    pub share_pct_shown: Option<Decimal>,
    /// The bank's part of the fund, 亿元, to [`PLACES`] decimals; `None` when the fund has no amount
    /// or there is no share.
    pub amount: Option<Decimal>,
    /// `amount` rounded to 0.01 亿元 by largest remainder: the column adds up to the fund.
    pub amount_shown: Option<Decimal>,
}

/// One fund placed among the banks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundPlacement {
    /// The fund's index in the scheme's `outcomes.funds`.
    pub fund: usize,
    /// The amount placed, 亿元, when given.
    pub amount: Option<Decimal>,
    /// Σ composite over the ranked banks.
    pub composite_sum: Decimal,
    /// Every bank, in annex order.
    pub banks: Vec<FundShare>,
}

impl FundPlacement {
    /// Whether the fund can be shared: some bank is ranked and the composites add up to more than 0.
    pub fn is_shared(&self) -> bool {
        self.banks.iter().any(|b| b.share_pct.is_some())
    }
}

/// One bank across the funds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankPlacement {
    /// Σ amount over the funds that have one, 亿元; `None` when no fund has an amount or the bank
    /// has no share (不适用).
    pub total: Option<Decimal>,
    /// Σ of the shown amounts, so that a table's rows add up as its columns do.
    pub total_shown: Option<Decimal>,
    /// The funds (indices in the scheme's order) whose department has no score for the ranked bank:
    /// that part of its composite counts 0. Empty for a bank that is not ranked.
    pub missing: Vec<usize>,
}

/// Every fund placed: the answer to "of 60 亿元 of 财政专户资金, how much does each bank hold?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Every fund, in the scheme's order.
    pub funds: Vec<FundPlacement>,
    /// Every bank, in annex order.
    pub banks: Vec<BankPlacement>,
}

/// Rounds `values` to `places` decimals so that those present add up to `total` exactly: each is cut
/// down to the place, and the units still missing go one each to the values with the largest parts
/// cut off (ties: the earlier bank). The values must be at least 0 and add up to `total` within less
/// than one unit per value; absent values stay absent.
///
/// This is the placement's one rounding: it carries every share and amount to [`PLACES`] and rounds
/// the shown columns to [`SHOWN_PLACES`].
pub fn round_to_total(values: &[Option<Decimal>], total: Decimal, places: u32) -> Vec<Option<Decimal>> {
    let unit = Decimal::new(1, places);
    let mut parts = Vec::with_capacity(values.len());
    let mut cuts = Vec::with_capacity(values.len());
    let mut given = Decimal::ZERO;
    for value in values {
        let part = value.map(|v| v.round_dp_with_strategy(places, RoundingStrategy::ToZero));
        if let (Some(v), Some(p)) = (*value, part) {
            given += p;
            cuts.push(v - p);
        } else {
            cuts.push(Decimal::ZERO);
        }
        parts.push(part);
    }
    let missing = (total - given).checked_div(unit).and_then(|n| n.round().to_i64()).unwrap_or(0);
    let (step, more) = if missing < 0 { (-unit, false) } else { (unit, true) };
    // Each unit goes to the value with the largest cut not yet served (the earlier on a tie); when the
    // values add up to more than the total, the smallest cut gives one back. A part never goes below
    // 0. The values are put in that order once (a stable sort keeps the earlier first on a tie) and
    // served down it, passing over a part that would go below 0: one unit each, as many as are
    // missing. (A scan of every value for every unit cost 60k instructions per call for 16 banks,
    // eight calls per change of the document.)
    let mut order: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].is_some()).collect();
    crate::order::sort_by(&mut order, |&a, &b| if more { cuts[b].cmp(&cuts[a]) } else { cuts[a].cmp(&cuts[b]) });
    let mut left = missing.unsigned_abs().min(parts.len() as u64);
    for i in order {
        if left == 0 {
            break;
        }
        if let Some(p) = parts[i].filter(|p| *p + step >= Decimal::ZERO) {
            parts[i] = Some(p + step);
            left -= 1;
        }
    }
    parts
}

/// Parts of `total` in proportion to `weights` (their sum given), to [`PLACES`] decimals and adding up
/// to `total` exactly.
fn apportion(weights: &[Option<Decimal>], sum: Decimal, total: Decimal) -> Vec<Option<Decimal>> {
    let exact: Vec<Option<Decimal>> = weights
        .iter()
        .map(|w| w.map(|w| w.checked_div(sum).and_then(|r| r.checked_mul(total)).unwrap_or_default()))
        .collect();
    round_to_total(&exact, total, PLACES)
}

/// The places a fund's shown amounts are rounded to: [`SHOWN_PLACES`], or the amount's own when finer.
fn shown_places(amount: Decimal) -> u32 {
    amount.normalize().scale().max(SHOWN_PLACES)
}

/// The placement's inputs of a scenario, its banks' entries given in annex order: each fund's amount,
/// and for each bank the score that counts for each fund (its department's own, else the bank's one
/// score for every fund).
pub(crate) fn inputs(scheme: &Scheme, scenario: &Scenario, banks: &[&BankInput]) -> DepositInputs {
    let funds = &scheme.rules.outcomes.funds;
    let score = FundFigure::DepartmentScore;
    let mut inputs =
        DepositInputs { amounts: Vec::with_capacity(funds.len()), scores: Vec::with_capacity(funds.len()) };
    for fund in funds {
        inputs.amounts.push(scenario.deposits.funds.get(&fund.id).map(|a| a.get()));
        inputs.scores.push(banks.iter().map(|b| score.counted(b, &fund.id)).collect());
    }
    inputs
}

impl Evaluation {
    /// Every public fund placed among the banks (四(四)), from the evaluation's points and the
    /// scenario's department scores and fund amounts it was scored with.
    pub fn placement(&self, scheme: &Scheme) -> Placement {
        place(scheme, self, &self.deposit_inputs)
    }

    /// One fund (by its index in the scheme's `outcomes.funds`) placed among the banks.
    pub fn fund_placement(&self, scheme: &Scheme, fund: usize) -> FundPlacement {
        place_fund(scheme, self, &self.deposit_inputs, fund)
    }
}

/// Places one fund (by its index in the scheme's `outcomes.funds`) among the banks of an evaluation.
pub fn place_fund(scheme: &Scheme, evaluation: &Evaluation, inputs: &DepositInputs, fund: usize) -> FundPlacement {
    let weight = scheme.rules.outcomes.department_weight.value / Decimal::ONE_HUNDRED;
    let amount = inputs.amounts.get(fund).copied().flatten();
    let scores = inputs.scores.get(fund);
    let mut banks = Vec::with_capacity(evaluation.banks.len());
    let mut composite_sum = Decimal::ZERO;
    for (i, bank) in evaluation.banks.iter().enumerate() {
        let department_score = scores.and_then(|s| s.get(i)).copied().flatten();
        let evaluation_points = bank.deposit.evaluation_points;
        // As outcomes works out the one composite, digit for digit, so that a single score for every
        // fund gives today's composite.
        let composite = evaluation_points + department_score.unwrap_or(Decimal::ZERO) * weight;
        if bank.is_ranked() {
            composite_sum += composite;
        }
        banks.push(FundShare { evaluation_points, department_score, composite, ..FundShare::default() });
    }
    if composite_sum > Decimal::ZERO {
        let ranked = ranked_composites(evaluation, &banks);
        let shares = apportion(&ranked, composite_sum, Decimal::ONE_HUNDRED);
        let shown = round_to_total(&shares, Decimal::ONE_HUNDRED, SHOWN_PLACES);
        for (i, bank) in banks.iter_mut().enumerate() {
            bank.share_pct = shares.get(i).copied().flatten();
            bank.share_pct_shown = shown.get(i).copied().flatten();
        }
        place_amount(&mut banks, &ranked, composite_sum, amount);
    }
    FundPlacement { fund, amount, composite_sum, banks }
}

/// Each bank's composite for a fund if it is ranked, `None` if not: what the fund is shared by.
fn ranked_composites(evaluation: &Evaluation, banks: &[FundShare]) -> Vec<Option<Decimal>> {
    evaluation.banks.iter().zip(banks).map(|(bank, share)| bank.is_ranked().then_some(share.composite)).collect()
}

/// Places a fund's amount (when given) among the ranked banks by their composites (`ranked`, `None`
/// for a bank not ranked; their sum more than 0).
fn place_amount(banks: &mut [FundShare], ranked: &[Option<Decimal>], composite_sum: Decimal, amount: Option<Decimal>) {
    let (amounts, shown) = match amount {
        Some(total) => {
            let parts = apportion(ranked, composite_sum, total);
            let shown = round_to_total(&parts, total, shown_places(total));
            (parts, shown)
        }
        None => (Vec::new(), Vec::new()),
    };
    for (i, bank) in banks.iter_mut().enumerate() {
        bank.amount = amounts.get(i).copied().flatten();
        bank.amount_shown = shown.get(i).copied().flatten();
    }
}

/// A fund whose banks have the same department scores as an earlier fund's (`like`): the same
/// composites, so the same shares; only its amount is placed anew, if it is another.
fn place_like(evaluation: &Evaluation, like: &FundPlacement, fund: usize, amount: Option<Decimal>) -> FundPlacement {
    let mut placed = FundPlacement { fund, amount, ..like.clone() };
    if amount != like.amount && like.composite_sum > Decimal::ZERO {
        place_amount(&mut placed.banks, &ranked_composites(evaluation, &like.banks), like.composite_sum, amount);
    }
    placed
}

/// Places every fund among the banks of an evaluation, with each bank's total and missing scores.
///
/// Where no department gives scores of its own, every fund takes each bank's one score: the funds'
/// composites and shares are then the same, and are worked out once (the page places the funds on
/// every keystroke of 本行测算).
pub fn place(scheme: &Scheme, evaluation: &Evaluation, inputs: &DepositInputs) -> Placement {
    let count = scheme.rules.outcomes.funds.len();
    let mut funds: Vec<FundPlacement> = Vec::with_capacity(count);
    for f in 0..count {
        let amount = inputs.amounts.get(f).copied().flatten();
        let like = funds.iter().find(|g| inputs.scores.get(g.fund) == inputs.scores.get(f));
        let placed = match like {
            Some(like) => place_like(evaluation, like, f, amount),
            None => place_fund(scheme, evaluation, inputs, f),
        };
        funds.push(placed);
    }
    let mut banks = Vec::with_capacity(evaluation.banks.len());
    for (i, bank) in evaluation.banks.iter().enumerate() {
        let mut placed = BankPlacement::default();
        for fund in &funds {
            let Some(share) = fund.banks.get(i) else { continue };
            if let (Some(amount), Some(shown)) = (share.amount, share.amount_shown) {
                placed.total = Some(placed.total.unwrap_or_default() + amount);
                placed.total_shown = Some(placed.total_shown.unwrap_or_default() + shown);
            }
            // A bank that is not ranked has no share, whatever its score: nothing to tell it.
            if bank.is_ranked() && share.department_score.is_none() {
                placed.missing.push(fund.fund);
            }
        }
        banks.push(placed);
    }
    Placement { funds, banks }
}

/// What a bank without a department's score is told: that part of the fund's composite counts 0.
pub fn missing_score_zh(fund: &Fund) -> String {
    format!("{}未给出个性指标得分：{}的综合评分中部门部分按 0 计", fund.department, fund.name)
}

/// What is said of a fund that cannot be shared: no bank is ranked, or every composite is 0.
pub fn not_shared_zh(fund: &Fund) -> String {
    format!("{}：没有参与排名的银行，或其综合评分合计为 0，无法按比例测算存放", fund.name)
}

/// The key a missing department score is listed under (`department_scores.fiscal`).
pub fn missing_key(fund: &Fund) -> String {
    FundFigure::DepartmentScore.fund_key(&fund.id)
}

impl Placement {
    /// The placement as a `kaoping-deposits/1` value: decimals as exact strings, trailing zeros
    /// dropped; `null` where a figure is not given or does not apply.
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        let rules = &scheme.rules.outcomes;
        let num = |v: Decimal| Value::String(v.normalize().to_string());
        let opt = |v: Option<Decimal>| v.map_or(Value::Null, num);
        let funds: Vec<Value> = self
            .funds
            .iter()
            .filter_map(|placed| {
                let fund = rules.funds.get(placed.fund)?;
                let banks: Map<String, Value> = scheme
                    .banks
                    .iter()
                    .zip(&placed.banks)
                    .map(|(info, s)| {
                        // The score is the bank figure's, under its key.
                        let value: Map<String, Value> = [
                            ("evaluation_points", num(s.evaluation_points)),
                            (Field::DepartmentScore.key(), opt(s.department_score)),
                            ("composite", num(s.composite)),
                            ("share_pct", opt(s.share_pct)),
                            ("share_pct_shown", opt(s.share_pct_shown)),
                            ("amount", opt(s.amount)),
                            ("amount_shown", opt(s.amount_shown)),
                        ]
                        .into_iter()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect();
                        (info.id.clone(), Value::Object(value))
                    })
                    .collect();
                Some(json!({
                    "id": fund.id,
                    "name": fund.name,
                    "department": fund.department,
                    "amount": opt(placed.amount),
                    "composite_sum": num(placed.composite_sum),
                    "banks": banks,
                }))
            })
            .collect();
        let banks: Map<String, Value> = scheme
            .banks
            .iter()
            .zip(&self.banks)
            .map(|(info, b)| {
                let missing: Vec<&Fund> = b.missing.iter().filter_map(|&f| rules.funds.get(f)).collect();
                let value = json!({
                    "name": info.short_name,
                    "total": opt(b.total),
                    "total_shown": opt(b.total_shown),
                    "missing": missing.iter().map(|f| missing_key(f)).collect::<Vec<_>>(),
                    "warnings": missing.iter().map(|f| missing_score_zh(f)).collect::<Vec<_>>(),
                });
                (info.id.clone(), value)
            })
            .collect();
        let warnings: Vec<String> = self
            .funds
            .iter()
            .filter(|f| !f.is_shared())
            .filter_map(|f| rules.funds.get(f.fund))
            .map(not_shared_zh)
            .collect();
        json!({
            "format": DEPOSITS_FORMAT,
            "year": scheme.year,
            "clause": "四(四)",
            "evaluation_weight_pct": num(rules.evaluation_weight.value),
            "department_weight_pct": num(rules.department_weight.value),
            "rounding": {
                "places": PLACES,
                "shown_places": SHOWN_PLACES,
                "method": "largest_remainder",
                "note": rounding_zh(),
            },
            "funds": funds,
            "banks": banks,
            "warnings": warnings,
        })
    }

    /// The placement as pretty `kaoping-deposits/1` JSON.
    pub fn to_json(&self, scheme: &Scheme) -> String {
        serde_json::to_string_pretty(&self.to_value(scheme)).unwrap_or_default()
    }
}

/// The readings of 四(四) the placement rests on, in words for the page, with the year's weights and
/// the reading of the 70% part in force (`deposit_normalization`): the composite per fund, placement in
/// proportion (our reading of 依据), the vetoed bank, one department score for every fund, and the
/// rounding. The README's readings table says the same.
pub fn readings_zh(scheme: &Scheme, scenario: &Scenario) -> Vec<String> {
    use crate::settings::Setting;
    let o = &scheme.rules.outcomes;
    let setting = Setting::DepositNormalization;
    vec![
        format!(
            "每项资金按其存放主体部门的综合评分测算：综合评分 = 考评结果部分（{}%）+ 该部门个性指标得分 × {}%；\
             {}：{}（可在“规则与设置”中切换）",
            o.evaluation_weight.value.normalize(),
            o.department_weight.value.normalize(),
            setting.label(),
            setting.show(setting.get(scenario))
        ),
        "原文只说考评结果“作为市级公共性资金存放综合评分依据”，未给分配公式：本测算按综合评分的比例分配，\
         某行占比 = 该行综合评分 ÷ 参与排名银行综合评分之和，金额 = 占比 × 该项资金"
            .to_owned(),
        "被取消考评资格的银行不参与分配（不适用），也不计入综合评分之和".to_owned(),
        format!(
            "某项资金未填部门得分的银行，按其在“规则与设置”中填写的{}计（各项资金相同）；两者都未填的，部门部分按 0 计",
            Field::DepartmentScore.label()
        ),
        rounding_zh(),
    ]
}

/// How the placement rounds, in words for a table's foot.
pub fn rounding_zh() -> String {
    format!(
        "占比与金额按综合评分精确计算至小数点后 {PLACES} 位（末位按最大余数法分配，使各项资金的占比合计恰为 100%、\
         金额合计恰为该项资金）；表中显示保留 {SHOWN_PLACES} 位小数，同样按最大余数法取舍，使每列合计恰等于该项资金"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    fn some(values: &[&str]) -> Vec<Option<Decimal>> {
        values.iter().map(|v| (!v.is_empty()).then(|| d(v))).collect()
    }

    #[test]
    fn rounding_to_a_total_gives_the_units_left_to_the_largest_cuts() {
        type Case<'a> = (&'a str, &'a [&'a str], &'a str, u32, &'a [&'a str]);
        let cases: &[Case] = &[
            (
                "thirds of 100 at two places",
                &["33.333333", "33.333333", "33.333334"],
                "100",
                2,
                &["33.33", "33.33", "33.34"],
            ),
            (
                "a tie in the cut goes to the earlier",
                &["33.335", "33.335", "33.33"],
                "100",
                2,
                &["33.34", "33.33", "33.33"],
            ),
            ("two units left", &["0.005", "0.005", "0.005", "9.985"], "10", 2, &["0.01", "0.01", "0.00", "9.98"]),
            ("already exact", &["60", "40"], "100", 2, &["60", "40"]),
            ("an absent value stays absent", &["", "50.004", "49.996"], "100", 2, &["", "50.00", "50.00"]),
            (
                "a fund typed to the yuan keeps its places",
                &["0.123456785", "0.123456785"],
                "0.24691357",
                8,
                &["0.12345679", "0.12345678"],
            ),
            (
                "values above the total give back from the smallest cuts",
                &["50.009", "50.001"],
                "100",
                2,
                &["50.00", "50.00"],
            ),
        ];
        for (name, values, total, places, expected) in cases {
            let parts = round_to_total(&some(values), d(total), *places);
            assert_eq!(parts, some(expected), "{name}");
            assert_eq!(parts.iter().flatten().sum::<Decimal>(), d(total), "{name}: adds up");
        }
        assert_eq!(round_to_total(&[None, None], Decimal::ONE_HUNDRED, 2), vec![None, None]);
    }

    /// The rounding as it was first written (a scan of every value for every unit), the statement the
    /// sorted one must agree with.
    fn round_to_total_by_scan(values: &[Option<Decimal>], total: Decimal, places: u32) -> Vec<Option<Decimal>> {
        let unit = Decimal::new(1, places);
        let mut parts: Vec<Option<Decimal>> =
            values.iter().map(|v| v.map(|v| v.round_dp_with_strategy(places, RoundingStrategy::ToZero))).collect();
        let cuts: Vec<Decimal> =
            values.iter().zip(&parts).map(|(v, p)| v.zip(*p).map_or(Decimal::ZERO, |(v, p)| v - p)).collect();
        let given: Decimal = parts.iter().flatten().sum();
        let missing = (total - given).checked_div(unit).and_then(|n| n.round().to_i64()).unwrap_or(0);
        let (step, more) = if missing < 0 { (-unit, false) } else { (unit, true) };
        let mut served = vec![false; parts.len()];
        for _ in 0..missing.unsigned_abs().min(parts.len() as u64) {
            let mut best: Option<usize> = None;
            for (i, part) in parts.iter().enumerate() {
                let fits = !served[i] && part.is_some_and(|p| p + step >= Decimal::ZERO);
                if fits && best.is_none_or(|b| cuts[i] != cuts[b] && (cuts[i] > cuts[b]) == more) {
                    best = Some(i);
                }
            }
            let Some(i) = best else { break };
            served[i] = true;
            parts[i] = parts[i].map(|p| p + step);
        }
        parts
    }

    #[test]
    fn rounding_to_a_total_agrees_with_the_scan_it_replaced() {
        // xorshift64: the same cases on every run.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        for case in 0..20_000 {
            let n = 1 + next(16) as usize;
            // Few distinct digits, so that cuts tie often.
            let values: Vec<Option<Decimal>> =
                (0..n).map(|_| (next(8) != 0).then(|| Decimal::new(next(40) as i64 * 25, next(5) as u32))).collect();
            let places = next(3) as u32;
            let sum: Decimal = values.iter().flatten().sum();
            let shift = Decimal::new(next(2 * n as u64 + 1) as i64 - n as i64, places);
            let total = (sum.round_dp(places) + shift).max(Decimal::ZERO);
            assert_eq!(
                round_to_total(&values, total, places),
                round_to_total_by_scan(&values, total, places),
                "case {case}: {values:?} to {total} at {places} places"
            );
        }
    }

    #[test]
    fn apportioned_thirds_add_up_to_exactly_the_total() {
        let parts = apportion(&some(&["1", "1", "1"]), Decimal::from(3), Decimal::ONE_HUNDRED);
        assert_eq!(
            parts,
            some(&["33.333333333333333334", "33.333333333333333333", "33.333333333333333333"]),
            "the last place's unit left over goes to the first of three equal cuts"
        );
        assert_eq!(parts.iter().flatten().sum::<Decimal>(), Decimal::ONE_HUNDRED);
    }
}
