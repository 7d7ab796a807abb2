//! The scenario: what a user projects for year end, in the `kaoping-scenario/1` file format.
//!
//! ```json
//! { "format": "kaoping-scenario/1", "year": 2024,
//!   "settings": { "bonus_mode": "pro_rata", ... }, "city": { "loan_growth_pct": null, ... },
//!   "banks": [ { "id": "icbc", "loans": "300.00", ... } ] }
//! ```
//! Unknown fields are an error. Every number may be a JSON number or a string and is read exactly,
//! never through f64. `null` means the same as leaving a field out. A bank not listed, and an annex
//! figure left out, is exactly on task; any other figure left out scores nothing and is reported missing.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::values::{Amount, Count, DepartmentScore, Percent, PolicyScore, ValueError};

/// The file format's name.
pub const FORMAT: &str = "kaoping-scenario/1";

/// How "per N" rules count a part of a step (二 throughout: "每高于任务数1亿元加1分", …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BonusMode {
    /// A part of a step earns its part of the points: 0.5亿 above earns 0.5.
    #[default]
    ProRata,
    /// Only complete steps count.
    WholeUnits,
}

/// How "全市平均增速" is worked out when no city figure is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CityAverage {
    /// (Σ 2024 − Σ 2023) / Σ 2023 over the scored banks that have the data.
    #[default]
    Aggregate,
    /// The simple mean of each bank's growth.
    Mean,
}

/// How the 70% evaluation part of the public-fund composite (四(四)) is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DepositNormalization {
    /// total / highest total × 70: the top bank gets the full 70.
    #[default]
    TopScorer,
    /// total × 0.7.
    Raw,
}

/// The interpretation settings: each is a reading of a place where the text is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
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

/// One of the two programmes of 二(四)4 for one bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Guarantee {
    /// The city's target for the bank, 亿元 (issued separately from the scheme).
    pub target: Option<Amount>,
    /// What the bank reached, 亿元.
    pub actual: Option<Amount>,
    /// The bank joined the programme in 2024 (+2).
    pub newly_included: bool,
}

/// What a user enters for one bank. Every figure is optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct BankInput {
    /// The bank's id (`icbc`).
    pub id: String,
    /// 2024年末贷款余额, 亿元; absent = 2023 + 附件1 task.
    pub loans: Option<Amount>,
    /// 中小微企业贷款余额; absent = on task (附件2).
    pub sme_loans: Option<Amount>,
    /// 制造业贷款余额 (含贴现); absent = on task (附件3).
    pub manufacturing_loans: Option<Amount>,
    /// 绿色贷款余额; absent = on task (附件4).
    pub green_loans: Option<Amount>,
    /// 中小微企业贷款户数, 2023年末.
    pub sme_customers_2023: Option<Count>,
    /// 中小微企业贷款户数, 2024年末.
    pub sme_customers: Option<Count>,
    /// 新发放贷款综合利率, 年初, percent.
    pub sme_rate_start_pct: Option<Percent>,
    /// 新发放贷款综合利率, 当期, percent.
    pub sme_rate_pct: Option<Percent>,
    /// 普惠小微贷款余额, 2023年末.
    pub inclusive_loans_2023: Option<Amount>,
    /// 普惠小微贷款余额, 2024年末.
    pub inclusive_loans: Option<Amount>,
    /// 新增科技型企业贷款, 2024.
    pub tech_new_loans: Option<Amount>,
    /// 第一单科技金融产品, count.
    pub tech_products: Option<Count>,
    /// 养老产业贷款余额, 2023年末.
    pub pension_loans_2023: Option<Amount>,
    /// 养老产业贷款余额, 2024年末.
    pub pension_loans: Option<Amount>,
    /// 第一单养老金融产品或模式, count.
    pub pension_products: Option<Count>,
    /// 第一单创新碳金融产品, count.
    pub carbon_products: Option<Count>,
    /// 东楚融通融资金额, 亿元; absent = 附件5 target.
    pub dongchu_amount: Option<Amount>,
    /// 东楚融通融资户数; absent = 附件5 target.
    pub dongchu_households: Option<Count>,
    /// 金融政策争取、落实 grade, -10..=10.
    pub policy_score: Option<PolicyScore>,
    /// 不良贷款核销额 (不含信用卡), 亿元.
    pub npl_written_off: Option<Amount>,
    /// 不良贷款打包等其他方式处置额, 亿元.
    pub npl_other_disposal: Option<Amount>,
    /// 认购2024年度平台公司新发行债券, 亿元.
    pub platform_bonds: Option<Amount>,
    /// 创业担保贷款.
    pub startup_guarantee: Option<Guarantee>,
    /// 新型政银担.
    pub govbank_guarantee: Option<Guarantee>,
    /// 一票否决 (二(四)5).
    pub vetoed: bool,
    /// Ranked last in 2023 (for 连续两年排名倒数第一).
    pub last_place_2023: bool,
    /// 市级公共性资金存放主体部门个性指标, 0..=100, for the 30% part.
    pub department_score: Option<DepartmentScore>,
}

