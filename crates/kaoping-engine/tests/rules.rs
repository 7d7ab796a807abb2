//! Every clause at its edges, through the engine's public entry point: exactly on task, just below,
//! just above, at the cap, beyond it, at zero, negative, and whole units against pro rata.
//!
//! Each case is one bank's figures (工商银行 unless it says otherwise), the item and the points worked
//! out by hand from the scheme's text, to four decimals. City averages are typed in where an item
//! depends on them, so that each case depends on one bank alone.
//!
//! They run on the host and, compiled to WebAssembly, under wasm-bindgen-test: the page's engine is
//! held to the same table.

use kaoping_engine::{evaluate, Evaluation, Item, Scenario, Scheme};
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// Scores a scenario made of `settings`, `city` and one bank entry (JSON fragments).
fn score(settings: &str, city: &str, bank: &str) -> Evaluation {
    let text = format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024, "settings": {{{settings}}}, "city": {{{city}}}, "banks": [{{{bank}}}]}}"#
    );
    let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("test scenario {text}: {e}"));
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    evaluate(scheme, &scenario)
}

fn points(evaluation: &Evaluation, id: &str, item: Item) -> Decimal {
    let bank = evaluation.bank(id).expect("bank in result");
    bank.item(item).expect("item in result").points
}

fn four(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// (case, settings, city, bank fields, item, expected points to four decimals)
type Case = (&'static str, &'static str, &'static str, &'static str, Item, &'static str);

fn check(cases: &[Case]) {
    for (name, settings, city, fields, item, expected) in cases {
        let bank = if fields.contains("\"id\"") { fields.to_string() } else { format!(r#""id": "icbc", {fields}"#) };
        let bank = bank.trim_end_matches(", ").to_owned();
        let evaluation = score(settings, city, &bank);
        let id = bank.split('"').nth(3).unwrap_or("icbc");
        let got = four(points(&evaluation, id, *item));
        let expected = Decimal::from_str(expected).expect("expected is a decimal").normalize();
        assert_eq!(got, expected, "{name}: {item:?} with {bank}");
    }
}

const PRO: &str = "";
const WHOLE: &str = r#""bonus_mode": "whole_units""#;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn loan_increment_二_一_1() {
    // 工商银行: 2023 balance 256.05, task 38.41 (附件1 确保).
    check(&[
        ("on task", PRO, "", r#""loans": "294.46""#, Item::LoanIncrement, "40"),
        ("just below", PRO, "", r#""loans": "294.45""#, Item::LoanIncrement, "39.9896"),
        ("just above", PRO, "", r#""loans": "294.47""#, Item::LoanIncrement, "40.01"),
        ("worked example", PRO, "", r#""loans": "300.00""#, Item::LoanIncrement, "45.54"),
        ("whole units", WHOLE, "", r#""loans": "300.00""#, Item::LoanIncrement, "45"),
        ("whole units just short of a step", WHOLE, "", r#""loans": "295.45""#, Item::LoanIncrement, "40"),
        ("at the cap", PRO, "", r#""loans": "314.46""#, Item::LoanIncrement, "60"),
        ("beyond the cap", PRO, "", r#""loans": "400""#, Item::LoanIncrement, "60"),
        ("zero increment", PRO, "", r#""loans": "256.05""#, Item::LoanIncrement, "0"),
        ("negative increment", PRO, "", r#""loans": "200""#, Item::LoanIncrement, "0"),
        ("half the task", PRO, "", r#""loans": "275.255""#, Item::LoanIncrement, "20"),
        ("not entered: on task", PRO, "", "", Item::LoanIncrement, "40"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn loan_growth_二_一_2() {
    // City average typed in as 15%; 256.05 × 1.15 = 294.4575.
    let city = r#""loan_growth_pct": "15""#;
    check(&[
        ("at the average", PRO, city, r#""loans": "294.4575""#, Item::LoanGrowth, "10"),
        ("2 pp above", PRO, city, r#""loans": "299.5785""#, Item::LoanGrowth, "11"),
        ("worked example figures", PRO, city, r#""loans": "300""#, Item::LoanGrowth, "11.0823"),
        ("whole units: one complete step", WHOLE, city, r#""loans": "300""#, Item::LoanGrowth, "11"),
        ("2 pp below", PRO, city, r#""loans": "289.3365""#, Item::LoanGrowth, "9"),
        ("1 pp below, pro rata", PRO, city, r#""loans": "291.897""#, Item::LoanGrowth, "9.5"),
        ("1 pp below, whole units", WHOLE, city, r#""loans": "291.897""#, Item::LoanGrowth, "10"),
        ("10 pp above: at the cap", PRO, city, r#""loans": "320.0625""#, Item::LoanGrowth, "15"),
        ("far above: capped", PRO, city, r#""loans": "500""#, Item::LoanGrowth, "15"),
        ("20 pp below: all deducted", PRO, city, r#""loans": "243.2475""#, Item::LoanGrowth, "0"),
        ("far below: not under zero", PRO, city, r#""loans": "0""#, Item::LoanGrowth, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn sme_increment_二_二_1_1() {
    // 工商银行: 2023 SME balance 112.37, task 16.86; +0.5 per 2亿, cap 2.
    check(&[
        ("on task", PRO, "", r#""sme_loans": "129.23""#, Item::SmeIncrement, "4"),
        ("worked example", PRO, "", r#""sme_loans": "125""#, Item::SmeIncrement, "2.9964"),
        ("2亿 above", PRO, "", r#""sme_loans": "131.23""#, Item::SmeIncrement, "4.5"),
        ("1亿 above, whole units", WHOLE, "", r#""sme_loans": "130.23""#, Item::SmeIncrement, "4"),
        ("8亿 above: at the cap", PRO, "", r#""sme_loans": "137.23""#, Item::SmeIncrement, "6"),
        ("beyond the cap", PRO, "", r#""sme_loans": "200""#, Item::SmeIncrement, "6"),
        ("zero increment", PRO, "", r#""sme_loans": "112.37""#, Item::SmeIncrement, "0"),
        ("negative", PRO, "", r#""sme_loans": "100""#, Item::SmeIncrement, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn sme_customers_二_二_1_2() {
    check(&[
        ("12% exactly", PRO, "", r#""sme_customers_2023": 1200, "sme_customers": 1344"#, Item::SmeCustomers, "3"),
        ("just below 12%", PRO, "", r#""sme_customers_2023": 1200, "sme_customers": 1343"#, Item::SmeCustomers, "2.9792"),
        ("14%", PRO, "", r#""sme_customers_2023": 1200, "sme_customers": 1368"#, Item::SmeCustomers, "3.5"),
        ("17%", PRO, "", r#""sme_customers_2023": 1200, "sme_customers": 1404"#, Item::SmeCustomers, "4.25"),
        ("17%, whole units", WHOLE, "", r#""sme_customers_2023": 1200, "sme_customers": 1404"#, Item::SmeCustomers, "4"),
        ("20%: at the cap", PRO, "", r#""sme_customers_2023": 1000, "sme_customers": 1200"#, Item::SmeCustomers, "5"),
        ("beyond the cap", PRO, "", r#""sme_customers_2023": 1000, "sme_customers": 2000"#, Item::SmeCustomers, "5"),
        ("no growth", PRO, "", r#""sme_customers_2023": 1200, "sme_customers": 1200"#, Item::SmeCustomers, "0"),
        ("fewer customers", PRO, "", r#""sme_customers_2023": 1200, "sme_customers": 1000"#, Item::SmeCustomers, "0"),
        ("2023 count zero", PRO, "", r#""sme_customers_2023": 0, "sme_customers": 50"#, Item::SmeCustomers, "0"),
        ("only one count", PRO, "", r#""sme_customers": 1404"#, Item::SmeCustomers, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn sme_rate_二_二_1_3() {
    check(&[
        ("0.1 pp", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "4.25""#, Item::SmeRate, "0.25"),
        ("0.4 pp", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "3.95""#, Item::SmeRate, "1"),
        ("0.15 pp pro rata", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "4.20""#, Item::SmeRate, "0.375"),
        ("0.15 pp whole units", WHOLE, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "4.20""#, Item::SmeRate, "0.25"),
        ("0.8 pp: at the cap", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "3.55""#, Item::SmeRate, "2"),
        ("1 pp: capped", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "3.35""#, Item::SmeRate, "2"),
        ("no change", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "4.35""#, Item::SmeRate, "0"),
        ("rate rose", PRO, "", r#""sme_rate_start_pct": "4.35", "sme_rate_pct": "4.50""#, Item::SmeRate, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn inclusive_growth_二_二_1_4() {
    let city = r#""inclusive_growth_pct": "16""#;
    check(&[
        ("at the average", PRO, city, r#""inclusive_loans_2023": "40", "inclusive_loans": "46.4""#, Item::InclusiveGrowth, "4"),
        ("9 pp above", PRO, city, r#""inclusive_loans_2023": "40", "inclusive_loans": "50""#, Item::InclusiveGrowth, "5.125"),
        ("9 pp above, whole units", WHOLE, city, r#""inclusive_loans_2023": "40", "inclusive_loans": "50""#, Item::InclusiveGrowth, "5"),
        ("6 pp below", PRO, city, r#""inclusive_loans_2023": "40", "inclusive_loans": "44""#, Item::InclusiveGrowth, "3.25"),
        ("far above: capped", PRO, city, r#""inclusive_loans_2023": "40", "inclusive_loans": "80""#, Item::InclusiveGrowth, "6"),
        ("all lost: not under zero", PRO, city, r#""inclusive_loans_2023": "40", "inclusive_loans": "0""#, Item::InclusiveGrowth, "0"),
        ("2023 base zero", PRO, city, r#""inclusive_loans_2023": "0", "inclusive_loans": "5""#, Item::InclusiveGrowth, "0"),
        ("not entered", PRO, city, "", Item::InclusiveGrowth, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn manufacturing_二_二_2() {
    // 工商银行: 2023 manufacturing 80.18, task 12.03.
    let city = r#""manufacturing_growth_pct": "15""#;
    check(&[
        ("on task", PRO, "", r#""manufacturing_loans": "92.21""#, Item::ManufacturingIncrement, "5"),
        ("worked example", PRO, "", r#""manufacturing_loans": "95""#, Item::ManufacturingIncrement, "6.395"),
        ("half the task", PRO, "", r#""manufacturing_loans": "86.195""#, Item::ManufacturingIncrement, "2.5"),
        ("4亿 above: at the cap", PRO, "", r#""manufacturing_loans": "96.21""#, Item::ManufacturingIncrement, "7"),
        ("beyond the cap", PRO, "", r#""manufacturing_loans": "150""#, Item::ManufacturingIncrement, "7"),
        ("negative", PRO, "", r#""manufacturing_loans": "70""#, Item::ManufacturingIncrement, "0"),
        // 80.18 × 1.15 = 92.207; × 1.19 = 95.4142; × 1.11 = 88.9998.
        ("growth at the average", PRO, city, r#""manufacturing_loans": "92.207""#, Item::ManufacturingGrowth, "5"),
        ("4 pp above", PRO, city, r#""manufacturing_loans": "95.4142""#, Item::ManufacturingGrowth, "6"),
        ("4 pp below", PRO, city, r#""manufacturing_loans": "88.9998""#, Item::ManufacturingGrowth, "4"),
        ("far above: capped", PRO, city, r#""manufacturing_loans": "200""#, Item::ManufacturingGrowth, "7"),
        ("far below: zero", PRO, city, r#""manufacturing_loans": "10""#, Item::ManufacturingGrowth, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn green_二_二_3() {
    // 工商银行: 2023 green 55.23, task 8.28; with a 20% setting the task is 11.046.
    let twenty = r#""green_target_growth_pct": "20""#;
    check(&[
        ("on task", PRO, "", r#""green_loans": "63.51""#, Item::GreenIncrement, "6"),
        ("worked example", PRO, "", r#""green_loans": "62""#, Item::GreenIncrement, "4.9058"),
        ("4亿 above: at the cap", PRO, "", r#""green_loans": "67.51""#, Item::GreenIncrement, "8"),
        ("beyond the cap", PRO, "", r#""green_loans": "90""#, Item::GreenIncrement, "8"),
        ("20% setting, on its task", twenty, "", r#""green_loans": "66.276""#, Item::GreenIncrement, "6"),
        ("20% setting, the annex task falls short", twenty, "", r#""green_loans": "63.51""#, Item::GreenIncrement, "4.4976"),
        ("20% setting, not entered: on the new task", twenty, "", "", Item::GreenIncrement, "6"),
        ("carbon: none", PRO, "", r#""carbon_products": 0"#, Item::CarbonProducts, "0"),
        ("carbon: three", PRO, "", r#""carbon_products": 3"#, Item::CarbonProducts, "3"),
        ("carbon: at the cap", PRO, "", r#""carbon_products": 4"#, Item::CarbonProducts, "4"),
        ("carbon: capped", PRO, "", r#""carbon_products": 7"#, Item::CarbonProducts, "4"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn tech_二_二_4() {
    let city = r#""tech_new_loans_avg": "8""#;
    check(&[
        ("at the average", PRO, city, r#""tech_new_loans": "8""#, Item::Tech, "6"),
        ("half the average", PRO, city, r#""tech_new_loans": "4""#, Item::Tech, "3"),
        ("above: no bonus", PRO, city, r#""tech_new_loans": "20""#, Item::Tech, "6"),
        ("zero", PRO, city, r#""tech_new_loans": "0""#, Item::Tech, "0"),
        ("worked example", PRO, city, r#""tech_new_loans": "6", "tech_products": 1"#, Item::Tech, "5.5"),
        ("products to the cap", PRO, city, r#""tech_new_loans": "8", "tech_products": 2"#, Item::Tech, "8"),
        ("products beyond the cap", PRO, city, r#""tech_new_loans": "8", "tech_products": 5"#, Item::Tech, "8"),
        ("products only", PRO, city, r#""tech_products": 2"#, Item::Tech, "2"),
        // Without a typed-in figure the average is the bank's own: it reaches it.
        ("only bank with the figure", PRO, "", r#""tech_new_loans": "3""#, Item::Tech, "6"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn pension_二_二_5() {
    // The only bank with figures ranks first in growth: always in the top five.
    let city = r#""pension_growth_pct": "20""#;
    check(&[
        ("at the average, top five", PRO, city, r#""pension_loans_2023": "5", "pension_loans": "6""#, Item::Pension, "3"),
        ("below the average: no pro rata", PRO, city, r#""pension_loans_2023": "5", "pension_loans": "5.95""#, Item::Pension, "1"),
        ("products to the cap", PRO, city, r#""pension_loans_2023": "5", "pension_loans": "6", "pension_products": 1"#, Item::Pension, "4"),
        ("products beyond the cap", PRO, city, r#""pension_loans_2023": "5", "pension_loans": "6", "pension_products": 3"#, Item::Pension, "4"),
        ("products only", PRO, city, r#""pension_products": 2"#, Item::Pension, "2"),
        ("2023 base zero", PRO, city, r#""pension_loans_2023": "0", "pension_loans": "1""#, Item::Pension, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn dongchu_二_三() {
    // 工商银行: 附件5 targets 16亿 and 160户.
    check(&[
        ("amount on target", PRO, "", r#""dongchu_amount": "16""#, Item::DongchuAmount, "3"),
        ("amount half", PRO, "", r#""dongchu_amount": "8""#, Item::DongchuAmount, "1.5"),
        ("amount 1亿 above", PRO, "", r#""dongchu_amount": "17""#, Item::DongchuAmount, "3.2"),
        ("amount 0.5亿 above, whole units", WHOLE, "", r#""dongchu_amount": "16.5""#, Item::DongchuAmount, "3"),
        ("amount 10亿 above: at the cap", PRO, "", r#""dongchu_amount": "26""#, Item::DongchuAmount, "5"),
        ("amount beyond the cap", PRO, "", r#""dongchu_amount": "40""#, Item::DongchuAmount, "5"),
        ("amount zero", PRO, "", r#""dongchu_amount": "0""#, Item::DongchuAmount, "0"),
        ("households on target", PRO, "", r#""dongchu_households": 160"#, Item::DongchuHouseholds, "2"),
        ("households 15 above", PRO, "", r#""dongchu_households": 175"#, Item::DongchuHouseholds, "2.2"),
        ("households 14 above, pro rata", PRO, "", r#""dongchu_households": 174"#, Item::DongchuHouseholds, "2.1867"),
        ("households 14 above, whole units", WHOLE, "", r#""dongchu_households": 174"#, Item::DongchuHouseholds, "2"),
        ("households 75 above: at the cap", PRO, "", r#""dongchu_households": 235"#, Item::DongchuHouseholds, "3"),
        ("households half", PRO, "", r#""dongchu_households": 80"#, Item::DongchuHouseholds, "1"),
        ("households zero", PRO, "", r#""dongchu_households": 0"#, Item::DongchuHouseholds, "0"),
        ("not entered: on target", PRO, "", "", Item::DongchuHouseholds, "2"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn adjustments_二_四() {
    check(&[
        ("policy 好", PRO, "", r#""policy_score": 10"#, Item::Policy, "10"),
        ("policy 较好", PRO, "", r#""policy_score": "7""#, Item::Policy, "7"),
        ("policy 很差", PRO, "", r#""policy_score": -10"#, Item::Policy, "-10"),
        ("policy not entered", PRO, "", "", Item::Policy, "0"),
        ("npl 0.2亿 written off", PRO, "", r#""npl_written_off": "0.2""#, Item::Npl, "1"),
        ("npl packaged counts half", PRO, "", r#""npl_other_disposal": "0.2""#, Item::Npl, "0.5"),
        ("npl worked example", PRO, "", r#""npl_written_off": "0.30", "npl_other_disposal": "0.20""#, Item::Npl, "2"),
        ("npl whole units", WHOLE, "", r#""npl_written_off": "0.30", "npl_other_disposal": "0.10""#, Item::Npl, "1"),
        ("npl at the cap", PRO, "", r#""npl_written_off": "1""#, Item::Npl, "5"),
        ("npl capped", PRO, "", r#""npl_written_off": "3""#, Item::Npl, "5"),
        ("bonds 3亿", PRO, "", r#""platform_bonds": "3""#, Item::PlatformBonds, "1.5"),
        ("bonds 3.9亿 whole units", WHOLE, "", r#""platform_bonds": "3.9""#, Item::PlatformBonds, "1.5"),
        ("bonds at the cap", PRO, "", r#""platform_bonds": "20""#, Item::PlatformBonds, "10"),
        ("bonds capped", PRO, "", r#""platform_bonds": "50""#, Item::PlatformBonds, "10"),
        ("bonds zero", PRO, "", r#""platform_bonds": "0""#, Item::PlatformBonds, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn guarantee_二_四_4() {
    check(&[
        ("on target", PRO, "", r#""startup_guarantee": {"target": "2", "actual": "2"}"#, Item::Guarantee, "4"),
        ("half", PRO, "", r#""startup_guarantee": {"target": "2", "actual": "1"}"#, Item::Guarantee, "2"),
        ("3亿 above", PRO, "", r#""startup_guarantee": {"target": "2", "actual": "5"}"#, Item::Guarantee, "7"),
        ("newly joined only", PRO, "", r#""govbank_guarantee": {"newly_included": true}"#, Item::Guarantee, "2"),
        ("worked example", PRO, "", r#""startup_guarantee": {"target": "2", "actual": "2.5"}, "govbank_guarantee": {"target": "1", "actual": "0.5", "newly_included": true}"#, Item::Guarantee, "8.5"),
        ("two together capped at 10", PRO, "", r#""startup_guarantee": {"target": "2", "actual": "5"}, "govbank_guarantee": {"target": "1", "actual": "3"}"#, Item::Guarantee, "10"),
        ("nothing reached", PRO, "", r#""startup_guarantee": {"target": "2", "actual": "0"}"#, Item::Guarantee, "0"),
    ]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn worked_example_1_reproduces_every_figure() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let text = include_str!("../../../tests/scenarios/worked-example-1.scenario.json");
    let evaluation = evaluate(scheme, &Scenario::from_json(text).expect("worked example parses"));
    let city = &evaluation.city;
    let four_opt = |d: Option<Decimal>| d.map(four).map(|d| d.to_string());
    assert_eq!(four_opt(city.loan_growth_pct.value).as_deref(), Some("15.2421"));
    assert_eq!(four_opt(city.inclusive_growth_pct.value).as_deref(), Some("16"));
    assert_eq!(four_opt(city.manufacturing_growth_pct.value).as_deref(), Some("15.5926"));
    assert_eq!(four_opt(city.pension_growth_pct.value).as_deref(), Some("21.4286"));
    assert_eq!(four_opt(city.tech_new_loans_avg.value).as_deref(), Some("8"));

    let icbc = evaluation.bank("icbc").expect("icbc");
    let expected = [
        "45.54", "10.9613", "2.9964", "4.25", "1", "5.125", "6.395", "5.7227", "4.9058", "1", "5.5", "3", "3.9", "2.4",
        "8", "2", "1.5", "8.5",
    ];
    for (score, expected) in icbc.items.iter().zip(expected) {
        assert_eq!(four(score.points).to_string(), expected, "icbc {:?}", score.item);
    }
    assert_eq!(icbc.total.map(four).map(|d| d.to_string()).as_deref(), Some("122.6962"));
    assert_eq!((icbc.rank, evaluation.ranked), (Some(1), 15));
    assert_eq!(icbc.band.key(), "outstanding");
    assert_eq!(four(icbc.deposit.evaluation_points).to_string(), "70");
    assert_eq!(four(icbc.deposit.composite).to_string(), "97");
    assert_eq!(kaoping_engine::round2(icbc.deposit.share_pct).to_string(), "13.87");

    let abc = evaluation.bank("abc").expect("abc");
    assert_eq!((abc.total.map(four).map(|d| d.to_string()).as_deref(), abc.rank), (Some("84.9823"), Some(2)));
    let adbc = evaluation.bank("adbc").expect("adbc");
    assert_eq!((adbc.total.map(four).map(|d| d.to_string()).as_deref(), adbc.rank), (Some("73.9217"), Some(15)));
    assert!(adbc.interview, "the last ranked bank is interviewed");
    let cmbc = evaluation.bank("cmbc").expect("cmbc");
    assert_eq!((cmbc.total, cmbc.rank, cmbc.band.key()), (None, None, "disqualified"));
    assert_eq!(cmbc.deposit.share_pct, Decimal::ZERO);
    assert_eq!(
        icbc.items[0].explain(scheme),
        "增量 43.95 亿元，任务 38.41 亿元，超 5.54 亿元 → 40 + 5.54 = 45.54 分"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn outcomes_四() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let run = |text: &str| evaluate(scheme, &Scenario::from_json(text).expect("scenario parses"));

    // On the baseline every bank is on task; 16 ranked; bands 3 / 7 / 3 / 3; the last three interviewed.
    let base = run(r#"{"format": "kaoping-scenario/1", "year": 2024}"#);
    assert_eq!(base.ranked, 16);
    let count = |key: &str| base.banks.iter().filter(|b| b.band.key() == key).count();
    assert_eq!((count("outstanding"), count("positive"), count("general"), count("bottom")), (3, 7, 3, 3));
    assert_eq!(base.banks.iter().filter(|b| b.interview).count(), 3);
    assert!(base.banks.iter().all(|b| b.interview == (b.rank >= Some(14))));

    // A vetoed bank is out of the loan-growth average: vetoing a fast grower lowers it.
    let with = run(r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "abc", "loans": "500"}]}"#);
    let without = run(r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "abc", "loans": "500", "vetoed": true}]}"#);
    assert!(without.city.loan_growth_pct.value < with.city.loan_growth_pct.value);
    assert_eq!(without.ranked, 15);

    // Last in 2023 and last again: the fiscal accounts go.
    let last = base.banks.iter().max_by_key(|b| b.rank).map(|b| b.id.clone()).expect("a last bank");
    let twice = run(&format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024, "banks": [{{"id": "{last}", "last_place_2023": true}}]}}"#
    ));
    assert!(twice.bank(&last).expect("bank").last_place_twice);
    let first = base.banks.iter().find(|b| b.rank == Some(1)).map(|b| b.id.clone()).expect("a first bank");
    let not_last = run(&format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024, "banks": [{{"id": "{first}", "last_place_2023": true}}]}}"#
    ));
    assert!(!not_last.bank(&first).expect("bank").last_place_twice);

    // Raw normalisation: total × 0.7; the department's 30% adds on.
    let raw = run(r#"{"format": "kaoping-scenario/1", "year": 2024, "settings": {"deposit_normalization": "raw"},
        "banks": [{"id": "icbc", "department_score": 80}]}"#);
    let icbc = raw.bank("icbc").expect("icbc");
    let total = icbc.total.expect("ranked");
    assert_eq!(icbc.deposit.evaluation_points, total * Decimal::new(7, 1));
    assert_eq!(icbc.deposit.composite, total * Decimal::new(7, 1) + Decimal::from(24));

    // A total at or below zero earns no evaluation points.
    let low = run(r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "cgb", "loans": "0", "sme_loans": "0",
        "manufacturing_loans": "0", "green_loans": "0", "dongchu_amount": "0", "dongchu_households": 0, "policy_score": -10}]}"#);
    let cgb = low.bank("cgb").expect("cgb");
    assert_eq!(cgb.total, Some(Decimal::from(-10)));
    assert_eq!(cgb.deposit.evaluation_points, Decimal::ZERO);
    assert_eq!(cgb.rank, Some(16));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn ties_share_the_better_rank() {
    // Two banks identical in everything the scheme scores end on the same total and rank.
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let text = r#"{"format": "kaoping-scenario/1", "year": 2024, "city": {"loan_growth_pct": "15", "manufacturing_growth_pct": "15"},
      "banks": [
        {"id": "citic", "loans": "48.91", "sme_loans": "19.64", "manufacturing_loans": "12.44", "green_loans": "3.52", "dongchu_amount": "6", "dongchu_households": 65},
        {"id": "ceb", "loans": "44.83", "sme_loans": "17.99", "manufacturing_loans": "3.77", "green_loans": "4.56", "dongchu_amount": "6", "dongchu_households": 65}]}"#;
    let evaluation = evaluate(scheme, &Scenario::from_json(text).expect("parses"));
    let citic = evaluation.bank("citic").expect("citic");
    let ceb = evaluation.bank("ceb").expect("ceb");
    assert_eq!(citic.total, ceb.total, "both: growth 0 vs 15% → 10 − 7.5, manufacturing 5 − 3.75, dongchu 5");
    assert_eq!(citic.rank, ceb.rank);
    let tied = citic.rank.expect("ranked");
    assert!(evaluation.banks.iter().all(|b| b.rank != Some(tied + 1)), "the next rank is skipped");
}
