//! The loan balance that lifts a bank into the next better band, as the page's summary and `kaoping
//! explain` show it: [`solve`] with the `loans` lever and a rank goal, under the engine's own readings
//! of the other banks.

use rust_decimal::Decimal;

use crate::document::Scenario;
use crate::fields::Field;
use crate::items::Band;
use crate::scheme::Scheme;
use crate::solve::{solve, Answer, Goal, Lever, Outcome, Rivals};

/// The answer to "what loan balance puts this bank at this rank?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanTarget {
    /// Already there with the figures as they are.
    Reached,
    /// The smallest year-end loan balance, to the 0.01亿, that reaches the rank, all else unchanged.
    Needs {
        /// The balance, 亿元.
        loans: Decimal,
        /// How much more than the balance now used, 亿元.
        more: Decimal,
    },
    /// Loans alone cannot get there: the loan items are capped (二(一)1 at +20, 二(一)2 at +5).
    OutOfReach,
    /// The bank is disqualified or not a bank of the scheme.
    NotRanked,
}

impl LoanTarget {
    fn of(answer: &Answer) -> LoanTarget {
        match answer.outcome {
            Outcome::Reached => LoanTarget::Reached,
            Outcome::Needs { more, to, .. } => LoanTarget::Needs { loans: to, more },
            Outcome::OutOfReach { .. } => LoanTarget::OutOfReach,
            Outcome::NotRanked => LoanTarget::NotRanked,
        }
    }
}

/// The next better band for a bank at `rank`, and the rank that enters it (四(一)–(三)): at rank 12
/// (贡献一般) that is 贡献积极 at rank 10. `None` in the top band.
pub fn next_band(scheme: &Scheme, rank: u32) -> Option<(Band, u32)> {
    scheme
        .rules
        .outcomes
        .bands
        .iter()
        .filter_map(|b| b.to_rank.map(|to| (b.band, to)))
        .filter(|(_, to)| *to < rank)
        .max_by_key(|(_, to)| *to)
}

/// The answer to "what loan balance lifts this bank into the next better band?", with the rank and
/// band actually reached at that balance (ties make cliffs: the balance that reaches rank 13 may
/// reach rank 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextBandAnswer {
    /// The band above the bank's.
    pub band: Band,
    /// The rank that enters it.
    pub to_rank: u32,
    /// What the solver found.
    pub target: LoanTarget,
    /// The rank and band reached at the balance found, when one was found.
    pub reached: Option<(u32, Band)>,
    /// The solver's whole answer, with its reason and notes.
    pub answer: Answer,
}

impl NextBandAnswer {
    /// The answer in Chinese, the one wording the page and the command line show; `None` when there is
    /// nothing to say (already there, or not ranked).
    pub fn zh(&self) -> Option<String> {
        match self.target {
            LoanTarget::Needs { loans, more } => {
                let (rank, band) = self.reached.unwrap_or((self.to_rank, self.band));
                Some(format!(
                    "贷款余额达到 {}（再增 {}）可升至第 {rank} 名，进入{}（其他数据不变）",
                    crate::format::format_amount(loans, "亿元"),
                    crate::format::format_amount(more, "亿元"),
                    band.label()
                ))
            }
            LoanTarget::OutOfReach => Some(format!(
                "仅靠增加贷款已无法升至第 {} 名（{}）：贷款投入两项的加分已封顶",
                self.to_rank,
                self.band.label()
            )),
            LoanTarget::Reached | LoanTarget::NotRanked => None,
        }
    }
}

/// What loan balance lifts `bank` into the next better band, all else unchanged; `None` when the
/// bank is in the top band or not ranked.
pub fn next_band_answer(scheme: &Scheme, scenario: &Scenario, bank: &str) -> Option<NextBandAnswer> {
    let index = scheme.bank_index(bank)?;
    let rank = crate::evaluate(scheme, scenario).banks.get(index)?.rank?;
    let (band, to_rank) = next_band(scheme, rank)?;
    let lever = Lever::single(Field::Loans).ok()?;
    let answer = solve(scheme, scenario, bank, &lever, &Goal::Rank(to_rank), Rivals::default());
    let reached = match answer.outcome {
        Outcome::Needs { at, .. } => at.rank.map(|r| (r, at.band)),
        _ => None,
    };
    Some(NextBandAnswer { band, to_rank, target: LoanTarget::of(&answer), reached, answer })
}

/// Finds the smallest year-end loan balance (to 0.01亿) at which `bank` ranks `rank` or better, with
/// every other figure of the scenario as it is.
pub fn loans_for_rank(scheme: &Scheme, scenario: &Scenario, bank: &str, rank: u32) -> LoanTarget {
    let Ok(lever) = Lever::single(Field::Loans) else { return LoanTarget::NotRanked };
    LoanTarget::of(&solve(scheme, scenario, bank, &lever, &Goal::Rank(rank), Rivals::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate;
    use crate::values::Amount;

    #[test]
    fn bisection_finds_the_edge() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let scenario = scheme.baseline();
        let rank_of = |s: &Scenario| evaluate(scheme, s).bank("cgb").and_then(|b| b.rank);
        match loans_for_rank(scheme, &scenario, "cgb", 1) {
            LoanTarget::Needs { loans, more } => {
                let mut at = scenario.clone();
                at.bank_mut("cgb").loans = Amount::new(loans).ok();
                assert_eq!(rank_of(&at), Some(1), "reaches first at {loans}");
                let mut below = scenario.clone();
                below.bank_mut("cgb").loans = Amount::new(loans - Decimal::new(1, 2)).ok();
                assert!(rank_of(&below) > Some(1), "not at {loans} − 0.01");
                assert!(more > Decimal::ZERO);
            }
            other => panic!("expected a balance, got {other:?}"),
        }
        assert_eq!(loans_for_rank(scheme, &scenario, "cgb", 16), LoanTarget::Reached);
        assert_eq!(loans_for_rank(scheme, &scenario, "nobank", 1), LoanTarget::NotRanked);
        assert_eq!(next_band(scheme, 12), Some((Band::Positive, 10)));
        assert_eq!(next_band(scheme, 14), Some((Band::General, 13)));
        assert_eq!(next_band(scheme, 4), Some((Band::Outstanding, 3)));
        assert_eq!(next_band(scheme, 3), None);
    }
}