impl BankInput {
    /// A bank with nothing entered.
    pub fn new(id: &str) -> Self {
        BankInput { id: id.to_owned(), ..BankInput::default() }
    }

    /// Whether nothing at all is entered for the bank (it is then exactly on task).
    pub fn is_empty(&self) -> bool {
        *self == BankInput::new(&self.id)
    }
}

/// A scenario: settings, city figures and the banks' figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Scenario {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// The scheme's year.
    pub year: u16,
    /// Interpretation settings.
    pub settings: Settings,
    /// Typed-in city figures.
    pub city: CityOverrides,
    /// The banks entered, at most once each; the order does not matter.
    pub banks: Vec<BankInput>,
}

const TOP_FIELDS: &[&str] = &["format", "year", "settings", "city", "banks"];
const SETTINGS_FIELDS: &[&str] = &["bonus_mode", "city_average", "deposit_normalization", "green_target_growth_pct"];
const CITY_FIELDS: &[&str] = &[
    "loan_growth_pct",
    "inclusive_growth_pct",
    "manufacturing_growth_pct",
    "pension_growth_pct",
    "tech_new_loans_avg",
];
const GUARANTEE_FIELDS: &[&str] = &["target", "actual", "newly_included"];
/// The fields of a bank entry, in file order.
pub const BANK_FIELDS: &[&str] = &[
    "id",
    "loans",
    "sme_loans",
    "manufacturing_loans",
    "green_loans",
    "sme_customers_2023",
    "sme_customers",
    "sme_rate_start_pct",
    "sme_rate_pct",
    "inclusive_loans_2023",
    "inclusive_loans",
    "tech_new_loans",
    "tech_products",
    "pension_loans_2023",
    "pension_loans",
    "pension_products",
    "carbon_products",
    "dongchu_amount",
    "dongchu_households",
    "policy_score",
    "npl_written_off",
    "npl_other_disposal",
    "platform_bonds",
    "startup_guarantee",
    "govbank_guarantee",
    "vetoed",
    "last_place_2023",
    "department_score",
];

impl Scenario {
    /// The empty scenario of a year: every bank on task, default settings.
    pub fn new(year: u16) -> Self {
        Scenario {
            format: FORMAT,
            year,
            settings: Settings::default(),
            city: CityOverrides::default(),
            banks: Vec::new(),
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

    /// Writes the scenario as `kaoping-scenario/1` JSON: figures as decimal strings, empty figures,
    /// `false` flags and banks with nothing entered left out.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(Value::Array(banks)) = value.get_mut("banks") {
            for bank in banks.iter_mut() {
                strip_empty(bank);
            }
            banks.retain(|b| b.as_object().is_some_and(|m| m.len() > 1));
        }
        if let Some(city) = value.get_mut("city") {
            strip_empty(city);
        }
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }

