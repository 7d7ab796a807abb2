//! Never unreadable: whatever a user types into any box (every bank figure of the field table, every
//! setting and city figure of the settings table, every per-fund figure and fund amount of 四(四)),
//! what the engine accepts writes and reads back to the same document — the scenario file, its
//! salvage, a share link, the workbook. And a document damaged in one place loses that one value when
//! it is salvaged, nothing else.
//!
//! The documents are generated through the tables, so a new row is covered without a change here.
#![cfg(not(target_arch = "wasm32"))]

use kaoping_engine::{Error, Field, FundFigure, Kind, Scenario, Scheme, Setting, SettingKind, FIELDS};
use kaoping_sheets::export::{self, About};
use kaoping_sheets::{link, read_file};
use proptest::prelude::*;
use serde_json::Value;

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in")
}

/// Text as people type it into a box: plain and decorated numbers, in range and out of it, the
/// choices' words, and nonsense.
fn typed() -> impl Strategy<Value = String> {
    let number = "-?[0-9]{1,7}(\\.[0-9]{1,9})?";
    prop_oneof![
        3 => number.prop_map(|n| n),
        1 => (number, prop::sample::select(vec!["%", "亿", "亿元", "户", " ", "分"])).prop_map(|(n, u)| format!("{n}{u}")),
        1 => number.prop_map(|n| n.chars().map(|c| if c.is_ascii_digit() {
            char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
        } else { c }).collect()),
        1 => "[0-9]{1,3}(,[0-9]{3}){1,2}(\\.[0-9]{1,2})?",
        1 => prop::sample::select(
            Setting::ALL.iter().flat_map(|s| s.choices().iter().flat_map(|c| [c.value, c.label])).collect::<Vec<_>>()
        ).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["是", "否", "true", "0", "1", "", "  "]).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

/// A document built by typing into boxes: each setting and a few banks' figures get typed text, and
/// what the engine accepts is kept (a refused entry changes nothing, as on the page).
fn document() -> impl Strategy<Value = Scenario> {
    let ids: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    (
        prop::collection::vec(typed(), Setting::ALL.len()),
        prop::sample::subsequence(ids, 0..=4),
        prop::collection::vec(typed(), FIELDS.len() * 4),
        prop::option::of("\\PC{1,12}"),
        (prop::collection::vec(typed(), funds()), prop::collection::vec(typed(), funds() * 4)),
    )
        .prop_map(|(settings, ids, figures, name, (amounts, scores))| {
            let mut scenario = Scenario::new(2024);
            scenario.name = name;
            for (setting, text) in Setting::ALL.into_iter().zip(&settings) {
                if let Ok(value) = setting.enter(text) {
                    assert_eq!(setting.set(&mut scenario, value), Ok(()), "{setting:?}: enter accepted {text:?}");
                }
            }
            for (i, id) in ids.iter().enumerate() {
                for (spec, text) in FIELDS.iter().zip(figures.iter().skip(i * FIELDS.len())) {
                    let _ = spec.field.enter(scenario.bank_mut(id), text);
                }
                for figure in FundFigure::ALL {
                    for (fund, text) in scheme().rules.outcomes.funds.iter().zip(scores.iter().skip(i * funds())) {
                        let _ = figure.enter(scenario.bank_mut(id), &fund.id, text);
                    }
                }
            }
            for (fund, text) in scheme().rules.outcomes.funds.iter().zip(&amounts) {
                let _ = scenario.deposits.enter(&fund.id, text);
            }
            scenario
        })
}

fn funds() -> usize {
    scheme().rules.outcomes.funds.len()
}

/// The canonical written form: two documents are the same when they write the same.
fn written(scenario: &Scenario) -> String {
    scenario.to_json()
}

/// A value that no row accepts in its place: out of range, not a number, or of the wrong JSON type.
fn hostile(kind: u8, setting: Option<Setting>, field: Option<Field>) -> Value {
    let number = |text: &str| Value::Number(text.parse().expect("a JSON number"));
    match (kind % 4, setting.map(|s| s.spec().kind), field.map(Field::kind)) {
        (_, Some(SettingKind::Choice(_)), _) if kind.is_multiple_of(2) => Value::String("rounded".to_owned()),
        (_, Some(SettingKind::Choice(_)), _) => number("3"),
        (0, Some(SettingKind::Number { range, .. }), _) => {
            Value::String((range.max + rust_decimal::Decimal::ONE).to_string())
        }
        (0, _, Some(Kind::Flag)) => Value::String("是".to_owned()),
        (0, _, Some(Kind::Count)) => number("1.5"),
        (0, _, Some(Kind::Policy)) => number("11"),
        (0, _, Some(Kind::Department)) => number("101"),
        (0, _, Some(Kind::Percent)) => number("10001"),
        (0, _, Some(_)) => number("-1"),
        (1, _, Some(Kind::Flag)) => number("1"),
        (1, _, _) => Value::String("12,3x".to_owned()),
        (2, _, _) => Value::Object(serde_json::Map::new()),
        (_, _, Some(Kind::Flag)) => Value::Array(vec![]),
        _ => Value::Bool(true),
    }
}

/// A place of a document where a value can be: a setting, a figure of the i-th bank written, a
/// per-fund figure of the i-th bank for a fund (by index), or a fund's amount (by its place in the list).
#[derive(Debug, Clone, Copy)]
enum Place {
    Setting(Setting),
    Figure(usize, Field),
    FundFigure(usize, FundFigure, usize),
    FundAmount(usize),
}

/// The place an error names, for the errors a damaged value gives.
fn place(error: &Error) -> Option<&str> {
    match error {
        Error::Value { path, .. } | Error::WrongType { path, .. } => Some(path),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn what_is_accepted_reads_back_the_same_everywhere(s in document()) {
        let text = written(&s);
        let strict = Scenario::from_json(&text).map_err(|e| e.zh());
        prop_assert_eq!(strict.as_ref().map(written), Ok(text.clone()), "the file");
        let (salvaged, dropped) = Scenario::salvage(&text).map_err(|e| e.zh()).expect("salvage reads it");
        prop_assert!(dropped.is_empty(), "nothing dropped: {:?}", dropped);
        prop_assert_eq!(written(&salvaged), text.clone(), "salvage");
        let fragment = link::share_fragment(&s);
        let opened = link::open_fragment(&fragment).map(|s| written(&s));
        prop_assert_eq!(opened, Ok(text.clone()), "the share link");
        let (from_link, dropped) = link::salvage_fragment(&fragment).expect("the link salvages");
        prop_assert!(dropped.is_empty());
        prop_assert_eq!(written(&from_link), text, "the share link, salvaged");
    }

    #[test]
    fn a_document_damaged_in_one_place_loses_only_that_value(
        s in document(),
        pick in any::<prop::sample::Index>(),
        kind in any::<u8>(),
    ) {
        let mut value: Value = serde_json::from_str(&written(&s)).expect("JSON");
        // Every place a value can be: each setting, and each figure of each bank written.
        let banks: Vec<String> = value["banks"].as_array().map_or(Vec::new(), |b| {
            b.iter().filter_map(|b| b["id"].as_str().map(str::to_owned)).collect()
        });
        let mut places: Vec<Place> = Setting::ALL.into_iter().map(Place::Setting).collect();
        for i in 0..banks.len() {
            places.extend(FIELDS.iter().map(|f| Place::Figure(i, f.field)));
            for figure in FundFigure::ALL {
                places.extend((0..funds()).map(|f| Place::FundFigure(i, figure, f)));
            }
        }
        let listed = value["deposits"]["funds"].as_array().map_or(0, Vec::len);
        places.extend((0..listed).map(Place::FundAmount));
        let mut expected = s.clone();
        let path = match places[pick.index(places.len())] {
            Place::Setting(setting) => {
                let bad = hostile(kind, Some(setting), None);
                let group = setting.path().split_once('.').map(|(g, _)| g.to_owned()).unwrap_or_default();
                value[group.as_str()][setting.key()] = bad;
                let default = setting.spec().default;
                setting.set(&mut expected, default).expect("the default");
                setting.path()
            }
            Place::Figure(i, field) => {
                let bad = hostile(kind, None, Some(field));
                let entry = &mut value["banks"][i];
                match field.key().split_once('.') {
                    Some((group, local)) => {
                        if !entry[group].is_object() {
                            entry[group] = Value::Object(serde_json::Map::new());
                        }
                        entry[group][local] = bad;
                    }
                    None => entry[field.key()] = bad,
                }
                field.set(expected.bank_mut(&banks[i]), None).expect("clearing");
                format!("banks[{i}].{}", field.key())
            }
            Place::FundFigure(i, figure, f) => {
                let fund = &scheme().rules.outcomes.funds[f].id;
                let entry = &mut value["banks"][i];
                if !entry[figure.key()].is_object() {
                    entry[figure.key()] = Value::Object(serde_json::Map::new());
                }
                // Out of range, not a number, or of the wrong JSON type, as for the one figure.
                entry[figure.key()][fund.as_str()] = hostile(kind % 3, None, Some(figure.every()));
                figure.set(expected.bank_mut(&banks[i]), fund, None).expect("clearing");
                format!("banks[{i}].{}", figure.fund_key(fund))
            }
            Place::FundAmount(k) => {
                let entry = &mut value["deposits"]["funds"][k];
                let fund = entry["id"].as_str().unwrap_or_default().to_owned();
                entry["amount"] = hostile(kind % 3, None, Some(Field::Loans));
                expected.deposits.funds.set(&fund, None);
                format!("deposits.funds[{k}].amount")
            }
        };
        let (salvaged, dropped) = Scenario::salvage(&value.to_string()).map_err(|e| e.zh()).expect("salvage reads it");
        prop_assert_eq!(dropped.len(), 1, "{:?}", dropped);
        prop_assert_eq!(place(&dropped[0].error), Some(path.as_str()), "{}", dropped[0].zh());
        expected.banks.retain(|b| !b.is_empty());
        prop_assert_eq!(written(&salvaged), written(&expected));
        prop_assert!(Scenario::from_json(&value.to_string()).is_err(), "the strict reader refuses it");
    }
}

proptest! {
    // A workbook is a zip of XML: fewer cases, each writes and reads a whole workbook.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn what_is_accepted_comes_back_from_the_workbook(s in document()) {
        let bytes = export::workbook(scheme(), &s, "icbc", &About::default());
        prop_assert!(bytes.is_ok(), "the workbook is written: {:?}", bytes.as_ref().err());
        let bytes = bytes.unwrap_or_default();
        let update = read_file(&bytes, "导出.xlsx", scheme());
        prop_assert_eq!(&update.problems, &Vec::new());
        let back = update.apply(scheme(), &Scenario::new(2024)).expect("no problems");
        let mut expected = s.clone();
        expected.banks.retain(|b| !b.is_empty());
        prop_assert_eq!(written(&back), written(&expected));
    }
}
