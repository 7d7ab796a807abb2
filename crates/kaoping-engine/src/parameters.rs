//! The rule numbers of a year's scheme: the `parameters` of a `kaoping-scheme/1` file (the built-in
//! 2024 scheme's are `data/2024/parameters.json`). `scheme_file.rs` reads and checks them.
//!
//! Full marks, steps, caps, bars, grades, bands and weights all live in that one file, each with the
//! clause it comes from, so that a new year's scheme is a new data file rather than new code. The code
//! knows the *shape* of each rule (a task with a bonus, a growth against the city average, …); the file
//! knows its numbers.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::items::{Band, Item};
use crate::scheme_problem::SchemeProblem;

/// One rule number with its unit and the clause it comes from.
#[derive(Debug, Clone)]
pub struct Param {
    /// The number.
    pub value: Decimal,
    /// Its unit (分, 亿元, 百分点, 户, …).
    pub unit: String,
    /// The clause and words it comes from.
    pub reference: String,
}

/// Full marks and capped steps: a task with a bonus above it and pro rata below it (贷款增量, 东楚融通, …),
/// or a growth rate against the city average, with steps up and down (贷款增速, …).
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
pub struct Grade {
    /// The grade's name (好, 较好, …).
    pub name: String,
    /// Lowest score of the grade.
    pub min: Decimal,
    /// Highest score of the grade.
    pub max: Decimal,
    /// The clause's words.
    pub reference: String,
}

/// 金融政策争取、落实, 二(四)1.
#[derive(Debug, Clone)]
pub struct PolicyRule {
    /// Clause label.
    pub clause: String,
    /// The item's name in the scheme.
    pub title: String,
    /// The grades, best first.
    pub grades: Vec<Grade>,
}

/// 不良贷款核销, 二(四)2.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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

/// A fault met reading parameters: the place below `parameters` (`items.tech.full.value`) and what is
/// wrong there. A scheme file's checks refuse every fault before this reader runs; it names one anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError {
    /// The place, below `parameters`.
    pub path: String,
    /// What is wrong there.
    pub problem: SchemeProblem,
}

impl ReadError {
    fn new(problem: SchemeProblem) -> ReadError {
        ReadError { path: String::new(), problem }
    }

    fn expected(what: &str) -> ReadError {
        ReadError::new(SchemeProblem::WrongType { expected: what.to_owned() })
    }

    /// The same fault seen from the object or list holding it: `step` is `key.step`, `[2]` `key[2]`.
    fn within(mut self, key: &str) -> ReadError {
        self.path = match self.path.as_str() {
            "" => key.to_owned(),
            path if path.starts_with('[') => format!("{key}{path}"),
            path => format!("{key}.{path}"),
        };
        self
    }
}

type Read<T> = Result<T, ReadError>;

/// An object being read: its members are taken one by one and, at the end, any member not taken is
/// refused as unknown, as the derived readers did (`deny_unknown_fields`).
struct Object<'a> {
    map: &'a Map<String, Value>,
    taken: Vec<&'static str>,
}

fn object(value: &Value) -> Read<Object<'_>> {
    let map = value.as_object().ok_or_else(|| ReadError::expected("an object"))?;
    Ok(Object { map, taken: Vec::new() })
}

impl Object<'_> {
    /// A member that must be there.
    fn required<T>(&mut self, key: &'static str, read: fn(&Value) -> Read<T>) -> Read<T> {
        self.taken.push(key);
        let value = self.map.get(key).ok_or_else(|| ReadError::new(SchemeProblem::Missing).within(key))?;
        read(value).map_err(|e| e.within(key))
    }

    /// A member that may be left out or `null`.
    fn optional<T>(&mut self, key: &'static str, read: fn(&Value) -> Read<T>) -> Read<Option<T>> {
        self.taken.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value).map(Some).map_err(|e| e.within(key)),
        }
    }

    /// `read`, once every member is taken; a member left is unknown.
    fn end<T>(self, read: T) -> Read<T> {
        match self.map.keys().find(|key| !self.taken.contains(&key.as_str())) {
            Some(key) => {
                let expected = self.taken.iter().map(|k| (*k).to_owned()).collect();
                Err(ReadError::new(SchemeProblem::UnknownKey { expected }).within(key))
            }
            None => Ok(read),
        }
    }
}

