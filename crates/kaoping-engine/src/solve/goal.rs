//! Goals: what a branch manager asks for — a rank, a band, staying off the interview list (四(三)), a
//! total, a share of the public-fund deposits or a composite (四(四)), a share or an amount of one
//! fund as its department places it (四(四)), or passing one named bank.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::evaluation::{BankResult, Evaluation};
use crate::format::{format_amount, format_fixed2};
use crate::items::Band;
use crate::scheme::Scheme;
use crate::sections::deposits::FundShare;

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
    /// A share of one public fund (by its id) of at least this many percent (`share:fiscal>=10`),
    /// the fund placed by its own department's composite.
    FundShare(String, Decimal),
    /// An amount of one public fund (by its id) of at least this, 亿元 (`amount:fiscal>=5`): the
    /// scenario must give the fund's amount.
    FundAmount(String, Decimal),
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
    /// `share:FUND>=P`: a share of the fund (by its index in the scheme's `outcomes.funds`).
    FundShare(usize),
    /// `amount:FUND>=A`: an amount of the fund (by its index in the scheme's `outcomes.funds`).
    FundAmount(usize),
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
    /// An amount in 亿元, at least 0.
    Amount,
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

    /// Every form of a scheme, in the order a list offers them: [`GoalForm::ALL`], then a share and an
    /// amount of each of the scheme's public funds.
    pub fn all(scheme: &Scheme) -> Vec<GoalForm> {
        let funds = 0..scheme.rules.outcomes.funds.len();
        GoalForm::ALL
            .into_iter()
            .chain(funds.clone().map(GoalForm::FundShare))
            .chain(funds.map(GoalForm::FundAmount))
            .collect()
    }

    /// The form's key in the goal grammar: the whole goal when it takes no figure (`band=outstanding`,
    /// `not-interviewed`), else the part before the figure (`rank<=`, `share:fiscal>=`).
    pub fn key(self, scheme: &Scheme) -> String {
        let fund = |f: usize| scheme.rules.outcomes.funds.get(f).map_or("", |fund| fund.id.as_str());
        match self {
            GoalForm::FundShare(f) => format!("share:{}>=", fund(f)),
            GoalForm::FundAmount(f) => format!("amount:{}>=", fund(f)),
            form => form.pattern(),
        }
    }

    /// The key with `FUND` in place of a fund's id: the same for every scheme.
    fn pattern(self) -> String {
        match self {
            GoalForm::FundShare(_) => "share:FUND>=".to_owned(),
            GoalForm::FundAmount(_) => "amount:FUND>=".to_owned(),
            GoalForm::Band(band) => format!("band={}", band.key()),
            GoalForm::NotInterviewed => "not-interviewed".to_owned(),
            GoalForm::Rank => "rank<=".to_owned(),
            GoalForm::Total => "total>=".to_owned(),
            GoalForm::Share => "share>=".to_owned(),
            GoalForm::Composite => "composite>=".to_owned(),
            GoalForm::Above => "above=".to_owned(),
        }
    }

    /// The form as the grammar describes it, for messages (`rank<=N`, `share:FUND>=P`).
    fn syntax(self) -> String {
        let key = self.pattern();
        match self.figure() {
            None => key,
            Some(GoalFigure::Rank) => format!("{key}N"),
            Some(GoalFigure::Bank) => format!("{key}BANK"),
            Some(GoalFigure::Percent) => format!("{key}P"),
            Some(GoalFigure::Amount) => format!("{key}A"),
            Some(GoalFigure::Points) if self == GoalForm::Total => format!("{key}S"),
            Some(GoalFigure::Points) => format!("{key}C"),
        }
    }

    /// The figure the form takes, if any.
    pub fn figure(self) -> Option<GoalFigure> {
        match self {
            GoalForm::Band(_) | GoalForm::NotInterviewed => None,
            GoalForm::Rank => Some(GoalFigure::Rank),
            GoalForm::Total | GoalForm::Composite => Some(GoalFigure::Points),
            GoalForm::Share | GoalForm::FundShare(_) => Some(GoalFigure::Percent),
            GoalForm::Above => Some(GoalFigure::Bank),
            GoalForm::FundAmount(_) => Some(GoalFigure::Amount),
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
            GoalForm::FundShare(f) => format!("{}存放占比达到……", fund_name_at(scheme, f)),
            GoalForm::FundAmount(f) => format!("{}存放金额达到……", fund_name_at(scheme, f)),
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
            GoalFigure::Amount => "存放金额（亿元）",
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
        let key = self.key(scheme);
        let text = if self.figure().is_some() { format!("{key}{figure}") } else { key };
        Goal::parse(&text, scheme).map_err(|_| match self.figure() {
            Some(GoalFigure::Rank) => format!("名次须为 1 至 {} 之间的整数", scheme.banks.len()),
            Some(GoalFigure::Percent) => "存放占比须在 0 至 100 之间".to_owned(),
            Some(GoalFigure::Points) => "请填写数字，如 120".to_owned(),
            Some(GoalFigure::Bank) => format!("没有代码为 “{figure}” 的银行"),
            Some(GoalFigure::Amount) => "存放金额须为不小于 0 的数字（亿元）".to_owned(),
            None => format!("目标“{text}”无法识别"),
        })
    }
}

