//! 目标测算 worked by hand, through the engine's public functions.
//!
//! The scenario is the one `ties.rs` uses: every bank's lending held at its 2023 balance, the city loan
//! and manufacturing growth typed in at 15% (so one bank's lending moves nobody else), 东楚融通 at 0 and
//! distinct 金融政策 grades 10, 9, …, −5 in annex order. Each bank then scores 2.5 (贷款增速 10 − 7.5) +
//! 1.25 (制造业增速 5 − 3.75) + its grade. 广发银行 (cgb, grade 1) has 4.75 and is 10th; 中信银行 (citic)
//! 6.75, 光大银行 (ceb) 5.75, 招商银行 (cmb) 3.75.
//!
//! Below its tasks, one more 亿 of cgb's loans earns 40 / 3.99 (贷款增量, 附件1 task 3.99) + 50 / 26.60
//! (贷款增速: 100 / 26.60 percentage points, 1 point per 2 below the average) = 11.904762 points.

use kaoping_engine::{
    evaluate, marginal, margins, sensitivity, simulate, solve, Amount, Answer, Band, BonusMode, Field, FundFigure,
    Goal, Item, ItemState, Lever, Note, Outcome, Rivals, Scenario, Scheme, SimulationSpec, Start,
};
use rust_decimal::Decimal;
use std::str::FromStr;

const IDS: [&str; 16] = [
    "adbc", "icbc", "abc", "boc", "ccb", "bocom", "psbc", "citic", "ceb", "cgb", "cmb", "cib", "cmbc", "hubei",
    "hankou", "hsrcb",
];

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in")
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

/// The held scenario; `cgb_loans` replaces cgb's loan balance.
fn held(cgb_loans: Option<&str>, whole_units: bool) -> Scenario {
    let a = &scheme().annexes;
    let banks: Vec<String> = IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let loans = match (*id, cgb_loans) {
                ("cgb", Some(l)) => l.to_owned(),
                _ => a.loans[i].balance_2023.to_string(),
            };
            format!(
                r#"{{"id": "{id}", "loans": "{loans}", "sme_loans": "{}", "manufacturing_loans": "{}", "green_loans": "{}",
                "dongchu_amount": 0, "dongchu_households": 0, "policy_score": {}}}"#,
                a.sme[i].balance_2023,
                a.manufacturing[i].balance_2023,
                a.green[i].balance_2023,
                10 - i32::try_from(i).expect("small"),
            )
        })
        .collect();
    let mode = if whole_units { "whole_units" } else { "pro_rata" };
    let text = format!(
        r#"{{"format": "kaoping-scenario/1", "year": 2024, "settings": {{"bonus_mode": "{mode}"}},
            "city": {{"loan_growth_pct": "15", "manufacturing_growth_pct": "15"}}, "banks": [{}]}}"#,
        banks.join(",")
    );
    Scenario::from_json(&text).expect("parses")
}

fn run(scenario: &Scenario, bank: &str, lever: &str, goal: &str) -> Answer {
    let lever = Lever::parse(lever).expect("a lever");
    let goal = Goal::parse(goal, scheme()).expect("a goal");
    solve(scheme(), scenario, bank, &lever, &goal, Rivals::default())
}

fn needs(answer: &Answer) -> (Decimal, Decimal, Option<u32>, Band) {
    match &answer.outcome {
        Outcome::Needs { more, to, at } => (*more, *to, at.rank, at.band),
        other => panic!("expected a figure, got {other:?}: {}", answer.zh(scheme())),
    }
}

#[test]
fn the_held_scenario_is_as_described() {
    let e = evaluate(scheme(), &held(None, false));
    let total = |id: &str| e.bank(id).and_then(|b| b.total).expect("ranked");
    assert_eq!(total("cgb"), d("4.75"));
    assert_eq!(total("citic"), d("6.75"));
    assert_eq!(e.bank("cgb").and_then(|b| b.rank), Some(10));
}

