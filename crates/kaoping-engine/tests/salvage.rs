//! Reading one's own data back keeps everything it can (`Scenario::salvage`): a bad value is dropped
//! with a message naming its place, its text, why and what counts instead; the rest is kept.
//!
//! The cases are data: each `tests/salvage/*.scenario.json` beside its `*.expected.txt` (what is
//! dropped, then the scenario kept). `UPDATE_EXPECT=1 cargo test -p kaoping-engine --test salvage`
//! rewrites the expected files; read the diff before committing it.

use std::path::{Path, PathBuf};

use kaoping_engine::{Error, Scenario};
use serde_json::Value;

fn files(folder: &str, suffix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    paths.sort();
    paths
}

/// What salvaging a file gives, as the expected files write it.
fn report(text: &str) -> String {
    match Scenario::salvage(text) {
        Err(e) => format!("refused: {}\n", e.zh()),
        Ok((scenario, dropped)) => {
            let mut out = format!("dropped ({}):\n", dropped.len());
            for d in &dropped {
                out.push_str(&format!("- {}\n", d.zh()));
            }
            out.push_str("kept:\n");
            out.push_str(&scenario.to_json());
            out.push('\n');
            out
        }
    }
}

#[test]
fn each_bad_value_is_dropped_and_named_and_the_rest_is_kept() {
    let paths = files("tests/salvage", ".scenario.json");
    assert!(paths.len() >= 2, "the salvage cases are there");
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("readable");
        let expected = path.to_string_lossy().replace(".scenario.json", ".expected.txt");
        expect_test::expect_file![expected].assert_eq(&report(&text));
        // What is kept is a scenario the strict reader takes as it is.
        if let Ok((scenario, _)) = Scenario::salvage(&text) {
            assert_eq!(rewritten(&scenario), Ok(scenario.to_json()), "{}", path.display());
        }
    }
}

#[test]
fn a_good_file_is_read_the_same_both_ways() {
    for path in files("tests/scenarios", ".scenario.json") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let strict = Scenario::from_json(&text).expect("a good scenario");
        assert_eq!(Scenario::salvage(&text), Ok((strict, Vec::new())), "{}", path.display());
    }
}

/// The scenario written, read back strictly and written again.
fn rewritten(scenario: &Scenario) -> Result<String, Error> {
    Scenario::from_json(&scenario.to_json()).map(|s| s.to_json())
}

/// Whether the strict reader's refusal means nothing at all can be read.
fn is_fatal(error: &Error) -> bool {
    match error {
        Error::Json { .. } | Error::Format { .. } | Error::Year { .. } => true,
        Error::WrongType { path, .. } => path == "(top level)",
        _ => false,
    }
}

/// Every file the strict reader refuses (`tests/refusals.json`) is, when salvaged, either refused
/// with the same error (not JSON, not a scenario, a year without a scheme) or read with that error as
/// the first value dropped.
#[test]
fn salvaging_drops_exactly_what_the_strict_reader_refuses() {
    let file: Value =
        serde_json::from_str(include_str!("../../../tests/refusals.json")).expect("tests/refusals.json is readable");
    let cases = file["cases"].as_array().expect("cases");
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let text = match &case["scenario"] {
            Value::String(text) => text.clone(),
            object => object.to_string(),
        };
        let strict = Scenario::from_json(&text).expect_err(name);
        match Scenario::salvage(&text) {
            Err(e) => {
                assert!(is_fatal(&strict), "{name}: salvage refused the file for {e}");
                assert_eq!(e, strict, "{name}");
            }
            Ok((scenario, dropped)) => {
                assert!(!is_fatal(&strict), "{name}: salvage read a file that cannot be read");
                assert_eq!(dropped.first().map(|d| &d.error), Some(&strict), "{name}");
                assert_eq!(rewritten(&scenario), Ok(scenario.to_json()), "{name}");
            }
        }
    }
}
