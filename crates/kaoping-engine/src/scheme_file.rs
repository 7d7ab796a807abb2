//! `kaoping-scheme/1`: a year's scheme as one file, which the finance bureau makes, checks and loads
//! without a developer.
//!
//! ```json
//! { "format": "kaoping-scheme/1", "year": 2024,
//!   "document": { "title": "2024年度……考评办法", "number": "黄政办发〔2024〕10号",
//!                 "date": "2024-03-27", "issuer": "黄石市人民政府办公室" },
//!   "parameters": { … },
//!   "annexes": { … } }
//! ```
//! `parameters` and `annexes` have exactly the shapes of the engine's `data/2024/parameters.json` and
//! `annexes.json`: the built-in 2024 scheme is such a file, made of those two and `document.json`
//! ([`Scheme::builtin`]; `kaoping scheme export 2024` prints it).
//!
//! Reading checks the file and refuses it at the first fault, naming the place
//! (`annexes.sme.rows[3].bank`):
//! - the structure: every key known, every number a decimal within bounds. An item key, a column or a
//!   band the engine lacks is refused, naming it: a scheme file changes numbers, banks and bands, not
//!   the shape of the 18 items, which is code;
//! - the banks: ids and names unique; every annex table has exactly one row per bank and none for a
//!   bank not in the list;
//! - the figures: balances, scored tasks and targets above zero, rates never negative, households whole;
//! - the bands covering every rank from 1 to the number of banks, each rank once, best band first;
//! - the policy grades covering every whole score from -10 to 10 (the scores 二(四)1 gives) once;
//! - the weights of 四(四) adding up to 100.
//!
//! The annex arithmetic (totals that are not sums, tasks that are not balance × rate rounded) is told,
//! never refused: published figures are used as published ([`Scheme::annex_checks`]).
//!
//! Bounds keep the engine's exact arithmetic inside rust_decimal's range whatever a file says: a rule
//! number lies between 0 and [`RULE_NUMBER_MAX`] (an input-check threshold between minus and plus it), an annex figure between 0 and [`Amount::MAX`], each
//! with at most 8 decimals.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::items::Band;
use crate::parameters::Parameters;
use crate::scheme::{AnnexTable, Annexes, BankInfo, Document, DongchuRow, LoanRow, Scheme, TaskRow, SCHEME_FORMAT};
use crate::scheme_problem::{SchemeProblem, TableShape, HOUSEHOLDS, TABLES};
use crate::values::{parse_exact, Amount, ValueError};

/// The scheme year the engine's own words (field labels, reasons, warnings) are written for.
pub const WORDS_YEAR: u16 = 2024;

/// The largest rule number a scheme file may give (full marks, steps, caps, weights, thresholds).
pub const RULE_NUMBER_MAX: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);

const TOP_KEYS: &[&str] = &["format", "year", "document", "parameters", "annexes"];
const DOCUMENT_KEYS: &[&str] = &["title", "number", "date", "issuer"];
/// The keys of `annexes` besides the tables of [`TABLES`].
const ANNEX_HEAD_KEYS: &[&str] = &["format", "year", "source", "banks"];
const BANK_KEYS: &[&str] = &["id", "short_name", "full_name", "legal_name", "aliases", "listed_name"];
const TABLE_KEYS: &[&str] = &["title", "clause", "unit", "note", "columns", "rates_pct", "rows", "stated_total"];

/// A refusal at `path`.
fn at(path: impl Into<String>, problem: SchemeProblem) -> Error {
    Error::Scheme { path: path.into(), problem }
}

fn object<'a>(value: &'a Value, path: &str, allowed: &[&str]) -> Result<&'a Map<String, Value>, Error> {
    let Value::Object(map) = value else {
        return Err(at(path, SchemeProblem::WrongType { expected: "an object".to_owned() }));
    };
    if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        let expected = allowed.iter().map(|k| (*k).to_owned()).collect();
        return Err(at(join(path, unknown), SchemeProblem::UnknownKey { expected }));
    }
    Ok(map)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn required<'a>(map: &'a Map<String, Value>, path: &str, key: &str) -> Result<&'a Value, Error> {
    map.get(key).filter(|v| !v.is_null()).ok_or_else(|| at(join(path, key), SchemeProblem::Missing))
}

fn text(map: &Map<String, Value>, path: &str, key: &str) -> Result<String, Error> {
    match required(map, path, key)? {
        Value::String(s) => Ok(s.clone()),
        _ => Err(at(join(path, key), SchemeProblem::WrongType { expected: "a string".to_owned() })),
    }
}

fn non_empty(map: &Map<String, Value>, path: &str, key: &str) -> Result<String, Error> {
    let value = text(map, path, key)?;
    if value.trim().is_empty() {
        return Err(at(join(path, key), SchemeProblem::Empty));
    }
    Ok(value)
}

/// A number's text, from a JSON string or number (numbers keep their text: `arbitrary_precision`).
fn number_text(value: &Value, path: &str) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s.trim().to_owned()),
        Value::Number(n) => Ok(n.as_str().to_owned()),
        _ => Err(at(path, SchemeProblem::WrongType { expected: "a number".to_owned() })),
    }
}

