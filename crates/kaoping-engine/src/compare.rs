//! Comparing two scenarios: how each bank's total, rank, band and public-fund share move from one to
//! the other, what each bank holds of every public fund that has an amount, and for one bank which
//! items moved and why.
//!
//! Both scenarios are scored by [`evaluate`]; nothing here computes a point. An item can move although
//! the bank's own figures did not (a city average moved with other banks' figures, or a reading was
//! switched), so the items are compared by their points and shown with both workings.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::document::Scenario;
use crate::evaluate::evaluate;
use crate::evaluation::Evaluation;
use crate::fields::{Field, FundFigure, FIELDS};
use crate::items::Item;
use crate::scheme::Scheme;
use crate::sections::deposits::FundPlacement;
use crate::settings::Setting;
use crate::standing::Standing;

/// How a bank's band moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandMove {
    /// To a better band (or from disqualified into one).
    Up,
    /// To a worse band.
    Down,
}

/// One bank in both scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankChange {
    /// The bank's position in annex order.
    pub index: usize,
    /// The bank's id.
    pub id: String,
    /// In the first scenario.
    pub before: Standing,
    /// In the second.
    pub after: Standing,
    /// after − before, when both have a total.
    pub total_change: Option<Decimal>,
    /// Places gained (positive) or lost (negative), when both are ranked.
    pub rank_change: Option<i64>,
    /// after − before, percentage points, when both are ranked.
    pub share_change: Option<Decimal>,
    /// The band moved, and which way.
    pub band_move: Option<BandMove>,
}

/// A reading or a typed city figure that differs between the two scenarios, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingChange {
    /// What it is (`“全市平均增速”的算法`, `全市新增贷款平均增速`).
    pub title: String,
    /// In the first scenario.
    pub before: String,
    /// In the second.
    pub after: String,
}

/// One public fund (四(四)) placed in both scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundChange {
    /// The fund's index in the scheme's `outcomes.funds`.
    pub fund: usize,
    /// The fund placed in the first scenario.
    pub before: FundPlacement,
    /// In the second.
    pub after: FundPlacement,
}

impl FundChange {
    /// The banks (by index, annex order) whose share or amount of the fund differs.
    pub fn moved(&self) -> impl Iterator<Item = usize> + '_ {
        self.before
            .banks
            .iter()
            .zip(&self.after.banks)
            .enumerate()
            .filter_map(|(i, (x, y))| (x.share_pct != y.share_pct || x.amount != y.amount).then_some(i))
    }

    /// A bank's amount after − before, 亿元, when both scenarios place the fund with it.
    pub fn amount_change(&self, bank: usize) -> Option<Decimal> {
        let (x, y) = (self.before.banks.get(bank)?.amount?, self.after.banks.get(bank)?.amount?);
        Some(y - x)
    }
}

/// Two scenarios side by side: every bank in annex order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Every bank, in annex order.
    pub banks: Vec<BankChange>,
    /// Readings and typed city figures that differ.
    pub settings: Vec<SettingChange>,
    /// The public funds that have an amount in either scenario, in the scheme's order: what each bank
    /// holds in both.
    pub funds: Vec<FundChange>,
    /// The first scenario's evaluation.
    pub before: Evaluation,
    /// The second's.
    pub after: Evaluation,
}

/// A figure of one bank entered differently in the two scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureChange {
    /// The figure.
    pub field: Field,
    /// As entered in the first scenario (`None`: not entered).
    pub before: Option<Decimal>,
    /// As entered in the second.
    pub after: Option<Decimal>,
}

/// An item whose points differ, with the working behind each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// The item.
    pub item: Item,
    /// Its clause (`二(一)1`).
    pub clause: String,
    /// Points in the first scenario.
    pub before: Decimal,
    /// Points in the second.
    pub after: Decimal,
    /// The working in the first scenario, in Chinese.
    pub before_working: String,
    /// The working in the second.
    pub after_working: String,
}

/// A figure of one bank given per fund (四(四)) differently in the two scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundFigureChange {
    /// The figure.
    pub figure: FundFigure,
    /// The fund's id.
    pub fund: String,
    /// As given in the first scenario (`None`: not given for the fund).
    pub before: Option<Decimal>,
    /// As given in the second.
    pub after: Option<Decimal>,
}

