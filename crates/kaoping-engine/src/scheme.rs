//! 一、考评对象 and 附件1–5: the banks scored and the annex tables of a year, together with the rule
//! numbers, as read from a `kaoping-scheme/1` file (`scheme_file.rs`). The built-in 2024 scheme is made
//! of `data/2024/document.json`, `parameters.json` and `annexes.json`.
//!
//! The published task figures are used verbatim: a few differ from "2023 balance × rate" rounded
//! (附件1 工商银行 25.60, 光大银行 6.73, …), and the published figure is the one that scores.
//! [`Scheme::annex_checks`] works out every such difference, and every total that is not the sum of
//! its rows, so that a user can see them.

use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::document::{Scenario, SchemeMark};
use crate::error::Error;
use crate::fields::BankInput;
use crate::format::round2;
use crate::parameters::Parameters;
use crate::values::{Amount, Count};

pub use crate::fingerprint::SCHEME_FORMAT;

/// The document that issues a year's scheme: what every result, printout and share link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The scheme's title (`2024年度黄石市银行业金融机构支持地方经济发展考评办法`).
    pub title: String,
    /// 文号 (`黄政办发〔2024〕10号`); empty in a draft.
    pub number: String,
    /// The date it was issued, `YYYY-MM-DD` (the file may write `2024年3月27日`); empty in a draft.
    pub date: String,
    /// Who issued it (`黄石市人民政府办公室`).
    pub issuer: String,
}

/// One bank scored by the scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankInfo {
    /// Stable id used by scenario files (`icbc`).
    pub id: String,
    /// Name as the annexes write it (`工商银行`).
    pub short_name: String,
    /// Full name (`工商银行黄石分行`).
    pub full_name: String,
    /// The legal name, as on the bank's own forms (`中国工商银行股份有限公司黄石分行`); the spreadsheet
    /// reader accepts it and its usual shortenings.
    pub legal_name: String,
    /// Other names the bank goes by in the bureau's sheets (`黄石农商银行`).
    pub aliases: Vec<String>,
    /// The name a published 名单 gives the bank, where it is not the full name: 黄政发〔2024〕7号 lists
    /// 农业发展银行黄石市分行 as 农发行黄石分行 (a scheme file's optional `listed_name`). See
    /// [`BankInfo::listed_name`].
    pub listed_name: Option<String>,
}

impl BankInfo {
    /// The bank's name in a published 名单 (通报): the gazette's form, e.g. 农发行黄石分行.
    pub fn listed_name(&self) -> &str {
        self.listed_name.as_deref().unwrap_or(&self.full_name)
    }
}

/// A row of 附件1 (信贷投入任务).
#[derive(Debug, Clone, Copy)]
pub struct LoanRow {
    /// 2023年末贷款余额.
    pub balance_2023: Decimal,
    /// 一季度“开门红”增量任务 (10%); not scored.
    pub q1_task: Decimal,
    /// 当年确保增量任务 (15%); the task that scores.
    pub task: Decimal,
    /// 当年力争增量任务 (18%); not scored.
    pub stretch_task: Decimal,
}

/// A row of 附件2, 3 or 4: a 2023 balance and the 2024 increment task.
#[derive(Debug, Clone, Copy)]
pub struct TaskRow {
    /// 2023年末余额.
    pub balance_2023: Decimal,
    /// 2024年当年增量任务.
    pub task: Decimal,
}

/// A row of 附件5 (东楚融通).
#[derive(Debug, Clone, Copy)]
pub struct DongchuRow {
    /// 融资金额目标, 亿元.
    pub amount_target: Decimal,
    /// 融资户数目标 (the annex's “融资金数”, a misprint).
    pub households_target: Decimal,
}

