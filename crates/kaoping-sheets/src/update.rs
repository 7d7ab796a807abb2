//! What a file or a pasted block would change, shown before anything changes, then applied all at
//! once or not at all — or, as an explicit choice, everything that was read with the refused cells
//! left as they were ([`Update::apply_rest`]) and the refused cells listed ([`refused_csv`]).

use kaoping_engine::{
    Amount, Field, FundFigure, Kind, Scenario, Scheme, SchemeMark, Setting, SettingValue, Source, Verification,
};
use rust_decimal::Decimal;

use crate::table::Unplaced;
use crate::Problem;

/// One value read from a sheet, with the place it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Edit {
    /// A bank's figure (`None`: the cell is blank, so the figure is not entered).
    Figure { bank: usize, field: Field, value: Option<Decimal>, place: String },
    /// A setting or a typed city figure (a row of the engine's settings table).
    Setting { setting: Setting, value: SettingValue, place: String },
    /// The scenario's name.
    Name { value: Option<String>, place: String },
    /// The scenario's note.
    Note { value: Option<String>, place: String },
    /// The scheme the scenario was made under (the 设置 sheet's two rows of it).
    Scheme { mark: Option<SchemeMark>, place: String },
    /// A bank's figure for one public fund (四(四)): its department's score (`None`: blank, not given).
    FundFigure { bank: usize, figure: FundFigure, fund: String, value: Option<Decimal>, place: String },
    /// A public fund's amount, 亿元 (`None`: blank, not given).
    FundAmount { fund: String, value: Option<Decimal>, place: String },
    /// Where a bank's declared figures came from (the 来源 sheet).
    Source { bank: usize, source: Source, place: String },
    /// A figure the bureau verified: its declared value and the reason (the 来源 sheet).
    Verification { bank: usize, field: Field, verification: Verification, place: String },
    /// The 核实完成 mark (the 设置 sheet).
    Complete { value: bool, place: String },
}

/// The values read from a file or a pasted block, and every cell that was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// Where it came from (a file name, `粘贴内容`).
    pub source: String,
    pub(crate) edits: Vec<Edit>,
    /// Every cell (or the file) that could not be read, in reading order.
    pub problems: Vec<Problem>,
    /// What was skipped on purpose or worth knowing (a 合计 row, the sheet read, the encoding).
    pub notes: Vec<Problem>,
    /// Headings that were not recognised, for the preview to ask what they are.
    pub unplaced: Vec<Unplaced>,
}

/// One change the update would make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where the new value was read (`全市!C5`).
    pub place: String,
    /// The bank's short name, for a bank's figure.
    pub bank: Option<String>,
    /// The figure or setting (`贷款余额`).
    pub what: String,
    /// The value now (`—` when not entered).
    pub before: String,
    /// The value after.
    pub after: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.bank {
            Some(bank) => write!(f, "{bank} {}：{} → {}", self.what, self.before, self.after),
            None => write!(f, "{}：{} → {}", self.what, self.before, self.after),
        }
    }
}

/// What an update would do to a scenario: the changes, and the problems that stop it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Every value that differs from the scenario, in reading order.
    pub changes: Vec<Change>,
    /// Every refused cell; while there is any, nothing is applied.
    pub problems: Vec<Problem>,
    /// How many banks' rows were read.
    pub banks: usize,
    /// What was skipped on purpose or worth knowing (a 合计 row, the sheet read, the encoding).
    pub notes: Vec<Problem>,
    /// Headings that were not recognised: the preview asks what each is (a figure, or not read).
    pub unplaced: Vec<Unplaced>,
    /// Whether the values read can be applied without the refused ones ("导入其余 N 项"): there is
    /// something refused, nothing refused concerns the file as a whole, and something is left.
    pub rest_possible: bool,
    /// 汇总: for each conflict, the files that may count for its bank, one button each.
    pub choices: Vec<Choice>,
    /// 汇总: how many of `problems` are conflicts (declarations read well that disagree, or a file
    /// naming another bank), which a choice settles, not a correction of the file.
    pub conflicts: usize,
}

