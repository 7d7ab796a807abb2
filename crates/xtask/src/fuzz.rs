//! `cargo xtask fuzz <target> [--seconds N]`: coverage-guided fuzzing with libFuzzer, through
//! cargo-fuzz, of the targets in `fuzz/` (a workspace of its own, so normal builds never compile it).
//!
//! Runs on the stable toolchain: the targets are built with `--sanitizer none` (the engine has no
//! unsafe code for AddressSanitizer to watch, and ASan needs nightly flags) and with debug
//! assertions, so that an integer overflow is a crash rather than a wrong number. Coverage comes
//! from LLVM's sanitizer-coverage passes, which stable rustc has.
//!
//! The corpus each target grows is kept in `fuzz/corpus/<target>/` (not committed); the scenario
//! target is seeded with the project's scenario files and past findings. A crash is saved in
//! `fuzz/artifacts/<target>/`; keep it as a readable file under `tests/fuzz-regressions/<target>/`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::{command, run};

/// The targets, each a file in `fuzz/fuzz_targets/`.
pub const TARGETS: &[(&str, &str)] = &[
    ("scenario", "any bytes as a scenario file: refused or scored, never a panic; what is read round-trips"),
    ("values", "any text through parse_exact and every bounded value type; accepted values read back"),
    ("input", "any text through the page's forgiving clean-up (kaoping-web input::normalize), then the engine"),
    ("solve", "a few banks' loan balances and a rank: loans_for_rank's answer is right"),
    ("sheets_file", "any bytes as an imported workbook, CSV or TSV file: all or nothing, the worker's way equal"),
    ("sheets_paste", "any text pasted anywhere in 全市总览: all or nothing, the worker's way equal"),
    ("share_link", "any text as a share link: opened or refused; an opened one makes the same link"),
    ("scheme", "any bytes as a scheme file: refused or scored under, never a panic; what is read reads back alike"),
];

/// Seed files copied into a target's corpus before it runs: the project's scenario files and past
/// findings for `scenario`, real workbooks and the catalogue's CSV files for `sheets_file`, a real
/// link for `share_link` (the other targets start from nothing and find their way quickly). Only
/// the scenario files themselves: libFuzzer caps an input at the size of its largest seed, and the
/// 100 KB result file beside them would slow the target for nothing.
fn seeds(root: &Path, target: &str) -> Vec<PathBuf> {
    let listed = |dir: &str, suffix: &str| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return Vec::new() };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
            .collect();
        files.sort();
        files
    };
    match target {
        "scenario" => {
            let mut files = listed("tests/scenarios", ".scenario.json");
            files.extend(listed("tests/fuzz-regressions/scenario", ""));
            files
        }
        // The bad-file catalogue's CSV/TSV files and real workbooks: one written by Kaoping, one
        // saved again by LibreOffice (its own zip, shared strings and styles).
        "sheets_file" => {
            let mut files = listed("tests/sheets", ".csv");
            files.extend(listed("tests/sheets", ".tsv"));
            files.extend(listed("tests/sheets/seeds", ".xlsx"));
            files.extend(listed("tests/fuzz-regressions/sheets_file", ""));
            files
        }
        "share_link" => listed("tests/sheets/seeds", ".link.txt"),
        // The synthetic 2025 scheme: every part of the format in one file.
        "scheme" => listed("tests/schemes", ".scheme.json"),
        _ => Vec::new(),
    }
}

/// What one run did, from libFuzzer's last lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Executions of the target (`Done N runs in S second(s)`).
    pub runs: u64,
    /// Seconds it ran.
    pub seconds: u64,
}

pub fn task(args: &[String]) -> Result<(), String> {
    let mut target = None;
    let mut seconds: u64 = 60;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = rest.next().ok_or("--seconds needs a number")?;
                seconds = value.parse().map_err(|_| format!("--seconds: `{value}` is not a whole number"))?;
            }
            name if target.is_none() && !name.starts_with('-') => target = Some(name.to_owned()),
            other => return Err(format!("fuzz: unexpected `{other}`\n\n{}", usage())),
        }
    }
    let target = target.ok_or_else(usage)?;
    let targets: Vec<&str> = match target.as_str() {
        "all" => TARGETS.iter().map(|(name, _)| *name).collect(),
        name if TARGETS.iter().any(|(t, _)| *t == name) => vec![name],
        other => return Err(format!("fuzz: no target `{other}`\n\n{}", usage())),
    };

    let root = crate::project_root();
    ensure_cargo_fuzz(&root)?;
    let mut outcomes = Vec::new();
    for target in targets {
        let outcome = fuzz(&root, target, seconds)?;
        outcomes.push((target, outcome));
    }
    println!("\nfuzzing done, no crash:");
    for (target, outcome) in &outcomes {
        println!("  {target:<9} {:>11} executions in {:>5} s", group(outcome.runs), outcome.seconds);
    }
    let total: u64 = outcomes.iter().map(|(_, o)| o.runs).sum();
    println!("  {:<9} {:>11} executions", "total", group(total));
    Ok(())
}

