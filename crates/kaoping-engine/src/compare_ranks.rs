//! Which ranks a change moved: two evaluations of the same scheme compared bank by bank, so that
//! switching a reading of the text (or any other change) can say "切换后：工商银行 4→5，农商行 5→4"
//! rather than leave the user to spot the difference in a table of sixteen.
//!
//! The comparison only reads the two evaluations' ranks and bands; it computes nothing new.

use crate::evaluation::Evaluation;
use crate::items::Band;
use crate::scheme::Scheme;

/// One bank whose rank or band differs between two evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankChange {
    /// The bank's id.
    pub bank: String,
    /// The bank's short name, as the annexes write it (`工商银行`).
    pub name: String,
    /// The rank before; `None` when disqualified.
    pub before: Option<u32>,
    /// The rank after; `None` when disqualified.
    pub after: Option<u32>,
    /// The band before.
    pub band_before: Band,
    /// The band after.
    pub band_after: Band,
}

impl RankChange {
    /// The change in words: `工商银行 4→5`, with the bands when they differ
    /// (`工商银行 3→4（贡献突出单位→贡献积极单位）`); a missing rank reads 不适用.
    pub fn zh(&self) -> String {
        let rank = |r: Option<u32>| r.map_or_else(|| "不适用".to_owned(), |r| r.to_string());
        let mut text = format!("{} {}→{}", self.name, rank(self.before), rank(self.after));
        if self.band_before != self.band_after {
            text.push_str(&format!("（{}→{}）", self.band_before.label(), self.band_after.label()));
        }
        text
    }
}

/// The banks whose rank or band differs from `before` to `after`, best new rank first (a bank no
/// longer ranked last), ties in annex order. Banks are matched by id, never by position.
pub fn compare_ranks(scheme: &Scheme, before: &Evaluation, after: &Evaluation) -> Vec<RankChange> {
    let mut changes: Vec<(usize, RankChange)> = after
        .banks
        .iter()
        .filter_map(|now| {
            let was = before.bank(&now.id)?;
            if was.rank == now.rank && was.band == now.band {
                return None;
            }
            let name =
                scheme.banks.iter().find(|b| b.id == now.id).map_or_else(|| now.id.clone(), |b| b.short_name.clone());
            let change = RankChange {
                bank: now.id.clone(),
                name,
                before: was.rank,
                after: now.rank,
                band_before: was.band,
                band_after: now.band,
            };
            Some((now.index, change))
        })
        .collect();
    crate::order::sort_by_key(&mut changes, |(index, change)| (change.after.is_none(), change.after, *index));
    changes.into_iter().map(|(_, change)| change).collect()
}

/// The changes as one sentence for a notice: `切换后：工商银行 4→5，农商行 5→4`, or that no rank moved.
pub fn rank_changes_zh(changes: &[RankChange]) -> String {
    if changes.is_empty() {
        "切换后：各行名次和档次均未变化".to_owned()
    } else {
        format!("切换后：{}", changes.iter().map(RankChange::zh).collect::<Vec<_>>().join("，"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BonusMode, Scenario};
    use crate::evaluate::evaluate;
    use crate::fields::Field;

    fn scheme() -> &'static Scheme {
        Scheme::builtin(2024).expect("built-in")
    }

    #[test]
    fn the_same_evaluation_moves_nothing() {
        let scheme = scheme();
        let evaluation = evaluate(scheme, &scheme.baseline());
        let changes = compare_ranks(scheme, &evaluation, &evaluation);
        assert!(changes.is_empty());
        assert_eq!(rank_changes_zh(&changes), "切换后：各行名次和档次均未变化");
    }

    #[test]
    fn a_bank_that_lends_more_moves_up_and_the_others_down() {
        let scheme = scheme();
        let before_scenario = scheme.baseline();
        let mut after_scenario = before_scenario.clone();
        Field::Loans.enter(after_scenario.bank_mut("adbc"), "1000").expect("valid");
        let before = evaluate(scheme, &before_scenario);
        let after = evaluate(scheme, &after_scenario);
        let changes = compare_ranks(scheme, &before, &after);
        let first = changes.first().expect("something moved");
        assert_eq!(first.bank, "adbc", "the best new rank comes first: {changes:?}");
        assert_eq!((first.before, first.after), (Some(16), Some(1)));
        assert!(first.zh().starts_with("农发行 16→1（排名靠后→贡献突出单位）"), "{}", first.zh());
        // Every bank listed really moved, and the list is in order of the new rank.
        for change in &changes {
            assert!(change.before != change.after || change.band_before != change.band_after, "{change:?}");
        }
        let ranks: Vec<u32> = changes.iter().filter_map(|c| c.after).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        assert!(rank_changes_zh(&changes).starts_with("切换后：农发行 16→1"));
    }

    #[test]
    fn a_setting_switch_is_described_bank_by_bank() {
        let scheme = scheme();
        // 1.5亿 above the task: whole units drop the half step, which is enough to reorder close banks.
        let mut scenario = scheme.baseline();
        Field::Loans.enter(scenario.bank_mut("adbc"), "325.81").expect("valid");
        let before = evaluate(scheme, &scenario);
        scenario.settings.bonus_mode = BonusMode::WholeUnits;
        let after = evaluate(scheme, &scenario);
        let changes = compare_ranks(scheme, &before, &after);
        for change in &changes {
            let was = before.bank(&change.bank).map(|b| b.rank);
            let now = after.bank(&change.bank).map(|b| b.rank);
            assert_eq!((was, now), (Some(change.before), Some(change.after)), "{change:?}");
        }
    }

    #[test]
    fn a_vetoed_bank_reads_not_applicable() {
        let scheme = scheme();
        let before_scenario: Scenario = scheme.baseline();
        let mut after_scenario = before_scenario.clone();
        Field::Vetoed.set(after_scenario.bank_mut("icbc"), Some(rust_decimal::Decimal::ONE)).expect("a flag");
        let changes = compare_ranks(scheme, &evaluate(scheme, &before_scenario), &evaluate(scheme, &after_scenario));
        let icbc = changes.iter().find(|c| c.bank == "icbc").expect("icbc changed");
        assert_eq!(icbc.after, None);
        assert!(icbc.zh().contains("→不适用"), "{}", icbc.zh());
        assert_eq!(changes.last().map(|c| c.bank.as_str()), Some("icbc"), "no rank sorts last");
    }
}
