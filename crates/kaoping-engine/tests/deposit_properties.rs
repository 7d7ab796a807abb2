//! Invariants of 四(四)'s placement, checked on generated scenarios: for every fund, the ranked banks'
//! shares add up to exactly 100% and their amounts to exactly the fund, as decimals; so do the shown
//! columns, rounded to 0.01; each share is the composite's true ratio to within one unit of the last
//! place kept; a bank that is not ranked has no share; a bank's total is the sum of its amounts.
//! And old files, with one `department_score` per bank, give every fund today's composite and share.
#![cfg(not(target_arch = "wasm32"))]

use kaoping_engine::{
    evaluate, place, place_fund, Amount, DepositInputs, Evaluation, FundFigure, PolicyScore, Scenario, Scheme, PLACES,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in scheme")
}

/// A department's score: 0 to 100 with up to four decimals (what a `DepartmentScore` holds), or none.
fn score() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::weighted(0.8, (0i64..=1_000_000).prop_map(|n| Decimal::new(n, 4)))
}

/// A fund's amount in 亿元: usually to the cent, sometimes to the yuan and up to an `Amount`'s bound.
fn fund_amount() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::of(prop_oneof![
        3 => (0i64..=100_000).prop_map(|cents| Decimal::new(cents, 2)),
        1 => (0i64..=10_000_000_000_000_000).prop_map(|yuan| Decimal::new(yuan, 8)),
    ])
}

/// Per bank: the loan balance (the totals, and so the evaluation points, differ), the policy grade,
/// whether it is vetoed; per fund and bank a score; per fund an amount.
type Drawn = (Vec<(Option<i64>, Option<i8>, bool)>, Vec<Vec<Option<Decimal>>>, Vec<Option<Decimal>>);

fn drawn() -> impl Strategy<Value = Drawn> {
    let banks = scheme().banks.len();
    let funds = scheme().rules.outcomes.funds.len();
    (
        prop::collection::vec(
            (prop::option::of(0i64..=70_000), prop::option::of(-10i8..=10), prop::bool::weighted(0.1)),
            banks,
        ),
        prop::collection::vec(prop::collection::vec(score(), banks), funds),
        prop::collection::vec(fund_amount(), funds),
    )
}

