//! The rule numbers of a year's scheme: the `parameters` of a `kaoping-scheme/1` file (the built-in
//! 2024 scheme's are `data/2024/parameters.json`). `scheme_file.rs` reads and checks them.
//!
//! Full marks, steps, caps, bars, grades, bands and weights all live in that one file, each with the
//! clause it comes from, so that a new year's scheme is a new data file rather than new code. The code
//! knows the *shape* of each rule (a task with a bonus, a growth against the city average, …); the file
//! knows its numbers.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use crate::items::{Band, Item};

/// One rule number with its unit and the clause it comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// The number.
    #[serde(deserialize_with = "decimal_from_string")]
    pub value: Decimal,
    /// Its unit (分, 亿元, 百分点, 户, …).
    pub unit: String,
    /// The clause and words it comes from.
    pub reference: String,
}

/// Full marks and capped steps: a task with a bonus above it and pro rata below it (贷款增量, 东楚融通, …),
/// or a growth rate against the city average, with steps up and down (贷款增速, …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleRule {
    /// Clause label, e.g. `二(一)1`.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// Points for reaching the task or the average.
    pub full: Param,
    /// Size of one step (亿元 above a task, percentage points from an average, …).
    pub step: Param,
    /// Points added, or deducted below an average, per step.
    pub step_points: Param,
    /// Most bonus points.
    pub bonus_cap: Param,
}

/// A task with a bonus above it and pro rata below it.
pub type TaskRule = ScaleRule;

/// A growth rate against the city average.
pub type AverageRule = ScaleRule;

/// A growth rate against a fixed bar (扩面: 12%).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BarRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// Points for reaching the bar.
    pub full: Param,
    /// The bar, in percent.
    pub bar: Param,
    /// Size of one bonus step, in percentage points.
    pub step: Param,
    /// Points per step.
    pub step_points: Param,
    /// Most bonus points.
    pub bonus_cap: Param,
}

/// Points per step of some quantity, capped (降成本, 碳金融产品, 认购债券).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// Size of one step.
    pub step: Param,
    /// Points per step.
    pub step_points: Param,
    /// Most points.
    pub cap: Param,
}

/// 科创金融, 二(二)4.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// Points for reaching the city average.
    pub full: Param,
    /// Points per first-of-its-kind product.
    pub product_points: Param,
    /// Most points for the item.
    pub item_cap: Param,
}

/// 养老金融, 二(二)5.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PensionRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// Points for reaching the city average growth.
    pub full: Param,
    /// How many of the fastest-growing banks earn the extra point.
    pub top_n: Param,
    /// The extra points for them.
    pub top_points: Param,
    /// Points per first product or model.
    pub product_points: Param,
    /// Most points for the item.
    pub item_cap: Param,
}

/// One grade of 二(四)1.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// The grade's name (好, 较好, …).
    pub name: String,
    /// Lowest score of the grade.
    #[serde(deserialize_with = "decimal_from_string")]
    pub min: Decimal,
    /// Highest score of the grade.
    #[serde(deserialize_with = "decimal_from_string")]
    pub max: Decimal,
    /// The clause's words.
    pub reference: String,
}

/// 金融政策争取、落实, 二(四)1.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// The grades, best first.
    pub grades: Vec<Grade>,
}

/// 不良贷款核销, 二(四)2.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NplRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// How much of a write-off counts as disposal.
    pub written_off_weight: Param,
    /// How much of a packaged sale or other disposal counts.
    pub other_weight: Param,
    /// Disposal per step.
    pub step: Param,
    /// Points per step.
    pub step_points: Param,
    /// Most points.
    pub cap: Param,
}

/// 创业担保贷款和新型政银担, 二(四)4.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuaranteeRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// Points per programme for reaching its target.
    pub full: Param,
    /// Size of one bonus step above the target.
    pub step: Param,
    /// Points per step.
    pub step_points: Param,
    /// Points per programme newly joined this year.
    pub new_partner_points: Param,
    /// Most points for the two together.
    pub cap: Param,
}

