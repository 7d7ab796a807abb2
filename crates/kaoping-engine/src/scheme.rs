//! 一、考评对象 and 附件1–5: the banks scored and the annex tables of a year, read from
//! `data/<year>/annexes.json`, together with the rule numbers of `data/<year>/parameters.json`.
//!
//! The published task figures are used verbatim: a few differ from "2023 balance × rate" rounded
//! (附件1 工商银行 25.60, 光大银行 6.73, …), and the published figure is the one that scores.
//! [`Scheme::annex_checks`] works out every such difference, and every total that is not the sum of
//! its rows, so that a user can see them.

use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::document::Scenario;
use crate::error::Error;
use crate::fields::BankInput;
use crate::format::round2;
use crate::parameters::Parameters;
use crate::values::{Amount, Count};

/// One bank scored by the scheme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankInfo {
    /// Stable id used by scenario files (`icbc`).
    pub id: String,
    /// Name as the annexes write it (`工商银行`).
    pub short_name: String,
    /// Full name (`工商银行黄石分行`).
    pub full_name: String,
    /// The legal name, as on the bank's own forms (`中国工商银行股份有限公司黄石分行`); the spreadsheet
    /// reader accepts it and its usual shortenings.
    #[serde(default)]
    pub legal_name: String,
    /// Other names the bank goes by in the bureau's sheets (`黄石农商银行`).
    #[serde(default)]
    pub aliases: Vec<String>,
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

/// A year's scheme: the banks, the annexes and the rule numbers. Built in; see [`Scheme::builtin`].
#[derive(Debug, Clone)]
pub struct Scheme {
    /// The year.
    pub year: u16,
    /// The banks, in annex order.
    pub banks: Vec<BankInfo>,
    /// The annex tables.
    pub annexes: Annexes,
    /// The rule numbers.
    pub rules: Parameters,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnexFile {
    format: String,
    year: u16,
    #[allow(dead_code)]
    source: String,
    banks: Vec<BankInfo>,
    loans: RawTable,
    sme: RawTable,
    manufacturing: RawTable,
    green: RawTable,
    dongchu: RawTable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    title: String,
    clause: String,
    #[allow(dead_code)]
    unit: String,
    note: String,
    columns: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    rates_pct: serde_json::Map<String, serde_json::Value>,
    rows: Vec<serde_json::Map<String, serde_json::Value>>,
    stated_total: serde_json::Map<String, serde_json::Value>,
}

static SCHEME_2024: OnceLock<Result<Scheme, Error>> = OnceLock::new();

impl Scheme {
    /// The built-in scheme of a year. Only 2024 is known.
    ///
    /// The data files are read once and kept; later calls cost nothing.
    pub fn builtin(year: u16) -> Result<&'static Scheme, Error> {
        match year {
            2024 => SCHEME_2024
                .get_or_init(|| {
                    Scheme::from_data(
                        include_str!("../data/2024/annexes.json"),
                        include_str!("../data/2024/parameters.json"),
                    )
                })
                .as_ref()
                .map_err(Clone::clone),
            other => Err(Error::Year { found: Some(other.to_string()) }),
        }
    }

