//! The boxes of the page: each is a [`FieldId`], one figure of the scenario. What a box accepts, how
//! its text is read and what its label and unit are all come from the engine's tables (`Field` for a
//! bank's figures, `CityField` for the city figures, the settings table for settings); this module only
//! says which table a box belongs to.
//!
//! Invariant: a box's text enters the scenario only when the scenario can then be written and read
//! back unchanged (see [`FieldId::enter`]); otherwise the box is marked with the reader's own message
//! and the scenario keeps its last good value.

use kaoping_engine::{CityField, Field, Percent, Scenario, Scheme, Unit};
use rust_decimal::Decimal;

use crate::read::fits;

/// The green-task setting's label.
// FIXME(issue 14): the settings table moves into the engine (branch engine-doc); take it from there.
const GREEN_TARGET_LABEL: &str = "绿色贷款年末考核增速";

/// A box of the page: one figure of the scenario.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldId {
    /// A figure of one bank (by its id in the scheme).
    Bank(String, Field),
    /// A city-wide figure typed in place of the one worked out from the banks.
    City(CityField),
    /// 绿色贷款年末考核增速 (附件4 备注), the one setting typed as a figure.
    GreenTarget,
}

impl FieldId {
    /// The element id of the box, unique on the page: `f-icbc-loans`, `f-icbc-startup_guarantee-target`,
    /// `f-city-loan_growth_pct`, `f-settings-green_target_growth_pct`.
    pub fn element_id(&self) -> String {
        match self {
            FieldId::Bank(bank, field) => format!("f-{bank}-{}", field.key().replace('.', "-")),
            FieldId::City(field) => format!("f-city-{}", field.key()),
            FieldId::GreenTarget => "f-settings-green_target_growth_pct".to_owned(),
        }
    }

    /// The box's label in the scheme's words (without the bank).
    pub fn label(&self) -> &'static str {
        match self {
            FieldId::Bank(_, field) => field.label(),
            FieldId::City(field) => field.label(),
            FieldId::GreenTarget => GREEN_TARGET_LABEL,
        }
    }

    /// The unit the box's figure is in.
    pub fn unit(&self) -> Unit {
        match self {
            FieldId::Bank(_, field) => field.unit(),
            FieldId::City(field) => field.unit(),
            FieldId::GreenTarget => Unit::Percent,
        }
    }

    /// The bank the box belongs to, if it is a bank's.
    pub fn bank(&self) -> Option<&str> {
        match self {
            FieldId::Bank(bank, _) => Some(bank),
            _ => None,
        }
    }

    /// The figure the scenario holds for the box (`None` when it is empty).
    pub fn value(&self, scenario: &Scenario) -> Option<Decimal> {
        match self {
            FieldId::Bank(bank, field) => scenario.bank(bank).and_then(|b| field.get(b)),
            FieldId::City(field) => field.get(&scenario.city),
            FieldId::GreenTarget => scenario.settings.green_target_growth_pct.map(Percent::get),
        }
    }

    /// Whether the box exists in this scheme (a bank's box only for a bank of the scheme).
    pub fn exists(&self, scheme: &Scheme) -> bool {
        match self {
            FieldId::Bank(bank, field) => {
                scheme.bank_index(bank).is_some() && field.kind() != kaoping_engine::Kind::Flag
            }
            FieldId::City(_) | FieldId::GreenTarget => true,
        }
    }

    /// Reads the box's text into `scenario` through the engine's reader for the figure. On a refusal
    /// `scenario` is unchanged and the message (in Chinese, the reader's own words) says why.
    ///
    /// A value the engine's type takes but the scenario reader would refuse (the green rate at 0 or
    /// above 100, say) is refused here with the reader's message: the page never holds what it could
    /// not read back.
    pub fn enter(&self, scheme: &Scheme, scenario: &mut Scenario, text: &str) -> Result<(), String> {
        let mut edited = scenario.clone();
        match self {
            FieldId::Bank(bank, field) => {
                if scheme.bank_index(bank).is_none() {
                    return Err("没有这家银行".to_owned());
                }
                field.enter(edited.bank_mut(bank), text)?;
            }
            FieldId::City(field) => field.enter(&mut edited.city, text)?,
            FieldId::GreenTarget => {
                edited.settings.green_target_growth_pct = read_green_target(text)?;
            }
        }
        fits(&edited)?;
        *scenario = edited;
        Ok(())
    }
}

/// The green rate as typed: empty keeps the annex's tasks; otherwise a percentage.
fn read_green_target(text: &str) -> Result<Option<Percent>, String> {
    match kaoping_engine::normalize(text, Unit::Percent)? {
        kaoping_engine::TypedText::Empty => Ok(None),
        kaoping_engine::TypedText::Plain(plain) => Percent::parse(&plain).map(Some).map_err(|e| e.zh()),
    }
}