#[test]
fn pushed_just_past_a_rivals_known_total() {
    // citic has 6.75: cgb needs 2 / 11.904762 = 0.168亿 to tie (sharing 8th) and the next 0.01亿
    // step, 0.17, to pass it. At 0.16 it has 6.65 and is 9th.
    let scenario = held(None, false);
    let rank = run(&scenario, "cgb", "loans", "rank<=8");
    assert_eq!(needs(&rank), (d("0.17"), d("26.77"), Some(8), Band::Positive));
    assert_eq!(rank.from, Start::Entered(d("26.60")));
    let pass = run(&scenario, "cgb", "loans", "above=citic");
    assert_eq!(needs(&pass).0, d("0.17"), "passing needs strictly more than a tie");
    assert_eq!(
        pass.zh(scheme()),
        "贷款余额达到 26.77 亿元（再增 0.17 亿元）可使总分超过中信银行：届时第 8 名，贡献积极单位，总分 6.77，存放占比 6.54%（其他数据不变）"
    );
    // The tie is at 0.168 (to 28 significant digits: 40 × 0.168 / 3.99 is not a finite decimal).
    let tie = evaluate(scheme(), &held(Some("26.768"), false));
    assert_eq!(tie.bank("cgb").and_then(|b| b.total).map(|t| t.round_dp(20)), Some(d("6.75")));
}

#[test]
fn out_of_reach_because_of_caps() {
    // Green loans (with the loans they are part of) can add at most 60 (贷款增量) + 15 (贷款增速, from
    // 2.5 now) + 8 (绿色增量): cgb tops out at 4.75 − 2.5 + 60 + 15 + 8 = 85.25, all three capped once
    // the loans are 20亿 above their task (3.99 + 20 = 23.99 more: green 3.50 → 27.49).
    let answer = run(&held(None, false), "cgb", "green_loans", "total>=100");
    match &answer.outcome {
        Outcome::OutOfReach { best, levels_off, capped, blocked, above } => {
            assert_eq!(best.total, Some(d("85.25")));
            assert_eq!(*levels_off, Some(d("27.49")));
            assert_eq!(capped, &[Item::LoanIncrement, Item::LoanGrowth, Item::GreenIncrement]);
            assert!(blocked.is_empty() && above.is_empty());
        }
        other => panic!("expected out of reach, got {other:?}"),
    }
    assert_eq!(
        answer.zh(scheme()),
        "仅靠增加绿色贷款无法使总分达到 100.00：本行贷款增量、贷款增速、绿色增量的加分已封顶；本行总分最高 85.25（绿色贷款达到 27.49 亿元后不再增加）；低于目标 100.00"
    );
    assert!(answer.notes.contains(&Note::WholesAdded { added: vec![Field::Loans] }), "{:?}", answer.notes);
    // With a rank goal the reason names the banks that stay above.
    let first = run(&held(None, false), "cmbc", "platform_bonds", "rank<=1");
    match &first.outcome {
        Outcome::OutOfReach { capped, above, .. } => {
            assert_eq!(capped, &[Item::PlatformBonds]);
            assert_eq!(above.first().map(String::as_str), Some("adbc"));
        }
        other => panic!("expected out of reach, got {other:?}"),
    }
    assert!(first.zh(scheme()).contains("农发行、工商银行"), "{}", first.zh(scheme()));
}

#[test]
fn a_goal_already_met() {
    let answer = run(&held(None, false), "adbc", "loans", "band=outstanding");
    assert_eq!(answer.outcome, Outcome::Reached);
    assert_eq!(
        answer.zh(scheme()),
        "已经达到目标（进入贡献突出单位）：目前第 1 名，贡献突出单位，总分 13.75，存放占比 13.55%"
    );
    assert_eq!(answer.evaluations, 1);
}

