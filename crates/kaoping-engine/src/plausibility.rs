//! 本行输入核对: does what a user typed for a bank, a setting or a city figure look right? Warnings, never refusals: a figure that
//! passes its type's bounds is scored as typed, but a balance 60% below last year's, a sub-line above
//! total loans or a negative interest rate is almost always a slip, and the user should see it beside
//! the box, in the summary and under 数据核对.
//!
//! The thresholds live in `parameters.json` (`plausibility`) with a note of where they come from; the
//! nesting of the lines (中小微, 制造业 and 绿色 are parts of 各项贷款; 普惠小微 is part of 中小微) is the
//! scheme's own definitions (二(二)1 and its note).

use rust_decimal::Decimal;

use crate::document::Scenario;
use crate::fields::{AnnexLine, BankInput, Field, FIELDS};
use crate::format::{format_amount, format_fixed2};
use crate::scheme::Scheme;
use crate::settings::{Setting, SettingValue};

/// One doubt about a typed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    /// The figure the doubt is about (shown beside its box).
    pub field: Field,
    /// What looks wrong, in Chinese, with the figures.
    pub message: String,
}

/// The 2023 figure a 2024 figure grows from: its annex base, or its own 2023 field.
fn base_of(scheme: &Scheme, index: usize, bank: &BankInput, field: Field) -> Option<Decimal> {
    let a = &scheme.annexes;
    match field.spec().annex {
        Some(AnnexLine::Loans) => a.loans.get(index).map(|r| r.balance_2023),
        Some(AnnexLine::Sme) => a.sme.get(index).map(|r| r.balance_2023),
        Some(AnnexLine::Manufacturing) => a.manufacturing.get(index).map(|r| r.balance_2023),
        Some(AnnexLine::Green) => a.green.get(index).map(|r| r.balance_2023),
        Some(AnnexLine::DongchuAmount | AnnexLine::DongchuHouseholds) => None,
        None => match field {
            Field::Inclusive => Field::Inclusive2023.get(bank),
            Field::Pension => Field::Pension2023.get(bank),
            _ => None,
        },
    }
}

/// The city's 2023 loan total stated in 附件1: no single figure of one bank can exceed it.
fn city_loans(scheme: &Scheme) -> Option<Decimal> {
    scheme.city_loans_2023().map(|(stated, _)| stated)
}

