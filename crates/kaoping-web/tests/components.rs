//! Component tests: the app rendered in headless Chromium, driven through the DOM as a user would.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p kaoping-web` (the runner is
//! wasm-bindgen-test-runner with chromedriver; `cargo xtask test` sets it up). Yew renders
//! asynchronously, so every check waits for its condition, yielding to the scheduler in between.

#![cfg(target_arch = "wasm32")]

mod common;

use common::Mounted;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const LOANS: &str = "#f-adbc-loans";

#[wasm_bindgen_test]
async fn baseline_shows_a_total_with_two_decimals_and_a_band() {
    let app = Mounted::new(&[]).await;
    // 农发行's baseline total is 74.190298… (tests/scenarios/template.expected.txt), shown to two decimals.
    assert_eq!(app.text("#summary-total"), "74.19");
    // 农发行 is last on the baseline (every bank on task): the bottom band, interviewed.
    assert_eq!(app.text("#summary-rank"), "第 16 名 / 16 家");
    assert!(app.find("#summary-interview").is_some());
    assert!(app.find("#notice").is_some(), "a fresh start says where it starts from");
    // The engine's solver says what lifts it into the next band (贡献一般, from rank 13), and the
    // rank that balance actually reaches: on the baseline the banks are so close that it is 4th.
    let next = app.text("#summary-next-band");
    assert!(next.contains("325.00 亿元") && next.contains("可升至第 4 名"), "next band: {next}");
}

#[wasm_bindgen_test]
async fn typing_a_loan_balance_recomputes_at_once() {
    let app = Mounted::new(&[]).await;
    let total = app.text("#summary-total");
    let band = app.text("#summary-band");
    app.type_into(LOANS, "1,000");
    app.wait_for("a new total", |m| m.text("#summary-total") != total).await;
    assert_eq!(app.text("#summary-rank"), "第 1 名 / 16 家");
    assert_ne!(app.text("#summary-band"), band);
    assert!(app.find("#summary-interview").is_none());
    // The box keeps what was typed, separators and all.
    assert_eq!(app.input(LOANS).value(), "1,000");
}

