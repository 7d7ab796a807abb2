//! 汇总 in the spreadsheet module (issue 17; 三、考评组织 “各银行业金融机构申报”): several returned
//! files — 申报表, fill-in templates, city tables, scenario files — each read as one bank's (or
//! several banks') declaration (`declaration::read`) and gathered into the working scenario by the
//! engine (`kaoping_engine::collect`), answered as an import preview, so the page shows and applies
//! it with the import preview it already has (one edit that 撤销 takes back).
//!
//! The preview says, per bank, whether it was received, from which file (填报人, 联系电话, 填报日期)
//! and what changes (its notes and changes), and which banks were not received (they stay as they
//! are). A file that cannot be read, and a conflict — two files for one bank with different figures,
//! or a file that names one bank and carries another's row — are refused cells with both file names
//! and the figures that differ: nothing is applied while one stands. The user settles a conflict by
//! gathering again without the file that should not count, by choosing a file for the bank
//! ([`Resolution`], which `Job::Collect` carries), or imports the rest (导入其余): every bank not in
//! conflict, the others left as they are.

use kaoping_engine::{collect, Conflict, Declaration, Resolution, Scenario, Scheme};

use crate::update::{show, Change, Choice, Preview};
use crate::Problem;

/// What 汇总 found: the preview, the scenario with everything gathered (or why not), and the
/// scenario without the banks in conflict (when some are and something is left).
pub type Gathered = (Preview, Result<Scenario, Vec<Problem>>, Option<Scenario>);

/// Reads each file (`files`: name and size, their bytes one after another in `bytes`) as a
/// declaration and gathers them into `scenario`.
pub fn gather(
    scheme: &Scheme,
    scenario: &Scenario,
    files: &[(String, usize)],
    resolutions: &[Resolution],
    bytes: &[u8],
) -> Gathered {
    let mut declarations = Vec::new();
    let mut problems = Vec::new();
    let mut at = 0usize;
    for (name, size) in files {
        let end = at.saturating_add(*size).min(bytes.len());
        match crate::declaration::read(bytes.get(at..end).unwrap_or_default(), name, scheme) {
            Ok(declaration) => declarations.push(declaration),
            Err(refused) => {
                let whole = refused.iter().any(Problem::is_whole_file);
                problems.extend(refused.into_iter().map(|p| {
                    let place = if p.place.is_empty() { name.clone() } else { format!("{name} {}", p.place) };
                    // A whole file refused is not whole-file for the gathering: the rest may go ahead.
                    Problem::at(place, if whole { format!("{}（本文件不计入汇总）", p.message) } else { p.message })
                }));
            }
        }
        at = end;
    }
    let collection = collect(scheme, scenario, &declarations, resolutions);
    let name = |id: &str| {
        scheme.bank_index(id).and_then(|i| scheme.banks.get(i)).map_or_else(|| id.to_owned(), |b| b.short_name.clone())
    };
    let mut in_conflict: Vec<&str> = Vec::new();
    let mut wrong_files: Vec<&str> = Vec::new();
    let mut choices = Vec::new();
    let choose = |bank: &str, file: &str| Choice {
        resolution: Resolution { bank: bank.to_owned(), file: file.to_owned() },
        label: format!("以“{file}”为{}的申报", name(bank)),
    };
    for conflict in &collection.conflicts {
        let place = match conflict {
            Conflict::Differ { bank, first, second, .. } => {
                in_conflict.push(bank);
                choices.extend([choose(bank, first), choose(bank, second)]);
                format!("{first} / {second}")
            }
            Conflict::WrongBank { file, carries, .. } => {
                wrong_files.push(file);
                choices.push(choose(carries, file));
                file.clone()
            }
        };
        problems.push(Problem::at(place, format!("{}。请在下方选定应计入的一份", conflict.zh(scheme))));
    }
    let conflicts = problems.len() - collection.conflicts.len()..problems.len();
    let mut preview = Preview::default();
    let mut missing = Vec::new();
    for receipt in &collection.receipts {
        let Some(source) = &receipt.source else {
            missing.push(name(&receipt.bank));
            continue;
        };
        preview.banks += 1;
        preview.notes.push(Problem::at(name(&receipt.bank), receipt.zh(scheme)));
        let bank = name(&receipt.bank);
        for change in &receipt.changes {
            let (unit, kind) = (change.field.unit().symbol(), Some(change.field.kind()));
            preview.changes.push(Change {
                place: source.file.clone(),
                bank: Some(bank.clone()),
                what: change.field.spec().short.to_owned(),
                before: show(change.before, unit, kind),
                after: show(change.after, unit, kind),
            });
        }
    }
    if !missing.is_empty() {
        preview.notes.push(Problem::file(format!(
            "未收到 {} 家（保持当前测算的数字）：{}",
            missing.len(),
            missing.join("、")
        )));
    }
    // 导入其余: every declaration but the banks in conflict and the files that name another bank.
    let rest = if problems.is_empty() {
        None
    } else {
        let kept: Vec<Declaration> = declarations
            .iter()
            .filter(|d| !wrong_files.contains(&d.file.as_str()))
            .map(|d| {
                let mut d = d.clone();
                d.rows.retain(|row| !in_conflict.contains(&row.bank.as_str()));
                d
            })
            .filter(|d| !d.rows.is_empty())
            .collect();
        if kept.is_empty() {
            None
        } else {
            collect(scheme, scenario, &kept, resolutions).scenario
        }
    };
    preview.rest_possible = rest.is_some();
    // 导入其余 is offered only where something else can be applied: a conflict says so only then.
    if preview.rest_possible {
        for problem in &mut problems[conflicts] {
            problem.message.push_str("，或先“导入其余”");
        }
    }
    let applied = match collection.scenario {
        Some(gathered) if problems.is_empty() => Ok(gathered),
        _ => Err(problems.clone()),
    };
    preview.problems = problems;
    preview.choices = choices;
    preview.conflicts = collection.conflicts.len();
    (preview, applied, rest)
}
