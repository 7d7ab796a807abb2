//! 目标测算: a branch manager's questions, which run backwards from a goal to the lending that reaches
//! it. "What must we lend to reach the top three, to get off the last three, to reach 100 points?",
//! "which lending earns most per 亿?", "how much can the bank below us gain before it passes us?",
//! "where do we land if the others beat their tasks?".
//!
//! A spreadsheet's Goal Seek fails here: score → rank → band is a step function, caps make targets
//! unreachable, and a bank's own lending moves the city averages the others are scored against. So
//! every answer is worked out by scoring whole scenarios with [`evaluate`](crate::evaluate):
//!
//! - [`solve`]: the smallest amount of a [`Lever`] (to 0.01亿元, or 1 for counts) that reaches a
//!   [`Goal`], every other figure as it is and the city averages recomputed from the scenario; with
//!   the rank and band actually reached there (ties make cliffs), or the reason it is out of reach;
//! - [`margins`]: each rival's point gap, the lending that would take a rival past us or us past it,
//!   and how far the band above and the interview line are;
//! - [`marginal`]: points and deposit share per +1亿 of each kind of lending, with the caps and tasks
//!   that make the difference;
//! - [`Simulation`]: the distribution of our rank when the rivals' lending is drawn around their tasks;
//! - [`sensitivity`]: total and rank against one lever, for a chart;
//! - [`next_band_answer`] and [`loans_for_rank`]: the loan balance that reaches the next band, as the
//!   page's summary and `kaoping explain` show it.
//!
//! Every function here is pure, like the engine: no I/O, no panics, no floating point.

mod goal;
mod lever;
mod marginal;
mod margins;
mod next_band;
mod rivals;
mod search;
mod sensitivity;
mod simulate;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

pub use goal::{Goal, GoalFigure, GoalForm};
pub use lever::{all_levers, common_kinds, wholes_of, Lever, Start};
pub use marginal::{marginal, ItemEffect, ItemState, Marginal, MarginalRow};
pub use margins::{margins, Margins, RivalMargin};
pub use next_band::{loans_for_rank, next_band, next_band_answer, LoanTarget, NextBandAnswer};
pub use rivals::{RivalLines, RivalUnentered, Rivals};
pub use sensitivity::{chart_range, sensitivity, sensitivity_around, Sensitivity, SensitivityPoint};
pub use simulate::{simulate, Simulation, SimulationSpec, SimulationSummary};

use crate::document::Scenario;
use crate::evaluation::{Against, BankResult, Evaluation, ItemScore, Working};
use crate::fields::{Field, Unit};
use crate::format::{format_amount, format_fixed2};
use crate::items::Item;
use crate::readings::CityField;
use crate::scheme::Scheme;
use crate::standing::{FundStanding, Standing};

/// The solve answer's file format.
pub const SOLVE_FORMAT: &str = "kaoping-solve/1";

/// What the solver found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Already there with the figures as they are.
    Reached,
    /// The smallest amount of the lever that reaches the goal.
    Needs {
        /// The amount added (the loan, for a lever on several lines), 亿元 or a count.
        more: Decimal,
        /// The first figure of the lever at that amount.
        to: Decimal,
        /// Where the bank stands there.
        at: Standing,
    },
    /// No amount of the lever reaches the goal.
    OutOfReach {
        /// The best the bank reaches with the lever (at the figure's bound).
        best: Standing,
        /// The first figure's value from which the bank's own total stops rising, if it does.
        levels_off: Option<Decimal>,
        /// The lever's items whose bonus is capped there.
        capped: Vec<Item>,
        /// The lever's items that cannot score at all, and why (a figure missing, a zero base).
        blocked: Vec<(Item, String)>,
        /// For goals about places: the banks still above (or, for the interview line, the count
        /// of banks below is in `best`).
        above: Vec<String>,
    },
    /// The bank is disqualified (一票否决) or not a bank of the scheme.
    NotRanked,
}

