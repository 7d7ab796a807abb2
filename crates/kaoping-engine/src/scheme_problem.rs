//! What can be wrong with a scheme file (`kaoping-scheme/1`), with each place in words, and the shape of
//! the annex tables the engine scores (附件1–5 and their columns). Below the error type, which carries a
//! [`SchemeProblem`]; `scheme_file.rs` reads and checks a file against this shape.

use std::fmt;

use rust_decimal::Decimal;

use crate::items::{Band, Item};
use crate::values::ValueError;

/// What is wrong at a place of a scheme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeProblem {
    /// The `format` is missing or names another format.
    Format {
        /// What the file says, if anything.
        found: Option<String>,
        /// The format expected there.
        expected: &'static str,
    },
    /// A key the format does not have here: a misspelling, or something the engine cannot express.
    UnknownKey {
        /// The keys allowed here.
        expected: Vec<String>,
    },
    /// A required key is missing.
    Missing,
    /// A value of the wrong JSON type.
    WrongType {
        /// What belongs there.
        expected: String,
    },
    /// A choice the engine does not have (a band other than its four).
    UnknownChoice {
        /// The value given.
        found: String,
        /// The values it has.
        expected: Vec<String>,
    },
    /// A number that cannot be read, or lies outside its bounds.
    Number {
        /// The text as given.
        text: String,
        /// Why.
        problem: ValueError,
    },
    /// A figure that cannot be negative is.
    Negative {
        /// The text as given.
        text: String,
    },
    /// A figure the engine divides by or scores against must be above zero.
    NotPositive {
        /// The text as given.
        text: String,
    },
    /// A year that is not the file's year.
    Year {
        /// The year given.
        found: String,
        /// The file's year.
        expected: u16,
    },
    /// A text that must not be empty is.
    Empty,
    /// A date that is not `YYYY-MM-DD`.
    Date {
        /// The text as given.
        text: String,
    },
    /// A bank id that is not lowercase letters, digits and `_`.
    BankId {
        /// The id as given.
        id: String,
    },
    /// A public fund's id (四(四)) that is not a lower-case word: it is written in scenario keys
    /// (`department_scores.fiscal`), goals (`share:fiscal>=10`) and spreadsheet columns.
    FundId {
        /// The id as given.
        id: String,
    },
    /// A row for a bank that is not in `annexes.banks`.
    UnknownBank {
        /// The bank's id.
        id: String,
    },
    /// A bank, or a bank's name, listed twice.
    Duplicate {
        /// The id or name.
        name: String,
    },
    /// A name of a bank that is a name of another bank too (sheets find banks by name).
    NameTaken {
        /// The name.
        name: String,
        /// The other bank's id.
        by: String,
    },
    /// A bank of the list without a row in an annex table.
    MissingRow {
        /// The bank's id.
        id: String,
    },
    /// No rank is left for this band, or it ends before it starts.
    BandRange {
        /// The first rank of the band.
        from: u32,
        /// The last rank of the band.
        to: u32,
    },
    /// A band out of order (bands go best first) or given twice.
    BandOrder {
        /// The band.
        band: Band,
        /// The band before it.
        after: Band,
    },
    /// The bands leave a rank in no band.
    RankUncovered {
        /// The first such rank.
        rank: u32,
        /// How many banks the scheme ranks.
        banks: usize,
    },
    /// Two bands claim a rank.
    RankTwice {
        /// The rank.
        rank: u32,
    },
    /// The policy grades leave a score in no grade.
    ScoreUncovered {
        /// The first such score.
        score: i32,
    },
    /// Two policy grades claim a score, or a grade ends before it starts.
    ScoreTwice {
        /// The score.
        score: i32,
    },
    /// A policy grade's bound that is not a whole score from -10 to 10.
    GradeBound {
        /// The text as given.
        text: String,
    },
    /// The weights of 四(四) do not add up to 100.
    Weights {
        /// The evaluation's weight.
        evaluation: Decimal,
        /// The department's weight.
        department: Decimal,
    },
}

