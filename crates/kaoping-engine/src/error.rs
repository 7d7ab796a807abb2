//! The one error type of the engine: what can be wrong with a scenario file or the built-in data.
//!
//! Every message names the place (`banks[3].sme_loans`) and says what to do. `Display` is English for
//! the command line; [`Error::zh`] gives the same message in Chinese for the page.

use std::fmt;

use crate::date::DateError;
use crate::settings::{Group, Setting};
use crate::values::ValueError;

/// What is wrong with a scenario (or, for [`Error::BuiltinData`], with the engine's own data files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text is not JSON at all.
    Json {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// The `format` field is missing or names another format.
    Format {
        /// The format found, if any.
        found: Option<String>,
    },
    /// The `year` field is missing or names a year whose scheme the engine does not know.
    Year {
        /// The year found, as written.
        found: Option<String>,
    },
    /// A field the format does not have (often a misspelling).
    UnknownField {
        /// Where the field is.
        path: String,
        /// The fields allowed there.
        expected: &'static [&'static str],
    },
    /// A field of the wrong JSON type (an object where a number belongs, …).
    WrongType {
        /// The field.
        path: String,
        /// What belongs there.
        expected: &'static str,
    },
    /// A figure that is not acceptable (not a number, out of range, …).
    Value {
        /// The field.
        path: String,
        /// The text as given.
        text: String,
        /// Why it was refused.
        problem: ValueError,
    },
    /// A bank id that is not one of the scheme's banks.
    UnknownBank {
        /// Where the id is.
        path: String,
        /// The id given.
        id: String,
    },
    /// A bank listed twice.
    DuplicateBank {
        /// Where the second listing is.
        path: String,
        /// The bank's id.
        id: String,
    },
    /// A public fund id (四(四)) that is not one of the scheme's funds.
    UnknownFund {
        /// Where the id is.
        path: String,
        /// The id given.
        id: String,
        /// The scheme's fund ids.
        expected: Vec<String>,
    },
    /// A public fund given twice.
    DuplicateFund {
        /// Where the second one is.
        path: String,
        /// The fund's id.
        id: String,
    },
    /// A date that is not one (a source's 填报日期).
    Date {
        /// The field.
        path: String,
        /// The text as given.
        text: String,
        /// Why it was refused.
        problem: DateError,
    },
    /// A required field is missing.
    Missing {
        /// The field.
        path: String,
    },
    /// A lever for the target solver that it cannot use.
    Lever {
        /// The lever or the key at fault, as given.
        text: String,
        /// What is wrong with it.
        problem: LeverProblem,
    },
    /// A goal for the target solver that it does not know.
    Goal {
        /// The goal as given.
        text: String,
        /// The goal grammar: the forms a goal may take.
        expected: String,
    },
    /// An assumption about the other banks, or a simulation setting, that cannot be read or is out
    /// of its range.
    Assumption {
        /// Which assumption, with what it accepts.
        what: Assumption,
        /// The text as given.
        text: String,
    },
    /// A scheme file (`kaoping-scheme/1`) refused: what is wrong and where.
    Scheme {
        /// Where (`annexes.sme.rows[3].bank`).
        path: String,
        /// What is wrong there.
        problem: crate::scheme_problem::SchemeProblem,
    },
    /// The engine's own data files are inconsistent. This is a bug in a data file, not in the input.
    BuiltinData {
        /// What is wrong.
        message: String,
    },
}

/// Why a lever was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverProblem {
    /// No figure named (or an empty key between two `+`).
    Empty,
    /// Not a key of the field table.
    UnknownField,
    /// A figure a bank does not raise to score more (a rate, a 2023 base, a target, a flag).
    NotALever,
    /// Figures in different units (亿元 and 户) cannot take one amount.
    MixedUnits,
}

/// An assumption of the solver or the simulation, with what it accepts (so that the message can say
/// it, in the engine's words: the command line adds the name of its own option).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumption {
    /// The rivals' annex lines not entered: `on-task` or `above:K`, K between ±`max` percent.
    RivalLines {
        /// The largest K, in percent of the 2023 balance (and −K the smallest).
        max: rust_decimal::Decimal,
    },
    /// The rivals' items without figures: `zero`, `bar` or `ours`.
    RivalUnentered,
    /// The simulation's spread of growth: 0 to `max` percentage points, at most two decimals.
    Spread {
        /// The largest spread.
        max: rust_decimal::Decimal,
    },
    /// The simulation's number of draws: 1 to `max`.
    Draws {
        /// The most draws.
        max: u32,
    },
    /// The simulation's seed: a whole number, 0 or more.
    Seed,
}