impl Outcome {
    /// `reached`, `needs`, `out_of_reach` or `not_ranked`.
    pub fn key(&self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::Needs { .. } => "needs",
            Outcome::OutOfReach { .. } => "out_of_reach",
            Outcome::NotRanked => "not_ranked",
        }
    }
}

/// Something the answer should say beside the figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A named figure is part of others, which the loan also adds to.
    WholesAdded {
        /// The figures added.
        added: Vec<Field>,
    },
    /// A lever figure not entered starts from 0.
    StartsAtZero {
        /// The figure.
        field: Field,
    },
    /// A part of a loan line is above its whole (中小微 above 各项贷款).
    PartExceedsWhole {
        /// The part.
        part: Field,
        /// Its value.
        part_value: Decimal,
        /// The whole.
        whole: Field,
        /// Its value.
        whole_value: Decimal,
    },
    /// The answer more than doubles a figure.
    MoreThanDoubles {
        /// The figure.
        field: Field,
        /// Its start.
        from: Decimal,
        /// Its value at the answer.
        to: Decimal,
    },
    /// The last step earned the bank nothing: the goal was reached only because its lending raised
    /// a city average, so the others lost growth points.
    OthersLosePoints {
        /// The lever's items already capped.
        capped: Vec<Item>,
    },
    /// The goal's quantity did not move one way along the search, so the answer was scanned.
    NotMonotone {
        /// The coarsest stride of the scan in the lever's unit when it had to stride (the answer is
        /// then the smallest found, not provably the smallest); `None` when every step was scanned.
        stride: Option<Decimal>,
    },
    /// A city figure the lever moves is worked out from fewer than half of the banks.
    ThinCityFigure {
        /// The figure.
        field: CityField,
        /// How many banks it comes from.
        banks: usize,
    },
    /// The rivals are not taken as entered: an assumption is in force.
    Assumed {
        /// The assumption.
        rivals: Rivals,
    },
}

impl Note {
    /// The note in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Note::WholesAdded { added } => format!(
                "这笔贷款同时计入{}：测算时同额增加，分项不会超过总额",
                added.iter().map(|f| f.spec().short).collect::<Vec<_>>().join("、")
            ),
            Note::StartsAtZero { field } => format!("{}未填写，按 0 起算", field.label()),
            Note::PartExceedsWhole { part, part_value, whole, whole_value } => format!(
                "{}（{}）超过{}（{}），请核对所填数字",
                part.spec().short,
                format_amount(*part_value, "亿元"),
                whole.spec().short,
                format_amount(*whole_value, "亿元")
            ),
            Note::MoreThanDoubles { field, from, to } => format!(
                "需把{}从 {} 提高到 {}，增加一倍以上，请判断是否现实",
                field.spec().short,
                amount_text(*from, field.unit()),
                amount_text(*to, field.unit())
            ),
            Note::OthersLosePoints { capped } => {
                let capped = if capped.is_empty() {
                    String::new()
                } else {
                    format!("（{}加分已封顶）", items_text(capped))
                };
                format!("最后一步本行没有加分{capped}：目标是靠本行放款抬高全市平均、使他行相应得分下降才达到的")
            }
            Note::NotMonotone { stride: Some(stride) } => format!(
                "沿测算方向名次（或得分）并非单调，改为扫描（先按 {} 一档粗扫，再逐档细扫）；答案是扫描到的最小值",
                stride.normalize()
            ),
            Note::NotMonotone { stride: None } => {
                "沿测算方向名次（或得分）并非单调，改为逐档扫描，没有用二分法".to_owned()
            }
            Note::ThinCityFigure { field, banks } => format!(
                "{}只由 {banks} 家银行的数据推算（不足半数），结果不可靠，可在“规则与设置”中填入官方数字",
                field.label()
            ),
            Note::Assumed { rivals } => format!("他行假设：{}", rivals.zh()),
        }
    }
}