/// One way to settle a conflict of 汇总: the file whose row counts for a bank (as `collect --pick`
/// says it), and the words of its button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The bank and the file that counts for it.
    pub resolution: kaoping_engine::Resolution,
    /// `以“申报表-工商银行（更正）.xlsx”为工商银行的申报`.
    pub label: String,
}

impl Preview {
    /// Whether applying would change the scenario.
    pub fn changes_anything(&self) -> bool {
        !self.changes.is_empty()
    }
}

const NOT_ENTERED: &str = "—";

pub(crate) fn show(value: Option<Decimal>, unit: &str, kind: Option<Kind>) -> String {
    match (value, kind) {
        (None, Some(Kind::Flag)) => "否".to_owned(),
        (Some(_), Some(Kind::Flag)) => "是".to_owned(),
        (None, _) => NOT_ENTERED.to_owned(),
        (Some(v), _) if unit.is_empty() || unit == "%" => format!("{}{unit}", v.normalize()),
        (Some(v), _) => format!("{} {unit}", v.normalize()),
    }
}

/// A setting's value for the preview: what is not typed in reads as the other cells that are not.
fn show_setting(setting: Setting, value: SettingValue) -> String {
    match value {
        SettingValue::Number(None) => NOT_ENTERED.to_owned(),
        value => setting.show(value),
    }
}

/// A fund's name (`财政专户资金`), or its id when the scheme does not have it.
pub(crate) fn fund_name<'a>(scheme: &'a Scheme, fund: &'a str) -> &'a str {
    scheme.rules.outcomes.funds.iter().find(|f| f.id == fund).map_or(fund, |f| f.name.as_str())
}

/// What a per-fund figure of one fund is called in a preview (`市财政局个性指标得分（财政专户资金）`).
pub(crate) fn fund_figure_label(scheme: &Scheme, figure: FundFigure, fund: &str) -> String {
    match scheme.rules.outcomes.funds.iter().find(|f| f.id == fund) {
        Some(f) => format!("{}个性指标得分（{}）", f.department, f.name),
        None => format!("{}（{fund}）", figure.every().spec().short),
    }
}

fn show_text(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| NOT_ENTERED.to_owned())
}

impl Update {
    /// An update from `source` with nothing read yet.
    pub fn new(source: &str) -> Self {
        Update {
            source: source.to_owned(),
            edits: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            unplaced: Vec::new(),
        }
    }