impl Assumption {
    /// What is accepted, in English.
    fn expected(self) -> String {
        match self {
            Assumption::RivalLines { max } => format!(
                "the rivals' loan lines are on-task or above:K, K from -{0} to {0} percent of the 2023 balance, at most two decimals",
                max.normalize()
            ),
            Assumption::RivalUnentered => "the rivals' items without figures are zero, bar or ours".to_owned(),
            Assumption::Spread { max } => {
                format!("a spread is 0 to {} percentage points of growth, at most two decimals", max.normalize())
            }
            Assumption::Draws { max } => format!("the number of draws is a whole number from 1 to {max}"),
            Assumption::Seed => "a seed is a whole number, 0 or more".to_owned(),
        }
    }

    /// What is accepted, in Chinese.
    fn expected_zh(self) -> String {
        match self {
            Assumption::RivalLines { max } => format!(
                "他行未填的贷款余额可按恰好完成任务（on-task）或任务再加 2023 年末余额的 K%（above:K，K 在 -{0} 至 {0} 之间，最多两位小数）",
                max.normalize()
            ),
            Assumption::RivalUnentered => "他行未填的其他项目可记 0 分（zero）、按基本分（bar）或与本行相同（ours）".to_owned(),
            Assumption::Spread { max } => format!("浮动范围须在 0 至 {} 个百分点之间，最多两位小数", max.normalize()),
            Assumption::Draws { max } => format!("模拟次数须为 1 至 {max} 之间的整数"),
            Assumption::Seed => "种子须为不小于 0 的整数".to_owned(),
        }
    }
}

impl Error {
    /// The message in Chinese, for the page.
    pub fn zh(&self) -> String {
        match self {
            Error::Json { line, column, message } => {
                format!("文件不是有效的 JSON（第 {line} 行第 {column} 列：{}）", zh_json(message))
            }
            Error::Format { found: Some(found) } => {
                format!("不是考评测算情景文件（format 为 “{found}”，应为 “kaoping-scenario/1”）")
            }
            Error::Format { found: None } => "不是考评测算情景文件（缺少 format: \"kaoping-scenario/1\"）".to_owned(),
            Error::Year { found: Some(found) } => {
                format!("年度 {found} 没有内置的考评方案（内置的是 2024 年度）；请先载入该年度的考评方案文件")
            }
            Error::Year { found: None } => "缺少年度 year（如 2024）".to_owned(),
            Error::UnknownField { path, .. } => {
                let key = path.rsplit('.').next().unwrap_or(path);
                format!(
                    "{}：没有“{key}”这一项（字段名可对照“导出文件”或 kaoping template 生成的文件）",
                    zh_path(path.rsplit_once('.').map_or("", |(parent, _)| parent))
                )
            }
            Error::WrongType { path, expected } => format!("{}：类型不对，应为 {}", zh_path(path), zh_type(expected)),
            Error::Value { path, text, problem } => format!("{}：“{text}” {}", zh_path(path), problem.zh()),
            Error::UnknownBank { path, id } => format!("{}：没有代码为 “{id}” 的银行", zh_path(path)),
            Error::DuplicateBank { path, id } => format!("{}：银行 “{id}” 重复出现", zh_path(path)),
            Error::UnknownFund { path, id, expected } => {
                format!("{}：没有代码为 “{id}” 的公共性资金（可用：{}）", zh_path(path), expected.join("、"))
            }
            Error::DuplicateFund { path, id } => format!("{}：资金 “{id}” 重复出现", zh_path(path)),
            Error::Date { path, text, problem } => format!("{}：“{text}” {}", zh_path(path), problem.zh()),
            Error::Missing { path } => format!("缺少必填字段：{}", zh_path(path)),
            Error::Lever { text, problem } => match problem {
                LeverProblem::Empty => format!("测算手段“{text}”：缺少数据项"),
                LeverProblem::UnknownField => format!("测算手段：没有“{text}”这个数据项"),
                LeverProblem::NotALever => {
                    format!("测算手段：“{text}”不是本行可以增加来加分的数据（可选：{}）", lever_keys())
                }
                LeverProblem::MixedUnits => format!("测算手段“{text}”：单位不同的数据不能同额增加"),
            },
            Error::Goal { text, expected } => format!("目标“{text}”无法识别（可用：{expected}）"),
            Error::Assumption { what, text } => format!("“{text}”无法采用：{}", what.expected_zh()),
            Error::Scheme { path, problem } => {
                format!("考评方案文件：{}（{path}）：{}", crate::scheme_problem::zh_place(path), problem.zh())
            }
            Error::BuiltinData { message } => format!("内置数据有误（程序缺陷，请报告）：{message}"),
        }
    }
}

