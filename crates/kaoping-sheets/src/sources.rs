//! The 来源 sheet of an exported workbook: where each bank's declared figures came from (申报: the file,
//! 填报人, 联系电话, 填报日期), every figure the bureau verified (核实: declared, verified, why) and the
//! 核实完成 mark — read back on import, so that a workbook carries the whole scenario.
//!
//! Rows are found by the key in the hidden column A (`source.icbc`, `verified.hubei.platform_bonds`,
//! `verification_complete`), never by position; the source's columns follow the engine's source table
//! (`SOURCE_FIELDS`), so a new member is one row there. The verified figure itself is the bank's figure
//! on the 全市 sheet (the one that scores); the 核实数 column here is shown, not read.

use kaoping_engine::{Date, DateError, Field, Kind, Scenario, Scheme, SourceField, SourceKind, SOURCE_FIELDS};
use rust_decimal::Decimal;

use crate::grid::{Cell, Grid};
use crate::update::{Edit, Update};
use crate::xlsx::{Print, Sheet, Style, Value};
use crate::Problem;

/// The sheet's name.
pub const SOURCES_SHEET: &str = "来源";

const COMPLETE_KEY: &str = "verification_complete";

fn text(t: impl Into<String>) -> (Value, Style) {
    (Value::Text(t.into()), Style::Plain)
}

fn heading(t: impl Into<String>) -> (Value, Style) {
    (Value::Text(t.into()), Style::Header)
}

/// A figure as the sheet shows it: a number, 是/否 for a flag, blank when nothing.
fn figure(field: Field, value: Option<Decimal>) -> (Value, Style) {
    match (field.kind(), value) {
        (Kind::Flag, v) => text(if v.is_some() { "是" } else { "否" }),
        (_, None) => (Value::Empty, Style::Plain),
        (kind, Some(v)) => (Value::Number(v), if kind.is_whole() { Style::Whole } else { Style::Fixed2 }),
    }
}

/// A date cell as read: a date (a workbook's date cell reads as `2025-01-10`), a day number a program
/// stored without a date format, or a date as people type it; blank is no date.
pub(crate) fn read_date(cell: &Cell) -> Result<Option<Date>, DateError> {
    let text = cell.text().trim().to_owned();
    if text.is_empty() {
        return Ok(None);
    }
    match Date::parse(&text) {
        Ok(date) => Ok(Some(date)),
        Err(problem) => {
            let serial = matches!(cell, Cell::Number(_)).then(|| text.parse::<i64>().ok()).flatten();
            serial.and_then(Date::from_spreadsheet_serial).map(Some).ok_or(problem)
        }
    }
}

/// The 来源 sheet, when the scenario has any source, verified figure or the 核实完成 mark.
pub(crate) fn sheet(scheme: &Scheme, scenario: &Scenario) -> Option<Sheet> {
    if scenario.sources.is_empty() && scenario.verified.is_empty() && !scenario.verification_complete {
        return None;
    }
    let mut keys = vec![text("key"), text("bank")];
    keys.extend(SOURCE_FIELDS.iter().map(|s| text(s.key)));
    let mut headings = vec![text(""), heading("银行")];
    headings.extend(SOURCE_FIELDS.iter().map(|s| heading(s.label)));
    let mut rows = vec![keys, vec![text(""), (Value::Text("申报来源".to_owned()), Style::Section)], headings];
    for bank in &scheme.banks {
        let mut row = vec![text(""), text(&bank.short_name)];
        match scenario.sources.get(&bank.id) {
            Some(source) => {
                row[0] = text(format!("source.{}", bank.id));
                for spec in &SOURCE_FIELDS {
                    row.push(match (spec.field, source.date) {
                        (SourceField::Date, Some(date)) => (Value::Date(date), Style::Date),
                        (member, _) => text(member.get(source).unwrap_or_default()),
                    });
                }
            }
            None => row.push(text("（未收到申报）")),
        }
        rows.push(row);
    }
    rows.push(Vec::new());
    rows.push(vec![
        text(""),
        (Value::Text("核实记录（核实数即“全市”表中的数字，计分以其为准）".to_owned()), Style::Section),
    ]);
    rows.push(vec![
        text(""),
        heading("银行"),
        heading("项目"),
        heading("申报数"),
        heading("核实数"),
        heading("核实说明"),
    ]);
    let figures = scenario.verified_figures(scheme);
    if figures.is_empty() {
        rows.push(vec![text(""), text("（没有核实调整的数字）")]);
    }
    for f in &figures {
        let name = scheme.bank_index(&f.bank).and_then(|i| scheme.banks.get(i)).map_or("", |b| b.short_name.as_str());
        rows.push(vec![
            text(format!("verified.{}.{}", f.bank, f.field.key())),
            text(name),
            text(f.field.label()),
            figure(f.field, f.declared),
            figure(f.field, f.verified),
            (Value::Text(f.reason.clone()), Style::Wrap),
        ]);
    }
    rows.push(Vec::new());
    rows.push(vec![
        text(COMPLETE_KEY),
        (Value::Text("核实完成".to_owned()), Style::Header),
        text(if scenario.verification_complete { "是" } else { "否" }),
    ]);
    Some(Sheet {
        name: SOURCES_SHEET.to_owned(),
        rows,
        frozen_rows: 3,
        hidden_rows: vec![0],
        hidden_columns: vec![0],
        print: Print { repeat_rows: Some((2, 2)), ..Print::default() },
        ..Sheet::default()
    })
}

