//! Every clause at its edges, as data: `tests/rules/<item>.json` holds one item's cases (exactly on
//! task, just below, just above, at the cap, beyond it, at zero, negative, whole units against pro
//! rata), each one bank's figures with the points worked out by hand from the scheme's text, to four
//! decimals. `tests/rules/outcomes.json` holds whole scenarios with the ranks, bands, city figures and
//! composites they lead to; `tests/schemes/*.cases.json` hold such scenarios scored under the scheme
//! file their `scheme` names (the synthetic 2025 scheme).
//!
//! A rule case is one bank's figures (工商银行 unless it says otherwise); city averages are typed in
//! where an item depends on them, so that each case depends on one bank alone. A case's `clause` must
//! be the one the scheme gives its item, and a file holds the cases of the item it is named after.
//!
//! One test checks every case and reports every failure with its file and name. It runs on the host
//! and, compiled to WebAssembly, under wasm-bindgen-test, so the page's engine is held to the same
//! cases. The wasm build cannot read files, so the files are embedded below ([`CASE_FILES`]); on the
//! host, a second test fails when `tests/rules/` holds a file that list lacks.
//!
//! Scenarios are made from JSON text and read by `Scenario::from_json`, so the cases do not depend on
//! the engine's Rust field names, and numbers stay text until they are exact decimals (never f64).

use std::str::FromStr;

use kaoping_engine::{evaluate, Evaluation, Item, Placement, Scenario, Scheme, FORMAT};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The scheme every case is scored under.
const YEAR: u16 = 2024;

/// Embeds files under the repository's `tests/` folder as `(path from tests/, text)` pairs.
macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../tests/", $path)))),*]
    };
}

/// Every case file. Add a new one here; on the host, `every_case_file_is_embedded` says if you forgot.
const CASE_FILES: &[(&str, &str)] = embed![
    "rules/loan_increment.json",
    "rules/loan_growth.json",
    "rules/sme_increment.json",
    "rules/sme_customers.json",
    "rules/sme_rate.json",
    "rules/inclusive_growth.json",
    "rules/manufacturing_increment.json",
    "rules/manufacturing_growth.json",
    "rules/green_increment.json",
    "rules/carbon_products.json",
    "rules/tech.json",
    "rules/pension.json",
    "rules/dongchu_amount.json",
    "rules/dongchu_households.json",
    "rules/policy.json",
    "rules/npl.json",
    "rules/platform_bonds.json",
    "rules/guarantee.json",
    "rules/outcomes.json",
    "schemes/2025-synthetic.cases.json",
    "rules/deposits.json",
];

/// Scheme files a case file may name in `scheme`.
const SCHEME_FILES: &[(&str, &str)] = embed!["schemes/2025-synthetic.scheme.json"];

/// Scenario files an outcome case may name instead of writing its scenario out.
const SCENARIO_FILES: &[(&str, &str)] = embed!["scenarios/worked-example-1.scenario.json"];

/// The file of whole-scenario cases; every other file is named after an item.
const OUTCOMES: &str = "rules/outcomes.json";

/// The file of whole-scenario cases of 四(四)'s placement, matched against `kaoping-deposits/1`.
const DEPOSITS: &str = "rules/deposits.json";

/// A case file: a note that holds for all its cases, and the cases.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile<C> {
    /// The hand-working shared by the cases (the balances and tasks they start from).
    #[serde(default)]
    note: Option<String>,
    /// The scheme file in `tests/schemes/` the cases are scored under; the built-in scheme if absent.
    #[serde(default)]
    scheme: Option<String>,
    cases: Vec<C>,
}

/// One bank's figures and the points one item earns from them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleCase {
    name: String,
    /// The hand-working, where it is not obvious from the name.
    #[serde(default)]
    note: Option<String>,
    /// The clause of the scheme, e.g. `二(一)1`.
    clause: String,
    /// `Item::key()`, e.g. `loan_increment`.
    item: String,
    /// The scenario's `settings`, `city` and one entry of `banks`, as kaoping-scenario/1 has them.
    settings: Map<String, Value>,
    city: Map<String, Value>,
    bank: Map<String, Value>,
    /// The points to four decimals, e.g. `"39.9896"`.
    points: String,
}