impl SchemeProblem {
    /// The problem in Chinese, for the page.
    pub fn zh(&self) -> String {
        match self {
            SchemeProblem::Format { found: Some(found), expected } => format!("格式为“{found}”，应为“{expected}”"),
            SchemeProblem::Format { found: None, expected } => format!("缺少 format（应为“{expected}”）"),
            SchemeProblem::UnknownKey { expected } => {
                format!("没有这一项，本程序无法按它计算（此处可有：{}）", expected.join("、"))
            }
            SchemeProblem::Missing => "缺少这一项".to_owned(),
            SchemeProblem::WrongType { expected } if expected.as_str() == YEAR => {
                "应为 2000 至 2999 之间的整数年份（如 2025）".to_owned()
            }
            SchemeProblem::WrongType { expected } => format!("类型不对，应为{}", zh_type(expected)),
            SchemeProblem::UnknownChoice { found, expected } => {
                format!("“{found}”不是本程序能计算的取值（可选：{}）", expected.join("、"))
            }
            SchemeProblem::Number { text, problem } => format!("“{text}” {}", problem.zh()),
            SchemeProblem::Negative { text } => format!("“{text}” 为负数，不能为负"),
            SchemeProblem::NotPositive { text } => format!("“{text}” 须大于 0（计分以它为基数或除数）"),
            SchemeProblem::Year { found, expected } => format!("年度为 {found}，与方案年度 {expected} 不符"),
            SchemeProblem::Empty => "不能为空".to_owned(),
            SchemeProblem::Date { text } => format!("“{text}” 不是日期（应写作 2025-03-27 或 2025年3月27日）"),
            SchemeProblem::BankId { id } => {
                format!("银行代码“{id}”只能由小写英文字母、数字和下划线组成（如 icbc），最多 32 个字符")
            }
            SchemeProblem::FundId { id } => {
                format!("资金代码“{id}”须以小写英文字母开头，只含小写英文字母、数字和下划线（如 fiscal）")
            }
            SchemeProblem::UnknownBank { id } => format!("“{id}” 不在考评对象名单（annexes.banks）中"),
            SchemeProblem::Duplicate { name } => format!("“{name}” 重复出现"),
            SchemeProblem::NameTaken { name, by } => {
                format!("“{name}” 已是另一家银行（{by}）的名称：表格按名称认银行，名称不能重复")
            }
            SchemeProblem::MissingRow { id } => format!("缺少银行“{id}”的一行（考评对象名单中的每家银行各一行）"),
            SchemeProblem::BandRange { from, to } => format!("第 {from} 名至第 {to} 名：止于起始名次之前"),
            SchemeProblem::BandOrder { band, after } => {
                format!("“{}”排在“{}”之后：档次须从好到差排列，每档一次", band.label(), after.label())
            }
            SchemeProblem::RankUncovered { rank, banks } => {
                format!("第 {rank} 名不属于任何档次（{banks} 家银行参与排名，每个名次都须有档次）")
            }
            SchemeProblem::RankTwice { rank } => format!("第 {rank} 名同时属于两个档次"),
            SchemeProblem::ScoreUncovered { score } => {
                format!("{score} 分不属于任何档次（各档须覆盖 -10 至 10 的每个整数分）")
            }
            SchemeProblem::ScoreTwice { score } => format!("{score} 分同时属于两个档次，或档次上下限颠倒"),
            SchemeProblem::GradeBound { text } => {
                format!("“{text}” 须为 -10 至 10 之间的整数（评分范围不同需要改程序）")
            }
            SchemeProblem::Weights { evaluation, department } => format!(
                "考评结果权重 {}% 与部门个性指标权重 {}% 之和为 {}%，应为 100%",
                evaluation.normalize(),
                department.normalize(),
                (*evaluation + *department).normalize()
            ),
        }
    }
}