/// The answer to "how much of this lever reaches this goal?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The bank's id.
    pub bank: String,
    /// The lever.
    pub lever: Lever,
    /// The goal.
    pub goal: Goal,
    /// The assumptions about the other banks.
    pub rivals: Rivals,
    /// Where the lever's first figure starts.
    pub from: Start,
    /// Where each figure of the lever starts, in the lever's order.
    pub starts: Vec<Start>,
    /// Where the bank stands now (`None` when it is not a bank of the scheme).
    pub now: Option<Standing>,
    /// What was found.
    pub outcome: Outcome,
    /// What to say beside it.
    pub notes: Vec<Note>,
    /// How many scenarios were scored.
    pub evaluations: u32,
}

impl Answer {
    /// The amount added, when one is needed.
    pub fn more(&self) -> Option<Decimal> {
        match self.outcome {
            Outcome::Needs { more, .. } => Some(more),
            _ => None,
        }
    }

    /// The first figure's value at the answer, when one is needed.
    pub fn to(&self) -> Option<Decimal> {
        match self.outcome {
            Outcome::Needs { to, .. } => Some(to),
            _ => None,
        }
    }

    /// The figures to enter to apply the answer: each figure of the lever at its start plus the
    /// amount found (empty unless a figure is needed).
    pub fn entries(&self) -> Vec<(Field, Decimal)> {
        let Outcome::Needs { more, .. } = self.outcome else { return Vec::new() };
        self.lever.fields().iter().zip(&self.starts).map(|(f, s)| (*f, to_the_yuan(s.value() + more))).collect()
    }

    /// The answer in one Chinese sentence (the notes are separate: [`Note::zh`]).
    pub fn zh(&self, scheme: &Scheme) -> String {
        let goal = self.goal.zh(scheme);
        let label = self.lever.label();
        let first = self.lever.first();
        match &self.outcome {
            Outcome::Reached => match &self.now {
                Some(now) => format!("已经达到目标（{goal}）：目前{}", with_fund(now, scheme)),
                None => format!("已经达到目标（{goal}）"),
            },
            Outcome::NotRanked => match self.now {
                Some(_) => format!("{}被一票否决，不参与排名，无从测算", goal::short_name(scheme, &self.bank)),
                None => format!("没有代码为“{}”的银行", self.bank),
            },
            Outcome::Needs { more, to, at } => {
                let how = if self.lever.fields().len() == 1 {
                    format!(
                        "{}达到 {}（再增 {}）",
                        first.spec().short,
                        amount_text(*to, first.unit()),
                        amount_text(*more, first.unit())
                    )
                } else {
                    format!(
                        "再投放 {}{label}（{}达到 {}）",
                        amount_text(*more, first.unit()),
                        first.spec().short,
                        amount_text(*to, first.unit())
                    )
                };
                format!("{how}可{goal}：届时{}（其他数据不变）", with_fund(at, scheme))
            }
            Outcome::OutOfReach { best, .. }
                if matches!(self.goal, Goal::FundAmount(..)) && best.fund.is_some_and(|f| f.amount.is_none()) =>
            {
                let fund = self.goal.fund(scheme).and_then(|f| scheme.rules.outcomes.funds.get(f));
                let name = fund.map_or("该项资金", |f| f.name.as_str());
                format!("无法测算（{goal}）：没有填写{name}的存放金额，请先填写该项资金的金额")
            }
            Outcome::OutOfReach { best, levels_off, capped, blocked, above } => {
                let mut parts: Vec<String> = Vec::new();
                if !capped.is_empty() {
                    parts.push(format!("本行{}的加分已封顶", items_text(capped)));
                }
                for (item, why) in blocked {
                    parts.push(format!("{}{why}", item.title()));
                }
                let total = best.total.map_or_else(|| "—".to_owned(), format_fixed2);
                match levels_off {
                    Some(v) if self.from.value() >= *v => {
                        parts.push(format!("再多投放也不加分，本行总分最高即目前的 {total}"))
                    }
                    Some(v) => parts.push(format!(
                        "本行总分最高 {total}（{}达到 {}后不再增加）",
                        first.spec().short,
                        amount_text(*v, first.unit())
                    )),
                    None => parts.push(format!("本行总分最高 {total}")),
                }
                match &self.goal {
                    Goal::Total(s) => parts.push(format!("低于目标 {}", format_fixed2(*s))),
                    Goal::Share(_) => parts.push(format!("存放占比最高 {}%", format_fixed2(best.share_pct))),
                    Goal::Composite(_) => parts.push(format!("存放综合评分最高 {}", format_fixed2(best.composite))),
                    Goal::FundShare(..) | Goal::FundAmount(..) => {
                        parts.extend(best.fund_zh(scheme).map(|text| format!("最多{text}")))
                    }
                    Goal::NotInterviewed => {
                        parts.push(format!("{}本行仍是倒数第 {} 名", self.even_if(), best.from_bottom.unwrap_or(0)))
                    }
                    Goal::Rank(_) | Goal::Band(_) | Goal::Above(_) if !above.is_empty() => {
                        let names: Vec<String> = above.iter().map(|id| goal::short_name(scheme, id)).collect();
                        let how = if matches!(self.goal, Goal::Above(_)) { "不低于" } else { "高于" };
                        parts.push(format!("{}{}的总分仍{how}本行", self.even_if(), names.join("、")));
                    }
                    _ => {}
                }
                format!("仅靠增加{label}无法{goal}：{}", parts.join("；"))
            }
        }
    }

