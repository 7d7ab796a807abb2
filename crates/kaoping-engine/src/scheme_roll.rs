//! Next year's scheme as a draft: a scheme rolled forward (`kaoping scheme new`).

use rust_decimal::Decimal;
use serde_json::Value;

use crate::error::Error;
use crate::scheme::Scheme;
use crate::scheme_file::shift_years;
use crate::scheme_problem::{TableShape, TABLES};
use crate::values::parse_exact;

impl Scheme {
    /// Next year's scheme as a draft, rolled forward from this one to `year`: the same banks, rules and
    /// bands; each annex's base becomes this year's base plus this year's task (the balance on task at
    /// year end) and each task column is the new base × its rate, rounded to the fen (四舍五入);
    /// 附件5's targets stay as they are. Year words in titles, headers, notes and references move on
    /// (`2024年末` becomes `2025年末`); the 文号 and date are left empty, to be filled in from the new
    /// document. The result is checked like any scheme file.
    ///
    /// The figures are projections, not the new annexes: the bureau replaces them with the published
    /// ones (`kaoping scheme new --annexes`), which is why the annexes' `source` says so.
    pub fn roll_forward(&self, year: u16) -> Result<Scheme, Error> {
        let from = self.year;
        let mut file = (*self.file).clone();
        let title = shift_years(&self.document.title, from, year);
        if let Some(top) = file.as_object_mut() {
            top.insert("year".to_owned(), Value::from(year));
            top.insert(
                "document".to_owned(),
                serde_json::json!({
                    "title": title, "number": "", "date": "", "issuer": self.document.issuer,
                }),
            );
        }
        if let Some(parameters) = file.get_mut("parameters") {
            shift_text(parameters, from, year);
            parameters["year"] = Value::from(year);
            parameters["source"] = Value::String(format!("《{title}》"));
        }
        if let Some(annexes) = file.get_mut("annexes") {
            shift_text(annexes, from, year);
            annexes["year"] = Value::from(year);
            annexes["source"] = Value::String(format!(
                "《{title}》附件1–5：由{from}年度方案推算的示意数（基数 = 上年基数 + 上年任务，任务 = 基数 × 增长率），须以正式附件替换"
            ));
            for shape in &TABLES {
                if let Some(table) = annexes.get_mut(shape.key) {
                    roll_table(table, shape);
                }
            }
        }
        Scheme::from_value(file)
    }
}

/// Moves on the year words of the texts of a part of a scheme file: titles, notes, references, sources
/// and column headers; never a figure.
fn shift_text(value: &mut Value, from: u16, to: u16) {
    const TEXTS: &[&str] = &["title", "note", "reference", "source"];
    if let Value::Object(map) = value {
        for (key, child) in map.iter_mut() {
            match child {
                Value::String(text) if TEXTS.contains(&key.as_str()) => *text = shift_years(text, from, to),
                Value::Object(headers) if key == "columns" => {
                    for header in headers.values_mut() {
                        if let Value::String(text) = header {
                            *text = shift_years(text, from, to);
                        }
                    }
                }
                _ => shift_text(child, from, to),
            }
        }
    } else if let Value::Array(list) = value {
        for child in list {
            shift_text(child, from, to);
        }
    }
}

/// One annex table rolled forward (see [`Scheme::roll_forward`]).
fn roll_table(table: &mut Value, shape: &TableShape) {
    let number = |v: Option<&Value>| v.and_then(Value::as_str).and_then(|t| parse_exact(t).ok());
    let fen = |d: Decimal| Value::String(format!("{:.2}", crate::format::round2(d)));
    let rates: Vec<(String, Decimal)> = table
        .get("rates_pct")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), number(Some(v))?))).collect())
        .unwrap_or_default();
    let Some(base_key) = shape.columns.iter().find(|c| !shape.rated.contains(c)).filter(|_| !shape.rated.is_empty())
    else {
        return;
    };
    let roll = |row: &mut Value| {
        let (Some(base), Some(task)) = (number(row.get(*base_key)), number(row.get("task"))) else { return None };
        let base = base + task;
        row[*base_key] = fen(base);
        for (column, rate) in &rates {
            row[column.as_str()] = fen(base * *rate / Decimal::ONE_HUNDRED);
        }
        Some(base)
    };
    if let Some(Value::Array(rows)) = table.get_mut("rows") {
        for row in rows.iter_mut() {
            roll(row);
        }
    }
    // The stated totals: the base's rolls like a row's. A task total that was the rate of the stated
    // base (附件1) stays so; otherwise it is the sum of the new rows.
    let sums: Vec<(String, Decimal)> = shape
        .rated
        .iter()
        .map(|column| {
            let rows = table.get("rows").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            ((*column).to_owned(), rows.iter().filter_map(|r| number(r.get(*column))).sum())
        })
        .collect();
    if let Some(totals) = table.get_mut("stated_total") {
        let old_base = number(totals.get(*base_key));
        let was_rate_of_base = |column: &str, rate: Decimal| match (old_base, number(totals.get(column))) {
            (Some(b), Some(t)) => crate::format::round2(b * rate / Decimal::ONE_HUNDRED) == t,
            _ => false,
        };
        let of_base: Vec<bool> = sums
            .iter()
            .map(|(column, _)| rates.iter().any(|(k, r)| k == column && was_rate_of_base(column, *r)))
            .collect();
        let Some(new_base) = roll(totals) else { return };
        for ((column, sum), of_base) in sums.into_iter().zip(of_base) {
            if !of_base {
                totals[column.as_str()] = fen(sum);
            } else if let Some((_, rate)) = rates.iter().find(|(k, _)| *k == column) {
                totals[column.as_str()] = fen(new_base * *rate / Decimal::ONE_HUNDRED);
            }
        }
    }
}