impl fmt::Display for SchemeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemeProblem::Format { found: Some(found), expected } => {
                write!(f, "\"{found}\" is not the format expected here (\"{expected}\")")
            }
            SchemeProblem::Format { found: None, expected } => write!(f, "missing (expected \"{expected}\")"),
            SchemeProblem::UnknownKey { expected } => {
                write!(f, "no such key; the engine cannot score by it (expected one of: {})", expected.join(", "))
            }
            SchemeProblem::Missing => f.write_str("missing"),
            SchemeProblem::WrongType { expected } => write!(f, "must be {expected}"),
            SchemeProblem::UnknownChoice { found, expected } => {
                write!(f, "\"{found}\" is not a value the engine knows (one of: {})", expected.join(", "))
            }
            SchemeProblem::Number { text, problem } => write!(f, "\"{text}\" {problem}"),
            SchemeProblem::Negative { text } => write!(f, "\"{text}\" is negative; it cannot be"),
            SchemeProblem::NotPositive { text } => {
                write!(f, "\"{text}\" must be above 0 (the engine scores against it or divides by it)")
            }
            SchemeProblem::Year { found, expected } => write!(f, "{found} is not the scheme's year {expected}"),
            SchemeProblem::Empty => f.write_str("must not be empty"),
            SchemeProblem::Date { text } => write!(f, "\"{text}\" is not a date (write 2025-03-27 or 2025年3月27日)"),
            SchemeProblem::BankId { id } => {
                write!(f, "\"{id}\" is not a bank id (lowercase letters, digits and _, at most 32, e.g. icbc)")
            }
            SchemeProblem::FundId { id } => {
                write!(f, "\"{id}\" is not a fund id (a lowercase letter, then lowercase letters, digits and _)")
            }
            SchemeProblem::UnknownBank { id } => write!(f, "\"{id}\" is not a bank of the list (annexes.banks)"),
            SchemeProblem::Duplicate { name } => write!(f, "\"{name}\" is listed twice"),
            SchemeProblem::NameTaken { name, by } => {
                write!(f, "\"{name}\" is a name of bank \"{by}\" too (sheets find a bank by its names)")
            }
            SchemeProblem::MissingRow { id } => write!(f, "no row for bank \"{id}\" (one row for every bank listed)"),
            SchemeProblem::BandRange { from, to } => write!(f, "ranks {from} to {to}: ends before it starts"),
            SchemeProblem::BandOrder { band, after } => {
                write!(f, "{} comes after {}: bands go best first, each once", band.key(), after.key())
            }
            SchemeProblem::RankUncovered { rank, banks } => {
                write!(f, "rank {rank} is in no band ({banks} banks are ranked; every rank needs a band)")
            }
            SchemeProblem::RankTwice { rank } => write!(f, "rank {rank} is in two bands"),
            SchemeProblem::ScoreUncovered { score } => {
                write!(f, "a score of {score} is in no grade (the grades cover every whole score from -10 to 10)")
            }
            SchemeProblem::ScoreTwice { score } => {
                write!(f, "a score of {score} is in two grades, or a grade ends before it starts")
            }
            SchemeProblem::GradeBound { text } => {
                write!(f, "\"{text}\" must be a whole score from -10 to 10 (another range of scores needs a developer)")
            }
            SchemeProblem::Weights { evaluation, department } => write!(
                f,
                "the evaluation's weight {}% and the department's {}% add up to {}%, not 100%",
                evaluation.normalize(),
                department.normalize(),
                (*evaluation + *department).normalize()
            ),
        }
    }
}

/// serde's and this module's words for a JSON type, in Chinese.
/// What a scheme's year must be (`SchemeProblem::WrongType`'s `expected`), said in Chinese as a range.
pub(crate) const YEAR: &str = "a whole year from 2000 to 2999, such as 2025";

fn zh_type(expected: &str) -> String {
    let known = [
        ("a string", "文本"),
        ("an object", "对象"),
        ("a list", "列表"),
        ("a whole number", "整数"),
        ("a number", "数字"),
        ("u32", "整数"),
        ("u16", "整数"),
        ("struct", "对象"),
        ("map", "对象"),
        ("sequence", "列表"),
        ("string", "文本"),
    ];
    known.iter().find(|(en, _)| expected.contains(en)).map_or_else(|| expected.to_owned(), |(_, zh)| (*zh).to_owned())
}