    /// Writes the scenario with every field present, empty ones as `null`: a file to fill in.
    pub fn to_json_full(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a `kaoping-scenario/1` file. Bank ids are checked against the built-in scheme of the
    /// file's year.
    pub fn from_json(text: &str) -> Result<Scenario, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            // serde_json ends its message with the position, which the error already carries.
            let message = e.to_string();
            let message = message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]).to_owned();
            Error::Json { line: e.line(), column: e.column(), message }
        })?;
        let top = object(&value, "(top level)", TOP_FIELDS)?;
        match top.get("format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(Value::String(f)) => return Err(Error::Format { found: Some(f.clone()) }),
            Some(other) => return Err(Error::Format { found: Some(other.to_string()) }),
            None => return Err(Error::Format { found: None }),
        }
        let year = match top.get("year") {
            None | Some(Value::Null) => return Err(Error::Year { found: None }),
            Some(v) => {
                let text = number_text(v, "year")?.unwrap_or_default();
                let count = Count::parse(&text).map_err(|_| Error::Year { found: Some(text.clone()) })?;
                u16::try_from(count.get()).map_err(|_| Error::Year { found: Some(text.clone()) })?
            }
        };
        let scheme = crate::Scheme::builtin(year)?;
        let mut scenario = Scenario::new(year);
        if let Some(settings) = present(top, "settings") {
            let s = object(settings, "settings", SETTINGS_FIELDS)?;
            let mut out = Settings::default();
            if let Some(v) = present(s, "bonus_mode") {
                out.bonus_mode = choice(
                    v,
                    "settings.bonus_mode",
                    &["pro_rata", "whole_units"],
                    [BonusMode::ProRata, BonusMode::WholeUnits],
                )?;
            }
            if let Some(v) = present(s, "city_average") {
                out.city_average = choice(
                    v,
                    "settings.city_average",
                    &["aggregate", "mean"],
                    [CityAverage::Aggregate, CityAverage::Mean],
                )?;
            }
            if let Some(v) = present(s, "deposit_normalization") {
                out.deposit_normalization = choice(
                    v,
                    "settings.deposit_normalization",
                    &["top_scorer", "raw"],
                    [DepositNormalization::TopScorer, DepositNormalization::Raw],
                )?;
            }
            out.green_target_growth_pct = field(s, "settings", "green_target_growth_pct", Percent::parse)?;
            if let Some(rate) = out.green_target_growth_pct {
                if rate.get() <= rust_decimal::Decimal::ZERO || rate.get() > rust_decimal::Decimal::ONE_HUNDRED {
                    return Err(Error::Value {
                        path: "settings.green_target_growth_pct".to_owned(),
                        text: rate.to_string(),
                        problem: ValueError::OutOfRange {
                            min: rust_decimal::Decimal::new(1, 8),
                            max: rust_decimal::Decimal::ONE_HUNDRED,
                        },
                    });
                }
            }
            scenario.settings = out;
        }
        if let Some(city) = present(top, "city") {
            let c = object(city, "city", CITY_FIELDS)?;
            scenario.city = CityOverrides {
                loan_growth_pct: field(c, "city", "loan_growth_pct", Percent::parse)?,
                inclusive_growth_pct: field(c, "city", "inclusive_growth_pct", Percent::parse)?,
                manufacturing_growth_pct: field(c, "city", "manufacturing_growth_pct", Percent::parse)?,
                pension_growth_pct: field(c, "city", "pension_growth_pct", Percent::parse)?,
                tech_new_loans_avg: field(c, "city", "tech_new_loans_avg", Amount::parse)?,
            };
        }
        if let Some(banks) = present(top, "banks") {
            let Value::Array(banks) = banks else {
                return Err(Error::WrongType { path: "banks".to_owned(), expected: "a list" });
            };
            for (i, bank) in banks.iter().enumerate() {
                let path = format!("banks[{i}]");
                let input = read_bank(bank, &path)?;
                if scheme.bank_index(&input.id).is_none() {
                    return Err(Error::UnknownBank { path: format!("{path}.id"), id: input.id });
                }
                if scenario.bank(&input.id).is_some() {
                    return Err(Error::DuplicateBank { path: format!("{path}.id"), id: input.id });
                }
                scenario.banks.push(input);
            }
            // Annex order, so that a file's bank order changes nothing, not even how it is written back.
            scenario.banks.sort_by_key(|b| scheme.bank_index(&b.id));
        }
        Ok(scenario)
    }
}

fn read_bank(value: &Value, path: &str) -> Result<BankInput, Error> {
    let b = object(value, path, BANK_FIELDS)?;
    let id = match b.get("id") {
        Some(Value::String(id)) => id.clone(),
        None | Some(Value::Null) => return Err(Error::Missing { path: format!("{path}.id") }),
        Some(_) => return Err(Error::WrongType { path: format!("{path}.id"), expected: "a string" }),
    };
    let amount = |key: &str| field(b, path, key, Amount::parse);
    let count = |key: &str| field(b, path, key, Count::parse);
    let percent = |key: &str| field(b, path, key, Percent::parse);
    Ok(BankInput {
        id,
        loans: amount("loans")?,
        sme_loans: amount("sme_loans")?,
        manufacturing_loans: amount("manufacturing_loans")?,
        green_loans: amount("green_loans")?,
        sme_customers_2023: count("sme_customers_2023")?,
        sme_customers: count("sme_customers")?,
        sme_rate_start_pct: percent("sme_rate_start_pct")?,
        sme_rate_pct: percent("sme_rate_pct")?,
        inclusive_loans_2023: amount("inclusive_loans_2023")?,
        inclusive_loans: amount("inclusive_loans")?,
        tech_new_loans: amount("tech_new_loans")?,
        tech_products: count("tech_products")?,
        pension_loans_2023: amount("pension_loans_2023")?,
        pension_loans: amount("pension_loans")?,
        pension_products: count("pension_products")?,
        carbon_products: count("carbon_products")?,
        dongchu_amount: amount("dongchu_amount")?,
        dongchu_households: count("dongchu_households")?,
        policy_score: field(b, path, "policy_score", PolicyScore::parse)?,
        npl_written_off: amount("npl_written_off")?,
        npl_other_disposal: amount("npl_other_disposal")?,
        platform_bonds: amount("platform_bonds")?,
        startup_guarantee: guarantee(b, path, "startup_guarantee")?,
        govbank_guarantee: guarantee(b, path, "govbank_guarantee")?,
        vetoed: flag(b, path, "vetoed")?,
        last_place_2023: flag(b, path, "last_place_2023")?,
        department_score: field(b, path, "department_score", DepartmentScore::parse)?,
    })
}