    /// What applying to `scenario` would change, and what stops it.
    pub fn preview(&self, scheme: &Scheme, scenario: &Scenario) -> Preview {
        let mut changes = Vec::new();
        let mut banks: Vec<usize> = Vec::new();
        for edit in &self.edits {
            let change = match edit {
                Edit::Figure { bank, field, value, place } => {
                    if !banks.contains(bank) {
                        banks.push(*bank);
                    }
                    let info = scheme.banks.get(*bank);
                    let id = info.map_or("", |b| b.id.as_str());
                    let now = scenario.bank(id).and_then(|b| field.get(b));
                    (now != *value).then(|| Change {
                        place: place.clone(),
                        bank: info.map(|b| b.short_name.clone()),
                        what: field.spec().short.to_owned(),
                        before: show(now, field.unit().symbol(), Some(field.kind())),
                        after: show(*value, field.unit().symbol(), Some(field.kind())),
                    })
                }
                Edit::Setting { setting, value, place } => {
                    let now = setting.get(scenario);
                    (now != *value).then(|| Change {
                        place: place.clone(),
                        bank: None,
                        what: setting.label().to_owned(),
                        before: show_setting(*setting, now),
                        after: show_setting(*setting, *value),
                    })
                }
                Edit::FundFigure { bank, figure, fund, value, place } => {
                    if !banks.contains(bank) {
                        banks.push(*bank);
                    }
                    let info = scheme.banks.get(*bank);
                    let now = info.and_then(|b| scenario.bank(&b.id)).and_then(|b| figure.get(b, fund));
                    let unit = figure.every().unit().symbol();
                    (now != *value).then(|| Change {
                        place: place.clone(),
                        bank: info.map(|b| b.short_name.clone()),
                        what: fund_figure_label(scheme, *figure, fund),
                        before: show(now, unit, None),
                        after: show(*value, unit, None),
                    })
                }
                Edit::FundAmount { fund, value, place } => {
                    let now = scenario.deposits.funds.get(fund).map(|a| a.get());
                    (now != *value).then(|| Change {
                        place: place.clone(),
                        bank: None,
                        what: format!("{}存放金额", fund_name(scheme, fund)),
                        before: show(now, "亿元", None),
                        after: show(*value, "亿元", None),
                    })
                }
                Edit::Name { value, place } => (scenario.name != *value).then(|| Change {
                    place: place.clone(),
                    bank: None,
                    what: "测算名称".to_owned(),
                    before: show_text(&scenario.name),
                    after: show_text(value),
                }),
                Edit::Note { value, place } => (scenario.note != *value).then(|| Change {
                    place: place.clone(),
                    bank: None,
                    what: "备注".to_owned(),
                    before: show_text(&scenario.note),
                    after: show_text(value),
                }),
                Edit::Scheme { mark, place } => (scenario.scheme != *mark).then(|| {
                    let show = |m: &Option<SchemeMark>| {
                        m.as_ref().map_or_else(|| "—".to_owned(), |m| format!("{} {}", m.fingerprint, m.number))
                    };
                    Change {
                        place: place.clone(),
                        bank: None,
                        what: "编制所用考评方案".to_owned(),
                        before: show(&scenario.scheme),
                        after: show(mark),
                    }
                }),
                Edit::Source { bank, source, place } => {
                    let info = scheme.banks.get(*bank);
                    let now = info.and_then(|b| scenario.sources.get(&b.id));
                    (now != Some(source)).then(|| Change {
                        place: place.clone(),
                        bank: info.map(|b| b.short_name.clone()),
                        what: "申报来源".to_owned(),
                        before: now.map_or_else(|| NOT_ENTERED.to_owned(), Source::zh),
                        after: source.zh(),
                    })
                }
                Edit::Verification { bank, field, verification, place } => {
                    let info = scheme.banks.get(*bank);
                    let now = info.and_then(|b| scenario.verification(&b.id, *field));
                    let said = |v: &Verification| {
                        format!("申报 {}（{}）", show(v.declared, field.unit().symbol(), Some(field.kind())), v.reason)
                    };
                    (now != Some(verification)).then(|| Change {
                        place: place.clone(),
                        bank: info.map(|b| b.short_name.clone()),
                        what: format!("核实记录：{}", field.spec().short),
                        before: now.map_or_else(|| NOT_ENTERED.to_owned(), said),
                        after: said(verification),
                    })
                }
                Edit::Complete { value, place } => (scenario.verification_complete != *value).then(|| Change {
                    place: place.clone(),
                    bank: None,
                    what: "核实完成".to_owned(),
                    before: if scenario.verification_complete { "是" } else { "否" }.to_owned(),
                    after: if *value { "是" } else { "否" }.to_owned(),
                }),
            };
            changes.extend(change);
        }
        let rest_possible =
            !self.problems.is_empty() && !self.problems.iter().any(Problem::is_whole_file) && !changes.is_empty();
        Preview {
            changes,
            problems: self.problems.clone(),
            banks: banks.len(),
            notes: self.notes.clone(),
            unplaced: self.unplaced.clone(),
            rest_possible,
            choices: Vec::new(),
            conflicts: 0,
        }
    }

    /// The scenario with every value read, or — if any cell was refused — every problem and no
    /// change. A value equal to the scenario's is left as the scenario has it (`300.00` stays so
    /// when the sheet says `300`). Banks with nothing entered are left out; banks are in annex order.
    pub fn apply(&self, scheme: &Scheme, scenario: &Scenario) -> Result<Scenario, Vec<Problem>> {
        if !self.problems.is_empty() {
            return Err(self.problems.clone());
        }
        let (out, late) = self.apply_edits(scheme, scenario);
        if late.is_empty() {
            Ok(out)
        } else {
            Err(late)
        }
    }