#[test]
fn a_combined_lever_counting_in_four_lines() {
    // Below every task, one 亿 counted in loans, 中小微, 制造业 and 绿色 earns 40/3.99 + 50/26.60 (loans)
    // + 4/2.05 (中小微增量) + 5/1.72 (制造业增量) + 25/11.47 (制造业增速: 100/11.47 points of growth,
    // 0.5 per 2) + 6/0.52 (绿色增量) = 30.481019 points: 10 points take 0.328亿, so 0.33 on the grid.
    let scenario = held(None, false);
    let answer = run(&scenario, "cgb", "loans+sme_loans+manufacturing_loans+green_loans", "total>=14.75");
    let (more, to, _, _) = needs(&answer);
    assert_eq!((more, to), (d("0.33"), d("26.93")));
    let per_yi = d("40") / d("3.99")
        + d("50") / d("26.6")
        + d("4") / d("2.05")
        + d("5") / d("1.72")
        + d("25") / d("11.47")
        + d("6") / d("0.52");
    let total = match &answer.outcome {
        Outcome::Needs { at, .. } => at.total.expect("ranked"),
        _ => Decimal::ZERO,
    };
    assert_eq!((total - d("4.75") - per_yi * d("0.33")).round_dp(20), Decimal::ZERO, "every line got the 0.33");
    assert!(answer.zh(scheme()).starts_with("再投放 0.33 亿元中小微绿色制造业贷款（贷款余额达到 26.93 亿元）"));
    // Applying it enters the loan in every line, each from where it started.
    let entries: Vec<(Field, Decimal)> = answer.entries();
    assert_eq!(
        entries,
        [
            (Field::Loans, d("26.93")),
            (Field::SmeLoans, d("13.99")),
            (Field::ManufacturingLoans, d("11.80")),
            (Field::GreenLoans, d("3.83"))
        ]
    );
    // The sub-lines alone bring their whole: the same loan named without `loans`.
    let parts = run(&scenario, "cgb", "sme_loans+manufacturing_loans+green_loans", "total>=14.75");
    assert_eq!(needs(&parts).0, d("0.33"));
    assert_eq!(parts.lever.added(), [Field::Loans]);
}

#[test]
fn whole_units_step_edges() {
    // cgb exactly on task (30.59): 40 + 10 for the loan items. Under whole units each full 1亿 above the
    // task adds 1 (贷款增量) and each full 2 points of growth, 0.532亿, adds 1 (贷款增速).
    let scenario = held(Some("30.59"), true);
    let one = run(&scenario, "cgb", "loans", "total>=53");
    let base = evaluate(scheme(), &scenario).bank("cgb").and_then(|b| b.total).expect("ranked");
    assert_eq!(base, d("52.5"), "40 + 10 + 制造业增速 5 − 7 × 0.5 + 政策 1");
    assert_eq!(needs(&one).0, d("0.54"), "0.53 is 1.99 points of growth: no step yet");
    // Two points: the growth step at 0.532 and the first whole 亿 at exactly 1.00, an edge on the grid.
    let two = run(&scenario, "cgb", "loans", "total>=54.5");
    assert_eq!(needs(&two).0, d("1.00"));
    let at = |loans: &str| evaluate(scheme(), &held(Some(loans), true)).bank("cgb").and_then(|b| b.total);
    assert_eq!(at("31.59"), Some(d("54.5")));
    assert_eq!(at("31.58"), Some(d("53.5")));
    // The value-of-a-point table says where the next steps are.
    let table = marginal(scheme(), &scenario, "cgb", Rivals::default()).expect("a bank");
    let plain = table.rows.iter().find(|r| r.lever.fields() == [Field::Loans]).expect("a plain loan row");
    let state = |item: Item| plain.items.iter().find(|e| e.item == item).map(|e| e.state.clone());
    assert_eq!(state(Item::LoanIncrement), Some(ItemState::NextStep { more: d("1"), unit: "亿元", points: d("1") }));
    assert_eq!(state(Item::LoanGrowth), Some(ItemState::NextStep { more: d("2"), unit: "个百分点", points: d("1") }));
}

