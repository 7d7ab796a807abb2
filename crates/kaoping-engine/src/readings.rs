//! The readings of the text: the places where the scheme is silent or ambiguous, each a setting, worded
//! in Chinese with the year's rule numbers so that the page, the command line and the README say the
//! same thing. The page draws its settings from [`readings`] and its "non-default reading" badge from
//! [`Reading::is_default`]; it writes no rule number itself.

use rust_decimal::Decimal;

use crate::document::{CityOverrides, Scenario, Settings};
use crate::evaluation::{CityFigure, CityFigures};
use crate::fields::Unit;
use crate::format::format_fixed2;
use crate::items::Item;
use crate::scheme::Scheme;
use crate::settings::{Group, Setting, SettingKind, SettingValue};
use crate::values::ValueError;

/// One setting: what it decides, its choices, and which is in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The setting's key in the scenario file (`bonus_mode`).
    pub key: &'static str,
    /// The question it answers, in Chinese.
    pub title: String,
    /// Which clauses it affects and what each choice means, with the year's numbers.
    pub explanation: String,
    /// The choices: (file value, Chinese label), the default first.
    pub choices: Vec<(&'static str, String)>,
    /// The index of the choice in force.
    pub current: usize,
}

impl Reading {
    /// Whether the default choice is in force.
    pub fn is_default(&self) -> bool {
        self.current == 0
    }

    /// The label of the choice in force.
    pub fn current_label(&self) -> &str {
        self.choices.get(self.current).map_or("", |(_, label)| label.as_str())
    }
}