    /// Partial import, chosen by the user: the scenario with every value that was read, the refused
    /// cells left as they were, and the list of everything refused. Refused whole (`Err`) when a
    /// problem concerns the file as a whole (no table found, a damaged file): then nothing was read
    /// that could be trusted.
    pub fn apply_rest(&self, scheme: &Scheme, scenario: &Scenario) -> Result<(Scenario, Vec<Problem>), Vec<Problem>> {
        if self.problems.iter().any(Problem::is_whole_file) {
            return Err(self.problems.clone());
        }
        let (out, late) = self.apply_edits(scheme, scenario);
        let mut refused = self.problems.clone();
        refused.extend(late);
        Ok((out, refused))
    }

    /// Every edit applied to `scenario`; an edit the scenario's types refuse is left out and listed.
    fn apply_edits(&self, scheme: &Scheme, scenario: &Scenario) -> (Scenario, Vec<Problem>) {
        let mut out = scenario.clone();
        let mut problems = Vec::new();
        for edit in &self.edits {
            match edit {
                Edit::Figure { bank, field, value, place } => {
                    let Some(info) = scheme.banks.get(*bank) else { continue };
                    let now = out.bank(&info.id).and_then(|b| field.get(b));
                    if now == *value {
                        continue;
                    }
                    if let Err(e) = field.set(out.bank_mut(&info.id), *value) {
                        problems.push(Problem::at(place.clone(), format!("{}：{}", field.spec().short, e.zh())));
                    }
                }
                Edit::Setting { setting, value, place } => {
                    if setting.get(&out) != *value {
                        if let Err(e) = setting.set(&mut out, *value) {
                            problems.push(Problem::at(place.clone(), format!("{}：{}", setting.label(), e.zh())));
                        }
                    }
                }
                Edit::Name { value, .. } => out.name.clone_from(value),
                Edit::Note { value, .. } => out.note.clone_from(value),
                Edit::Scheme { mark, .. } => out.scheme.clone_from(mark),
                Edit::FundFigure { bank, figure, fund, value, place } => {
                    let Some(info) = scheme.banks.get(*bank) else { continue };
                    if out.bank(&info.id).and_then(|b| figure.get(b, fund)) == *value {
                        continue;
                    }
                    if let Err(e) = figure.set(out.bank_mut(&info.id), fund, *value) {
                        problems.push(Problem::at(
                            place.clone(),
                            format!("{}：{}", fund_figure_label(scheme, *figure, fund), e.zh()),
                        ));
                    }
                }
                Edit::FundAmount { fund, value, place } => {
                    if out.deposits.funds.get(fund).map(|a| a.get()) == *value {
                        continue;
                    }
                    match value.map(Amount::new).transpose() {
                        Ok(amount) => out.deposits.funds.set(fund, amount),
                        Err(e) => problems.push(Problem::at(
                            place.clone(),
                            format!("{}存放金额：{}", fund_name(scheme, fund), e.zh()),
                        )),
                    }
                }
                Edit::Source { bank, source, .. } => {
                    if let Some(info) = scheme.banks.get(*bank) {
                        out.sources.insert(info.id.clone(), source.clone());
                    }
                }
                Edit::Verification { bank, field, verification, .. } => {
                    if let Some(info) = scheme.banks.get(*bank) {
                        out.verified.get_or_default(info.id.clone()).insert(*field, verification.clone());
                    }
                }
                Edit::Complete { value, .. } => out.verification_complete = *value,
            }
        }
        out.banks.retain(|b| !b.is_empty());
        kaoping_engine::order::sort_by_key(&mut out.banks, |b| scheme.bank_index(&b.id));
        (out, problems)
    }
}

/// The refused cells as a CSV file to download and work through: the file, the place, the reason
/// (UTF-8 with a byte-order mark, so that Excel opens the Chinese text).
pub fn refused_csv(source: &str, problems: &[Problem]) -> String {
    let mut rows = vec![vec!["文件".to_owned(), "位置".to_owned(), "原因".to_owned()]];
    for problem in problems {
        let place = if problem.place.is_empty() { "（整个文件）".to_owned() } else { problem.place.clone() };
        rows.push(vec![source.to_owned(), place, problem.message.clone()]);
    }
    crate::csv::write(&rows)
}
