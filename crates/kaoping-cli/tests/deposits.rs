//! `kaoping deposits` as a user runs it: kaoping-deposits/1 with --json, a Chinese table otherwise.

use std::path::PathBuf;
use std::process::{Command, Output};

fn kaoping(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaoping")).args(args).env("RUST_BACKTRACE", "1").output().expect("kaoping runs")
}

fn scenario(name: &str) -> String {
    format!("{}/../../tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The scenario of the first hand-worked case of `tests/rules/deposits.json` (two funds, a vetoed
/// bank, a bank without a score for one fund), with `change` applied, written to a file of its own.
fn two_funds(name: &str, change: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let cases: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/rules/deposits.json")).expect("the cases read");
    let mut scenario = cases["cases"][0]["scenario"].clone();
    change(&mut scenario);
    let path = std::env::temp_dir().join(format!("kaoping-deposits-{}-{name}.json", std::process::id()));
    std::fs::write(&path, scenario.to_string()).expect("a temporary file");
    path
}

#[test]
fn one_score_for_every_fund_prints_todays_share_in_every_fund() {
    let out = kaoping(&["deposits", &scenario("worked-example-1.scenario.json"), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(doc["format"], "kaoping-deposits/1");
    let funds = doc["funds"].as_array().expect("funds");
    let ids: Vec<&str> = funds.iter().filter_map(|f| f["id"].as_str()).collect();
    assert_eq!(ids, ["fiscal", "maintenance", "provident", "other"]);
    for fund in funds {
        let icbc = &fund["banks"]["icbc"];
        assert_eq!(icbc["composite"], "97", "{}", fund["id"]);
        assert_eq!(icbc["department_score"], "90");
        assert_eq!(icbc["share_pct_shown"], "13.87");
        assert!(icbc["share_pct"].as_str().is_some_and(|s| s.starts_with("13.8708806321")), "{icbc}");
        assert_eq!(icbc["amount"], serde_json::Value::Null, "no amount typed");
        assert_eq!(fund["banks"]["cmbc"]["share_pct"], serde_json::Value::Null, "vetoed: 不适用");
    }
    assert_eq!(funds[0]["department"], "市财政局");
    assert_eq!(doc["banks"]["abc"]["missing"][0], "department_scores.fiscal");
    assert_eq!(doc["rounding"]["places"], 18);
}

#[test]
fn the_table_lists_each_fund_by_rank() {
    let out = kaoping(&["deposits", &scenario("worked-example-1.scenario.json")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("财政专户资金（市财政局）：未填写金额，只列占比"), "{table}");
    let first = table.lines().find(|l| l.starts_with("工商银行")).expect("a row for 工商银行");
    assert!(
        first.contains("70.00") && first.contains("90.00") && first.contains("97.00") && first.contains("13.87"),
        "{first}"
    );
    assert!(table.lines().any(|l| l.starts_with("民生银行") && l.contains("不适用")), "{table}");
    assert!(table.contains("市财政局未给出个性指标得分（部门部分按 0 计）：农业银行"), "{table}");
    assert!(table.contains("最大余数法"), "the rounding is said");
}

#[test]
fn a_bad_file_is_one_line_and_status_2() {
    let out = kaoping(&["deposits", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("kaoping: no-such-file.json: cannot read it"), "{err}");
}

#[test]
fn amounts_add_up_in_every_column_and_row() {
    let file = two_funds("table", |_| {});
    let out = kaoping(&["deposits", &file.to_string_lossy()]);
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("财政专户资金（市财政局）：50.00 亿元"), "{table}");
    let row = |start: &str, nth: usize| {
        table.lines().filter(|l| l.starts_with(start)).nth(nth).map(|l| l.split_whitespace().collect::<Vec<_>>())
    };
    // 财政专户资金: the hundredths left go to the largest parts cut off (see the case's note).
    assert_eq!(row("工商银行", 0), Some(vec!["工商银行", "70.00", "90.00", "97.00", "58.44", "29.22"]));
    assert_eq!(row("建设银行", 0), Some(vec!["建设银行", "0.00", "70.00", "21.00", "12.65", "6.32"]));
    assert_eq!(row("合计", 0), Some(vec!["合计", "100.00", "50.00"]));
    assert_eq!(row("合计", 2), Some(vec!["合计", "100.00", "25.00"]), "住房公积金");
    assert!(table.contains("市住房公积金管理中心未给出个性指标得分（部门部分按 0 计）：建设银行"), "{table}");
    assert_eq!(row("民生银行", 0), Some(vec!["民生银行", "0.00", "95.00", "28.50", "不适用", "不适用"]));
    // What each bank holds: the funds with an amount, and the total.
    assert!(table.contains("各行存放合计（亿元）"), "{table}");
    assert_eq!(row("工商银行", 4), Some(vec!["工商银行", "29.22", "18.51", "47.73"]));
    assert_eq!(row("建设银行", 4), Some(vec!["建设银行", "6.32", "0.00", "6.32"]));
}

#[test]
fn diff_shows_the_amounts_that_moved() {
    let a = two_funds("a", |_| {});
    let b = two_funds("b", |s| {
        s["deposits"]["funds"][0]["amount"] = serde_json::json!("60");
        s["banks"][1]["department_scores"]["fiscal"] = serde_json::json!(40);
    });
    let out = kaoping(&["diff", &a.to_string_lossy(), &b.to_string_lossy(), "--bank", "abc"]);
    let json = kaoping(&["diff", &a.to_string_lossy(), &b.to_string_lossy(), "--json"]);
    let _ = (std::fs::remove_file(&a), std::fs::remove_file(&b));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("财政专户资金存放金额（亿元）：A 50.00 → B 60.00"), "{table}");
    // 60 × 97/148 = 39.3243 for 工商银行 (农业银行's composite falls from 30 to 12).
    assert!(table.contains("工商银行 29.22 → 39.32（+10.11）"), "{table}");
    assert!(table.contains("住房公积金存放金额（亿元）：A 25.00 → B 25.00，各行金额不变"), "{table}");
    assert!(table.contains("市级公共性资金存放主体部门个性指标得分（市财政局）：100 → 40 分"), "{table}");
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("kaoping-diff/1");
    assert_eq!(doc["funds"][0]["id"], "fiscal");
    assert_eq!(doc["funds"][0]["moved"][0]["id"], "icbc");
}

#[test]
fn explain_gives_the_banks_part_of_each_fund() {
    let file = two_funds("explain", |_| {});
    let out = kaoping(&["explain", &file.to_string_lossy(), "--bank", "icbc"]);
    let vetoed = kaoping(&["explain", &file.to_string_lossy(), "--bank", "cmbc"]);
    let _ = std::fs::remove_file(&file);
    let working = text(&out.stdout);
    assert!(
        working
            .contains("财政专户资金（市财政局得分 90.00）：综合评分 97.00，占比 58.44%，29.22 亿元（共 50.00 亿元）"),
        "{working}"
    );
    assert!(
        working.contains(
            "住房公积金（市住房公积金管理中心得分 80.00）：综合评分 94.00，占比 74.02%，18.51 亿元（共 25.00 亿元）"
        ),
        "{working}"
    );
    assert!(working.contains("合计存放 47.73 亿元"), "{working}");
    assert!(text(&vetoed.stdout).contains("财政专户资金（市财政局得分 95.00）：综合评分 28.50，占比、金额不适用"));
}