fn n(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A scenario holding these settings, for reading them through the settings table.
fn with_settings(settings: &Settings) -> Scenario {
    let mut scenario = Scenario::new(0);
    scenario.settings = *settings;
    scenario
}

/// The readings that are choices, from the settings table, in the order the page shows them.
pub fn readings(scheme: &Scheme, settings: &Settings) -> Vec<Reading> {
    let scenario = with_settings(settings);
    Setting::of(Group::Settings)
        .filter_map(|setting| {
            let SettingKind::Choice(choices) = setting.spec().kind else { return None };
            let current = setting.get(&scenario);
            Some(Reading {
                key: setting.key(),
                title: setting.label().to_owned(),
                explanation: setting.explanation(scheme),
                choices: choices.iter().map(|c| (c.value, c.label.to_owned())).collect(),
                current: choices.iter().position(|c| SettingValue::Choice(c.value) == current).unwrap_or(0),
            })
        })
        .collect()
}

impl Setting {
    /// What the setting decides and how, in Chinese with the year's rule numbers (the page shows it
    /// under the setting, the 设置 sheet in its 说明 column).
    pub fn explanation(self, scheme: &Scheme) -> String {
        let items = &scheme.rules.items;
        let weight = n(scheme.rules.outcomes.evaluation_weight.value);
        match self {
            Setting::BonusMode => format!(
                "影响二(一)至二(四)所有按档加减分的条款：超任务加分（如“每高于任务数{}亿元加{}分”）、增速每 {} 个百分点的加减分、利率每下降 {} 个百分点、核销每 {} 亿元、东楚融通每 {} 户、平台债每 {} 亿元等。默认按比例折算：不足一档按比例计分；选“只计完整的档”则不足一档不计分。",
                n(items.loan_increment.step.value),
                n(items.loan_increment.step_points.value),
                n(items.loan_growth.step.value),
                n(items.sme_rate.step.value),
                n(items.npl.step.value),
                n(items.dongchu_households.step.value),
                n(items.platform_bonds.step.value),
            ),
            Setting::CityAverage => "影响二(一)2 贷款增速、二(二)1(4) 普惠小微增速、二(二)2(2) 制造业增速和二(二)5 养老金融。默认按汇总口径：（参评且未被否决、数据齐全银行的 2024 年末余额合计 − 2023 年末余额合计）÷ 2023 年末余额合计；也可取各行增速的简单平均。填写了全市数字的，以所填数字为准。".to_owned(),
            Setting::DepositNormalization => format!(
                "影响四(四) 市级公共性资金存放的综合得分，其中考评结果占 {weight}%。默认按最高分折算：考评部分 = 本行总分 ÷ 最高总分 × {weight}（第一名得 {weight} 分）；也可直接取总分 × {weight}%。"
            ),
            Setting::GreenTargetGrowth => green_target_text(scheme),
            Setting::LoanGrowth => "用于二(一)2 贷款增速：各行增速与全市平均增速比较。".to_owned(),
            Setting::InclusiveGrowth => "用于二(二)1(4) 普惠小微贷款增速。".to_owned(),
            Setting::ManufacturingGrowth => "用于二(二)2(2) 制造业贷款增速。".to_owned(),
            Setting::PensionGrowth => {
                format!("用于二(二)5 养老金融：增速达到全市平均得 {} 分。", n(items.pension.full.value))
            }
            Setting::TechNewLoansAvg => {
                format!("用于二(二)4 科创金融：新增贷款达到全市平均得 {} 分。", n(items.tech.full.value))
            }
        }
    }
}

impl Setting {
    /// What an empty box shows for a number setting: `空白：按附件4（15%）`, `空白：计算得 12.34`,
    /// `空白：由各行数据计算`; empty for a choice.
    pub fn placeholder(self, scheme: &Scheme, city: &CityFigures) -> String {
        match (self, self.figure(city)) {
            (Setting::GreenTargetGrowth, _) => match green_annex_rate(scheme) {
                Some(rate) => format!("空白：按附件4（{}%）", n(rate)),
                None => "空白：按附件4".to_owned(),
            },
            (_, Some(figure)) => match figure.value.filter(|_| !figure.typed_in) {
                Some(value) => format!("空白：计算得 {}", format_fixed2(value)),
                None => "空白：由各行数据计算".to_owned(),
            },
            (_, None) => String::new(),
        }
    }

    /// What counts for a number setting now, for under its box (after a refused entry too):
    /// `仍按 15.00%计算`, `仍为空：使用附件4 公布的任务`, `仍为空：按推算的 12.34%计算`.
    pub fn counting(self, scenario: &Scenario, city: &CityFigures) -> String {
        let unit = self.unit().map_or("", Unit::symbol);
        let spaced = |v: Decimal| match self.unit() {
            Some(Unit::Percent) | None => format!("{}{unit}", format_fixed2(v)),
            Some(_) => format!("{} {unit}", format_fixed2(v)),
        };
        match (self.get(scenario), self.figure(city).and_then(|f| f.value)) {
            (SettingValue::Number(Some(v)), _) => format!("仍按 {}计算", spaced(v)),
            (SettingValue::Number(None), Some(worked_out)) => format!("仍为空：按推算的 {}计算", spaced(worked_out)),
            (SettingValue::Number(None), None) => format!("仍为空：{}", self.spec().when_empty),
            (value @ SettingValue::Choice(_), _) => self.show(value),
        }
    }
}

impl Settings {
    /// The settings with one reading's choice made, by the reading's key and the choice's file value
    /// as [`readings`] lists them (`"bonus_mode"`, `"whole_units"`); `None` for a key or value it does
    /// not know.
    pub fn with_choice(self, key: &str, value: &str) -> Option<Settings> {
        let setting = Setting::of(Group::Settings).find(|s| s.key() == key)?;
        let choice = setting.choices().iter().find(|c| c.value == value)?;
        let mut scenario = with_settings(&self);
        setting.set(&mut scenario, SettingValue::Choice(choice.value)).ok()?;
        Some(scenario.settings)
    }
}

/// The green-task setting (附件4 备注) in words: what the annex says and what a rate does.
pub fn green_target_text(scheme: &Scheme) -> String {
    let table = scheme.annexes.table("green");
    let note = table.map_or("", |t| t.note.as_str());
    format!(
        "影响二(二)3(1) 绿色贷款增量。附件4 备注：{note}。默认（空白）使用附件4 公布的任务；填写增速后，各行任务 = 2023 年末余额 × 该增速。"
    )
}

/// The green-task rate the annex used, for the setting's placeholder (`15`).
pub fn green_annex_rate(scheme: &Scheme) -> Option<Decimal> {
    scheme.annexes.table("green").and_then(|t| t.rate_pct("task"))
}

/// The settings in force that differ from the default, as `label：value` (`绿色贷款年末考核增速：15%`),
/// for a badge beside the results.
pub fn non_default(_scheme: &Scheme, settings: &Settings) -> Vec<String> {
    let scenario = with_settings(settings);
    Setting::of(Group::Settings)
        .filter(|s| !s.is_default(&scenario))
        .map(|s| format!("{}：{}", s.label(), s.show(s.get(&scenario))))
        .collect()
}

/// A city-wide figure the user may type in place of the one worked out from the 16 banks: the city
/// rows of the settings table, kept under this name for the page until it speaks of [`Setting`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CityField {
    /// 全市新增贷款平均增速, percent.
    LoanGrowth,
    /// 全市普惠小微贷款平均增速, percent.
    InclusiveGrowth,
    /// 制造业贷款平均增速, percent.
    ManufacturingGrowth,
    /// 养老产业贷款余额全市平均增速, percent.
    PensionGrowth,
    /// 全市新增科技型企业贷款平均余额, 亿元.
    TechNewLoansAvg,
}