    /// "Even if the others lose growth points", when the lever moves a city average they are scored
    /// against; nothing otherwise.
    fn even_if(&self) -> &'static str {
        let moves_average = CityField::ALL.into_iter().any(|f| self.lever.items().contains(&f.item()));
        if moves_average {
            "即使本行放款抬高全市平均、使他行相应得分降到最低，"
        } else {
            ""
        }
    }

    /// The answer as a `kaoping-solve/1` object: `to`, `more` and `result` only when a figure is
    /// needed; decimals as strings; `from` and `to` are the first figure's.
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        let unit = self.lever.unit();
        let mut out = Map::new();
        out.insert("format".to_owned(), Value::from(SOLVE_FORMAT));
        out.insert("bank".to_owned(), Value::from(self.bank.clone()));
        out.insert("lever".to_owned(), self.lever.fields().iter().map(|f| Value::from(f.key())).collect());
        out.insert("goal".to_owned(), Value::from(self.goal.key()));
        out.insert("status".to_owned(), Value::from(self.outcome.key()));
        out.insert("from".to_owned(), figure(self.from.value(), unit));
        let source = match self.from {
            Start::Entered(_) => "entered",
            Start::OnTask(_) => "on_task",
            Start::Zero => "zero",
        };
        out.insert("from_source".to_owned(), Value::from(source));
        if let Outcome::Needs { more, to, at } = &self.outcome {
            out.insert("to".to_owned(), figure(*to, unit));
            out.insert("more".to_owned(), figure(*more, unit));
            out.insert("result".to_owned(), at.to_value());
        }
        if let Some(now) = &self.now {
            out.insert("now".to_owned(), now.to_value());
        }
        out.insert("reason".to_owned(), Value::from(self.zh(scheme)));
        out.insert("notes".to_owned(), self.notes.iter().map(|n| Value::from(n.zh())).collect());
        out.insert("evaluations".to_owned(), Value::from(self.evaluations));
        Value::Object(out)
    }
}

/// A standing in words, with its part of a fund when it has one.
fn with_fund(standing: &Standing, scheme: &Scheme) -> String {
    match standing.fund_zh(scheme) {
        Some(fund) => format!("{}，{fund}", standing.zh()),
        None => standing.zh(),
    }
}

/// A figure the solver sets, to the yuan (8 decimals of 亿元, what an [`Amount`](crate::Amount) holds),
/// rounded up so that an on-task figure never falls below its task.
pub(crate) fn to_the_yuan(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(8, rust_decimal::RoundingStrategy::AwayFromZero)
}

/// A decimal as an exact JSON string, trailing zeros dropped.
pub(crate) fn exact(value: Decimal) -> Value {
    Value::String(value.normalize().to_string())
}

