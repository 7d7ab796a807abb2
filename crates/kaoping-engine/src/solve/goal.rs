//! Goals: what a branch manager asks for — a rank, a band, staying off the interview list (四(三)), a
//! total, a share of the public-fund deposits or a composite (四(四)), or passing one named bank.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::evaluation::{BankResult, Evaluation};
use crate::format::format_fixed2;
use crate::items::Band;
use crate::scheme::Scheme;

/// What a bank wants to reach.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Goal {
    /// Rank `n` or better (`rank<=3`).
    Rank(u32),
    /// This band or a better one (`band=outstanding`).
    Band(Band),
    /// Not among the last three counted from the bottom, ties included (`not-interviewed`).
    NotInterviewed,
    /// A total of at least this (`total>=100`).
    Total(Decimal),
    /// A share of the public-fund deposits of at least this many percent (`share>=7.5`).
    Share(Decimal),
    /// A public-fund composite of at least this (`composite>=80`).
    Composite(Decimal),
    /// A total strictly above this bank's (`above=adbc`).
    Above(String),
}

impl Goal {
    /// Reads `rank<=N`, `band=outstanding|positive|general`, `not-interviewed`, `total>=S`,
    /// `share>=P`, `composite>=C` or `above=BANK`.
    pub fn parse(text: &str, scheme: &Scheme) -> Result<Goal, Error> {
        let bad = || Error::Goal { text: text.to_owned() };
        let t = text.trim();
        let number = |s: &str| crate::values::parse_exact(s.trim()).map_err(|_| bad());
        if t == "not-interviewed" {
            return Ok(Goal::NotInterviewed);
        }
        if let Some(n) = t.strip_prefix("rank<=") {
            let n: u32 = n.trim().parse().map_err(|_| bad())?;
            return if n >= 1 { Ok(Goal::Rank(n)) } else { Err(bad()) };
        }
        if let Some(b) = t.strip_prefix("band=") {
            return match b.trim() {
                "outstanding" => Ok(Goal::Band(Band::Outstanding)),
                "positive" => Ok(Goal::Band(Band::Positive)),
                "general" => Ok(Goal::Band(Band::General)),
                _ => Err(bad()),
            };
        }
        if let Some(s) = t.strip_prefix("total>=") {
            return number(s).map(Goal::Total);
        }
        if let Some(p) = t.strip_prefix("share>=") {
            let p = number(p.trim_end_matches('%'))?;
            return if p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED { Ok(Goal::Share(p)) } else { Err(bad()) };
        }
        if let Some(c) = t.strip_prefix("composite>=") {
            return number(c).map(Goal::Composite);
        }
        if let Some(id) = t.strip_prefix("above=") {
            let id = id.trim();
            return if scheme.bank_index(id).is_some() { Ok(Goal::Above(id.to_owned())) } else { Err(bad()) };
        }
        Err(bad())
    }

    /// The goal as written on the command line (`rank<=3`).
    pub fn key(&self) -> String {
        match self {
            Goal::Rank(n) => format!("rank<={n}"),
            Goal::Band(b) => format!("band={}", b.key()),
            Goal::NotInterviewed => "not-interviewed".to_owned(),
            Goal::Total(s) => format!("total>={}", s.normalize()),
            Goal::Share(p) => format!("share>={}", p.normalize()),
            Goal::Composite(c) => format!("composite>={}", c.normalize()),
            Goal::Above(id) => format!("above={id}"),
        }
    }

    /// The goal in Chinese: `进入前 3 名`, `进入贡献突出单位`, `不列后 3 名（不被约谈）`.
    pub fn zh(&self, scheme: &Scheme) -> String {
        match self {
            Goal::Rank(1) => "排名第 1".to_owned(),
            Goal::Rank(n) => format!("进入前 {n} 名"),
            Goal::Band(b) => format!("进入{}", b.label()),
            Goal::NotInterviewed => {
                format!("不列后 {} 名（不被约谈）", scheme.rules.outcomes.interview_last.value.normalize())
            }
            Goal::Total(s) => format!("使总分达到 {}", format_fixed2(*s)),
            Goal::Share(p) => format!("使公共性资金存放占比达到 {}%", format_fixed2(*p)),
            Goal::Composite(c) => format!("使存放综合评分达到 {}", format_fixed2(*c)),
            Goal::Above(id) => format!("使总分超过{}", short_name(scheme, id)),
        }
    }