impl CityField {
    /// Every city figure, in the scheme's order.
    pub const ALL: [CityField; 5] = [
        CityField::LoanGrowth,
        CityField::InclusiveGrowth,
        CityField::ManufacturingGrowth,
        CityField::PensionGrowth,
        CityField::TechNewLoansAvg,
    ];

    /// The figure's row of the settings table.
    pub fn setting(self) -> Setting {
        match self {
            CityField::LoanGrowth => Setting::LoanGrowth,
            CityField::InclusiveGrowth => Setting::InclusiveGrowth,
            CityField::ManufacturingGrowth => Setting::ManufacturingGrowth,
            CityField::PensionGrowth => Setting::PensionGrowth,
            CityField::TechNewLoansAvg => Setting::TechNewLoansAvg,
        }
    }

    /// The key in the scenario file's `city` object.
    pub fn key(self) -> &'static str {
        self.setting().key()
    }

    /// The label, in the scheme's words.
    pub fn label(self) -> &'static str {
        self.setting().label()
    }

    /// The unit: `%` or `亿元`.
    pub fn unit(self) -> Unit {
        self.setting().unit().unwrap_or(Unit::Percent)
    }

    /// Which clause the figure feeds and how, with the year's numbers.
    pub fn usage(self, scheme: &Scheme) -> String {
        self.setting().explanation(scheme)
    }

    /// The item scored against the figure.
    pub fn item(self) -> Item {
        self.setting().spec().item.unwrap_or(Item::LoanGrowth)
    }

    /// The figure the engine used.
    pub fn figure(self, city: &CityFigures) -> CityFigure {
        self.setting().figure(city).unwrap_or_default()
    }

    /// The typed-in figure, if any.
    pub fn get(self, city: &CityOverrides) -> Option<Decimal> {
        let mut scenario = Scenario::new(0);
        scenario.city = *city;
        match self.setting().get(&scenario) {
            SettingValue::Number(value) => value,
            SettingValue::Choice(_) => None,
        }
    }

    /// Types in (or, with `None`, clears) the figure, within its bounds; a refused value changes nothing.
    pub fn set(self, city: &mut CityOverrides, value: Option<Decimal>) -> Result<(), ValueError> {
        let mut scenario = Scenario::new(0);
        scenario.city = *city;
        self.setting().set(&mut scenario, SettingValue::Number(value))?;
        *city = scenario.city;
        Ok(())
    }

    /// Reads what a user typed for this city figure ([`Setting::enter`]) and stores it in `city`;
    /// empty text clears it. On a refusal `city` is unchanged and the Chinese reason is returned.
    pub fn enter(self, city: &mut CityOverrides, text: &str) -> Result<(), String> {
        match self.setting().enter(text)? {
            SettingValue::Number(value) => self.set(city, value).map_err(|e| e.zh()),
            SettingValue::Choice(_) => Ok(()),
        }
    }
}

