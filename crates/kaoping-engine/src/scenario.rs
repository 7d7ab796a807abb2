//! The `kaoping-scenario/1` file format: a [`Scenario`] written as JSON and read back.
//!
//! ```json
//! { "format": "kaoping-scenario/1", "year": 2024,
//!   "settings": { "bonus_mode": "pro_rata", ... }, "city": { "loan_growth_pct": null, ... },
//!   "banks": [ { "id": "icbc", "loans": "300.00", ... } ] }
//! ```
//! Every number may be a JSON number or a string and is read exactly, never through f64. `null`
//! means the same as leaving a field out. A bank not listed, and an annex figure left out, is exactly
//! on task; any other figure left out scores nothing and is reported missing.
//!
//! The reader walks the JSON along the tables — the top level's [`MEMBERS`], the settings table and
//! the field table — so every refusal names its place (`banks[3].sme_loans`). It reads in two ways:
//! - [`Scenario::from_json`], strict, for the command line and for files from elsewhere: the first
//!   value that is wrong (an unknown field, a figure out of range, …) refuses the file;
//! - [`Scenario::salvage`], for reading one's own data back (the page's working copy, a saved
//!   scenario, an exported file, a share link): each value that is wrong is dropped with a
//!   [`Dropped`] that names it and says what counts instead, and the rest is kept. Only text that is
//!   not JSON, or not a scenario of a year the engine knows, is refused.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::document::{Scenario, SchemeMark, FORMAT};
use crate::error::Error;
use crate::fields::{BankInput, Field, FundFigure, Kind, FIELDS, FUND_FIGURES};
use crate::provenance::{Source, Verification, SOURCE_FIELDS, SOURCE_KEYS, VERIFICATION_KEYS};
use crate::scheme::Scheme;
use crate::settings::{Group, Setting, SettingKind, SettingValue};
use crate::values::{Amount, Count, ValueError};

/// A value that reading a scenario back dropped, so that the rest could be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Why the strict reader would refuse it; it names the place and the text as found.
    pub error: Error,
    /// That it is left out and what counts instead, in Chinese (`已略去，按未填写计：恰好完成任务`).
    pub instead: String,
}

impl Dropped {
    /// The message in Chinese: the place, the text, why, and what counts instead.
    pub fn zh(&self) -> String {
        format!("{}；{}", self.error.zh(), self.instead)
    }
}

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (left out)", self.error)
    }
}

/// One member of the top level of a scenario file: its key, how it is read into a scenario and how
/// it is written. A new top-level field is one entry here plus its member of [`Scenario`].
struct Member {
    key: &'static str,
    /// Reads the member's value (present, not `null`) into the scenario.
    read: fn(&mut Reader<'_>, &Value, &mut Scenario) -> Result<(), Error>,
    /// The member's value as written (`full`: every field present), or `None` to leave it out.
    write: fn(&Scenario, bool) -> Option<Value>,
}

/// The top level of a scenario file, in the order it is written. `format` and `year` are read
/// before the rest, since nothing can be read without them.
static MEMBERS: [Member; 12] = [
    Member { key: "format", read: |_, _, _| Ok(()), write: |s, _| Some(Value::String(s.format.to_owned())) },
    Member { key: "year", read: |_, _, _| Ok(()), write: |s, _| Some(Value::from(s.year)) },
    Member {
        key: "scheme",
        read: |r, v, s| {
            s.scheme = r.scheme_mark(v)?;
            Ok(())
        },
        write: |s, _| {
            let mark = s.scheme.as_ref()?;
            let mut map = Map::new();
            map.insert("fingerprint".to_owned(), Value::String(mark.fingerprint.clone()));
            map.insert("number".to_owned(), Value::String(mark.number.clone()));
            Some(Value::Object(map))
        },
    },
    Member {
        key: "name",
        read: |r, v, s| {
            s.name = r.text(v, "name")?;
            Ok(())
        },
        write: |s, _| s.name.clone().map(Value::String),
    },
    Member {
        key: "note",
        read: |r, v, s| {
            s.note = r.text(v, "note")?;
            Ok(())
        },
        write: |s, _| s.note.clone().map(Value::String),
    },
    Member {
        key: "settings",
        read: |r, v, s| r.settings(v, Group::Settings, s),
        write: |s, _| Some(settings_value(s, Group::Settings, true)),
    },
    Member {
        key: "city",
        read: |r, v, s| r.settings(v, Group::City, s),
        write: |s, full| Some(settings_value(s, Group::City, full)),
    },
    Member { key: "banks", read: |r, v, s| r.banks(v, s), write: |s, full| Some(banks_value(s, full)) },
    // Written only when an amount is typed (or every fund, to fill in), so that files without it read
    // and write back as before.
    Member { key: "deposits", read: |r, v, s| r.deposits(v, s), write: deposits_value },
    // 三、考评组织: who declared each bank's figures, what the bureau verified, and whether it is done.
    // Written only when there is something, so that a file without them reads and writes as before.
    Member { key: "sources", read: |r, v, s| r.sources(v, s), write: |s, _| sources_value(s) },
    Member { key: "verified", read: |r, v, s| r.verified(v, s), write: |s, _| verified_value(s) },
    Member {
        key: "verification_complete",
        read: |r, v, s| {
            match v {
                Value::Bool(done) => s.verification_complete = *done,
                _ => r.problem(
                    Error::WrongType { path: "verification_complete".to_owned(), expected: "true or false" },
                    "已略去，按尚未核实完成计",
                )?,
            }
            Ok(())
        },
        write: |s, _| s.verification_complete.then_some(Value::Bool(true)),
    },
];

/// The keys of the `deposits` object and of each of its funds.
const DEPOSITS_KEYS: &[&str] = &["funds"];
const FUND_KEYS: &[&str] = &["id", "amount"];

/// The keys of the top level, in file order, for messages.
static TOP_KEYS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| MEMBERS.iter().map(|m| m.key).collect());