/// A whole scenario and a part of the result it must produce.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeCase {
    name: String,
    #[serde(default)]
    note: Option<String>,
    clause: String,
    /// A kaoping-scenario/1 document, or the name of a file in `tests/scenarios/`.
    scenario: Value,
    /// A part of the kaoping-result/1 document (see [`result_for_matching`]).
    expect: Map<String, Value>,
}

/// What went wrong with the cases so far, each naming its file and case.
#[derive(Debug, Default)]
struct Failures(Vec<String>);

impl Failures {
    fn add(&mut self, file: &str, case: &str, notes: [&Option<String>; 2], message: String) {
        let notes: Vec<&str> = notes.into_iter().flatten().map(String::as_str).collect();
        let working = if notes.is_empty() { String::new() } else { format!("\n      worked: {}", notes.join(" ")) };
        self.0.push(format!("tests/{file}: case \"{case}\": {message}{working}"));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_case_in_tests_rules() {
    let scheme = Scheme::builtin(YEAR).expect("built-in scheme");
    let mut failures = Failures::default();
    let mut checked = 0;
    let mut items_covered = Vec::new();
    for &(file, text) in CASE_FILES {
        if file == OUTCOMES || file == DEPOSITS || file.starts_with("schemes/") {
            match serde_json::from_str::<CaseFile<OutcomeCase>>(text) {
                Ok(cases) => {
                    let scheme = match case_scheme(scheme, &cases.scheme) {
                        Ok(scheme) => scheme,
                        Err(message) => {
                            failures.0.push(format!("tests/{file}: {message}"));
                            continue;
                        }
                    };
                    // The file's note describes the format, not a working: failures leave it out.
                    for case in &cases.cases {
                        check_outcome(&scheme, file, case, &mut failures);
                        checked += 1;
                    }
                }
                Err(e) => failures.0.push(format!("tests/{file}: not a file of outcome cases: {e}")),
            }
            continue;
        }
        let stem = file.trim_start_matches("rules/").trim_end_matches(".json");
        let Some(item) = Item::ALL.into_iter().find(|item| item.key() == stem) else {
            failures
                .0
                .push(format!("tests/{file}: named after no item (a file holds one item's cases: <item key>.json)"));
            continue;
        };
        match serde_json::from_str::<CaseFile<RuleCase>>(text) {
            Ok(cases) => {
                for case in &cases.cases {
                    check_rule(scheme, file, item, &cases.note, case, &mut failures);
                    checked += 1;
                }
                if !cases.cases.is_empty() {
                    items_covered.push(item);
                }
            }
            Err(e) => failures.0.push(format!("tests/{file}: not a file of rule cases: {e}")),
        }
    }
    for item in Item::ALL {
        if !items_covered.contains(&item) {
            failures.0.push(format!(
                "{} ({}) has no cases: add tests/rules/{}.json",
                item.key(),
                item.title(),
                item.key()
            ));
        }
    }
    let count = failures.0.len();
    assert!(count == 0, "{count} of the {checked} cases in tests/rules/ failed:\n\n{}\n", failures.0.join("\n\n"));
}

/// The scheme a case file names, read from [`SCHEME_FILES`], or the built-in one.
fn case_scheme<'a>(builtin: &'a Scheme, name: &Option<String>) -> Result<std::borrow::Cow<'a, Scheme>, String> {
    let Some(name) = name else { return Ok(std::borrow::Cow::Borrowed(builtin)) };
    let Some((_, text)) = SCHEME_FILES.iter().find(|(path, _)| path.strip_prefix("schemes/") == Some(name)) else {
        return Err(format!("scheme \"{name}\" is not among SCHEME_FILES in tests/rules.rs"));
    };
    Scheme::from_json(text).map(std::borrow::Cow::Owned).map_err(|e| format!("scheme {name} is refused: {e}"))
}