/// The doubts about one bank's typed figures, in field-table order. Only entered figures are checked:
/// an annex line left empty is on task, which is plausible by definition.
pub fn doubts(scheme: &Scheme, bank: &BankInput) -> Vec<Doubt> {
    let Some(index) = scheme.bank_index(&bank.id) else { return Vec::new() };
    let p = &scheme.rules.plausibility;
    let hundred = Decimal::ONE_HUNDRED;
    let mut out = Vec::new();
    // The figures' labels and these sentences speak of 2023 and 2024: moved on to the scheme's years.
    let mut doubt = |field: Field, message: String| {
        out.push(Doubt { field, message: scheme.words(&message).into_owned() });
    };

    // A balance far below or far above its 2023 figure.
    for spec in FIELDS.iter().filter(|f| f.unit == crate::fields::Unit::Yi) {
        let (Some(now), Some(base)) = (spec.field.get(bank), base_of(scheme, index, bank, spec.field)) else {
            continue;
        };
        if base <= Decimal::ZERO {
            continue;
        }
        let floor = base * (hundred - p.balance_drop_pct.value) / hundred;
        if now < floor {
            let change = (now - base) * hundred / base;
            doubt(
                spec.field,
                format!(
                    "{} {} 比 2023 年末 {} 下降 {}%，降幅超过 {}%，请核对是否填错（单位为亿元）",
                    spec.label,
                    format_amount(now, "亿元"),
                    format_amount(base, "亿元"),
                    format_fixed2(-change),
                    p.balance_drop_pct.value.normalize()
                ),
            );
        } else if now > base * p.balance_rise_times.value {
            doubt(
                spec.field,
                format!(
                    "{} {} 超过 2023 年末 {} 的 {} 倍，请核对是否填错（单位为亿元）",
                    spec.label,
                    format_amount(now, "亿元"),
                    format_amount(base, "亿元"),
                    p.balance_rise_times.value.normalize()
                ),
            );
        }
    }

    // The lines nest: a part above its whole is a slip. Figures left empty are on task.
    let loans_now = Field::Loans
        .get(bank)
        .or_else(|| scheme.annexes.loans.get(index).map(|r| r.balance_2023 + r.task))
        .unwrap_or_default();
    for part in [Field::SmeLoans, Field::ManufacturingLoans, Field::GreenLoans] {
        if let Some(value) = part.get(bank) {
            if value > loans_now {
                doubt(
                    part,
                    format!(
                        "{} {} 高于贷款余额 {}：{}是各项贷款的一部分",
                        part.label(),
                        format_amount(value, "亿元"),
                        format_amount(loans_now, "亿元"),
                        part.spec().short
                    ),
                );
            }
        }
    }
    let sme_now = Field::SmeLoans
        .get(bank)
        .or_else(|| scheme.annexes.sme.get(index).map(|r| r.balance_2023 + r.task))
        .unwrap_or_default();
    if let Some(inclusive) = Field::Inclusive.get(bank) {
        if inclusive > sme_now {
            doubt(
                Field::Inclusive,
                format!(
                    "普惠小微贷款余额 {} 高于中小微企业贷款余额 {}：按二(二)1 的口径，普惠小微包含在中小微之内",
                    format_amount(inclusive, "亿元"),
                    format_amount(sme_now, "亿元")
                ),
            );
        }
    }

    // Interest rates: at or below zero, or far above any lending rate.
    for field in [Field::SmeRateStart, Field::SmeRate] {
        if let Some(rate) = field.get(bank) {
            if rate <= Decimal::ZERO || rate > p.rate_max_pct.value {
                doubt(
                    field,
                    format!(
                        "{} {}% 不在 0% 至 {}% 之间，请核对",
                        field.label(),
                        format_fixed2(rate),
                        p.rate_max_pct.value.normalize()
                    ),
                );
            }
        }
    }

    // Borrower counts that halve.
    if let (Some(before), Some(now)) = (Field::SmeCustomers2023.get(bank), Field::SmeCustomers.get(bank)) {
        if before > Decimal::ZERO && now < before * (hundred - p.count_shrink_pct.value) / hundred {
            doubt(
                Field::SmeCustomers,
                format!(
                    "中小微企业贷款户数从 {} 户减至 {} 户，减少一半以上，请核对",
                    before.normalize(),
                    now.normalize()
                ),
            );
        }
    }

    // No figure of one bank can exceed the whole city's loans.
    if let Some(city) = city_loans(scheme) {
        for spec in FIELDS.iter().filter(|f| f.unit == crate::fields::Unit::Yi) {
            if let Some(value) = spec.field.get(bank) {
                if value > city {
                    doubt(
                        spec.field,
                        format!(
                            "{} {} 超过全市贷款余额合计 {}（附件1），请核对单位",
                            spec.label,
                            format_amount(value, "亿元"),
                            format_amount(city, "亿元")
                        ),
                    );
                }
            }
        }
    }
    crate::order::sort_by_key(&mut out, |d| d.field);
    out
}

/// One doubt about a setting or a typed-in city figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingDoubt {
    /// The setting the doubt is about (shown beside its box).
    pub setting: Setting,
    /// What looks wrong, in Chinese, with the figures.
    pub message: String,
}