/// The keys of each object of settings, for messages.
static GROUP_KEYS: std::sync::LazyLock<[Vec<&'static str>; 2]> = std::sync::LazyLock::new(|| {
    [Group::Settings, Group::City].map(|group| Setting::of(group).map(Setting::key).collect())
});

fn group_keys(group: Group) -> &'static [&'static str] {
    match group {
        Group::Settings => &GROUP_KEYS[0],
        Group::City => &GROUP_KEYS[1],
    }
}

impl Scenario {
    /// Writes the scenario as `kaoping-scenario/1` JSON: figures as decimal strings, empty figures,
    /// `false` flags and banks with nothing entered left out.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value(false)).unwrap_or_default()
    }

    /// The same text without its indentation and line breaks, for what only the program reads back
    /// (the page's working copy, written after every change).
    pub fn to_json_compact(&self) -> String {
        serde_json::to_string(&self.to_value(false)).unwrap_or_default()
    }

    /// Writes the scenario with every field present, empty ones as `null`: a file to fill in.
    pub fn to_json_full(&self) -> String {
        serde_json::to_string_pretty(&self.to_value(true)).unwrap_or_default()
    }

    fn to_value(&self, full: bool) -> Value {
        let mut top = Map::new();
        for member in &MEMBERS {
            if let Some(value) = (member.write)(self, full) {
                top.insert(member.key.to_owned(), value);
            }
        }
        Value::Object(top)
    }

    /// Reads a `kaoping-scenario/1` file, strictly: the first value that is wrong refuses the file.
    /// Bank ids are checked against the built-in scheme of the file's year.
    pub fn from_json(text: &str) -> Result<Scenario, Error> {
        read(text, false, None).map(|(scenario, _)| scenario)
    }

    /// Reads a `kaoping-scenario/1` file to be scored under `scheme`, whatever its year, strictly.
    ///
    /// A file of the scheme's year is read as [`Scenario::from_json`] reads one under the built-in
    /// scheme: a bank the scheme lacks is refused (a misspelt id). A file made under another year's
    /// scheme keeps its year (the scheme it was made under) and keeps the figures of banks the scheme in
    /// force lacks, so that nothing is lost; they are not scored ([`Scenario::banks_outside`] lists
    /// them for the reader to be told).
    pub fn from_json_under(text: &str, scheme: &Scheme) -> Result<Scenario, Error> {
        read(text, false, Some(scheme)).map(|(scenario, _)| scenario)
    }

    /// [`Scenario::salvage`] under a given scheme, as [`Scenario::from_json_under`] reads.
    pub fn salvage_under(text: &str, scheme: &Scheme) -> Result<(Scenario, Vec<Dropped>), Error> {
        read(text, true, Some(scheme))
    }

    /// The banks entered that `scheme` does not score (a scenario made under another year's scheme).
    pub fn banks_outside<'a>(&'a self, scheme: &Scheme) -> Vec<&'a str> {
        self.banks.iter().filter(|b| scheme.bank_index(&b.id).is_none()).map(|b| b.id.as_str()).collect()
    }

    /// Reads back a scenario this program wrote (a working copy, a saved scenario, an exported file,
    /// a share link), keeping everything it can: each value that is wrong is dropped, and listed with
    /// its place, its text, why and what counts instead. `Err` only when nothing can be read: the
    /// text is not JSON, or not a scenario file of a year the engine has a scheme for.
    pub fn salvage(text: &str) -> Result<(Scenario, Vec<Dropped>), Error> {
        read(text, true, None)
    }
}