/// Scores one rule case and compares the item's points, to four decimals.
fn check_rule(scheme: &Scheme, file: &str, item: Item, note: &Option<String>, case: &RuleCase, out: &mut Failures) {
    let mut fail = |message: String| out.add(file, &case.name, [note, &case.note], message);
    if case.item != item.key() {
        return fail(format!("item \"{}\" in the file of {}", case.item, item.key()));
    }
    let clause = scheme.rules.clause(item);
    if case.clause != clause {
        return fail(format!("clause \"{}\", but the scheme gives {} as {clause}", case.clause, item.key()));
    }
    let expected = match four_decimals(&case.points) {
        Ok(expected) => expected,
        Err(message) => return fail(format!("points: {message}")),
    };
    let Some(id) = case.bank.get("id").and_then(Value::as_str) else {
        return fail("the bank has no \"id\"".to_owned());
    };
    let text = json!({
        "format": FORMAT,
        "year": YEAR,
        "settings": case.settings,
        "city": case.city,
        "banks": [case.bank],
    })
    .to_string();
    let evaluation = match Scenario::from_json_under(&text, scheme) {
        Ok(scenario) => evaluate(scheme, &scenario),
        Err(e) => return fail(format!("the scenario is refused: {e}\n      scenario: {text}")),
    };
    let Some(points) = evaluation.bank(id).and_then(|bank| bank.item(item)).map(|score| score.points) else {
        return fail(format!("no {} for {id} in the result", item.key()));
    };
    let got = round4(points);
    if got != expected {
        fail(format!("{}: expected {expected}, got {got}\n      scenario: {text}", item.key()));
    }
}

/// Scores one outcome case and compares every figure its `expect` names.
fn check_outcome(scheme: &Scheme, file: &str, case: &OutcomeCase, out: &mut Failures) {
    let mut fail = |message: String| out.add(file, &case.name, [&None, &case.note], message);
    if case.clause.trim().is_empty() {
        return fail("no clause".to_owned());
    }
    let text = match &case.scenario {
        Value::String(name) => {
            match SCENARIO_FILES.iter().find(|(path, _)| path.strip_prefix("scenarios/") == Some(name)) {
                Some((_, text)) => (*text).to_owned(),
                None => return fail(format!("scenario \"{name}\" is not among SCENARIO_FILES in tests/rules.rs")),
            }
        }
        scenario @ Value::Object(_) => scenario.to_string(),
        _ => return fail("the scenario is neither a document nor a file name".to_owned()),
    };
    let evaluation = match Scenario::from_json_under(&text, scheme) {
        Ok(scenario) => evaluate(scheme, &scenario),
        Err(e) => return fail(format!("the scenario is refused: {e}")),
    };
    let actual = if file == DEPOSITS {
        placement_for_matching(scheme, &evaluation.placement(scheme))
    } else {
        result_for_matching(scheme, &evaluation)
    };
    let mut mismatches = Vec::new();
    compare("", &Value::Object(case.expect.clone()), &actual, &mut mismatches);
    if !mismatches.is_empty() {
        fail(mismatches.join("\n      "));
    }
}

/// The kaoping-result/1 document with its lists keyed for selection: `banks` by `id`, each bank's
/// `explanations` by `item`; plus `ranked`, the number of banks ranked.
fn result_for_matching(scheme: &Scheme, evaluation: &Evaluation) -> Value {
    fn keyed(list: Option<&mut Value>, key: &str) {
        if let Some(value) = list {
            if let Value::Array(entries) = value.take() {
                let map: Map<String, Value> = entries
                    .into_iter()
                    .map(|entry| (entry.get(key).and_then(Value::as_str).unwrap_or_default().to_owned(), entry))
                    .collect();
                *value = Value::Object(map);
            }
        }
    }
    let mut result = evaluation.to_value(scheme);
    if let Some(banks) = result.get_mut("banks").and_then(Value::as_array_mut) {
        for bank in banks {
            keyed(bank.get_mut("explanations"), "item");
        }
    }
    keyed(result.get_mut("banks"), "id");
    if let Some(map) = result.as_object_mut() {
        map.insert("ranked".to_owned(), json!(evaluation.ranked));
    }
    result
}

