//! Invariants that hold for every scenario, checked on generated ones: the total is the sum of the
//! items; each item stays within its range; more lending never lowers a bank's own increment items;
//! the order of banks in a file changes nothing; a scenario survives a JSON round trip; the banks'
//! declarations, collected in any order and some twice, give back the scenario they were made from;
//! sources and verified figures survive the file, and the scenario as declared undoes every verification.
#![cfg(not(target_arch = "wasm32"))]

mod strategies;

use kaoping_engine::{
    collect, evaluate, Amount, BankInput, Date, Declaration, DeclaredRow, Field, FundFigure, Item, PolicyScore,
    Scenario, Scheme, Source, Verification,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use strategies::{amount, count};

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in scheme")
}

fn bank(id: String) -> impl Strategy<Value = BankInput> {
    (
        (amount(700), amount(400), amount(150), amount(200)),
        (count(5000), count(6000), amount(80), amount(100)),
        (amount(20), count(3), amount(10), amount(15), count(2), count(6)),
        (amount(40), count(500), prop::option::of(-10i8..=10), amount(2), amount(2), amount(30)),
        (amount(5), amount(8), any::<bool>(), any::<bool>()),
        // 四(四): a department's score for some funds, to four decimals.
        prop::collection::vec(prop::option::of((0i64..=1_000_000).prop_map(|n| Decimal::new(n, 4))), funds()),
    )
        .prop_map(move |(l, c, t, d, g, scores)| {
            let mut b = BankInput::new(&id);
            (b.loans, b.sme_loans, b.manufacturing_loans, b.green_loans) = l;
            (b.sme_customers_2023, b.sme_customers, b.inclusive_loans_2023, b.inclusive_loans) = c;
            (
                b.tech_new_loans,
                b.tech_products,
                b.pension_loans_2023,
                b.pension_loans,
                b.pension_products,
                b.carbon_products,
            ) = t;
            let policy;
            (
                b.dongchu_amount,
                b.dongchu_households,
                policy,
                b.npl_written_off,
                b.npl_other_disposal,
                b.platform_bonds,
            ) = d;
            b.policy_score = policy.and_then(|p| PolicyScore::new(p).ok());
            let (target, actual, newly, vetoed) = g;
            b.startup_target = target.and_then(|t| kaoping_engine::Target::new(t.get()).ok());
            b.startup_actual = actual;
            b.startup_new = newly;
            b.vetoed = vetoed && id.len().is_multiple_of(5);
            for (fund, score) in scheme().rules.outcomes.funds.iter().zip(scores) {
                FundFigure::DepartmentScore.set(&mut b, &fund.id, score).expect("0 to 100");
            }
            b
        })
}

fn funds() -> usize {
    scheme().rules.outcomes.funds.len()
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let ids: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    let text = prop::option::of("\\PC{1,20}");
    let deposits = prop::collection::vec(amount(1000), funds());
    (prop::sample::subsequence(ids, 0..=16), any::<bool>(), any::<bool>(), text.clone(), text, deposits)
        .prop_flat_map(|(ids, whole, mean, name, note, deposits)| {
            let banks: Vec<_> = ids.into_iter().map(bank).collect();
            (banks, Just(whole), Just(mean), Just(name), Just(note), Just(deposits))
        })
        .prop_map(|(banks, whole, mean, name, note, deposits)| {
            let mut s = scheme().baseline();
            s.banks = banks;
            for (fund, amount) in scheme().rules.outcomes.funds.iter().zip(deposits) {
                s.deposits.funds.set(&fund.id, amount);
            }
            s.name = name;
            s.note = note;
            if whole {
                s.settings.bonus_mode = kaoping_engine::BonusMode::WholeUnits;
            }
            if mean {
                s.settings.city_average = kaoping_engine::CityAverage::Mean;
            }
            s
        })
}

/// A scenario with a source for some of its banks and some of their figures verified: the declared
/// value is the figure with a little added (or nothing declared), with a reason.
fn scenario_with_provenance() -> impl Strategy<Value = Scenario> {
    let source = (
        "[^\\x00-\\x1f]{1,30}",
        prop::option::of("\\PC{1,10}"),
        prop::option::of("[0-9-]{7,13}"),
        prop::option::of(0i64..40_000),
    );
    (scenario(), prop::collection::vec((any::<bool>(), source, any::<u64>(), any::<bool>()), 16)).prop_map(
        |(mut s, extras)| {
            let ids: Vec<String> = s.banks.iter().map(|b| b.id.clone()).collect();
            for (id, (has_source, (file, reporter, phone, day), pick, complete)) in ids.iter().zip(extras) {
                if has_source {
                    let date = day.and_then(Date::from_days_since_epoch);
                    s.sources.insert(id.clone(), Source { file, reporter, phone, date });
                }
                s.verification_complete |= complete;
                let bank = s.bank(id).cloned().expect("listed");
                for (n, field) in Field::ALL.iter().enumerate() {
                    if pick >> (n % 64) & 1 == 0 || pick.count_ones() < 40 {
                        continue;
                    }
                    let declared = match (field.get(&bank), field.kind()) {
                        (Some(_), kaoping_engine::Kind::Flag) | (None, _) => None,
                        (Some(v), kaoping_engine::Kind::Amount) => Some(v + Decimal::ONE),
                        (Some(v), _) => Some(v),
                    };
                    let reason = format!("按人民银行金融统计口径（{n}）");
                    s.verified.get_or_default(id.clone()).insert(*field, Verification { declared, reason });
                }
            }
            s
        },
    )
}

