//! 附件1–5 as built in, and the checks of their arithmetic that the page shows under 数据核对.

use kaoping_engine::Scheme;

#[test]
fn annex_checks_find_what_the_spec_lists() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let checks = scheme.annex_checks();
    let text: String = checks.iter().map(|c| format!("{} | {} | {}\n", c.annex, c.subject, c.message)).collect();
    expect_test::expect_file!["../../../tests/annex-checks.expected.txt"].assert_eq(&text);
    // The published tasks that are not balance × rate rounded (the spec's list), each found.
    for (annex, bank, published) in [
        ("附件1", "工商银行", "25.60"),
        ("附件1", "光大银行", "6.73"),
        ("附件1", "民生银行", "3.80"),
        ("附件3", "农发行", "0.02"),
        ("附件3", "民生银行", "0.83"),
        ("附件4", "广发银行", "0.52"),
        ("附件4", "兴业银行", "2.59"),
    ] {
        assert!(
            checks.iter().any(|c| c.annex == annex && c.subject.starts_with(bank) && c.message.contains(published)),
            "{annex} {bank} {published} is reported"
        );
    }
    // Totals: 附件1 includes institutions outside the 16; 附件2 and 3 round.
    for (annex, sum) in [("附件1", "2313.94"), ("附件2", "1274.41"), ("附件3", "478.68")] {
        assert!(checks.iter().any(|c| c.annex == annex && c.message.contains(sum)), "{annex} sum {sum}");
    }
}

#[test]
fn figures_from_the_gazette() {
    let scheme = Scheme::builtin(2024).expect("built-in scheme");
    let a = &scheme.annexes;
    let i = scheme.bank_index("icbc").expect("icbc");
    assert_eq!(scheme.banks.len(), 16);
    assert_eq!(scheme.banks[i].short_name, "工商银行");
    let s = |d: rust_decimal::Decimal| format!("{d:.2}");
    assert_eq!(
        (s(a.loans[i].balance_2023), s(a.loans[i].q1_task), s(a.loans[i].task), s(a.loans[i].stretch_task)),
        ("256.05".into(), "25.60".into(), "38.41".into(), "46.09".into())
    );
    assert_eq!((s(a.sme[i].balance_2023), s(a.sme[i].task)), ("112.37".into(), "16.86".into()));
    assert_eq!((s(a.manufacturing[i].balance_2023), s(a.manufacturing[i].task)), ("80.18".into(), "12.03".into()));
    assert_eq!((s(a.green[i].balance_2023), s(a.green[i].task)), ("55.23".into(), "8.28".into()));
    assert_eq!((s(a.dongchu[i].amount_target), s(a.dongchu[i].households_target)), ("16.00".into(), "160.00".into()));
    let last = scheme.bank_index("hsrcb").expect("hsrcb");
    assert_eq!(s(a.loans[last].balance_2023), "313.88");
    assert_eq!(s(a.dongchu[last].households_target), "300.00");
}

#[test]
fn a_broken_scheme_file_is_an_error_not_a_panic() {
    let builtin = Scheme::builtin(2024).expect("built-in scheme");
    let text = builtin.to_json();
    assert!(Scheme::from_json(&text).is_ok());
    let zero_step = text.replacen(r#""value": "1""#, r#""value": "0""#, 1);
    assert_ne!(zero_step, text, "the replacement applies");
    let err = Scheme::from_json(&zero_step).expect_err("a zero step is refused");
    assert_eq!(
        err.to_string(),
        "parameters.items.loan_increment.step.value: \"0\" must be above 0 (the engine scores against it or divides by it)"
    );
    assert!(Scheme::from_json("{}").is_err());
    assert!(Scheme::from_json("[]").is_err());
}