/// Reads a scenario file, strictly or salvaging, under `under` or the built-in scheme of its year.
fn read(text: &str, salvage: bool, under: Option<&Scheme>) -> Result<(Scenario, Vec<Dropped>), Error> {
    // Windows Notepad saves UTF-8 with a byte-order mark, which JSON does not allow; it is not content.
    let text = text.get(usize::from(text.starts_with('\u{feff}')) * 3..).unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which the error already carries.
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]).to_owned();
        Error::Json { line: e.line(), column: e.column(), message }
    })?;
    let Value::Object(top) = &value else {
        return Err(Error::WrongType { path: "(top level)".to_owned(), expected: "an object" });
    };
    let mut reader = Reader { salvage, dropped: Vec::new(), scheme: None, keep_unknown: false };
    reader.unknown(top, "(top level)", &TOP_KEYS, "已略去（不属于测算数据，不影响结果）")?;
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => return Err(Error::Format { found: Some(f.clone()) }),
        Some(other) => return Err(Error::Format { found: Some(serde_json::to_string(other).unwrap_or_default()) }),
        None => return Err(Error::Format { found: None }),
    }
    let year = match top.get("year") {
        None | Some(Value::Null) => return Err(Error::Year { found: None }),
        Some(v) => {
            let text = number_text(v).map_err(|not| not.at("year".to_owned()))?.unwrap_or_default();
            let count = Count::parse(text).map_err(|_| Error::Year { found: Some(text.to_owned()) })?;
            u16::try_from(count.get()).map_err(|_| Error::Year { found: Some(text.to_owned()) })?
        }
    };
    let scheme = match under {
        Some(scheme) => scheme,
        None => Scheme::builtin(year)?,
    };
    reader.scheme = Some(scheme);
    // Under another year's scheme, banks it lacks are kept rather than refused.
    reader.keep_unknown = scheme.year != year;
    let mut scenario = Scenario::new(year);
    for member in &MEMBERS {
        if let Some(value) = present(top, member.key) {
            (member.read)(&mut reader, value, &mut scenario)?;
        }
    }
    Ok((scenario, reader.dropped))
}

/// Walks a scenario file: in strict mode the first problem is returned as the error; when salvaging,
/// each problem is kept as a [`Dropped`] and reading goes on.
struct Reader<'s> {
    salvage: bool,
    dropped: Vec<Dropped>,
    scheme: Option<&'s Scheme>,
    /// Whether to keep the figures of banks the scheme lacks (a file made under another year's scheme).
    keep_unknown: bool,
}

