//! A year's scheme as a `kaoping-scheme/1` file: the built-in 2024 scheme exported and read back scores
//! every golden scenario exactly as the built-in one; the synthetic 2025 scheme
//! (`tests/schemes/2025-synthetic.scheme.json`) is 2024 rolled forward with a bank gone and the 2023
//! bands, and a scenario made under 2024 opened under it loses nothing; bad scheme files are refused
//! naming their place (`tests/schemes/refusals.json`, as data).

use std::path::{Path, PathBuf};

use kaoping_engine::{evaluate, Band, Error, Scenario, Scheme, SchemeMark, SchemeProblem};
use serde::Deserialize;
use serde_json::Value;

const SYNTHETIC_2025: &str = include_str!("../../../tests/schemes/2025-synthetic.scheme.json");

fn builtin() -> &'static Scheme {
    Scheme::builtin(2024).expect("the 2024 scheme is built in")
}

fn synthetic() -> Scheme {
    Scheme::from_json(SYNTHETIC_2025).expect("the synthetic 2025 scheme is a good file")
}

fn scenarios() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "the golden scenarios are there");
    files
}

#[test]
fn the_exported_2024_scheme_scores_every_golden_file_exactly_as_the_built_in_one() {
    let exported = builtin().to_json();
    let read = Scheme::from_json(&exported).expect("the exported file reads back");
    // The built-in fingerprint was worked out by build.rs, the file's here: the same code on the same values.
    assert_eq!(read.fingerprint, builtin().fingerprint, "same scheme, same fingerprint");
    assert_eq!(read.to_json(), exported, "and it writes back the same text");
    // The built-in scheme is built without the checks (the page carries none for it): the checked
    // reading of the same file gives the same scheme, figure for figure.
    assert_eq!(read.banks, builtin().banks);
    assert_eq!(format!("{:?}", read.annexes), format!("{:?}", builtin().annexes));
    assert_eq!(format!("{:?}", read.rules), format!("{:?}", builtin().rules));
    assert_eq!(read.document, builtin().document);
    for file in scenarios() {
        let text = std::fs::read_to_string(&file).expect("readable");
        let scenario = Scenario::from_json(&text).expect("a golden scenario");
        let under_file = Scenario::from_json_under(&text, &read).expect("reads under the exported scheme");
        assert_eq!(under_file, scenario, "{}: read alike", file.display());
        let (a, b) = (evaluate(builtin(), &scenario), evaluate(&read, &under_file));
        assert_eq!(a, b, "{}: every point alike", file.display());
        assert_eq!(a.to_json(builtin()), b.to_json(&read), "{}: the result file alike", file.display());
    }
}

#[test]
fn the_fingerprint_ignores_layout_and_key_order_but_not_a_figure() {
    let value: Value = serde_json::from_str(SYNTHETIC_2025).expect("JSON");
    let compact = serde_json::to_string(&value).expect("written");
    assert_eq!(Scheme::from_json(&compact).expect("compact").fingerprint, synthetic().fingerprint);
    let mut reordered = serde_json::Map::new();
    if let Value::Object(map) = &value {
        for (k, v) in map.iter().rev() {
            reordered.insert(k.clone(), v.clone());
        }
    }
    let reordered = Scheme::from_value(Value::Object(reordered)).expect("keys in another order");
    assert_eq!(reordered.fingerprint, synthetic().fingerprint);
    let changed = SYNTHETIC_2025.replacen("\"294.46\"", "\"294.47\"", 1);
    assert_ne!(changed, SYNTHETIC_2025);
    assert_ne!(Scheme::from_json(&changed).expect("still good").fingerprint, synthetic().fingerprint);
    assert_eq!(synthetic().fingerprint.len(), 8);
}