/// A place in a scenario file in words: `banks[3].sme_loans` is 文件中第 4 家银行的“中小微企业贷款余额（2024年末）”.
fn zh_path(path: &str) -> String {
    if path.is_empty() || path == "(top level)" {
        return "文件".to_owned();
    }
    if path == "scheme" || path.starts_with("scheme.") {
        return "文件中记录的编制所用考评方案".to_owned();
    }
    if let Some(rest) = path.strip_prefix("banks[") {
        if let Some((n, tail)) = rest.split_once(']') {
            let ordinal = n.parse::<usize>().map_or_else(|_| n.to_owned(), |i| (i + 1).to_string());
            let key = tail.trim_start_matches('.');
            if let Some((figure, fund)) = crate::fields::FundFigure::from_fund_key(key) {
                return format!("文件中第 {ordinal} 家银行的“{}”（资金 {fund}）", figure.every().label());
            }
            if let Some(figure) = crate::fields::FundFigure::ALL.into_iter().find(|f| f.key() == key) {
                return format!("文件中第 {ordinal} 家银行按资金给出的“{}”", figure.every().label());
            }
            return match crate::fields::Field::from_key(key) {
                Some(field) => format!("文件中第 {ordinal} 家银行的“{}”", field.label()),
                None if key.is_empty() => format!("文件中第 {ordinal} 家银行"),
                None if key == "id" => format!("文件中第 {ordinal} 家银行的代码"),
                None => format!("文件中第 {ordinal} 家银行的 {key}"),
            };
        }
    }
    if let Some(rest) = path.strip_prefix("deposits.funds[") {
        if let Some((n, tail)) = rest.split_once(']') {
            let ordinal = n.parse::<usize>().map_or_else(|_| n.to_owned(), |i| (i + 1).to_string());
            return match tail.trim_start_matches('.') {
                "" => format!("文件中第 {ordinal} 项公共性资金"),
                "id" => format!("文件中第 {ordinal} 项公共性资金的代码"),
                "amount" => format!("文件中第 {ordinal} 项公共性资金的存放金额"),
                key => format!("文件中第 {ordinal} 项公共性资金的 {key}"),
            };
        }
    }
    // 三、考评组织's records: `sources.icbc.date`, `verified.icbc.loans.reason`.
    for (prefix, record) in [("sources.", "来源信息"), ("verified.", "核实记录")] {
        let Some(rest) = path.strip_prefix(prefix) else { continue };
        let (bank, member) = rest.split_once('.').unwrap_or((rest, ""));
        let (key, part) = match member.rsplit_once('.') {
            Some((key, "declared")) => (key, "申报数"),
            Some((key, "reason")) => (key, "核实说明"),
            _ => (member, ""),
        };
        let label = if prefix == "sources." {
            crate::provenance::SourceField::from_key(key).map(|f| f.label())
        } else {
            crate::fields::Field::from_key(key).map(|f| f.label())
        };
        let what = match label {
            Some(label) => ["“", label, "”", part].concat(),
            None if key.is_empty() => String::new(),
            None => [" ", key].concat(),
        };
        return format!("文件中 {bank} 的{record}{what}");
    }
    match path {
        "deposits" => return "文件中的公共性资金存放".to_owned(),
        "deposits.funds" => return "文件中的公共性资金列表".to_owned(),
        "name" => return "文件中的测算名称".to_owned(),
        "verification_complete" => return "文件中的核实完成标记".to_owned(),
        "note" => return "文件中的备注".to_owned(),
        "banks" => return "文件中的银行列表".to_owned(),
        _ => {}
    }
    if path == Group::Settings.key() {
        return "文件中的计分口径".to_owned();
    }
    if path == Group::City.key() {
        return "全市数字".to_owned();
    }
    if let Some(setting) = Setting::from_path(path) {
        let label = setting.label();
        // A label that quotes the scheme (`“全市平均增速”的算法`) is not quoted again.
        let label = if label.contains('“') { label.to_owned() } else { format!("“{label}”") };
        return match setting.spec().group {
            Group::Settings => format!("文件中的计分口径{label}"),
            Group::City => format!("全市数字{label}"),
        };
    }
    path.to_owned()
}