#[test]
fn margins_of_a_bank_in_the_middle() {
    let m = margins(scheme(), &held(None, false), "cgb", Rivals::default(), false).expect("a bank");
    assert_eq!(m.just_above.as_deref(), Some("ceb"));
    assert_eq!(m.just_below.as_deref(), Some("cmb"));
    let row = |id: &str| m.rivals.iter().find(|r| r.id == id).expect("a rival");
    assert_eq!(row("citic").gap, d("2"));
    assert_eq!(row("cmb").gap, d("-1"));
    // cmb needs 1 / (40/9.17 + 50/61.16) = 0.193亿 to tie: 0.20 to pass; cgb needs 1 / 11.904762 =
    // 0.084亿 to tie ceb: 0.09 to pass.
    assert_eq!(row("cmb").lending.as_ref().and_then(Answer::more), Some(d("0.20")));
    assert_eq!(row("ceb").lending.as_ref().and_then(Answer::more), Some(d("0.09")));
    assert!(row("citic").lending.is_none(), "only the neighbours unless asked");
    // 贡献突出 starts at 3rd, 农业银行 with 11.75: 7 points, 0.588亿 → 0.59.
    let (band, to_rank, points, answer) = m.band_above.as_ref().expect("a band above");
    assert_eq!((*band, *to_rank, *points), (Band::Outstanding, 3, d("7")));
    assert_eq!(answer.more(), Some(d("0.59")));
    // The last three are 湖北银行, 汉口银行 and 农商行; the best of them has 0.75.
    assert_eq!(m.interview_margin, Some(d("4")));
    let all = margins(scheme(), &held(None, false), "cgb", Rivals::default(), true).expect("a bank");
    assert!(all.rivals.iter().all(|r| r.lending.is_some()));
}

#[test]
fn value_of_a_point_is_an_exact_difference() {
    let table = marginal(scheme(), &held(None, false), "cgb", Rivals::default()).expect("a bank");
    let row = |label: &str| table.rows.iter().find(|r| r.label == label).expect(label);
    let slope = d("40") / d("3.99") + d("50") / d("26.6");
    assert_eq!((row("一般贷款").points - slope).round_dp(20), Decimal::ZERO);
    // A green loan: the loans' 11.904762 and 绿色增量 from 0 to 6 + 0.5 × 0.48 = 6.24 (past its 0.52 task).
    assert_eq!((row("绿色贷款").points - slope - d("6.24")).round_dp(20), Decimal::ZERO);
    let green = row("绿色贷款").items.iter().find(|e| e.item == Item::GreenIncrement).expect("green item");
    assert_eq!(green.state, ItemState::BelowTask { per_unit: d("6") / d("0.52"), unit: "亿元" });
    // 平台债券 at 0 is not entered: it starts from 0 and is worth 0.5 per 亿.
    let bonds = row("平台债券");
    assert!(bonds.starts_at_zero);
    assert_eq!(bonds.points, d("0.5"));
    // 科技型新增 with no tech figure entered: 科创金融 scored nothing, and the loans alone make it
    // score (第一单科技金融产品 is not needed), so its note says it starts, not that it cannot score.
    let tech = table.rows.iter().find(|r| r.lever.named() == [Field::TechNewLoans]).expect("a tech row");
    let effect = tech.items.iter().find(|e| e.item == Item::Tech).expect("科创金融");
    assert!(effect.points > Decimal::ZERO, "{effect:?}");
    assert_eq!(effect.state, ItemState::Starts, "{}", table.row_zh(tech));
    // The most valuable lending first.
    assert!(table.rows.windows(2).all(|w| w[0].points >= w[1].points), "sorted by points");
}

#[test]
fn parts_never_silently_exceed_their_whole() {
    let mut scenario = held(None, false);
    scenario.bank_mut("cgb").sme_loans = kaoping_engine::Amount::new(d("30")).ok();
    let answer = run(&scenario, "cgb", "sme_loans", "rank<=8");
    assert_eq!(answer.lever.fields(), [Field::SmeLoans, Field::Loans]);
    assert!(
        answer
            .notes
            .iter()
            .any(|n| matches!(n, Note::PartExceedsWhole { part: Field::SmeLoans, whole: Field::Loans, .. })),
        "{:?}",
        answer.notes
    );
}

#[test]
fn answers_that_more_than_double_a_balance_are_flagged() {
    // 民生银行 (1.75 now, loans 21.08, task 3.16) reaches 73 only with 40 + 18.75 for 贷款增量 and 15 for
    // 贷款增速: 3.16 + 18.75 = 21.91亿 more, more than its whole balance.
    let answer = run(&held(None, false), "cmbc", "loans", "total>=73");
    let (more, ..) = needs(&answer);
    assert_eq!(more, d("21.91"));
    assert!(answer.notes.iter().any(|n| matches!(n, Note::MoreThanDoubles { field: Field::Loans, .. })));
}

