//! The `kaoping` command as a user runs it: output on stdout, one clear line on stderr and status 2
//! for bad input, never a panic or a backtrace.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kaoping(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kaoping runs");
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().expect("kaoping finishes")
}

fn scenario(name: &str) -> String {
    format!("{}/../../tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn score_prints_the_result_json() {
    let out = kaoping(&["score", &scenario("worked-example-1.scenario.json")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(result["format"], "kaoping-result/1");
    let banks = result["banks"].as_array().expect("banks");
    assert_eq!(banks.len(), 16);
    assert_eq!(banks[0]["id"], "adbc", "annex order");
    let icbc = &banks[1];
    assert_eq!(icbc["items"]["loan_increment"], "45.54");
    assert_eq!(icbc["rank"], 1);
    assert_eq!(icbc["band"], "outstanding");
    assert_eq!(icbc["deposit"]["composite"], "97");
    assert!(icbc["total"].as_str().expect("a decimal string").starts_with("122.6962"));
    assert_eq!(banks[12]["band"], "disqualified");
    assert_eq!(banks[12]["total"], serde_json::Value::Null);
}

#[test]
fn score_reads_standard_input_and_prints_a_table() {
    let file = std::fs::read_to_string(scenario("worked-example-1.scenario.json")).expect("readable");
    let out = kaoping(&["score", "--table", "-"], Some(&file));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let first = table.lines().nth(1).expect("a first row");
    assert!(
        first.contains("1/15")
            && first.contains("工商银行")
            && first.contains("122.70")
            && first.contains("贡献突出单位"),
        "{first}"
    );
    assert!(table.contains("民生银行") && table.contains("取消考评资格"));
    assert!(table.contains("贷款增速 15.24%"));
}

#[test]
fn explain_shows_one_banks_working() {
    let out = kaoping(&["explain", &scenario("worked-example-1.scenario.json"), "--bank", "icbc"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let working = text(&out.stdout);
    assert!(working.contains("二(一)1"), "{working}");
    assert!(working.contains("增量 43.95 亿元，任务 38.41 亿元，超 5.54 亿元 → 40 + 5.54 = 45.54 分"));
    assert!(working.contains("总分 122.70，第 1 名"));
    let abc = text(&kaoping(&["explain", &scenario("worked-example-1.scenario.json"), "--bank", "abc"], None).stdout);
    assert!(abc.contains("未填写（按 0 分计）"), "{abc}");
    let adbc = text(&kaoping(&["explain", &scenario("worked-example-1.scenario.json"), "--bank", "adbc"], None).stdout);
    assert!(
        adbc.contains(
            // The balance that reaches rank 13 passes a cluster of tied banks: the answer states the rank
            // and band actually reached there, not the rank asked for.
            "目标测算：贷款余额达到 325.00 亿元（再增 0.69 亿元）可升至第 6 名，进入贡献积极单位（其他数据不变）"
        ),
        "{adbc}"
    );
}

#[test]
fn template_is_an_editable_baseline() {
    let out = kaoping(&["template"], None);
    assert!(out.status.success());
    let template = text(&out.stdout);
    let value: serde_json::Value = serde_json::from_str(&template).expect("JSON");
    assert_eq!(value["banks"].as_array().map(Vec::len), Some(16));
    assert_eq!(value["banks"][1]["loans"], "294.46", "on task: 256.05 + 38.41");
    assert_eq!(value["banks"][1]["sme_customers"], serde_json::Value::Null, "every field present");
    // The template scores exactly as the empty baseline does.
    let scored = kaoping(&["score", "-"], Some(&template));
    let baseline = kaoping(&["score", "-"], Some(r#"{"format": "kaoping-scenario/1", "year": 2024}"#));
    assert!(scored.status.success() && baseline.status.success());
    let totals = |o: &Output| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        v["banks"].as_array().expect("banks").iter().map(|b| b["total"].clone()).collect()
    };
    assert_eq!(totals(&scored), totals(&baseline));
}

#[test]
#[rustfmt::skip]
fn bad_input_exits_2_with_one_line() {
    let cases: &[(&[&str], Option<&str>, &str)] = &[
        (&["score", "-"], Some(r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "icbc"}, {"id": "abc"}, {"id": "boc"}, {"id": "ccb", "sme_loans": "12,3x"}]}"#),
         "kaoping: standard input: banks[3].sme_loans: \"12,3x\" is not a number"),
        (&["score", "-"], Some("not json"), "kaoping: standard input: not valid JSON at line 1, column 2: expected ident"),
        (&["score", "-"], Some(r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "icbc", "loans": 1e30}]}"#),
         "kaoping: standard input: banks[0].loans: \"1e+30\" is far too large"),
        (&["score", "/no/such/file.json"], None, "kaoping: /no/such/file.json: cannot read it: No such file or directory (os error 2)"),
        (&["explain", "-", "--bank", "hsbc"], Some(r#"{"format": "kaoping-scenario/1", "year": 2024}"#),
         "kaoping: --bank: \"hsbc\" is not a bank of the scheme (one of: adbc, icbc, abc, boc, ccb, bocom, psbc, citic, ceb, cgb, cmb, cib, cmbc, hubei, hankou, hsrcb)"),
        (&["template", "--year", "2023"], None, "kaoping: year: 2023 has no built-in scheme (2024 is built in; the year's scheme file is needed): give it with --scheme FILE"),
    ];
    for (args, stdin, expected) in cases {
        let out = kaoping(args, *stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr).trim_end(), *expected, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn hostile_numbers_never_panic() {
    for value in [
        "1e30",
        "-0",
        "\"NaN\"",
        "1.2345678901234567890123456789",
        "12345678901234567890123456789",
        "\"\"",
        "-1e-400",
        "1e400",
        "\"Infinity\"",
        "true",
        "[]",
    ] {
        let file = format!(
            r#"{{"format": "kaoping-scenario/1", "year": 2024, "banks": [{{"id": "icbc", "loans": {value}, "policy_score": 3}}]}}"#
        );
        let out = kaoping(&["score", "-"], Some(&file));
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{value}: {stderr}");
        assert!(matches!(out.status.code(), Some(0 | 2)), "{value}: {:?}", out.status);
        assert!(stderr.lines().count() <= 1, "{value}: one line: {stderr}");
    }
}

#[test]
fn solve_json_is_one_object_with_the_answer() {
    let out = kaoping(
        &[
            "solve",
            &scenario("full-16-banks.scenario.json"),
            "--bank",
            "icbc",
            "--lever",
            "loans",
            "--goal",
            "rank<=3",
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object on stdout");
    assert_eq!(answer["format"], "kaoping-solve/1");
    assert_eq!(answer["bank"], "icbc");
    assert_eq!(answer["lever"], serde_json::json!(["loans"]));
    assert_eq!(answer["goal"], "rank<=3");
    assert_eq!(answer["status"], "needs");
    assert_eq!(
        (answer["from"].as_str(), answer["to"].as_str(), answer["more"].as_str()),
        (Some("306.00"), Some("306.72"), Some("0.72"))
    );
    assert_eq!(answer["result"]["rank"], 3);
    assert_eq!(answer["result"]["band"], "outstanding");
    assert!(answer["result"]["share_pct"].is_string() && answer["result"]["total"].is_string());
    assert!(answer["reason"].as_str().is_some_and(|r| r.starts_with("贷款余额达到 306.72 亿元")));
    // A goal already met has no `to`, `more` or `result`.
    let met = kaoping(
        &[
            "solve",
            &scenario("full-16-banks.scenario.json"),
            "--bank",
            "abc",
            "--lever",
            "loans",
            "--goal",
            "band=outstanding",
            "--json",
        ],
        None,
    );
    let met: serde_json::Value = serde_json::from_slice(&met.stdout).expect("JSON");
    assert_eq!(met["status"], "reached");
    assert!(met.get("to").is_none() && met.get("more").is_none() && met.get("result").is_none());
    // A loan in several lines: `more` is the loan, `from` and `to` the first key's.
    let loan = kaoping(
        &[
            "solve",
            &scenario("full-16-banks.scenario.json"),
            "--bank",
            "icbc",
            "--lever",
            "green_loans+sme_loans",
            "--goal",
            "total>=130",
            "--json",
        ],
        None,
    );
    let loan: serde_json::Value = serde_json::from_slice(&loan.stdout).expect("JSON");
    assert_eq!(loan["lever"], serde_json::json!(["green_loans", "sme_loans", "loans"]));
    assert_eq!(loan["from"], "62.56");
}

/// The four commands' Chinese output for 工商银行 in the full scenario, kept beside it.
#[test]
fn target_commands_in_chinese() {
    let file = scenario("full-16-banks.scenario.json");
    let mut all = String::new();
    for args in [
        vec!["solve", &file, "--bank", "icbc", "--lever", "loans", "--goal", "rank<=3"],
        vec!["solve", &file, "--bank", "icbc", "--lever", "green_loans", "--goal", "rank<=1"],
        vec!["solve", &file, "--bank", "bocom", "--lever", "loans", "--goal", "rank<=1"],
        vec!["solve", &file, "--bank", "bocom", "--lever", "loans", "--goal", "not-interviewed"],
        vec!["solve", &file, "--bank", "icbc", "--lever", "platform_bonds", "--goal", "share>=7"],
        vec!["margins", &file, "--bank", "icbc"],
        vec!["margins", &file, "--bank", "icbc", "--rivals-lines", "above:2", "--rivals-entered-too"],
        vec!["marginal", &file, "--bank", "icbc"],
        vec!["simulate", &file, "--bank", "icbc", "--spread", "3", "--draws", "200", "--seed", "7", "--entered-too"],
    ] {
        let out = kaoping(&args, None);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        all.push_str(&format!(
            "$ kaoping {}\n{}\n",
            args.join(" ").replace(&file, "full-16-banks.scenario.json"),
            text(&out.stdout)
        ));
    }
    expect_test::expect_file!["../../../tests/scenarios/full-16-banks.targets.expected.txt"].assert_eq(&all);
}

#[test]
#[rustfmt::skip]
fn bad_target_arguments_exit_2_with_one_line() {
    let f = scenario("full-16-banks.scenario.json");
    let cases: &[(&[&str], &str)] = &[
        (&["solve", &f, "--bank", "icbc", "--lever", "nope", "--goal", "rank<=3"], "kaoping: --lever: \"nope\" is not a figure of a bank"),
        (&["solve", &f, "--bank", "icbc", "--lever", "loans+dongchu_households", "--goal", "rank<=3"],
         "kaoping: --lever: \"loans+dongchu_households\" joins figures of different units"),
        (&["solve", &f, "--bank", "icbc", "--lever", "loans", "--goal", "top3"],
         "kaoping: --goal: \"top3\" is not a goal (one of: band=outstanding|positive|general, not-interviewed, rank<=N, total>=S, share>=P, composite>=C, above=BANK, share:FUND>=P, amount:FUND>=A)"),
        (&["solve", &f, "--bank", "icbc", "--lever", "loans", "--goal", "above=icbc"], "kaoping: --goal: a bank cannot pass itself (above=icbc)"),
        (&["solve", &f, "--bank", "icbc", "--lever", "loans"], "kaoping: the following required arguments were not provided: --goal <GOAL>"),
        (&["solve", &f, "--bank", "icbc", "--lever", "loans", "--goal", "rank<=3", "--rivals-lines", "above:x"],
         "kaoping: --rivals-lines: \"above:x\" cannot be used: the rivals' loan lines are on-task or above:K, K from -100 to 100 percent of the 2023 balance, at most two decimals"),
        (&["margins", &f, "--bank", "hsbc"],
         "kaoping: --bank: \"hsbc\" is not a bank of the scheme (one of: adbc, icbc, abc, boc, ccb, bocom, psbc, citic, ceb, cgb, cmb, cib, cmbc, hubei, hankou, hsrcb)"),
        (&["simulate", &f, "--bank", "icbc", "--spread", "x"],
         "kaoping: --spread: \"x\" cannot be used: a spread is 0 to 100 percentage points of growth, at most two decimals"),
        (&["simulate", &f, "--bank", "icbc", "--spread", "3", "--seed", "x1"],
         "kaoping: --seed: \"x1\" cannot be used: a seed is a whole number, 0 or more"),
        (&["simulate", &f, "--bank", "icbc", "--spread", "3", "--draws", "0"],
         "kaoping: --draws: \"0\" cannot be used: the number of draws is a whole number from 1 to 100000"),
        (&["simulate", &f, "--bank", "icbc", "--spread", "100.5"],
         "kaoping: --spread: \"100.5\" cannot be used: a spread is 0 to 100 percentage points of growth, at most two decimals"),
    ];
    for (args, expected) in cases {
        let out = kaoping(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr).trim_end(), *expected, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}
