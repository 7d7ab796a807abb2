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

/// A form of goal, as the goal grammar writes it and a list offers it: the bands and staying off the
/// interview list stand alone; the others take a figure (a rank, a total, a share, a composite, a bank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalForm {
    /// `band=…`: this band or a better one.
    Band(Band),
    /// `not-interviewed`.
    NotInterviewed,
    /// `rank<=N`.
    Rank,
    /// `total>=S`.
    Total,
    /// `share>=P`.
    Share,
    /// `composite>=C`.
    Composite,
    /// `above=BANK`.
    Above,
}

/// What the figure of a goal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalFigure {
    /// A rank, a whole number from 1 to the number of banks.
    Rank,
    /// Points of the total or of the composite.
    Points,
    /// A share in percent, 0 to 100.
    Percent,
    /// A bank's id.
    Bank,
}

impl GoalForm {
    /// Every form, in the order a list offers them.
    pub const ALL: [GoalForm; 9] = [
        GoalForm::Band(Band::Outstanding),
        GoalForm::Band(Band::Positive),
        GoalForm::Band(Band::General),
        GoalForm::NotInterviewed,
        GoalForm::Rank,
        GoalForm::Total,
        GoalForm::Share,
        GoalForm::Composite,
        GoalForm::Above,
    ];

    /// The form's key in the goal grammar: the whole goal when it takes no figure (`band=outstanding`,
    /// `not-interviewed`), else the part before the figure (`rank<=`).
    pub fn key(self) -> String {
        match self {
            GoalForm::Band(band) => format!("band={}", band.key()),
            GoalForm::NotInterviewed => "not-interviewed".to_owned(),
            GoalForm::Rank => "rank<=".to_owned(),
            GoalForm::Total => "total>=".to_owned(),
            GoalForm::Share => "share>=".to_owned(),
            GoalForm::Composite => "composite>=".to_owned(),
            GoalForm::Above => "above=".to_owned(),
        }
    }

    /// The form as the grammar describes it, for messages (`rank<=N`).
    fn syntax(self) -> String {
        match self.figure() {
            None => self.key(),
            Some(GoalFigure::Rank) => format!("{}N", self.key()),
            Some(GoalFigure::Bank) => format!("{}BANK", self.key()),
            Some(GoalFigure::Percent) => format!("{}P", self.key()),
            Some(GoalFigure::Points) if self == GoalForm::Total => format!("{}S", self.key()),
            Some(GoalFigure::Points) => format!("{}C", self.key()),
        }
    }

    /// The figure the form takes, if any.
    pub fn figure(self) -> Option<GoalFigure> {
        match self {
            GoalForm::Band(_) | GoalForm::NotInterviewed => None,
            GoalForm::Rank => Some(GoalFigure::Rank),
            GoalForm::Total | GoalForm::Composite => Some(GoalFigure::Points),
            GoalForm::Share => Some(GoalFigure::Percent),
            GoalForm::Above => Some(GoalFigure::Bank),
        }
    }

    /// The form in Chinese, for a list: `进入贡献突出单位`, `进入前 N 名`, `总分达到……`.
    pub fn label(self, scheme: &Scheme) -> String {
        match self {
            GoalForm::Band(band) => Goal::Band(band).zh(scheme),
            GoalForm::NotInterviewed => Goal::NotInterviewed.zh(scheme),
            GoalForm::Rank => "进入前 N 名".to_owned(),
            GoalForm::Total => "总分达到……".to_owned(),
            GoalForm::Share => "存放占比达到……".to_owned(),
            GoalForm::Composite => "存放综合评分达到……".to_owned(),
            GoalForm::Above => "总分超过某家银行".to_owned(),
        }
    }

    /// What the box beside the list asks for (`名次`, `存放占比（%）`), for a form with a figure.
    pub fn figure_label(self) -> Option<&'static str> {
        Some(match self.figure()? {
            GoalFigure::Rank => "名次",
            GoalFigure::Points if self == GoalForm::Total => "总分",
            GoalFigure::Points => "存放综合评分",
            GoalFigure::Percent => "存放占比（%）",
            GoalFigure::Bank => "要超过的银行",
        })
    }

    /// The goal of this form with the figure typed beside it (ignored for a form without one), or why
    /// the figure cannot be taken, in Chinese.
    pub fn goal(self, figure: &str, scheme: &Scheme) -> Result<Goal, String> {
        let figure = figure.trim();
        if self.figure().is_some() && figure.is_empty() {
            return Err(match self.figure() {
                Some(GoalFigure::Bank) => "请选择要超过的银行".to_owned(),
                _ => format!("请填写{}", self.figure_label().unwrap_or("数值")),
            });
        }
        let text = if self.figure().is_some() { format!("{}{figure}", self.key()) } else { self.key() };
        Goal::parse(&text, scheme).map_err(|_| match self.figure() {
            Some(GoalFigure::Rank) => format!("名次须为 1 至 {} 之间的整数", scheme.banks.len()),
            Some(GoalFigure::Percent) => "存放占比须在 0 至 100 之间".to_owned(),
            Some(GoalFigure::Points) => "请填写数字，如 120".to_owned(),
            Some(GoalFigure::Bank) => format!("没有代码为 “{figure}” 的银行"),
            None => format!("目标“{text}”无法识别"),
        })
    }
}

