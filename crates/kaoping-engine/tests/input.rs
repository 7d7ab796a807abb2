//! Whatever a scenario file holds, it is read exactly or refused with one message that names the
//! place and says what is wrong — in English for the command line and in Chinese for the page.

use kaoping_engine::{evaluate, Scenario, Scheme};

fn bank(fields: &str) -> String {
    format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024, "banks": [{{"id": "adbc"}}, {{"id": "icbc", {fields}}}]}}"#
    )
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[rustfmt::skip]
fn bad_files_are_refused_with_the_place_named() {
    let cases: &[(&str, String, &str)] = &[
        ("not JSON", "{".to_owned(), "not valid JSON at line 1, column 1: EOF while parsing an object"),
        ("empty", "".to_owned(), "not valid JSON at line 1, column 0: EOF while parsing a value"),
        ("another format", r#"{"format": "other/1", "year": 2024}"#.to_owned(), "format: \"other/1\" is not a Kaoping scenario (expected \"kaoping-scenario/1\")"),
        ("no format", r#"{"year": 2024}"#.to_owned(), "format: missing; a scenario file starts with \"format\": \"kaoping-scenario/1\""),
        ("no year", r#"{"format": "kaoping-scenario/1"}"#.to_owned(), "year: missing (e.g. \"year\": 2024)"),
        ("unknown year", r#"{"format": "kaoping-scenario/1", "year": 2025}"#.to_owned(), "year: 2025 has no scheme in this version (only 2024 is known)"),
        ("a list at the top", "[]".to_owned(), "(top level): must be an object"),
        ("unknown top field", r#"{"format": "kaoping-scenario/1", "year": 2024, "bankz": []}"#.to_owned(), "bankz: no such field (expected one of: format, year, name, note, settings, city, banks)"),
        ("not a number", bank(r#""sme_loans": "12,3x""#), "banks[1].sme_loans: \"12,3x\" is not a number"),
        ("NaN", bank(r#""loans": "NaN""#), "banks[1].loans: \"NaN\" is not a number"),
        ("1e30", bank(r#""loans": 1e30"#), "banks[1].loans: \"1e+30\" is far too large"),
        ("huge but representable", bank(r#""loans": 1e20"#), "banks[1].loans: \"1e+20\" is outside the allowed range 0 to 100000000"),
        ("29 significant digits", bank(r#""loans": 1.2345678901234567890123456789"#), "banks[1].loans: \"1.2345678901234567890123456789\" has more than 8 decimal places"),
        ("30 digits", bank(r#""loans": "123456789012345678901234567890""#), "banks[1].loans: \"123456789012345678901234567890\" is far too large"),
        ("negative balance", bank(r#""loans": -5"#), "banks[1].loans: \"-5\" is outside the allowed range 0 to 100000000"),
        ("fractional count", bank(r#""sme_customers": 10.5"#), "banks[1].sme_customers: \"10.5\" must be a whole number"),
        ("policy between grades", bank(r#""policy_score": 4.5"#), "banks[1].policy_score: \"4.5\" must be a whole number from -10 to 10 (the grades of 二(四)1)"),
        ("policy too high", bank(r#""policy_score": 11"#), "banks[1].policy_score: \"11\" must be a whole number from -10 to 10 (the grades of 二(四)1)"),
        ("department over 100", bank(r#""department_score": 101"#), "banks[1].department_score: \"101\" is outside the allowed range 0 to 100"),
        ("object for a number", bank(r#""loans": {}"#), "banks[1].loans: must be a number"),
        ("string for a flag", bank(r#""vetoed": "yes""#), "banks[1].vetoed: must be true or false"),
        ("misspelt field", bank(r#""loan": "300""#), "banks[1].loan: no such field (expected one of: id, loans, sme_loans, sme_customers_2023, sme_customers, sme_rate_start_pct, sme_rate_pct, inclusive_loans_2023, inclusive_loans, manufacturing_loans, green_loans, carbon_products, tech_new_loans, tech_products, pension_loans_2023, pension_loans, pension_products, dongchu_amount, dongchu_households, policy_score, npl_written_off, npl_other_disposal, platform_bonds, startup_guarantee, govbank_guarantee, vetoed, last_place_2023, department_score)"),
        ("zero guarantee target", bank(r#""startup_guarantee": {"target": 0, "actual": 1}"#), "banks[1].startup_guarantee.target: \"0\" is outside the allowed range 0.00000001 to 100000000"),
        ("unknown bank", r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "hsbc"}]}"#.to_owned(), "banks[0].id: \"hsbc\" is not a bank of the scheme"),
        ("bank twice", r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "icbc"}, {"id": "icbc"}]}"#.to_owned(), "banks[1].id: bank \"icbc\" is listed twice"),
        ("bank without id", r#"{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"loans": 1}]}"#.to_owned(), "banks[0].id: missing"),
        ("bad setting", r#"{"format": "kaoping-scenario/1", "year": 2024, "settings": {"bonus_mode": "rounded"}}"#.to_owned(), "settings.bonus_mode: \"rounded\" is not a choice (expected one of: pro_rata, whole_units)"),
        ("green rate zero", r#"{"format": "kaoping-scenario/1", "year": 2024, "settings": {"green_target_growth_pct": 0}}"#.to_owned(), "settings.green_target_growth_pct: \"0\" is outside the allowed range 0.00000001 to 100"),
    ];
    for (name, text, expected) in cases {
        match Scenario::from_json(text) {
            Ok(_) => panic!("{name}: accepted {text}"),
            Err(e) => {
                assert_eq!(e.to_string(), *expected, "{name}");
                assert!(!e.zh().is_empty(), "{name}: a Chinese message too");
            }
        }
    }
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
        for city in ["{}", r#"{"loan_growth_pct": "-10000", "tech_new_loans_avg": "0.00000001", "pension_growth_pct": "10000"}"#] {
            let text = format!(r#"{{"format": "kaoping-scenario/1", "year": 2024, "city": {city}, "banks": [{}]}}"#, banks.join(","));
            let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{value}: {e}"));
            let evaluation = evaluate(scheme, &scenario);
            assert_eq!(evaluation.ranked, 16);
            let _ = evaluation.to_json(scheme);
        }
    }
}

/// `name` and `note` are optional: older files without them still read, and a file that has them
/// keeps them through a round trip; anything but text is refused with the place named.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_scenario_file_carries_its_name_and_note() {
    let old = Scenario::from_json(r#"{"format": "kaoping-scenario/1", "year": 2024}"#).expect("an older file reads");
    assert_eq!((old.name.as_deref(), old.note.as_deref()), (None, None));
    assert!(!old.to_json().contains("\"name\""), "absent fields are not written");

    let text =
        r#"{"format": "kaoping-scenario/1", "year": 2024, "name": "一季度预测", "note": "按 3 月末数据\n第二行"}"#;
    let named = Scenario::from_json(text).expect("a named file reads");
    assert_eq!(named.name.as_deref(), Some("一季度预测"));
    assert_eq!(named.note.as_deref(), Some("按 3 月末数据\n第二行"));
    let written = named.to_json();
    assert!(written.find("\"name\"") < written.find("\"settings\""), "name and note come first:\n{written}");
    assert_eq!(Scenario::from_json(&written).expect("own output reads"), named);

    let empty = Scenario::from_json(r#"{"format": "kaoping-scenario/1", "year": 2024, "name": "", "note": null}"#)
        .expect("empty is absent");
    assert_eq!((empty.name, empty.note), (None, None));
    let bad = Scenario::from_json(r#"{"format": "kaoping-scenario/1", "year": 2024, "name": 3}"#)
        .expect_err("a number is not a name");
    assert_eq!(bad.to_string(), "name: must be a string");
    assert_eq!(bad.zh(), "name：类型不对，应为文本");
}
