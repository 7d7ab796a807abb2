//! `kaoping deposits` as a user runs it: kaoping-deposits/1 with --json, a Chinese table otherwise.

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
