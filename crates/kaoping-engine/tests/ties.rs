//! Ties at every shape, through the engine's entry point: 四's bands count from the top, "后3名" and
//! "倒数第一" from the bottom, and tied banks share the better place either way.
//!
//! Every bank's lending is held at its 2023 balance with the city averages typed in at 15%, so each
//! scores exactly 2.5 (贷款增速 10 − 7.5) + 1.25 (制造业增速 5 − 3.75) = 3.75 before its 金融政策 grade;
//! the grades then set the order, and equal grades make exact ties.

use kaoping_engine::{evaluate, Band, Evaluation, Scenario, Scheme, Warning};

const IDS: [&str; 16] = [
    "adbc", "icbc", "abc", "boc", "ccb", "bocom", "psbc", "citic", "ceb", "cgb", "cmb", "cib", "cmbc", "hubei",
    "hankou", "hsrcb",
];

/// Scores the 16 banks with these policy grades (annex order); `vetoed` and `last_2023` name banks.
fn run(grades: [i8; 16], vetoed: &[&str], last_2023: &[&str]) -> Evaluation {
    let scheme = Scheme::builtin(2024).expect("built-in");
    let a = &scheme.annexes;
    let banks: Vec<String> = IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            format!(
                r#"{{"id": "{id}", "loans": "{}", "sme_loans": "{}", "manufacturing_loans": "{}", "green_loans": "{}",
                "dongchu_amount": 0, "dongchu_households": 0, "policy_score": {}, "vetoed": {}, "last_place_2023": {}}}"#,
                a.loans[i].balance_2023,
                a.sme[i].balance_2023,
                a.manufacturing[i].balance_2023,
                a.green[i].balance_2023,
                grades[i],
                vetoed.contains(id),
                last_2023.contains(id)
            )
        })
        .collect();
    let text = format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024,
            "city": {{"loan_growth_pct": "15", "manufacturing_growth_pct": "15"}}, "banks": [{}]}}"#,
        banks.join(",")
    );
    evaluate(scheme, &Scenario::from_json(&text).expect("parses"))
}

fn ids(evaluation: &Evaluation, keep: impl Fn(&kaoping_engine::BankResult) -> bool) -> Vec<&str> {
    evaluation.banks.iter().filter(|b| keep(b)).map(|b| b.id.as_str()).collect()
}

/// Grades 10, 9, …, −5 in annex order: adbc first, hsrcb last, no ties.
const DISTINCT: [i8; 16] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5];

#[test]
fn distinct_totals_interview_the_last_three() {
    let e = run(DISTINCT, &[], &[]);
    assert_eq!(ids(&e, |b| b.interview), ["hubei", "hankou", "hsrcb"]);
    assert_eq!(e.bank("hsrcb").and_then(|b| b.from_bottom), Some(1));
    assert_eq!(e.bank("adbc").and_then(|b| b.from_bottom), Some(16));
}

#[test]
fn a_tie_at_3_4_gives_four_outstanding_banks() {
    let mut grades = DISTINCT;
    grades[3] = grades[2]; // boc ties abc at 3/4
    let e = run(grades, &[], &[]);
    assert_eq!(ids(&e, |b| b.band == Band::Outstanding), ["adbc", "icbc", "abc", "boc"]);
    assert_eq!(e.bank("ccb").and_then(|b| b.rank), Some(5));
    assert_eq!(ids(&e, |b| b.interview), ["hubei", "hankou", "hsrcb"]);
}

#[test]
fn a_tie_at_13_14_of_16_interviews_four_banks() {
    let mut grades = DISTINCT;
    grades[13] = grades[12]; // hubei ties cmbc at 13/14
    let e = run(grades, &[], &[]);
    let ranks: Vec<Option<u32>> =
        ["cmbc", "hubei", "hankou", "hsrcb"].iter().map(|id| e.bank(id).and_then(|b| b.rank)).collect();
    assert_eq!(ranks, [Some(13), Some(13), Some(15), Some(16)]);
    assert_eq!(ids(&e, |b| b.interview), ["cmbc", "hubei", "hankou", "hsrcb"], "both 倒数第3 are among the last three");
    assert_eq!(e.bank("cmbc").map(|b| b.band), Some(Band::General), "the band, by rank from the top, is unchanged");
    assert_eq!(e.bank("hubei").and_then(|b| b.from_bottom), Some(3));
}

#[test]
fn a_tie_across_10_11_shares_the_better_band() {
    let mut grades = DISTINCT;
    grades[10] = grades[9]; // cmb ties cgb at 10/11
    let e = run(grades, &[], &[]);
    assert_eq!(e.bank("cgb").map(|b| b.band), Some(Band::Positive));
    assert_eq!(e.bank("cmb").map(|b| b.band), Some(Band::Positive));
    assert_eq!(e.bank("cib").and_then(|b| b.rank), Some(12));
    assert_eq!(e.bank("cib").map(|b| b.band), Some(Band::General));
}

#[test]
fn a_three_way_tie_at_the_bottom_is_three_banks_last() {
    let mut grades = DISTINCT;
    grades[14] = grades[15];
    grades[13] = grades[15]; // hubei, hankou, hsrcb all last
    let e = run(grades, &[], &["hubei", "hankou"]);
    assert_eq!(ids(&e, |b| b.interview), ["hubei", "hankou", "hsrcb"], "倒数第4 (cmbc) is not interviewed");
    assert_eq!(ids(&e, |b| b.from_bottom == Some(1)), ["hubei", "hankou", "hsrcb"]);
    assert_eq!(ids(&e, |b| b.last_place_twice), ["hubei", "hankou"], "each was last in 2023 and is 倒数第一 again");
    assert!(e.bank("hubei").is_some_and(|b| b.warnings.contains(&Warning::LastPlaceTwice)));
}

#[test]
fn all_banks_tied_are_all_first_and_all_last() {
    let e = run([0; 16], &[], &[]);
    assert!(e.banks.iter().all(|b| b.rank == Some(1) && b.band == Band::Outstanding));
    // Read literally, every bank is also 倒数第一: a degenerate case the scheme never meant, stated as is.
    assert!(e.banks.iter().all(|b| b.from_bottom == Some(1) && b.interview));
}

#[test]
fn a_vetoed_bank_is_not_placed_and_the_others_count_without_it() {
    let mut grades = DISTINCT;
    grades[13] = grades[12];
    let e = run(grades, &["hsrcb"], &["hsrcb"]);
    assert_eq!(e.ranked, 15);
    let hsrcb = e.bank("hsrcb").expect("hsrcb");
    assert_eq!((hsrcb.rank, hsrcb.from_bottom, hsrcb.interview, hsrcb.band), (None, None, false, Band::Disqualified));
    assert!(!hsrcb.last_place_twice);
    // Without hsrcb, hankou is last and the tie cmbc/hubei is 倒数第2.
    assert_eq!(ids(&e, |b| b.interview), ["cmbc", "hubei", "hankou"]);
}
