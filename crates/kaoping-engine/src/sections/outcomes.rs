//! 四、考评结果运用
//!
//! > (一) 对考评得分前3名的银行，给予“全市金融支持黄石经济发展贡献突出单位”称号通报表扬。
//! > (二) 对考评得分第4-10名的银行, 给予“全市金融支持黄石经济发展贡献积极单位”称号通报表扬。
//! > (三) 对考评得分第11-13名的银行, 给予“全市金融支持黄石经济发展贡献一般单位”称号; 对考评后3名的银行约谈、通报,
//! > 并向其上级行(社)通报考评结果, 连续两年排名倒数第一的取消财政对公账户。
//! > (四) 年度考评结果作为市级公共性资金存放综合评分依据, 所占权重为70%, 市级公共性资金存放主体部门个性指标占
//! > 综合评分权重为30%。
//!
//! Ranks are by exact total, highest first, with competition ranking (1, 2, 2, 4): a tie shares the
//! better rank, so a tie at 3/4 gives four 贡献突出 banks. "后3名" and "倒数第一" count the same way from
//! the bottom, as a Chinese reader counts 倒数: a bank's place from the bottom is 1 + the number of
//! ranked banks with a strictly lower total, and the last three are those at 倒数第1–3. Two banks
//! tied at 13/14 of 16 are both 倒数第3, so four banks are interviewed; the bands, by rank from the
//! top, are unchanged (both are 贡献一般 and interviewed). A vetoed bank (二(四)5) has no
//! total, rank or band and is left out of the top score and the composite sum; its composite is its
//! department's 30% part alone and its share is 0.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::evaluation::{Band, BankResult, Deposit, Warning};
use crate::parameters::Outcomes;
use crate::scenario::{BankInput, DepositNormalization};
use crate::scoring::round2;

/// Competition ranks of `values` (highest first); `None` values are not ranked.
pub(crate) fn competition_ranks(values: &[Option<Decimal>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|value| {
            value.map(|v| {
                let better = values.iter().flatten().filter(|other| **other > v).count();
                u32::try_from(better).unwrap_or(u32::MAX).saturating_add(1)
            })
        })
        .collect()
}

/// Places counted from the bottom (倒数第几) of `values`, ties sharing: 1 + the number of values strictly
/// lower. `None` values are not placed.
pub(crate) fn bottom_places(values: &[Option<Decimal>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|value| {
            value.map(|v| {
                let lower = values.iter().flatten().filter(|other| **other < v).count();
                u32::try_from(lower).unwrap_or(u32::MAX).saturating_add(1)
            })
        })
        .collect()
}

/// The band of a rank.
pub(crate) fn band(rules: &Outcomes, rank: Option<u32>) -> Band {
    let Some(rank) = rank else { return Band::Disqualified };
    rules
        .bands
        .iter()
        .find(|b| rank >= b.from_rank && b.to_rank.is_none_or(|to| rank <= to))
        .map_or(Band::Bottom, |b| b.band)
}

/// Ranks, bands, the interview and last-place flags, and the public-fund composite.
pub(crate) fn apply(
    rules: &Outcomes,
    normalization: DepositNormalization,
    inputs: &[&BankInput],
    names: &[&str],
    banks: &mut [BankResult],
) -> usize {
    let totals: Vec<Option<Decimal>> = banks.iter().map(|b| b.total).collect();
    let ranks = competition_ranks(&totals);
    let from_bottom = bottom_places(&totals);
    let ranked = ranks.iter().flatten().count();
    let interview_last = rules.interview_last.value.to_u32().unwrap_or(0);
    let top = totals.iter().flatten().max().copied();
    let hundred = Decimal::ONE_HUNDRED;
    let evaluation_weight = rules.evaluation_weight.value;
    let department_weight = rules.department_weight.value / hundred;

    for (((bank, rank), bottom), input) in banks.iter_mut().zip(&ranks).zip(&from_bottom).zip(inputs) {
        bank.rank = *rank;
        bank.from_bottom = *bottom;
        bank.band = band(rules, *rank);
        bank.interview = bottom.is_some_and(|b| b <= interview_last);
        // 连续两年排名倒数第一: 倒数第一 this year, ties included, and last in 2023.
        bank.last_place_twice = input.last_place_2023 && *bottom == Some(1);
        if bank.last_place_twice {
            bank.warnings.push(Warning::LastPlaceTwice);
        }
        let evaluation_points = match (bank.total, normalization) {
            (None, _) => Decimal::ZERO,
            (Some(total), _) if total <= Decimal::ZERO => {
                bank.warnings.push(Warning::NonPositiveTotal);
                Decimal::ZERO
            }
            (Some(total), DepositNormalization::TopScorer) => match top {
                Some(top) if top > Decimal::ZERO => {
                    total.checked_div(top).map_or(Decimal::ZERO, |r| r * evaluation_weight)
                }
                _ => Decimal::ZERO,
            },
            (Some(total), DepositNormalization::Raw) => total * evaluation_weight / hundred,
        };
        let department = input.department_score.map_or(Decimal::ZERO, |s| s.get());
        bank.deposit = Deposit {
            evaluation_points,
            composite: evaluation_points + department * department_weight,
            share_pct: Decimal::ZERO,
        };
    }
    near_ties(banks, names);
    let sum: Decimal = banks.iter().filter(|b| b.rank.is_some()).map(|b| b.deposit.composite).sum();
    if sum > Decimal::ZERO {
        for bank in banks.iter_mut().filter(|b| b.rank.is_some()) {
            bank.deposit.share_pct = bank.deposit.composite.checked_div(sum).map_or(Decimal::ZERO, |r| r * hundred);
        }
    }
    ranked
}

