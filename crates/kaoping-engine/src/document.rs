//! The scenario as data: what a user projects for year end — the banks' figures, the readings of the
//! text in force and the city figures typed in. How it is written to and read from a file is
//! `scenario.rs`; which settings there are, with their labels and bounds, is the settings table
//! (`settings.rs`). This module only holds the values, so that both can stand on it.

use crate::fields::{BankInput, ByFund, Field};
use crate::keyed::ByKey;
use crate::provenance::{Source, Verification};
use crate::values::{Amount, Choice, Percent};

/// The file format's name.
pub const FORMAT: &str = "kaoping-scenario/1";

/// A setting that is one of a few named choices: an enum whose variants are declared with their file
/// value and Chinese label, the default first.
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = ($value:literal, $label:literal),)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            #[default]
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every choice, the default first: the file value and the Chinese label.
            pub const CHOICES: &'static [Choice] = &[$(Choice { value: $value, label: $label }),+];

            const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value in the file (`pro_rata`).
            pub fn value(self) -> &'static str {
                Self::CHOICES[self as usize].value
            }

            /// The choice with this file value.
            pub fn from_value(value: &str) -> Option<$name> {
                Self::CHOICES.iter().position(|c| c.value == value).and_then(|i| Self::ALL.get(i).copied())
            }
        }
    };
}

choices! {
    /// How "per N" rules count a part of a step (二 throughout: "每高于任务数1亿元加1分", …).
    BonusMode {
        /// A part of a step earns its part of the points: 0.5亿 above earns 0.5.
        ProRata = ("pro_rata", "按比例折算"),
        /// Only complete steps count.
        WholeUnits = ("whole_units", "只计完整的档"),
    }
}

choices! {
    /// How "全市平均增速" is worked out when no city figure is typed in.
    CityAverage {
        /// (Σ 2024 − Σ 2023) / Σ 2023 over the scored banks that have the data.
        Aggregate = ("aggregate", "汇总计算"),
        /// The simple mean of each bank's growth.
        Mean = ("mean", "各行增速简单平均"),
    }
}

choices! {
    /// How the evaluation part of the public-fund composite (四(四)) is scaled.
    DepositNormalization {
        /// total / highest total × the weight: the top bank gets the whole weight.
        TopScorer = ("top_scorer", "按最高分折算（第一名得满分）"),
        /// total × the weight.
        Raw = ("raw", "按总分直接折算"),
    }
}

/// The interpretation settings: each is a reading of a place where the text is silent. Each is a
/// row of the settings table, which says its key, label, choices or bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Settings {
    /// "per N" rules: pro rata or whole steps.
    pub bonus_mode: BonusMode,
    /// City average growth: aggregate or mean.
    pub city_average: CityAverage,
    /// The 70% part: against the top scorer or raw.
    pub deposit_normalization: DepositNormalization,
    /// 附件4 备注: the green task's growth rate at year end; `None` keeps the annex tasks (15%).
    pub green_target_growth_pct: Option<Percent>,
}

/// City figures typed in by the user, in place of those the engine works out from the 16 banks.
/// Each is a row of the settings table, which says its key, label and bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CityOverrides {
    /// 全市新增贷款平均增速, percent.
    pub loan_growth_pct: Option<Percent>,
    /// 全市普惠小微贷款平均增速, percent.
    pub inclusive_growth_pct: Option<Percent>,
    /// 制造业贷款平均增速, percent.
    pub manufacturing_growth_pct: Option<Percent>,
    /// 养老产业贷款余额全市平均增速, percent.
    pub pension_growth_pct: Option<Percent>,
    /// 全市新增科技型企业贷款平均, 亿元.
    pub tech_new_loans_avg: Option<Amount>,
}

/// The public funds to place (四(四)): the amounts typed in, by fund id. The funds themselves, with
/// their departments, are the scheme's `outcomes.funds`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Deposits {
    /// Each fund's amount, 亿元, by fund id; a fund without one is shared out in percent only.
    pub funds: ByFund<Amount>,
}

impl Deposits {
    /// Whether no amount is typed in.
    pub fn is_empty(&self) -> bool {
        self.funds.is_empty()
    }
}

/// A scenario: settings, city figures and the banks' figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scenario {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// The year of the scheme it was made under.
    pub year: u16,
    /// The scheme it was made under, as the file remembers it (files written before schemes were files
    /// do not); see [`crate::Scheme::mark`] and `Scenario::scheme_mismatch`.
    pub scheme: Option<SchemeMark>,
    /// The scenario's name, so that a file carries it (`一季度预测`); optional.
    pub name: Option<String>,
    /// A note about the scenario (what it assumes, who made it); optional.
    pub note: Option<String>,
    /// Interpretation settings.
    pub settings: Settings,
    /// Typed-in city figures.
    pub city: CityOverrides,
    /// The banks entered, at most once each; the order does not matter.
    pub banks: Vec<BankInput>,
    /// The public funds' amounts (四(四)).
    pub deposits: Deposits,
    /// Where each bank's declared figures came from (申报), by bank id; optional.
    pub sources: ByKey<String, Source>,
    /// The figures the bureau verified (核实), by bank id and figure: what was declared and why it
    /// changed. The bank's figure in `banks` is the verified one, which scores.
    pub verified: ByKey<String, ByKey<Field, Verification>>,
    /// The bureau has marked the verification done (核实完成): the result is no longer a projection.
    pub verification_complete: bool,
}

/// The scheme a scenario was made under, as its file remembers it beside its `year`: the scheme's
/// fingerprint and 文号 (`"scheme": {"fingerprint": "1a2b3c4d", "number": "黄政办发〔2024〕10号"}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchemeMark {
    /// The first 8 hex digits of the SHA-256 of the scheme file's canonical form.
    pub fingerprint: String,
    /// The scheme's 文号; empty for a draft.
    pub number: String,
}

impl Scenario {
    /// The empty scenario of a year: every bank on task, default settings.
    pub fn new(year: u16) -> Self {
        Scenario {
            format: FORMAT,
            year,
            scheme: None,
            name: None,
            note: None,
            settings: Settings::default(),
            city: CityOverrides::default(),
            banks: Vec::new(),
            deposits: Deposits::default(),
            sources: ByKey::new(),
            verified: ByKey::new(),
            verification_complete: false,
        }
    }

    /// The entry of a bank, if it is listed.
    pub fn bank(&self, id: &str) -> Option<&BankInput> {
        self.banks.iter().find(|b| b.id == id)
    }

    /// The entry of a bank, listing it (with nothing entered) if it is not yet.
    pub fn bank_mut(&mut self, id: &str) -> &mut BankInput {
        let at = match self.banks.iter().position(|b| b.id == id) {
            Some(at) => at,
            None => {
                self.banks.push(BankInput::new(id));
                self.banks.len() - 1
            }
        };
        &mut self.banks[at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_reads_back_from_its_value_and_the_first_is_the_default() {
        for mode in [BonusMode::ProRata, BonusMode::WholeUnits] {
            assert_eq!(BonusMode::from_value(mode.value()), Some(mode));
        }
        assert_eq!(BonusMode::default().value(), BonusMode::CHOICES[0].value);
        assert_eq!(CityAverage::from_value("median"), None);
        assert_eq!(DepositNormalization::from_value("raw"), Some(DepositNormalization::Raw));
    }
}