fn evaluation(banks: &[(Option<i64>, Option<i8>, bool)]) -> Evaluation {
    let mut scenario: Scenario = scheme().baseline();
    for (info, (loans, policy, vetoed)) in scheme().banks.iter().zip(banks) {
        let bank = scenario.bank_mut(&info.id);
        bank.loans = loans.and_then(|l| Amount::new(Decimal::new(l, 2)).ok());
        bank.policy_score = policy.and_then(|p| PolicyScore::new(p).ok());
        bank.vetoed = *vetoed;
    }
    evaluate(scheme(), &scenario)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_fund_adds_up_exactly((banks, scores, amounts) in drawn()) {
        let evaluation = evaluation(&banks);
        let inputs = DepositInputs { amounts: amounts.clone(), scores: scores.clone() };
        let placement = place(scheme(), &evaluation, &inputs);
        let weight = scheme().rules.outcomes.department_weight.value / Decimal::ONE_HUNDRED;
        let unit = Decimal::new(1, PLACES);
        prop_assert_eq!(placement.funds.len(), scheme().rules.outcomes.funds.len());
        for (f, fund) in placement.funds.iter().enumerate() {
            let ranked: Vec<usize> = (0..evaluation.banks.len()).filter(|&i| evaluation.banks[i].is_ranked()).collect();
            let sum: Decimal = ranked.iter().map(|&i| fund.banks[i].composite).sum();
            prop_assert_eq!(fund.composite_sum, sum);
            for (i, share) in fund.banks.iter().enumerate() {
                let result = &evaluation.banks[i];
                prop_assert_eq!(share.department_score, scores[f][i]);
                prop_assert_eq!(share.composite, result.deposit.evaluation_points + scores[f][i].unwrap_or_default() * weight);
                if !result.is_ranked() {
                    prop_assert!(share.share_pct.is_none() && share.amount.is_none(), "not ranked: 不适用");
                }
            }
            if ranked.is_empty() || sum.is_zero() {
                prop_assert!(!fund.is_shared());
                continue;
            }
            let shares: Vec<Decimal> = ranked.iter().filter_map(|&i| fund.banks[i].share_pct).collect();
            prop_assert_eq!(shares.len(), ranked.len(), "every ranked bank has a share");
            prop_assert_eq!(shares.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED, "shares of fund {}", f);
            let shown: Decimal = ranked.iter().filter_map(|&i| fund.banks[i].share_pct_shown).sum();
            prop_assert_eq!(shown, Decimal::ONE_HUNDRED, "shown shares of fund {}", f);
            for &i in &ranked {
                let share = fund.banks[i].share_pct.unwrap_or_default();
                let ratio = fund.banks[i].composite / sum * Decimal::ONE_HUNDRED;
                prop_assert!(share >= Decimal::ZERO && share.scale() <= PLACES);
                // Within one unit of the last place kept (and the ratio's own 28th digit).
                prop_assert!((share - ratio).abs() <= unit + Decimal::new(1, 24), "{} against {}", share, ratio);
            }
            match amounts[f] {
                Some(total) => {
                    let parts: Vec<Decimal> = ranked.iter().filter_map(|&i| fund.banks[i].amount).collect();
                    prop_assert_eq!(parts.len(), ranked.len());
                    prop_assert_eq!(parts.iter().sum::<Decimal>(), total, "amounts of fund {}", f);
                    let shown: Vec<Decimal> = ranked.iter().filter_map(|&i| fund.banks[i].amount_shown).collect();
                    prop_assert_eq!(shown.iter().sum::<Decimal>(), total, "shown amounts of fund {}", f);
                    let places = total.normalize().scale().max(2);
                    for &i in &ranked {
                        let (exact, shown) = (fund.banks[i].amount.unwrap_or_default(), fund.banks[i].amount_shown.unwrap_or_default());
                        prop_assert!((exact - shown).abs() < Decimal::new(1, places), "{} shown as {}", exact, shown);
                    }
                }
                None => prop_assert!(fund.banks.iter().all(|b| b.amount.is_none() && b.amount_shown.is_none())),
            }
        }
        for (i, bank) in placement.banks.iter().enumerate() {
            let parts: Vec<Decimal> = placement.funds.iter().filter_map(|f| f.banks[i].amount).collect();
            prop_assert_eq!(bank.total, (!parts.is_empty()).then(|| parts.iter().sum()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `place` works out once what funds scored alike share (no department's own scores: every
    /// fund takes the bank's one score); it gives what placing each fund on its own gives. Funds are
    /// drawn scored as an earlier fund half the time, with the same amount or another.
    #[test]
    fn funds_scored_alike_are_placed_as_each_alone(
        (banks, mut scores, amounts) in drawn(),
        copies in prop::collection::vec(prop::option::of(0usize..8), scheme().rules.outcomes.funds.len()),
    ) {
        for (f, copy) in copies.iter().enumerate() {
            if let Some(k) = copy.filter(|&k| k < f) {
                scores[f] = scores[k].clone();
            }
        }
        let evaluation = evaluation(&banks);
        let inputs = DepositInputs { amounts, scores };
        let placement = place(scheme(), &evaluation, &inputs);
        for (f, fund) in placement.funds.iter().enumerate() {
            prop_assert_eq!(fund, &place_fund(scheme(), &evaluation, &inputs, f), "fund {}", f);
        }
    }
}

/// Every scenario file of `tests/scenarios/` was written before the funds were placed one by one:
/// with one score for every fund, each fund's composite is today's `deposit.composite` exactly, and
/// its share today's `deposit.share_pct` to the 18 places the placement keeps.
#[test]
fn old_files_give_todays_composites_and_shares() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the scenario files are there");
    let unit = Decimal::new(1, PLACES);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Only files with one score per bank, as every file was before the funds were told apart.
        if scenario.banks.iter().any(|b| !FundFigure::DepartmentScore.is_blank(b)) {
            continue;
        }
        let evaluation = evaluate(scheme(), &scenario);
        let placement = evaluation.placement(scheme());
        for fund in &placement.funds {
            for (bank, share) in evaluation.banks.iter().zip(&fund.banks) {
                let at = format!("{} {} fund {}", path.display(), bank.id, fund.fund);
                assert_eq!(share.composite, bank.deposit.composite, "{at}");
                assert_eq!(
                    share.department_score,
                    scenario.bank(&bank.id).and_then(|b| b.department_score).map(|s| s.get()),
                    "{at}"
                );
                match share.share_pct {
                    Some(pct) => assert!(
                        (pct - bank.deposit.share_pct).abs() <= unit,
                        "{at}: {pct} against {}",
                        bank.deposit.share_pct
                    ),
                    None => assert!(!bank.is_ranked(), "{at}"),
                }
            }
        }
    }
}