/// All items' rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Items {
    pub loan_increment: TaskRule,
    pub loan_growth: AverageRule,
    pub sme_increment: TaskRule,
    pub sme_customers: BarRule,
    pub sme_rate: StepRule,
    pub inclusive_growth: AverageRule,
    pub manufacturing_increment: TaskRule,
    pub manufacturing_growth: AverageRule,
    pub green_increment: TaskRule,
    pub carbon_products: StepRule,
    pub tech: TechRule,
    pub pension: PensionRule,
    pub dongchu_amount: TaskRule,
    pub dongchu_households: TaskRule,
    pub policy: PolicyRule,
    pub npl: NplRule,
    pub platform_bonds: StepRule,
    pub guarantee: GuaranteeRule,
}

/// A band of ranks (四(一)–(三)).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandRule {
    /// The band.
    pub band: Band,
    /// First rank of the band.
    pub from_rank: u32,
    /// Last rank of the band; `None` for every rank below.
    pub to_rank: Option<u32>,
    /// The clause's words.
    pub reference: String,
}

/// 四、考评结果运用.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcomes {
    /// Clause label.
    pub clause: String,
    /// The bands, best first.
    pub bands: Vec<BandRule>,
    /// How many of the last ranked banks are interviewed.
    pub interview_last: Param,
    /// Weight of the evaluation in the public-fund composite, in percent.
    pub evaluation_weight: Param,
    /// Weight of the depositing department's own score, in percent.
    pub department_weight: Param,
    /// The public funds of 四(四), each placed by its own depositing department's composite.
    #[serde(deserialize_with = "funds_from_value")]
    pub funds: Vec<Fund>,
}

impl Outcomes {
    /// The index of a fund in [`Outcomes::funds`] by its id (`fiscal`).
    pub fn fund_index(&self, id: &str) -> Option<usize> {
        self.funds.iter().position(|f| f.id == id)
    }
}

/// One kind of 市级公共性资金 (四(四)) and the department that places it (its 存放主体部门), whose own
/// indicators (个性指标) make the 30% part of that fund's composite.
#[derive(Debug, Clone)]
pub struct Fund {
    /// Stable id used by scenario files, goals and spreadsheet columns (`fiscal`).
    pub id: String,
    /// The fund as the scheme names it (`财政专户资金`).
    pub name: String,
    /// A short name for table columns (`财政专户`).
    pub short: String,
    /// The depositing department (`市财政局`).
    pub department: String,
    /// The clause and words it comes from.
    pub reference: String,
}

/// A year's rule numbers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// `kaoping-parameters/1`.
    pub format: String,
    /// The scheme's year.
    pub year: u16,
    /// The document.
    pub source: String,
    /// A note for whoever edits the file.
    pub note: String,
    /// The items of 二、考评内容.
    pub items: Items,
    /// 四、考评结果运用.
    pub outcomes: Outcomes,
    /// Thresholds for warning that a typed figure looks wrong (not rules of the scheme).
    pub plausibility: Plausibility,
}

/// When a typed figure looks wrong: warnings, never refusals.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plausibility {
    /// Where the thresholds come from.
    pub note: String,
    /// A year-end balance this many percent below its 2023 balance.
    pub balance_drop_pct: Param,
    /// A year-end balance more than this many times its 2023 balance.
    pub balance_rise_times: Param,
    /// An interest rate above this, in percent (at or below zero is always doubtful).
    pub rate_max_pct: Param,
    /// A count that shrank by more than this many percent since 2023.
    pub count_shrink_pct: Param,
    /// A typed-in city growth below this, in percent.
    pub city_growth_low_pct: Param,
    /// A typed-in city growth above this, in percent.
    pub city_growth_high_pct: Param,
    /// A green task growth rate below this, in percent.
    pub green_rate_low_pct: Param,
    /// A green task growth rate above this, in percent.
    pub green_rate_high_pct: Param,
}