/// Ranks stay on exact totals, but the official list is likely published at two decimals: where two
/// banks' totals read the same at two decimals and a band edge or the interview line falls between
/// them, both are told.
fn near_ties(banks: &mut [BankResult], names: &[&str]) {
    let shown: Vec<Option<Decimal>> = banks.iter().map(|b| b.total.map(round2)).collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, a) in banks.iter().enumerate() {
        for (j, b) in banks.iter().enumerate().skip(i + 1) {
            let (Some(ta), Some(tb)) = (a.total, b.total) else { continue };
            if ta != tb && shown[i] == shown[j] && (a.band != b.band || a.interview != b.interview) {
                found.push((i, j));
            }
        }
    }
    let name = |k: usize| names.get(banks[k].index).copied().unwrap_or(banks[k].id.as_str()).to_owned();
    let mut others: Vec<Vec<String>> = vec![Vec::new(); banks.len()];
    for &(i, j) in &found {
        others[i].push(name(j));
        others[j].push(name(i));
    }
    for (bank, others) in banks.iter_mut().zip(others) {
        if let (false, Some(total)) = (others.is_empty(), bank.total) {
            bank.warnings.push(Warning::NearTie { others, shown: round2(total) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking_shares_the_better_rank() {
        let d = |n: i64| Some(Decimal::from(n));
        let ranks = competition_ranks(&[d(90), d(95), d(90), None, d(80)]);
        assert_eq!(ranks, vec![Some(2), Some(1), Some(2), None, Some(4)]);
    }

    #[test]
    fn near_ties_across_a_band_edge_are_told_to_both_banks() {
        use crate::evaluation::Figures;
        let bank = |index: usize, total: &str| BankResult {
            index,
            id: format!("b{index}"),
            total: Some(total.parse().expect("decimal")),
            rank: None,
            from_bottom: None,
            band: Band::Disqualified,
            interview: false,
            last_place_twice: false,
            items: Vec::new(),
            deposit: Deposit::default(),
            missing: Vec::new(),
            warnings: Vec::new(),
            figures: Figures::default(),
        };
        // Four banks: 3rd and 4th read 80.00 at two decimals but are 80.004 and 79.996.
        let mut banks = vec![bank(0, "90"), bank(1, "85"), bank(2, "80.004"), bank(3, "79.996")];
        let names = ["甲", "乙", "丙", "丁"];
        let rules = &crate::Scheme::builtin(2024).expect("built-in").rules.outcomes;
        let input = BankInput::default();
        let inputs = vec![&input; 4];
        apply(rules, DepositNormalization::TopScorer, &inputs, &names, &mut banks);
        assert_eq!(banks[2].band, Band::Outstanding);
        assert_eq!(banks[3].band, Band::Positive);
        let shown = Decimal::new(8000, 2);
        assert_eq!(banks[2].warnings, vec![Warning::NearTie { others: vec!["丁".to_owned()], shown }]);
        assert_eq!(banks[3].warnings, vec![Warning::NearTie { others: vec!["丙".to_owned()], shown }]);
        assert!(banks[0].warnings.is_empty() && banks[1].warnings.is_empty());
    }
}