#[test]
fn rival_assumptions_change_the_starting_ranking() {
    let scenario = scheme().baseline();
    let plain = run(&scenario, "cgb", "loans", "rank<=3");
    let stronger = Rivals { lines: kaoping_engine::RivalLines::AboveTask(d("3")), ..Rivals::default() };
    let lever = Lever::parse("loans").expect("a lever");
    let against = solve(scheme(), &scenario, "cgb", &lever, &Goal::Rank(3), stronger);
    assert!(against.more() > plain.more(), "rivals 3% above task need more: {against:?}");
    assert!(against.notes.iter().any(|n| matches!(n, Note::Assumed { .. })));
}

#[test]
fn simulation_is_deterministic_and_spread_zero_is_the_assumption() {
    let scenario = scheme().baseline();
    let spec = SimulationSpec::new(d("4"), 60, 9, false).expect("valid");
    let a = simulate(scheme(), &scenario, "cgb", Rivals::default(), spec).expect("a bank");
    let b = simulate(scheme(), &scenario, "cgb", Rivals::default(), spec).expect("a bank");
    assert_eq!(a, b);
    assert!(a.rank_min < a.rank_max, "±4 points of growth move the rank: {a:?}");
    let still = SimulationSpec::new(Decimal::ZERO, 5, 9, false).expect("valid");
    let s = simulate(scheme(), &scenario, "cgb", Rivals::default(), still).expect("a bank");
    assert_eq!((s.rank_min, s.rank_max), (s.now.rank, s.now.rank));
    assert!(SimulationSpec::new(d("0.001"), 5, 1, false).is_err(), "draws are in 0.01 points");
    assert!(SimulationSpec::new(d("5"), 0, 1, false).is_err());
}

#[test]
fn sensitivity_marks_caps_and_band_edges() {
    let scenario = held(None, false);
    let lever = Lever::parse("loans").expect("a lever");
    let curve = sensitivity(scheme(), &scenario, "cgb", &lever, Rivals::default(), d("26.60"), d("56.60"), 31)
        .expect("a curve");
    assert_eq!(curve.points.len(), 31);
    assert_eq!(curve.current, d("26.60"));
    assert_eq!(curve.task, Some(d("30.59")));
    // 贷款增量 caps 20亿 above the task (50.59); 贷款增速 at 15 + 10 = 25% growth, 6.65亿 (33.25).
    assert_eq!(curve.caps, vec![(Item::LoanIncrement, d("50.59")), (Item::LoanGrowth, d("33.25"))]);
    assert!(curve.points.windows(2).all(|w| w[0].total <= w[1].total), "more lending never lowers the total");
    let first = curve.points.first().expect("a point");
    assert_eq!(first.band_edges.first(), Some(&(Band::Outstanding, d("11.75"))), "third place is 11.75");
    assert_eq!(first.interview_line, Some(d("0.75")));
    // The engine's own range: a quarter of the span below the figure now, half a span past the
    // farthest of the figure, its task (30.59) and an answer (40): span 13.40, so 23.25 to 46.70.
    let around =
        kaoping_engine::sensitivity_around(scheme(), &scenario, "cgb", &lever, Rivals::default(), Some(d("40")), 5)
            .expect("a curve");
    let values: Vec<Decimal> = around.points.iter().map(|p| p.value).collect();
    assert_eq!(values.first(), Some(&d("23.25")));
    assert_eq!(values.last(), Some(&d("46.70")));
    // A task below the figure now is shown too.
    assert_eq!(
        kaoping_engine::chart_range(d("306"), Some(d("294.46")), Some(d("306.72")), d("0.01")),
        (d("291.395"), d("312.85"))
    );
}

#[test]
fn the_next_band_answer_still_reads_as_before() {
    let scenario = held(None, false);
    let answer = kaoping_engine::next_band_answer(scheme(), &scenario, "cgb").expect("a band above");
    assert_eq!(
        answer.zh().as_deref(),
        Some("贷款余额达到 27.19 亿元（再增 0.59 亿元）可升至第 3 名，进入贡献突出单位（其他数据不变）")
    );
    let _ = BonusMode::ProRata;
}

