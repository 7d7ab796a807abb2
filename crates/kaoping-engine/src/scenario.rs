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

use rust_decimal::Decimal;

use crate::error::Error;
pub use crate::fields::{BankInput, Guarantee};
use crate::fields::{Field, Kind, FIELDS};
use crate::values::{Amount, Count, Percent, ValueError};

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

/// A scenario: settings, city figures and the banks' figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scenario {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// The scheme's year.
    pub year: u16,
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
}

const TOP_FIELDS: &[&str] = &["format", "year", "name", "note", "settings", "city", "banks"];
const SETTINGS_FIELDS: &[&str] = &["bonus_mode", "city_average", "deposit_normalization", "green_target_growth_pct"];
const CITY_FIELDS: &[&str] = &[
    "loan_growth_pct",
    "inclusive_growth_pct",
    "manufacturing_growth_pct",
    "pension_growth_pct",
    "tech_new_loans_avg",
];
impl Scenario {
    /// The empty scenario of a year: every bank on task, default settings.
    pub fn new(year: u16) -> Self {
        Scenario {
            format: FORMAT,
            year,
            name: None,
            note: None,
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
        serde_json::to_string_pretty(&self.to_value(false)).unwrap_or_default()
    }

    /// Writes the scenario with every field present, empty ones as `null`: a file to fill in.
    pub fn to_json_full(&self) -> String {
        serde_json::to_string_pretty(&self.to_value(true)).unwrap_or_default()
    }

    fn to_value(&self, full: bool) -> Value {
        let mut city = serde_json::to_value(self.city).unwrap_or(Value::Null);
        if !full {
            strip_empty(&mut city);
        }
        let banks: Vec<Value> = self
            .banks
            .iter()
            .map(|bank| bank_value(bank, full))
            .filter(|b| full || b.as_object().is_some_and(|m| m.len() > 1))
            .collect();
        let mut top = Map::new();
        top.insert("format".to_owned(), Value::String(self.format.to_owned()));
        top.insert("year".to_owned(), Value::from(self.year));
        // Written only when present, so that a file without them reads as it always did.
        for (key, text) in [("name", &self.name), ("note", &self.note)] {
            if let Some(text) = text {
                top.insert(key.to_owned(), Value::String(text.clone()));
            }
        }
        top.insert("settings".to_owned(), serde_json::to_value(self.settings).unwrap_or(Value::Null));
        top.insert("city".to_owned(), city);
        top.insert("banks".to_owned(), Value::Array(banks));
        Value::Object(top)
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
        scenario.name = text_field(top, "name")?;
        scenario.note = text_field(top, "note")?;
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
    let b = object(value, path, &BANK_KEYS)?;
    let id = match b.get("id") {
        Some(Value::String(id)) => id.clone(),
        None | Some(Value::Null) => return Err(Error::Missing { path: format!("{path}.id") }),
        Some(_) => return Err(Error::WrongType { path: format!("{path}.id"), expected: "a string" }),
    };
    let mut bank = BankInput::new(&id);
    for group in GROUPS.iter() {
        if let Some(prefix) = group.prefix {
            // A nested object (`startup_guarantee: {target, actual, newly_included}`).
            let Some(value) = present(b, prefix) else { continue };
            let nested_path = format!("{path}.{prefix}");
            let nested = object(value, &nested_path, &group.keys)?;
            for field in group.fields() {
                read_field(nested, &nested_path, field, &mut bank)?;
            }
        } else {
            for field in group.fields() {
                read_field(b, path, field, &mut bank)?;
            }
        }
    }
    Ok(bank)
}

/// Reads one field of the table from an object into `bank`: flags as `true`/`false`, figures as
/// numbers or strings, each through its bounded type.
fn read_field(map: &Map<String, Value>, path: &str, field: Field, bank: &mut BankInput) -> Result<(), Error> {
    let key = local_key(field);
    let value = if field.kind() == Kind::Flag {
        flag(map, path, key)?.then_some(Decimal::ONE)
    } else {
        self::field(map, path, key, |text| field.kind().parse(text))?
    };
    if value.is_none() {
        return Ok(());
    }
    field.set(bank, value).map_err(|problem| Error::Value {
        path: format!("{path}.{key}"),
        text: value.map(|v| v.to_string()).unwrap_or_default(),
        problem,
    })
}

/// A field's key inside its object: `target` for `startup_guarantee.target`.
fn local_key(field: Field) -> &'static str {
    let key = field.key();
    key.split_once('.').map_or(key, |(_, local)| local)
}

/// Fields of a bank entry that share an object: the top level (`prefix` `None`) or one nested object.
struct Group {
    prefix: Option<&'static str>,
    keys: Vec<&'static str>,
}

impl Group {
    fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        FIELDS.iter().filter(move |f| f.key.split_once('.').map(|(p, _)| p) == self.prefix).map(|f| f.field)
    }
}

/// The groups of the bank entry, in table order, worked out once from the field table.
static GROUPS: std::sync::LazyLock<Vec<Group>> = std::sync::LazyLock::new(|| {
    let mut groups = vec![Group { prefix: None, keys: vec!["id"] }];
    for spec in &FIELDS {
        let prefix = spec.key.split_once('.').map(|(p, _)| p);
        let local = local_key(spec.field);
        match groups.iter_mut().find(|g| g.prefix == prefix) {
            Some(group) => group.keys.push(local),
            None => groups.push(Group { prefix, keys: vec![local] }),
        }
    }
    groups
});

/// The keys a bank entry may have, in file order: `id`, then each field or nested object.
static BANK_KEYS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut keys = vec!["id"];
    for spec in &FIELDS {
        let top = spec.key.split_once('.').map_or(spec.key, |(p, _)| p);
        if !keys.contains(&top) {
            keys.push(top);
        }
    }
    keys
});

/// The public list of a bank entry's keys, for messages and documentation.
pub fn bank_keys() -> &'static [&'static str] {
    &BANK_KEYS
}

/// A bank entry as JSON: figures as decimal strings, counts and grades as numbers, flags as
/// booleans. `full` writes every field (absent ones as `null`, flags as `false`); otherwise only
/// what is entered.
fn bank_value(bank: &BankInput, full: bool) -> Value {
    let mut out = Map::new();
    out.insert("id".to_owned(), Value::String(bank.id.clone()));
    for spec in &FIELDS {
        let value = match (spec.field.get(bank), spec.kind) {
            (None, Kind::Flag) => Value::Bool(false),
            (Some(_), Kind::Flag) => Value::Bool(true),
            (None, _) => Value::Null,
            (Some(v), Kind::Count | Kind::Policy) => {
                serde_json::from_str(&v.normalize().to_string()).unwrap_or(Value::Null)
            }
            (Some(v), _) => Value::String(v.to_string()),
        };
        if !full && (value.is_null() || value == Value::Bool(false)) {
            continue;
        }
        match spec.key.split_once('.') {
            None => {
                out.insert(spec.key.to_owned(), value);
            }
            Some((prefix, local)) => {
                let nested = out.entry(prefix.to_owned()).or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(nested) = nested {
                    nested.insert(local.to_owned(), value);
                }
            }
        }
    }
    Value::Object(out)
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

/// An optional text field (`name`, `note`): a string, kept as written, or absent, `null` or empty.
fn text_field(map: &Map<String, Value>, key: &str) -> Result<Option<String>, Error> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone()).filter(|t| !t.is_empty())),
        Some(_) => Err(Error::WrongType { path: key.to_owned(), expected: "a string" }),
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