impl Reader<'_> {
    /// A value that cannot be taken: refused, or dropped with what counts instead. Not inlined: it
    /// is called from every place a reader can refuse, and the page carries every reader.
    #[inline(never)]
    fn problem(&mut self, error: Error, instead: &str) -> Result<(), Error> {
        if self.salvage {
            self.dropped.push(Dropped { error, instead: instead.to_owned() });
            Ok(())
        } else {
            Err(error)
        }
    }

    /// Deals with the keys of an object that the format does not have.
    fn unknown(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        allowed: &'static [&'static str],
        instead: &str,
    ) -> Result<(), Error> {
        for key in map.keys().filter(|k| !allowed.contains(&k.as_str())) {
            let path = if path == "(top level)" { key.clone() } else { format!("{path}.{key}") };
            self.problem(Error::UnknownField { path, expected: allowed }, instead)?;
        }
        Ok(())
    }

    /// The scheme the scenario was made under (`{"fingerprint", "number"}`). What is wrong with it only
    /// loses the notice that the scenario was made under another scheme, never a figure.
    fn scheme_mark(&mut self, value: &Value) -> Result<Option<SchemeMark>, Error> {
        const KEYS: &[&str] = &["fingerprint", "number"];
        let instead = "已略去（只影响“按哪个考评方案编制”的提示，不影响结果）";
        let Value::Object(map) = value else {
            self.problem(Error::WrongType { path: "scheme".to_owned(), expected: "an object" }, instead)?;
            return Ok(None);
        };
        self.unknown(map, "scheme", KEYS, instead)?;
        let fingerprint = match map.get("fingerprint") {
            Some(Value::String(f))
                if f.len() == 8 && f.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
            {
                f.clone()
            }
            _ => {
                let error = Error::WrongType { path: "scheme.fingerprint".to_owned(), expected: "a fingerprint" };
                self.problem(error, instead)?;
                return Ok(None);
            }
        };
        let number = match map.get("number") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(n)) => n.clone(),
            Some(_) => {
                self.problem(Error::WrongType { path: "scheme.number".to_owned(), expected: "a string" }, instead)?;
                String::new()
            }
        };
        Ok(Some(SchemeMark { fingerprint, number }))
    }

    /// An optional text field (`name`, `note`): a string, kept as written; empty is absent.
    fn text(&mut self, value: &Value, key: &str) -> Result<Option<String>, Error> {
        match value {
            Value::String(text) => Ok(Some(text.clone()).filter(|t| !t.is_empty())),
            _ => {
                self.problem(Error::WrongType { path: key.to_owned(), expected: "a string" }, "已略去")?;
                Ok(None)
            }
        }
    }

    /// The `settings` or `city` object, walked along the settings table.
    fn settings(&mut self, value: &Value, group: Group, scenario: &mut Scenario) -> Result<(), Error> {
        let path = group.key();
        let Value::Object(map) = value else {
            let instead = match group {
                Group::Settings => "已略去，各项计分口径按默认",
                Group::City => "已略去，各项全市数字由参评银行的数据推算",
            };
            return self.problem(Error::WrongType { path: path.to_owned(), expected: "an object" }, instead);
        };
        self.unknown(map, path, group_keys(group), "已略去（不属于测算数据，不影响结果）")?;
        for setting in Setting::of(group) {
            let Some(value) = present(map, setting.key()) else { continue };
            let place = setting.path();
            let read =
                match (setting.spec().kind, value) {
                    (SettingKind::Choice(_), Value::String(text)) => setting
                        .parse(text)
                        .map_err(|problem| Error::Value { path: place.clone(), text: text.clone(), problem }),
                    (SettingKind::Choice(_), _) => Err(Error::WrongType { path: place.clone(), expected: "a string" }),
                    // A value of the wrong type is dropped like any other (`?` would refuse the file).
                    (SettingKind::Number { .. }, value) => match number_text(value) {
                        Err(not) => Err(not.at(place.clone())),
                        Ok(None) => Ok(SettingValue::Number(None)),
                        Ok(Some(text)) => setting.parse(text).map_err(|problem| Error::Value {
                            path: place.clone(),
                            text: text.to_owned(),
                            problem,
                        }),
                    },
                };
            let instead = match setting.spec().kind {
                SettingKind::Choice(_) => format!("已略去，按默认的“{}”计", setting.fallback()),
                SettingKind::Number { .. } => format!("已略去，按未填写计：{}", setting.fallback()),
            };
            match read.and_then(|v| {
                setting.set(scenario, v).map_err(|problem| Error::Value {
                    path: place.clone(),
                    text: String::new(),
                    problem,
                })
            }) {
                Ok(()) => {}
                Err(error) => self.problem(error, &instead)?,
            }
        }
        Ok(())
    }

    /// The `deposits` object: each fund's amount, `{"funds": [{"id": "fiscal", "amount": "60"}]}`.
    fn deposits(&mut self, value: &Value, scenario: &mut Scenario) -> Result<(), Error> {
        let dropped = "已略去，各项公共性资金按未填写金额计（只测算占比）";
        let Value::Object(map) = value else {
            return self.problem(Error::WrongType { path: "deposits".to_owned(), expected: "an object" }, dropped);
        };
        self.unknown(map, "deposits", DEPOSITS_KEYS, "已略去（不属于测算数据，不影响结果）")?;
        let Some(funds) = present(map, "funds") else { return Ok(()) };
        let Value::Array(funds) = funds else {
            return self.problem(Error::WrongType { path: "deposits.funds".to_owned(), expected: "a list" }, dropped);
        };
        let dropped_fund = "这一项略去，该项资金按未填写金额计";
        for (i, fund) in funds.iter().enumerate() {
            let path = format!("deposits.funds[{i}]");
            let Value::Object(entry) = fund else {
                self.problem(Error::WrongType { path, expected: "an object" }, dropped_fund)?;
                continue;
            };
            self.unknown(entry, &path, FUND_KEYS, "已略去（不属于测算数据，不影响结果）")?;
            let Some(id) = self.id(entry, &path, dropped_fund)? else { continue };
            if !self.is_fund(&id, || format!("{path}.id"), dropped_fund)? {
                continue;
            }
            if scenario.deposits.funds.get(&id).is_some() {
                self.problem(
                    Error::DuplicateFund { path: format!("{path}.id"), id },
                    "这一项略去，以前面同一项资金的金额为准",
                )?;
                continue;
            }
            let Some(value) = present(entry, "amount") else { continue };
            let read = number(
                value,
                || format!("{path}.amount"),
                |text| {
                    scenario.deposits.funds.set(&id, Some(Amount::parse(text)?));
                    Ok(())
                },
            );
            if let Err(error) = read {
                self.problem(error, "已略去，按未填写金额计（只测算占比）")?;
            }
        }
        Ok(())
    }

    /// The `banks` list: each entry read into the scenario, in annex order.
    fn banks(&mut self, value: &Value, scenario: &mut Scenario) -> Result<(), Error> {
        let Value::Array(banks) = value else {
            return self.problem(
                Error::WrongType { path: "banks".to_owned(), expected: "a list" },
                "已略去，各家银行按未填写计（附件中的余额按恰好完成任务）",
            );
        };
        let Some(scheme) = self.scheme else { return Ok(()) };
        let dropped_bank = "这家银行的数据全部略去，按未填写计";
        for (i, bank) in banks.iter().enumerate() {
            let path = format!("banks[{i}]");
            let Some(input) = self.bank(bank, &path)? else { continue };
            if scheme.bank_index(&input.id).is_none() && !self.keep_unknown {
                self.problem(Error::UnknownBank { path: format!("{path}.id"), id: input.id }, dropped_bank)?;
                continue;
            }
            if scenario.bank(&input.id).is_some() {
                self.problem(
                    Error::DuplicateBank { path: format!("{path}.id"), id: input.id },
                    "这一行略去，以前面同一家银行的数据为准",
                )?;
                continue;
            }
            scenario.banks.push(input);
        }
        // Annex order, so that a file's bank order changes nothing, not even how it is written back;
        // banks the scheme lacks last, in the file's order.
        crate::order::sort_by_key(&mut scenario.banks, |b| scheme.bank_index(&b.id).unwrap_or(usize::MAX));
        Ok(())
    }

    /// One bank entry; `None` when it is dropped whole (not an object, no id).
    fn bank(&mut self, value: &Value, path: &str) -> Result<Option<BankInput>, Error> {
        let dropped_bank = "这家银行的数据全部略去，按未填写计";
        let Value::Object(b) = value else {
            self.problem(Error::WrongType { path: path.to_owned(), expected: "an object" }, dropped_bank)?;
            return Ok(None);
        };
        self.unknown(b, path, &BANK_KEYS, "已略去（不属于测算数据，不影响结果）")?;
        // Without its id nothing else of the entry can be placed.
        let Some(id) = self.id(b, path, dropped_bank)? else { return Ok(None) };
        let mut bank = BankInput::new(&id);
        for group in GROUPS.iter() {
            if let Some(prefix) = group.prefix {
                // A nested object (`startup_guarantee: {target, actual, newly_included}`).
                let Some(value) = present(b, prefix) else { continue };
                let nested_path = format!("{path}.{prefix}");
                let Value::Object(nested) = value else {
                    self.problem(
                        Error::WrongType { path: nested_path, expected: "an object" },
                        "这一组数据略去，按未填写计",
                    )?;
                    continue;
                };
                self.unknown(nested, &nested_path, &group.keys, "已略去（不属于测算数据，不影响结果）")?;
                for &(field, key) in &group.fields {
                    self.field(nested, &nested_path, field, key, &mut bank)?;
                }
            } else {
                for &(field, key) in &group.fields {
                    self.field(b, path, field, key, &mut bank)?;
                }
            }
        }
        for figure in FundFigure::ALL {
            if let Some(value) = present(b, figure.key()) {
                self.fund_figure(value, path, figure, &mut bank)?;
            }
        }
        Ok(Some(bank))
    }

    /// The `id` of an entry (a bank, a fund); `None` when it is missing or not a string, which drops
    /// the entry.
    fn id(&mut self, entry: &Map<String, Value>, path: &str, dropped: &str) -> Result<Option<String>, Error> {
        let error = match entry.get("id") {
            Some(Value::String(id)) => return Ok(Some(id.clone())),
            None | Some(Value::Null) => Error::Missing { path: format!("{path}.id") },
            Some(_) => Error::WrongType { path: format!("{path}.id"), expected: "a string" },
        };
        self.problem(error, dropped)?;
        Ok(None)
    }

    /// A per-fund figure's object (`department_scores: {"fiscal": 92}`): each value read through the
    /// bounds of the bank figure it stands in for, each key one of the scheme's funds.
    fn fund_figure(
        &mut self,
        value: &Value,
        path: &str,
        figure: FundFigure,
        bank: &mut BankInput,
    ) -> Result<(), Error> {
        // Places are spelled out only for a refusal, as for every other figure (issue 20).
        let Value::Object(map) = value else {
            return self.problem(
                Error::WrongType { path: member_path(path, figure.key()), expected: "an object" },
                "这一组数据略去，各项资金按各项资金共用的得分计",
            );
        };
        for (id, value) in map {
            let place = || format!("{path}.{}.{id}", figure.key());
            if self.is_fund(id, place, "已略去")? {
                if let Err(error) = number(value, place, |text| figure.set_text(bank, id, text)) {
                    self.problem(error, "已略去，这项资金按各项资金共用的得分计")?;
                }
            }
        }
        Ok(())
    }

    /// Whether `id` is one of the scheme's public funds; if not, that is a problem at `place`.
    fn is_fund(&mut self, id: &str, place: impl FnOnce() -> String, dropped: &str) -> Result<bool, Error> {
        let Some(scheme) = self.scheme else { return Ok(false) };
        let funds = &scheme.rules.outcomes.funds;
        if funds.iter().any(|f| f.id == id) {
            return Ok(true);
        }
        let expected = funds.iter().map(|f| f.id.clone()).collect();
        self.problem(Error::UnknownFund { path: place(), id: id.to_owned(), expected }, dropped)?;
        Ok(false)
    }

    /// Reads one field of the table from an object into `bank`: flags as `true`/`false`, figures as
    /// numbers or strings, each through its bounded type.
    fn field(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        field: Field,
        key: &str,
        bank: &mut BankInput,
    ) -> Result<(), Error> {
        let Some(value) = present(map, key) else { return Ok(()) };
        // The place is named only in a refusal: spelling it out for every figure read was a tenth
        // of reading a file (issue 20). The value is set as `figure` read it, through the field's
        // type: writing it out and reading it back would give the same value again.
        let result = figure(value, field, path, key).and_then(|value| match value {
            None => Ok(()),
            Some(v) => field.set_exact(bank, v).map_err(|problem| Error::Value {
                path: member_path(path, key),
                text: v.to_string(),
                problem,
            }),
        });
        match result {
            Ok(()) => Ok(()),
            Err(error) => self.problem(error, instead_of(field)),
        }
    }
}

