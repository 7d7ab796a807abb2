//! 敏感性: a bank's total and rank against one lever over a range, for a chart. Beside the curve: the
//! task (the on-task value of the lever's first figure, for an annex line), the values at which the
//! lever's items reach their caps, the figure now, and at each point the totals that enter each band
//! and stay off the interview list (the others' totals move too: our lending raises the city averages).

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::document::Scenario;
use crate::evaluation::Evaluation;
use crate::items::{Band, Item};
use crate::scheme::Scheme;
use crate::solve::search::{smallest, Probe};
use crate::solve::{at_ceiling, exact, figure, Lever, Rivals, Trial};

/// One point of the curve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivityPoint {
    /// The lever's first figure.
    pub value: Decimal,
    /// The amount added to each figure of the lever (negative: less than now).
    pub added: Decimal,
    /// Our total.
    pub total: Option<Decimal>,
    /// Our rank.
    pub rank: Option<u32>,
    /// Our band.
    pub band: Band,
    /// Our share of the public-fund deposits, percent.
    pub share_pct: Decimal,
    /// For each band with a last rank: the total that reaches it there (the other banks' total at that
    /// rank; equal totals share the rank).
    pub band_edges: Vec<(Band, Decimal)>,
    /// The total to stay above to be off the interview list (strictly above it).
    pub interview_line: Option<Decimal>,
}

/// The curve and its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sensitivity {
    /// The bank's id.
    pub bank: String,
    /// The lever.
    pub lever: Lever,
    /// The first figure now.
    pub current: Decimal,
    /// The first figure on task, for an annex line.
    pub task: Option<Decimal>,
    /// The points, from the lowest value up.
    pub points: Vec<SensitivityPoint>,
    /// The lever's items capped already at the current figure.
    pub capped_now: Vec<Item>,
    /// The first figure's value at which each other item of the lever reaches its cap, within the range.
    pub caps: Vec<(Item, Decimal)>,
}

/// Total and rank of `bank` for `samples` values of the lever's first figure from `low` to `high`
/// (each figure of the lever moved by the same amount; a value below what the others allow is raised
/// to it). `None` when the bank is unknown or the range is empty.
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    scheme: &Scheme,
    scenario: &Scenario,
    bank: &str,
    lever: &Lever,
    rivals: Rivals,
    low: Decimal,
    high: Decimal,
    samples: u32,
) -> Option<Sensitivity> {
    let trial = Trial::new(scheme, scenario, bank, lever, rivals, None)?;
    curve(&trial, low, high, samples)
}

/// [`sensitivity`] over the engine's own range for a chart ([`chart_range`]): around the figure now,
/// its task and `to`, the figure an answer found.
pub fn sensitivity_around(
    scheme: &Scheme,
    scenario: &Scenario,
    bank: &str,
    lever: &Lever,
    rivals: Rivals,
    to: Option<Decimal>,
    samples: u32,
) -> Option<Sensitivity> {
    let trial = Trial::new(scheme, scenario, bank, lever, rivals, None)?;
    let current = trial.first_at(Decimal::ZERO);
    let (low, high) = chart_range(current, task_of(&trial), to, lever.step());
    curve(&trial, low, high, samples)
}

/// The on-task value of the lever's first figure, for an annex line.
fn task_of(trial: &Trial<'_>) -> Option<Decimal> {
    let ours = trial.result()?;
    trial.lever.first().spec().annex.map(|line| {
        let l = ours.figures.line(line);
        l.base + l.task
    })
}