/// The annex tables, each row at the index of its bank in [`Scheme::banks`].
#[derive(Debug, Clone)]
pub struct Annexes {
    /// 附件1.
    pub loans: Vec<LoanRow>,
    /// 附件2, 中小微企业.
    pub sme: Vec<TaskRow>,
    /// 附件3, 制造业 (含贴现).
    pub manufacturing: Vec<TaskRow>,
    /// 附件4, 绿色信贷.
    pub green: Vec<TaskRow>,
    /// 附件5, 东楚融通.
    pub dongchu: Vec<DongchuRow>,
    /// Each table's title, clause, stated totals and rates, for the checks and the page.
    pub tables: Vec<AnnexTable>,
}

impl Annexes {
    /// A table by its key in the data file (`loans`, `sme`, `manufacturing`, `green`, `dongchu`).
    pub fn table(&self, key: &str) -> Option<&AnnexTable> {
        self.tables.iter().find(|t| t.key == key)
    }
}

impl AnnexTable {
    /// The growth rate a column's tasks were set at, in percent (附件1's `q1_task` is 10).
    pub fn rate_pct(&self, column: &str) -> Option<Decimal> {
        self.rates_pct.iter().find(|(k, _)| k == column).map(|(_, r)| *r)
    }

    /// The columns whose figures are tasks set at a growth rate of the base (`q1_task`, `task`, …);
    /// none for 附件5, whose targets are set as such.
    pub fn task_columns(&self) -> &'static [&'static str] {
        crate::scheme_problem::TABLES.iter().find(|t| t.key == self.key).map_or(&[], |t| t.rated)
    }

    /// Whether a column's figures are whole numbers (户数).
    pub fn is_whole(&self, column: &str) -> bool {
        column == crate::scheme_problem::HOUSEHOLDS
    }
}

/// What a table says about itself: its title, the clause that uses it, its stated totals.
#[derive(Debug, Clone)]
pub struct AnnexTable {
    /// Key in the data file (`loans`, `sme`, …).
    pub key: String,
    /// The annex's title.
    pub title: String,
    /// The clause that scores it.
    pub clause: String,
    /// A note printed under the table.
    pub note: String,
    /// Column key → header.
    pub columns: Vec<(String, String)>,
    /// Column key → the growth rate the column's tasks were set at, in percent.
    pub rates_pct: Vec<(String, Decimal)>,
    /// Column key → the total printed in the annex.
    pub stated_total: Vec<(String, Decimal)>,
    /// Column key → each bank's figure, in bank order.
    pub figures: Vec<(String, Vec<Decimal>)>,
}

/// One finding of the annex checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexCheck {
    /// Which annex (`附件1`).
    pub annex: String,
    /// What was checked (`工商银行 一季度“开门红”增量任务`).
    pub subject: String,
    /// What was found, in Chinese.
    pub message: String,
}

/// A year's scheme: the document, the banks, the annexes and the rule numbers. Built in
/// ([`Scheme::builtin`]) or read from a `kaoping-scheme/1` file ([`Scheme::from_json`]); either way an
/// owned value, and every function of the engine takes a `&Scheme`.
#[derive(Debug, Clone)]
pub struct Scheme {
    /// The year.
    pub year: u16,
    /// The document that issues it (title, 文号, date, issuer).
    pub document: Document,
    /// The banks, in annex order.
    pub banks: Vec<BankInfo>,
    /// The annex tables.
    pub annexes: Annexes,
    /// The rule numbers.
    pub rules: Parameters,
    /// The first 8 hex digits of the SHA-256 of the scheme file's canonical form: the same scheme has
    /// the same fingerprint however its file is indented.
    pub fingerprint: String,
    /// The file it was read from.
    pub(crate) file: Arc<Value>,
}

static SCHEME_2024: OnceLock<Result<Scheme, Error>> = OnceLock::new();