/// A lever figure as a JSON string: amounts with at least two decimals (`300.00`), counts whole.
pub(crate) fn figure(value: Decimal, unit: Unit) -> Value {
    if unit != Unit::Yi {
        return exact(value);
    }
    let mut v = value.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    Value::String(v.to_string())
}

/// A figure with its unit for a sentence: `12.47 亿元`, `15 户`.
pub(crate) fn amount_text(value: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Yi => format_amount(value, "亿元"),
        other => format!("{} {}", value.normalize(), other.symbol()),
    }
}

/// Items as `贷款增量、贷款增速`.
pub(crate) fn items_text(items: &[Item]) -> String {
    items.iter().map(|i| i.title()).collect::<Vec<_>>().join("、")
}

/// Whether an item is at its ceiling: its bonus at the cap (exactly at it counts: more adds nothing),
/// or all it can earn from the figures earned.
pub(crate) fn at_ceiling(score: &ItemScore, scheme: &Scheme) -> bool {
    let rules = &scheme.rules.items;
    let bonus_cap = match score.item {
        Item::SmeCustomers => Some(rules.sme_customers.bonus_cap.value),
        item => marginal::scale_rule(rules, item).map(|r| r.bonus_cap.value),
    };
    let cap = match score.item {
        Item::SmeRate => Some(rules.sme_rate.cap.value),
        Item::CarbonProducts => Some(rules.carbon_products.cap.value),
        Item::PlatformBonds => Some(rules.platform_bonds.cap.value),
        Item::Npl => Some(rules.npl.cap.value),
        Item::Guarantee => Some(rules.guarantee.cap.value),
        Item::Tech => Some(rules.tech.item_cap.value),
        Item::Pension => Some(rules.pension.item_cap.value),
        _ => None,
    };
    match &score.working {
        Working::Task { against: Against::Reached { bonus, .. }, .. }
        | Working::Bar { against: Against::Reached { bonus, .. }, .. } => bonus_cap.is_some_and(|c| *bonus >= c),
        Working::Growth(g) => bonus_cap.is_some_and(|c| g.adjustment >= c),
        Working::Steps { .. } | Working::Rate { .. } | Working::Npl { .. } | Working::Guarantee(_) => {
            cap.is_some_and(|c| score.points >= c)
        }
        Working::Tech { loan_points, .. } => {
            cap.is_some_and(|c| score.points >= c) || *loan_points >= rules.tech.full.value
        }
        Working::Pension { average_points, top_points, .. } => {
            cap.is_some_and(|c| score.points >= c)
                || (*average_points >= rules.pension.full.value && *top_points >= rules.pension.top_points.value)
        }
        _ => false,
    }
}

/// Why an item cannot score from the lever at all, if it cannot.
pub(crate) fn blocked(score: &ItemScore, lever: &Lever) -> Option<String> {
    match &score.working {
        Working::Missing { fields } => {
            let others: Vec<&str> = fields.iter().filter(|f| !lever.fields().contains(f)).map(|f| f.label()).collect();
            (!others.is_empty()).then(|| format!("还缺少{}，无从计分", others.join("、")))
        }
        Working::Undefined { reason } => Some(format!("无法计分：{reason}")),
        _ => None,
    }
}

/// The city figures an item set depends on that are worked out from fewer than half of the banks.
pub(crate) fn thin_city_figures(scheme: &Scheme, evaluation: &Evaluation, items: &[Item]) -> Vec<Note> {
    CityField::ALL
        .into_iter()
        .filter(|f| items.contains(&f.item()))
        .filter_map(|field| {
            let figure = field.figure(&evaluation.city);
            let thin = !figure.typed_in && figure.value.is_some() && figure.banks * 2 < scheme.banks.len();
            thin.then_some(Note::ThinCityFigure { field, banks: figure.banks })
        })
        .collect()
}

