//! `kaoping collect FILE... [--into S] [--pick BANK=FILE]...`: the banks' declarations gathered into
//! one scenario (汇总), printed as `kaoping-scenario/1`; the report (per bank: received from which
//! file, what changed against `--into`; the banks not received) goes to standard error.
//!
//! A conflict — two files for the same bank with different figures, or a file that names one bank
//! and carries another's row — exits 2, naming both files and the figures that differ, and prints no
//! scenario; `--pick BANK=FILE` says which file counts for the bank.

use clap::Args;
use kaoping_engine::{collect, Collection, Declaration, Resolution, Scenario, Scheme};

use crate::{load, read_bytes, Failure};

/// The arguments of `kaoping collect`.
#[derive(Debug, Args)]
pub(crate) struct CollectArgs {
    /// The declarations: 申报表 workbooks, tables of several banks, or scenario files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// The scenario the declarations go into (default: an empty one of the year).
    #[arg(long, value_name = "FILE")]
    into: Option<String>,
    /// For a conflict: the file whose figures count for the bank (`icbc=申报表-工商银行.xlsx`).
    #[arg(long, value_name = "BANK=FILE")]
    pick: Vec<String>,
}

/// The merged scenario on standard output and the report on standard error, or the conflicts.
pub(crate) fn run(args: CollectArgs) -> Result<String, Failure> {
    let (scheme, base) = match &args.into {
        Some(file) => load(file)?,
        None => {
            let scheme = Scheme::builtin(2024).map_err(|e| Failure::input(e.to_string()))?;
            (scheme, Scenario::new(scheme.year))
        }
    };
    let mut declarations = Vec::with_capacity(args.files.len());
    let mut problems = Vec::new();
    for file in &args.files {
        let bytes = read_bytes(file)?;
        let name = file_name(file);
        match kaoping_sheets::declaration::read(&bytes, &name, scheme) {
            Ok(declaration) => declarations.push(declaration),
            Err(refused) => problems.extend(refused.iter().map(|p| format!("{file}: {p}"))),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::input(problems.join("\n")));
    }
    let picks = args.pick.iter().map(|p| pick(scheme, p, &declarations)).collect::<Result<Vec<_>, _>>()?;
    let collection = collect(scheme, &base, &declarations, &picks);
    if !collection.conflicts.is_empty() {
        let mut lines: Vec<String> = collection.conflicts.iter().map(|c| format!("冲突：{}", c.zh(scheme))).collect();
        lines.push("选定一份后重新汇总，例如 --pick 银行代码=文件名".to_owned());
        return Err(Failure::input(lines.join("\n")));
    }
    eprint!("{}", report(scheme, &collection, declarations.len()));
    Ok(collection.scenario.map(|s| s.to_json() + "\n").unwrap_or_default())
}

/// A file's name without its folder, as the declarations name it.
fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// `icbc=申报表-工商银行.xlsx`: the bank by id or name, the file by its name or path as given.
fn pick(scheme: &Scheme, text: &str, declarations: &[Declaration]) -> Result<Resolution, Failure> {
    let bad = |why: &str| Failure::input(format!("--pick: \"{text}\" {why}"));
    let (bank, file) = text.split_once('=').ok_or_else(|| bad("is not BANK=FILE"))?;
    let bank = kaoping_sheets::table::bank_for(scheme, bank.trim())
        .and_then(|i| scheme.banks.get(i))
        .map(|b| b.id.clone())
        .ok_or_else(|| bad("names no bank of the scheme"))?;
    let file = file_name(file.trim());
    if !declarations.iter().any(|d| d.file == file) {
        return Err(bad("names none of the files collected"));
    }
    Ok(Resolution { bank, file })
}

/// The report: one line per bank in annex order, then the banks not received.
fn report(scheme: &Scheme, collection: &Collection, files: usize) -> String {
    let received = collection.received().count();
    let missing: Vec<&str> = collection
        .not_received()
        .filter_map(|r| scheme.bank_index(&r.bank).and_then(|i| scheme.banks.get(i)))
        .map(|b| b.short_name.as_str())
        .collect();
    let mut out = format!("汇总：{files} 个文件，收到 {received} 家银行，未收到 {} 家\n", missing.len());
    for receipt in collection.received() {
        out.push_str(&format!("{}\n", receipt.zh(scheme)));
    }
    if !missing.is_empty() {
        out.push_str(&format!(
            "未收到（保持原情景的数字；未填写的年末余额按恰好完成任务计）：{}\n",
            missing.join("、")
        ));
    }
    out
}