impl Parameters {
    /// The clause label of an item, e.g. `二(一)1`.
    pub fn clause(&self, item: Item) -> &str {
        let items = &self.items;
        match item {
            Item::LoanIncrement => &items.loan_increment.clause,
            Item::LoanGrowth => &items.loan_growth.clause,
            Item::SmeIncrement => &items.sme_increment.clause,
            Item::SmeCustomers => &items.sme_customers.clause,
            Item::SmeRate => &items.sme_rate.clause,
            Item::InclusiveGrowth => &items.inclusive_growth.clause,
            Item::ManufacturingIncrement => &items.manufacturing_increment.clause,
            Item::ManufacturingGrowth => &items.manufacturing_growth.clause,
            Item::GreenIncrement => &items.green_increment.clause,
            Item::CarbonProducts => &items.carbon_products.clause,
            Item::Tech => &items.tech.clause,
            Item::Pension => &items.pension.clause,
            Item::DongchuAmount => &items.dongchu_amount.clause,
            Item::DongchuHouseholds => &items.dongchu_households.clause,
            Item::Policy => &items.policy.clause,
            Item::Npl => &items.npl.clause,
            Item::PlatformBonds => &items.platform_bonds.clause,
            Item::Guarantee => &items.guarantee.clause,
        }
    }
}

/// Reads `outcomes.funds`: a list of `{id, name, short, department, reference}`. Read through
/// `serde_json::Value`, whose reader the engine has anyway, rather than a derived reader of its own,
/// which keeps the page's module smaller; a scheme file's check refuses a fund with a field empty.
fn funds_from_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Fund>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let text = |fund: &serde_json::Value, key: &str| fund.get(key).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    let funds = value.as_array().map(Vec::as_slice).unwrap_or_default();
    Ok(funds
        .iter()
        .map(|fund| Fund {
            id: text(fund, "id"),
            name: text(fund, "name"),
            short: text(fund, "short"),
            department: text(fund, "department"),
            reference: text(fund, "reference"),
        })
        .collect())
}

/// Reads a decimal written as a string, as data files write them.
pub(crate) fn decimal_from_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(deserializer)?;
    crate::values::parse_exact(&text).map_err(|e| serde::de::Error::custom(format!("\"{text}\" {e}")))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// The built-in scheme as a scheme file, changed by `edit`, read back: the funds are checked there.
    fn read_with(edit: impl FnOnce(&mut Value)) -> Result<(), String> {
        let scheme = crate::Scheme::builtin(2024).expect("the built-in scheme");
        let mut file: Value = serde_json::from_str(&scheme.to_json()).expect("JSON");
        edit(&mut file["parameters"]["outcomes"]["funds"]);
        crate::Scheme::from_json(&file.to_string()).map(|_| ()).map_err(|e| e.to_string())
    }

    /// A change of the funds' list and words its refusal names.
    type Case = (fn(&mut Value), &'static str);

    #[test]
    fn the_funds_are_checked_in_a_scheme_file() {
        let scheme = crate::Scheme::builtin(2024).expect("the built-in scheme");
        let ids: Vec<&str> = scheme.rules.outcomes.funds.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["fiscal", "maintenance", "provident", "other"]);
        assert_eq!(scheme.rules.outcomes.funds[2].department, "市住房公积金管理中心");
        assert_eq!(read_with(|_| {}), Ok(()));
        let cases: [Case; 4] = [
            (|f| f[0]["short"] = Value::from(""), "funds[0].short"),
            (|f| f[1]["id"] = Value::from("fiscal"), "listed twice"),
            (|f| f[3]["id"] = Value::from("Other funds"), "not a fund id"),
            (|f| *f = Value::Array(Vec::new()), "parameters.outcomes.funds"),
        ];
        for (edit, message) in cases {
            let error = read_with(edit);
            assert!(error.as_ref().is_err_and(|e| e.contains(message)), "{message}: {error:?}");
        }
    }
}