impl Goal {
    /// The goal grammar, for messages: every form as the command line writes it (a fund's forms once,
    /// with `FUND` for its id).
    pub fn grammar() -> String {
        let mut forms: Vec<String> = Vec::new();
        let bands: Vec<&str> =
            GoalForm::ALL.iter().filter_map(|f| if let GoalForm::Band(b) = f { Some(b.key()) } else { None }).collect();
        // A fund's forms once, whatever the scheme's funds: their syntax says FUND.
        for form in GoalForm::ALL.into_iter().chain([GoalForm::FundShare(0), GoalForm::FundAmount(0)]) {
            match form {
                GoalForm::Band(Band::Outstanding) => forms.push(format!("band={}", bands.join("|"))),
                GoalForm::Band(_) => {}
                form => forms.push(form.syntax()),
            }
        }
        forms.join(", ")
    }

    /// The form of the goal; `None` for a fund the scheme does not have.
    pub fn form(&self, scheme: &Scheme) -> Option<GoalForm> {
        Some(match self {
            Goal::Rank(_) => GoalForm::Rank,
            Goal::Band(band) => GoalForm::Band(*band),
            Goal::NotInterviewed => GoalForm::NotInterviewed,
            Goal::Total(_) => GoalForm::Total,
            Goal::Share(_) => GoalForm::Share,
            Goal::Composite(_) => GoalForm::Composite,
            Goal::Above(_) => GoalForm::Above,
            Goal::FundShare(id, _) => GoalForm::FundShare(scheme.rules.outcomes.fund_index(id)?),
            Goal::FundAmount(id, _) => GoalForm::FundAmount(scheme.rules.outcomes.fund_index(id)?),
        })
    }

    /// The figure of the goal as a box shows it (`3`, `7.5`, `adbc`); empty for a form without one.
    pub fn figure(&self) -> String {
        match self {
            Goal::Band(_) | Goal::NotInterviewed => String::new(),
            Goal::Rank(n) => n.to_string(),
            Goal::Total(v) | Goal::Share(v) | Goal::Composite(v) | Goal::FundShare(_, v) | Goal::FundAmount(_, v) => {
                v.normalize().to_string()
            }
            Goal::Above(id) => id.clone(),
        }
    }

