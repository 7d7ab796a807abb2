//! Whatever a scenario file holds, it is read exactly or refused with one message that names the
//! place and says what is wrong — in English for the command line and in Chinese for the page. The
//! refusals are data: `tests/refusals.json`, a scenario and its two messages per case.

use kaoping_engine::{evaluate, Scenario, Scheme};
use serde::Deserialize;
use serde_json::Value;

fn bank(fields: &str) -> String {
    format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024, "banks": [{{"id": "adbc"}}, {{"id": "icbc", {fields}}}]}}"#
    )
}

/// A case of `tests/refusals.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Refusal {
    name: String,
    /// Why the message is as it is, or a FIXME where today's message is not yet what it should be.
    #[serde(default)]
    note: Option<String>,
    /// The file's text when it is not a JSON object (`"{"`, `""`, `"[]"`), else the object itself.
    scenario: Value,
    /// `Display`, in English for the command line.
    message: String,
    /// `Error::zh`, for the page.
    zh: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Refusals {
    #[allow(dead_code, reason = "read by people: what the file holds")]
    note: String,
    cases: Vec<Refusal>,
}

/// Every case of `tests/refusals.json` is refused with exactly its two messages; all failures are
/// reported together, each with the case's name. Embedded, so that it runs in wasm too.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_files_are_refused_with_the_place_named() {
    let file: Refusals =
        serde_json::from_str(include_str!("../../../tests/refusals.json")).expect("tests/refusals.json is readable");
    let mut failures = Vec::new();
    for case in &file.cases {
        let text = match &case.scenario {
            Value::String(text) => text.clone(),
            object => object.to_string(),
        };
        let mut wrong = Vec::new();
        match Scenario::from_json(&text) {
            Ok(_) => wrong.push(format!("accepted {text}")),
            Err(e) => {
                if e.to_string() != case.message {
                    wrong.push(format!("message\n    expected {}\n    got      {e}", case.message));
                }
                if e.zh() != case.zh {
                    wrong.push(format!("zh\n    expected {}\n    got      {}", case.zh, e.zh()));
                }
            }
        }
        if !wrong.is_empty() {
            let note = case.note.as_deref().map(|note| format!("\n  note: {note}")).unwrap_or_default();
            failures.push(format!("case \"{}\": {}{note}", case.name, wrong.join("\n  ")));
        }
    }
    let count = failures.len();
    assert!(
        count == 0,
        "tests/refusals.json: {count} of the {} cases failed:\n{}",
        file.cases.len(),
        failures.join("\n")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn numbers_are_read_exactly_from_numbers_or_strings() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let cases = [
        (r#""loans": 294.46"#, "294.46"),
        (r#""loans": "294.46""#, "294.46"),
        (r#""loans": " 294.46 ""#, "294.46"),
        (r#""loans": 2.9446e2"#, "294.46"),
        (r#""loans": -0"#, "0"),
        (r#""loans": 0.1"#, "0.1"),
        (r#""loans": 100000000"#, "100000000"),
        (r#""loans": 1.23456789"#, "1.23456789"),
        (r#""loans": null"#, "none"),
        (r#""loans": """#, "none"),
    ];
    for (fields, expected) in cases {
        let scenario = Scenario::from_json(&bank(fields)).unwrap_or_else(|e| panic!("{fields}: {e}"));
        let got = scenario.bank("icbc").and_then(|b| b.loans).map_or("none".to_owned(), |a| a.get().to_string());
        assert_eq!(got, expected, "{fields}");
        // The largest figure allowed still scores without overflow.
        let _ = evaluate(scheme, &scenario);
    }
    // A file saved by Windows Notepad starts with a byte-order mark: read as without it.
    let marked = format!("\u{feff}{}", bank(r#""loans": 294.46"#));
    let scenario = Scenario::from_json(&marked).unwrap_or_else(|e| panic!("with a byte-order mark: {e}"));
    assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get().to_string()).as_deref(), Some("294.46"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn extremes_everywhere_score_without_panic() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let big = "100000000";
    let tiny = "0.00000001";
    for value in [big, tiny, "0"] {
        let banks: Vec<String> = scheme
            .banks
            .iter()
            .map(|b| {
                format!(
                    r#"{{"id": "{}", "loans": "{value}", "sme_loans": "{value}", "manufacturing_loans": "{value}", "green_loans": "{value}",
                    "sme_customers_2023": 1, "sme_customers": 100000000, "sme_rate_start_pct": "10000", "sme_rate_pct": "-10000",
                    "inclusive_loans_2023": "{tiny}", "inclusive_loans": "{value}", "tech_new_loans": "{value}", "tech_products": 100000000,
                    "pension_loans_2023": "{tiny}", "pension_loans": "{big}", "pension_products": 100000000, "carbon_products": 100000000,
                    "dongchu_amount": "{value}", "dongchu_households": 100000000, "policy_score": -10,
                    "npl_written_off": "{value}", "npl_other_disposal": "{value}", "platform_bonds": "{value}",
                    "startup_guarantee": {{"target": "{tiny}", "actual": "{big}", "newly_included": true}},
                    "govbank_guarantee": {{"target": "{big}", "actual": "{value}"}}, "department_score": 100}}"#,
                    b.id
                )
            })
            .collect();
        for city in ["{}", r#"{"loan_growth_pct": "-100", "tech_new_loans_avg": "0.00000001", "pension_growth_pct": "1000"}"#] {
            let text = format!(r#"{{"format": "kaoping-scenario/1", "year": 2024, "city": {city}, "banks": [{}]}}"#, banks.join(","));
            let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{value}: {e}"));
            let evaluation = evaluate(scheme, &scenario);
            assert_eq!(evaluation.ranked, 16);
            let _ = evaluation.to_json(scheme);
        }
    }
}