fn text(value: &Value) -> Read<String> {
    value.as_str().map(str::to_owned).ok_or_else(|| ReadError::expected("text"))
}

/// A decimal written as text, as data files write them, read exactly.
fn decimal(value: &Value) -> Read<Decimal> {
    let text = value.as_str().ok_or_else(|| ReadError::expected("a decimal written as text"))?;
    crate::values::parse_exact(text)
        .map_err(|problem| ReadError::new(SchemeProblem::Number { text: text.to_owned(), problem }))
}

fn whole<T: TryFrom<u64>>(value: &Value) -> Read<T> {
    value.as_u64().and_then(|n| T::try_from(n).ok()).ok_or_else(|| ReadError::expected("a whole number"))
}

fn list<T>(value: &Value, read: fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    let values = value.as_array().ok_or_else(|| ReadError::expected("a list"))?;
    values.iter().enumerate().map(|(i, v)| read(v).map_err(|e| e.within(&format!("[{i}]")))).collect()
}

fn band(value: &Value) -> Read<Band> {
    let found = value.as_str().ok_or_else(|| ReadError::expected("a band"))?;
    Band::ALL.into_iter().find(|band| band.key() == found).ok_or_else(|| {
        let expected = Band::ALL.iter().map(|band| band.key().to_owned()).collect();
        ReadError::new(SchemeProblem::UnknownChoice { found: found.to_owned(), expected })
    })
}

fn param(value: &Value) -> Read<Param> {
    let mut o = object(value)?;
    let read = Param {
        value: o.required("value", decimal)?,
        unit: o.required("unit", text)?,
        reference: o.required("reference", text)?,
    };
    o.end(read)
}

fn scale_rule(value: &Value) -> Read<ScaleRule> {
    let mut o = object(value)?;
    let read = ScaleRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        full: o.required("full", param)?,
        step: o.required("step", param)?,
        step_points: o.required("step_points", param)?,
        bonus_cap: o.required("bonus_cap", param)?,
    };
    o.end(read)
}

fn bar_rule(value: &Value) -> Read<BarRule> {
    let mut o = object(value)?;
    let read = BarRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        full: o.required("full", param)?,
        bar: o.required("bar", param)?,
        step: o.required("step", param)?,
        step_points: o.required("step_points", param)?,
        bonus_cap: o.required("bonus_cap", param)?,
    };
    o.end(read)
}

fn step_rule(value: &Value) -> Read<StepRule> {
    let mut o = object(value)?;
    let read = StepRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        step: o.required("step", param)?,
        step_points: o.required("step_points", param)?,
        cap: o.required("cap", param)?,
    };
    o.end(read)
}

fn tech_rule(value: &Value) -> Read<TechRule> {
    let mut o = object(value)?;
    let read = TechRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        full: o.required("full", param)?,
        product_points: o.required("product_points", param)?,
        item_cap: o.required("item_cap", param)?,
    };
    o.end(read)
}

fn pension_rule(value: &Value) -> Read<PensionRule> {
    let mut o = object(value)?;
    let read = PensionRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        full: o.required("full", param)?,
        top_n: o.required("top_n", param)?,
        top_points: o.required("top_points", param)?,
        product_points: o.required("product_points", param)?,
        item_cap: o.required("item_cap", param)?,
    };
    o.end(read)
}

fn grade(value: &Value) -> Read<Grade> {
    let mut o = object(value)?;
    let read = Grade {
        name: o.required("name", text)?,
        min: o.required("min", decimal)?,
        max: o.required("max", decimal)?,
        reference: o.required("reference", text)?,
    };
    o.end(read)
}