/// One bank's scenario with a lever applied, scored under the rivals' assumptions.
#[derive(Debug)]
pub(crate) struct Trial<'a> {
    pub scheme: &'a Scheme,
    /// The scenario with the rivals' lines as assumed.
    pub base: Scenario,
    pub id: String,
    pub index: usize,
    pub lever: &'a Lever,
    pub starts: Vec<Start>,
    pub rivals: Rivals,
    /// The bank whose view the assumptions take (the others are its rivals): usually `index`.
    pub reference: usize,
    /// The evaluation with nothing added.
    pub now: Evaluation,
    /// How many scenarios were scored.
    pub evaluations: std::cell::Cell<u32>,
}

impl<'a> Trial<'a> {
    /// Sets up a lever for a bank, the assumptions taken from the view of `reference` (by index, our
    /// bank; `None` for `bank` itself): `None` when the scheme has no such bank.
    pub fn new(
        scheme: &'a Scheme,
        scenario: &Scenario,
        bank: &str,
        lever: &'a Lever,
        rivals: Rivals,
        reference: Option<usize>,
    ) -> Option<Self> {
        let index = scheme.bank_index(bank)?;
        let reference = reference.unwrap_or(index);
        let base = rivals.prepare(scheme, scenario, reference);
        let now = rivals.assess(scheme, &base, reference);
        Trial::prepared(scheme, base, now, bank, lever, rivals, reference)
    }

    /// Sets up a lever on a scenario already prepared for the assumptions and scored (`now`), for
    /// callers that try many levers on one scenario.
    pub fn prepared(
        scheme: &'a Scheme,
        base: Scenario,
        now: Evaluation,
        bank: &str,
        lever: &'a Lever,
        rivals: Rivals,
        reference: usize,
    ) -> Option<Self> {
        let index = scheme.bank_index(bank)?;
        let figures = now.banks.get(index)?.figures;
        let starts = lever.starts(base.bank(bank), &figures);
        Some(Trial {
            scheme,
            base,
            id: bank.to_owned(),
            index,
            lever,
            starts,
            rivals,
            reference,
            now,
            evaluations: std::cell::Cell::new(1),
        })
    }

    /// The bank's result now.
    pub fn result(&self) -> Option<&BankResult> {
        self.now.banks.get(self.index)
    }

    /// The scenario with `amount` added by the lever.
    pub fn scenario_with(&self, amount: Decimal) -> Scenario {
        let mut s = self.base.clone();
        self.lever.apply(&mut s, &self.id, &self.starts, amount);
        s
    }

    /// Scores the scenario with `amount` added.
    pub fn with(&self, amount: Decimal) -> Evaluation {
        self.evaluations.set(self.evaluations.get().saturating_add(1));
        self.rivals.assess(self.scheme, &self.scenario_with(amount), self.reference)
    }

    /// Scores the scenario with `ticks` steps added.
    pub fn at(&self, ticks: u64) -> Evaluation {
        self.with(self.lever.amount(ticks))
    }

    /// The first figure's value at `amount` added.
    pub fn first_at(&self, amount: Decimal) -> Decimal {
        self.starts.first().map_or(Decimal::ZERO, |s| s.value()) + amount
    }

    /// Where the first step for doubling starts: 1亿, or 10 of a count.
    pub fn first_ticks(&self) -> u64 {
        if self.lever.is_whole() {
            10
        } else {
            100
        }
    }

    /// The notes that follow from the lever and the start alone.
    fn lever_notes(&self) -> Vec<Note> {
        let mut notes = Vec::new();
        if !self.lever.added().is_empty() {
            notes.push(Note::WholesAdded { added: self.lever.added().to_vec() });
        }
        for (field, start) in self.lever.fields().iter().zip(&self.starts) {
            if *start == Start::Zero {
                notes.push(Note::StartsAtZero { field: *field });
            }
        }
        notes.extend(thin_city_figures(self.scheme, &self.now, &self.lever.items()));
        if !self.rivals.is_default() {
            notes.push(Note::Assumed { rivals: self.rivals });
        }
        notes
    }