#[test]
fn the_synthetic_2025_scheme_is_2024_rolled_forward_with_a_bank_gone_and_the_2023_bands() {
    let scheme = synthetic();
    assert_eq!(scheme.year, 2025);
    assert_eq!(scheme.label(), "2025年度（测试〔2025〕1号）");
    assert_eq!(scheme.banks.len(), 15);
    assert!(scheme.bank_index("ceb").is_none(), "光大银行 is gone");
    assert_eq!(scheme.bands_text(), ["第 1–10 名 贡献突出单位", "第 11 名及以后 贡献积极单位"]);
    // Every annex figure of the file is what rolling 2024 forward gives for that bank.
    let rolled = builtin().roll_forward(2025).expect("2024 rolls forward");
    for table in &scheme.annexes.tables {
        let other = rolled.annexes.table(&table.key).expect("same tables");
        for (i, bank) in scheme.banks.iter().enumerate() {
            let j = rolled.bank_index(&bank.id).expect("a 2024 bank");
            for (column, figures) in &table.figures {
                let theirs = other.figures.iter().find(|(k, _)| k == column).map(|(_, f)| f[j]);
                assert_eq!(Some(figures[i]), theirs, "{} {} {column}", table.key, bank.id);
            }
        }
    }
    // And its rules are the rolled-forward ones: only the bands were changed by hand.
    for part in ["/parameters/items", "/parameters/plausibility", "/parameters/outcomes/interview_last"] {
        assert_eq!(scheme.file().pointer(part), rolled.file().pointer(part), "{part}");
    }
    let diff = scheme.diff_from(builtin());
    assert_eq!(diff.banks_removed.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(), ["ceb"]);
    assert!(diff.banks_added.is_empty() && diff.rules.is_empty(), "{diff:?}");
    assert!(diff.bands.is_some());
    let lines = diff.lines_zh();
    assert!(lines.contains(&"不再考评：光大银行（ceb）".to_owned()), "{lines:?}");
    assert!(lines.contains(&"附件2：15 家银行的 30 个数字不同".to_owned()), "{lines:?}");
}

#[test]
fn rolling_forward_moves_the_base_by_the_task_and_works_out_the_tasks() {
    let rolled = builtin().roll_forward(2025).expect("rolls forward");
    let icbc = rolled.bank_index("icbc").expect("icbc");
    let loans = rolled.annexes.loans[icbc];
    let fen = |d: rust_decimal::Decimal| format!("{d:.2}");
    // 256.05 + 38.41 = 294.46; × 10%, 15%, 18% = 29.446, 44.169, 53.0028.
    assert_eq!(
        (fen(loans.balance_2023), fen(loans.q1_task), fen(loans.task), fen(loans.stretch_task)),
        ("294.46".into(), "29.45".into(), "44.17".into(), "53.00".into())
    );
    let table = rolled.annexes.table("loans").expect("附件1");
    assert_eq!(table.title, "附件1 2025年度全市银行业金融机构信贷投入任务一览表");
    assert_eq!(table.columns[0].1, "2024年末贷款余额");
    assert_eq!(rolled.document.number, "", "the 文号 is the new document's, to be filled in");
    assert!(rolled.file_notes().iter().any(|n| n.contains("文号")));
    // 附件5's targets are not rates of a base: they stay.
    assert_eq!(rolled.annexes.dongchu[icbc].amount_target, builtin().annexes.dongchu[icbc].amount_target);
    assert_eq!(rolled.rules.outcomes.bands.len(), 4, "rules and bands as they were");
}

#[test]
fn a_2024_scenario_opened_under_2025_is_scored_under_2025_and_loses_nothing() {
    let scheme = synthetic();
    let text = r#"{"format": "kaoping-scenario/1", "year": 2024,
        "banks": [{"id": "ceb", "loans": "60.00"}, {"id": "icbc", "loans": "350.00"}]}"#;
    let scenario = Scenario::from_json_under(text, &scheme).expect("read under 2025");
    assert_eq!(scenario.year, 2024, "it remembers the scheme it was made under");
    assert_eq!(scenario.banks_outside(&scheme), ["ceb"]);
    assert!(scenario.to_json().contains("\"ceb\""), "光大银行's figures are kept");
    let evaluation = evaluate(&scheme, &scenario);
    assert_eq!(evaluation.banks.len(), 15);
    assert!(evaluation.bank("ceb").is_none(), "and not scored");
    let icbc = evaluation.bank("icbc").expect("icbc");
    assert_eq!(
        icbc.items[0].explain(&scheme),
        "增量 55.54 亿元，任务 44.17 亿元，超 11.37 亿元 → 40 + 11.37 = 51.37 分"
    );
    assert!(evaluation.banks.iter().all(|b| matches!(b.band, Band::Outstanding | Band::Positive)));
}

