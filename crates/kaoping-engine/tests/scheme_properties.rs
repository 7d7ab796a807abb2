//! Invariants over generated scheme files: any bank list, any bands that cover the ranks, any rule
//! numbers within bounds is a scheme the engine scores without a panic, every bank once, each ranked
//! bank in the band its rank falls in, the total the sum of its items; the file writes back to the
//! same scheme. A valid file with one value damaged is read or refused at a place in the part that
//! was damaged, never with a panic.
#![cfg(not(target_arch = "wasm32"))]

mod strategies;

use kaoping_engine::{evaluate, Band, Error, PolicyScore, Scenario, Scheme};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use strategies::{amount, count};

fn base() -> Value {
    serde_json::from_str(include_str!("../../../tests/schemes/2025-synthetic.scheme.json")).expect("JSON")
}

const BANDS: [&str; 4] = ["outstanding", "positive", "general", "bottom"];

/// A scheme file: some of the 2025 banks (at least one), bands cut at random ranks, every rule number
/// drawn within bounds (steps above zero).
fn scheme_file() -> impl Strategy<Value = Value> {
    let ids: Vec<String> = base()["annexes"]["banks"]
        .as_array()
        .expect("banks")
        .iter()
        .map(|b| b["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let count = ids.len();
    (
        prop::sample::subsequence(ids, 1..=count),
        prop::sample::subsequence(BANDS.to_vec(), 1..=4),
        prop::collection::vec(1u32..=16, 3),
        any::<bool>(),
        prop::collection::vec((1i64..=100_000, 0u32..=2), 130),
    )
        .prop_map(|(kept, bands, cuts, open_end, numbers)| {
            let mut file = base();
            let annexes = &mut file["annexes"];
            if let Some(list) = annexes["banks"].as_array_mut() {
                list.retain(|b| kept.iter().any(|id| b["id"] == id.as_str()));
            }
            for table in ["loans", "sme", "manufacturing", "green", "dongchu"] {
                if let Some(rows) = annexes[table]["rows"].as_array_mut() {
                    rows.retain(|r| kept.iter().any(|id| r["bank"] == id.as_str()));
                }
            }
            // Bands: the chosen ones in order, each ending at a cut (a rank before the last), the last
            // reaching the last rank or open-ended.
            let n = u32::try_from(kept.len()).unwrap_or(u32::MAX);
            let mut cuts: Vec<u32> = if n > 1 { cuts.iter().map(|c| 1 + c % (n - 1)).collect() } else { Vec::new() };
            cuts.sort_unstable();
            cuts.dedup();
            cuts.truncate(bands.len() - 1);
            let mut from = 1;
            let mut list = Vec::new();
            for (i, band) in bands.iter().take(cuts.len() + 1).enumerate() {
                let to = match cuts.get(i) {
                    Some(cut) => json!(cut),
                    None if open_end => Value::Null,
                    None => json!(n),
                };
                list.push(json!({"band": band, "from_rank": from, "to_rank": to, "reference": "生成"}));
                from = cuts.get(i).map_or(from, |cut| cut + 1);
            }
            file["parameters"]["outcomes"]["bands"] = Value::Array(list);
            // Every rule number of the items, in file order, drawn anew (steps are never zero).
            let mut draws = numbers.into_iter();
            if let Some(items) = file["parameters"]["items"].as_object_mut() {
                for rule in items.values_mut() {
                    if let Some(rule) = rule.as_object_mut() {
                        for (key, param) in rule.iter_mut() {
                            let Some(value) = param.get_mut("value") else { continue };
                            let Some((n, scale)) = draws.next() else { continue };
                            // A count of banks (养老 前N名) is whole.
                            let scale = if key == "top_n" { 0 } else { scale };
                            *value = json!(Decimal::new(n, scale).normalize().to_string());
                        }
                    }
                }
            }
            file
        })
}

/// A scenario of the scheme's banks: some loans and 东楚融通 households, some policy scores, now and
/// then a veto.
fn scenario(scheme: &Scheme) -> impl Strategy<Value = Scenario> {
    let ids: Vec<String> = scheme.banks.iter().map(|b| b.id.clone()).collect();
    let year = scheme.year;
    let figures = (amount(1_000_000), count(400), prop::option::of(-10i8..=10), prop::bool::weighted(0.1));
    prop::collection::vec(figures, ids.len()).prop_map(move |figures| {
        let mut scenario = Scenario::new(year);
        for (id, (loans, households, policy, vetoed)) in ids.iter().zip(figures) {
            let bank = scenario.bank_mut(id);
            bank.loans = loans;
            bank.dongchu_households = households;
            bank.policy_score = policy.and_then(|p| PolicyScore::new(p).ok());
            bank.vetoed = vetoed;
        }
        scenario
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_good_scheme_file_is_scored_by_its_own_bands(
        (scheme, scenario) in scheme_file()
            .prop_map(|file| Scheme::from_value(file).expect("a generated scheme is good"))
            .prop_flat_map(|scheme| { let s = scenario(&scheme); (Just(scheme), s) })
    ) {
        let back = Scheme::from_json(&scheme.to_json()).expect("the written file reads back");
        prop_assert_eq!(&back.fingerprint, &scheme.fingerprint);
        let evaluation = evaluate(&scheme, &scenario);
        prop_assert_eq!(evaluation.banks.len(), scheme.banks.len());
        for (bank, info) in evaluation.banks.iter().zip(&scheme.banks) {
            prop_assert_eq!(&bank.id, &info.id);
            if let Some(total) = bank.total {
                let sum: Decimal = bank.items.iter().map(|s| s.points).sum();
                prop_assert_eq!(total, sum);
            }
            match bank.rank {
                None => prop_assert_eq!(bank.band, Band::Disqualified),
                Some(rank) => {
                    let rule = scheme.rules.outcomes.bands.iter()
                        .find(|b| b.from_rank <= rank && b.to_rank.is_none_or(|to| rank <= to));
                    prop_assert_eq!(rule.map(|r| r.band), Some(bank.band), "rank {}", rank);
                }
            }
        }
    }

    #[test]
    fn a_damaged_value_is_read_or_refused_in_the_part_damaged(
        pick in any::<prop::sample::Index>(),
        replacement in prop_oneof![
            Just(Value::Null),
            Just(json!("-1")),
            Just(json!("0")),
            Just(json!("abc")),
            Just(json!(-5)),
            Just(json!(1e30)),
            Just(json!([])),
            Just(json!({})),
            Just(json!("99999999999999999999999999999")),
        ],
    ) {
        let mut file = base();
        let mut leaves = Vec::new();
        collect_leaves(&file, String::new(), &mut leaves);
        let pointer = pick.get(&leaves).clone();
        if let Some(value) = file.pointer_mut(&pointer) {
            *value = replacement;
        }
        match Scheme::from_json(&file.to_string()) {
            Ok(scheme) => {
                let _ = evaluate(&scheme, &scheme.template());
            }
            Err(Error::Scheme { path, .. }) => {
                let damaged = pointer.trim_start_matches('/').split('/').next().unwrap_or_default().to_owned();
                let refused = path.split(['.', '[']).next().unwrap_or_default().to_owned();
                // Every fault is found by the checks that name a place, never left to the typed reading.
                prop_assert!(path != "parameters", "{} damaged, refused without a place", pointer);
                // A changed year is found where the parts disagree with it.
                prop_assert!(refused == damaged || damaged == "year", "{} damaged, refused at {}", pointer, path);
            }
            Err(other) => prop_assert!(false, "not a scheme refusal: {:?}", other),
        }
    }
}

/// Every JSON pointer to a value that is not an object or a list.
fn collect_leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                collect_leaves(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                collect_leaves(child, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}
