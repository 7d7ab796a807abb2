//! 汇总: the banks' declarations (申报表) gathered into one scenario.
//!
//! > 三、考评组织 …… 各银行业金融机构申报，考评小组负责核实，市政府审定实施。
//!
//! Each file read is a [`Declaration`]: the bank it says it is for (a 申报表 names its bank; a file's
//! name may name one too), the rows of figures it carries and who filled it in. [`collect`] puts every
//! bank's declared figures into a scenario and says, bank by bank, whether it was received, from which
//! file, and what changed. Banks not received stay as the scenario had them (or on task).
//!
//! Only the figures a bank declares (the field table's `by: Bank`) are taken from its file; a file that
//! carries others (the 金融政策 grade, a programme's target, 一票否决) has them left as they were, and
//! the receipt says so. A figure the bureau has verified keeps its verified value: the new declaration
//! becomes its declared value, and the receipt says that too, so that the bureau looks again.
//!
//! Nothing is guessed. Two files for the same bank with different figures, or a file that names one
//! bank and carries another's row, are [`Conflict`]s: the collection then has no scenario to give until
//! a [`Resolution`] says which file counts for the bank. Two files with the same figures are one
//! declaration received twice.

use rust_decimal::Decimal;

use crate::provenance::Source;
use crate::verify::show;
use crate::{Date, Field, FigureChange, Scenario, Scheme};

/// The figures one file declares, as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Declaration {
    /// The file's name (`申报表-工商银行.xlsx`).
    pub file: String,
    /// The bank the file's content says it is for (a 申报表's named bank, by id), if it says.
    pub names: Option<String>,
    /// The bank rows it carries.
    pub rows: Vec<DeclaredRow>,
    /// 填报人.
    pub reporter: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 填报日期.
    pub date: Option<Date>,
}

/// One bank's row of a declaration: every figure the file has a box for, `None` where it was left
/// blank (the bank declares nothing there). Figures the file has no box for are not listed and are
/// left as they were.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeclaredRow {
    /// The bank's id.
    pub bank: String,
    /// The figures, in table order.
    pub figures: Vec<(Field, Option<Decimal>)>,
}

/// How a file names a bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedBy {
    /// The form itself (a 申报表's 填报单位).
    Form,
    /// The file's name (`申报表-工商银行.xlsx`).
    FileName,
}

/// A figure two declarations give differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureDiff {
    /// The figure.
    pub field: Field,
    /// In the first file.
    pub first: Option<Decimal>,
    /// In the second.
    pub second: Option<Decimal>,
}

/// What stops a collection until the user chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Two files for the same bank with different figures.
    Differ {
        /// The bank.
        bank: String,
        /// The first file.
        first: String,
        /// The second file.
        second: String,
        /// The figures that differ, in table order.
        figures: Vec<FigureDiff>,
    },
    /// A file that names one bank carries another bank's row.
    WrongBank {
        /// The file.
        file: String,
        /// The bank it names.
        named: String,
        /// Where it names it.
        by: NamedBy,
        /// The bank whose row it carries.
        carries: String,
    },
}

/// A user's answer to a conflict: for `bank`, take the row of `file` (and no other file's), even if
/// the file names another bank.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Resolution {
    /// The bank.
    pub bank: String,
    /// The file whose row counts for it.
    pub file: String,
}

/// One bank in a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The bank's id.
    pub bank: String,
    /// Where its figures came from; `None`: not received.
    pub source: Option<Source>,
    /// Other files that gave the same figures for it.
    pub also: Vec<String>,
    /// Its figures that differ from the scenario collected into, in table order.
    pub changes: Vec<FigureChange>,
    /// Figures the bureau had verified: the verified value stays, and the declared value is now the
    /// new declaration's (`after`; `before` is the declared value until now).
    pub kept: Vec<FigureChange>,
    /// Figures the file carries that a bank does not declare, left as they were.
    pub ignored: Vec<Field>,
}

