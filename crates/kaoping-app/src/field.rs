//! The boxes of the page: each is a [`FieldId`], one figure of the scenario. What a box accepts, how its
//! text is read and what its label and unit are all come from the engine's tables (`Field` for a bank's
//! figures, `Setting` for the settings and city figures typed as numbers); this module only says which
//! table a box belongs to. The public funds of 四(四) add two kinds: a department's score of a bank for
//! one fund (the engine's per-fund table, `FundFigure`) and a fund's amount (`Deposits`).
//!
//! Invariant: a box's text enters the scenario only through the engine's own reader for the figure
//! (`Field::enter`, `Setting::enter`), which refuses what the scenario reader would refuse, with the same
//! words; a refused text never changes the scenario. The property test in `tests/properties.rs` checks
//! that what the boxes let in reads back.

use kaoping_engine::{Field, FundFigure, Scenario, Scheme, Setting, SettingKind, SettingValue, Unit};
use rust_decimal::Decimal;

/// A box of the page: one figure of the scenario.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldId {
    /// A figure of one bank (by its id in the scheme).
    Bank(String, Field),
    /// A setting typed as a number: a city figure, or the green task rate.
    Setting(Setting),
    /// A per-fund figure of one bank (四(四)): bank id, the figure, fund id.
    Fund(String, FundFigure, String),
    /// The amount of one public fund to place, 亿元 (fund id).
    FundAmount(String),
}

/// The label of a fund's amount box.
const FUND_AMOUNT_LABEL: &str = "存放金额";

/// Why a verified figure's box refuses another value: it changes only through 核实, which records why.
pub const VERIFIED: &str = "已核实的数字，请在“核实与通报”中重新核实或撤销核实";

impl FieldId {
    /// The element id of the box, unique on the page: `f-icbc-loans`, `f-icbc-startup_guarantee-target`,
    /// `f-city-loan_growth_pct`, `f-settings-green_target_growth_pct`.
    pub fn element_id(&self) -> String {
        match self {
            FieldId::Bank(bank, field) => format!("f-{bank}-{}", field.key().replace('.', "-")),
            FieldId::Setting(setting) => format!("f-{}", setting.path().replace('.', "-")),
            FieldId::Fund(bank, figure, fund) => format!("f-{bank}-{}", figure.fund_key(fund).replace('.', "-")),
            FieldId::FundAmount(fund) => format!("f-deposits-{fund}"),
        }
    }

    /// The box's label in the scheme's words (without the bank).
    pub fn label(&self) -> &'static str {
        match self {
            FieldId::Bank(_, field) => field.label(),
            FieldId::Setting(setting) => setting.label(),
            FieldId::Fund(_, figure, _) => figure.every().label(),
            FieldId::FundAmount(_) => FUND_AMOUNT_LABEL,
        }
    }

    /// The unit the box's figure is in.
    pub fn unit(&self) -> Unit {
        match self {
            FieldId::Bank(_, field) => field.unit(),
            FieldId::Setting(setting) => setting.unit().unwrap_or(Unit::Percent),
            FieldId::Fund(_, figure, _) => figure.every().unit(),
            FieldId::FundAmount(_) => Unit::Yi,
        }
    }

    /// The bank the box belongs to, if it is a bank's.
    pub fn bank(&self) -> Option<&str> {
        match self {
            FieldId::Bank(bank, _) | FieldId::Fund(bank, _, _) => Some(bank),
            FieldId::Setting(_) | FieldId::FundAmount(_) => None,
        }
    }

    /// The figure the scenario holds for the box (`None` when it is empty).
    pub fn value(&self, scenario: &Scenario) -> Option<Decimal> {
        match self {
            FieldId::Bank(bank, field) => scenario.bank(bank).and_then(|b| field.get(b)),
            FieldId::Setting(setting) => match setting.get(scenario) {
                SettingValue::Number(value) => value,
                SettingValue::Choice(_) => None,
            },
            FieldId::Fund(bank, figure, fund) => scenario.bank(bank).and_then(|b| figure.get(b, fund)),
            FieldId::FundAmount(fund) => scenario.deposits.funds.get(fund).map(|a| a.get()),
        }
    }

    /// Whether the box exists in this scheme: a bank's figure (not a flag, which is a checkbox) of a bank
    /// of the scheme, or a setting held as a number.
    pub fn exists(&self, scheme: &Scheme) -> bool {
        match self {
            FieldId::Bank(bank, field) => {
                scheme.bank_index(bank).is_some() && field.kind() != kaoping_engine::Kind::Flag
            }
            FieldId::Setting(setting) => matches!(setting.spec().kind, SettingKind::Number { .. }),
            FieldId::Fund(bank, _, fund) => {
                scheme.bank_index(bank).is_some() && scheme.rules.outcomes.fund_index(fund).is_some()
            }
            FieldId::FundAmount(fund) => scheme.rules.outcomes.fund_index(fund).is_some(),
        }
    }

    /// Reads the box's text into `scenario` through the engine's reader for the figure. On a refusal
    /// `scenario` is unchanged and the message (in Chinese, the reader's own words) says why.
    pub fn enter(&self, scheme: &Scheme, scenario: &mut Scenario, text: &str) -> Result<(), String> {
        match self {
            FieldId::Bank(bank, field) => {
                if scheme.bank_index(bank).is_none() {
                    return Err("没有这家银行".to_owned());
                }
                let mut bank_input =
                    scenario.bank(bank).cloned().unwrap_or_else(|| kaoping_engine::BankInput::new(bank));
                field.enter(&mut bank_input, text)?;
                if scenario.needs_verifying(bank, *field, field.get(&bank_input)) {
                    return Err(VERIFIED.to_owned());
                }
                *scenario.bank_mut(bank) = bank_input;
                Ok(())
            }
            FieldId::Setting(setting) => {
                let value = setting.enter(text)?;
                setting.set(scenario, value).map_err(|e| e.zh())
            }
            FieldId::Fund(bank, figure, fund) => {
                if scheme.bank_index(bank).is_none() || scheme.rules.outcomes.fund_index(fund).is_none() {
                    return Err("没有这家银行或这项资金".to_owned());
                }
                let mut bank_input =
                    scenario.bank(bank).cloned().unwrap_or_else(|| kaoping_engine::BankInput::new(bank));
                figure.enter(&mut bank_input, fund, text)?;
                *scenario.bank_mut(bank) = bank_input;
                Ok(())
            }
            FieldId::FundAmount(fund) => {
                if scheme.rules.outcomes.fund_index(fund).is_none() {
                    return Err("没有这项资金".to_owned());
                }
                scenario.deposits.enter(fund, text)
            }
        }
    }
}