/// One bank's figures and items that differ between two scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankDetail {
    /// The bank's id.
    pub id: String,
    /// Its figures entered differently, in table order.
    pub figures: Vec<FigureChange>,
    /// Its figures given per fund differently, by figure and then in the scheme's order of funds.
    pub fund_figures: Vec<FundFigureChange>,
    /// Its items whose points moved, in the scheme's order.
    pub items: Vec<ItemChange>,
}

/// Scores both scenarios and puts every bank side by side.
pub fn compare(scheme: &Scheme, before: &Scenario, after: &Scenario) -> Comparison {
    let (a, b) = (evaluate(scheme, before), evaluate(scheme, after));
    let banks = a
        .banks
        .iter()
        .filter_map(|x| b.bank(&x.id).map(|y| (x, y)))
        .map(|(x, y)| {
            let (before, after) = (Standing::of(x), Standing::of(y));
            let both = |f: fn(&Standing) -> Option<Decimal>| f(&after).zip(f(&before)).map(|(n, o)| n - o);
            BankChange {
                index: x.index,
                id: x.id.clone(),
                before,
                after,
                total_change: both(|s| s.total),
                rank_change: before.rank.zip(after.rank).map(|(o, n)| i64::from(o) - i64::from(n)),
                share_change: both(|s| s.ranked_share()),
                band_move: match after.band.cmp(&before.band) {
                    std::cmp::Ordering::Less => Some(BandMove::Up),
                    std::cmp::Ordering::Equal => None,
                    std::cmp::Ordering::Greater => Some(BandMove::Down),
                },
            }
        })
        .collect();
    let mut funds = Vec::new();
    for f in 0..scheme.rules.outcomes.funds.len() {
        let (x, y) = (&a.deposit_inputs.amounts, &b.deposit_inputs.amounts);
        if x.get(f).copied().flatten().is_some() || y.get(f).copied().flatten().is_some() {
            funds.push(FundChange { fund: f, before: a.fund_placement(scheme, f), after: b.fund_placement(scheme, f) });
        }
    }
    Comparison { banks, settings: setting_changes(before, after), funds, before: a, after: b }
}

fn setting_changes(before: &Scenario, after: &Scenario) -> Vec<SettingChange> {
    Setting::ALL
        .into_iter()
        .filter_map(|setting| {
            let (x, y) = (setting.get(before), setting.get(after));
            (x != y).then(|| SettingChange {
                title: setting.label().to_owned(),
                before: setting.show(x),
                after: setting.show(y),
            })
        })
        .collect()
}

impl Comparison {
    /// One bank's figures and items that differ, or `None` for an id that is not a bank of the scheme.
    pub fn bank(&self, scheme: &Scheme, before: &Scenario, after: &Scenario, id: &str) -> Option<BankDetail> {
        let (x, y) = (self.before.bank(id)?, self.after.bank(id)?);
        let entered = |s: &Scenario, f: Field| s.bank(id).and_then(|b| f.get(b));
        let figures = FIELDS
            .iter()
            .map(|spec| FigureChange {
                field: spec.field,
                before: entered(before, spec.field),
                after: entered(after, spec.field),
            })
            .filter(|c| c.before != c.after)
            .collect();
        let given = |s: &Scenario, figure: FundFigure, fund: &str| s.bank(id).and_then(|b| figure.get(b, fund));
        let mut fund_figures = Vec::new();
        for figure in FundFigure::ALL {
            for fund in &scheme.rules.outcomes.funds {
                let (x, y) = (given(before, figure, &fund.id), given(after, figure, &fund.id));
                if x != y {
                    fund_figures.push(FundFigureChange { figure, fund: fund.id.clone(), before: x, after: y });
                }
            }
        }
        let items = Item::ALL
            .iter()
            .filter_map(|&item| {
                let (p, q) = (x.item(item)?, y.item(item)?);
                (p.points != q.points).then(|| ItemChange {
                    item,
                    clause: scheme.rules.clause(item).to_owned(),
                    before: p.points,
                    after: q.points,
                    before_working: p.explain(scheme),
                    after_working: q.explain(scheme),
                })
            })
            .collect();
        Some(BankDetail { id: id.to_owned(), figures, fund_figures, items })
    }

