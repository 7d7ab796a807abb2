//! Scenario files with their expected results beside them: `tests/scenarios/NAME.scenario.json` is
//! scored and compared with `NAME.expected.txt`, a readable snapshot of every bank's outcome and, for
//! the banks the file lists, every item's points and working. `worked-example-1` also keeps its whole
//! `kaoping-result/1` JSON, to pin the result format.
//!
//! After a deliberate change, `UPDATE_EXPECT=1 cargo test -p kaoping-engine --test golden` rewrites the
//! snapshots; read the diff before committing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use kaoping_engine::{evaluate, Evaluation, Scenario, Scheme};
use rust_decimal::{Decimal, RoundingStrategy};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios")
}

fn six(d: Decimal) -> String {
    d.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero).normalize().to_string()
}

fn snapshot(scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let city = &evaluation.city;
    for (name, figure) in [
        ("loan_growth_pct", &city.loan_growth_pct),
        ("inclusive_growth_pct", &city.inclusive_growth_pct),
        ("manufacturing_growth_pct", &city.manufacturing_growth_pct),
        ("pension_growth_pct", &city.pension_growth_pct),
        ("tech_new_loans_avg", &city.tech_new_loans_avg),
    ] {
        let value = figure.value.map_or_else(|| "none".to_owned(), six);
        let source = if figure.typed_in { "typed in".to_owned() } else { format!("from {} banks", figure.banks) };
        let _ = writeln!(out, "city {name} = {value} ({source})");
    }
    let _ = writeln!(out, "ranked {}", evaluation.ranked);
    for bank in &evaluation.banks {
        let _ = writeln!(
            out,
            "\n{} total={} rank={} band={} interview={} last_place_twice={} evaluation_points={} composite={} share_pct={}",
            bank.id,
            bank.total.map_or_else(|| "none".to_owned(), six),
            bank.rank.map_or_else(|| "none".to_owned(), |r| r.to_string()),
            bank.band.key(),
            bank.interview,
            bank.last_place_twice,
            six(bank.deposit.evaluation_points),
            six(bank.deposit.composite),
            six(bank.deposit.share_pct),
        );
        for warning in &bank.warnings {
            let _ = writeln!(out, "  warning: {}", warning.zh());
        }
        if scenario.bank(&bank.id).is_some() {
            for score in &bank.items {
                let _ = writeln!(out, "  {:<24}{:>12}  {}", score.item.key(), six(score.points), score.explain(scheme));
            }
            if !bank.missing.is_empty() {
                let keys: Vec<&str> = bank.missing.iter().map(|f| f.key()).collect();
                let _ = writeln!(out, "  missing: {}", keys.join(", "));
            }
        }
    }
    out
}

#[test]
fn scenario_files_match_their_expected_results() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .expect("tests/scenarios exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "the scenario files are there");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let evaluation = evaluate(scheme, &scenario);
        let name = file.to_string_lossy().replace(".scenario.json", ".expected.txt");
        expect_file![name].assert_eq(&snapshot(scheme, &scenario, &evaluation));
    }
}

#[test]
fn worked_example_result_json() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let text = include_str!("../../../tests/scenarios/worked-example-1.scenario.json");
    let evaluation = evaluate(scheme, &Scenario::from_json(text).expect("parses"));
    expect_file![scenarios_dir().join("worked-example-1.result.json")].assert_eq(&(evaluation.to_json(scheme) + "\n"));
}

/// One inline smoke test, readable without opening a file.
#[test]
fn smoke_one_bank_one_figure() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let scenario = Scenario::from_json(
        r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "ccb", "loans": "270"}]}"#,
    )
    .expect("parses");
    let ccb = evaluate(scheme, &scenario).bank("ccb").cloned().expect("ccb");
    expect_test::expect![[r#"增量 43.91 亿元，任务 33.91 亿元，超 10.00 亿元 → 40 + 10.00 = 50.00 分"#]]
        .assert_eq(&ccb.items[0].explain(scheme));
}