#[test]
fn a_fund_goal_with_one_score_for_every_fund_is_the_share_goal() {
    // No department scores: each fund's composite is the evaluation points alone, as is the one
    // composite, so every fund's share is today's share and both goals need the same loan.
    let scenario = held(None, false);
    let share = run(&scenario, "cgb", "loans", "share>=6");
    let fiscal = run(&scenario, "cgb", "loans", "share:fiscal>=6");
    assert_eq!(needs(&fiscal).0, needs(&share).0);
    let Outcome::Needs { at, .. } = &fiscal.outcome else { panic!("needs a figure") };
    let fund = at.fund.expect("the fund's figures at the answer");
    // The fund's share is carried to 18 places, the one share to 28 digits.
    let apart = fund.share_pct.map(|s| (s - at.share_pct).abs());
    assert!(apart.is_some_and(|a| a <= Decimal::new(1, 18)), "{:?} against {}", fund.share_pct, at.share_pct);
    assert_eq!(fund.amount, None, "no amount given for the fund");
    // cgb's total T against the others' 96.75 (the positive totals count): T / (96.75 + T) ≥ 6% at
    // T ≥ 6.1755, 1.4255 above its 4.75 at 11.904762 points per 亿: 0.1197, so 0.12亿.
    assert_eq!(
        fiscal.zh(scheme()),
        "贷款余额达到 26.72 亿元（再增 0.12 亿元）可使财政专户资金存放占比达到 6.00%：届时第 9 名，贡献积极单位，\
         总分 6.18，存放占比 6.00%，财政专户资金占比 6.00%（其他数据不变）"
    );
}

#[test]
fn an_amount_goal_needs_the_funds_amount() {
    let answer = run(&held(None, false), "cgb", "loans", "amount:provident>=1");
    assert!(matches!(answer.outcome, Outcome::OutOfReach { .. }));
    assert_eq!(answer.evaluations, 1, "nothing to search for");
    assert_eq!(
        answer.zh(scheme()),
        "无法测算（使住房公积金存放金额达到 1.00 亿元）：没有填写住房公积金的存放金额，请先填写该项资金的金额"
    );
}

#[test]
fn a_fund_whose_department_scores_us_high_is_reached_with_less() {
    // 公积金中心 scores cgb 100 and no one else: its 住房公积金 composite is its evaluation points
    // T × 70 / 13.75 + 30 against the others' 96.75 × 70 / 13.75 (adbc's 13.75 is the top total; the two
    // banks below 0 earn nothing). 11% of the fund needs T ≥ (0.11 × 96.75 × E + 3.3 − 30) / (0.89 × E)
    // = 6.0650 (E = 70 / 13.75), 1.3150 above 4.75 at 11.904762 points per 亿: 0.1105, so 0.12亿; 11% of
    // 20 亿元 is 2.2 亿元, the same loan.
    let mut scenario = held(None, false);
    FundFigure::DepartmentScore.set(scenario.bank_mut("cgb"), "provident", Some(d("100"))).expect("a score");
    scenario.deposits.funds.set("provident", Amount::new(d("20")).ok());
    let share = run(&scenario, "cgb", "loans", "share:provident>=11");
    assert_eq!(needs(&share).0, d("0.12"));
    let amount = run(&scenario, "cgb", "loans", "amount:provident>=2.2");
    assert_eq!(needs(&amount).0, d("0.12"));
    let Outcome::Needs { at, .. } = &amount.outcome else { panic!("needs a figure") };
    let fund = at.fund.expect("the fund's figures");
    assert!(fund.amount.is_some_and(|a| a >= d("2.2")) && fund.share_pct.is_some_and(|s| s >= d("11")));
    assert!(amount.zh(scheme()).contains("住房公积金占比 11."), "{}", amount.zh(scheme()));
    assert!(amount.zh(scheme()).contains("约 2.2"), "{}", amount.zh(scheme()));
    // The one composite has no department score for cgb: T / (96.75 + T) ≥ 11% needs T ≥ 11.9579,
    // 7.2079 above 4.75: 0.6055, so 0.61亿.
    let plain = run(&scenario, "cgb", "loans", "share>=11");
    assert_eq!(needs(&plain).0, d("0.61"));
}