impl Scheme {
    /// The built-in scheme of a year. Only 2024 is known.
    ///
    /// The data files are read once and kept; later calls cost nothing. The scheme is read by
    /// [`Scheme::from_value`] like any scheme file, so `kaoping scheme export 2024` prints a file that
    /// reads back as the same scheme with the same fingerprint.
    pub fn builtin(year: u16) -> Result<&'static Scheme, Error> {
        match year {
            2024 => SCHEME_2024
                .get_or_init(|| {
                    builtin_file(
                        include_str!(concat!(env!("OUT_DIR"), "/2024/document.json")),
                        include_str!(concat!(env!("OUT_DIR"), "/2024/parameters.json")),
                        include_str!(concat!(env!("OUT_DIR"), "/2024/annexes.json")),
                    )
                    // Checked by the tests (scheme_files.rs reads the exported file back), not here:
                    // the page carries no scheme checks for the data it is built with. Its fingerprint
                    // was worked out by build.rs from the same files.
                    .and_then(|file| {
                        let fingerprint = include_str!(concat!(env!("OUT_DIR"), "/2024/fingerprint"));
                        Scheme::from_checked(file, fingerprint.to_owned())
                    })
                    .map_err(|e| Error::BuiltinData { message: e.to_string() })
                })
                .as_ref()
                .map_err(Clone::clone),
            other => Err(Error::Year { found: Some(other.to_string()) }),
        }
    }

    /// 附件1's stated city total of 2023 loan balances and the sum of the 16 banks' rows: the difference
    /// is lending by institutions outside the scheme.
    pub fn city_loans_2023(&self) -> Option<(Decimal, Decimal)> {
        let table = self.annexes.table("loans")?;
        let stated = table.stated_total.iter().find(|(k, _)| k == "balance_2023").map(|(_, v)| *v)?;
        let sum = table.figures.iter().find(|(k, _)| k == "balance_2023").map(|(_, rows)| rows.iter().sum())?;
        Some((stated, sum))
    }

    /// The index of a bank in annex order.
    pub fn bank_index(&self, id: &str) -> Option<usize> {
        self.banks.iter().position(|b| b.id == id)
    }

    /// 附件1's three loan tasks for a bank (一季度“开门红”, 确保, 力争) and where its loan line stands
    /// against each. Only 确保 scores; bank managers track the other two. The names carry the rates the
    /// annex states, so next year's annex relabels them by itself.
    pub fn loan_milestones(&self, index: usize, loans: &crate::evaluation::Line) -> Vec<crate::evaluation::Milestone> {
        let Some(row) = self.annexes.loans.get(index) else { return Vec::new() };
        let rate = |column: &str, scores: bool| {
            let rate = self.annexes.table("loans").and_then(|t| t.rate_pct(column));
            match (rate, scores) {
                (Some(r), true) => format!("（{}%，计分）", r.normalize()),
                (Some(r), false) => format!("（{}%）", r.normalize()),
                (None, true) => "（计分）".to_owned(),
                (None, false) => String::new(),
            }
        };
        [
            ("q1_task", "一季度“开门红”", row.q1_task, false),
            ("task", "确保", row.task, true),
            ("stretch_task", "力争", row.stretch_task, false),
        ]
        .into_iter()
        .map(|(key, name, task, scores)| crate::evaluation::Milestone {
            key,
            label: format!("{name}{}", rate(key, scores)),
            scores,
            progress: loans.against(task),
        })
        .collect()
    }

    /// The empty scenario of the year: every bank exactly on task, nothing else entered. Not marked
    /// with the scheme ([`Scenario::mark_scheme`] does that), so that it reads as files always have.
    pub fn baseline(&self) -> Scenario {
        Scenario::new(self.year)
    }

    /// What a scenario made under this scheme remembers of it.
    pub fn mark(&self) -> SchemeMark {
        SchemeMark { fingerprint: self.fingerprint.clone(), number: self.document.number.clone() }
    }

    /// The on-task baseline with every field present: the annex figures filled in on task, every other
    /// figure present and empty (`null`), ready for a user to edit.
    pub fn template(&self) -> Scenario {
        let mut scenario = Scenario::new(self.year);
        scenario.banks = self
            .banks
            .iter()
            .enumerate()
            .map(|(i, bank)| {
                let a = &self.annexes;
                // Annex figures are two-decimal amounts well inside `Amount`'s range; `validate` checked
                // them positive and bounded, so these conversions cannot fail, and `ok()` keeps it so.
                let on_task = |row_base: Decimal, task: Decimal| Amount::new(row_base + task).ok();
                BankInput {
                    id: bank.id.clone(),
                    loans: on_task(a.loans[i].balance_2023, a.loans[i].task),
                    sme_loans: on_task(a.sme[i].balance_2023, a.sme[i].task),
                    manufacturing_loans: on_task(a.manufacturing[i].balance_2023, a.manufacturing[i].task),
                    green_loans: on_task(a.green[i].balance_2023, a.green[i].task),
                    dongchu_amount: Amount::new(a.dongchu[i].amount_target).ok(),
                    dongchu_households: decimal_to_count(a.dongchu[i].households_target),
                    ..BankInput::new(&bank.id)
                }
            })
            .collect();
        scenario
    }

    /// Works out the annex checks: totals that are not the sums of their rows, task rows whose totals
    /// are a rate of the stated total, and published tasks that differ from balance × rate rounded.
    pub fn annex_checks(&self) -> Vec<AnnexCheck> {
        let mut checks = Vec::new();
        for table in &self.annexes.tables {
            let annex = table.title.split_whitespace().next().unwrap_or(&table.title).to_owned();
            let header =
                |key: &str| table.columns.iter().find(|(k, _)| k == key).map_or(key.to_owned(), |(_, h)| h.clone());
            let stated = |key: &str| table.stated_total.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
            let balance_total = stated("balance_2023");
            for (key, figures) in &table.figures {
                let sum: Decimal = figures.iter().sum();
                let Some(total) = stated(key) else { continue };
                let rate = table.rate_pct(key);
                if sum == total {
                    checks.push(AnnexCheck {
                        annex: annex.clone(),
                        subject: format!("{} 合计", header(key)),
                        message: format!("各行之和 {} 与合计 {} 相符。", fixed2(sum), fixed2(total)),
                    });
                    continue;
                }
                // A task row's total can be the rate applied to the stated balance total instead.
                let of_total = match (rate, balance_total) {
                    (Some(rate), Some(base)) => Some(round2(base * rate / Decimal::ONE_HUNDRED)),
                    _ => None,
                };
                let message = if of_total == Some(total) {
                    format!(
                        "合计 {} 不是 {} 家之和（{}），而是合计余额 {} 的 {}%。",
                        fixed2(total),
                        self.banks.len(),
                        fixed2(sum),
                        balance_total.map_or_else(String::new, fixed2),
                        rate.map_or_else(String::new, |r| r.normalize().to_string())
                    )
                } else {
                    format!(
                        "合计 {}，{} 家之和 {}，相差 {}{}。",
                        fixed2(total),
                        self.banks.len(),
                        fixed2(sum),
                        fixed2(total - sum),
                        if key == "balance_2023" && table.key == "loans" {
                            "（全市合计含考评对象以外的机构）"
                        } else {
                            "（原表四舍五入所致）"
                        }
                    )
                };
                checks.push(AnnexCheck { annex: annex.clone(), subject: format!("{} 合计", header(key)), message });
            }
            let Some((_, balances)) = table.figures.iter().find(|(k, _)| k == "balance_2023") else { continue };
            for (key, rate) in &table.rates_pct {
                let Some((_, tasks)) = table.figures.iter().find(|(k, _)| k == key) else { continue };
                for (i, (balance, task)) in balances.iter().zip(tasks).enumerate() {
                    let exact = *balance * *rate / Decimal::ONE_HUNDRED;
                    if round2(exact) != *task {
                        checks.push(AnnexCheck {
                            annex: annex.clone(),
                            subject: format!("{} {}", self.banks[i].short_name, header(key)),
                            message: format!(
                                "公布任务 {}，按 {} × {}% = {} 四舍五入应为 {}；计分以公布数为准。",
                                fixed2(*task),
                                fixed2(*balance),
                                rate.normalize(),
                                exact.normalize(),
                                fixed2(round2(exact))
                            ),
                        });
                    }
                }
            }
        }
        checks
    }
}

