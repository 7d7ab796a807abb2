//! The settings of a scenario and the city figures a user may type in, each declared once.
//!
//! Every setting is one row of [`SETTINGS`], as every bank figure is one row of the field table: its
//! key in the `kaoping-scenario/1` file, its Chinese label, its kind (one of a few choices, or a
//! number with its unit and hard bounds), its default, the clause it concerns and a note on why it is
//! a setting and why its bounds are what they are. The file reader and writer, the 设置 sheet, the
//! comparison of two scenarios, the messages that name a setting and the page's boxes all walk this
//! table; [`Setting::enter`] reads what a user typed with the same bounds and the same words as the
//! file reader.
//!
//! Adding a setting is one row here (and its member in `document.rs`) plus the rule that uses it.

use rust_decimal::Decimal;

use crate::document::{BonusMode, CityAverage, DepositNormalization, Scenario};
use crate::evaluation::{CityFigure, CityFigures};
use crate::fields::{Kind, Unit};
use crate::input::{normalize, Reading};
use crate::items::Item;
use crate::values::{parse_exact, Amount, Choice, Percent, Range, ValueError};

/// Where a setting is kept in the file: the object it is a member of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// `settings`: the readings of the text in force.
    Settings,
    /// `city`: city figures typed in place of those worked out from the banks.
    City,
}

impl Group {
    /// The object's key in the file.
    pub fn key(self) -> &'static str {
        match self {
            Group::Settings => "settings",
            Group::City => "city",
        }
    }
}

/// What a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    /// One of these choices, the default first.
    Choice(&'static [Choice]),
    /// A number, or nothing (then [`SettingSpec::when_empty`] says what counts).
    Number {
        /// The value type that bounds it and how many decimals it has.
        kind: Kind,
        /// The unit it is written in.
        unit: Unit,
        /// Its hard bounds: a number outside them is refused wherever it is read.
        range: Range,
    },
}

/// A setting's value: a choice (its file value) or a number (`None`: not typed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingValue {
    /// The file value of the choice (`pro_rata`).
    Choice(&'static str),
    /// The number, or `None` when nothing is typed in.
    Number(Option<Decimal>),
}

/// One row of the settings table.
#[derive(Clone, Copy)]
pub struct SettingSpec {
    /// The setting.
    pub setting: Setting,
    /// The object it is kept in.
    pub group: Group,
    /// Its key in that object (`bonus_mode`); [`Setting::path`] gives `settings.bonus_mode`.
    pub key: &'static str,
    /// Its label: the question a reading answers, or the city figure's name in the scheme's words.
    pub label: &'static str,
    /// Choices, or a number with its unit and bounds.
    pub kind: SettingKind,
    /// The value of a new scenario: the first choice, or no number.
    pub default: SettingValue,
    /// What counts while a number is not typed in (empty for choices).
    pub when_empty: &'static str,
    /// The clauses it concerns.
    pub clause: &'static str,
    /// Why it is a setting and, for a number, why its bounds are what they are.
    pub note: &'static str,
    /// The item a city figure is scored against (`None` for a reading).
    pub item: Option<Item>,
    get: fn(&Scenario) -> SettingValue,
    set: fn(&mut Scenario, SettingValue) -> Result<(), ValueError>,
}

impl std::fmt::Debug for SettingSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingSpec").field("key", &self.key).finish_non_exhaustive()
    }
}

/// A setting of a scenario or a city figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Setting {
    /// 计分口径：“每……加（减）……分”按比例还是按整档.
    BonusMode,
    /// 计分口径：“全市平均增速”的算法.
    CityAverage,
    /// 计分口径：公共性资金存放中“考评结果”部分的折算.
    DepositNormalization,
    /// 绿色贷款年末考核增速 (附件4 备注).
    GreenTargetGrowth,
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

/// A city average growth: no lower than −100% (a balance cannot fall below zero), at most 1000%.
const CITY_GROWTH: Range =
    Range::closed(Decimal::from_parts(100, 0, 0, true, 0), Decimal::from_parts(1000, 0, 0, false, 0));