/// Reads the 来源 sheet back into `update`: each source, each verification (its declared value and
/// reason) and the 核实完成 mark. A row whose bank or figure is unknown, a declared value its figure
/// does not take, or a verification without its reason is a problem naming the cell.
pub(crate) fn read(grid: &Grid, scheme: &Scheme, update: &mut Update) {
    for row in 0..grid.rows.len() {
        let key = grid.cell(row, 0).text().trim().to_owned();
        let place = grid.place(row, 0);
        if let Some(id) = key.strip_prefix("source.") {
            let Some(bank) = scheme.bank_index(id) else {
                update.problems.push(Problem::at(place, format!("来源：没有代码为“{id}”的银行")));
                continue;
            };
            let mut source = kaoping_engine::Source::default();
            for (i, spec) in SOURCE_FIELDS.iter().enumerate() {
                let column = 2 + i;
                let cell = grid.cell(row, column);
                let text = cell.text().trim().to_owned();
                let read = match spec.kind {
                    SourceKind::Date => read_date(cell).map(|date| source.date = date),
                    SourceKind::Text => spec.field.set(&mut source, &text),
                };
                if let Err(problem) = read {
                    update.problems.push(Problem::at(
                        grid.place(row, column),
                        format!("{}：“{text}” {}", spec.label, problem.zh()),
                    ));
                }
            }
            if source.file.is_empty() {
                update.problems.push(Problem::at(grid.place(row, 2), "来源文件不能为空".to_owned()));
                continue;
            }
            update.edits.push(Edit::Source { bank, source, place });
        } else if let Some(rest) = key.strip_prefix("verified.") {
            let Some((id, field_key)) = rest.split_once('.') else { continue };
            let (Some(bank), Some(field)) = (scheme.bank_index(id), Field::from_key(field_key)) else {
                update.problems.push(Problem::at(place, format!("核实记录：无法识别“{rest}”")));
                continue;
            };
            let declared_cell = grid.cell(row, 3);
            let declared = match (field.kind(), declared_cell) {
                (Kind::Flag, Cell::Text(t)) if t.trim() == "否" => Ok(None),
                _ => field.read(&declared_cell.text()),
            };
            let declared = match declared {
                Ok(value) => value.filter(|v| !(field.kind() == Kind::Flag && v.is_zero())),
                Err(reason) => {
                    update.problems.push(Problem::at(grid.place(row, 3), format!("{}：{reason}", field.spec().short)));
                    continue;
                }
            };
            let reason = grid.cell(row, 5).text().trim().to_owned();
            if reason.is_empty() {
                update.problems.push(Problem::at(grid.place(row, 5), "核实说明不能为空".to_owned()));
                continue;
            }
            let verification = kaoping_engine::Verification { declared, reason };
            update.edits.push(Edit::Verification { bank, field, verification, place });
        } else if key == COMPLETE_KEY {
            let value = grid.cell(row, 2).text().trim().to_owned();
            match value.as_str() {
                "是" | "1" | "true" | "TRUE" => update.edits.push(Edit::Complete { value: true, place }),
                "否" | "0" | "false" | "FALSE" | "" => update.edits.push(Edit::Complete { value: false, place }),
                _ => {
                    update.problems.push(Problem::at(grid.place(row, 2), format!("核实完成：“{value}” 须为“是”或“否”")))
                }
            }
        }
    }
}