/// The scenario text of the (one) tab's working copy in localStorage.
fn stored_scenario() -> String {
    let Some(storage) = gloo::utils::window().local_storage().ok().flatten() else { return String::new() };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with("kaoping/tab/"))
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .filter_map(|text| js_sys::JSON::parse(&text).ok())
        .filter_map(|record| js_sys::Reflect::get(&record, &"scenario".into()).ok())
        .find_map(|scenario| scenario.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn forgiving_input_is_read() {
    let app = Mounted::new(&[]).await;
    let cases = [
        ("１２３４．５亿", "1234.5"),
        (" 300.25 亿元 ", "300.25"),
        ("1,234,567.5", "1234567.5"),
        ("\u{3000}290\u{3000}", "290"),
    ];
    for (text, stored) in cases {
        app.type_into(LOANS, text);
        let quoted = format!("\"{stored}\"");
        app.wait_for(text, |_| stored_scenario().contains(&quoted)).await;
        assert!(app.find(&format!("{LOANS}-msg")).is_none(), "no error for {text:?}");
        assert_eq!(app.input(LOANS).value(), text, "the box keeps {text:?}");
    }
}

#[wasm_bindgen_test]
async fn nonsense_is_marked_and_the_last_valid_value_keeps_counting() {
    let app = Mounted::new(&[]).await;
    app.type_into(LOANS, "330");
    app.wait_for("330 to count", |m| m.text("#summary-total") != "74.19").await;
    let total = app.text("#summary-total");
    app.type_into(LOANS, "33o");
    app.wait_for("the message", |m| m.find(&format!("{LOANS}-msg")).is_some()).await;
    let message = app.text(&format!("{LOANS}-msg"));
    assert!(message.contains("不是数字"), "message: {message}");
    assert_eq!(app.input(LOANS).value(), "33o", "the typed text stays");
    assert_eq!(app.input(LOANS).get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(app.text("#summary-total"), total, "the last valid value counts");
    assert!(app.find("#summary-input-errors").is_some());

    // A negative balance is refused by the engine's type, in Chinese, in the figure's words; the
    // message says which figure still counts.
    app.type_into(LOANS, "-5");
    app.wait_for("the range message", |m| m.text(&format!("{LOANS}-msg")).contains("金额不能为负数")).await;
    assert!(
        app.text(&format!("{LOANS}-msg")).contains("仍按 330.00 亿元计算"),
        "{}",
        app.text(&format!("{LOANS}-msg"))
    );
    assert_eq!(app.text("#summary-total"), total);
}

#[wasm_bindgen_test]
async fn every_change_is_stashed_and_comes_back_after_a_reload() {
    let app = Mounted::new(&[]).await;
    app.type_into(LOANS, "321.5");
    app.wait_for("the stash", |_| stored_scenario().contains("321.5")).await;
    assert!(app.find("#scenario-unsaved").is_some(), "a change from the baseline is not saved");
    app.click("#notice button");

    let again = app.reload().await;
    assert_eq!(again.input(LOANS).value(), "321.5");
    assert!(again.find("#notice").is_none(), "no notice when the tab's own copy comes back");
    assert!(again.find("#scenario-unsaved").is_some(), "still unsaved after the reload");
}

#[wasm_bindgen_test]
async fn the_shared_working_copy_of_earlier_versions_is_taken_up() {
    // Before each tab had its own copy, the page kept one under kaoping/working.
    let legacy = r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "adbc", "loans": "321.5"}]}"#;
    let app = Mounted::new(&[("kaoping/working", legacy)]).await;
    assert_eq!(app.input(LOANS).value(), "321.5");
    app.wait_for("the tab's own copy", |_| stored_scenario().contains("321.5")).await;
    let storage = gloo::utils::window().local_storage().ok().flatten().expect("localStorage");
    app.wait_for("the old copy removed", |_| storage.get_item("kaoping/working").ok().flatten().is_none()).await;
}

#[wasm_bindgen_test]
async fn corrupt_storage_starts_from_the_baseline_with_a_notice() {
    let app = Mounted::new(&[("kaoping/working", "\"{ not a scenario")]).await;
    assert!(app.text("#notice").contains("无法读取"), "notice: {}", app.text("#notice"));
    assert_eq!(app.input(LOANS).value(), "");
    assert_eq!(app.text("#summary-rank"), "第 16 名 / 16 家");
}

#[wasm_bindgen_test]
async fn the_city_table_sorts_and_opens_a_bank() {
    let app = Mounted::new(&[]).await;
    app.click("#tab-city");
    app.wait_for("the table", |m| m.find("#city-table").is_some()).await;
    let first_row =
        |m: &Mounted| m.find("#city-table tbody tr").and_then(|r| r.get_attribute("id")).unwrap_or_default();
    assert_eq!(first_row(&app), "row-adbc", "annex order first");
    app.click("#sort-total");
    app.wait_for("sorted by total", |m| first_row(m) != "row-adbc").await;
    app.click("#row-icbc .bank-link");
    app.wait_for("工商银行 opened", |m| m.find("#f-icbc-loans").is_some()).await;
}

#[wasm_bindgen_test]
async fn a_setting_changes_the_scores() {
    let app = Mounted::new(&[]).await;
    // 1.5亿 above the task: pro rata earns 1.5 bonus points, whole units only 1.
    app.type_into(LOANS, "325.81");
    app.wait_for("the new total", |m| m.text("#pts-adbc-loan_increment .points") == "41.50 分").await;
    app.click("#tab-settings");
    app.wait_for("the settings", |m| m.find("#bonus-mode-1").is_some()).await;
    app.click("#bonus-mode-1");
    app.click("#tab-bank");
    app.wait_for("whole units", |m| m.text("#pts-adbc-loan_increment .points") == "41.00 分").await;
}