/// The doubts about a scenario's number settings and typed-in city figures, in settings-table order:
/// a growth or a rate far outside what the annexes and the national figures make likely (thresholds
/// in `parameters.json`), a city's average new tech loans above the whole city's loan tasks.
pub fn setting_doubts(scheme: &Scheme, scenario: &Scenario) -> Vec<SettingDoubt> {
    let p = &scheme.rules.plausibility;
    let mut out = Vec::new();
    for setting in Setting::ALL {
        let SettingValue::Number(Some(value)) = setting.get(scenario) else { continue };
        let shown = setting.show(SettingValue::Number(Some(value)));
        let (low, high) = match setting {
            Setting::GreenTargetGrowth => (p.green_rate_low_pct.value, p.green_rate_high_pct.value),
            Setting::LoanGrowth | Setting::InclusiveGrowth | Setting::ManufacturingGrowth | Setting::PensionGrowth => {
                (p.city_growth_low_pct.value, p.city_growth_high_pct.value)
            }
            Setting::TechNewLoansAvg => {
                let tasks: Decimal = scheme.annexes.loans.iter().map(|r| r.task).sum();
                if value > tasks {
                    out.push(SettingDoubt {
                        setting,
                        message: format!(
                            "{} {} 超过附件1 全市各行新增贷款任务合计 {}，请核对单位（亿元）",
                            setting.label(),
                            format_amount(value, "亿元"),
                            format_amount(tasks, "亿元")
                        ),
                    });
                }
                continue;
            }
            Setting::BonusMode | Setting::CityAverage | Setting::DepositNormalization => continue,
        };
        if value < low || value > high {
            out.push(SettingDoubt {
                setting,
                message: format!(
                    "{} {shown} 不在 {}% 至 {}% 之间，请核对（如 9.5% 是否写成了 95）",
                    setting.label(),
                    low.normalize(),
                    high.normalize()
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(fields: &[(Field, &str)]) -> Vec<(Field, String)> {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut bank = BankInput::new("icbc");
        for (field, text) in fields {
            field.enter(&mut bank, text).expect("valid");
        }
        doubts(scheme, &bank).into_iter().map(|d| (d.field, d.message)).collect()
    }

    #[test]
    fn each_rule_at_its_edge() {
        // 工商银行: loans 2023 = 256.05; 30% below is 179.235; 3× is 768.15.
        assert!(check(&[(Field::Loans, "179.24")]).is_empty(), "just above the floor");
        assert_eq!(
            check(&[(Field::Loans, "131.5")]),
            [(Field::Loans, "贷款余额（2024年末） 131.50 亿元 比 2023 年末 256.05 亿元 下降 48.64%，降幅超过 30%，请核对是否填错（单位为亿元）".to_owned())]
        );
        assert!(check(&[(Field::Loans, "768.15")]).is_empty(), "exactly 3× is allowed");
        assert_eq!(check(&[(Field::Loans, "768.16")]).len(), 1);
        // A sub-line above the total (total on task: 256.05 + 38.41 = 294.46).
        assert!(check(&[(Field::SmeLoans, "294.46")]).is_empty(), "equal to the total is possible");
        let over = check(&[(Field::Loans, "200"), (Field::ManufacturingLoans, "200.01")]);
        assert!(
            over.iter().any(|(f, m)| *f == Field::ManufacturingLoans && m.contains("高于贷款余额 200.00 亿元")),
            "{over:?}"
        );
        // 普惠 above 中小微.
        let nest = check(&[(Field::SmeLoans, "120"), (Field::Inclusive2023, "50"), (Field::Inclusive, "120.01")]);
        assert!(nest.iter().any(|(f, _)| *f == Field::Inclusive), "{nest:?}");
        // Rates.
        assert_eq!(check(&[(Field::SmeRate, "-1")]).len(), 1);
        assert_eq!(check(&[(Field::SmeRate, "0")]).len(), 1);
        assert!(check(&[(Field::SmeRate, "20")]).is_empty());
        assert_eq!(check(&[(Field::SmeRateStart, "20.01")]).len(), 1);
        // Counts.
        assert!(check(&[(Field::SmeCustomers2023, "1000"), (Field::SmeCustomers, "500")]).is_empty());
        assert_eq!(check(&[(Field::SmeCustomers2023, "1000"), (Field::SmeCustomers, "499")]).len(), 1);
        // Above the whole city.
        let huge = check(&[(Field::PlatformBonds, "3000000")]);
        assert!(huge.iter().any(|(f, m)| *f == Field::PlatformBonds && m.contains("超过全市贷款余额合计")), "{huge:?}");
    }

    #[test]
    fn settings_and_city_figures_far_from_the_likely_are_doubted() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let check = |setting: Setting, text: &str| {
            let mut scenario = Scenario::new(2024);
            let value = setting.enter(text).expect("within bounds");
            setting.set(&mut scenario, value).expect("within bounds");
            setting_doubts(scheme, &scenario).into_iter().map(|d| (d.setting, d.message)).collect::<Vec<_>>()
        };
        assert!(check(Setting::LoanGrowth, "50").is_empty(), "at the edge");
        assert!(check(Setting::LoanGrowth, "-5").is_empty(), "at the edge");
        assert_eq!(
            check(Setting::LoanGrowth, "95"),
            [(
                Setting::LoanGrowth,
                "全市新增贷款平均增速 95% 不在 -5% 至 50% 之间，请核对（如 9.5% 是否写成了 95）".to_owned()
            )]
        );
        assert_eq!(check(Setting::PensionGrowth, "-5.01").len(), 1);
        assert!(check(Setting::GreenTargetGrowth, "15").is_empty());
        assert_eq!(check(Setting::GreenTargetGrowth, "4.99").len(), 1);
        assert_eq!(check(Setting::GreenTargetGrowth, "60.01").len(), 1);
        let tech = check(Setting::TechNewLoansAvg, "5000");
        assert!(tech.iter().any(|(_, m)| m.contains("超过附件1 全市各行新增贷款任务合计")), "{tech:?}");
        assert!(check(Setting::TechNewLoansAvg, "3").is_empty());
        assert!(setting_doubts(scheme, &Scenario::new(2024)).is_empty(), "nothing typed, nothing doubted");
    }
}