/// What counts when a source is dropped: it never changes a score.
const SOURCE_DROPPED: &str = "已略去（来源信息，不影响结果）";
/// What counts when a verification is dropped: the bank's figure stays as it is.
const VERIFICATION_DROPPED: &str = "这条核实记录已略去，计分仍按现有数字";

/// What [`Reader::by_bank`] does with each bank's object: given the reader, the bank id, the object
/// and its path.
type EachBank<'f, 's> = dyn FnMut(&mut Reader<'s>, &str, &Map<String, Value>, &str) -> Result<(), Error> + 'f;

impl<'s> Reader<'s> {
    /// A member that is an object by bank id, each bank's entry an object (`sources`, `verified`):
    /// each bank known to the scheme and each entry an object is handed to `each` with its path
    /// (`sources.icbc`); anything else is dropped with `dropped`. One walker for every such member.
    fn by_bank(&mut self, value: &Value, key: &str, dropped: &str, each: &mut EachBank<'_, 's>) -> Result<(), Error> {
        let Some(map) = self.object(value, key, dropped)? else { return Ok(()) };
        let Some(scheme) = self.scheme else { return Ok(()) };
        for (id, entry) in map {
            let path = member_path(key, id);
            if scheme.bank_index(id).is_none() {
                self.problem(Error::UnknownBank { path, id: id.clone() }, dropped)?;
                continue;
            }
            if let Some(members) = self.object(entry, &path, dropped)? {
                each(self, id, members, &path)?;
            }
        }
        Ok(())
    }

    /// `value` as an object; `None` when it is not one, which is dropped with `dropped`.
    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        dropped: &str,
    ) -> Result<Option<&'v Map<String, Value>>, Error> {
        if let Value::Object(map) = value {
            return Ok(Some(map));
        }
        self.problem(Error::WrongType { path: path.to_owned(), expected: "an object" }, dropped)?;
        Ok(None)
    }

    /// The `sources` object: for each bank id, the file its figures came from, 填报人, 联系电话 and
    /// 填报日期, walked along the source table.
    fn sources(&mut self, value: &Value, scenario: &mut Scenario) -> Result<(), Error> {
        self.by_bank(value, "sources", SOURCE_DROPPED, &mut |r, id, members, path| {
            r.unknown(members, path, &SOURCE_KEYS, SOURCE_DROPPED)?;
            let mut source = Source::default();
            for spec in &SOURCE_FIELDS {
                let place = member_path(path, spec.key);
                match present(members, spec.key) {
                    None => {}
                    Some(Value::String(text)) => {
                        if let Err(problem) = spec.field.set_as_written(&mut source, text) {
                            r.problem(Error::Date { path: place, text: text.clone(), problem }, "已略去，按未填写计")?;
                        }
                    }
                    Some(_) => r.problem(Error::WrongType { path: place, expected: "a string" }, "已略去")?,
                }
            }
            if source.file.is_empty() {
                return r.problem(Error::Missing { path: member_path(path, "file") }, SOURCE_DROPPED);
            }
            scenario.sources.insert(id.to_owned(), source);
            Ok(())
        })
    }

    /// The `verified` object: for each bank id and figure key, the declared value and the reason.
    fn verified(&mut self, value: &Value, scenario: &mut Scenario) -> Result<(), Error> {
        self.by_bank(value, "verified", VERIFICATION_DROPPED, &mut |r, id, figures, path| {
            for (key, entry) in figures {
                let place = member_path(path, key);
                let Some(field) = Field::from_key(key) else {
                    r.problem(Error::UnknownField { path: place, expected: &FIELD_KEYS }, VERIFICATION_DROPPED)?;
                    continue;
                };
                if let Some(verification) = r.verification(entry, field, &place)? {
                    scenario.verified.get_or_default(id.to_owned()).insert(field, verification);
                }
            }
            Ok(())
        })
    }

    /// One verification: `{"declared": …, "reason": "…"}`; `None` when it is dropped.
    fn verification(&mut self, value: &Value, field: Field, place: &str) -> Result<Option<Verification>, Error> {
        let Some(members) = self.object(value, place, VERIFICATION_DROPPED)? else { return Ok(None) };
        self.unknown(members, place, &VERIFICATION_KEYS, VERIFICATION_DROPPED)?;
        let declared = match present(members, "declared") {
            None => Ok(None),
            Some(value) => figure(value, field, place, "declared"),
        };
        let declared = match declared {
            Ok(declared) => declared,
            Err(error) => {
                self.problem(error, VERIFICATION_DROPPED)?;
                return Ok(None);
            }
        };
        let reason = match present(members, "reason") {
            Some(Value::String(text)) if !text.trim().is_empty() => text.clone(),
            Some(Value::String(_)) | None => {
                self.problem(Error::Missing { path: member_path(place, "reason") }, VERIFICATION_DROPPED)?;
                return Ok(None);
            }
            Some(_) => {
                self.problem(
                    Error::WrongType { path: member_path(place, "reason"), expected: "a string" },
                    VERIFICATION_DROPPED,
                )?;
                return Ok(None);
            }
        };
        Ok(Some(Verification { declared, reason }))
    }
}