/// A figure of an annex: a decimal from 0 to [`Amount::MAX`] with at most 8 decimals.
fn figure(value: &Value, path: &str) -> Result<Decimal, Error> {
    bounded(value, path, Amount::MAX)
}

/// A decimal from 0 to `max` with at most 8 decimals; a negative one is told as such.
fn bounded(value: &Value, path: &str, max: Decimal) -> Result<Decimal, Error> {
    let text = number_text(value, path)?;
    let number =
        parse_exact(&text).map_err(|problem| at(path, SchemeProblem::Number { text: text.clone(), problem }))?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(at(path, SchemeProblem::Negative { text }));
    }
    if number > max {
        let problem = ValueError::OutOfRange { min: Decimal::ZERO, max };
        return Err(at(path, SchemeProblem::Number { text, problem }));
    }
    if number.normalize().scale() > 8 {
        return Err(at(path, SchemeProblem::Number { text, problem: ValueError::TooManyDecimals { max: 8 } }));
    }
    Ok(number)
}

/// A number's value with its sign dropped, so that [`bounded`] checks a signed threshold's size.
fn negated_if_negative(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(text.trim().trim_start_matches('-').to_owned()),
        other => Value::String(serde_json::to_string(other).unwrap_or_default().trim_start_matches('-').to_owned()),
    }
}

fn whole_year(value: &Value, path: &str) -> Result<u16, Error> {
    let text = number_text(value, path)?;
    text.parse::<u16>()
        .ok()
        .filter(|y| (2000..=2999).contains(y))
        .ok_or_else(|| at(path, SchemeProblem::WrongType { expected: crate::scheme_problem::YEAR.to_owned() }))
}

fn format_of(map: &Map<String, Value>, path: &str, expected: &'static str) -> Result<(), Error> {
    match map.get("format") {
        Some(Value::String(f)) if f == expected => Ok(()),
        Some(Value::String(f)) => {
            Err(at(join(path, "format"), SchemeProblem::Format { found: Some(f.clone()), expected }))
        }
        Some(other) => {
            Err(at(join(path, "format"), SchemeProblem::Format { found: Some(other.to_string()), expected }))
        }
        None => Err(at(join(path, "format"), SchemeProblem::Format { found: None, expected })),
    }
}

fn same_year(map: &Map<String, Value>, path: &str, year: u16) -> Result<(), Error> {
    let path = join(path, "year");
    let found =
        number_text(map.get("year").unwrap_or(&Value::Null), &path).map_err(|_| at(&path, SchemeProblem::Missing))?;
    if found == year.to_string() {
        Ok(())
    } else {
        Err(at(path, SchemeProblem::Year { found, expected: year }))
    }
}

impl Scheme {
    /// Reads a `kaoping-scheme/1` file and checks it (see the module's documentation). A refusal is an
    /// [`Error::Scheme`] naming the place, or [`Error::Json`] for text that is not JSON.
    pub fn from_json(text: &str) -> Result<Scheme, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let message = message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]).to_owned();
            Error::Json { line: e.line(), column: e.column(), message }
        })?;
        Scheme::from_value(value)
    }

    /// Reads a scheme file already parsed as JSON, checking it first.
    pub fn from_value(value: Value) -> Result<Scheme, Error> {
        check(&value)?;
        let fingerprint = fingerprint(&value);
        Scheme::from_checked(value, fingerprint)
    }

    /// Reads a scheme file checked before, without checking it again: `text` must still have the
    /// `fingerprint` the checks gave it (the page keeps an adopted file with its fingerprint and reads
    /// it this way, so that its own module need not carry the checks; the spreadsheet module checks a
    /// file before it is adopted). `None` when the text is not that file any more.
    pub fn from_known(text: &str, fingerprint: &str) -> Option<Scheme> {
        let value: Value = serde_json::from_str(text).ok()?;
        if self::fingerprint(&value) != fingerprint {
            return None;
        }
        Scheme::from_checked(value, fingerprint.to_owned()).ok()
    }

    /// Builds the scheme of a file that passes [`check`], whose fingerprint is `fingerprint`: the
    /// built-in one (which the tests check, so that the page need not carry the checks for it; its
    /// fingerprint worked out when the engine was built) or one just checked. Nothing is named if it
    /// cannot be read after all; that would be a bug.
    pub(crate) fn from_checked(value: Value, fingerprint: String) -> Result<Scheme, Error> {
        let unreadable = |what: &str| Error::BuiltinData { message: format!("{what} cannot be read") };
        let year = whole_year(value.get("year").unwrap_or(&Value::Null), "year")?;
        let document = read_document(value.get("document").unwrap_or(&Value::Null))?;
        let parameters = value.get("parameters").unwrap_or(&Value::Null);
        let rules = Parameters::from_value(parameters).map_err(|_| unreadable("parameters"))?;
        let annexes = value.get("annexes").ok_or_else(|| unreadable("annexes"))?;
        let banks: Vec<BankInfo> = annexes
            .get("banks")
            .and_then(Value::as_array)
            .ok_or_else(|| unreadable("annexes.banks"))?
            .iter()
            .map(bank_info)
            .collect();
        let tables: Vec<AnnexTable> = TABLES
            .iter()
            .map(|shape| build_table(shape, annexes.get(shape.key).unwrap_or(&Value::Null), &banks))
            .collect();
        let annexes = annex_rows(tables, banks.len());
        Ok(Scheme { year, banks, annexes, rules, document, fingerprint, file: Arc::new(value) })
    }

    /// The scheme file as pretty JSON: what was read, as it was read (key order kept).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&*self.file).unwrap_or_default() + "\n"
    }

    /// The scheme file as a JSON value.
    pub fn file(&self) -> &Value {
        &self.file
    }

    /// The scheme in a few words, as results, printouts and exports name it:
    /// `2024年度（黄政办发〔2024〕10号）`, or `2025年度（文号未填）` for a draft.
    pub fn label(&self) -> String {
        let number =
            if self.document.number.trim().is_empty() { "文号未填" } else { self.document.number.as_str() };
        format!("{}年度（{number}）", self.year)
    }

    /// The engine's own words for this scheme's years. Field labels, reasons and warnings are written
    /// for the 2024 scheme (`贷款余额（2024年末）`, `2023年末余额为 0`); under another year's scheme
    /// their years move on with it (`贷款余额（2025年末）`). Under 2024 the text is returned as it is.
    pub fn words<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.year == WORDS_YEAR {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(shift_years(text, WORDS_YEAR, self.year))
        }
    }

    /// The scheme as result files name it: `{"year", "title", "number", "fingerprint"}`.
    pub fn identity(&self) -> Value {
        serde_json::json!({
            "year": self.year,
            "title": self.document.title,
            "number": self.document.number,
            "fingerprint": self.fingerprint,
        })
    }

    /// What a reader of the file should know that is not a refusal: a draft without 文号 or date.
    /// The annex arithmetic is [`Scheme::annex_checks`].
    pub fn file_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.document.number.trim().is_empty() {
            notes.push("文号（document.number）未填写：结果、打印件和分享链接将标为“文号未填”。".to_owned());
        }
        if self.document.date.trim().is_empty() {
            notes.push("印发日期（document.date）未填写。".to_owned());
        }
        notes
    }
}