/// Why a city growth is bounded where it is, for its row's note.
const CITY_GROWTH_NOTE: &str = "填写人民银行等公布的全市数字，以代替由参评银行数据推算的平均增速。增速不可能低于 −100%（余额不能为负）；全市平均增速超过 1000%（一年增长到 11 倍以上）在任何口径下都不会出现，多半是把 9.5% 写成了 950 之类的笔误，故以 −100% 至 1000% 为硬性界限";

/// The choice a value names, for a row's `set`.
fn pick<T>(
    value: SettingValue,
    from_value: fn(&str) -> Option<T>,
    choices: &'static [Choice],
) -> Result<T, ValueError> {
    match value {
        SettingValue::Choice(v) => from_value(v).ok_or(ValueError::NotAChoice { choices }),
        SettingValue::Number(_) => Err(ValueError::NotAChoice { choices }),
    }
}

/// The number a value holds, through its value type, for a row's `set`.
fn number<T>(value: SettingValue, new: fn(Decimal) -> Result<T, ValueError>) -> Result<Option<T>, ValueError> {
    match value {
        SettingValue::Number(v) => v.map(new).transpose(),
        SettingValue::Choice(_) => Err(ValueError::NotANumber),
    }
}

/// The settings table: one row per setting, in [`Setting::ALL`] order (the order of the file, the 设置
/// sheet and the page).
pub static SETTINGS: [SettingSpec; 9] = [
    SettingSpec {
        setting: Setting::BonusMode,
        group: Group::Settings,
        key: "bonus_mode",
        label: "“每……加（减）……分”按比例还是按整档",
        kind: SettingKind::Choice(BonusMode::CHOICES),
        default: SettingValue::Choice("pro_rata"),
        when_empty: "",
        clause: "二(一)至二(四)",
        note: "原文只写“每高于任务数1亿元加1分”之类，未说不足一档的部分如何计分：按比例折算是多数读者的理解，也可只计完整的档",
        item: None,
        get: |s| SettingValue::Choice(s.settings.bonus_mode.value()),
        set: |s, v| {
            s.settings.bonus_mode = pick(v, BonusMode::from_value, BonusMode::CHOICES)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::CityAverage,
        group: Group::Settings,
        key: "city_average",
        label: "“全市平均增速”的算法",
        kind: SettingKind::Choice(CityAverage::CHOICES),
        default: SettingValue::Choice("aggregate"),
        when_empty: "",
        clause: "二(一)2、二(二)1(4)、二(二)2(2)、二(二)5",
        note: "原文未说全市平均增速如何计算：默认按参评银行余额合计的增长，也可取各行增速的简单平均；填写了全市数字的，以所填数字为准",
        item: None,
        get: |s| SettingValue::Choice(s.settings.city_average.value()),
        set: |s, v| {
            s.settings.city_average = pick(v, CityAverage::from_value, CityAverage::CHOICES)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::DepositNormalization,
        group: Group::Settings,
        key: "deposit_normalization",
        label: "公共性资金存放中“考评结果”部分的折算",
        kind: SettingKind::Choice(DepositNormalization::CHOICES),
        default: SettingValue::Choice("top_scorer"),
        when_empty: "",
        clause: "四(四)",
        note: "原文未说考评结果如何折算为综合得分中的权重分：默认按最高分折算（第一名得满权重），也可直接按总分乘以权重",
        item: None,
        get: |s| SettingValue::Choice(s.settings.deposit_normalization.value()),
        set: |s, v| {
            s.settings.deposit_normalization =
                pick(v, DepositNormalization::from_value, DepositNormalization::CHOICES)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::GreenTargetGrowth,
        group: Group::Settings,
        key: "green_target_growth_pct",
        label: "绿色贷款年末考核增速",
        kind: SettingKind::Number {
            kind: Kind::Percent,
            unit: Unit::Percent,
            range: Range::above(Decimal::ZERO, Decimal::ONE_HUNDRED),
        },
        default: SettingValue::Number(None),
        when_empty: "使用附件4 公布的任务",
        clause: "附件4 备注",
        note: "附件4 的任务“暂按”一个增速分解，年末按不低于全国或全省平均增速考评：填写该增速后，各行任务 = 2023 年末余额 × 增速。增速须大于 0（为 0 则任务为 0，任何余额都算完成），不超过 100%",
        item: Some(Item::GreenIncrement),
        get: |s| SettingValue::Number(s.settings.green_target_growth_pct.map(Percent::get)),
        set: |s, v| {
            s.settings.green_target_growth_pct = number(v, Percent::new)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::LoanGrowth,
        group: Group::City,
        key: "loan_growth_pct",
        label: "全市新增贷款平均增速",
        kind: SettingKind::Number { kind: Kind::Percent, unit: Unit::Percent, range: CITY_GROWTH },
        default: SettingValue::Number(None),
        when_empty: "由参评银行的数据推算",
        clause: "二(一)2",
        note: CITY_GROWTH_NOTE,
        item: Some(Item::LoanGrowth),
        get: |s| SettingValue::Number(s.city.loan_growth_pct.map(Percent::get)),
        set: |s, v| {
            s.city.loan_growth_pct = number(v, Percent::new)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::InclusiveGrowth,
        group: Group::City,
        key: "inclusive_growth_pct",
        label: "全市普惠小微贷款平均增速",
        kind: SettingKind::Number { kind: Kind::Percent, unit: Unit::Percent, range: CITY_GROWTH },
        default: SettingValue::Number(None),
        when_empty: "由参评银行的数据推算",
        clause: "二(二)1(4)",
        note: CITY_GROWTH_NOTE,
        item: Some(Item::InclusiveGrowth),
        get: |s| SettingValue::Number(s.city.inclusive_growth_pct.map(Percent::get)),
        set: |s, v| {
            s.city.inclusive_growth_pct = number(v, Percent::new)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::ManufacturingGrowth,
        group: Group::City,
        key: "manufacturing_growth_pct",
        label: "制造业贷款平均增速",
        kind: SettingKind::Number { kind: Kind::Percent, unit: Unit::Percent, range: CITY_GROWTH },
        default: SettingValue::Number(None),
        when_empty: "由参评银行的数据推算",
        clause: "二(二)2(2)",
        note: CITY_GROWTH_NOTE,
        item: Some(Item::ManufacturingGrowth),
        get: |s| SettingValue::Number(s.city.manufacturing_growth_pct.map(Percent::get)),
        set: |s, v| {
            s.city.manufacturing_growth_pct = number(v, Percent::new)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::PensionGrowth,
        group: Group::City,
        key: "pension_growth_pct",
        label: "养老产业贷款余额全市平均增速",
        kind: SettingKind::Number { kind: Kind::Percent, unit: Unit::Percent, range: CITY_GROWTH },
        default: SettingValue::Number(None),
        when_empty: "由参评银行的数据推算",
        clause: "二(二)5",
        note: CITY_GROWTH_NOTE,
        item: Some(Item::Pension),
        get: |s| SettingValue::Number(s.city.pension_growth_pct.map(Percent::get)),
        set: |s, v| {
            s.city.pension_growth_pct = number(v, Percent::new)?;
            Ok(())
        },
    },
    SettingSpec {
        setting: Setting::TechNewLoansAvg,
        group: Group::City,
        key: "tech_new_loans_avg",
        label: "全市新增科技型企业贷款平均余额",
        kind: SettingKind::Number {
            kind: Kind::Amount,
            unit: Unit::Yi,
            range: Range::closed(Decimal::ZERO, Decimal::from_parts(10_000, 0, 0, false, 0)),
        },
        default: SettingValue::Number(None),
        when_empty: "由参评银行的数据推算",
        clause: "二(二)4",
        note: "填写全市数字，以代替由参评银行数据推算的平均。不能为负；黄石全市各项贷款余额 2023 年末约 2,347 亿元（附件1），一家银行一年新增的科技型企业贷款平均不可能达到 1 万亿元，更大的数多半是把元或万元当成了亿元，故以 0 至 10,000 亿元为硬性界限",
        item: Some(Item::Tech),
        get: |s| SettingValue::Number(s.city.tech_new_loans_avg.map(Amount::get)),
        set: |s, v| {
            s.city.tech_new_loans_avg = number(v, Amount::new)?;
            Ok(())
        },
    },
];

impl Setting {
    /// Every setting, in table order.
    pub const ALL: [Setting; 9] = [
        Setting::BonusMode,
        Setting::CityAverage,
        Setting::DepositNormalization,
        Setting::GreenTargetGrowth,
        Setting::LoanGrowth,
        Setting::InclusiveGrowth,
        Setting::ManufacturingGrowth,
        Setting::PensionGrowth,
        Setting::TechNewLoansAvg,
    ];

    /// The settings kept in one object of the file, in table order.
    pub fn of(group: Group) -> impl Iterator<Item = Setting> {
        Setting::ALL.into_iter().filter(move |s| s.spec().group == group)
    }

    /// The setting's row of the table.
    pub fn spec(self) -> &'static SettingSpec {
        &SETTINGS[self as usize]
    }

    /// Its key in its object (`green_target_growth_pct`).
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// Where it is in the file (`settings.green_target_growth_pct`, `city.loan_growth_pct`).
    pub fn path(self) -> String {
        format!("{}.{}", self.spec().group.key(), self.spec().key)
    }

    /// The setting at a place in the file (`settings.bonus_mode`).
    pub fn from_path(path: &str) -> Option<Setting> {
        let (group, key) = path.split_once('.')?;
        Setting::ALL.into_iter().find(|s| s.spec().group.key() == group && s.spec().key == key)
    }

    /// Its Chinese label.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The unit of a number (`None` for a choice).
    pub fn unit(self) -> Option<Unit> {
        match self.spec().kind {
            SettingKind::Number { unit, .. } => Some(unit),
            SettingKind::Choice(_) => None,
        }
    }

    /// The choices of a choice setting (empty for a number).
    pub fn choices(self) -> &'static [Choice] {
        match self.spec().kind {
            SettingKind::Choice(choices) => choices,
            SettingKind::Number { .. } => &[],
        }
    }

    /// Its value in a scenario.
    pub fn get(self, scenario: &Scenario) -> SettingValue {
        (self.spec().get)(scenario)
    }

    /// Whether the scenario has the default.
    pub fn is_default(self, scenario: &Scenario) -> bool {
        self.get(scenario) == self.spec().default
    }

    /// Sets the value in a scenario, checked against the setting's choices or bounds; a refused value
    /// leaves the scenario as it was.
    pub fn set(self, scenario: &mut Scenario, value: SettingValue) -> Result<(), ValueError> {
        let value = self.check(value)?;
        (self.spec().set)(scenario, value)
    }

    /// The value if the setting can hold it.
    fn check(self, value: SettingValue) -> Result<SettingValue, ValueError> {
        match (self.spec().kind, value) {
            (SettingKind::Choice(choices), SettingValue::Choice(v)) => choices
                .iter()
                .find(|c| c.value == v)
                .map(|c| SettingValue::Choice(c.value))
                .ok_or(ValueError::NotAChoice { choices }),
            (SettingKind::Choice(choices), SettingValue::Number(_)) => Err(ValueError::NotAChoice { choices }),
            (SettingKind::Number { kind, range, .. }, SettingValue::Number(Some(v))) => {
                let v = range.check(v)?;
                kind.parse(&v.to_string()).map(|v| SettingValue::Number(Some(v)))
            }
            (SettingKind::Number { .. }, SettingValue::Number(None)) => Ok(value),
            (SettingKind::Number { .. }, SettingValue::Choice(_)) => Err(ValueError::NotANumber),
        }
    }

    /// Reads the value from the text a file holds, exactly: a choice's file value, or a plain
    /// decimal number (empty text is no number). The file reader, the 设置 sheet and the page give the
    /// same refusal for the same value.
    pub fn parse(self, text: &str) -> Result<SettingValue, ValueError> {
        let text = text.trim();
        match self.spec().kind {
            SettingKind::Choice(choices) => choices
                .iter()
                .find(|c| c.value == text)
                .map(|c| SettingValue::Choice(c.value))
                .ok_or(ValueError::NotAChoice { choices }),
            SettingKind::Number { .. } if text.is_empty() => Ok(SettingValue::Number(None)),
            SettingKind::Number { .. } => self.check(SettingValue::Number(Some(parse_exact(text)?))),
        }
    }

    /// Reads what a user typed (a box on the page, a cell of the 设置 sheet), forgivingly: a choice by
    /// its file value or its label; a number as `Field::read` reads a bank figure (`１５`, `15%`,
    /// `1,234.5亿`). An empty box is no number. `Err` is the reason in Chinese — for a value the file
    /// reader refuses too, exactly the words of its message ([`ValueError::zh`]).
    pub fn enter(self, text: &str) -> Result<SettingValue, String> {
        match self.spec().kind {
            SettingKind::Choice(choices) => {
                let text = text.trim();
                choices
                    .iter()
                    .find(|c| c.value == text || c.label == text)
                    .map(|c| SettingValue::Choice(c.value))
                    .ok_or_else(|| ValueError::NotAChoice { choices }.zh())
            }
            SettingKind::Number { unit, .. } => match normalize(text, unit)? {
                Reading::Empty => Ok(SettingValue::Number(None)),
                Reading::Plain(plain) => self.parse(&plain).map_err(|e| e.zh()),
            },
        }
    }

    /// A value in words: a choice's label, a number with its unit (`12%`, `3 亿元`), `（未填写）`.
    pub fn show(self, value: SettingValue) -> String {
        match value {
            SettingValue::Choice(v) => self.choices().iter().find(|c| c.value == v).map_or(v, |c| c.label).to_owned(),
            SettingValue::Number(None) => "（未填写）".to_owned(),
            SettingValue::Number(Some(v)) => match self.unit() {
                Some(Unit::Percent) | None => format!("{}%", v.normalize()),
                Some(unit) => format!("{} {}", v.normalize(), unit.symbol()),
            },
        }
    }

    /// The city figure the engine used for a city setting (`None` for a reading).
    pub fn figure(self, city: &CityFigures) -> Option<CityFigure> {
        match self {
            Setting::LoanGrowth => Some(city.loan_growth_pct),
            Setting::InclusiveGrowth => Some(city.inclusive_growth_pct),
            Setting::ManufacturingGrowth => Some(city.manufacturing_growth_pct),
            Setting::PensionGrowth => Some(city.pension_growth_pct),
            Setting::TechNewLoansAvg => Some(city.tech_new_loans_avg),
            Setting::BonusMode | Setting::CityAverage | Setting::DepositNormalization | Setting::GreenTargetGrowth => {
                None
            }
        }
    }

    /// What counts instead of a value that is dropped: the default choice's label, or what counts
    /// while no number is typed in.
    pub fn fallback(self) -> String {
        match self.spec().default {
            SettingValue::Number(None) => self.spec().when_empty.to_owned(),
            default => self.show(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enum_indexes_the_table_and_paths_are_unique() {
        for (i, spec) in SETTINGS.iter().enumerate() {
            assert_eq!(spec.setting as usize, i, "{}", spec.key);
            assert_eq!(Setting::from_path(&spec.setting.path()), Some(spec.setting));
            assert_eq!(SETTINGS.iter().filter(|s| s.label == spec.label).count(), 1, "label {}", spec.label);
            assert!(!spec.note.ends_with('。'), "{}: the page adds its own punctuation", spec.key);
        }
    }

    #[test]
    fn a_new_scenario_has_every_default_and_the_default_choice_comes_first() {
        let scenario = Scenario::new(2024);
        for setting in Setting::ALL {
            assert!(setting.is_default(&scenario), "{setting:?}");
            if let SettingKind::Choice(choices) = setting.spec().kind {
                assert_eq!(setting.spec().default, SettingValue::Choice(choices[0].value), "{setting:?}");
            }
        }
    }

    #[test]
    fn every_row_sets_and_gets_its_own_member() {
        // A row whose get or set points at another row's member is found: each row is set to a
        // value other than its default, and every other row must still read its default.
        for setting in Setting::ALL {
            let mut scenario = Scenario::new(2024);
            let value = match setting.spec().kind {
                SettingKind::Choice(choices) => SettingValue::Choice(choices[1].value),
                SettingKind::Number { .. } => SettingValue::Number(Some(Decimal::new(125, 1))),
            };
            assert_eq!(setting.set(&mut scenario, value), Ok(()), "{setting:?}");
            assert_eq!(setting.get(&scenario), value, "{setting:?}");
            for other in Setting::ALL.into_iter().filter(|o| *o != setting) {
                assert!(other.is_default(&scenario), "setting {setting:?} changed {other:?}");
            }
        }
    }

    #[test]
    fn bounds_are_checked_however_the_value_comes() {
        let cases: &[(Setting, &str, &str)] = &[
            (Setting::GreenTargetGrowth, "0", "须大于 0、不超过 100"),
            (Setting::GreenTargetGrowth, "150", "须大于 0、不超过 100"),
            (Setting::GreenTargetGrowth, "-5", "须大于 0、不超过 100"),
            (Setting::LoanGrowth, "9999", "超出允许范围（-100 至 1000）"),
            (Setting::LoanGrowth, "-150", "超出允许范围（-100 至 1000）"),
            (Setting::LoanGrowth, "1.123456789", "小数位数过多（最多 8 位）"),
            (Setting::TechNewLoansAvg, "-1", "超出允许范围（0 至 10000）"),
            (Setting::BonusMode, "rounded", "不是可选值（可选：pro_rata、whole_units）"),
        ];
        for &(setting, text, message) in cases {
            assert_eq!(setting.parse(text).map_err(|e| e.zh()), Err(message.to_owned()), "{setting:?} {text}");
            assert_eq!(setting.enter(text), Err(message.to_owned()), "{setting:?} {text}: the page's words");
            let mut scenario = Scenario::new(2024);
            if let Ok(SettingValue::Number(Some(v))) = parse_exact(text).map(|v| SettingValue::Number(Some(v))) {
                assert!(setting.set(&mut scenario, SettingValue::Number(Some(v))).is_err(), "{setting:?} {text}");
                assert!(setting.is_default(&scenario), "{setting:?} {text}: a refusal changes nothing");
            }
        }
        assert_eq!(Setting::LoanGrowth.parse("-100"), Ok(SettingValue::Number(Some(Decimal::from(-100)))));
        assert_eq!(Setting::LoanGrowth.parse("1000"), Ok(SettingValue::Number(Some(Decimal::from(1000)))));
        assert_eq!(Setting::GreenTargetGrowth.parse("100"), Ok(SettingValue::Number(Some(Decimal::ONE_HUNDRED))));
    }

    #[test]
    fn what_people_type_is_read_forgivingly() {
        let fifteen = SettingValue::Number(Some(Decimal::from(15)));
        assert_eq!(Setting::GreenTargetGrowth.enter("１５％"), Ok(fifteen));
        assert_eq!(Setting::GreenTargetGrowth.enter("  "), Ok(SettingValue::Number(None)));
        assert_eq!(Setting::TechNewLoansAvg.enter("1,234.5亿"), Ok(SettingValue::Number(Some(Decimal::new(12345, 1)))));
        assert_eq!(Setting::BonusMode.enter("只计完整的档"), Ok(SettingValue::Choice("whole_units")));
        assert_eq!(Setting::BonusMode.enter("whole_units"), Ok(SettingValue::Choice("whole_units")));
        assert!(Setting::GreenTargetGrowth.enter("abc").is_err());
    }
}
