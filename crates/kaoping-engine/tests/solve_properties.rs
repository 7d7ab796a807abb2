//! The solver's promise, checked on generated scenarios, banks, levers and goals: applying the answer
//! reaches the goal and one step less (0.01亿, or 1 for counts) does not; "reached" is reached now;
//! "out of reach" is not reached even with a great deal more. Everything is checked with the engine's
//! plain `evaluate`, the lever applied here by hand from the field table.
#![cfg(not(target_arch = "wasm32"))]

mod strategies;

use kaoping_engine::{
    all_levers, evaluate, solve, Band, BankInput, Field, Goal, Lever, Note, Outcome, PolicyScore, Rivals, Scenario,
    Scheme,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use strategies::{amount, count};

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in scheme")
}

fn bank(id: String) -> impl Strategy<Value = BankInput> {
    (
        (amount(500), amount(300), amount(100), amount(150)),
        (count(3000), count(4000), amount(60), amount(80)),
        (amount(20), count(3), amount(8), amount(12), count(2)),
        (amount(40), count(400), prop::option::of(-10i8..=10), amount(3), amount(25), any::<bool>()),
    )
        .prop_map(move |(l, c, t, o)| {
            let mut b = BankInput::new(&id);
            (b.loans, b.sme_loans, b.manufacturing_loans, b.green_loans) = l;
            (b.sme_customers_2023, b.sme_customers, b.inclusive_loans_2023, b.inclusive_loans) = c;
            (b.tech_new_loans, b.tech_products, b.pension_loans_2023, b.pension_loans, b.carbon_products) = t;
            let (dongchu, households, policy, npl, bonds, vetoed) = o;
            (b.dongchu_amount, b.dongchu_households, b.npl_written_off, b.platform_bonds) =
                (dongchu, households, npl, bonds);
            b.policy_score = policy.and_then(|p| PolicyScore::new(p).ok());
            b.vetoed = vetoed && id.len().is_multiple_of(4);
            b
        })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let ids: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    (prop::sample::subsequence(ids, 0..=6), any::<bool>(), any::<bool>())
        .prop_flat_map(|(ids, whole, mean)| (ids.into_iter().map(bank).collect::<Vec<_>>(), Just(whole), Just(mean)))
        .prop_map(|(banks, whole, mean)| {
            let mut s = scheme().baseline();
            s.banks = banks;
            if whole {
                s.settings.bonus_mode = kaoping_engine::BonusMode::WholeUnits;
            }
            if mean {
                s.settings.city_average = kaoping_engine::CityAverage::Mean;
            }
            s
        })
}

fn goal() -> impl Strategy<Value = Goal> {
    let ids: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    prop_oneof![
        (1u32..=16).prop_map(Goal::Rank),
        prop::sample::select(vec![Band::Outstanding, Band::Positive, Band::General]).prop_map(Goal::Band),
        Just(Goal::NotInterviewed),
        (0i64..=15_000).prop_map(|c| Goal::Total(Decimal::new(c, 2))),
        (0i64..=1_500).prop_map(|c| Goal::Share(Decimal::new(c, 2))),
        prop::sample::select(ids).prop_map(Goal::Above),
        (0i64..=1_500).prop_map(|c| Goal::FundShare("fiscal".to_owned(), Decimal::new(c, 2))),
    ]
}

fn lever() -> impl Strategy<Value = Lever> {
    let levers = all_levers();
    let balance = [Field::Loans, Field::SmeLoans, Field::ManufacturingLoans, Field::GreenLoans];
    prop_oneof![
        prop::sample::select(levers),
        prop::sample::subsequence(balance.to_vec(), 1..=4).prop_map(|f| Lever::new(&f).expect("balance lines")),
    ]
}

/// What the solver starts each figure from, worked out here: entered, on task, or 0.
fn starts(s: &Scenario, id: &str, lever: &Lever) -> Vec<Decimal> {
    let e = evaluate(scheme(), s);
    let figures = e.bank(id).expect("a bank").figures;
    lever
        .fields()
        .iter()
        .map(|f| match (s.bank(id).and_then(|b| f.get(b)), f.spec().annex) {
            (Some(v), _) => v,
            (None, Some(line)) => figures.line(line).current,
            (None, None) => Decimal::ZERO,
        })
        .collect()
}

/// Whether the goal is met with `amount` added to each figure of the lever.
fn met_with(s: &Scenario, id: &str, lever: &Lever, goal: &Goal, amount: Decimal) -> bool {
    let mut trial = s.clone();
    let starts = starts(s, id, lever);
    for (field, start) in lever.fields().iter().zip(starts) {
        field.set(trial.bank_mut(id), Some(start + amount)).expect("within bounds");
    }
    let index = scheme().bank_index(id).expect("a bank");
    goal.met(scheme(), &evaluate(scheme(), &trial), index)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_answer_reaches_the_goal_and_one_step_less_does_not(
        s in scenario(), which in 0usize..16, lever in lever(), goal in goal()
    ) {
        let id = scheme().banks[which].id.clone();
        prop_assume!(goal != Goal::Above(id.clone()));
        let answer = solve(scheme(), &s, &id, &lever, &goal, Rivals::default());
        let index = scheme().bank_index(&id).expect("a bank");
        let now = evaluate(scheme(), &s);
        match &answer.outcome {
            Outcome::Reached => prop_assert!(goal.met(scheme(), &now, index)),
            Outcome::NotRanked => prop_assert!(s.bank(&id).is_some_and(|b| b.vetoed)),
            Outcome::Needs { more, to, .. } => {
                prop_assert!(!goal.met(scheme(), &now, index), "not reached now");
                prop_assert_eq!(*to, starts(&s, &id, &lever)[0] + *more);
                prop_assert!(met_with(&s, &id, &lever, &goal, *more), "{} reaches {}", more, goal.key());
                let strided = answer.notes.iter().any(|n| matches!(n, Note::NotMonotone { stride: Some(_) }));
                if *more >= lever.step() && !strided {
                    prop_assert!(
                        !met_with(&s, &id, &lever, &goal, *more - lever.step()),
                        "{} − one step does not reach {}", more, goal.key()
                    );
                }
            }
            Outcome::OutOfReach { .. } => {
                prop_assert!(!goal.met(scheme(), &now, index));
                let lots = if lever.is_whole() { Decimal::from(100_000) } else { Decimal::from(10_000) };
                prop_assert!(!met_with(&s, &id, &lever, &goal, lots), "{} is out of reach of {}", goal.key(), lever.key());
            }
        }
    }
}
