//! 一分的价值: which lending pays. For one bank at its scenario, each kind of lending (a plain loan, the
//! common loan kinds, and every other lever figure) and what one more unit of it — 1亿元, or one
//! household or product — earns: points and deposit share, as the exact difference of two scorings
//! (not a derivative: a cap or a whole-units step sits between them as it is).
//!
//! Beside each item the lever feeds: capped (再多投放也不加分); below task, where pro rata pays full
//! marks ÷ task per 亿; or, under whole units, how far the next step is.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::document::{BonusMode, Scenario};
use crate::evaluation::{Against, Working};
use crate::format::format_fixed2;
use crate::items::Item;
use crate::parameters::{Items, ScaleRule};
use crate::scheme::Scheme;
use crate::solve::{
    all_levers, at_ceiling, blocked, common_kinds, exact, thin_city_figures, Lever, Note, Rivals, Standing, Start,
    Trial,
};

/// The value-of-a-point format's name.
pub const MARGINAL_FORMAT: &str = "kaoping-marginal/1";

/// Where an item the lever feeds stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState {
    /// Its bonus is capped: 再多投放也不加分.
    Capped,
    /// Below its task: pro rata pays this many points per unit (full marks ÷ task).
    BelowTask {
        /// Points per unit.
        per_unit: Decimal,
        /// `亿元` or `户`.
        unit: &'static str,
    },
    /// Under whole units: the next step is this far (in `unit`); 0 means any increase.
    NextStep {
        /// How far.
        more: Decimal,
        /// `亿元`, `户` or `个百分点`.
        unit: &'static str,
        /// The points the step brings.
        points: Decimal,
    },
    /// It cannot score from the lever: why (a figure the lever does not add is still missing).
    Blocked(String),
    /// Nothing was entered for it, so it scored nothing; the lever's unit makes it score.
    Starts,
    /// It earns as the lever grows.
    Open,
}

impl ItemState {
    /// In Chinese.
    pub fn zh(&self) -> String {
        match self {
            ItemState::Capped => "已封顶，再多投放也不加分".to_owned(),
            ItemState::BelowTask { per_unit, unit } => {
                format!("低于任务，按完成比例每 1 {unit} {} 分", format_fixed2(*per_unit))
            }
            ItemState::NextStep { more, points, .. } if more.is_zero() => {
                format!("按整档计分：再多一点即进下一档（+{} 分）", format_fixed2(*points))
            }
            ItemState::NextStep { more, unit, points } => {
                format!("按整档计分：再 {} {unit}进下一档（+{} 分）", format_fixed2(*more), format_fixed2(*points))
            }
            ItemState::Blocked(why) => why.clone(),
            ItemState::Starts => "原未填写、不得分，填入后开始计分".to_owned(),
            ItemState::Open => String::new(),
        }
    }
}

/// One item the lever feeds: what +1 earns there and where it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEffect {
    /// The item.
    pub item: Item,
    /// Points gained with one more unit.
    pub points: Decimal,
    /// Where it stands now.
    pub state: ItemState,
}

/// One lever of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarginalRow {
    /// The lever's Chinese name.
    pub label: String,
    /// The lever.
    pub lever: Lever,
    /// Points gained with one more unit (1亿元, or one household or product): our total's change.
    pub points: Decimal,
    /// Deposit share gained, percentage points.
    pub share_pp: Decimal,
    /// Rank with one more unit.
    pub rank: Option<u32>,
    /// The items the lever feeds.
    pub items: Vec<ItemEffect>,
    /// The lever's first figure is not entered and starts from 0 (entering it may move a city figure).
    pub starts_at_zero: bool,
}

/// The value-of-a-point table of a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marginal {
    /// The bank's id.
    pub bank: String,
    /// Where it stands.
    pub now: Standing,
    /// One row per lever, the most points first (equal points: the larger share first, then the
    /// common loan kinds before the other levers).
    pub rows: Vec<MarginalRow>,
    /// What to say beside the table.
    pub notes: Vec<Note>,
}

/// The value of one more unit of each lever for `bank`. `None` when the scheme has no such bank.
pub fn marginal(scheme: &Scheme, scenario: &Scenario, bank: &str, rivals: Rivals) -> Option<Marginal> {
    let levers = all_levers();
    let index = scheme.bank_index(bank)?;
    let base = rivals.prepare(scheme, scenario, index);
    let evaluation = rivals.assess(scheme, &base, index);
    let now = Standing::of(evaluation.banks.get(index)?);
    let mut notes = thin_city_figures(scheme, &evaluation, &Item::ALL);
    if !rivals.is_default() {
        notes.push(Note::Assumed { rivals });
    }
    let mut rows = Vec::with_capacity(levers.len());
    for lever in &levers {
        let trial = Trial::prepared(scheme, base.clone(), evaluation.clone(), bank, lever, rivals, index)?;
        let ours = trial.result()?;
        // One unit more: 1亿元, or one household or product.
        let after = trial.with(Decimal::ONE);
        let theirs = after.banks.get(trial.index)?;
        let items = lever
            .items()
            .into_iter()
            .filter_map(|item| {
                let before = ours.item(item)?;
                let later = theirs.item(item)?;
                Some(ItemEffect {
                    item,
                    points: later.points - before.points,
                    state: state(before, later, scheme, lever, scenario.settings.bonus_mode),
                })
            })
            .collect();
        let label = common_kinds()
            .iter()
            .find(|(_, _, l)| l.same_figures(lever))
            .map_or_else(|| lever.label(), |(_, name, _)| (*name).to_owned());
        rows.push(MarginalRow {
            label,
            lever: lever.clone(),
            points: theirs.total.unwrap_or_default() - ours.total.unwrap_or_default(),
            share_pp: theirs.deposit.share_pct - ours.deposit.share_pct,
            rank: theirs.rank,
            items,
            starts_at_zero: trial.starts.first() == Some(&Start::Zero),
        });
    }
    // The most valuable lending first; equal points by the share they bring, then in the levers' order.
    crate::order::sort_by(&mut rows, |a, b| b.points.cmp(&a.points).then(b.share_pp.cmp(&a.share_pp)));
    Some(Marginal { bank: bank.to_owned(), now, rows, notes })
}