/// Every figure's key, for messages.
static FIELD_KEYS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| FIELDS.iter().map(|f| f.key).collect());

/// The `sources` object, or nothing when no bank has one.
fn sources_value(scenario: &Scenario) -> Option<Value> {
    let mut banks = Map::new();
    for (id, source) in &scenario.sources {
        let mut members = Map::new();
        for spec in &SOURCE_FIELDS {
            if let Some(text) = spec.field.get(source) {
                members.insert(spec.key.to_owned(), Value::String(text));
            }
        }
        banks.insert(id.clone(), Value::Object(members));
    }
    (!banks.is_empty()).then_some(Value::Object(banks))
}

/// The `verified` object, or nothing when no figure is verified.
fn verified_value(scenario: &Scenario) -> Option<Value> {
    let mut banks = Map::new();
    for (id, figures) in &scenario.verified {
        let mut members = Map::new();
        for (field, v) in figures {
            let mut entry = Map::new();
            entry.insert("declared".to_owned(), figure_value(*field, v.declared));
            entry.insert("reason".to_owned(), Value::String(v.reason.clone()));
            members.insert(field.key().to_owned(), Value::Object(entry));
        }
        if !members.is_empty() {
            banks.insert(id.clone(), Value::Object(members));
        }
    }
    (!banks.is_empty()).then_some(Value::Object(banks))
}