fn decimal_to_count(d: Decimal) -> Option<Count> {
    use rust_decimal::prelude::ToPrimitive;
    d.to_u32().and_then(|n| Count::new(n).ok())
}

fn fixed2(d: Decimal) -> String {
    format!("{:.2}", round2(d))
}

/// A scenario opened under a scheme other than the one it was made under: another year's, or the same
/// year's with another fingerprint (a corrected or reissued file). It is scored under the one in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeMismatch {
    /// The year it was made under.
    pub made_year: u16,
    /// What it remembers of that scheme, if anything.
    pub made: Option<SchemeMark>,
    /// The scheme in force, in words (`2025年度（测试〔2025〕1号）`).
    pub in_force: String,
    /// Its fingerprint.
    pub fingerprint: String,
}

impl SchemeMismatch {
    /// The notice in Chinese, for the page: `此情景是按2024年度考评方案（黄政办发〔2024〕10号，方案指纹
    /// 1a2b3c4d）编制的，现按2025年度（测试〔2025〕1号）考评方案计算（方案指纹 5e6f7a8b）。`
    pub fn zh(&self) -> String {
        let made = match &self.made {
            Some(m) => {
                let number = if m.number.trim().is_empty() { "文号未填" } else { m.number.as_str() };
                format!("{}年度考评方案（{number}，方案指纹 {}）", self.made_year, m.fingerprint)
            }
            None => format!("{}年度考评方案", self.made_year),
        };
        format!("此情景是按{made}编制的，现按{}考评方案计算（方案指纹 {}）。", self.in_force, self.fingerprint)
    }
}