/// The most an item can score, and the least (only the policy grade goes below zero).
fn range(item: Item) -> (Decimal, Decimal) {
    let d = Decimal::from;
    let max = match item {
        Item::LoanIncrement => d(60),
        Item::LoanGrowth => d(15),
        Item::SmeIncrement => d(6),
        Item::SmeCustomers => d(5),
        Item::SmeRate => d(2),
        Item::InclusiveGrowth => d(6),
        Item::ManufacturingIncrement | Item::ManufacturingGrowth => d(7),
        Item::GreenIncrement | Item::Tech => d(8),
        Item::CarbonProducts | Item::Pension => d(4),
        Item::DongchuAmount | Item::Npl => d(5),
        Item::DongchuHouseholds => d(3),
        Item::Policy | Item::PlatformBonds | Item::Guarantee => d(10),
    };
    let min = if item == Item::Policy { d(-10) } else { Decimal::ZERO };
    (min, max)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn total_is_the_sum_of_items_and_items_stay_in_range(s in scenario()) {
        let evaluation = evaluate(scheme(), &s);
        prop_assert_eq!(evaluation.banks.len(), 16);
        for bank in &evaluation.banks {
            let sum: Decimal = bank.items.iter().map(|i| i.points).sum();
            match bank.total {
                Some(total) => prop_assert_eq!(total, sum),
                None => prop_assert!(s.bank(&bank.id).is_some_and(|b| b.vetoed)),
            }
            for score in &bank.items {
                let (min, max) = range(score.item);
                prop_assert!(score.points >= min && score.points <= max, "{:?} = {} outside {}..={}", score.item, score.points, min, max);
            }
            if let Some(total) = bank.total {
                prop_assert!(total >= Decimal::from(-10) && total <= Decimal::from(175));
            }
            prop_assert!(bank.deposit.share_pct >= Decimal::ZERO && bank.deposit.share_pct <= Decimal::ONE_HUNDRED);
        }
        let shares: Decimal = evaluation.banks.iter().map(|b| b.deposit.share_pct).sum();
        if evaluation.ranked > 0 && shares > Decimal::ZERO {
            prop_assert!((shares - Decimal::ONE_HUNDRED).abs() < Decimal::new(1, 20), "shares sum to 100%: {}", shares);
        }
    }

    #[test]
    fn more_lending_never_lowers_own_increment_items(s in scenario(), which in 0usize..16, extra in 1i64..5000) {
        let id = scheme().banks[which].id.clone();
        let before = evaluate(scheme(), &s);
        let mut more = s.clone();
        let extra = Decimal::new(extra, 2);
        {
            let b = more.bank_mut(&id);
            let bump = |v: Option<Amount>, base: Decimal| Amount::new(v.map_or(base, Amount::get) + extra).ok();
            let a = &scheme().annexes;
            b.loans = bump(b.loans, a.loans[which].balance_2023 + a.loans[which].task);
            b.sme_loans = bump(b.sme_loans, a.sme[which].balance_2023 + a.sme[which].task);
            b.manufacturing_loans = bump(b.manufacturing_loans, a.manufacturing[which].balance_2023 + a.manufacturing[which].task);
            b.green_loans = bump(b.green_loans, a.green[which].balance_2023 + a.green[which].task);
            b.dongchu_amount = bump(b.dongchu_amount, a.dongchu[which].amount_target);
        }
        let after = evaluate(scheme(), &more);
        for item in [Item::LoanIncrement, Item::SmeIncrement, Item::ManufacturingIncrement, Item::GreenIncrement, Item::DongchuAmount] {
            let p = |e: &kaoping_engine::Evaluation| e.bank(&id).and_then(|b| b.item(item)).map(|s| s.points);
            prop_assert!(p(&after) >= p(&before), "{:?} fell for {}", item, id);
        }
    }

    #[test]
    fn bank_order_changes_nothing(s in scenario(), seed in any::<u64>()) {
        let mut shuffled = s.clone();
        let n = shuffled.banks.len();
        if n > 1 {
            let mut state = seed;
            for i in (1..n).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.banks.swap(i, (state >> 33) as usize % (i + 1));
            }
        }
        prop_assert_eq!(evaluate(scheme(), &s), evaluate(scheme(), &shuffled));
    }

    #[test]
    fn json_round_trip(s in scenario()) {
        let back = Scenario::from_json(&s.to_json()).expect("own output parses");
        let mut expected = s.clone();
        expected.banks.retain(|b| !b.is_empty());
        expected.banks.sort_by_key(|b| scheme().bank_index(&b.id));
        prop_assert_eq!(&back, &expected);
        let full = Scenario::from_json(&s.to_json_full()).expect("full output parses");
        let mut full_expected = s.clone();
        full_expected.banks.sort_by_key(|b| scheme().bank_index(&b.id));
        prop_assert_eq!(full, full_expected);
    }

    #[test]
    fn declarations_collect_back_into_the_scenario_they_came_from(s in scenario(), seed in any::<u64>(), twice in any::<u64>()) {
        // One 申报表 per bank listed, every figure of the table (blank where nothing is entered), in a
        // shuffled order, some of them received twice.
        let mut files: Vec<Declaration> = s
            .banks
            .iter()
            .map(|bank| Declaration {
                file: format!("申报表-{}.xlsx", bank.id),
                names: Some(bank.id.clone()),
                rows: vec![DeclaredRow { bank: bank.id.clone(), figures: Field::ALL.iter().map(|f| (*f, f.get(bank))).collect() }],
                ..Declaration::default()
            })
            .collect();
        let copies: Vec<Declaration> = files.iter().enumerate().filter(|(i, _)| twice >> (i % 64) & 1 == 1).map(|(_, f)| f.clone()).collect();
        files.extend(copies);
        let mut state = seed;
        for i in (1..files.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            files.swap(i, (state >> 33) as usize % (i + 1));
        }
        // Collected into the scenario with every declared figure taken out: what the panel, the city
        // and the departments supply (and the file leaves alone) stays.
        let mut base = s.clone();
        for bank in &mut base.banks {
            for field in Field::ALL.into_iter().filter(|f| f.is_declared()) {
                field.set(bank, None).expect("clearing never fails");
            }
        }
        let collection = collect(scheme(), &base, &files, &[]);
        prop_assert!(collection.conflicts.is_empty(), "{:?}", collection.conflicts);
        let mut expected = s.clone();
        expected.banks.retain(|b| !b.is_empty());
        expected.banks.sort_by_key(|b| scheme().bank_index(&b.id));
        let mut got = collection.scenario.clone().expect("no conflict");
        got.banks.sort_by_key(|b| scheme().bank_index(&b.id));
        prop_assert_eq!(got.sources.len(), s.banks.len(), "every bank listed has its source");
        got.sources.clear();
        prop_assert_eq!(got, expected);
        prop_assert!(collection.receipts.iter().all(|r| r.ignored.is_empty()), "nothing the file carries differs");
        for receipt in &collection.receipts {
            let listed = s.bank(&receipt.bank).is_some();
            prop_assert_eq!(receipt.source.as_ref().map(|r| r.file.clone()), listed.then(|| format!("申报表-{}.xlsx", receipt.bank)));
        }
    }

    #[test]
    fn sources_and_verified_figures_survive_the_file(s in scenario_with_provenance()) {
        let back = Scenario::from_json(&s.to_json()).expect("own output parses");
        prop_assert_eq!(&back.sources, &s.sources);
        prop_assert_eq!(&back.verified, &s.verified);
        prop_assert_eq!(back.verification_complete, s.verification_complete);
        let full = Scenario::from_json(&s.to_json_full()).expect("full output parses");
        prop_assert_eq!(&full.verified, &s.verified);
        // As declared: every verified figure back to its declaration, nothing verified, not complete.
        let declared = back.declared();
        prop_assert!(declared.verified.is_empty() && !declared.verification_complete);
        prop_assert_eq!(&declared.sources, &s.sources);
        for figure in back.verified_figures(scheme()) {
            let now = declared.bank(&figure.bank).and_then(|b| figure.field.get(b));
            prop_assert_eq!(now, figure.declared, "{} {}", figure.bank, figure.field.key());
        }
    }

    #[test]
    fn any_text_is_refused_or_scored_never_a_panic(text in "\\PC{0,200}") {
        if let Ok(s) = Scenario::from_json(&text) {
            let _ = evaluate(scheme(), &s);
        }
    }
}