/// A place of a scheme file in words: `annexes.sme.rows[3].task` is 附件2 第 4 行的 task.
pub(crate) fn zh_place(path: &str) -> String {
    let mut parts = path.split('.');
    let words = match (parts.next(), parts.next(), parts.next()) {
        (Some("document"), Some(key), _) => match key {
            "title" => "方案标题".to_owned(),
            "number" => "文号".to_owned(),
            "date" => "印发日期".to_owned(),
            "issuer" => "印发机关".to_owned(),
            other => format!("方案信息 {other}"),
        },
        (Some("parameters"), Some("items"), Some(key)) => match Item::ALL.into_iter().find(|item| item.key() == key) {
            Some(item) => format!("评分规则“{}”", item.title()),
            None => format!("评分规则 {key}"),
        },
        (Some("parameters"), Some("outcomes"), Some(rest)) => match indexed(rest) {
            Some(("bands", i)) => format!("考评结果第 {} 档", i + 1),
            _ if rest == "evaluation_weight" => "考评结果权重".to_owned(),
            _ if rest == "department_weight" => "部门个性指标权重".to_owned(),
            _ if rest == "interview_last" => "约谈名次".to_owned(),
            _ => "考评结果运用".to_owned(),
        },
        (Some("parameters"), Some("plausibility"), _) => "输入核对阈值".to_owned(),
        (Some("parameters"), _, _) => "评分规则".to_owned(),
        (Some("annexes"), Some(table), rest) => match (indexed(table), TABLES.iter().find(|t| t.key == table)) {
            (Some(("banks", i)), _) => format!("考评对象第 {} 家", i + 1),
            (_, Some(shape)) => match rest.and_then(indexed) {
                Some(("rows", i)) => format!("{} 第 {} 行", shape.annex, i + 1),
                _ => shape.annex.to_owned(),
            },
            _ if table == "banks" => "考评对象名单".to_owned(),
            _ => "附件".to_owned(),
        },
        _ => "方案文件".to_owned(),
    };
    words
}

/// `rows[3]` as `("rows", 3)`.
fn indexed(segment: &str) -> Option<(&str, usize)> {
    let (name, rest) = segment.split_once('[')?;
    Some((name, rest.strip_suffix(']')?.parse().ok()?))
}

/// The columns of each annex table: the engine's shape of 附件1–5.
pub(crate) struct TableShape {
    /// Key in the annexes (`loans`).
    pub key: &'static str,
    /// The annex's number as the gazette writes it.
    pub annex: &'static str,
    /// Its columns, in order.
    pub columns: &'static [&'static str],
    /// Columns that must be above zero: the base, the task that scores, the targets.
    pub positive: &'static [&'static str],
    /// Columns whose figures are tasks set at a rate of the base (`rates_pct` may name them).
    pub rated: &'static [&'static str],
}

/// 附件1–5 as the engine scores them.
pub(crate) const TABLES: [TableShape; 5] = [
    TableShape {
        key: "loans",
        annex: "附件1",
        columns: &["balance_2023", "q1_task", "task", "stretch_task"],
        positive: &["balance_2023", "task"],
        rated: &["q1_task", "task", "stretch_task"],
    },
    TableShape {
        key: "sme",
        annex: "附件2",
        columns: &["balance_2023", "task"],
        positive: &["balance_2023", "task"],
        rated: &["task"],
    },
    TableShape {
        key: "manufacturing",
        annex: "附件3",
        columns: &["balance_2023", "task"],
        positive: &["balance_2023", "task"],
        rated: &["task"],
    },
    TableShape {
        key: "green",
        annex: "附件4",
        columns: &["balance_2023", "task"],
        positive: &["balance_2023", "task"],
        rated: &["task"],
    },
    TableShape {
        key: "dongchu",
        annex: "附件5",
        columns: &["amount_target", "households_target"],
        positive: &["amount_target", "households_target"],
        rated: &[],
    },
];

/// The key of 附件5's household targets, which must be whole.
pub(crate) const HOUSEHOLDS: &str = "households_target";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_in_words() {
        let cases = [
            ("annexes.sme.rows[3].task", "附件2 第 4 行"),
            ("annexes.banks[0].id", "考评对象第 1 家"),
            ("parameters.items.tech.full.value", "评分规则“科创金融”"),
            ("parameters.outcomes.bands[1].to_rank", "考评结果第 2 档"),
            ("parameters.outcomes.department_weight.value", "部门个性指标权重"),
            ("document.number", "文号"),
            ("year", "方案文件"),
        ];
        for (path, words) in cases {
            assert_eq!(zh_place(path), words, "{path}");
        }
    }
}