#[test]
fn a_2025_scenario_naming_a_bank_gone_is_refused() {
    let text = r#"{"format": "kaoping-scenario/1", "year": 2025, "banks": [{"id": "ceb", "loans": "60.00"}]}"#;
    let err = Scenario::from_json_under(text, &synthetic()).expect_err("ceb is not a 2025 bank");
    assert_eq!(err.to_string(), "banks[0].id: \"ceb\" is not a bank of the scheme");
    assert!(matches!(Scenario::from_json(text), Err(Error::Year { .. })), "2025 is not built in");
}

/// A case of `tests/schemes/refusals.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Refusal {
    name: String,
    #[serde(default)]
    #[allow(dead_code, reason = "read by people: why the case is there")]
    note: Option<String>,
    edit: Vec<Edit>,
    message: String,
    zh: String,
}

/// One change to the base file, at a JSON pointer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    #[serde(default)]
    set: Option<String>,
    #[serde(default)]
    remove: Option<String>,
    #[serde(default)]
    append: Option<String>,
    #[serde(default)]
    value: Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Refusals {
    #[allow(dead_code, reason = "read by people: what the file holds")]
    note: String,
    base: String,
    cases: Vec<Refusal>,
}

/// The parent of a pointer's target and the last key.
fn parent<'a>(value: &'a mut Value, pointer: &str) -> (&'a mut Value, String) {
    let (head, last) = pointer.rsplit_once('/').expect("a pointer");
    (value.pointer_mut(head).unwrap_or_else(|| panic!("{head} is in the file")), last.to_owned())
}

fn apply(value: &mut Value, edit: &Edit) {
    if let Some(pointer) = &edit.set {
        let (parent, key) = parent(value, pointer);
        match parent {
            Value::Object(map) => {
                map.insert(key, edit.value.clone());
            }
            Value::Array(list) => list[key.parse::<usize>().expect("an index")] = edit.value.clone(),
            _ => panic!("{pointer}: not in an object or list"),
        }
    } else if let Some(pointer) = &edit.remove {
        let (parent, key) = parent(value, pointer);
        match parent {
            Value::Object(map) => assert!(map.shift_remove(&key).is_some(), "{pointer} is there"),
            Value::Array(list) => {
                list.remove(key.parse::<usize>().expect("an index"));
            }
            _ => panic!("{pointer}: not in an object or list"),
        }
    } else if let Some(pointer) = &edit.append {
        let list = value.pointer_mut(pointer).and_then(Value::as_array_mut).expect("a list");
        list.push(edit.value.clone());
    } else {
        panic!("an edit sets, removes or appends");
    }
}

