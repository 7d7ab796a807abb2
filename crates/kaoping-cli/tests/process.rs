//! 申报, 汇总, 核实, 通报 (三、考评组织) through the `kaoping` command, as the finance bureau runs it.
//!
//! `notice`: every `tests/notices/NAME.scenario.json` (and the worked example) gives the text in
//! `NAME.notice.txt`, dated 2025-01-20; the JSON form says the same. After a deliberate change,
//! `UPDATE_EXPECT=1 cargo test -p kaoping-cli --test process` rewrites the texts; read the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use expect_test::expect_file;
use serde_json::Value;

fn kaoping(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaoping")).args(args).stdin(Stdio::null()).output().expect("kaoping runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn notice_json(file: &Path) -> Value {
    let out = kaoping(&["notice", &file.to_string_lossy(), "--date", "2025-01-20", "--json"]);
    assert!(out.status.success(), "{}: {}", file.display(), text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The banks of one list, as `id`s, in the order printed.
fn list(notice: &Value, key: &str) -> Vec<String> {
    notice["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["list"] == key)
        .map(|s| {
            s["banks"].as_array().expect("banks").iter().map(|b| b["id"].as_str().unwrap_or("").to_owned()).collect()
        })
        .unwrap_or_default()
}

#[test]
fn notices_match_their_expected_text() {
    let dir = tests_dir().join("notices");
    let mut files: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/notices exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .map(|p| {
            let expected = PathBuf::from(p.to_string_lossy().replace(".scenario.json", ".notice.txt"));
            (p, expected)
        })
        .collect();
    files.push((tests_dir().join("scenarios/worked-example-1.scenario.json"), dir.join("worked-example-1.notice.txt")));
    files.sort();
    assert!(files.len() >= 3, "the notice files are there");
    for (file, expected) in files {
        let out = kaoping(&["notice", &file.to_string_lossy(), "--date", "2025-01-20"]);
        assert!(out.status.success(), "{}: {}", file.display(), text(&out.stderr));
        expect_file![expected].assert_eq(&text(&out.stdout));
        // The JSON carries the same text, and every list's names are its banks' entries joined with 、.
        let json = notice_json(&file);
        assert_eq!(json["text"].as_str(), Some(text(&out.stdout).as_str()), "{}", file.display());
        for section in json["sections"].as_array().expect("sections") {
            let entries: Vec<&str> =
                section["banks"].as_array().expect("banks").iter().filter_map(|b| b["text"].as_str()).collect();
            assert_eq!(section["names"].as_str(), Some(entries.join("、").as_str()));
        }
        // A fund's line adds up as printed: the banks' amounts, read back from the text, make the fund's.
        for fund in json["funds"].as_array().expect("funds") {
            let line = fund["text"].as_str().expect("a fund's text");
            let (head, parts) = line.split_once('：').expect("the fund, then its banks");
            let amount = |text: &str| -> rust_decimal::Decimal {
                let number = text.trim_end_matches(" 亿元").rsplit(' ').next().unwrap_or("").replace(',', "");
                number.parse().unwrap_or_else(|_| panic!("{}: no amount in `{text}`", file.display()))
            };
            let parts: rust_decimal::Decimal =
                parts.split('、').map(|part| amount(part.split_once('（').map_or(part, |(a, _)| a))).sum();
            assert_eq!(parts, amount(head), "{}: {line}", file.display());
        }
    }
}

/// 四(四) with the 名单: where the funds' amounts are entered, the notice carries each fund placed —
/// every ranked bank's part in the 名单's order, the parts adding up to the fund as the 资金存放
/// table shows them; without amounts, nothing.
#[test]
fn the_notice_carries_the_funds_placed_where_amounts_are_entered() {
    let json = notice_json(&tests_dir().join("notices/deposits.scenario.json"));
    let funds = json["funds"].as_array().expect("funds");
    assert_eq!(funds.iter().map(|f| f["id"].as_str().unwrap_or("")).collect::<Vec<_>>(), ["fiscal", "provident"]);
    let order: Vec<&str> = json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["banks"].as_array().expect("banks").iter().filter_map(|b| b["id"].as_str()))
        .collect();
    let dec = |v: &Value| v.as_str().and_then(|t| t.parse::<rust_decimal::Decimal>().ok()).expect("a decimal text");
    for fund in funds {
        let banks = fund["banks"].as_array().expect("banks");
        assert_eq!(banks.iter().filter_map(|b| b["id"].as_str()).collect::<Vec<_>>(), order, "the 名单's order");
        let sum: rust_decimal::Decimal = banks.iter().map(|b| dec(&b["amount"])).sum();
        assert_eq!(sum, dec(&fund["amount"]), "{}: the parts add up to the fund", fund["id"]);
        let shares: rust_decimal::Decimal = banks.iter().map(|b| dec(&b["share_pct"])).sum();
        assert_eq!(shares, rust_decimal::Decimal::ONE_HUNDRED);
        assert!(json["text"].as_str().is_some_and(|t| t.contains(fund["text"].as_str().unwrap_or("?"))));
    }
    assert!(json["text"]
        .as_str()
        .is_some_and(|t| t.contains("附：市级公共性资金存放（按考评结果）\n\n市财政局 财政专户资金 60.00 亿元：")));
    let without = notice_json(&tests_dir().join("notices/ties.scenario.json"));
    assert_eq!(without["funds"].as_array().map(Vec::len), Some(0));
    assert!(!without["text"].as_str().unwrap_or("").contains("附："));
}

#[test]
fn ties_are_said_as_ties_and_widen_the_lists_they_cross() {
    let notice = notice_json(&tests_dir().join("notices/ties.scenario.json"));
    assert_eq!(notice["format"], "kaoping-notice/1");
    // A tie at 3rd: four 贡献突出单位, the tied pair in annex order, each said to be tied.
    assert_eq!(list(&notice, "outstanding"), ["adbc", "icbc", "abc", "boc"]);
    let outstanding = &notice["sections"][0];
    assert_eq!(outstanding["heading"], "一、贡献突出单位");
    assert_eq!(
        outstanding["names"],
        "农发行黄石分行、工商银行黄石分行、农业银行黄石分行（并列第3名）、中国银行黄石分行（并列第3名）"
    );
    assert_eq!(list(&notice, "positive"), ["ccb", "bocom", "psbc", "citic", "ceb", "cgb"]);
    // A tie at 13th, 倒数第3: both banks are 贡献一般 and interviewed, so four banks are interviewed.
    assert_eq!(list(&notice, "general"), ["cmb", "cib", "cmbc", "hubei"]);
    assert_eq!(list(&notice, "interview"), ["cmbc", "hubei", "hankou", "hsrcb"]);
    let interview = &notice["sections"][3];
    assert_eq!(interview["heading"], "四、约谈、通报单位（考评后3名）");
    // Both last banks are 倒数第一; only the one last in 2023 too loses its accounts.
    assert_eq!(interview["banks"][3]["text"], "黄石农商行（并列第15名；连续两年排名倒数第一，取消财政对公账户）");
    assert_eq!(interview["banks"][2]["text"], "汉口银行黄石分行（并列第15名）");
    let notes: Vec<&str> = notice["notes"].as_array().expect("notes").iter().filter_map(Value::as_str).collect();
    assert!(notes.contains(&"考评办法定第1名至第3名为贡献突出单位，因得分并列，本名单共4家"), "{notes:?}");
    assert!(notes.contains(&"考评后3名按倒数名次计，因得分并列，约谈、通报单位共4家"), "{notes:?}");
    assert!(list(&notice, "disqualified").is_empty(), "no 取消考评资格 heading without a vetoed bank");
    assert_eq!(notice["provisional"], true);
    assert_eq!(notice["mark"], "测算结果，非正式考评结论");
}

#[test]
fn a_vetoed_bank_is_listed_apart_and_the_rest_are_ranked_without_it() {
    let notice = notice_json(&tests_dir().join("notices/veto.scenario.json"));
    assert_eq!(list(&notice, "disqualified"), ["abc"]);
    let last = notice["sections"].as_array().and_then(|s| s.last()).expect("a last section");
    assert_eq!(last["heading"], "五、取消考评资格单位（一票否决）");
    assert_eq!(last["names"], "农业银行黄石分行");
    assert_eq!(last["banks"][0]["rank"], Value::Null);
    for key in ["outstanding", "positive", "general", "interview"] {
        assert!(!list(&notice, key).contains(&"abc".to_owned()), "{key}");
    }
    // Fifteen ranked: the 13th is 倒数第3, 贡献一般 and interviewed.
    assert_eq!(list(&notice, "general"), ["cib", "cmbc", "hubei"]);
    assert_eq!(list(&notice, "interview"), ["hubei", "hankou", "hsrcb"]);
    // 汉口银行 was last in 2023 but is not last now; 农商行 is last both years.
    let interview = notice["sections"].as_array().expect("sections").iter().find(|s| s["list"] == "interview");
    let names = interview.and_then(|s| s["names"].as_str()).expect("names");
    assert_eq!(names, "湖北银行黄石分行、汉口银行黄石分行、黄石农商行（连续两年排名倒数第一，取消财政对公账户）");
}

#[test]
fn the_notice_is_dated_and_headed_with_the_schemes_number() {
    let file = tests_dir().join("notices/veto.scenario.json");
    let out = kaoping(&["notice", &file.to_string_lossy(), "--date", "2025/2/3"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let notice = text(&out.stdout);
    assert!(notice.starts_with("【测算结果，非正式考评结论】\n"), "{notice}");
    assert!(notice.contains("（黄政办发〔2024〕10号）"), "{notice}");
    assert!(notice.trim_end().ends_with("2025年2月3日"), "{notice}");
    // Without --date the notice carries today's date.
    let today = kaoping(&["notice", &file.to_string_lossy(), "--json"]);
    let json: Value = serde_json::from_slice(&today.stdout).expect("JSON");
    assert!(json["date"].as_str().is_some_and(|d| d.len() == 10 && d.starts_with("20")), "{}", json["date"]);
    // A date that is not one is refused with status 2 and one line.
    let bad = kaoping(&["notice", &file.to_string_lossy(), "--date", "2025-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(text(&bad.stderr), "kaoping: --date: \"2025-02-30\" is not a day of the calendar\n");
}

#[test]
fn a_scenario_marked_verified_gives_the_notice_without_the_mark() {
    let provisional = notice_json(&tests_dir().join("scenarios/declared-and-verified.scenario.json"));
    let verified = notice_json(&tests_dir().join("notices/verified-complete.scenario.json"));
    assert_eq!(
        (provisional["provisional"].clone(), verified["provisional"].clone()),
        (Value::Bool(true), Value::Bool(false))
    );
    assert_eq!(verified["mark"], Value::Null);
    assert!(!verified["text"].as_str().unwrap_or("").contains("测算结果"));
    // Worked out from the verified figures: 湖北银行 fell from 3rd to 5th, 工商银行 rose to 3rd.
    assert_eq!(list(&verified, "outstanding"), ["abc", "adbc", "icbc"]);
    assert_eq!(list(&verified, "positive")[..2], ["hsrcb", "hubei"]);
    let notes: Vec<&str> = verified["notes"].as_array().expect("notes").iter().filter_map(Value::as_str).collect();
    assert!(notes.iter().any(|n| n.starts_with("考评小组按人民银行金融统计口径核实调整了3项申报数")), "{notes:?}");
}

#[test]
fn score_declared_scores_the_declarations_and_diff_shows_what_verification_moved() {
    let file = tests_dir().join("scenarios/declared-and-verified.scenario.json");
    let file = file.to_string_lossy();
    let score = |extra: &[&str]| -> Value {
        let mut args = vec!["score"];
        args.extend_from_slice(extra);
        args.push(&file);
        let out = kaoping(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let rank = |result: &Value, id: &str| {
        result["banks"].as_array().and_then(|b| b.iter().find(|b| b["id"] == id)).map(|b| b["rank"].clone())
    };
    let (verified, declared) = (score(&[]), score(&["--declared"]));
    assert_eq!((rank(&declared, "hubei"), rank(&verified, "hubei")), (Some(3.into()), Some(5.into())));
    assert_eq!((rank(&declared, "icbc"), rank(&verified, "icbc")), (Some(4.into()), Some(3.into())));

    let out = kaoping(&["diff", &file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let diff = text(&out.stdout);
    assert!(diff.starts_with("申报数 → 核实数（3 项）：\n"), "{diff}");
    assert!(
        diff.contains("  湖北银行 认购融资平台债券金额：申报 18.91 亿元 → 核实 14.91 亿元（认购凭证核对：其中4亿元为2023年认购，不属2024年度新发行债券）\n"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "核实后：工商银行 4→3（贡献积极单位→贡献突出单位），农商行 5→4，湖北银行 3→5（贡献突出单位→贡献积极单位）"
        ),
        "{diff}"
    );
    assert!(diff.contains("湖北银行     127.15   125.18    -1.97       3→5"), "{diff}");

    let out = kaoping(&["diff", &file, "--json", "--bank", "hubei"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["format"], "kaoping-diff/1");
    assert_eq!(json["compared"], "declared_verified");
    assert_eq!(json["verified"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["verified"][1]["declared"], "18.91");
    assert_eq!(json["verified"][1]["verified"], "14.91");
    let moved: Vec<&str> = json["moved"].as_array().expect("moved").iter().filter_map(|m| m["bank"].as_str()).collect();
    assert_eq!(moved, ["icbc", "hsrcb", "hubei", "cgb", "bocom", "cmbc"]);
    assert_eq!(json["bank"]["figures"][0]["key"], "platform_bonds");

    // A file with nothing verified: the same both ways, and said so.
    let plain = tests_dir().join("scenarios/worked-example-1.scenario.json");
    let out = kaoping(&["diff", &plain.to_string_lossy()]);
    assert!(text(&out.stdout).starts_with("没有核实调整的数字：按申报数与按核实数的结果相同\n"));
}

#[test]
fn sources_and_verified_figures_survive_a_share_link() {
    let file = tests_dir().join("scenarios/declared-and-verified.scenario.json");
    let original = std::fs::read_to_string(&file).expect("readable");
    let link = kaoping(&["link", &file.to_string_lossy()]);
    assert!(link.status.success(), "{}", text(&link.stderr));
    let opened = kaoping(&["open-link", text(&link.stdout).trim()]);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    let back: Value = serde_json::from_slice(&opened.stdout).expect("JSON");
    let original: Value = serde_json::from_str(&original).expect("JSON");
    assert_eq!(back["sources"]["hubei"]["reporter"], original["sources"]["hubei"]["reporter"]);
    assert_eq!(back["sources"].as_object().map(|m| m.len()), Some(16));
    assert_eq!(back["verified"]["hubei"]["platform_bonds"]["declared"], "18.91");
    assert_eq!(back["verified"]["cmbc"]["loans"]["reason"], original["verified"]["cmbc"]["loans"]["reason"]);
}

/// A folder of its own for one test's files, emptied first.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kaoping-process-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// One bank's declaration as a scenario file, named as the bank would name it.
fn declaration_file(dir: &Path, name: &str, bank: &Value) -> String {
    let path = dir.join(name);
    let file = serde_json::json!({"format": "kaoping-scenario/1", "year": 2024, "banks": [bank]});
    std::fs::write(&path, file.to_string()).expect("written");
    path.to_string_lossy().into_owned()
}

fn full_16() -> Value {
    let text = std::fs::read_to_string(tests_dir().join("scenarios/full-16-banks.scenario.json")).expect("readable");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn collect_gathers_all_sixteen_declarations_with_their_sources() {
    let dir = scratch("all");
    let full = full_16();
    let banks = full["banks"].as_array().expect("banks");
    let files: Vec<String> = banks
        .iter()
        .map(|b| declaration_file(&dir, &format!("申报表-{}.json", b["id"].as_str().unwrap_or("")), b))
        .collect();
    let mut args = vec!["collect"];
    args.extend(files.iter().map(String::as_str));
    let out = kaoping(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stderr);
    assert!(report.starts_with("汇总：16 个文件，收到 16 家银行，未收到 0 家\n"), "{report}");
    assert!(
        report.contains("工商银行：收到 申报表-icbc.json（填报人 未填，联系电话 未填，填报日期 未填）；变化 "),
        "{report}"
    );
    let merged: Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    assert_eq!(merged["sources"].as_object().map(|m| m.len()), Some(16));
    assert_eq!(merged["sources"]["cmbc"]["file"], "申报表-cmbc.json");
    // Every figure a bank declares is there; what the panel, the city and the departments supply is
    // not taken from a bank's file, and the report says so.
    let icbc = merged["banks"].as_array().and_then(|b| b.iter().find(|b| b["id"] == "icbc")).expect("icbc");
    let number = |v: &Value| v.as_str().and_then(|t| t.parse::<rust_decimal::Decimal>().ok());
    assert_eq!(number(&icbc["loans"]), number(&banks[1]["loans"]));
    assert_eq!(number(&icbc["startup_guarantee"]["actual"]), number(&banks[1]["startup_guarantee"]["actual"]));
    assert_eq!(icbc["policy_score"], Value::Null);
    assert_eq!(icbc["startup_guarantee"]["target"], Value::Null);
    assert!(report.contains("金融政策争取、落实评分、创业担保贷款扩面目标任务、新型政银担业务扩面目标任务、市级公共性资金存放主体部门个性指标得分 不由银行申报，未采用"), "{report}");
}

#[test]
fn collect_lists_the_banks_not_received_and_keeps_them_as_they_were() {
    let dir = scratch("missing");
    let full = full_16();
    let banks = full["banks"].as_array().expect("banks");
    let into = tests_dir().join("scenarios/worked-example-1.scenario.json");
    let files = [
        declaration_file(&dir, "申报表-工商银行.json", &banks[1]),
        declaration_file(&dir, "申报表-农业银行.json", &banks[2]),
        declaration_file(&dir, "光大.json", &banks[8]),
    ];
    let out = kaoping(&["collect", &files[0], &files[1], &files[2], "--into", &into.to_string_lossy()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stderr);
    assert!(report.starts_with("汇总：3 个文件，收到 3 家银行，未收到 13 家\n"), "{report}");
    assert!(
        report.ends_with("未收到（保持原情景的数字；未填写的年末余额按恰好完成任务计）：农发行、中国银行、建设银行、交通银行、邮储银行、中信银行、广发银行、招商银行、兴业银行、民生银行、湖北银行、汉口银行、农商行\n"),
        "{report}"
    );
    // What changed against --into, figure by figure.
    assert!(report.contains("工商银行：收到 申报表-工商银行.json"), "{report}");
    assert!(report.contains("贷款余额（2024年末） 300 亿元 → 306 亿元"), "{report}");
    let merged: Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    let before: Value = serde_json::from_str(&std::fs::read_to_string(&into).expect("readable")).expect("JSON");
    let bank = |s: &Value, id: &str| s["banks"].as_array().and_then(|b| b.iter().find(|b| b["id"] == id)).cloned();
    for id in ["adbc", "boc", "cmbc", "hsrcb"] {
        assert_eq!(bank(&merged, id), bank(&before, id), "{id} not received: as in --into");
    }
    assert_eq!(merged["name"], before["name"]);
}

#[test]
fn collect_refuses_two_different_declarations_of_one_bank_until_one_is_picked() {
    let dir = scratch("conflict");
    let full = full_16();
    let icbc = &full["banks"][1];
    let mut corrected = icbc.clone();
    corrected["loans"] = "307.50".into();
    corrected["sme_customers"] = 820.into();
    let first = declaration_file(&dir, "申报表-工商银行.json", icbc);
    let second = declaration_file(&dir, "申报表-工商银行（更正）.json", &corrected);
    let out = kaoping(&["collect", &first, &second]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no scenario while in conflict");
    assert_eq!(
        text(&out.stderr),
        "kaoping: 冲突：工商银行有两份数字不同的申报：申报表-工商银行.json 与 申报表-工商银行（更正）.json（贷款余额（2024年末） 306 亿元 ≠ 307.5 亿元；中小微企业贷款户数（2024年末） 813 户 ≠ 820 户）\n\
         kaoping: 选定一份后重新汇总，例如 --pick 银行代码=文件名\n"
    );
    let out = kaoping(&["collect", &first, &second, "--pick", "icbc=申报表-工商银行（更正）.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let merged: Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    assert_eq!(merged["banks"][0]["loans"], "307.5");
    assert_eq!(merged["sources"]["icbc"]["file"], "申报表-工商银行（更正）.json");
    // The same declaration twice is one declaration.
    let copy = declaration_file(&dir, "申报表-工商银行（副本）.json", icbc);
    let out = kaoping(&["collect", &first, &copy]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("；申报表-工商银行（副本）.json 的数字相同"), "{}", text(&out.stderr));
    // A pick that names no file collected is refused.
    let out = kaoping(&["collect", &first, &second, "--pick", "icbc=别的.json"]);
    assert_eq!(text(&out.stderr), "kaoping: --pick: \"icbc=别的.json\" names none of the files collected\n");
}

#[test]
fn collect_refuses_a_file_that_names_one_bank_and_carries_anothers_row() {
    let dir = scratch("wrong-bank");
    let full = full_16();
    let wrong = declaration_file(&dir, "申报表-工商银行.json", &full["banks"][2]);
    let out = kaoping(&["collect", &wrong]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr)
            .starts_with("kaoping: 冲突：申报表-工商银行.json 的文件名是工商银行，表中却是农业银行的数据\n"),
        "{}",
        text(&out.stderr)
    );
    // Accepted when the bureau says the row is 农业银行's after all.
    let out = kaoping(&["collect", &wrong, "--pick", "农业银行=申报表-工商银行.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

fn seed(name: &str) -> String {
    tests_dir().join("process/seeds").join(name).to_string_lossy().into_owned()
}

#[test]
fn template_writes_one_banks_form_and_collect_reads_sixteen_of_them() {
    let dir = scratch("forms");
    let from = tests_dir().join("scenarios/full-16-banks.scenario.json");
    let full = full_16();
    let mut files = Vec::new();
    for bank in full["banks"].as_array().expect("banks") {
        let id = bank["id"].as_str().expect("id");
        let out = dir.join(format!("申报表-{id}.xlsx")).to_string_lossy().into_owned();
        let made = kaoping(&["template", "--xlsx", &out, "--bank", id, "--from", &from.to_string_lossy()]);
        assert!(made.status.success(), "{}", text(&made.stderr));
        files.push(out);
    }
    let mut args = vec!["collect"];
    args.extend(files.iter().map(String::as_str));
    let out = kaoping(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with("汇总：16 个文件，收到 16 家银行，未收到 0 家\n"), "{}", text(&out.stderr));
    let merged: Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    assert_eq!(merged["sources"]["hsrcb"]["file"], "申报表-hsrcb.xlsx");
    // A blank form for a bank that is not one, or without --xlsx, is refused.
    let bad = kaoping(&["template", "--xlsx", &dir.join("x.xlsx").to_string_lossy(), "--bank", "hsbc"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).starts_with("kaoping: --bank: \"hsbc\" is not a bank of the scheme"),
        "{}",
        text(&bad.stderr)
    );
    assert_eq!(kaoping(&["template", "--bank", "icbc"]).status.code(), Some(2));
}

#[test]
fn collect_reads_forms_filled_in_libreoffice_and_lists_the_banks_not_received() {
    let into = tests_dir().join("scenarios/worked-example-1.scenario.json");
    let files = [seed("申报表-工商银行.xlsx"), seed("申报表-农业银行.xlsx"), seed("申报表-光大银行.xlsx")];
    let out = kaoping(&["collect", &files[0], &files[1], &files[2], "--into", &into.to_string_lossy()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stderr);
    assert!(report.starts_with("汇总：3 个文件，收到 3 家银行，未收到 13 家\n"), "{report}");
    assert!(
        report.contains(
            "工商银行：收到 申报表-工商银行.xlsx（填报人 王伟，联系电话 0714-6201378，填报日期 2025年1月7日）；变化 "
        ),
        "{report}"
    );
    assert!(report.contains("贷款余额（2024年末） 300 亿元 → 306 亿元"), "{report}");
    assert!(
        report.contains("未收到（保持原情景的数字；未填写的年末余额按恰好完成任务计）：农发行、中国银行、"),
        "{report}"
    );
    let merged: Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    assert_eq!(merged["sources"]["ceb"]["date"], "2025-01-14");
    // The panel's grade of --into stays: a bank's form has no box for it.
    let icbc = merged["banks"].as_array().and_then(|b| b.iter().find(|b| b["id"] == "icbc")).expect("icbc");
    let before: Value = serde_json::from_str(&std::fs::read_to_string(&into).expect("readable")).expect("JSON");
    let was = before["banks"].as_array().and_then(|b| b.iter().find(|b| b["id"] == "icbc")).expect("icbc");
    assert_eq!(icbc["policy_score"], was["policy_score"]);
}

#[test]
fn collect_refuses_two_forms_of_one_bank_and_a_form_under_anothers_name() {
    let first = seed("申报表-工商银行.xlsx");
    let second = seed("申报表-工商银行（更正）.xlsx");
    let out = kaoping(&["collect", &first, &second]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("kaoping: 冲突：工商银行有两份数字不同的申报：申报表-工商银行.xlsx 与 申报表-工商银行（更正）.xlsx（贷款余额（2024年末） 306 亿元 ≠ 307.5 亿元；中小微企业贷款户数（2024年末） 813 户 ≠ 820 户）\n"),
        "{}",
        text(&out.stderr)
    );
    let picked = kaoping(&["collect", &first, &second, "--pick", "工商银行=申报表-工商银行（更正）.xlsx"]);
    assert!(picked.status.success(), "{}", text(&picked.stderr));
    let merged: Value = serde_json::from_slice(&picked.stdout).expect("a scenario");
    assert_eq!(merged["sources"]["icbc"]["date"], "2025-01-09");

    let wrong = seed("申报表-中国银行.xlsx");
    let out = kaoping(&["collect", &wrong]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .starts_with("kaoping: 冲突：申报表-中国银行.xlsx 的文件名是中国银行，表中却是农业银行的数据\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn collect_refuses_a_form_with_a_slip_naming_the_cell() {
    let out = kaoping(&["collect", &seed("申报表-农商行（有误）.xlsx"), &seed("申报表-工商银行.xlsx")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let message = text(&out.stderr);
    assert!(message.starts_with("kaoping: "), "{message}");
    assert!(message.contains("申报表-农商行（有误）.xlsx: 申报表!G36：") && message.contains("14.8g"), "{message}");
}

#[test]
fn the_exported_workbook_has_a_sources_sheet_that_imports_back() {
    let dir = scratch("sources-sheet");
    let file = tests_dir().join("scenarios/declared-and-verified.scenario.json");
    let book = dir.join("测算.xlsx").to_string_lossy().into_owned();
    let out = kaoping(&["export", &file.to_string_lossy(), "--xlsx", &book]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = kaoping(&["import", &book]);
    assert!(back.status.success(), "{}", text(&back.stderr));
    let back: Value = serde_json::from_slice(&back.stdout).expect("a scenario");
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("readable")).expect("JSON");
    assert_eq!(back["sources"], original["sources"]);
    assert_eq!(
        back["verified"]["hubei"]["platform_bonds"]["reason"],
        original["verified"]["hubei"]["platform_bonds"]["reason"]
    );
    assert_eq!(back["verified"]["hsrcb"]["dongchu_households"]["declared"], 410);
}