/// The rule of an item scored as a task or against an average.
pub(crate) fn scale_rule(items: &Items, item: Item) -> Option<&ScaleRule> {
    Some(match item {
        Item::LoanIncrement => &items.loan_increment,
        Item::LoanGrowth => &items.loan_growth,
        Item::SmeIncrement => &items.sme_increment,
        Item::InclusiveGrowth => &items.inclusive_growth,
        Item::ManufacturingIncrement => &items.manufacturing_increment,
        Item::ManufacturingGrowth => &items.manufacturing_growth,
        Item::GreenIncrement => &items.green_increment,
        Item::DongchuAmount => &items.dongchu_amount,
        Item::DongchuHouseholds => &items.dongchu_households,
        _ => return None,
    })
}

/// Where an item stands for the lever: capped, below task, the next whole-units step, blocked, or
/// starting to score. `after` is the item with one more unit: an item is blocked only when the lever
/// cannot make it score (a figure the lever does not add is still missing), not merely because it
/// scored nothing before — 科技型新增 on its own scores 科创金融 although 科技金融产品 is not entered.
fn state(
    score: &crate::evaluation::ItemScore,
    after: &crate::evaluation::ItemScore,
    scheme: &Scheme,
    lever: &Lever,
    mode: BonusMode,
) -> ItemState {
    if let Some(why) = blocked(after, lever) {
        return ItemState::Blocked(why);
    }
    if matches!(score.working, Working::Missing { .. } | Working::Undefined { .. }) {
        return ItemState::Starts;
    }
    if at_ceiling(score, scheme) {
        return ItemState::Capped;
    }
    let Some(rule) = scale_rule(&scheme.rules.items, score.item) else { return ItemState::Open };
    let unit = if score.item == Item::DongchuHouseholds { "户" } else { "亿元" };
    match &score.working {
        Working::Task { task, against: Against::Below { .. }, .. } => match rule.full.value.checked_div(*task) {
            Some(per_unit) => ItemState::BelowTask { per_unit, unit },
            None => ItemState::Open,
        },
        Working::Task { against: Against::Reached { above, .. }, .. } if mode == BonusMode::WholeUnits => {
            let into = above.checked_rem(rule.step.value).unwrap_or(Decimal::ZERO);
            ItemState::NextStep { more: rule.step.value - into, unit, points: rule.step_points.value }
        }
        Working::Growth(g) if mode == BonusMode::WholeUnits => {
            let diff = g.growth_pct - g.average_pct;
            let more = if diff >= Decimal::ZERO {
                rule.step.value - diff.checked_rem(rule.step.value).unwrap_or(Decimal::ZERO)
            } else {
                (-diff).checked_rem(rule.step.value).unwrap_or(Decimal::ZERO)
            };
            ItemState::NextStep { more, unit: "个百分点", points: rule.step_points.value }
        }
        _ => ItemState::Open,
    }
}

/// One unit of a lever: `1 亿元`, `1 户`.
fn unit_text(unit: crate::fields::Unit) -> String {
    format!("1 {}", unit.symbol())
}

impl Marginal {
    /// One Chinese line per row: `中小微企业贷款：每 1 亿元 +1.25 分，存放占比 +0.03 个百分点`.
    pub fn row_zh(&self, row: &MarginalRow) -> String {
        let unit = unit_text(row.lever.unit());
        let mut text = format!(
            "{}：每 {unit} +{} 分，存放占比 {}{} 个百分点",
            row.label,
            format_fixed2(row.points),
            if row.share_pp >= Decimal::ZERO { "+" } else { "" },
            format_fixed2(row.share_pp)
        );
        let states: Vec<String> = row
            .items
            .iter()
            .filter(|e| e.state != ItemState::Open)
            .map(|e| format!("{}{}", e.item.title(), e.state.zh()))
            .collect();
        if !states.is_empty() {
            text.push_str(&format!("（{}）", states.join("；")));
        }
        if row.starts_at_zero {
            text.push_str("（未填写，按 0 起算）");
        }
        text
    }

    /// As a `kaoping-marginal/1` object.
    pub fn to_value(&self) -> Value {
        json!({
            "format": MARGINAL_FORMAT,
            "bank": self.bank,
            "now": self.now.to_value(),
            "rows": self.rows.iter().map(|r| json!({
                "label": r.label,
                "lever": r.lever.fields().iter().map(|f| f.key()).collect::<Vec<_>>(),
                "unit": unit_text(r.lever.unit()),
                "points": exact(r.points),
                "share_pp": exact(r.share_pp),
                "rank": r.rank,
                "starts_at_zero": r.starts_at_zero,
                "items": r.items.iter().map(|e| json!({
                    "item": e.item.key(),
                    "points": exact(e.points),
                    "state": match &e.state {
                        ItemState::Capped => "capped",
                        ItemState::BelowTask { .. } => "below_task",
                        ItemState::NextStep { .. } => "next_step",
                        ItemState::Blocked(_) => "blocked",
                        ItemState::Starts => "starts",
                        ItemState::Open => "open",
                    },
                    "note": e.state.zh(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "notes": self.notes.iter().map(|n| n.zh()).collect::<Vec<_>>(),
        })
    }
}