/// Moves the year words of a text on: with `from` 2024 and `to` 2025, `2024年` becomes `2025年` and
/// `2023 年末` becomes `2024 年末`. A year word is `from` or the year before it, standing alone (no
/// digit or point either side) and followed by 年 (spaces between allowed); every other number, such
/// as an amount of 2024.00 亿元, is left as it is. Each word moves once.
pub(crate) fn shift_years(text: &str, from: u16, to: u16) -> String {
    let shift = i32::from(to) - i32::from(from);
    let years = [i32::from(from), i32::from(from) - 1];
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at + 4 <= bytes.len() {
        let word = &bytes[at..at + 4];
        // Four ASCII digits start and end on character boundaries, so the slices below are sound.
        if !word.iter().all(u8::is_ascii_digit) {
            at += 1;
            continue;
        }
        let alone_before = at == 0 || !(bytes[at - 1].is_ascii_digit() || bytes[at - 1] == b'.');
        let alone_after = bytes.get(at + 4).is_none_or(|b| !b.is_ascii_digit());
        let year = text[at..at + 4].parse::<i32>().ok().filter(|y| years.contains(y));
        match year {
            Some(year) if alone_before && alone_after && text[at + 4..].trim_start_matches(' ').starts_with('年') => {
                out.push_str(&text[copied..at]);
                out.push_str(&(year + shift).to_string());
                at += 4;
                copied = at;
            }
            _ => at += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Checks a scheme file, refusing it at its first fault with the place (see the module's documentation).
fn check(value: &Value) -> Result<(), Error> {
    let top = object(value, "", TOP_KEYS)?;
    format_of(top, "", SCHEME_FORMAT)?;
    let year = whole_year(required(top, "", "year")?, "year")?;
    read_document(required(top, "", "document")?)?;
    let rules = read_parameters(required(top, "", "parameters")?, year)?;
    let banks = check_annexes(required(top, "", "annexes")?, year)?;
    check_outcomes(&rules, banks)
}

fn read_document(value: &Value) -> Result<Document, Error> {
    let path = "document";
    let map = object(value, path, DOCUMENT_KEYS)?;
    let written = text(map, path, "date")?;
    let date = match written.trim() {
        "" => String::new(),
        date => iso_date(date).ok_or_else(|| at("document.date", SchemeProblem::Date { text: written.clone() }))?,
    };
    Ok(Document {
        title: non_empty(map, path, "title")?,
        number: text(map, path, "number")?,
        date,
        issuer: non_empty(map, path, "issuer")?,
    })
}

/// A date as `YYYY-MM-DD`, from that or from the way a document writes it (`2024年3月27日`); `None`
/// for anything else or a day no month has.
fn iso_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = match text.strip_suffix('日') {
        Some(chinese) => chinese.split(['年', '月']).collect(),
        None => text.split('-').collect(),
    };
    let number = |s: &str, most: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    let [y, m, d] = parts.as_slice() else { return None };
    let (year, month, day) = (number(y, 4).filter(|_| y.len() == 4)?, number(m, 2)?, number(d, 2)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Checks `parameters`: the shape of the built-in ones (every fault's place named), then its typed form, then
/// checks every rule number's bounds and the steps the engine divides by.
fn read_parameters(value: &Value, year: u16) -> Result<Parameters, Error> {
    let map = object(value, "parameters", &["format", "year", "source", "note", "items", "outcomes", "plausibility"])?;
    format_of(map, "parameters", "kaoping-parameters/1")?;
    same_year(map, "parameters", year)?;
    let shape = parameters_shape()?;
    check_shape(value, shape, "parameters")?;
    check_rule_numbers(value, "parameters")?;
    // The shape checked, the typed form is read as the built-in data always is: a fault left (none is
    // known) is told at its place.
    let rules = Parameters::from_value(value).map_err(|e| at(format!("parameters.{}", e.path), e.problem))?;
    let i = &rules.items;
    let steps = [
        ("loan_increment", &i.loan_increment.step),
        ("loan_growth", &i.loan_growth.step),
        ("sme_increment", &i.sme_increment.step),
        ("sme_customers", &i.sme_customers.step),
        ("sme_rate", &i.sme_rate.step),
        ("inclusive_growth", &i.inclusive_growth.step),
        ("manufacturing_increment", &i.manufacturing_increment.step),
        ("manufacturing_growth", &i.manufacturing_growth.step),
        ("green_increment", &i.green_increment.step),
        ("carbon_products", &i.carbon_products.step),
        ("dongchu_amount", &i.dongchu_amount.step),
        ("dongchu_households", &i.dongchu_households.step),
        ("npl", &i.npl.step),
        ("platform_bonds", &i.platform_bonds.step),
        ("guarantee", &i.guarantee.step),
    ];
    for (name, step) in steps {
        if step.value <= Decimal::ZERO {
            let problem = SchemeProblem::NotPositive { text: step.value.to_string() };
            return Err(at(format!("parameters.items.{name}.step.value"), problem));
        }
    }
    if i.sme_customers.bar.value <= Decimal::ZERO {
        let problem = SchemeProblem::NotPositive { text: i.sme_customers.bar.value.to_string() };
        return Err(at("parameters.items.sme_customers.bar.value", problem));
    }
    for (name, param) in [
        ("parameters.items.pension.top_n.value", &i.pension.top_n),
        ("parameters.outcomes.interview_last.value", &rules.outcomes.interview_last),
    ] {
        if param.value.fract() != Decimal::ZERO {
            let problem = SchemeProblem::Number { text: param.value.to_string(), problem: ValueError::NotWhole };
            return Err(at(name, problem));
        }
    }
    check_grades(&rules)?;
    Ok(rules)
}

/// Every rule number (`{"value", "unit", "reference"}`) from 0 to [`RULE_NUMBER_MAX`].
fn check_rule_numbers(value: &Value, path: &str) -> Result<(), Error> {
    match value {
        Value::Object(map) => {
            if map.contains_key("unit") && map.contains_key("reference") {
                if let Some(number) = map.get("value") {
                    // Input-check thresholds may be below zero (a growth of -5% is a floor); rules not.
                    let at = join(path, "value");
                    if path.starts_with("parameters.plausibility") {
                        bounded(&negated_if_negative(number), &at, RULE_NUMBER_MAX)?;
                    } else {
                        bounded(number, &at, RULE_NUMBER_MAX)?;
                    }
                }
            }
            for (key, child) in map {
                check_rule_numbers(child, &join(path, key))?;
            }
            Ok(())
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                check_rule_numbers(child, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The grades of 二(四)1 cover every whole score from -10 to 10 once: a `PolicyScore` is always in
/// exactly one grade.
fn check_grades(rules: &Parameters) -> Result<(), Error> {
    let grades = &rules.items.policy.grades;
    let path = |i: usize, bound: &str| format!("parameters.items.policy.grades[{i}].{bound}");
    let mut bounds = Vec::with_capacity(grades.len());
    for (i, grade) in grades.iter().enumerate() {
        let whole = |d: Decimal, bound: &str| -> Result<i32, Error> {
            use rust_decimal::prelude::ToPrimitive;
            d.to_i32()
                .filter(|w| d.fract().is_zero() && (-10..=10).contains(w))
                .ok_or_else(|| at(path(i, bound), SchemeProblem::GradeBound { text: d.to_string() }))
        };
        bounds.push((i, whole(grade.min, "min")?, whole(grade.max, "max")?));
    }
    for score in -10..=10 {
        let holding: Vec<usize> =
            bounds.iter().filter(|(_, lo, hi)| (*lo..=*hi).contains(&score)).map(|b| b.0).collect();
        match holding.as_slice() {
            [] => return Err(at("parameters.items.policy.grades", SchemeProblem::ScoreUncovered { score })),
            [_] => {}
            [_, second, ..] => return Err(at(path(*second, "min"), SchemeProblem::ScoreTwice { score })),
        }
    }
    if let Some((i, ..)) = bounds.iter().find(|(_, lo, hi)| lo > hi) {
        return Err(at(path(*i, "max"), SchemeProblem::ScoreTwice { score: bounds[*i].2 }));
    }
    Ok(())
}

/// The bands cover every rank from 1 to the number of banks once, best band first; the weights of
/// 四(四) add up to 100.
fn check_outcomes(rules: &Parameters, banks: usize) -> Result<(), Error> {
    let outcomes = &rules.outcomes;
    let path = |i: usize, key: &str| format!("parameters.outcomes.bands[{i}].{key}");
    let mut next: u32 = 1;
    let mut previous: Option<Band> = None;
    for (i, band) in outcomes.bands.iter().enumerate() {
        if band.band == Band::Disqualified {
            let expected = [Band::Outstanding, Band::Positive, Band::General, Band::Bottom];
            let problem = SchemeProblem::UnknownChoice {
                found: band.band.key().to_owned(),
                expected: expected.iter().map(|b| b.key().to_owned()).collect(),
            };
            return Err(at(path(i, "band"), problem));
        }
        if let Some(after) = previous.filter(|p| band.band <= *p) {
            return Err(at(path(i, "band"), SchemeProblem::BandOrder { band: band.band, after }));
        }
        if band.from_rank > next {
            return Err(at(path(i, "from_rank"), SchemeProblem::RankUncovered { rank: next, banks }));
        }
        if band.from_rank == 0 {
            return Err(at(path(i, "from_rank"), SchemeProblem::NotPositive { text: "0".to_owned() }));
        }
        if band.from_rank < next {
            return Err(at(path(i, "from_rank"), SchemeProblem::RankTwice { rank: band.from_rank }));
        }
        next = match band.to_rank {
            Some(to) if to < band.from_rank => {
                return Err(at(path(i, "to_rank"), SchemeProblem::BandRange { from: band.from_rank, to }));
            }
            Some(to) => to.saturating_add(1),
            None => u32::MAX,
        };
        previous = Some(band.band);
    }
    let ranks = u32::try_from(banks).unwrap_or(u32::MAX);
    if next <= ranks {
        return Err(at("parameters.outcomes.bands", SchemeProblem::RankUncovered { rank: next, banks }));
    }
    let (evaluation, department) = (outcomes.evaluation_weight.value, outcomes.department_weight.value);
    if evaluation + department != Decimal::ONE_HUNDRED {
        return Err(at(
            "parameters.outcomes.department_weight.value",
            SchemeProblem::Weights { evaluation, department },
        ));
    }
    check_funds(rules)
}

/// The public funds of 四(四): at least one, each with every field given, ids plain lower-case words
/// (they are keys of scenario files, goals and spreadsheet columns), each id once.
fn check_funds(rules: &Parameters) -> Result<(), Error> {
    let funds = &rules.outcomes.funds;
    if funds.is_empty() {
        return Err(at("parameters.outcomes.funds", SchemeProblem::Empty));
    }
    for (i, fund) in funds.iter().enumerate() {
        let path = |key: &str| format!("parameters.outcomes.funds[{i}].{key}");
        let fields = [
            ("id", &fund.id),
            ("name", &fund.name),
            ("short", &fund.short),
            ("department", &fund.department),
            ("reference", &fund.reference),
        ];
        if let Some((key, _)) = fields.iter().find(|(_, text)| text.trim().is_empty()) {
            return Err(at(path(key), SchemeProblem::Empty));
        }
        let plain = fund.id.starts_with(|c: char| c.is_ascii_lowercase())
            && fund.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !plain {
            return Err(at(path("id"), SchemeProblem::FundId { id: fund.id.clone() }));
        }
        if funds[..i].iter().any(|f| f.id == fund.id) {
            return Err(at(path("id"), SchemeProblem::Duplicate { name: fund.id.clone() }));
        }
    }
    Ok(())
}

/// The shape of `parameters` the engine reads: the built-in file's, read once. Keys, lists and the
/// kind of every value (text, decimal text, whole number) are the engine's; the values are the year's.
fn parameters_shape() -> Result<&'static Value, Error> {
    static SHAPE: std::sync::OnceLock<Option<Value>> = std::sync::OnceLock::new();
    SHAPE
        .get_or_init(|| serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/2024/parameters.json"))).ok())
        .as_ref()
        .ok_or_else(|| Error::BuiltinData { message: "parameters.json is not JSON".to_owned() })
}

/// Checks `value` against the built-in `shape` at `path`: the same keys in every object (an unknown
/// one is refused naming it, a missing one named), a list where the shape has one, each element
/// against the shape's elements (a key some of them have is optional), text where the shape has
/// text, a decimal where the shape has a decimal written as text, a whole number where it has one,
/// and a band the engine has where it has a band.
fn check_shape(value: &Value, shape: &Value, path: &str) -> Result<(), Error> {
    match (shape, value) {
        (Value::Object(expected), Value::Object(map)) => {
            let keys: Vec<&str> = expected.keys().map(String::as_str).collect();
            object(value, path, &keys)?;
            for (key, inner) in expected {
                let child = join(path, key);
                match map.get(key) {
                    Some(found) => check_shape(found, inner, &child)?,
                    None => return Err(at(child, SchemeProblem::Missing)),
                }
            }
            Ok(())
        }
        (Value::Object(_), _) => Err(at(path, SchemeProblem::WrongType { expected: "an object".to_owned() })),
        (Value::Array(elements), Value::Array(list)) => {
            for (i, element) in list.iter().enumerate() {
                check_element(element, elements, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Array(_), _) => Err(at(path, SchemeProblem::WrongType { expected: "a list".to_owned() })),
        (Value::String(model), Value::String(text)) => {
            if path.ends_with(".band") {
                let bands = [Band::Outstanding, Band::Positive, Band::General, Band::Bottom];
                if !bands.iter().any(|b| b.key() == text) {
                    let expected = bands.iter().map(|b| b.key().to_owned()).collect();
                    return Err(at(path, SchemeProblem::UnknownChoice { found: text.clone(), expected }));
                }
            } else if parse_exact(model).is_ok() {
                parse_exact(text.trim())
                    .map_err(|problem| at(path, SchemeProblem::Number { text: text.clone(), problem }))?;
            }
            Ok(())
        }
        (Value::String(_), _) => Err(at(path, SchemeProblem::WrongType { expected: "a string".to_owned() })),
        (Value::Number(_), Value::Number(n)) if n.as_str().parse::<u32>().is_ok() => Ok(()),
        (Value::Number(_), _) => Err(at(path, SchemeProblem::WrongType { expected: "a whole number".to_owned() })),
        (Value::Bool(_), Value::Bool(_)) => Ok(()),
        (Value::Bool(_), _) => Err(at(path, SchemeProblem::WrongType { expected: "true or false".to_owned() })),
        (Value::Null, _) => Ok(()),
    }
}

/// One element of a list against the shape's elements: the keys all of them have are required, the
/// keys some have are allowed, and a value is right if it fits any element's (a band's `to_rank` is a
/// number or `null`).
fn check_element(value: &Value, elements: &[Value], path: &str) -> Result<(), Error> {
    let objects: Vec<&Map<String, Value>> = elements.iter().filter_map(Value::as_object).collect();
    let Some(first) = objects.first() else {
        return match elements.first() {
            Some(model) => check_shape(value, model, path),
            None => Ok(()),
        };
    };
    let Value::Object(map) = value else {
        return Err(at(path, SchemeProblem::WrongType { expected: "an object".to_owned() }));
    };
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    object(value, path, &keys)?;
    for key in &keys {
        let child = join(path, key);
        let Some(found) = map.get(*key) else {
            if objects.iter().all(|o| o.contains_key(*key)) {
                return Err(at(child, SchemeProblem::Missing));
            }
            continue;
        };
        let models: Vec<&Value> = objects.iter().filter_map(|o| o.get(*key)).collect();
        // A null in the shape stands for "may be absent or null": it fits nothing else on its own.
        if found.is_null() && models.iter().any(|m| m.is_null()) {
            continue;
        }
        let mut last = Ok(());
        for model in models.iter().filter(|m| !m.is_null()) {
            last = check_shape(found, model, &child);
            if last.is_ok() {
                break;
            }
        }
        last?;
    }
    Ok(())
}

/// Reads `annexes`: the banks, then each table's rows by bank id, in the banks' order.
/// Checks `annexes`: the banks, then each table's rows by bank id. The number of banks.
fn check_annexes(value: &Value, year: u16) -> Result<usize, Error> {
    let keys: Vec<&str> = ANNEX_HEAD_KEYS.iter().copied().chain(TABLES.iter().map(|t| t.key)).collect();
    let map = object(value, "annexes", &keys)?;
    format_of(map, "annexes", "kaoping-annexes/1")?;
    same_year(map, "annexes", year)?;
    text(map, "annexes", "source")?;
    let banks = read_banks(required(map, "annexes", "banks")?)?;
    for shape in &TABLES {
        check_table(shape, required(map, "annexes", shape.key)?, &banks)?;
    }
    Ok(banks.len())
}

/// A bank entry of a checked file.
fn bank_info(entry: &Value) -> BankInfo {
    let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let aliases = entry
        .get("aliases")
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    BankInfo {
        id: text("id"),
        short_name: text("short_name"),
        full_name: text("full_name"),
        legal_name: text("legal_name"),
        aliases,
        listed_name: entry.get("listed_name").and_then(Value::as_str).map(str::to_owned),
    }
}

/// A decimal of a checked file, written as a string or a number.
fn decimal_of(value: Option<&Value>) -> Option<Decimal> {
    match value? {
        Value::String(s) => parse_exact(s.trim()).ok(),
        Value::Number(n) => parse_exact(n.as_str()).ok(),
        _ => None,
    }
}

/// One annex table of a checked file, its figures in the banks' order.
fn build_table(shape: &TableShape, value: &Value, banks: &[BankInfo]) -> AnnexTable {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let pairs = |key: &str| -> Vec<(String, Decimal)> {
        value.get(key).and_then(Value::as_object).map_or_else(Vec::new, |map| {
            map.iter().filter_map(|(k, v)| Some((k.clone(), decimal_of(Some(v))?))).collect()
        })
    };
    let headers = value.get("columns");
    let columns = shape
        .columns
        .iter()
        .map(|k| {
            let header = headers.and_then(|h| h.get(*k)).and_then(Value::as_str).unwrap_or(k);
            ((*k).to_owned(), header.to_owned())
        })
        .collect();
    let rows: &[Value] = value.get("rows").and_then(Value::as_array).map_or(&[], Vec::as_slice);
    // Each bank's row (the first that names it), found in one pass over the rows, not once per
    // column and bank (the built-in scheme is read at every start).
    let mut row_of: Vec<Option<&Value>> = vec![None; banks.len()];
    for row in rows {
        let id = row.get("bank").and_then(Value::as_str);
        if let Some(at) = banks.iter().position(|bank| Some(bank.id.as_str()) == id) {
            row_of[at] = row_of[at].or(Some(row));
        }
    }
    let figures = shape
        .columns
        .iter()
        .map(|column| {
            let by_bank =
                row_of.iter().map(|row| decimal_of(row.and_then(|r| r.get(*column))).unwrap_or_default()).collect();
            ((*column).to_owned(), by_bank)
        })
        .collect();
    AnnexTable {
        key: shape.key.to_owned(),
        title: text("title"),
        clause: text("clause"),
        note: text("note"),
        columns,
        rates_pct: pairs("rates_pct"),
        stated_total: pairs("stated_total"),
        figures,
    }
}

/// The typed rows of 附件1–5 from the tables, each at its bank's index.
fn annex_rows(tables: Vec<AnnexTable>, banks: usize) -> Annexes {
    let column = |table: usize, key: &str| -> Vec<Decimal> {
        let figures = tables.get(table).and_then(|t| t.figures.iter().find(|(k, _)| k == key));
        let mut figures = figures.map(|(_, v)| v.clone()).unwrap_or_default();
        figures.resize(banks, Decimal::ZERO);
        figures
    };
    let task_rows = |table: usize| -> Vec<TaskRow> {
        column(table, "balance_2023")
            .into_iter()
            .zip(column(table, "task"))
            .map(|(balance_2023, task)| TaskRow { balance_2023, task })
            .collect()
    };
    let (b, q, t, s) = (column(0, "balance_2023"), column(0, "q1_task"), column(0, "task"), column(0, "stretch_task"));
    let loans =
        (0..banks).map(|i| LoanRow { balance_2023: b[i], q1_task: q[i], task: t[i], stretch_task: s[i] }).collect();
    let dongchu = column(4, "amount_target")
        .into_iter()
        .zip(column(4, HOUSEHOLDS))
        .map(|(amount_target, households_target)| DongchuRow { amount_target, households_target })
        .collect();
    let (sme, manufacturing, green) = (task_rows(1), task_rows(2), task_rows(3));
    Annexes { loans, sme, manufacturing, green, dongchu, tables }
}

fn read_banks(value: &Value) -> Result<Vec<BankInfo>, Error> {
    let Value::Array(list) = value else {
        return Err(at("annexes.banks", SchemeProblem::WrongType { expected: "a list".to_owned() }));
    };
    if list.is_empty() {
        return Err(at("annexes.banks", SchemeProblem::Empty));
    }
    let mut banks: Vec<BankInfo> = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let path = format!("annexes.banks[{i}]");
        let map = object(entry, &path, BANK_KEYS)?;
        let legal_name = match map.get("legal_name") {
            None | Some(Value::Null) => String::new(),
            Some(_) => text(map, &path, "legal_name")?,
        };
        let aliases = match map.get("aliases") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(j, alias)| match alias {
                    Value::String(a) if !a.trim().is_empty() => Ok(a.clone()),
                    Value::String(_) => Err(at(format!("{path}.aliases[{j}]"), SchemeProblem::Empty)),
                    _ => Err(at(
                        format!("{path}.aliases[{j}]"),
                        SchemeProblem::WrongType { expected: "a string".into() },
                    )),
                })
                .collect::<Result<Vec<_>, Error>>()?,
            Some(_) => {
                return Err(at(join(&path, "aliases"), SchemeProblem::WrongType { expected: "a list".to_owned() }));
            }
        };
        let bank = BankInfo {
            id: text(map, &path, "id")?,
            short_name: non_empty(map, &path, "short_name")?,
            full_name: non_empty(map, &path, "full_name")?,
            legal_name,
            aliases,
            listed_name: match map.get("listed_name") {
                None | Some(Value::Null) => None,
                Some(_) => Some(non_empty(map, &path, "listed_name")?),
            },
        };
        let id_ok = !bank.id.is_empty()
            && bank.id.len() <= 32
            && bank.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !id_ok {
            return Err(at(join(&path, "id"), SchemeProblem::BankId { id: bank.id }));
        }
        if banks.iter().any(|b| b.id == bank.id) {
            return Err(at(join(&path, "id"), SchemeProblem::Duplicate { name: bank.id }));
        }
        // Sheets find a bank by any of its names: no name may be another bank's.
        for (key, name) in names(&bank) {
            if let Some(other) = banks.iter().find(|other| names(other).any(|(_, n)| n == name)) {
                let problem = SchemeProblem::NameTaken { name: name.to_owned(), by: other.id.clone() };
                return Err(at(join(&path, &key), problem));
            }
        }
        banks.push(bank);
    }
    Ok(banks)
}

/// A bank's names, each with its place in its entry (`aliases[1]`); an empty legal name is none.
fn names(bank: &BankInfo) -> impl Iterator<Item = (String, &str)> {
    [("short_name".to_owned(), bank.short_name.as_str()), ("full_name".to_owned(), bank.full_name.as_str())]
        .into_iter()
        .chain((!bank.legal_name.is_empty()).then(|| ("legal_name".to_owned(), bank.legal_name.as_str())))
        .chain(bank.aliases.iter().enumerate().map(|(j, a)| (format!("aliases[{j}]"), a.as_str())))
}

/// Checks one annex table: its texts, columns, rates, stated totals and one row per bank.
fn check_table(shape: &TableShape, value: &Value, banks: &[BankInfo]) -> Result<(), Error> {
    let path = format!("annexes.{}", shape.key);
    let map = object(value, &path, TABLE_KEYS)?;
    non_empty(map, &path, "title")?;
    text(map, &path, "clause")?;
    text(map, &path, "unit")?;
    text(map, &path, "note")?;

    let columns_path = join(&path, "columns");
    let headers = object(required(map, &path, "columns")?, &columns_path, shape.columns)?;
    for key in shape.columns {
        non_empty(headers, &columns_path, key)?;
    }

    if let Some(rates) = map.get("rates_pct").filter(|v| !v.is_null()) {
        let rates_path = join(&path, "rates_pct");
        let hundred_fold = Decimal::ONE_HUNDRED * Decimal::TEN;
        for (k, v) in object(rates, &rates_path, shape.rated)? {
            bounded(v, &join(&rates_path, k), hundred_fold)?;
        }
    }

    let totals_path = join(&path, "stated_total");
    for (k, v) in object(required(map, &path, "stated_total")?, &totals_path, shape.columns)? {
        figure(v, &join(&totals_path, k))?;
    }

    let rows_path = join(&path, "rows");
    let Value::Array(rows) = required(map, &path, "rows")? else {
        return Err(at(rows_path, SchemeProblem::WrongType { expected: "a list".to_owned() }));
    };
    let mut row_keys = vec!["bank"];
    row_keys.extend_from_slice(shape.columns);
    // Each bank's figures by column, filled as its row is read.
    let mut by_bank: Vec<Option<Vec<Decimal>>> = vec![None; banks.len()];
    for (i, row) in rows.iter().enumerate() {
        let row_path = format!("{rows_path}[{i}]");
        let row = object(row, &row_path, &row_keys)?;
        let id = text(row, &row_path, "bank")?;
        let Some(index) = banks.iter().position(|b| b.id == id) else {
            return Err(at(join(&row_path, "bank"), SchemeProblem::UnknownBank { id }));
        };
        if by_bank[index].is_some() {
            return Err(at(join(&row_path, "bank"), SchemeProblem::Duplicate { name: id }));
        }
        let mut figures = Vec::with_capacity(shape.columns.len());
        for key in shape.columns {
            let cell = join(&row_path, key);
            let value = figure(required(row, &row_path, key)?, &cell)?;
            if shape.positive.contains(key) && value <= Decimal::ZERO {
                return Err(at(cell, SchemeProblem::NotPositive { text: value.to_string() }));
            }
            if *key == HOUSEHOLDS && !value.fract().is_zero() {
                let problem = SchemeProblem::Number { text: value.to_string(), problem: ValueError::NotWhole };
                return Err(at(cell, problem));
            }
            figures.push(value);
        }
        by_bank[index] = Some(figures);
    }
    if let Some(bank) = banks.iter().zip(&by_bank).find(|(_, row)| row.is_none()).map(|(bank, _)| bank) {
        return Err(at(rows_path, SchemeProblem::MissingRow { id: bank.id.clone() }));
    }
    Ok(())
}

/// The file's fingerprint (see [`crate::fingerprint`]), its keys put in order by the engine's sort.
pub(crate) fn fingerprint(value: &Value) -> String {
    crate::fingerprint::fingerprint(value, |keys| crate::order::sort(keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_words_move_on_and_figures_stay() {
        let cases = [
            ("贷款余额（2024年末）", "贷款余额（2025年末）"),
            ("比 2023 年末 256.05 亿元", "比 2024 年末 256.05 亿元"),
            ("2023年末余额为 0", "2024年末余额为 0"),
            ("增量 2024.00 亿元，任务 2023 亿元", "增量 2024.00 亿元，任务 2023 亿元"),
            ("12024年", "12024年"),
            ("2024年度……2023年度", "2025年度……2024年度"),
            ("黄政办发〔2024〕10号", "黄政办发〔2024〕10号"),
        ];
        for (text, moved) in cases {
            assert_eq!(shift_years(text, 2024, 2025), moved, "{text}");
        }
        assert_eq!(shift_years("2024年末，2023年末", 2024, 2026), "2026年末，2025年末");
    }

    #[test]
    fn dates() {
        let cases = [
            ("2024-03-27", Some("2024-03-27")),
            ("2024-3-7", Some("2024-03-07")),
            ("2024年3月27日", Some("2024-03-27")),
            ("2024-02-29", Some("2024-02-29")),
            ("2025-02-29", None),
            ("2024-13-01", None),
            ("24-03-27", None),
            ("2024年3月", None),
            ("明年三月", None),
        ];
        for (text, iso) in cases {
            assert_eq!(iso_date(text).as_deref(), iso, "{text}");
        }
    }
}