/// The kaoping-deposits/1 document with its `funds` keyed by `id`, for selection.
fn placement_for_matching(scheme: &Scheme, placement: &Placement) -> Value {
    let mut document = placement.to_value(scheme);
    if let Some(funds) = document.get_mut("funds") {
        if let Value::Array(entries) = funds.take() {
            let map: Map<String, Value> = entries
                .into_iter()
                .map(|entry| (entry.get("id").and_then(Value::as_str).unwrap_or_default().to_owned(), entry))
                .collect();
            *funds = Value::Object(map);
        }
    }
    document
}

/// Compares `expected` with the same place in `actual`: objects key by key (keys `expected` leaves
/// out are not checked), decimals written as strings to four places, everything else exactly.
fn compare(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    let at = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                match actual.get(key) {
                    Some(found) => compare(&at(key), value, found, out),
                    None => out.push(format!("{}: not in the result", at(key))),
                }
            }
        }
        (Value::String(text), Value::String(found)) if Decimal::from_str_exact(text).is_ok() => {
            match (four_decimals(text), Decimal::from_str_exact(found)) {
                (Ok(want), Ok(got)) if round4(got) == want => {}
                (Ok(want), Ok(got)) => out.push(format!("{path}: expected {want}, got {}", round4(got))),
                (Err(message), _) => out.push(format!("{path}: {message}")),
                (_, Err(_)) => out.push(format!("{path}: expected {text}, got {found}")),
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("{path}: expected {expected}, got {actual}")),
    }
}

/// An expected figure: a decimal written with exactly four decimals, so every file reads alike.
fn four_decimals(text: &str) -> Result<Decimal, String> {
    let value = Decimal::from_str(text).map_err(|e| format!("\"{text}\" is not a decimal: {e}"))?;
    if value.scale() != 4 || value.to_string() != text {
        return Err(format!("\"{text}\" is not written with four decimals (e.g. \"40.0000\")"));
    }
    Ok(value)
}

/// The engine's exact figure rounded half away from zero to four decimals, as the cases write them.
fn round4(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(4);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// The lists above are every `.json` file in `tests/rules/` and every case and scheme file in
/// `tests/schemes/`: a file left out would silently not run.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_case_file_is_embedded() {
    let listing = |folder: &str, suffix: &str| -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests").join(folder);
        std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(suffix))
            .map(|name| format!("{folder}/{name}"))
            .collect()
    };
    let mut schemes = listing("schemes", ".scheme.json");
    schemes.sort();
    let mut embedded: Vec<String> = SCHEME_FILES.iter().map(|(path, _)| (*path).to_owned()).collect();
    embedded.sort();
    assert_eq!(
        schemes, embedded,
        "SCHEME_FILES in crates/kaoping-engine/tests/rules.rs lists tests/schemes/*.scheme.json"
    );
    let mut on_disk = listing("rules", ".json");
    on_disk.extend(listing("schemes", ".cases.json"));
    on_disk.sort();
    let mut listed: Vec<String> = CASE_FILES.iter().map(|(path, _)| (*path).to_owned()).collect();
    listed.sort();
    let missing: Vec<String> =
        on_disk.iter().filter(|name| !listed.contains(name)).map(|name| format!("tests/{name}")).collect();
    assert!(
        missing.is_empty(),
        "{} not in CASE_FILES in crates/kaoping-engine/tests/rules.rs, so never checked: add it there",
        missing.join(", ")
    );
    assert_eq!(listed.len(), on_disk.len(), "CASE_FILES lists a file twice");
}