/// The declarations gathered: the scenario (when nothing conflicts), each bank's receipt and every
/// conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// The scenario with every received bank's figures; `None` while a conflict stands.
    pub scenario: Option<Scenario>,
    /// Every bank of the scheme, in annex order.
    pub receipts: Vec<Receipt>,
    /// What stops the collection, in file order.
    pub conflicts: Vec<Conflict>,
}

impl Collection {
    /// The banks received, in annex order.
    pub fn received(&self) -> impl Iterator<Item = &Receipt> {
        self.receipts.iter().filter(|r| r.source.is_some())
    }

    /// The banks not received, in annex order.
    pub fn not_received(&self) -> impl Iterator<Item = &Receipt> {
        self.receipts.iter().filter(|r| r.source.is_none())
    }
}

/// The bank a file's name names: the one bank whose id (as a word), short, full or listed name it
/// contains. A name that names no bank, or more than one, names none.
pub fn bank_named_by_file(scheme: &Scheme, file: &str) -> Option<String> {
    // The name without its folder or extension.
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let lower = stem.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let matches: Vec<&str> = scheme
        .banks
        .iter()
        .filter(|b| {
            words.contains(&b.id.as_str())
                || [b.short_name.as_str(), b.full_name.as_str(), b.listed_name()].iter().any(|n| stem.contains(n))
        })
        .map(|b| b.id.as_str())
        .collect();
    match matches.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}

/// Gathers `declarations` into `base`: each received bank's declared figures replace its figures
/// there, and its source is recorded; banks not received stay as they are. `choices` settle
/// conflicts; while one stands, there is no scenario.
pub fn collect(scheme: &Scheme, base: &Scenario, declarations: &[Declaration], choices: &[Resolution]) -> Collection {
    let chosen = |bank: &str| choices.iter().find(|c| c.bank == bank).map(|c| c.file.as_str());
    let mut conflicts = Vec::new();
    // Every row that may count, by bank: (declaration, row).
    let mut rows: Vec<Vec<(&Declaration, &DeclaredRow)>> = vec![Vec::new(); scheme.banks.len()];
    for declaration in declarations {
        let by_file = bank_named_by_file(scheme, &declaration.file);
        for row in &declaration.rows {
            let Some(index) = scheme.bank_index(&row.bank) else { continue };
            match chosen(&row.bank) {
                Some(file) if file != declaration.file => continue,
                Some(_) => {}
                None => {
                    let named = [(declaration.names.as_ref(), NamedBy::Form), (by_file.as_ref(), NamedBy::FileName)];
                    // The form's own word comes first; the file's name is checked only when the form
                    // agrees with the row (or says nothing).
                    if let Some((named, by)) =
                        named.into_iter().find_map(|(n, by)| n.filter(|n| **n != row.bank).map(|n| (n, by)))
                    {
                        conflicts.push(Conflict::WrongBank {
                            file: declaration.file.clone(),
                            named: named.clone(),
                            by,
                            carries: row.bank.clone(),
                        });
                        continue;
                    }
                }
            }
            rows[index].push((declaration, row));
        }
    }
    let mut scenario = base.clone();
    let mut receipts = Vec::with_capacity(scheme.banks.len());
    for (info, rows) in scheme.banks.iter().zip(&rows) {
        let mut receipt = Receipt {
            bank: info.id.clone(),
            source: None,
            also: Vec::new(),
            changes: Vec::new(),
            kept: Vec::new(),
            ignored: Vec::new(),
        };
        let Some(((first, row), others)) = rows.split_first() else {
            receipts.push(receipt);
            continue;
        };
        let mut agree = true;
        for (other, other_row) in others {
            let figures = differences(row, other_row);
            if figures.is_empty() {
                receipt.also.push(other.file.clone());
            } else {
                agree = false;
                conflicts.push(Conflict::Differ {
                    bank: info.id.clone(),
                    first: first.file.clone(),
                    second: other.file.clone(),
                    figures,
                });
            }
        }
        if agree {
            let source = Source {
                file: first.file.clone(),
                reporter: first.reporter.clone(),
                phone: first.phone.clone(),
                date: first.date,
            };
            for &(field, value) in &row.figures {
                if !field.is_declared() {
                    // Said only where the file would have changed something.
                    let now = scenario.bank(&info.id).and_then(|b| field.get(b));
                    if !same(now, value) {
                        receipt.ignored.push(field);
                    }
                    continue;
                }
                if let Some(verification) =
                    scenario.verified.get_mut(&info.id).and_then(|figures| figures.get_mut(&field))
                {
                    if !same(verification.declared, value) {
                        receipt.kept.push(FigureChange { field, before: verification.declared, after: value });
                        verification.declared = value;
                    }
                    continue;
                }
                let bank = scenario.bank_mut(&info.id);
                let before = field.get(bank);
                if same(before, value) {
                    continue;
                }
                // The reader has checked each value against its field, so a refusal here is a value
                // no reader gives; it is left out rather than half applied.
                if field.set(bank, value).is_ok() {
                    receipt.changes.push(FigureChange { field, before, after: value });
                }
            }
            let changed = !receipt.changes.is_empty() || !receipt.kept.is_empty();
            if changed || scenario.sources.get(&info.id) != Some(&source) {
                scenario.verification_complete &= !changed;
                scenario.sources.insert(info.id.clone(), source.clone());
            }
            receipt.source = Some(source);
        }
        receipts.push(receipt);
    }
    scenario.banks.retain(|b| !b.is_empty());
    Collection { scenario: conflicts.is_empty().then_some(scenario), receipts, conflicts }
}