    /// A part above its whole in an evaluation of this bank.
    fn parts_above_wholes(&self, evaluation: &Evaluation, scenario: &Scenario) -> Vec<Note> {
        let Some(result) = evaluation.banks.get(self.index) else { return Vec::new() };
        let input = scenario.bank(&self.id);
        let value = |f: Field| match Start::of(f, input, &result.figures) {
            Start::Zero => None,
            s => Some(s.value()),
        };
        lever::part_whole_pairs()
            .filter(|(part, _)| self.lever.fields().contains(part))
            .filter_map(|(part, whole)| match (value(part), value(whole)) {
                (Some(p), Some(w)) if p > w => {
                    Some(Note::PartExceedsWhole { part, part_value: p, whole, whole_value: w })
                }
                _ => None,
            })
            .collect()
    }
}

/// The smallest amount of `lever` that brings `bank` to `goal`, every other figure as it is, the city
/// averages recomputed from each scenario tried, and the rivals as `rivals` assumes. See [`Answer`].
pub fn solve(scheme: &Scheme, scenario: &Scenario, bank: &str, lever: &Lever, goal: &Goal, rivals: Rivals) -> Answer {
    solve_from(scheme, scenario, bank, lever, goal, rivals, None)
}

/// [`solve`], the assumptions about the other banks taken from the view of `reference` (our bank,
/// by index) when the solver runs on a rival.
pub(crate) fn solve_from(
    scheme: &Scheme,
    scenario: &Scenario,
    bank: &str,
    lever: &Lever,
    goal: &Goal,
    rivals: Rivals,
    reference: Option<usize>,
) -> Answer {
    let unknown = || Answer {
        bank: bank.to_owned(),
        lever: lever.clone(),
        goal: goal.clone(),
        rivals,
        from: Start::Zero,
        starts: Vec::new(),
        now: None,
        outcome: Outcome::NotRanked,
        notes: Vec::new(),
        evaluations: 0,
    };
    let Some(trial) = Trial::new(scheme, scenario, bank, lever, rivals, reference) else { return unknown() };
    let Some(result) = trial.result() else { return unknown() };
    let now = standing(scheme, goal, &trial.now, trial.index, result);
    let mut answer = Answer {
        bank: bank.to_owned(),
        lever: lever.clone(),
        goal: goal.clone(),
        rivals,
        from: trial.starts.first().copied().unwrap_or(Start::Zero),
        starts: trial.starts.clone(),
        now: Some(now),
        outcome: Outcome::NotRanked,
        notes: trial.lever_notes(),
        evaluations: 1,
    };
    if !result.is_ranked() {
        return answer;
    }
    // An amount of a fund whose amount the scenario does not give: nothing to search for.
    if matches!(goal, Goal::FundAmount(..)) && now.fund.is_some_and(|f| f.amount.is_none()) {
        answer.outcome = Outcome::OutOfReach {
            best: now,
            levels_off: None,
            capped: Vec::new(),
            blocked: Vec::new(),
            above: Vec::new(),
        };
        return answer;
    }
    if goal.met(scheme, &trial.now, trial.index) {
        answer.outcome = Outcome::Reached;
        answer.notes.extend(trial.parts_above_wholes(&trial.now, &trial.base));
        answer.evaluations = trial.evaluations.get();
        return answer;
    }
    let max = lever.max_ticks(&trial.starts);
    let probe = |e: &Evaluation| search::Probe {
        met: goal.met(scheme, e, trial.index),
        progress: goal.progress(scheme, e, trial.index),
    };
    // With every figure starting where the scenario has it, no step is the scenario as it is.
    let zero = trial.starts.iter().all(|s| *s != Start::Zero).then(|| probe(&trial.now));
    let found = search::smallest(trial.first_ticks(), max, zero, |k| probe(&trial.at(k)));
    if !found.monotone {
        let stride = (found.stride > 1).then(|| lever.amount(found.stride));
        answer.notes.push(Note::NotMonotone { stride });
    }
    answer.outcome = match found.steps {
        Some(k) => needs(&trial, goal, k, &mut answer.notes),
        None => out_of_reach(&trial, goal, max),
    };
    answer.evaluations = trial.evaluations.get();
    answer
}

