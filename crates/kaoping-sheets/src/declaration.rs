//! 申报: one file as a declaration of banks' figures, for 汇总 (`kaoping_engine::collect`).
//!
//! A file is read the way every other file is: a bank's 申报表 (`form.rs`: one bank, named, with
//! 填报人, 联系电话 and 填报日期), a table of banks (the 填报 template, the 全市 sheet, a CSV) through the
//! same reader as 导入, or a scenario file (`kaoping-scenario/1`) as the banks it lists, with their
//! sources if it has them. Every bank row becomes a `DeclaredRow` holding each
//! figure the file has a box for — blank where it was left blank — so that collecting can tell a
//! figure declared blank from one the file does not carry.
//!
//! A file the bureau exported after 核实 carries verified figures beside their declarations (the
//! scenario's `verified`, the workbook's 来源 sheet). Such a figure is declared as the bank declared it,
//! never as verified: 汇总 gathers declarations, and a verified value taken as one would lose the
//! declaration and the reason. The verifications themselves come in with 导入文件.

use kaoping_engine::{Declaration, DeclaredRow, Field, Scenario, Scheme};

use crate::update::{Edit, Update};
use crate::{file_kind, form, read_source, table, FileKind, Problem, ReadOptions};

/// Reads one file as a declaration; `Err` lists every refused cell (or what is wrong with the file),
/// and then nothing of the file counts.
pub fn read(bytes: &[u8], file_name: &str, scheme: &Scheme) -> Result<Declaration, Vec<Problem>> {
    if file_kind(bytes) == FileKind::Json {
        let text = String::from_utf8_lossy(bytes);
        let scenario =
            Scenario::from_json(&text).map_err(|e| vec![Problem::file(format!("情景文件不能读取：{}", e.zh()))])?;
        return Ok(from_scenario(&scenario.declared(), file_name));
    }
    let grids = read_source(bytes, file_name).map_err(|problem| vec![problem])?.0;
    let mut update = Update::new(file_name);
    if let Some(grid) = grids.iter().find(|g| form::is_form(g)) {
        let form = form::read(grid, scheme, &mut update);
        return form::declaration(form, update, scheme);
    }
    table::read_workbook(&grids, scheme, &ReadOptions::default(), &mut update);
    if !update.problems.is_empty() {
        return Err(update.problems);
    }
    // The declared value of each figure the 来源 sheet lists as verified.
    let declared = |bank: usize, field: Field| {
        update.edits.iter().find_map(|edit| match edit {
            Edit::Verification { bank: b, field: f, verification, .. } if *b == bank && *f == field => {
                Some(verification.declared)
            }
            _ => None,
        })
    };
    let mut rows: Vec<DeclaredRow> = Vec::new();
    for edit in &update.edits {
        let Edit::Figure { bank, field, value, .. } = edit else { continue };
        let value = declared(*bank, *field).unwrap_or(*value);
        let Some(info) = scheme.banks.get(*bank) else { continue };
        let at = match rows.iter().position(|r| r.bank == info.id) {
            Some(at) => at,
            None => {
                rows.push(DeclaredRow { bank: info.id.clone(), figures: Vec::new() });
                rows.len() - 1
            }
        };
        rows[at].figures.push((*field, value));
    }
    if rows.is_empty() {
        return Err(vec![Problem::file(format!("文件“{file_name}”中没有找到任何银行的数据"))]);
    }
    Ok(Declaration { file: file_name.to_owned(), rows, ..Declaration::default() })
}

/// A scenario file as a declaration: every bank it lists, with every figure a bank declares (not
/// entered: declared blank) and any other it has, and the 填报人, 联系电话 and 填报日期 of its own source when the file has
/// exactly one bank with one.
fn from_scenario(scenario: &Scenario, file_name: &str) -> Declaration {
    let rows: Vec<DeclaredRow> = scenario
        .banks
        .iter()
        .map(|bank| DeclaredRow {
            bank: bank.id.clone(),
            // What a bank declares, blank or not; anything else only where the file has it, so that
            // collecting can say it was not taken.
            figures: Field::ALL
                .into_iter()
                .filter(|f| f.is_declared() || f.is_entered(bank))
                .map(|f| (f, f.get(bank)))
                .collect(),
        })
        .collect();
    let mut declaration = Declaration { file: file_name.to_owned(), rows, ..Declaration::default() };
    if let ([row], Some(source)) = (declaration.rows.as_slice(), scenario.sources.values().next()) {
        if scenario.sources.len() == 1 && scenario.sources.contains_key(&row.bank) {
            declaration.reporter.clone_from(&source.reporter);
            declaration.phone.clone_from(&source.phone);
            declaration.date = source.date;
        }
    }
    declaration
}