fn policy_rule(value: &Value) -> Read<PolicyRule> {
    let mut o = object(value)?;
    let read = PolicyRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        grades: o.required("grades", |v| list(v, grade))?,
    };
    o.end(read)
}

fn npl_rule(value: &Value) -> Read<NplRule> {
    let mut o = object(value)?;
    let read = NplRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        written_off_weight: o.required("written_off_weight", param)?,
        other_weight: o.required("other_weight", param)?,
        step: o.required("step", param)?,
        step_points: o.required("step_points", param)?,
        cap: o.required("cap", param)?,
    };
    o.end(read)
}

fn guarantee_rule(value: &Value) -> Read<GuaranteeRule> {
    let mut o = object(value)?;
    let read = GuaranteeRule {
        clause: o.required("clause", text)?,
        title: o.required("title", text)?,
        full: o.required("full", param)?,
        step: o.required("step", param)?,
        step_points: o.required("step_points", param)?,
        new_partner_points: o.required("new_partner_points", param)?,
        cap: o.required("cap", param)?,
    };
    o.end(read)
}

fn items(value: &Value) -> Read<Items> {
    let mut o = object(value)?;
    let read = Items {
        loan_increment: o.required("loan_increment", scale_rule)?,
        loan_growth: o.required("loan_growth", scale_rule)?,
        sme_increment: o.required("sme_increment", scale_rule)?,
        sme_customers: o.required("sme_customers", bar_rule)?,
        sme_rate: o.required("sme_rate", step_rule)?,
        inclusive_growth: o.required("inclusive_growth", scale_rule)?,
        manufacturing_increment: o.required("manufacturing_increment", scale_rule)?,
        manufacturing_growth: o.required("manufacturing_growth", scale_rule)?,
        green_increment: o.required("green_increment", scale_rule)?,
        carbon_products: o.required("carbon_products", step_rule)?,
        tech: o.required("tech", tech_rule)?,
        pension: o.required("pension", pension_rule)?,
        dongchu_amount: o.required("dongchu_amount", scale_rule)?,
        dongchu_households: o.required("dongchu_households", scale_rule)?,
        policy: o.required("policy", policy_rule)?,
        npl: o.required("npl", npl_rule)?,
        platform_bonds: o.required("platform_bonds", step_rule)?,
        guarantee: o.required("guarantee", guarantee_rule)?,
    };
    o.end(read)
}

fn band_rule(value: &Value) -> Read<BandRule> {
    let mut o = object(value)?;
    let read = BandRule {
        band: o.required("band", band)?,
        from_rank: o.required("from_rank", whole)?,
        to_rank: o.optional("to_rank", whole)?,
        reference: o.required("reference", text)?,
    };
    o.end(read)
}