/// Where the bank (by index) stands in an evaluation, with its part of the fund the goal names.
fn standing(scheme: &Scheme, goal: &Goal, evaluation: &Evaluation, index: usize, result: &BankResult) -> Standing {
    let now = Standing::of(result);
    let Some(fund) = goal.fund(scheme) else { return now };
    match evaluation.fund_placement(scheme, fund).banks.get(index) {
        Some(share) => now.with_fund(FundStanding { fund, share_pct: share.share_pct, amount: share.amount }),
        None => now,
    }
}

/// The answer at `k` steps, with what it should say.
fn needs(trial: &Trial<'_>, goal: &Goal, k: u64, notes: &mut Vec<Note>) -> Outcome {
    let more = trial.lever.amount(k);
    let scenario = trial.scenario_with(more);
    let at = trial.with(more);
    let Some(result) = at.banks.get(trial.index) else { return Outcome::NotRanked };
    if k > 0 {
        let before = trial.at(k - 1);
        let own = |e: &Evaluation| e.banks.get(trial.index).and_then(|b| b.total);
        if own(&before) == own(&at) {
            let capped: Vec<Item> = result
                .items
                .iter()
                .filter(|s| trial.lever.items().contains(&s.item) && at_ceiling(s, trial.scheme))
                .map(|s| s.item)
                .collect();
            notes.push(Note::OthersLosePoints { capped });
        }
    }
    for (field, start) in trial.lever.fields().iter().zip(&trial.starts) {
        let from = start.value();
        if from > Decimal::ZERO && from + more > from * Decimal::TWO {
            notes.push(Note::MoreThanDoubles { field: *field, from, to: from + more });
        }
    }
    notes.extend(trial.parts_above_wholes(&at, &scenario));
    Outcome::Needs { more, to: trial.first_at(more), at: standing(trial.scheme, goal, &at, trial.index, result) }
}

/// Why no amount up to the bound reaches the goal: the best the bank reaches, where its own total
/// stops rising, which of the lever's items are capped or cannot score, and who stays above.
fn out_of_reach(trial: &Trial<'_>, goal: &Goal, max: u64) -> Outcome {
    let scheme = trial.scheme;
    let limit = trial.at(max);
    let Some(result) = limit.banks.get(trial.index) else { return Outcome::NotRanked };
    let best = standing(scheme, goal, &limit, trial.index, result);
    let items = trial.lever.items();
    let own = |e: &Evaluation| e.banks.get(trial.index).and_then(|b| b.total);
    let levels_off = own(&limit).and_then(|top| {
        let found = search::smallest(trial.first_ticks(), max, None, |k| {
            let total = own(&trial.at(k));
            search::Probe { met: total.is_some_and(|t| t >= top), progress: total.map(|t| t - top) }
        });
        found.steps.map(|k| trial.first_at(trial.lever.amount(k)))
    });
    let capped =
        result.items.iter().filter(|s| items.contains(&s.item) && at_ceiling(s, scheme)).map(|s| s.item).collect();
    let blocked = result
        .items
        .iter()
        .filter(|s| items.contains(&s.item))
        .filter_map(|s| blocked(s, trial.lever).map(|why| (s.item, why)))
        .collect();
    let above = match (goal.is_about_places(), result.total) {
        (true, Some(ours)) => {
            let mut above: Vec<&BankResult> = limit
                .banks
                .iter()
                .filter(|b| b.index != trial.index)
                .filter(|b| match goal {
                    // Passing a bank needs a total strictly above its; a rank is shared by equal totals.
                    Goal::Above(id) => &b.id == id && b.total.is_some_and(|t| t >= ours),
                    _ => b.total.is_some_and(|t| t > ours),
                })
                .collect();
            crate::order::sort_by(&mut above, |a, b| b.total.cmp(&a.total).then(a.index.cmp(&b.index)));
            above.into_iter().map(|b| b.id.clone()).collect()
        }
        _ => Vec::new(),
    };
    Outcome::OutOfReach { best, levels_off, capped, blocked, above }
}