    /// Reads a scheme from its two data files.
    pub fn from_data(annexes_json: &str, parameters_json: &str) -> Result<Scheme, Error> {
        let data = |message: String| Error::BuiltinData { message };
        let rules: Parameters = serde_json::from_str(parameters_json).map_err(|e| data(format!("parameters: {e}")))?;
        if rules.format != "kaoping-parameters/1" {
            return Err(data(format!("parameters: unknown format {}", rules.format)));
        }
        rules.validate().map_err(data)?;
        let file: AnnexFile = serde_json::from_str(annexes_json).map_err(|e| data(format!("annexes: {e}")))?;
        if file.format != "kaoping-annexes/1" || file.year != rules.year {
            return Err(data("annexes: format or year does not match the parameters".to_owned()));
        }
        let banks = file.banks;
        let tables = [
            ("loans", &file.loans),
            ("sme", &file.sme),
            ("manufacturing", &file.manufacturing),
            ("green", &file.green),
            ("dongchu", &file.dongchu),
        ]
        .into_iter()
        .map(|(key, raw)| read_table(key, raw, &banks))
        .collect::<Result<Vec<_>, _>>()
        .map_err(data)?;
        let column = |table: usize, key: &str| -> Result<Vec<Decimal>, Error> {
            tables[table]
                .figures
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| data(format!("annexes: {} has no column {key}", tables[table].key)))
        };
        let task_rows = |table: usize| -> Result<Vec<TaskRow>, Error> {
            let balance = column(table, "balance_2023")?;
            let task = column(table, "task")?;
            Ok(balance.into_iter().zip(task).map(|(balance_2023, task)| TaskRow { balance_2023, task }).collect())
        };
        let (b, q, t, s) =
            (column(0, "balance_2023")?, column(0, "q1_task")?, column(0, "task")?, column(0, "stretch_task")?);
        let loans = (0..banks.len())
            .map(|i| LoanRow { balance_2023: b[i], q1_task: q[i], task: t[i], stretch_task: s[i] })
            .collect();
        let dongchu = column(4, "amount_target")?
            .into_iter()
            .zip(column(4, "households_target")?)
            .map(|(amount_target, households_target)| DongchuRow { amount_target, households_target })
            .collect();
        let annexes =
            Annexes { loans, sme: task_rows(1)?, manufacturing: task_rows(2)?, green: task_rows(3)?, dongchu, tables };
        let scheme = Scheme { year: rules.year, banks, annexes, rules };
        scheme.validate().map_err(data)?;
        Ok(scheme)
    }

    /// Every figure the engine divides by or compares against must be a real, bounded figure.
    fn validate(&self) -> Result<(), String> {
        let positive = |what: &str, i: usize, d: Decimal| {
            if d > Decimal::ZERO && d <= Amount::MAX {
                Ok(())
            } else {
                Err(format!("annexes: {what} of {} must be positive", self.banks[i].id))
            }
        };
        for i in 0..self.banks.len() {
            positive("loans.balance_2023", i, self.annexes.loans[i].balance_2023)?;
            positive("loans.task", i, self.annexes.loans[i].task)?;
            for (name, rows) in [
                ("sme", &self.annexes.sme),
                ("manufacturing", &self.annexes.manufacturing),
                ("green", &self.annexes.green),
            ] {
                positive(&format!("{name}.balance_2023"), i, rows[i].balance_2023)?;
                positive(&format!("{name}.task"), i, rows[i].task)?;
            }
            positive("dongchu.amount_target", i, self.annexes.dongchu[i].amount_target)?;
            positive("dongchu.households_target", i, self.annexes.dongchu[i].households_target)?;
            if self.annexes.dongchu[i].households_target.fract() != Decimal::ZERO {
                return Err(format!("annexes: dongchu.households_target of {} must be whole", self.banks[i].id));
            }
        }
        Ok(())
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

    /// The empty scenario of the year: every bank exactly on task, nothing else entered.
    pub fn baseline(&self) -> Scenario {
        Scenario::new(self.year)
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
                        "合计 {} 不是 16 家之和（{}），而是合计余额 {} 的 {}%。",
                        fixed2(total),
                        fixed2(sum),
                        balance_total.map_or_else(String::new, fixed2),
                        rate.map_or_else(String::new, |r| r.normalize().to_string())
                    )
                } else {
                    format!(
                        "合计 {}，16 家之和 {}，相差 {}{}。",
                        fixed2(total),
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

fn read_table(key: &str, raw: &RawTable, banks: &[BankInfo]) -> Result<AnnexTable, String> {
    let text = |v: &serde_json::Value, what: &str| -> Result<String, String> {
        v.as_str().map(str::to_owned).ok_or_else(|| format!("annexes: {key}.{what} must be a string"))
    };
    let number = |v: &serde_json::Value, what: &str| -> Result<Decimal, String> {
        let t = text(v, what)?;
        crate::values::parse_exact(&t).map_err(|e| format!("annexes: {key}.{what}: \"{t}\" {e}"))
    };
    if raw.rows.len() != banks.len() {
        return Err(format!("annexes: {key} has {} rows for {} banks", raw.rows.len(), banks.len()));
    }
    let columns: Vec<(String, String)> =
        raw.columns.iter().map(|(k, v)| Ok((k.clone(), text(v, k)?))).collect::<Result<_, String>>()?;
    let mut figures: Vec<(String, Vec<Decimal>)> = columns.iter().map(|(k, _)| (k.clone(), Vec::new())).collect();
    for (i, (row, bank)) in raw.rows.iter().zip(banks).enumerate() {
        if row.get("bank").and_then(|v| v.as_str()) != Some(bank.id.as_str()) {
            return Err(format!("annexes: {key}.rows[{i}] is not bank {}", bank.id));
        }
        if row.len() != columns.len() + 1 {
            return Err(format!("annexes: {key}.rows[{i}] has other columns than the table"));
        }
        for (column, values) in &mut figures {
            let value = row.get(column.as_str()).ok_or_else(|| format!("annexes: {key}.rows[{i}] lacks {column}"))?;
            values.push(number(value, &format!("rows[{i}].{column}"))?);
        }
    }
    let pairs = |map: &serde_json::Map<String, serde_json::Value>, what: &str| {
        map.iter().map(|(k, v)| Ok((k.clone(), number(v, &format!("{what}.{k}"))?))).collect::<Result<Vec<_>, String>>()
    };
    Ok(AnnexTable {
        key: key.to_owned(),
        title: raw.title.clone(),
        clause: raw.clause.clone(),
        note: raw.note.clone(),
        columns,
        rates_pct: pairs(&raw.rates_pct, "rates_pct")?,
        stated_total: pairs(&raw.stated_total, "stated_total")?,
        figures,
    })
}
