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

use std::cmp::Reverse;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::document::DepositNormalization;
use crate::evaluation::{BankResult, Deposit, Warning};
use crate::exact::{add, checked_div, compare, hundred_times, is_positive, mul, sort_key, sum};
use crate::fields::BankInput;
use crate::format::round2;
use crate::items::Band;
use crate::parameters::Outcomes;

/// The indices of the values that are there, highest first (ties in index order).
///
/// Ranks, places from the bottom and near ties all follow from this one order, so a scenario costs one
/// sort of its totals (about n log n comparisons) instead of comparing every pair.
pub(crate) fn descending(values: &[Option<Decimal>]) -> Vec<usize> {
    // Sorting integer keys costs a fraction of sorting decimals; a value too large for a key (none of
    // the engine's) sorts the decimals.
    let mut keys: Vec<(Reverse<i128>, usize)> = Vec::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        let Some(value) = *value else { continue };
        let Some(key) = sort_key(value) else {
            let mut order: Vec<usize> = (0..values.len()).filter(|&i| values[i].is_some()).collect();
            crate::order::sort_by(&mut order, |&a, &b| values[b].cmp(&values[a]));
            return order;
        };
        keys.push((Reverse(key), i));
    }
    // Insertion sort: a scenario ranks 16 banks, where the shared sort body of `order` (there for the
    // page's size) costs several times as much in allocations and indirect comparisons. The keys
    // are distinct (the index is part of each), so every sort gives this order.
    for k in 1..keys.len() {
        let mut j = k;
        while j > 0 && keys[j - 1] > keys[j] {
            keys.swap(j - 1, j);
            j -= 1;
        }
    }
    keys.into_iter().map(|(_, i)| i).collect()
}

/// Whether two values are the same number (`None` only equals `None`).
fn same(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => compare(a, b).is_eq(),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// Competition ranks of `values` (highest first): 1 + the number of values strictly higher, ties
/// sharing the better rank; `None` values are not ranked.
pub(crate) fn competition_ranks(values: &[Option<Decimal>]) -> Vec<Option<u32>> {
    places(values, &descending(values)).into_iter().map(|p| p.map(|(rank, _)| rank)).collect()
}

/// Each value's competition rank and place from the bottom (倒数第几: 1 + the number of values strictly
/// lower, ties sharing), from the values' [`descending`] order; `None` values are not placed.
pub(crate) fn places(values: &[Option<Decimal>], order: &[usize]) -> Vec<Option<(u32, u32)>> {
    let place = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1);
    let mut places = vec![None; values.len()];
    let mut start = 0;
    // Each run of equal values in the order shares one rank (how many come before the run) and one
    // place from the bottom (how many come after it).
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && same(values[order[end]], values[order[start]]) {
            end += 1;
        }
        for &i in &order[start..end] {
            places[i] = Some((place(start), place(order.len() - end)));
        }
        start = end;
    }
    places
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
    let order = descending(&totals);
    let places = places(&totals, &order);
    let ranked = order.len();
    let interview_last = rules.interview_last.value.to_u32().unwrap_or(0);
    // The top total is the first of the order; of equal totals (which may differ in trailing zeros)
    // the last in bank order, as `Iterator::max` takes it.
    let top = order.first().and_then(|&first| {
        let ties = order.iter().take_while(|&&i| same(totals[i], totals[first])).count();
        totals[order[ties - 1]]
    });
    let hundred = Decimal::ONE_HUNDRED;
    let evaluation_weight = rules.evaluation_weight.value;
    let department_weight = rules.department_weight.value / hundred;

    for ((bank, place), input) in banks.iter_mut().zip(&places).zip(inputs) {
        let (rank, bottom) = (place.map(|p| p.0), place.map(|p| p.1));
        bank.rank = rank;
        bank.from_bottom = bottom;
        bank.band = band(rules, rank);
        bank.interview = bottom.is_some_and(|b| b <= interview_last);
        // 连续两年排名倒数第一: 倒数第一 this year, ties included, and last in 2023.
        bank.last_place_twice = input.last_place_2023 && bottom == Some(1);
        if bank.last_place_twice {
            bank.warnings.push(Warning::LastPlaceTwice);
        }
        let evaluation_points = match (bank.total, normalization) {
            (None, _) => Decimal::ZERO,
            (Some(total), _) if !is_positive(total) => {
                bank.warnings.push(Warning::NonPositiveTotal);
                Decimal::ZERO
            }
            (Some(total), DepositNormalization::TopScorer) => match top {
                Some(top) if is_positive(top) => {
                    checked_div(total, top).map_or(Decimal::ZERO, |r| mul(r, evaluation_weight))
                }
                _ => Decimal::ZERO,
            },
            (Some(total), DepositNormalization::Raw) => total * evaluation_weight / hundred,
        };
        let department = input.department_score.map_or(Decimal::ZERO, |s| s.get());
        bank.deposit = Deposit {
            evaluation_points,
            composite: add(evaluation_points, mul(department, department_weight)),
            share_pct: Decimal::ZERO,
        };
    }
    near_ties(banks, names, &order);
    let sum = sum(banks.iter().filter(|b| b.rank.is_some()).map(|b| b.deposit.composite));
    if is_positive(sum) {
        for bank in banks.iter_mut().filter(|b| b.rank.is_some()) {
            bank.deposit.share_pct = checked_div(bank.deposit.composite, sum)
                .map_or(Decimal::ZERO, |r| hundred_times(r).unwrap_or_else(|| r * hundred));
        }
    }
    ranked
}