/// `path.key`: the path of a member, without the formatting machinery (one body for every record
/// member's path).
#[inline(never)]
fn member_path(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    out.push_str(path);
    out.push('.');
    out.push_str(key);
    out
}

/// What counts when a bank's figure is dropped.
fn instead_of(field: Field) -> &'static str {
    match (field.kind(), field.spec().annex) {
        (Kind::Flag, _) => "已略去，按“否”计",
        (_, Some(_)) => "已略去，按未填写计：恰好完成任务",
        (_, None) => "已略去，按未填写计",
    }
}

/// A field's key inside its object: `target` for `startup_guarantee.target`.
fn local_key(field: Field) -> &'static str {
    let key = field.key();
    key.split_once('.').map_or(key, |(_, local)| local)
}

/// Fields of a bank entry that share an object: the top level (`prefix` `None`) or one nested object.
struct FieldGroup {
    prefix: Option<&'static str>,
    /// The keys the object may have, for [`Reader::unknown`].
    keys: Vec<&'static str>,
    /// Its fields in table order, each with its key inside the object.
    fields: Vec<(Field, &'static str)>,
}

/// The groups of the bank entry, in table order, worked out once from the field table.
static GROUPS: std::sync::LazyLock<Vec<FieldGroup>> = std::sync::LazyLock::new(|| {
    let mut groups = vec![FieldGroup { prefix: None, keys: vec!["id"], fields: Vec::new() }];
    for spec in &FIELDS {
        let prefix = spec.key.split_once('.').map(|(p, _)| p);
        let local = local_key(spec.field);
        let group = match groups.iter().position(|g| g.prefix == prefix) {
            Some(at) => &mut groups[at],
            None => {
                groups.push(FieldGroup { prefix, keys: Vec::new(), fields: Vec::new() });
                groups.last_mut().expect("just pushed")
            }
        };
        group.keys.push(local);
        group.fields.push((spec.field, local));
    }
    groups
});

/// The keys a bank entry may have, in file order: `id`, then each field or nested object, then each
/// per-fund figure's object.
static BANK_KEYS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut keys = vec!["id"];
    for spec in &FIELDS {
        let top = spec.key.split_once('.').map_or(spec.key, |(p, _)| p);
        if !keys.contains(&top) {
            keys.push(top);
        }
    }
    keys.extend(FUND_FIGURES.iter().map(|f| f.key));
    keys
});

/// The public list of a bank entry's keys, for messages and documentation.
pub fn bank_keys() -> &'static [&'static str] {
    &BANK_KEYS
}

/// The `settings` or `city` object: every setting of the group (`full`), or only those typed in
/// (choices are always written).
fn settings_value(scenario: &Scenario, group: Group, full: bool) -> Value {
    let mut out = Map::new();
    for setting in Setting::of(group) {
        let value = match setting.get(scenario) {
            SettingValue::Choice(v) => Value::String(v.to_owned()),
            SettingValue::Number(Some(v)) => Value::String(v.to_string()),
            SettingValue::Number(None) if full => Value::Null,
            SettingValue::Number(None) => continue,
        };
        out.insert(setting.key().to_owned(), value);
    }
    Value::Object(out)
}

/// The `banks` list: every bank entered (`full`: every bank listed, with every field).
fn banks_value(scenario: &Scenario, full: bool) -> Value {
    let funds = fund_ids(scenario);
    Value::Array(
        scenario
            .banks
            .iter()
            .map(|bank| bank_value(bank, &funds, full))
            .filter(|b| full || b.as_object().is_some_and(|m| m.len() > 1))
            .collect(),
    )
}

/// The ids of the scenario's year's public funds, in the scheme's order.
fn fund_ids(scenario: &Scenario) -> Vec<&'static str> {
    Scheme::builtin(scenario.year)
        .map(|scheme| scheme.rules.outcomes.funds.iter().map(|f| f.id.as_str()).collect())
        .unwrap_or_default()
}