fn usage() -> String {
    let mut text =
        String::from("usage: cargo xtask fuzz <target|all> [--seconds N]   (default 60 s a target)\n\ntargets:\n");
    for (name, what) in TARGETS {
        text.push_str(&format!("  {name:<9} {what}\n"));
    }
    text
}

fn ensure_cargo_fuzz(root: &Path) -> Result<(), String> {
    let present = command(root, "cargo", &["fuzz", "--version"]).output().is_ok_and(|out| out.status.success());
    if !present {
        println!("xtask: installing cargo-fuzz (about 2 minutes)");
        run(root, "cargo", &["install", "--locked", "cargo-fuzz"])?;
    }
    Ok(())
}

/// Runs one target for `seconds`, echoing libFuzzer's output, and reads how many runs it made.
fn fuzz(root: &Path, target: &str, seconds: u64) -> Result<Outcome, String> {
    let corpus = format!("fuzz/corpus/{target}");
    std::fs::create_dir_all(root.join(&corpus)).map_err(|e| format!("{corpus}: {e}"))?;
    for seed in seeds(root, target) {
        let name = seed.file_name().map(|n| format!("seed-{}", n.to_string_lossy())).unwrap_or_default();
        std::fs::copy(&seed, root.join(&corpus).join(name)).map_err(|e| format!("{}: {e}", seed.display()))?;
    }
    let max_time = format!("-max_total_time={seconds}");
    let args = ["fuzz", "run", "--sanitizer", "none", "--debug-assertions", target, corpus.as_str(), "--", &max_time];
    println!("\n==> cargo {}", args.join(" "));

    // libFuzzer reports on stderr; it is echoed line by line and its last summary kept.
    let mut child = command(root, "cargo", &args)
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    let mut outcome = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Some(done) = parse_done(&line) {
                outcome = Some(done);
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!(
            "fuzz target `{target}` failed ({status}); the input is in fuzz/artifacts/{target}/ \
             (replay: cargo fuzz run --sanitizer none --debug-assertions {target} <file>)"
        ));
    }
    outcome.ok_or_else(|| format!("fuzz target `{target}` ended without libFuzzer's `Done` line"))
}

/// libFuzzer's last line: `Done 3611153 runs in 31 second(s)`.
fn parse_done(line: &str) -> Option<Outcome> {
    let rest = line.strip_prefix("Done ")?;
    let (runs, rest) = rest.split_once(" runs in ")?;
    let seconds = rest.split_whitespace().next()?;
    Some(Outcome { runs: runs.parse().ok()?, seconds: seconds.parse().ok()? })
}

/// 1234567 as `1,234,567` (also for `cargo xtask bench`'s instruction count).
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_summary() {
        assert_eq!(parse_done("Done 3611153 runs in 31 second(s)"), Some(Outcome { runs: 3_611_153, seconds: 31 }));
        assert_eq!(parse_done("#3611153\tDONE   cov: 619 ft: 1192"), None);
    }

    #[test]
    fn every_target_has_a_file() {
        let dir = crate::project_root().join("fuzz/fuzz_targets");
        for (name, _) in TARGETS {
            assert!(dir.join(format!("{name}.rs")).is_file(), "fuzz/fuzz_targets/{name}.rs");
        }
        let scenarios = seeds(&crate::project_root(), "scenario");
        assert!(scenarios.iter().any(|p| p.ends_with("full-16-banks.scenario.json")), "{scenarios:?}");
        assert!(!scenarios.iter().any(|p| p.ends_with("worked-example-1.result.json")), "{scenarios:?}");
        let files = seeds(&crate::project_root(), "sheets_file");
        assert!(files.iter().any(|p| p.ends_with("libreoffice-saved.xlsx")), "{files:?}");
        assert!(files.iter().any(|p| p.ends_with("forgiving.tsv")), "{files:?}");
        assert_eq!(seeds(&crate::project_root(), "share_link").len(), 1);
        let schemes = seeds(&crate::project_root(), "scheme");
        assert!(schemes.iter().any(|p| p.ends_with("2025-synthetic.scheme.json")), "{schemes:?}");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(group(999), "999");
    }
}