#[test]
fn bad_scheme_files_are_refused_naming_the_place() {
    let file: Refusals = serde_json::from_str(include_str!("../../../tests/schemes/refusals.json")).expect("readable");
    assert_eq!(file.base, "2025-synthetic.scheme.json");
    let base: Value = serde_json::from_str(SYNTHETIC_2025).expect("JSON");
    let mut failures = Vec::new();
    for case in &file.cases {
        let mut value = base.clone();
        for edit in &case.edit {
            apply(&mut value, edit);
        }
        // Through the text, as a user's file arrives.
        let text = serde_json::to_string_pretty(&value).expect("written");
        match Scheme::from_json(&text) {
            Ok(_) => failures.push(format!("{}: accepted", case.name)),
            Err(e) => {
                if e.to_string() != case.message {
                    failures.push(format!("{}: message\n    expected {}\n    got      {e}", case.name, case.message));
                }
                if e.zh() != case.zh {
                    failures.push(format!("{}: zh\n    expected {}\n    got      {}", case.name, case.zh, e.zh()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), file.cases.len(), failures.join("\n"));
}

#[test]
fn text_that_is_not_a_scheme_is_refused() {
    let cases: &[(&str, &str)] = &[
        ("", "not valid JSON at line 1, column 0: EOF while parsing a value"),
        ("[]", "(top level): must be an object"),
        ("{}", "format: missing (expected \"kaoping-scheme/1\")"),
        (r#"{"format": "kaoping-scheme/1"}"#, "year: missing"),
    ];
    for (text, message) in cases {
        let err = Scheme::from_json(text).expect_err("refused");
        assert_eq!(err.to_string(), *message, "{text:?}");
    }
    let scenario = r#"{"format": "kaoping-scenario/1", "year": 2024}"#;
    let err = Scheme::from_json(scenario).expect_err("a scenario is not a scheme");
    assert!(
        matches!(err, Error::Scheme { ref path, problem: SchemeProblem::Format { .. } } if path == "format"),
        "{err:?}"
    );
}

#[test]
fn a_scenario_remembers_its_scheme_and_says_when_another_is_in_force() {
    let scheme = synthetic();
    let mut scenario = scheme.template();
    assert_eq!(scenario.scheme, None, "a template reads as files always have");
    scenario.mark_scheme(&scheme);
    let text = scenario.to_json();
    assert!(text.contains(&format!("\"fingerprint\": \"{}\"", scheme.fingerprint)), "{text}");
    let back = Scenario::from_json_under(&text, &scheme).expect("reads back");
    assert_eq!(back, scenario);
    assert_eq!(back.scheme_mismatch(&scheme), None, "the same scheme: nothing to say");

    // The same year, a corrected file: said, and scored under the one in force.
    let corrected = Scheme::from_json(&SYNTHETIC_2025.replacen("\"294.46\"", "\"294.50\"", 1)).expect("good");
    let mismatch = back.scheme_mismatch(&corrected).expect("another fingerprint");
    assert_eq!(
        mismatch.zh(),
        format!(
            "此情景是按2025年度考评方案（测试〔2025〕1号，方案指纹 {}）编制的，现按2025年度（测试〔2025〕1号）考评方案计算（方案指纹 {}）。",
            scheme.fingerprint, corrected.fingerprint
        )
    );
    // A 2024 file without a mark, under 2024: nothing to say; under 2025: said.
    let old = Scenario::from_json(r#"{"format": "kaoping-scenario/1", "year": 2024}"#).expect("good");
    assert_eq!(old.scheme_mismatch(builtin()), None);
    let under_2025 = old.scheme_mismatch(&scheme).expect("another year");
    assert!(
        under_2025.zh().starts_with("此情景是按2024年度考评方案编制的，现按2025年度（测试〔2025〕1号）"),
        "{}",
        under_2025.zh()
    );
    assert!(under_2025.to_string().starts_with("made under the 2024 scheme; scored under 2025年度"), "{under_2025}");
    // The share of a mark a file may hold: a fingerprint and a 文号.
    assert_eq!(
        back.scheme,
        Some(SchemeMark { fingerprint: scheme.fingerprint.clone(), number: "测试〔2025〕1号".into() })
    );
}

#[test]
fn a_damaged_mark_is_refused_strictly_and_dropped_when_salvaging() {
    let text = r#"{"format": "kaoping-scenario/1", "year": 2024, "scheme": {"fingerprint": "xyz"},
        "banks": [{"id": "icbc", "loans": "300"}]}"#;
    let err = Scenario::from_json(text).expect_err("not a fingerprint");
    assert_eq!(err.to_string(), "scheme.fingerprint: must be a fingerprint");
    assert_eq!(err.zh(), "文件中记录的编制所用考评方案：类型不对，应为 方案指纹（8 位十六进制数字）");
    let (scenario, dropped) = Scenario::salvage(text).expect("salvaged");
    assert_eq!(scenario.scheme, None);
    assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get().to_string()), Some("300".to_owned()));
    assert_eq!(dropped.len(), 1, "{dropped:?}");
}

/// A file checked before is read back by its fingerprint without the checks (the page's adopted
/// scheme); a file changed since, or not a scheme file at all, is not read.
#[test]
fn a_known_file_is_read_back_by_its_fingerprint_and_a_changed_one_is_not() {
    let checked = synthetic();
    let known = Scheme::from_known(SYNTHETIC_2025, &checked.fingerprint).expect("the same file");
    assert_eq!(known.fingerprint, checked.fingerprint);
    assert_eq!(known.to_json(), checked.to_json());
    assert_eq!(known.banks.len(), checked.banks.len());
    let changed = SYNTHETIC_2025.replacen("测试〔2025〕1号", "测试〔2025〕2号", 1);
    assert_ne!(changed, SYNTHETIC_2025);
    assert!(Scheme::from_known(&changed, &checked.fingerprint).is_none());
    assert!(Scheme::from_known("not json", &checked.fingerprint).is_none());
    assert!(Scheme::from_known(SYNTHETIC_2025, "00000000").is_none());
}