/// Whether two optional figures are the same number (`300` and `300.00` are).
fn same(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        (x, y) => x.is_none() && y.is_none(),
    }
}

/// The declared figures two rows for the same bank give differently; a figure only one of them has
/// a box for is not a difference.
fn differences(a: &DeclaredRow, b: &DeclaredRow) -> Vec<FigureDiff> {
    let mut out: Vec<FigureDiff> = a
        .figures
        .iter()
        .filter(|(field, _)| field.is_declared())
        .filter_map(|&(field, first)| {
            let (_, second) = *b.figures.iter().find(|(f, _)| *f == field)?;
            (!same(first, second)).then_some(FigureDiff { field, first, second })
        })
        .collect();
    crate::order::sort_by_key(&mut out, |d| d.field);
    out
}

impl Conflict {
    /// The conflict in Chinese, naming both files and the figures that differ.
    pub fn zh(&self, scheme: &Scheme) -> String {
        let name = |id: &str| {
            scheme
                .bank_index(id)
                .and_then(|i| scheme.banks.get(i))
                .map_or_else(|| id.to_owned(), |b| b.short_name.clone())
        };
        match self {
            Conflict::Differ { bank, first, second, figures } => {
                let figures: Vec<String> = figures
                    .iter()
                    .map(|d| format!("{} {} ≠ {}", d.field.label(), show(d.field, d.first), show(d.field, d.second)))
                    .collect();
                format!("{}有两份数字不同的申报：{first} 与 {second}（{}）", name(bank), figures.join("；"))
            }
            Conflict::WrongBank { file, named, by, carries } => {
                let place = match by {
                    NamedBy::Form => "表内填报单位",
                    NamedBy::FileName => "文件名",
                };
                format!("{file} 的{place}是{}，表中却是{}的数据", name(named), name(carries))
            }
        }
    }
}

