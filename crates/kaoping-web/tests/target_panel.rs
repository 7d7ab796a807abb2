//! 目标测算 in headless Chromium, driven through the DOM as a user would: the answer as the goal is
//! chosen, entering it into the scenario and taking it back, the views below it, and the simulation
//! running to its end in slices.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p kaoping-web` (see tests/components.rs).

#![cfg(target_arch = "wasm32")]

mod common;

use common::Mounted;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The app on the baseline (storage cleared), 本行测算 of 农发行, last on the baseline, once the panel
/// has its first answer.
async fn mounted() -> Mounted {
    let app = Mounted::new(&[]).await;
    app.wait_for("the panel's answer", |m| !m.text("#target-answer").is_empty()).await;
    app
}

#[wasm_bindgen_test]
async fn the_answer_follows_the_goal_and_can_be_entered_and_taken_back() {
    let app = mounted().await;
    // The first goal is 贡献突出单位, the first lever a plain loan: 农发行 needs more loans.
    let answer = app.text("#target-answer");
    assert!(answer.starts_with("贷款余额达到") && answer.contains("可进入贡献突出单位"), "{answer}");
    let band = app.text("#summary-band");
    app.click("#target-apply");
    app.wait_for("the figure entered", |m| !m.value("#f-adbc-loans").is_empty()).await;
    app.wait_for("the summary's band", |m| m.text("#summary-band") != band).await;
    assert!(app.text("#target-applied").starts_with("已填入："));
    app.wait_for("the goal reached", |m| m.text("#target-answer").starts_with("已经达到目标")).await;
    app.click("#target-undo");
    app.wait_for("the figure taken back", |m| m.value("#f-adbc-loans").is_empty()).await;
    app.wait_for("the band as before", |m| m.text("#summary-band") == band).await;
    // A goal with a figure: a total out of reach of plain loans says why.
    app.choose("#target-goal", "total>=");
    app.wait_for("the figure box", |m| m.find("#target-goal-figure").is_some()).await;
    app.type_into("#target-goal-figure", "170");
    app.wait_for("an answer out of reach", |m| m.text("#target-answer").starts_with("仅靠增加")).await;
    assert!(app.find("#target-apply").is_none(), "nothing to enter");
    app.type_into("#target-goal-figure", "abc");
    app.wait_for("the refusal", |m| m.find("#target-goal-error").is_some()).await;
}

#[wasm_bindgen_test]
async fn the_views_show_margins_value_of_a_point_chart_and_a_simulation() {
    let app = mounted().await;
    // The fifteen other banks, and ours between the banks above and below it.
    app.wait_for("the margins table", |m| m.count("#target-margins-table tbody tr") == 16).await;
    assert!(app.text("#target-margins-ours").contains("（本行）"));
    app.click("#target-view-marginal");
    app.wait_for("the value-of-a-point table", |m| m.count("#target-marginal-table tbody tr") > 10).await;
    app.click("#target-view-chart");
    app.wait_for("the chart", |m| m.find(".target-chart svg polyline.ours").is_some()).await;
    assert!(app.count("#target-chart-table tbody tr") > 10, "a table behind the chart");
    app.click("#target-view-rivals");
    app.wait_for("the rivals' view", |m| m.find("#target-draws").is_some()).await;
    app.type_into("#target-draws", "200");
    app.wait_for("the simulation's end", |m| {
        m.text("#target-simulation-summary").contains("200 次抽样")
            && m.find("#target-simulation").and_then(|e| e.get_attribute("aria-busy")).as_deref() == Some("false")
    })
    .await;
    assert!(app.count(".target-distribution tbody tr") >= 1);
    // Rivals that beat their tasks change the answer above.
    let before = app.text("#target-answer");
    app.choose("#target-rival-unentered", "bar");
    app.wait_for("a new answer", |m| m.text("#target-answer") != before).await;
    // "+K over task", for the lines the rivals entered too: a labelled box and a labelled checkbox.
    app.choose("#target-rival-lines", "above:");
    app.wait_for("the K box", |m| m.find("#target-rival-above").is_some()).await;
    assert_eq!(app.text("label[for=target-rival-above]"), kaoping_engine::Rivals::ABOVE_LABEL);
    app.type_into("#target-rival-above", "2");
    let assumed = |m: &Mounted| m.text(".target-rivals .target-line");
    app.wait_for("K in the assumption", |m| assumed(m).contains("2.00")).await;
    let only_unentered = assumed(&app);
    assert_eq!(app.text("label[for=target-rival-lines-too]"), kaoping_engine::Rivals::ENTERED_LINES_TOO_LABEL);
    app.click("#target-rival-lines-too");
    app.wait_for("the entered lines too", |m| assumed(m) != only_unentered).await;
}