    /// The banks whose band moved.
    pub fn band_moves(&self) -> impl Iterator<Item = &BankChange> {
        self.banks.iter().filter(|b| b.band_move.is_some())
    }

    /// The comparison as JSON (`kaoping-diff/1`): numbers as unrounded decimal strings, `null` where a
    /// figure does not apply (a disqualified bank has no total, rank or share).
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        let num = |v: Option<Decimal>| v.map_or(Value::Null, |v| Value::String(v.normalize().to_string()));
        let side = |s: &Standing| json!({ "total": num(s.total), "rank": s.rank, "band": s.band.key(), "share_pct": num(s.ranked_share()) });
        let banks: Vec<Value> = self
            .banks
            .iter()
            .map(|b| {
                json!({
                    "id": b.id,
                    "name": scheme.banks.get(b.index).map_or("", |i| i.short_name.as_str()),
                    "before": side(&b.before),
                    "after": side(&b.after),
                    "total_change": num(b.total_change),
                    "rank_change": b.rank_change,
                    "share_change": num(b.share_change),
                    "band_move": b.band_move.map(|m| match m { BandMove::Up => "up", BandMove::Down => "down" }),
                })
            })
            .collect();
        let settings: Vec<Value> =
            self.settings.iter().map(|s| json!({ "title": s.title, "before": s.before, "after": s.after })).collect();
        let funds: Vec<Value> = self
            .funds
            .iter()
            .map(|c| {
                let moved: Vec<Value> = c
                    .moved()
                    .map(|i| {
                        let (x, y) = (c.before.banks.get(i), c.after.banks.get(i));
                        json!({
                            "id": scheme.banks.get(i).map_or("", |b| b.id.as_str()),
                            "share_pct": { "before": num(x.and_then(|s| s.share_pct)), "after": num(y.and_then(|s| s.share_pct)) },
                            "amount": { "before": num(x.and_then(|s| s.amount)), "after": num(y.and_then(|s| s.amount)) },
                            "amount_change": num(c.amount_change(i)),
                        })
                    })
                    .collect();
                json!({
                    "id": scheme.rules.outcomes.funds.get(c.fund).map_or("", |f| f.id.as_str()),
                    "amount": { "before": num(c.before.amount), "after": num(c.after.amount) },
                    "moved": moved,
                })
            })
            .collect();
        json!({
            "format": "kaoping-diff/1",
            "year": scheme.year,
            "scheme": scheme.identity(),
            "settings": settings,
            "banks": banks,
            "funds": funds,
        })
    }
}