    /// Reads `rank<=N`, `band=outstanding|positive|general`, `not-interviewed`, `total>=S`,
    /// `share>=P`, `composite>=C`, `above=BANK`, `share:FUND>=P` or `amount:FUND>=A`. A rank is at most
    /// the number of banks.
    pub fn parse(text: &str, scheme: &Scheme) -> Result<Goal, Error> {
        let bad = || Error::Goal { text: text.to_owned(), expected: Goal::grammar() };
        let t = text.trim();
        let number = |s: &str| crate::values::parse_exact(s.trim()).map_err(|_| bad());
        // `share:fiscal>=10`, `amount:fiscal>=5`: one fund, named by its id.
        let fund_goal = |rest: &str| -> Result<(String, Decimal), Error> {
            let (id, value) = rest.split_once(">=").ok_or_else(bad)?;
            let id = id.trim();
            scheme.rules.outcomes.fund_index(id).ok_or_else(bad)?;
            Ok((id.to_owned(), number(value.trim().trim_end_matches(['%', '亿', '元']))?))
        };
        if let Some(rest) = t.strip_prefix("share:") {
            let (id, p) = fund_goal(rest)?;
            return if p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED {
                Ok(Goal::FundShare(id, p))
            } else {
                Err(bad())
            };
        }
        if let Some(rest) = t.strip_prefix("amount:") {
            let (id, a) = fund_goal(rest)?;
            return if a >= Decimal::ZERO { Ok(Goal::FundAmount(id, a)) } else { Err(bad()) };
        }
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
            Goal::FundShare(fund, p) => format!("share:{fund}>={}", p.normalize()),
            Goal::FundAmount(fund, a) => format!("amount:{fund}>={}", a.normalize()),
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
            Goal::FundShare(fund, p) => format!("使{}存放占比达到 {}%", fund_name(scheme, fund), format_fixed2(*p)),
            Goal::FundAmount(fund, a) => {
                format!("使{}存放金额达到 {}", fund_name(scheme, fund), format_amount(*a, "亿元"))
            }
        }
    }

    /// The fund a goal names, by its index in the scheme's `outcomes.funds`.
    pub fn fund(&self, scheme: &Scheme) -> Option<usize> {
        match self {
            Goal::FundShare(id, _) | Goal::FundAmount(id, _) => scheme.rules.outcomes.fund_index(id),
            _ => None,
        }
    }

    /// The bank's share and amount of the fund the goal names, in an evaluation.
    fn fund_figures(&self, scheme: &Scheme, evaluation: &Evaluation, bank: usize) -> Option<FundShare> {
        let fund = self.fund(scheme)?;
        evaluation.fund_placement(scheme, fund).banks.get(bank).copied()
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
            Goal::FundShare(_, p) => {
                self.fund_figures(scheme, evaluation, bank).and_then(|f| f.share_pct).is_some_and(|s| s >= *p)
            }
            Goal::FundAmount(_, a) => {
                self.fund_figures(scheme, evaluation, bank).and_then(|f| f.amount).is_some_and(|s| s >= *a)
            }
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
            Goal::FundShare(_, p) => self.fund_figures(scheme, evaluation, bank)?.share_pct.map(|s| s - *p),
            // No amount for the fund: no distance, and the goal is never met.
            Goal::FundAmount(_, a) => self.fund_figures(scheme, evaluation, bank)?.amount.map(|s| s - *a),
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

/// A fund's name (`财政专户资金`), or its id when the scheme does not have it.
pub(crate) fn fund_name(scheme: &Scheme, id: &str) -> String {
    let funds = &scheme.rules.outcomes.funds;
    funds.iter().find(|f| f.id == id).map_or_else(|| id.to_owned(), |f| f.name.clone())
}

/// The name of the fund at an index of the scheme's `outcomes.funds`.
fn fund_name_at(scheme: &Scheme, fund: usize) -> &str {
    scheme.rules.outcomes.funds.get(fund).map_or("", |f| f.name.as_str())
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
            "share:fiscal>=10",
            "amount:provident>=2.5",
            "amount:other>=0",
        ] {
            let goal = Goal::parse(text, scheme).expect(text);
            assert_eq!(goal.key(), text);
        }
        for bad in [
            "rank<=0",
            "rank<=x",
            "band=bottom",
            "share>=101",
            "above=hsbc",
            "total>=1,0",
            "top3",
            "",
            "share:tax>=10",
            "share:fiscal>=101",
            "share:fiscal",
            "amount:fiscal>=-1",
            "amount:>=1",
        ] {
            assert!(Goal::parse(bad, scheme).is_err(), "{bad} is refused");
        }
        assert_eq!(Goal::parse("share>=7.5%", scheme), Ok(Goal::Share(Decimal::new(75, 1))));
        assert_eq!(
            Goal::parse("share:fiscal>=7.5%", scheme),
            Ok(Goal::FundShare("fiscal".to_owned(), Decimal::new(75, 1)))
        );
        assert_eq!(
            Goal::parse(" amount:provident >= 3亿 ", scheme),
            Ok(Goal::FundAmount("provident".to_owned(), Decimal::from(3)))
        );
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
            Some(GoalFigure::Amount) => "2.5",
        };
        let forms = GoalForm::all(scheme);
        assert_eq!(forms.len(), GoalForm::ALL.len() + 2 * scheme.rules.outcomes.funds.len());
        for form in forms {
            let goal = form.goal(figures(form), scheme).unwrap_or_else(|e| panic!("{form:?}: {e}"));
            assert_eq!(goal.form(scheme), Some(form));
            assert_eq!(goal.figure(), figures(form), "{form:?}");
            assert!(!form.label(scheme).is_empty());
        }
        assert_eq!(
            Goal::grammar(),
            "band=outstanding|positive|general, not-interviewed, rank<=N, total>=S, share>=P, composite>=C, above=BANK, \
             share:FUND>=P, amount:FUND>=A"
        );
        assert_eq!(GoalForm::FundShare(0).key(scheme), "share:fiscal>=");
        assert_eq!(GoalForm::FundAmount(2).label(scheme), "住房公积金存放金额达到……");
        assert_eq!(GoalForm::FundAmount(2).goal("-1", scheme), Err("存放金额须为不小于 0 的数字（亿元）".to_owned()));
        assert_eq!(GoalForm::Rank.goal("20", scheme), Err("名次须为 1 至 16 之间的整数".to_owned()));
        assert_eq!(GoalForm::Share.goal("", scheme), Err("请填写存放占比（%）".to_owned()));
        assert_eq!(GoalForm::Above.goal("", scheme), Err("请选择要超过的银行".to_owned()));
        assert_eq!(GoalForm::Band(Band::Outstanding).label(scheme), "进入贡献突出单位");
    }
}