fn guarantee(map: &Map<String, Value>, path: &str, key: &str) -> Result<Option<Guarantee>, Error> {
    let Some(value) = present(map, key) else { return Ok(None) };
    let path = format!("{path}.{key}");
    let g = object(value, &path, GUARANTEE_FIELDS)?;
    let target = field(g, &path, "target", Amount::parse)?;
    if let Some(t) = target {
        // 二(四)4: targets are issued by the city and positive; a zero target would score anything.
        if t.get().is_zero() {
            return Err(Error::Value {
                path: format!("{path}.target"),
                text: t.to_string(),
                problem: ValueError::OutOfRange { min: rust_decimal::Decimal::new(1, 8), max: Amount::MAX },
            });
        }
    }
    Ok(Some(Guarantee {
        target,
        actual: field(g, &path, "actual", Amount::parse)?,
        newly_included: flag(g, &path, "newly_included")?,
    }))
}

/// A field's value, treating `null` as absent.
fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

fn object<'a>(value: &'a Value, path: &str, allowed: &'static [&'static str]) -> Result<&'a Map<String, Value>, Error> {
    let Value::Object(map) = value else {
        return Err(Error::WrongType { path: path.to_owned(), expected: "an object" });
    };
    if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        let path = if path == "(top level)" { unknown.clone() } else { format!("{path}.{unknown}") };
        return Err(Error::UnknownField { path, expected: allowed });
    }
    Ok(map)
}

/// The text of a number given as a JSON number or a string; `None` for absent or null.
fn number_text(value: &Value, path: &str) -> Result<Option<String>, Error> {
    match value {
        Value::Null => Ok(None),
        // With serde_json's arbitrary_precision the number keeps the text it was written with.
        Value::Number(n) => Ok(Some(n.as_str().to_owned())),
        Value::String(s) => Ok(Some(s.trim().to_owned())),
        _ => Err(Error::WrongType { path: path.to_owned(), expected: "a number" }),
    }
}

fn field<T>(
    map: &Map<String, Value>,
    path: &str,
    key: &str,
    parse: impl Fn(&str) -> Result<T, ValueError>,
) -> Result<Option<T>, Error> {
    let Some(value) = map.get(key) else { return Ok(None) };
    let path = format!("{path}.{key}");
    match number_text(value, &path)? {
        None => Ok(None),
        Some(text) if text.is_empty() => Ok(None),
        Some(text) => parse(&text).map(Some).map_err(|problem| Error::Value { path, text, problem }),
    }
}

fn flag(map: &Map<String, Value>, path: &str, key: &str) -> Result<bool, Error> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::WrongType { path: format!("{path}.{key}"), expected: "true or false" }),
    }
}

fn choice<T: Copy>(value: &Value, path: &str, names: &'static [&'static str], values: [T; 2]) -> Result<T, Error> {
    let Value::String(text) = value else {
        return Err(Error::WrongType { path: path.to_owned(), expected: "a string" });
    };
    names.iter().zip(values).find(|(name, _)| *name == text).map(|(_, v)| v).ok_or_else(|| Error::Setting {
        path: path.to_owned(),
        found: text.clone(),
        expected: names,
    })
}

/// Leaves out nulls and `false` flags, at any depth, and objects that become empty.
fn strip_empty(value: &mut Value) {
    if let Value::Object(map) = value {
        for v in map.values_mut() {
            strip_empty(v);
        }
        map.retain(|_, v| !(v.is_null() || *v == Value::Bool(false) || v.as_object().is_some_and(Map::is_empty)));
    }
}
