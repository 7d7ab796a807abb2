//! `kaoping scheme …` and `--scheme FILE` as the bureau uses them: export the built-in scheme and
//! score under the file exactly as under the built-in one; check a file; roll a scheme forward; score
//! a 2024 scenario under the synthetic 2025 scheme; refuse a bad file naming its place.

use std::path::PathBuf;
use std::process::{Command, Output};

fn kaoping(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaoping")).args(args).env("RUST_BACKTRACE", "1").output().expect("kaoping runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

/// A file in a folder of this test's own under the build's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scheme-cli");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir.join(name)
}

/// The built-in scheme exported to a file of the calling test's own (tests run at the same time).
fn exported_2024(name: &str) -> String {
    let out = kaoping(&["scheme", "export", "2024"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = scratch(&format!("{name}.scheme.json"));
    std::fs::write(&path, &out.stdout).expect("written");
    path.to_string_lossy().into_owned()
}

#[test]
fn every_golden_file_scores_the_same_under_the_exported_2024_scheme() {
    let scheme = exported_2024("golden");
    let dir = PathBuf::from(repo("tests/scenarios"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    for file in files {
        let file = file.to_string_lossy().into_owned();
        for command in [vec!["score", &file], vec!["score", "--table", &file], vec!["explain", &file, "--bank", "icbc"]]
        {
            let built_in = kaoping(&command);
            let mut with_file = command.clone();
            with_file.extend(["--scheme", &scheme]);
            let from_file = kaoping(&with_file);
            assert!(
                built_in.status.success() && from_file.status.success(),
                "{command:?}: {}",
                text(&from_file.stderr)
            );
            assert_eq!(text(&from_file.stdout), text(&built_in.stdout), "{command:?}");
            assert_eq!(text(&from_file.stderr), "", "{command:?}: nothing to say for a 2024 scenario under 2024");
        }
    }
}

#[test]
fn check_prints_what_the_file_holds_and_what_differs() {
    let out = kaoping(&["scheme", "check", &repo("tests/schemes/2025-synthetic.scheme.json")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    for expected in [
        "可以使用：2025年度（测试〔2025〕1号）",
        "考评对象 15 家：adbc 农发行、icbc 工商银行",
        "档次：第 1–10 名 贡献突出单位；第 11 名及以后 贡献积极单位",
        "附件1 | 2024年末贷款余额 合计 | 合计 2699.20，15 家之和",
        "与 2024年度（黄政办发〔2024〕10号） 相比：",
        "不再考评：光大银行（ceb）",
    ] {
        assert!(printed.contains(expected), "{expected}\n---\n{printed}");
    }
    let details = kaoping(&["scheme", "check", &repo("tests/schemes/2025-synthetic.scheme.json"), "--details"]);
    assert!(
        text(&details.stdout).contains("  附件1 工商银行 2024年末贷款余额：256.05 → 294.46\n"),
        "{}",
        text(&details.stdout)
    );
    let same = kaoping(&["scheme", "check", &exported_2024("check")]);
    assert!(text(&same.stdout).contains("完全相同"), "{}", text(&same.stdout));
}

#[test]
fn a_bad_scheme_file_exits_2_naming_the_place() {
    let good = std::fs::read_to_string(repo("tests/schemes/2025-synthetic.scheme.json")).expect("readable");
    let bad = good.replacen("\"task\": \"15\"", "\"task\": \"-15\"", 1);
    assert_ne!(bad, good);
    let path = scratch("negative-rate.scheme.json");
    std::fs::write(&path, bad).expect("written");
    let path = path.to_string_lossy().into_owned();
    for args in [
        vec!["scheme", "check", &path],
        vec!["score", &repo("tests/scenarios/template.scenario.json"), "--scheme", &path],
    ] {
        let out = kaoping(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("annexes.loans.rates_pct.task: \"-15\" is negative; it cannot be")
                && err.contains("附件1（annexes.loans.rates_pct.task）：“-15” 为负数，不能为负"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let missing = kaoping(&["score", &repo("tests/scenarios/template.scenario.json"), "--scheme", "no-such.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).starts_with("kaoping: no-such.json: cannot read it"), "{}", text(&missing.stderr));
    let misplaced = kaoping(&["scheme", "export", "2024", "--scheme", "x.json"]);
    assert_eq!(misplaced.status.code(), Some(2), "--scheme is for scoring commands");
}

#[test]
fn new_rolls_a_scheme_forward_to_a_draft_that_checks() {
    let out = kaoping(&["scheme", "new", "--from", "2024", "--year", "2025"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("projections"), "the draft says its figures are projections");
    let draft: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(draft["year"], 2025);
    assert_eq!(draft["document"]["number"], "");
    let icbc = &draft["annexes"]["loans"]["rows"][1];
    assert_eq!(
        (icbc["bank"].as_str(), icbc["balance_2023"].as_str(), icbc["task"].as_str()),
        (Some("icbc"), Some("294.46"), Some("44.17"))
    );
    let path = scratch("2025-draft.scheme.json");
    std::fs::write(&path, &out.stdout).expect("written");
    let check = kaoping(&["scheme", "check", &path.to_string_lossy()]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("提示：文号（document.number）未填写"), "{}", text(&check.stdout));
    // From a file too, and never backwards.
    let again = kaoping(&["scheme", "new", "--from", &path.to_string_lossy(), "--year", "2026"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let backwards = kaoping(&["scheme", "new", "--from", "2024", "--year", "2023"]);
    assert_eq!(backwards.status.code(), Some(2));
}

#[test]
fn a_2024_scenario_is_scored_under_the_2025_scheme_with_a_note() {
    let scheme = repo("tests/schemes/2025-synthetic.scheme.json");
    let scenario = repo("tests/scenarios/worked-example-1.scenario.json");
    let out = kaoping(&["score", &scenario, "--scheme", &scheme]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(result["year"], 2025);
    assert_eq!(result["scheme"]["number"], "测试〔2025〕1号");
    assert_eq!(result["banks"].as_array().map(Vec::len), Some(15));
    let err = text(&out.stderr);
    assert!(
        err.contains("was made under the 2024 scheme; scored under 2025年度（测试〔2025〕1号） (fingerprint "),
        "{err}"
    );
    let table = kaoping(&["score", "--table", &scenario, "--scheme", &scheme]);
    assert!(text(&table.stdout).contains("考评方案：2025年度（测试〔2025〕1号）"), "{}", text(&table.stdout));
    // The 2025 template has the 2025 banks; a band the scheme lacks is no goal.
    let template = kaoping(&["template", "--scheme", &scheme]);
    let template: serde_json::Value = serde_json::from_slice(&template.stdout).expect("JSON");
    assert_eq!(template["banks"].as_array().map(Vec::len), Some(15));
    let solve = kaoping(&[
        "solve",
        &scenario,
        "--bank",
        "icbc",
        "--lever",
        "loans",
        "--goal",
        "band=general",
        "--scheme",
        &scheme,
    ]);
    assert_eq!(solve.status.code(), Some(2), "{}", text(&solve.stdout));
}

/// `scheme new --annexes`: the bureau's workbook, filled in with openpyxl and saved again by
/// LibreOffice (tests/schemes/make.py), gives the synthetic 2025 scheme's banks and figures: the tasks
/// left empty are base × rate, the task written in wins.
#[test]
fn new_reads_the_banks_and_annexes_from_the_bureaus_workbook() {
    let synthetic = kaoping_engine::Scheme::from_json(
        &std::fs::read_to_string(repo("tests/schemes/2025-synthetic.scheme.json")).expect("readable"),
    )
    .expect("good");
    for book in ["2025-annexes-openpyxl.xlsx", "2025-annexes-libreoffice.xlsx"] {
        let out = kaoping(&[
            "scheme",
            "new",
            "--from",
            "2024",
            "--year",
            "2025",
            "--annexes",
            &repo(&format!("tests/schemes/{book}")),
        ]);
        assert!(out.status.success(), "{book}: {}", text(&out.stderr));
        let made = kaoping_engine::Scheme::from_json(&text(&out.stdout)).expect("a good scheme file");
        assert_eq!(made.banks, synthetic.banks, "{book}: 光大银行 deleted from 考评对象");
        for table in &made.annexes.tables {
            let theirs = synthetic.annexes.table(&table.key).expect("same tables");
            for (column, figures) in &table.figures {
                let expected = &theirs.figures.iter().find(|(k, _)| k == column).expect("same columns").1;
                for (i, (got, want)) in figures.iter().zip(expected).enumerate() {
                    let bank = &made.banks[i].id;
                    if (table.key.as_str(), column.as_str(), bank.as_str()) == ("sme", "task", "icbc") {
                        // Written in by hand: it wins over 129.23 × 15% = 19.38.
                        assert_eq!(got.to_string(), "20.00", "{book}: the stated task wins");
                        assert_eq!(want.to_string(), "19.38");
                    } else {
                        assert_eq!(got, want, "{book}: {} {column} {bank}", table.key);
                    }
                }
            }
            assert_eq!(table.rates_pct, theirs.rates_pct, "{book}: {} rates, the same on every row", table.key);
        }
        let stated = made.annexes.table("loans").and_then(|t| t.stated_total.iter().find(|(k, _)| k == "balance_2023"));
        assert_eq!(stated.map(|(_, v)| v.to_string()), Some("2699.20".to_owned()), "{book}: the 合计 row typed in");
    }
}

#[test]
fn a_bad_workbook_names_every_refused_cell() {
    let out = kaoping(&[
        "scheme",
        "new",
        "--from",
        "2024",
        "--year",
        "2025",
        "--annexes",
        &repo("tests/schemes/2025-annexes-bad.xlsx"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no scheme file when a cell is refused");
    let err = text(&out.stderr);
    for expected in [
        "附件1!C6：“三百七十七” “三” 不是数字",
        "附件1!E8：“2025年一季度“开门红”增量任务（按10%增长）”与其增长率都未填",
        "附件3!A19：“ceb” 不在“考评对象”表中",
        "附件4!D5：增长率 -15% 为负数，不能为负",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    assert_eq!(err.lines().count(), 4, "one line a cell, nothing else:\n{err}");
    // A workbook that reads but makes a scheme the engine refuses: told at the cell.
    let out = kaoping(&[
        "scheme",
        "new",
        "--from",
        "2024",
        "--year",
        "2025",
        "--annexes",
        &repo("tests/schemes/2025-annexes-zero-base.xlsx"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("附件2!C11：“0” 须大于 0（计分以它为基数或除数）（annexes.sme.rows[7].balance_2023）"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_annex_workbook_reads_back_as_the_scheme_it_was_made_of() {
    let book = scratch("annexes-2025.xlsx");
    let book = book.to_string_lossy();
    let out = kaoping(&["scheme", "template", "--xlsx", &book, "--from", "2024", "--year", "2025"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let from_book = kaoping(&["scheme", "new", "--from", "2024", "--year", "2025", "--annexes", &book]);
    let projected = kaoping(&["scheme", "new", "--from", "2024", "--year", "2025"]);
    assert!(from_book.status.success(), "{}", text(&from_book.stderr));
    let (a, b) = (
        kaoping_engine::Scheme::from_json(&text(&from_book.stdout)).expect("good"),
        kaoping_engine::Scheme::from_json(&text(&projected.stdout)).expect("good"),
    );
    assert_eq!(a.banks, b.banks);
    for (x, y) in a.annexes.tables.iter().zip(&b.annexes.tables) {
        assert_eq!(x.figures, y.figures, "{}", x.key);
        assert_eq!(x.stated_total, y.stated_total, "{}", x.key);
        assert_eq!(x.rates_pct, y.rates_pct, "{}", x.key);
    }
}