#[wasm_bindgen_test]
async fn the_annex_checks_are_listed() {
    let app = Mounted::new(&[]).await;
    app.click("#tab-checks");
    app.wait_for("the checks", |m| m.find("#checks-table").is_some()).await;
    assert!(app.text("#checks-table").contains("工商银行"));
}

#[wasm_bindgen_test]
async fn no_text_in_any_box_can_break_the_page() {
    // A wasm panic would kill the page, so every box of the bank form gets hostile text, and the
    // page must still answer afterwards.
    let app = Mounted::new(&[]).await;
    let hostile = [
        "-",
        ".",
        "1e309",
        "９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９",
        "100000000",
        "100000000.01",
        "-0",
        "NaN",
        "inf",
        "1,2",
        "0.000000001",
        "亿",
        "12亿元",
        "-99999999",
        "1.",
        ".5",
        "+3",
        "１０％",
        "79228162514264337593543950335",
        "0x10",
        "",
        "10",
    ];
    let boxes = app.root.query_selector_all(".bank-form input[type=text]").expect("query boxes");
    let ids: Vec<String> = (0..boxes.length())
        .filter_map(|i| boxes.get(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .map(|element| element.id())
        .collect();
    assert!(ids.len() >= 25, "the form has its boxes ({})", ids.len());
    for id in &ids {
        for text in hostile {
            app.type_into(&format!("#{id}"), text);
        }
    }
    app.wait_for("the page to settle", |m| m.input(&format!("#{}", ids[0])).value() == "10").await;
    let total = app.text("#summary-total");
    assert!(total.contains('.'), "the page still shows a total: {total}");
    // Every box ends on "10"; 10 is valid for every figure, so no box is marked.
    assert!(app.find(".field.invalid").is_none(), "no box left marked");
}

#[wasm_bindgen_test]
async fn the_form_has_a_box_or_a_checkbox_for_every_figure_of_the_field_table() {
    let app = Mounted::new(&[]).await;
    for spec in kaoping_engine::FIELDS.iter() {
        let selector = format!("#f-adbc-{}", spec.key.replace('.', "-"));
        let element = app.find(&selector).unwrap_or_else(|| panic!("no box for {}", spec.key));
        let kind = element.get_attribute("type").unwrap_or_default();
        let expected = if spec.kind == kaoping_engine::Kind::Flag { "checkbox" } else { "text" };
        assert_eq!(kind, expected, "{}", spec.key);
        let label = app.text(&format!("label[for=f-adbc-{}]", spec.key.replace('.', "-")));
        assert!(label.contains(spec.label), "{}: label {label:?}", spec.key);
    }
    // The notes come from the table: 附件5's misprint is explained under its row.
    assert!(app.text(".bank-form").contains("融资金数"), "the 附件5 note is shown");
    // Annex rows show the distance in the engine's words.
    let distance = app.text("#section-loaninput .distance .value");
    assert_eq!(distance, "恰好完成", "the baseline is exactly on task");
}

#[wasm_bindgen_test]
async fn a_vetoed_bank_reads_not_applicable_for_rank_band_interview_and_share() {
    let app = Mounted::new(&[]).await;
    app.click("#f-adbc-vetoed");
    app.wait_for("the veto", |m| m.text("#summary-rank") == "不适用").await;
    assert_eq!(app.text("#summary-band"), "不适用");
    assert_eq!(app.text("#summary-share"), "不适用");
    assert!(app.text("#summary-interview").contains("不适用"), "interview: {}", app.text("#summary-interview"));
    app.click("#tab-city");
    app.wait_for("the table", |m| m.find("#city-table").is_some()).await;
    for column in [".rank-col", ".band-col", ".interview-col", ".share-col"] {
        assert_eq!(app.text(&format!("#row-adbc {column}")), "不适用", "{column}");
    }
    assert_eq!(app.text("#row-icbc .interview-col"), "", "a ranked bank that is not interviewed");
}

#[wasm_bindgen_test]
async fn a_non_default_reading_is_named_beside_the_results_and_links_to_the_settings() {
    let app = Mounted::new(&[]).await;
    assert!(app.find("#summary-readings").is_none(), "the defaults need no badge");
    app.click("#tab-settings");
    app.wait_for("the settings", |m| m.find("#bonus-mode-1").is_some()).await;
    app.click("#bonus-mode-1");
    app.click("#tab-city");
    app.wait_for("the city badge", |m| m.find("#city-readings").is_some()).await;
    assert!(app.text("#city-readings").contains("只计完整的档"));
    app.click("#tab-bank");
    app.wait_for("the summary badge", |m| m.find("#summary-readings").is_some()).await;
    app.click("#summary-readings");
    app.wait_for("the settings again", |m| m.find("#bonus-mode-1").is_some()).await;
}

#[wasm_bindgen_test]
async fn computed_city_figures_say_where_they_come_from_and_typed_ones_do_not() {
    let app = Mounted::new(&[]).await;
    app.click("#tab-settings");
    app.wait_for("the settings", |m| m.find("#f-city-loan_growth_pct").is_some()).await;
    let source = app.text("#city-loan_growth_pct .source");
    assert!(source.contains("由 16 家银行的数据推算"), "source: {source}");
    app.type_into("#f-city-loan_growth_pct", "12.5");
    app.wait_for("the typed figure", |m| m.find("#city-loan_growth_pct .source").is_none()).await;
    app.click("#tab-city");
    app.wait_for("the averages", |m| m.find("#city-averages").is_some()).await;
    assert!(app.text("#city-averages-loan_growth_pct").contains("12.50%"));
    assert!(app.text("#city-averages .average-sources").contains("推算"), "the others are still worked out");
}

#[wasm_bindgen_test]
async fn near_ties_are_warned_in_the_summary_and_marked_in_the_table() {
    let app = Mounted::new(&[]).await;
    // On the baseline 工商银行 shows 75.00 like 建设银行 and 广发银行, across a band edge.
    app.click("#tab-city");
    app.wait_for("the table", |m| m.find("#city-table").is_some()).await;
    assert!(app.find("#row-icbc .near-tie").is_some(), "marked in the table");
    app.click("#row-icbc .bank-link");
    app.wait_for("工商银行 opened", |m| m.find("#f-icbc-loans").is_some()).await;
    assert!(app.text("#summary .near-tie").contains("两位小数"), "warned in the summary");
}

/// The box of one of 农发行's figures.
fn adbc(field: kaoping_engine::Field) -> String {
    format!("#f-adbc-{}", field.key().replace('.', "-"))
}

#[wasm_bindgen_test]
async fn a_refused_entry_says_which_figure_still_counts() {
    use kaoping_engine::Field;
    let app = Mounted::new(&[]).await;
    let message = |m: &Mounted, field: Field| m.text(&format!("{}-msg", adbc(field)));
    // An annex figure never typed counts as exactly on task.
    app.type_into(LOANS, "x");
    app.wait_for("the message", |m| !message(m, Field::Loans).is_empty()).await;
    assert!(message(&app, Field::Loans).contains("；仍按任务 324.31 亿元计算"), "{}", message(&app, Field::Loans));
    // After a valid figure, that figure.
    app.type_into(LOANS, "330");
    app.wait_for("330 to count", |m| message(m, Field::Loans).is_empty()).await;
    app.type_into(LOANS, "33o");
    app.wait_for("the message", |m| message(m, Field::Loans).contains("仍按 330.00 亿元计算")).await;
    // A figure with no task and nothing typed stays empty; a count is written whole, with its unit.
    app.type_into(&adbc(Field::SmeCustomers), "1,2x");
    app.wait_for("the count's message", |m| message(m, Field::SmeCustomers).contains("仍为空")).await;
    app.type_into(&adbc(Field::SmeCustomers), "1200");
    app.type_into(&adbc(Field::SmeCustomers), "1200.5");
    app.wait_for("the whole count", |m| message(m, Field::SmeCustomers).contains("须为整数；仍按 1,200 户计算")).await;
    // A percentage.
    app.type_into(&adbc(Field::SmeRate), "4.2");
    app.type_into(&adbc(Field::SmeRate), "4.2.1");
    app.wait_for("the rate's message", |m| message(m, Field::SmeRate).contains("仍按 4.20%计算")).await;
    // The summary names the refused boxes by their labels.
    let refused = app.text("#summary-input-errors");
    assert!(refused.contains(Field::Loans.label()) && refused.contains(Field::SmeRate.label()), "{refused}");
}

/// A plausibility case: what is typed, the box the doubt stands beside, words of the engine's message.
type DoubtCase = (&'static [(kaoping_engine::Field, &'static str)], kaoping_engine::Field, &'static str);

#[wasm_bindgen_test]
async fn each_plausibility_rule_is_shown_beside_its_box() {
    use kaoping_engine::Field;
    // (what is typed, the box the doubt stands beside, words of the engine's message). 农发行's 2023
    // loans are 282.01亿, its on-task loans 324.31亿 and its on-task 中小微 319.67亿.
    let cases: &[DoubtCase] = &[
        (&[(Field::Loans, "100")], Field::Loans, "降幅超过"),
        (&[(Field::Loans, "1000")], Field::Loans, "倍"),
        (&[(Field::ManufacturingLoans, "330")], Field::ManufacturingLoans, "高于贷款余额 324.31 亿元"),
        (&[(Field::Inclusive, "320")], Field::Inclusive, "普惠小微包含在中小微之内"),
        (&[(Field::SmeRate, "0")], Field::SmeRate, "不在 0% 至"),
        (&[(Field::SmeRateStart, "25")], Field::SmeRateStart, "不在 0% 至"),
        (&[(Field::SmeCustomers2023, "1000"), (Field::SmeCustomers, "400")], Field::SmeCustomers, "减少一半以上"),
        (&[(Field::PlatformBonds, "3000000")], Field::PlatformBonds, "超过全市贷款余额合计"),
    ];
    for (typed, field, words) in cases {
        let app = Mounted::new(&[]).await;
        for (typed_field, text) in *typed {
            app.type_into(&adbc(*typed_field), text);
        }
        let doubt = format!("{}-doubt", adbc(*field));
        app.wait_for(words, |m| m.text(&doubt).contains(words)).await;
        // Tied to its box for screen readers, in the warning style, not the error one.
        let described = app.input(&adbc(*field)).get_attribute("aria-describedby").unwrap_or_default();
        assert!(described.split(' ').any(|id| format!("#{id}") == doubt), "{field:?}: described by {described}");
        assert_eq!(app.input(&adbc(*field)).get_attribute("aria-invalid").as_deref(), Some("false"), "{field:?}");
        // Counted and named in the summary.
        assert!(app.text("#summary-doubts").contains(field.label()), "{field:?}: {}", app.text("#summary-doubts"));
    }
}

#[wasm_bindgen_test]
async fn the_checks_view_lists_what_the_user_typed() {
    let app = Mounted::new(&[]).await;
    app.click("#tab-checks");
    app.wait_for("the checks", |m| m.find("#input-checks").is_some()).await;
    assert!(app.find("#input-checks-ok").is_some(), "nothing to check on the baseline");
    assert!(app.find("#checks-table").is_some(), "the annex checks are still there");
    app.click("#tab-city");
    app.wait_for("the table", |m| m.find("#cf-icbc-loans").is_some()).await;
    app.type_into("#cf-adbc-loans", "100");
    app.type_into("#cf-icbc-loans", "1");
    app.wait_for("the doubt in the table", |m| m.find("#cf-icbc-loans-doubt").is_some()).await;
    app.click("#tab-checks");
    app.wait_for("the doubts", |m| m.find("#input-checks-table").is_some()).await;
    assert!(app.text("#input-checks-title").contains("农发行"));
    assert!(app.text("#input-checks-table").contains("100.00 亿元"), "{}", app.text("#input-checks-table"));
    assert!(app.text("#other-input-checks-table").contains("工商银行"), "other banks are listed too");
}

#[wasm_bindgen_test]
async fn switching_a_reading_says_which_ranks_it_moved() {
    let app = Mounted::new(&[]).await;
    // 1.5亿 above the task: whole units drop the half point.
    app.type_into(LOANS, "325.81");
    app.wait_for("the new total", |m| m.text("#pts-adbc-loan_increment .points") == "41.50 分").await;
    app.click("#tab-settings");
    app.wait_for("the settings", |m| m.find("#bonus-mode-1").is_some()).await;
    assert_eq!(app.text("#bonus-mode-shift"), "", "nothing switched yet");
    app.click("#bonus-mode-1");
    app.wait_for("the moved ranks", |m| m.text("#bonus-mode-shift").starts_with("切换后：")).await;
    let shift = app.text("#bonus-mode-shift");
    assert!(shift.contains("→") || shift.contains("均未变化"), "{shift}");
    app.click("#bonus-mode-0");
    app.wait_for("switched back", |m| m.text("#bonus-mode-shift") != shift || shift.contains("均未变化")).await;
}

#[wasm_bindgen_test]
async fn the_summary_folds_and_unfolds() {
    let app = Mounted::new(&[]).await;
    let toggle = app.find("#summary-toggle").expect("the fold button");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(app.text("#summary-toggle").contains("存放份额"), "the folded strip names the share");
    app.click("#summary-toggle");
    app.wait_for("unfolded", |m| m.find("#summary.expanded").is_some()).await;
    assert_eq!(app.find("#summary-toggle").and_then(|t| t.get_attribute("aria-expanded")).as_deref(), Some("true"));
    // Everything is in the page either way; only the phone's style hides the folded part.
    assert!(app.find("#summary-details #summary-next-band").is_some());
    assert!(app.find("#summary-details #summary-missing").is_some());
}

#[wasm_bindgen_test]
async fn the_print_header_names_the_scenario_readings_and_city_figures() {
    let app = Mounted::new(&[]).await;
    assert!(app.text("#print-header").contains("测算结果，非正式考评结论"));
    assert!(app.text("#print-scenario").contains("未命名"));
    assert!(app.text("#print-page").contains("农业发展银行黄石市分行"));
    assert!(app.text("#print-settings").contains("按比例折算"));
    assert!(app.text("#print-city").contains("推算"));
}

#[wasm_bindgen_test]
async fn a_refused_setting_or_city_figure_says_what_still_counts() {
    let app = Mounted::new(&[]).await;
    app.click("#tab-settings");
    app.wait_for("the settings", |m| m.find("#f-city-loan_growth_pct").is_some()).await;
    // An empty city figure is worked out from the banks: that figure counts.
    app.type_into("#f-city-loan_growth_pct", "x");
    app.wait_for("the city message", |m| m.text("#f-city-loan_growth_pct-msg").contains("仍为空：按推算的")).await;
    app.type_into("#f-city-loan_growth_pct", "12.5");
    app.type_into("#f-city-loan_growth_pct", "12.5.");
    app.wait_for("the typed figure", |m| m.text("#f-city-loan_growth_pct-msg").contains("仍按 12.50%计算")).await;
    // An empty green rate means the annex's tasks.
    app.type_into("#f-settings-green_target_growth_pct", "abc");
    let when_empty = kaoping_engine::Setting::GreenTargetGrowth.spec().when_empty;
    app.wait_for("the green message", |m| {
        m.text("#f-settings-green_target_growth_pct-msg").contains(&format!("仍为空：{when_empty}"))
    })
    .await;
}
