//! 四、考评结果运用
//!
//! > (一) 对考评得分前3名的银行，给予“全市金融支持黄石经济发展贡献突出单位”称号通报表扬。
//! > (二) 对考评得分第4-10名的银行, 给予“全市金融支持黄石经济发展贡献积极单位”称号通报表扬。
//! > (三) 对考评得分第11-13名的银行, 给予“全市金融支持黄石经济发展贡献一般单位”称号; 对考评后3名的银行约谈、通报,
//! > 并向其上级行(社)通报考评结果, 连续两年排名倒数第一的取消财政对公账户。
//! > (四) 年度考评结果作为市级公共性资金存放综合评分依据, 所占权重为70%, 市级公共性资金存放主体部门个性指标占
//! > 综合评分权重为30%。
//!
//! Ranks are by exact total, highest first, with competition ranking (1, 2, 2, 4). "后3名" are the banks
//! whose rank is among the last three rank positions of the ranked banks. A vetoed bank (二(四)5) has no
//! total, rank or band and is left out of the top score and the composite sum; its composite is its
//! department's 30% part alone and its share is 0.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::evaluation::{Band, BankResult, Deposit, Warning};
use crate::parameters::Outcomes;
use crate::scenario::{BankInput, DepositNormalization};

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
    banks: &mut [BankResult],
) -> usize {
    let totals: Vec<Option<Decimal>> = banks.iter().map(|b| b.total).collect();
    let ranks = competition_ranks(&totals);
    let ranked = ranks.iter().flatten().count();
    let last_rank = ranks.iter().flatten().max().copied();
    let interview_last = rules.interview_last.value.to_u32().unwrap_or(0);
    let ranked_u32 = u32::try_from(ranked).unwrap_or(u32::MAX);
    let top = totals.iter().flatten().max().copied();
    let hundred = Decimal::ONE_HUNDRED;
    let evaluation_weight = rules.evaluation_weight.value;
    let department_weight = rules.department_weight.value / hundred;

    for ((bank, rank), input) in banks.iter_mut().zip(&ranks).zip(inputs) {
        bank.rank = *rank;
        bank.band = band(rules, *rank);
        bank.interview = rank.is_some_and(|r| r.saturating_add(interview_last) > ranked_u32);
        bank.last_place_twice = input.last_place_2023 && rank.is_some() && *rank == last_rank;
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
    let sum: Decimal = banks.iter().filter(|b| b.rank.is_some()).map(|b| b.deposit.composite).sum();
    if sum > Decimal::ZERO {
        for bank in banks.iter_mut().filter(|b| b.rank.is_some()) {
            bank.deposit.share_pct = bank.deposit.composite.checked_div(sum).map_or(Decimal::ZERO, |r| r * hundred);
        }
    }
    ranked
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
}