/// The `deposits` object: each fund's amount, in the scheme's order; every fund when `full`; left out
/// when no amount is typed (and not `full`).
fn deposits_value(scenario: &Scenario, full: bool) -> Option<Value> {
    if !full && scenario.deposits.is_empty() {
        return None;
    }
    let mut funds = Vec::new();
    for id in fund_ids(scenario) {
        let amount = scenario.deposits.funds.get(id);
        if full || amount.is_some() {
            let mut entry = Map::new();
            entry.insert("id".to_owned(), Value::String(id.to_owned()));
            entry.insert("amount".to_owned(), amount.map_or(Value::Null, |a| Value::String(a.get().to_string())));
            funds.push(Value::Object(entry));
        }
    }
    let mut out = Map::new();
    out.insert("funds".to_owned(), Value::Array(funds));
    Some(Value::Object(out))
}

/// A bank entry as JSON: figures as decimal strings, counts and grades as numbers, flags as
/// booleans. `full` writes every field (absent ones as `null`, flags as `false`); otherwise only
/// what is entered.
fn bank_value(bank: &BankInput, funds: &[&str], full: bool) -> Value {
    let mut out = Map::new();
    out.insert("id".to_owned(), Value::String(bank.id.clone()));
    for spec in &FIELDS {
        let value = figure_value(spec.field, spec.field.get(bank));
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
    // Each per-fund figure: the funds given, in the scheme's order (every fund when `full`).
    for figure in FundFigure::ALL {
        let mut nested = Map::new();
        for &fund in funds {
            match figure.get(bank, fund) {
                Some(v) => {
                    nested.insert(fund.to_owned(), Value::String(v.to_string()));
                }
                None if full => {
                    nested.insert(fund.to_owned(), Value::Null);
                }
                None => {}
            }
        }
        if full || !nested.is_empty() {
            out.insert(figure.key().to_owned(), Value::Object(nested));
        }
    }
    Value::Object(out)
}

/// A figure as the file writes it: decimal strings, counts and grades as numbers, flags as booleans
/// (`None`: `null`, or `false` for a flag).
fn figure_value(field: Field, value: Option<Decimal>) -> Value {
    match (value, field.kind()) {
        (None, Kind::Flag) => Value::Bool(false),
        (Some(_), Kind::Flag) => Value::Bool(true),
        (None, _) => Value::Null,
        // Whole by their types (a count, a grade): written as JSON integers.
        (Some(v), Kind::Count | Kind::Policy) => {
            v.to_i64().filter(|_| v.fract().is_zero()).map_or(Value::Null, Value::from)
        }
        (Some(v), _) => Value::String(v.to_string()),
    }
}

/// A field's value, treating `null` as absent.
fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// Reads a number given as a JSON number or a string and hands its text to `take`; `null` and empty
/// text are absent (nothing taken). A refusal names `place`, spelled out only then.
fn number(
    value: &Value,
    place: impl FnOnce() -> String,
    take: impl FnOnce(&str) -> Result<(), ValueError>,
) -> Result<(), Error> {
    match number_text(value) {
        Ok(Some(text)) if !text.is_empty() => {
            take(text).map_err(|problem| Error::Value { path: place(), text: text.to_owned(), problem })
        }
        Ok(_) => Ok(()),
        Err(not) => Err(not.at(place())),
    }
}

/// A figure's value as written at `path.key`: a flag as `true`/`false`, a number as a number or a
/// string, through the field's bounded type; `None` for an empty one. Bank entries and verified
/// figures' declarations read it alike. The place is spelled out only for a refusal.
fn figure(value: &Value, field: Field, path: &str, key: &str) -> Result<Option<Decimal>, Error> {
    if field.kind() == Kind::Flag {
        return match value {
            Value::Bool(b) => Ok(b.then_some(Decimal::ONE)),
            _ => Err(Error::WrongType { path: member_path(path, key), expected: "true or false" }),
        };
    }
    let text = match number_text(value) {
        Ok(Some(text)) if !text.is_empty() => text,
        Ok(_) => return Ok(None),
        Err(not) => return Err(not.at(member_path(path, key))),
    };
    field.kind().parse(text).map(Some).map_err(|problem| Error::Value {
        path: member_path(path, key),
        text: text.to_owned(),
        problem,
    })
}

/// The text of a number given as a JSON number or a string, trimmed; `None` for null. `Err` for any
/// other JSON type, which the caller names with its place ([`NotANumber::at`]), so that the place is
/// spelled out only for a refusal.
fn number_text(value: &Value) -> Result<Option<&str>, NotANumber> {
    match value {
        Value::Null => Ok(None),
        // With serde_json's arbitrary_precision the number keeps the text it was written with.
        Value::Number(n) => Ok(Some(n.as_str())),
        Value::String(s) => Ok(Some(s.trim())),
        _ => Err(NotANumber),
    }
}

/// A value that should have been a number and is of another JSON type.
struct NotANumber;

impl NotANumber {
    fn at(self, path: String) -> Error {
        Error::WrongType { path, expected: "a number" }
    }
}