fn curve(trial: &Trial<'_>, low: Decimal, high: Decimal, samples: u32) -> Option<Sensitivity> {
    let (scheme, lever, bank) = (trial.scheme, trial.lever, trial.id.as_str());
    let current = trial.first_at(Decimal::ZERO);
    // No figure may go below zero: the amount taken off is at most the smallest start.
    let floor = -trial.starts.iter().map(|s| s.value()).min().unwrap_or(Decimal::ZERO);
    let step = lever.step();
    let on_grid =
        |d: Decimal| (d / step).round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero) * step;
    let low_added = on_grid(low - current).max(floor);
    let high_added = on_grid(high - current).min(lever.amount(lever.max_ticks(&trial.starts)));
    if high_added < low_added || samples == 0 {
        return None;
    }
    let n = samples.max(2);
    let span = high_added - low_added;
    let mut added: Vec<Decimal> =
        (0..n).map(|i| on_grid(low_added + span * Decimal::from(i) / Decimal::from(n - 1)).max(floor)).collect();
    added.dedup();
    let points = added
        .into_iter()
        .map(|a| {
            let evaluation = trial.with(a);
            point(scheme, &evaluation, trial.index, trial.first_at(a), a)
        })
        .collect();
    let ours = trial.result()?;
    let items = lever.items();
    let capped_now: Vec<Item> =
        ours.items.iter().filter(|s| items.contains(&s.item) && at_ceiling(s, scheme)).map(|s| s.item).collect();
    let max = u64::try_from((high_added.max(Decimal::ZERO) / step).floor()).unwrap_or(0);
    let caps = items
        .iter()
        .filter(|item| !capped_now.contains(item))
        .filter_map(|&item| {
            // A yes/no: no distance to interpolate along, so the search bisects.
            let found = smallest(trial.first_ticks().min(max.max(1)), max, None, |k| {
                let e = trial.at(k);
                let met = e.banks.get(trial.index).and_then(|b| b.item(item)).is_some_and(|s| at_ceiling(s, scheme));
                Probe { met, progress: None }
            });
            found.steps.filter(|k| *k > 0).map(|k| (item, trial.first_at(lever.amount(k))))
        })
        .collect();
    let task = task_of(trial);
    Some(Sensitivity { bank: bank.to_owned(), lever: lever.clone(), current, task, points, capped_now, caps })
}

/// A range of the lever's first figure for a chart, showing the figure now, its task and the answer
/// found: from a quarter of the span below the nearest of them (not below 0) to half a span past the
/// farthest; the span is at least a thousand steps (10亿元, or a thousand of a count).
pub fn chart_range(current: Decimal, task: Option<Decimal>, to: Option<Decimal>, step: Decimal) -> (Decimal, Decimal) {
    let marks = [Some(current), task, to];
    let near = marks.iter().flatten().min().copied().unwrap_or(current);
    let far = marks.iter().flatten().max().copied().unwrap_or(current);
    let span = (far - near).max(step * Decimal::from(1000));
    let low = (near - span / Decimal::from(4)).max(Decimal::ZERO);
    (low, far + span / Decimal::TWO)
}

fn point(scheme: &Scheme, evaluation: &Evaluation, index: usize, value: Decimal, added: Decimal) -> SensitivityPoint {
    let ours = evaluation.banks.get(index);
    let mut others: Vec<Decimal> =
        evaluation.banks.iter().filter(|b| b.index != index).filter_map(|b| b.total).collect();
    crate::order::sort_unstable_by(&mut others, |a, b| b.cmp(a));
    let band_edges = scheme
        .rules
        .outcomes
        .bands
        .iter()
        .filter_map(|b| {
            let r = usize::try_from(b.to_rank?).ok()?;
            others.get(r.checked_sub(1)?).map(|t| (b.band, *t))
        })
        .collect();
    let last = usize::try_from(scheme.rules.outcomes.interview_last.value.trunc()).unwrap_or(0);
    let interview_line = last.checked_sub(1).and_then(|i| others.iter().rev().nth(i)).copied();
    SensitivityPoint {
        value,
        added,
        total: ours.and_then(|b| b.total),
        rank: ours.and_then(|b| b.rank),
        band: ours.map_or(Band::Disqualified, |b| b.band),
        share_pct: ours.map_or(Decimal::ZERO, |b| b.deposit.share_pct),
        band_edges,
        interview_line,
    }
}

impl Sensitivity {
    /// As JSON, for the page's chart and its table.
    pub fn to_value(&self) -> Value {
        let unit = self.lever.unit();
        json!({
            "bank": self.bank,
            "lever": self.lever.fields().iter().map(|f| f.key()).collect::<Vec<_>>(),
            "current": figure(self.current, unit),
            "task": self.task.map_or(Value::Null, |t| figure(t, unit)),
            "capped_now": self.capped_now.iter().map(|i| i.key()).collect::<Vec<_>>(),
            "caps": self.caps.iter().map(|(i, v)| json!({"item": i.key(), "at": figure(*v, unit)})).collect::<Vec<_>>(),
            "points": self.points.iter().map(|p| json!({
                "value": figure(p.value, unit),
                "total": p.total.map_or(Value::Null, exact),
                "rank": p.rank,
                "band": p.band.key(),
                "share_pct": exact(p.share_pct),
                "band_edges": p.band_edges.iter().map(|(b, t)| (b.key().to_owned(), exact(*t))).collect::<serde_json::Map<_, _>>(),
                "interview_line": p.interview_line.map_or(Value::Null, exact),
            })).collect::<Vec<_>>(),
        })
    }
}