/// Where a city figure came from, in words, for beside the figure: typed in, or worked out from how
/// many banks — and then that the official figure covers all institutions, with the annex's own
/// numbers (附件1's city total includes lending outside the 16 banks).
pub fn city_figure_source(scheme: &Scheme, figure: &CityFigure) -> String {
    if figure.typed_in {
        return "已填入全市数字".to_owned();
    }
    let mut text = match figure.value {
        Some(_) => format!("由 {} 家银行的数据推算", figure.banks),
        None => "尚无银行填写，无法推算".to_owned(),
    };
    if let Some((stated, sum)) = scheme.city_loans_2023() {
        text.push_str(&format!(
            "；人行公布的全市数字涵盖全部机构（附件1 全市合计 {}，其中 {}不属参评的 {} 家），可在“规则与设置”中填入",
            crate::format::format_amount(stated, "亿元"),
            crate::format::format_amount(stated - sum, "亿元"),
            scheme.banks.len()
        ));
    }
    if figure.value.is_some() && figure.banks * 2 < scheme.banks.len() {
        text.push_str("；参与推算的银行不足半数，结果不可靠，请填入官方数字");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_of_a_computed_average_names_the_banks_outside() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let figure = CityFigure { value: Some(Decimal::TEN), typed_in: false, banks: 16 };
        assert_eq!(
            city_figure_source(scheme, &figure),
            "由 16 家银行的数据推算；人行公布的全市数字涵盖全部机构（附件1 全市合计 2,347.13 亿元，其中 33.19 亿元不属参评的 16 家），可在“规则与设置”中填入"
        );
        let few = CityFigure { value: Some(Decimal::TEN), typed_in: false, banks: 1 };
        assert!(city_figure_source(scheme, &few).ends_with("参与推算的银行不足半数，结果不可靠，请填入官方数字"));
        let typed = CityFigure { value: Some(Decimal::TEN), typed_in: true, banks: 0 };
        assert_eq!(city_figure_source(scheme, &typed), "已填入全市数字");
    }

    #[test]
    fn a_number_settings_box_says_what_counts() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut scenario = Scenario::new(2024);
        let city = CityFigures {
            loan_growth_pct: CityFigure { value: Some(Decimal::new(1234, 2)), typed_in: false, banks: 16 },
            ..CityFigures::default()
        };
        assert_eq!(Setting::GreenTargetGrowth.placeholder(scheme, &city), "空白：按附件4（15%）");
        assert_eq!(Setting::GreenTargetGrowth.counting(&scenario, &city), "仍为空：使用附件4 公布的任务");
        assert_eq!(Setting::LoanGrowth.placeholder(scheme, &city), "空白：计算得 12.34");
        assert_eq!(Setting::LoanGrowth.counting(&scenario, &city), "仍为空：按推算的 12.34%计算");
        assert_eq!(Setting::TechNewLoansAvg.placeholder(scheme, &city), "空白：由各行数据计算");
        assert_eq!(Setting::TechNewLoansAvg.counting(&scenario, &city), "仍为空：由参评银行的数据推算");
        let _ = Setting::TechNewLoansAvg.set(&mut scenario, SettingValue::Number(Some(Decimal::new(25, 1))));
        assert_eq!(Setting::TechNewLoansAvg.counting(&scenario, &city), "仍按 2.50 亿元计算");
    }

    #[test]
    fn every_choice_listed_can_be_made() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        for (i, reading) in readings(scheme, &Settings::default()).iter().enumerate() {
            for (index, (value, label)) in reading.choices.iter().enumerate() {
                let settings = Settings::default().with_choice(reading.key, value);
                let settings = settings.unwrap_or_else(|| panic!("{} = {value} is not known", reading.key));
                assert_eq!(readings(scheme, &settings)[i].current, index, "{} = {value} ({label})", reading.key);
            }
        }
        assert_eq!(Settings::default().with_choice("bonus_mode", "half"), None);
    }

    #[test]
    fn readings_carry_the_years_numbers_and_name_what_is_not_default() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut settings = Settings::default();
        assert!(non_default(scheme, &settings).is_empty());
        assert!(readings(scheme, &settings)[2].explanation.contains("第一名得 70 分"));
        settings.bonus_mode = crate::document::BonusMode::WholeUnits;
        assert_eq!(non_default(scheme, &settings), ["“每……加（减）……分”按比例还是按整档：只计完整的档"]);
    }
}