/// Reads `outcomes.funds`: a list of `{id, name, short, department, reference}`, leniently (a field
/// missing is empty, anything else no fund): a scheme file's check refuses a fund with a field empty.
fn funds(value: &Value) -> Read<Vec<Fund>> {
    let text = |fund: &Value, key: &str| fund.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
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

fn outcomes(value: &Value) -> Read<Outcomes> {
    let mut o = object(value)?;
    let read = Outcomes {
        clause: o.required("clause", text)?,
        bands: o.required("bands", |v| list(v, band_rule))?,
        interview_last: o.required("interview_last", param)?,
        evaluation_weight: o.required("evaluation_weight", param)?,
        department_weight: o.required("department_weight", param)?,
        funds: o.required("funds", funds)?,
    };
    o.end(read)
}

fn plausibility(value: &Value) -> Read<Plausibility> {
    let mut o = object(value)?;
    let read = Plausibility {
        note: o.required("note", text)?,
        balance_drop_pct: o.required("balance_drop_pct", param)?,
        balance_rise_times: o.required("balance_rise_times", param)?,
        rate_max_pct: o.required("rate_max_pct", param)?,
        count_shrink_pct: o.required("count_shrink_pct", param)?,
        city_growth_low_pct: o.required("city_growth_low_pct", param)?,
        city_growth_high_pct: o.required("city_growth_high_pct", param)?,
        green_rate_low_pct: o.required("green_rate_low_pct", param)?,
        green_rate_high_pct: o.required("green_rate_high_pct", param)?,
    };
    o.end(read)
}

impl Parameters {
    /// Reads the `parameters` of a scheme file: every member the engine has, none it lacks, decimals
    /// exactly from their text. Written by hand over `serde_json::Value`, whose reader the engine has
    /// anyway, rather than derived: the derived readers were about 45 KB of the page's module.
    pub(crate) fn from_value(value: &Value) -> Result<Parameters, ReadError> {
        let mut o = object(value)?;
        let read = Parameters {
            format: o.required("format", text)?,
            year: o.required("year", whole)?,
            source: o.required("source", text)?,
            note: o.required("note", text)?,
            items: o.required("items", items)?,
            outcomes: o.required("outcomes", outcomes)?,
            plausibility: o.required("plausibility", plausibility)?,
        };
        o.end(read)
    }
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

    /// The built-in parameters changed by `edit`, read by the hand-written reader alone (a scheme
    /// file's checks, which run before it, would refuse these first): the place and the fault.
    fn read_edited(edit: impl FnOnce(&mut Value)) -> Result<super::Parameters, (String, String)> {
        let mut value: Value = serde_json::from_str(include_str!("../data/2024/parameters.json")).expect("JSON");
        edit(&mut value);
        super::Parameters::from_value(&value).map_err(|e| (e.path, e.problem.to_string()))
    }

    /// A change of the parameters, the place its fault is told at and words of the fault.
    type Fault = (fn(&mut Value), &'static str, &'static str);

    #[test]
    fn the_reader_reads_exactly_and_names_each_fault() {
        let rules = read_edited(|_| {}).expect("the built-in parameters");
        assert_eq!(rules.year, 2024);
        assert_eq!(rules.items.sme_rate.step_points.value, rust_decimal::Decimal::new(25, 2));
        assert_eq!(rules.outcomes.bands.len(), 4);
        assert_eq!((rules.outcomes.bands[3].band, rules.outcomes.bands[3].to_rank), (crate::Band::Bottom, None));
        assert_eq!(rules.outcomes.bands[2].to_rank, Some(13));
        let rules = read_edited(|p| {
            p["items"]["loan_increment"]["step"]["value"] = Value::from("0.30000000000000000000000001");
            p["outcomes"]["bands"][3].as_object_mut().expect("a band").remove("to_rank");
        })
        .expect("a long decimal, a last rank left out");
        assert_eq!(rules.items.loan_increment.step.value.to_string(), "0.30000000000000000000000001");
        assert_eq!(rules.outcomes.bands[3].to_rank, None);

        let faults: [Fault; 8] = [
            (|p| p["items"]["tech"]["bar"] = Value::from("1"), "items.tech.bar", "no such key"),
            (|p| p["note"] = Value::Null, "note", "must be text"),
            (
                |p| {
                    p["outcomes"]["bands"][1].as_object_mut().expect("a band").remove("reference");
                },
                "outcomes.bands[1].reference",
                "missing",
            ),
            (
                |p| p["items"]["npl"]["cap"]["value"] = Value::from(3),
                "items.npl.cap.value",
                "a decimal written as text",
            ),
            (|p| p["items"]["npl"]["cap"]["value"] = Value::from("3分"), "items.npl.cap.value", "\"3分\""),
            (|p| p["outcomes"]["bands"][0]["band"] = Value::from("top"), "outcomes.bands[0].band", "\"top\""),
            (|p| p["items"]["policy"]["grades"][2]["min"] = Value::from("x"), "items.policy.grades[2].min", "\"x\""),
            (|p| p["year"] = serde_json::json!(2024.5), "year", "a whole number"),
        ];
        for (edit, place, words) in faults {
            let (path, problem) = read_edited(edit).map(|_| ()).expect_err(place);
            assert_eq!(path, place);
            assert!(problem.contains(words), "{place}: {problem}");
        }
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