impl std::fmt::Display for SchemeMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.made {
            Some(m) => write!(f, "made under the {} scheme (fingerprint {})", self.made_year, m.fingerprint)?,
            None => write!(f, "made under the {} scheme", self.made_year)?,
        }
        write!(f, "; scored under {} (fingerprint {})", self.in_force, self.fingerprint)
    }
}

impl Scenario {
    /// How the scheme in force differs from the one this scenario was made under, if it does.
    pub fn scheme_mismatch(&self, scheme: &Scheme) -> Option<SchemeMismatch> {
        let same_year = self.year == scheme.year;
        let same_file = self.scheme.as_ref().is_none_or(|m| m.fingerprint == scheme.fingerprint);
        (!(same_year && same_file)).then(|| SchemeMismatch {
            made_year: self.year,
            made: self.scheme.clone(),
            in_force: scheme.label(),
            fingerprint: scheme.fingerprint.clone(),
        })
    }

    /// Marks the scenario as made under `scheme` (its year and mark): what a front end does when it
    /// writes a scenario it scored under that scheme.
    pub fn mark_scheme(&mut self, scheme: &Scheme) {
        self.year = scheme.year;
        self.scheme = Some(scheme.mark());
    }
}

/// The built-in scheme file of a year: its document, parameters and annexes, each a data file.
fn builtin_file(document: &str, parameters: &str, annexes: &str) -> Result<Value, Error> {
    let read = |name: &str, text: &str| -> Result<Value, Error> {
        serde_json::from_str(text).map_err(|e| Error::BuiltinData { message: format!("{name}: {e}") })
    };
    Ok(crate::fingerprint::scheme_file(
        read("document.json", document)?,
        read("parameters.json", parameters)?,
        read("annexes.json", annexes)?,
    ))
}