    /// Whether `bank` (by index) has reached the goal in `evaluation`. A bank that is not ranked
    /// reaches nothing.
    pub fn met(&self, scheme: &Scheme, evaluation: &Evaluation, bank: usize) -> bool {
        let Some(b) = evaluation.banks.get(bank).filter(|b| b.is_ranked()) else { return false };
        match self {
            Goal::Rank(n) => b.rank.is_some_and(|r| r <= *n),
            Goal::Band(band) => b.band <= *band,
            Goal::NotInterviewed => !b.interview,
            Goal::Total(s) => b.total.is_some_and(|t| t >= *s),
            Goal::Share(p) => b.deposit.share_pct >= *p,
            Goal::Composite(c) => b.deposit.composite >= *c,
            Goal::Above(id) => match (b.total, other(scheme, evaluation, id).and_then(|o| o.total)) {
                (Some(ours), Some(theirs)) => ours > theirs,
                _ => false,
            },
        }
    }

    /// The distance to the goal, larger is better: met at 0 or above (passing a bank and staying off
    /// the interview list need more than 0). Our total minus the total of the bank at the rank we
    /// want; minus the third lowest of the others (the interview line); minus the bank to pass; our
    /// total, share or composite minus the one asked for. The solver expects it never to fall as the
    /// lever grows, checks that it does not, and interpolates along it. `None` when the bank is not
    /// ranked or there is no such distance.
    pub(crate) fn progress(&self, scheme: &Scheme, evaluation: &Evaluation, bank: usize) -> Option<Decimal> {
        let b = evaluation.banks.get(bank).filter(|b| b.is_ranked())?;
        let ours = b.total?;
        let others = || -> Vec<Decimal> {
            let mut t: Vec<Decimal> =
                evaluation.banks.iter().filter(|o| o.index != bank).filter_map(|o| o.total).collect();
            t.sort_unstable_by(|a, b| b.cmp(a));
            t
        };
        // Rank n or better: at least the n-th highest total of the others (ties share the rank).
        let at_rank = |n: u32| -> Option<Decimal> {
            let others = others();
            let n = usize::try_from(n).ok()?;
            Some(match n.checked_sub(1).and_then(|i| others.get(i)) {
                Some(edge) => ours - *edge,
                // Fewer others than the rank: always there.
                None => ours,
            })
        };
        match self {
            Goal::Rank(n) => at_rank(*n),
            Goal::Band(band) => {
                let rule = scheme.rules.outcomes.bands.iter().find(|r| r.band == *band)?;
                at_rank(rule.to_rank?)
            }
            Goal::NotInterviewed => {
                let last = usize::try_from(scheme.rules.outcomes.interview_last.value.trunc()).ok()?;
                others().iter().rev().nth(last.checked_sub(1)?).map(|line| ours - *line)
            }
            Goal::Total(s) => Some(ours - *s),
            Goal::Share(p) => Some(b.deposit.share_pct - *p),
            Goal::Composite(c) => Some(b.deposit.composite - *c),
            Goal::Above(id) => other(scheme, evaluation, id).and_then(|o| o.total).map(|theirs| ours - theirs),
        }
    }

    /// Whether the goal is about places among the banks (so the banks that stay above are the reason
    /// it is out of reach).
    pub(crate) fn is_about_places(&self) -> bool {
        matches!(self, Goal::Rank(_) | Goal::Band(_) | Goal::NotInterviewed | Goal::Above(_))
    }
}

fn other<'e>(scheme: &Scheme, evaluation: &'e Evaluation, id: &str) -> Option<&'e BankResult> {
    scheme.bank_index(id).and_then(|i| evaluation.banks.get(i))
}

/// A bank's short name (`工商银行`), or its id when the scheme does not have it.
pub(crate) fn short_name(scheme: &Scheme, id: &str) -> String {
    scheme.bank_index(id).and_then(|i| scheme.banks.get(i)).map_or_else(|| id.to_owned(), |b| b.short_name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_read_and_write_back() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        for text in [
            "rank<=3",
            "band=outstanding",
            "band=general",
            "not-interviewed",
            "total>=100",
            "share>=7.5",
            "composite>=80",
            "above=adbc",
        ] {
            let goal = Goal::parse(text, scheme).expect(text);
            assert_eq!(goal.key(), text);
        }
        for bad in ["rank<=0", "rank<=x", "band=bottom", "share>=101", "above=hsbc", "total>=1,0", "top3", ""] {
            assert!(Goal::parse(bad, scheme).is_err(), "{bad} is refused");
        }
        assert_eq!(Goal::parse("share>=7.5%", scheme), Ok(Goal::Share(Decimal::new(75, 1))));
    }
}