impl Receipt {
    /// The bank's line of the report: received from which file and what changed, or not received.
    pub fn zh(&self, scheme: &Scheme) -> String {
        let name =
            scheme.bank_index(&self.bank).and_then(|i| scheme.banks.get(i)).map_or("", |b| b.short_name.as_str());
        let Some(source) = &self.source else {
            return format!("{name}：未收到");
        };
        let mut out = format!("{name}：收到 {}", source.zh());
        if !self.also.is_empty() {
            out.push_str(&format!("；{} 的数字相同", self.also.join("、")));
        }
        let list = |changes: &[FigureChange]| {
            changes
                .iter()
                .map(|c| format!("{} {} → {}", c.field.label(), show(c.field, c.before), show(c.field, c.after)))
                .collect::<Vec<_>>()
                .join("，")
        };
        if self.changes.is_empty() && self.kept.is_empty() {
            out.push_str("；数字与原情景相同");
        } else if !self.changes.is_empty() {
            out.push_str(&format!("；变化 {} 项：{}", self.changes.len(), list(&self.changes)));
        }
        if !self.kept.is_empty() {
            out.push_str(&format!("；已核实的数字保留核实数，申报数改变：{}", list(&self.kept)));
        }
        if !self.ignored.is_empty() {
            let names: Vec<&str> = self.ignored.iter().map(|f| f.label()).collect();
            out.push_str(&format!("；{} 不由银行申报，未采用", names.join("、")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme() -> &'static Scheme {
        Scheme::builtin(2024).expect("built-in")
    }

    fn d(text: &str) -> Decimal {
        text.parse().expect("a decimal")
    }

    fn declaration(file: &str, names: Option<&str>, bank: &str, loans: &str) -> Declaration {
        Declaration {
            file: file.to_owned(),
            names: names.map(str::to_owned),
            rows: vec![DeclaredRow {
                bank: bank.to_owned(),
                figures: vec![(Field::Loans, Some(d(loans))), (Field::SmeLoans, None)],
            }],
            reporter: Some("张三".to_owned()),
            phone: None,
            date: Date::new(2025, 1, 10).ok(),
        }
    }

    #[test]
    fn file_names_name_one_bank_or_none() {
        let scheme = scheme();
        let cases: &[(&str, Option<&str>)] = &[
            ("申报表-工商银行.xlsx", Some("icbc")),
            ("/tmp/x/申报表-icbc.xlsx", Some("icbc")),
            ("ICBC_2024.xlsx", Some("icbc")),
            ("农发行黄石分行申报.xlsx", Some("adbc")),
            ("黄石农商行.xlsx", Some("hsrcb")),
            ("申报表-bocom.xlsx", Some("bocom")),
            ("工商银行与农业银行.xlsx", None),
            ("申报表.xlsx", None),
            ("cabc.xlsx", None),
        ];
        for (file, expected) in cases {
            assert_eq!(bank_named_by_file(scheme, file).as_deref(), *expected, "{file}");
        }
    }

    #[test]
    fn received_banks_take_their_figures_and_the_rest_stay() {
        let scheme = scheme();
        let mut base = Scenario::new(2024);
        Field::Loans.set(base.bank_mut("ceb"), Some(d("50"))).expect("valid");
        Field::SmeLoans.set(base.bank_mut("icbc"), Some(d("120"))).expect("valid");
        let files = [
            declaration("申报表-工商银行.xlsx", Some("icbc"), "icbc", "300"),
            declaration("b.xlsx", None, "abc", "380"),
        ];
        let collection = collect(scheme, &base, &files, &[]);
        assert!(collection.conflicts.is_empty());
        let scenario = collection.scenario.as_ref().expect("no conflict");
        let icbc = scenario.bank("icbc").expect("icbc");
        assert_eq!((icbc.loans.map(|a| a.get()), icbc.sme_loans), (Some(d("300")), None), "a blank box clears");
        assert_eq!(scenario.bank("ceb").and_then(|b| b.loans).map(|a| a.get()), Some(d("50")), "not received: kept");
        let received: Vec<&str> = collection.received().map(|r| r.bank.as_str()).collect();
        assert_eq!(received, ["icbc", "abc"]);
        assert_eq!(collection.not_received().count(), 14);
        let icbc = &collection.receipts[1];
        assert_eq!(
            icbc.changes,
            [
                FigureChange { field: Field::Loans, before: None, after: Some(d("300")) },
                FigureChange { field: Field::SmeLoans, before: Some(d("120")), after: None },
            ]
        );
        assert_eq!(
            icbc.zh(scheme),
            "工商银行：收到 申报表-工商银行.xlsx（填报人 张三，联系电话 未填，填报日期 2025年1月10日）；变化 2 项：贷款余额（2024年末） 未填写 → 300 亿元，中小微企业贷款余额（2024年末） 120 亿元 → 未填写"
        );
        assert_eq!(collection.receipts[5].zh(scheme), "交通银行：未收到");
    }

    #[test]
    fn two_files_for_one_bank_conflict_unless_they_agree_or_one_is_chosen() {
        let scheme = scheme();
        let base = Scenario::new(2024);
        let same =
            [declaration("a.xlsx", Some("icbc"), "icbc", "300"), declaration("b.xlsx", Some("icbc"), "icbc", "300.00")];
        let collection = collect(scheme, &base, &same, &[]);
        assert!(collection.conflicts.is_empty(), "the same figures twice: {:?}", collection.conflicts);
        assert_eq!(collection.receipts[1].also, ["b.xlsx"]);

        let differ =
            [declaration("a.xlsx", Some("icbc"), "icbc", "300"), declaration("b.xlsx", Some("icbc"), "icbc", "305")];
        let collection = collect(scheme, &base, &differ, &[]);
        assert_eq!(collection.scenario, None);
        assert_eq!(
            collection.conflicts,
            [Conflict::Differ {
                bank: "icbc".to_owned(),
                first: "a.xlsx".to_owned(),
                second: "b.xlsx".to_owned(),
                figures: vec![FigureDiff { field: Field::Loans, first: Some(d("300")), second: Some(d("305")) }],
            }]
        );
        assert_eq!(
            collection.conflicts[0].zh(scheme),
            "工商银行有两份数字不同的申报：a.xlsx 与 b.xlsx（贷款余额（2024年末） 300 亿元 ≠ 305 亿元）"
        );
        assert_eq!(collection.receipts[1].source, None, "not received while in conflict");

        let choice = Resolution { bank: "icbc".to_owned(), file: "b.xlsx".to_owned() };
        let collection = collect(scheme, &base, &differ, &[choice]);
        let scenario = collection.scenario.expect("settled");
        assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get()), Some(d("305")));
        assert_eq!(collection.receipts[1].source.as_ref().map(|s| s.file.as_str()), Some("b.xlsx"));
    }

    #[test]
    fn a_file_naming_one_bank_with_anothers_row_conflicts() {
        let scheme = scheme();
        let base = Scenario::new(2024);
        // The form names 工商银行 but its row is 农业银行's.
        let wrong = [declaration("x.xlsx", Some("icbc"), "abc", "380")];
        let collection = collect(scheme, &base, &wrong, &[]);
        assert_eq!(
            collection.conflicts,
            [Conflict::WrongBank {
                file: "x.xlsx".to_owned(),
                named: "icbc".to_owned(),
                by: NamedBy::Form,
                carries: "abc".to_owned()
            }]
        );
        assert_eq!(collection.conflicts[0].zh(scheme), "x.xlsx 的表内填报单位是工商银行，表中却是农业银行的数据");
        // The file's name names 工商银行; the form says nothing.
        let wrong = [declaration("申报表-工商银行.xlsx", None, "abc", "380")];
        let collection = collect(scheme, &base, &wrong, &[]);
        assert!(matches!(collection.conflicts.as_slice(), [Conflict::WrongBank { by: NamedBy::FileName, .. }]));
        // Choosing the file for the bank it carries accepts it.
        let choice = Resolution { bank: "abc".to_owned(), file: "申报表-工商银行.xlsx".to_owned() };
        let collection = collect(scheme, &base, &wrong, &[choice]);
        assert!(collection.conflicts.is_empty());
        assert_eq!(collection.received().map(|r| r.bank.as_str()).collect::<Vec<_>>(), ["abc"]);
    }
}