/// Ranks stay on exact totals, but the official list is likely published at two decimals: where two
/// banks' totals read the same at two decimals and a band edge or the interview line falls between
/// them, both are told.
///
/// Rounding keeps order, so totals that read the same are neighbours in the descending `order`: only
/// runs of equal shown totals are searched.
fn near_ties(banks: &mut [BankResult], names: &[&str], order: &[usize]) {
    // Totals that read the same at two decimals are less than 0.01 apart (a rounded difference is at
    // most 0.01), so rounding every total is only worth it when some neighbours are that close.
    let cent = Decimal::new(1, 2);
    let close = |a: Option<Decimal>, b: Option<Decimal>| match (a, b) {
        (Some(a), Some(b)) => compare((a - b).abs(), cent).is_le(),
        _ => false,
    };
    if !order.windows(2).any(|w| close(banks[w[0]].total, banks[w[1]].total)) {
        return;
    }
    let shown: Vec<Option<Decimal>> = banks.iter().map(|b| b.total.map(round2)).collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && same(shown[order[end]], shown[order[start]]) {
            end += 1;
        }
        for (k, &a) in order[start..end].iter().enumerate() {
            for &b in &order[start + k + 1..end] {
                let (i, j) = (a.min(b), a.max(b));
                let (x, y) = (&banks[i], &banks[j]);
                if !same(x.total, y.total) && (x.band != y.band || x.interview != y.interview) {
                    found.push((i, j));
                }
            }
        }
        start = end;
    }
    if found.is_empty() {
        return;
    }
    // In bank order, as a reader expects: each bank's others are then listed in bank order too.
    crate::order::sort(&mut found);
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
    fn places_count_strictly_better_and_strictly_worse() {
        let d = |n: i64| Some(Decimal::from(n));
        type Case<'a> = (&'a [Option<Decimal>], &'a [Option<(u32, u32)>]);
        let cases: &[Case] = &[
            (&[], &[]),
            (&[None], &[None]),
            (&[d(5)], &[Some((1, 1))]),
            (&[d(90), d(95), d(90), None, d(80)], &[Some((2, 2)), Some((1, 4)), Some((2, 2)), None, Some((4, 1))]),
            (&[d(1), d(1), d(1)], &[Some((1, 1)), Some((1, 1)), Some((1, 1))]),
            (&[d(3), d(1), d(2), d(1)], &[Some((1, 4)), Some((3, 1)), Some((2, 3)), Some((3, 1))]),
        ];
        for (values, expected) in cases {
            assert_eq!(places(values, &descending(values)), expected.to_vec(), "places of {values:?}");
        }
    }

    #[test]
    fn near_ties_across_a_band_edge_are_told_to_both_banks() {
        use crate::evaluation::{Figures, ItemScore, Working};
        use crate::fields::FieldSet;
        use crate::items::Item;
        let bank = |index: usize, total: &str| BankResult {
            index,
            id: format!("b{index}"),
            total: Some(total.parse().expect("decimal")),
            rank: None,
            from_bottom: None,
            band: Band::Disqualified,
            interview: false,
            last_place_twice: false,
            items: Item::ALL.map(|item| ItemScore {
                item,
                points: Decimal::ZERO,
                working: Working::Missing { fields: FieldSet::EMPTY },
            }),
            deposit: Deposit::default(),
            missing: FieldSet::EMPTY,
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