/// serde_json's English syntax messages in Chinese; anything else is a format error.
fn zh_json(message: &str) -> &'static str {
    const MESSAGES: &[(&str, &str)] = &[
        ("EOF while parsing", "文件在此处意外结束，内容可能不完整"),
        ("trailing comma", "多余的逗号"),
        ("trailing characters", "末尾有多余的内容"),
        ("key must be a string", "键名须用双引号括起"),
        ("expected `:`", "此处缺少冒号"),
        ("expected `,` or `}`", "此处缺少逗号或右花括号"),
        ("expected `,` or `]`", "此处缺少逗号或右方括号"),
        ("expected value", "此处应为一个值"),
        ("expected ident", "此处应为 true、false 或 null"),
        ("control character", "文本中有控制字符"),
        ("invalid escape", "文本中有无效的转义"),
        ("invalid unicode", "文本中有无效的字符编码"),
        ("recursion limit", "嵌套层数过多"),
        ("number out of range", "数字超出范围"),
    ];
    MESSAGES.iter().find(|(en, _)| message.contains(en)).map_or("格式错误", |(_, zh)| zh)
}

fn zh_type(expected: &str) -> &'static str {
    match expected {
        "an object" => "对象",
        "a list" => "列表",
        "a number" => "数字",
        "true or false" => "true 或 false",
        "a string" => "文本",
        "a fingerprint" => "方案指纹（8 位十六进制数字）",
        _ => "其他类型",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            Error::Format { found: Some(found) } => {
                write!(f, "format: \"{found}\" is not a Kaoping scenario (expected \"kaoping-scenario/1\")")
            }
            Error::Format { found: None } => {
                f.write_str("format: missing; a scenario file starts with \"format\": \"kaoping-scenario/1\"")
            }
            Error::Year { found: Some(found) } => {
                write!(f, "year: {found} has no built-in scheme (2024 is built in; the year's scheme file is needed)")
            }
            Error::Year { found: None } => f.write_str("year: missing (e.g. \"year\": 2024)"),
            Error::UnknownField { path, expected } => {
                write!(f, "{path}: no such field (expected one of: {})", expected.join(", "))
            }
            Error::WrongType { path, expected } => write!(f, "{path}: must be {expected}"),
            Error::Value { path, text, problem } => write!(f, "{path}: \"{text}\" {problem}"),
            Error::UnknownBank { path, id } => write!(f, "{path}: \"{id}\" is not a bank of the scheme"),
            Error::DuplicateBank { path, id } => write!(f, "{path}: bank \"{id}\" is listed twice"),
            Error::UnknownFund { path, id, expected } => {
                write!(f, "{path}: \"{id}\" is not a public fund of the scheme (one of: {})", expected.join(", "))
            }
            Error::DuplicateFund { path, id } => write!(f, "{path}: fund \"{id}\" is listed twice"),
            Error::Date { path, text, problem } => write!(f, "{path}: \"{text}\" {problem}"),
            Error::Missing { path } => write!(f, "{path}: missing"),
            Error::Lever { text, problem } => match problem {
                LeverProblem::Empty => write!(f, "\"{text}\" names no figure"),
                LeverProblem::UnknownField => write!(f, "\"{text}\" is not a figure of a bank"),
                LeverProblem::NotALever => {
                    write!(f, "\"{text}\" is not a figure a bank raises to score more (levers: {})", lever_keys())
                }
                LeverProblem::MixedUnits => write!(f, "\"{text}\" joins figures of different units"),
            },
            Error::Goal { text, expected } => write!(f, "\"{text}\" is not a goal (one of: {expected})"),
            Error::Assumption { what, text } => write!(f, "\"{text}\" cannot be used: {}", what.expected()),
            Error::Scheme { path, problem } => {
                write!(f, "{}: {problem}", if path.is_empty() { "(top level)" } else { path })
            }
            Error::BuiltinData { message } => {
                write!(f, "built-in data is inconsistent (a bug, please report): {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The figures that are levers, from the field table.
fn lever_keys() -> String {
    crate::fields::lever_fields().map(|f| f.key()).collect::<Vec<_>>().join(", ")
}
