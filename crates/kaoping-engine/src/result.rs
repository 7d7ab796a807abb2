//! The `kaoping-result/1` file: an evaluation as JSON, numbers as unrounded decimal strings.

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::evaluation::{CityFigure, Evaluation};
use crate::scheme::Scheme;
use crate::settings::{Group, Setting};

/// The result file format's name.
pub const RESULT_FORMAT: &str = "kaoping-result/1";

fn num(value: Decimal) -> Value {
    Value::String(value.normalize().to_string())
}

fn opt(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, num)
}

fn city(figure: &CityFigure) -> Value {
    opt(figure.value)
}

impl Evaluation {
    /// The evaluation as a `kaoping-result/1` value: the scheme it was scored under (year, title, 文号,
    /// fingerprint), all banks in annex order, every item's points, the working of each in Chinese,
    /// what is missing and what to watch.
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        let banks: Vec<Value> = self
            .banks
            .iter()
            .map(|bank| {
                let name = scheme.banks.get(bank.index).map_or("", |b| b.short_name.as_str());
                let items: Map<String, Value> =
                    bank.items.iter().map(|s| (s.item.key().to_owned(), num(s.points))).collect();
                let explanations: Vec<Value> = bank
                    .items
                    .iter()
                    .map(|s| {
                        json!({
                            "item": s.item.key(),
                            "title": s.item.title(),
                            "clause": scheme.rules.clause(s.item),
                            "points": num(s.points),
                            "working": s.explain(scheme),
                        })
                    })
                    .collect();
                json!({
                    "id": bank.id,
                    "name": name,
                    "total": opt(bank.total),
                    "rank": bank.rank,
                    "from_bottom": bank.from_bottom,
                    "band": bank.band.key(),
                    // Not applicable to a disqualified bank: null rather than a false that reads as "safe".
                    "interview": bank.is_ranked().then_some(bank.interview),
                    "last_place_twice": bank.last_place_twice,
                    "items": items,
                    "deposit": {
                        "evaluation_points": num(bank.deposit.evaluation_points),
                        "composite": num(bank.deposit.composite),
                        "share_pct": if bank.is_ranked() { num(bank.deposit.share_pct) } else { Value::Null },
                    },
                    "missing": bank.missing.iter().map(|f| f.key()).collect::<Vec<_>>(),
                    "explanations": explanations,
                    "warnings": bank.warnings.iter().map(|w| scheme.words(&w.zh()).into_owned()).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "format": RESULT_FORMAT,
            "year": scheme.year,
            "scheme": scheme.identity(),
            // The city figures under the keys of their rows of the settings table.
            "city": Setting::of(Group::City)
                .filter_map(|s| s.figure(&self.city).map(|figure| (s.key().to_owned(), city(&figure))))
                .collect::<Map<String, Value>>(),
            "banks": banks,
        })
    }

    /// The evaluation as pretty `kaoping-result/1` JSON.
    pub fn to_json(&self, scheme: &Scheme) -> String {
        serde_json::to_string_pretty(&self.to_value(scheme)).unwrap_or_default()
    }
}