impl Goal {
    /// The goal grammar, for messages: every form as the command line writes it.
    pub fn grammar() -> String {
        let mut forms: Vec<String> = Vec::new();
        let bands: Vec<&str> =
            GoalForm::ALL.iter().filter_map(|f| if let GoalForm::Band(b) = f { Some(b.key()) } else { None }).collect();
        for form in GoalForm::ALL {
            match form {
                GoalForm::Band(Band::Outstanding) => forms.push(format!("band={}", bands.join("|"))),
                GoalForm::Band(_) => {}
                form => forms.push(form.syntax()),
            }
        }
        forms.join(", ")
    }

    /// The form of the goal.
    pub fn form(&self) -> GoalForm {
        match self {
            Goal::Rank(_) => GoalForm::Rank,
            Goal::Band(band) => GoalForm::Band(*band),
            Goal::NotInterviewed => GoalForm::NotInterviewed,
            Goal::Total(_) => GoalForm::Total,
            Goal::Share(_) => GoalForm::Share,
            Goal::Composite(_) => GoalForm::Composite,
            Goal::Above(_) => GoalForm::Above,
        }
    }

    /// The figure of the goal as a box shows it (`3`, `7.5`, `adbc`); empty for a form without one.
    pub fn figure(&self) -> String {
        let key = self.key();
        key.strip_prefix(&self.form().key()).unwrap_or_default().to_owned()
    }

    /// Reads `rank<=N`, `band=outstanding|positive|general`, `not-interviewed`, `total>=S`,
    /// `share>=P`, `composite>=C` or `above=BANK`. A rank is at most the number of banks.
    pub fn parse(text: &str, scheme: &Scheme) -> Result<Goal, Error> {
        let bad = || Error::Goal { text: text.to_owned(), expected: Goal::grammar() };
        let t = text.trim();
        let number = |s: &str| crate::values::parse_exact(s.trim()).map_err(|_| bad());
        if t == "not-interviewed" {
            return Ok(Goal::NotInterviewed);
        }
        if let Some(n) = t.strip_prefix("rank<=") {
            let n: u32 = n.trim().parse().map_err(|_| bad())?;
            let banks = u32::try_from(scheme.banks.len()).unwrap_or(u32::MAX);
            return if (1..=banks).contains(&n) { Ok(Goal::Rank(n)) } else { Err(bad()) };
        }
        if let Some(b) = t.strip_prefix("band=") {
            let band = match b.trim() {
                "outstanding" => Band::Outstanding,
                "positive" => Band::Positive,
                "general" => Band::General,
                _ => return Err(bad()),
            };
            // A band the scheme does not have (贡献一般 under a scheme of two bands) is no goal.
            return if scheme.rules.outcomes.bands.iter().any(|rule| rule.band == band) {
                Ok(Goal::Band(band))
            } else {
                Err(bad())
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
            crate::order::sort_unstable_by(&mut t, |a, b| b.cmp(a));
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
        assert!(Goal::parse("rank<=17", scheme).is_err(), "there are 16 banks");
    }

    #[test]
    fn every_form_makes_its_goal_and_the_grammar_lists_them() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let figures = |form: GoalForm| match form.figure() {
            None => "",
            Some(GoalFigure::Rank) => "3",
            Some(GoalFigure::Points) => "120",
            Some(GoalFigure::Percent) => "7.5",
            Some(GoalFigure::Bank) => "adbc",
        };
        for form in GoalForm::ALL {
            let goal = form.goal(figures(form), scheme).unwrap_or_else(|e| panic!("{form:?}: {e}"));
            assert_eq!(goal.form(), form);
            assert_eq!(goal.figure(), figures(form), "{form:?}");
            assert!(!form.label(scheme).is_empty());
        }
        assert_eq!(
            Goal::grammar(),
            "band=outstanding|positive|general, not-interviewed, rank<=N, total>=S, share>=P, composite>=C, above=BANK"
        );
        assert_eq!(GoalForm::Rank.goal("20", scheme), Err("名次须为 1 至 16 之间的整数".to_owned()));
        assert_eq!(GoalForm::Share.goal("", scheme), Err("请填写存放占比（%）".to_owned()));
        assert_eq!(GoalForm::Above.goal("", scheme), Err("请选择要超过的银行".to_owned()));
        assert_eq!(GoalForm::Band(Band::Outstanding).label(scheme), "进入贡献突出单位");
    }
}