impl BankDetail {
    /// The detail as JSON: the figures and items that moved, with both workings.
    pub fn to_value(&self) -> Value {
        let num = |v: Option<Decimal>| v.map_or(Value::Null, |v| Value::String(v.normalize().to_string()));
        json!({
            "id": self.id,
            "figures": self.figures.iter().map(|f| json!({
                "key": f.field.key(), "label": f.field.label(), "before": num(f.before), "after": num(f.after),
            })).chain(self.fund_figures.iter().map(|f| json!({
                "key": f.figure.fund_key(&f.fund), "label": f.figure.every().label(), "before": num(f.before), "after": num(f.after),
            }))).collect::<Vec<_>>(),
            "items": self.items.iter().map(|i| json!({
                "item": i.item.key(), "title": i.item.title(), "clause": i.clause,
                "before": num(Some(i.before)), "after": num(Some(i.after)),
                "before_working": i.before_working, "after_working": i.after_working,
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Amount;

    #[test]
    fn the_same_scenario_changes_nothing() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let s = scheme.template();
        let c = compare(scheme, &s, &s);
        assert_eq!(c.banks.len(), 16);
        assert!(c.banks.iter().all(|b| b.total_change == Some(Decimal::ZERO) && b.band_move.is_none()));
        assert!(c.settings.is_empty());
        let detail = c.bank(scheme, &s, &s, "icbc").expect("icbc");
        assert!(detail.figures.is_empty() && detail.items.is_empty());
        assert!(c.bank(scheme, &s, &s, "nobank").is_none());
    }

    #[test]
    fn more_loans_move_the_bank_up_and_say_why() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let before = scheme.template();
        let mut after = before.clone();
        let adbc = after.bank_mut("adbc");
        adbc.loans = Amount::new(Decimal::new(2000, 0)).ok();
        let c = compare(scheme, &before, &after);
        let row = c.banks.iter().find(|b| b.id == "adbc").expect("adbc");
        assert!(row.total_change.is_some_and(|d| d > Decimal::ZERO));
        assert!(row.rank_change.is_some_and(|d| d > 0), "{row:?}");
        assert_eq!(row.band_move, Some(BandMove::Up));
        let detail = c.bank(scheme, &before, &after, "adbc").expect("adbc");
        assert_eq!(detail.figures.iter().map(|f| f.field).collect::<Vec<_>>(), [Field::Loans]);
        let items: Vec<Item> = detail.items.iter().map(|i| i.item).collect();
        assert!(items.contains(&Item::LoanIncrement), "{items:?}");
        assert_ne!(detail.items[0].before_working, detail.items[0].after_working);
        let json = c.to_value(scheme);
        assert_eq!(json["banks"][0]["band_move"], "up");
        assert_eq!(json["banks"][1]["total_change"].as_str().map(|t| t.starts_with('-')), Some(true));
    }

    #[test]
    fn the_amounts_that_moved_are_listed_per_fund() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let before = scheme.template();
        assert!(compare(scheme, &before, &before).funds.is_empty(), "no fund has an amount");
        let mut after = before.clone();
        after.deposits.funds.set("fiscal", Amount::new(Decimal::from(60)).ok());
        // 公积金中心 scores 工商银行 alone: only that fund's shares move, and it has no amount.
        crate::fields::FundFigure::DepartmentScore
            .set(after.bank_mut("icbc"), "provident", Some(Decimal::from(90)))
            .expect("a score");
        let c = compare(scheme, &before, &after);
        assert_eq!(c.funds.iter().map(|f| f.fund).collect::<Vec<_>>(), [0], "the funds with an amount");
        let detail = c.bank(scheme, &before, &after, "icbc").expect("icbc");
        let changed: Vec<(&str, Option<Decimal>)> =
            detail.fund_figures.iter().map(|f| (f.fund.as_str(), f.after)).collect();
        assert_eq!(changed, [("provident", Some(Decimal::from(90)))]);
        assert_eq!(detail.to_value()["figures"][0]["key"], "department_scores.provident");
        let fiscal = &c.funds[0];
        assert_eq!((fiscal.before.amount, fiscal.after.amount), (None, Some(Decimal::from(60))));
        assert_eq!(fiscal.moved().count(), 16, "every bank now holds a part of the 60 亿元");
        assert_eq!(fiscal.amount_change(1), None, "nothing placed before");
        let json = c.to_value(scheme);
        assert_eq!(json["funds"][0]["id"], "fiscal");
        assert_eq!(json["funds"][0]["amount"]["after"], "60");
        assert_eq!(json["funds"][0]["moved"].as_array().map(Vec::len), Some(16));
        // Lending more moves 农发行's part up and everyone else's down.
        let mut more = after.clone();
        more.bank_mut("adbc").loans = Amount::new(Decimal::from(400)).ok();
        let c = compare(scheme, &after, &more);
        let fiscal = &c.funds[0];
        assert!(fiscal.amount_change(0).is_some_and(|d| d > Decimal::ZERO));
        assert!(fiscal.amount_change(1).is_some_and(|d| d < Decimal::ZERO));
        let sum: Decimal = (0..16).filter_map(|i| fiscal.amount_change(i)).sum();
        assert_eq!(sum, Decimal::ZERO, "what one bank gains the others lose, exactly");
    }

    #[test]
    fn switched_readings_and_typed_city_figures_are_listed() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let before = scheme.template();
        let mut after = before.clone();
        after.settings.city_average = crate::document::CityAverage::Mean;
        let _ = Setting::LoanGrowth.set(&mut after, crate::settings::SettingValue::Number(Some(Decimal::new(12, 0))));
        let c = compare(scheme, &before, &after);
        let titles: Vec<(&str, &str, &str)> =
            c.settings.iter().map(|s| (s.title.as_str(), s.before.as_str(), s.after.as_str())).collect();
        assert_eq!(
            titles,
            [("“全市平均增速”的算法", "汇总计算", "各行增速简单平均"), ("全市新增贷款平均增速", "（未填写）", "12%")]
        );
    }
}
