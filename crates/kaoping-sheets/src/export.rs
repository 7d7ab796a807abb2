//! Writing a scenario out: the workbook (结果 / 得分 / 全市 / 本行 / 资金存放 / 设置 / 说明), the fill-in
//! template (填报 / 资金存放 / 说明), and the 全市 table as CSV. Every score comes from the engine's
//! evaluation, every share and amount of a public fund from its placement.
//!
//! The workbook is made to be printed: 结果 comes first and fits one landscape A4 page (every bank,
//! by rank, with total, band, interview, composite and share); 得分 has the 18 items' points; 全市 the
//! figures entered (the sheet an import reads back); every sheet prints landscape, fit to the page
//! width, with its heading rows repeated on each page.
//!
//! Figures are written as numbers with their exact decimal text, shown with two decimals. A figure
//! with more than 15 significant digits is written as text instead: Excel keeps only 15, and a
//! workbook saved again in Excel would otherwise come back changed. Results (points, totals, shares)
//! are written rounded to two decimals half up, as the scheme publishes them.

use kaoping_engine::{
    city_figure_source, evaluate, round2, BankResult, Evaluation, Field, FundFigure, Group, Item, Kind, Scenario,
    Scheme, Setting, SettingValue, FORMAT,
};
use rust_decimal::Decimal;

use crate::table::{Column, DEPOSITS_SHEET, FUND_AMOUNT_ROW};
use crate::xlsx::{Print, Rule, Sheet, Style, Validation, Value};

/// The name of the layout of the workbooks this version writes, shown on the 说明 sheet.
pub const WORKBOOK_FORMAT: &str = "kaoping-workbook/1";

/// What the caller knows that a pure function cannot: the date and the program's version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct About {
    /// The date of the export, as it should be shown (`2024-12-31`).
    pub date: String,
    /// The program's version (`0.1.0`).
    pub version: String,
}

/// Shown where a result does not apply (a vetoed bank's total, rank and share).
pub const NOT_APPLICABLE: &str = "不适用";

fn text(t: impl Into<String>) -> (Value, Style) {
    (Value::Text(t.into()), Style::Plain)
}

fn heading(t: impl Into<String>) -> (Value, Style) {
    (Value::Text(t.into()), Style::Header)
}

fn fixed2(value: Decimal) -> (Value, Style) {
    (Value::Number(round2(value)), Style::Fixed2)
}

/// Excel keeps 15 significant digits of a number.
fn fits_excel(value: Decimal) -> bool {
    let digits = value.normalize().mantissa().unsigned_abs().to_string().len();
    digits <= 15
}

/// A figure as entered: its exact value as a number (or as text past 15 digits); a flag as 是/否;
/// blank when not entered.
fn figure(field: Field, value: Option<Decimal>) -> (Value, Style) {
    match (field.kind(), value) {
        (Kind::Flag, v) => text(if v.is_some() { "是" } else { "否" }),
        (_, None) => (Value::Empty, Style::Plain),
        (_, Some(v)) if !fits_excel(v) => text(v.to_string()),
        (kind, Some(v)) => (Value::Number(v), if kind.is_whole() { Style::Whole } else { Style::Fixed2 }),
    }
}

fn not_applicable() -> (Value, Style) {
    text(NOT_APPLICABLE)
}

/// One cell of the bank table for a bank.
fn cell(column: Column, scheme: &Scheme, scenario: &Scenario, bank: &BankResult) -> (Value, Style) {
    let ranked = bank.is_ranked();
    match column {
        Column::Bank => text(scheme.banks.get(bank.index).map_or(bank.id.as_str(), |b| b.short_name.as_str())),
        Column::Figure(field) => figure(field, scenario.bank(&bank.id).and_then(|b| field.get(b))),
        Column::Points(item) => bank.item(item).map_or((Value::Empty, Style::Plain), |s| fixed2(s.points)),
        Column::Total => bank.total.map_or_else(not_applicable, fixed2),
        Column::Rank => bank.rank.map_or_else(not_applicable, |r| (Value::Number(Decimal::from(r)), Style::Whole)),
        Column::Band => text(bank.band.label()),
        Column::Interview if !ranked => not_applicable(),
        Column::Interview => text(if bank.interview { "是" } else { "否" }),
        Column::Composite if !ranked => not_applicable(),
        Column::Composite => fixed2(bank.deposit.composite),
        Column::Share if !ranked => not_applicable(),
        Column::Share => fixed2(bank.deposit.share_pct),
        Column::Ignored => (Value::Empty, Style::Plain),
    }
}

/// A bank table sheet: a hidden row of column keys (so the sheet reads back whatever its headings
/// say), a row of headings, then one row per bank in annex order; headings and names frozen.
fn bank_sheet(name: &str, columns: &[Column], scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation) -> Sheet {
    let mut rows = vec![
        columns.iter().map(|c| text(c.key())).collect::<Vec<_>>(),
        columns.iter().map(|c| heading(c.heading())).collect(),
    ];
    for bank in &evaluation.banks {
        rows.push(columns.iter().map(|&c| cell(c, scheme, scenario, bank)).collect());
    }
    Sheet {
        name: name.to_owned(),
        rows,
        frozen_rows: 2,
        frozen_columns: 1,
        hidden_rows: vec![0],
        print: Print { repeat_rows: Some((0, 1)), repeat_columns: Some((0, 0)), ..Print::default() },
        ..Sheet::default()
    }
}

/// The 结果 sheet: every bank by rank (a vetoed bank last), with what a notice lists — total, rank,
/// band, interview, composite and share — fitting one landscape A4 page.
fn result_sheet(scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation, heading_text: &str) -> Sheet {
    let columns =
        [Column::Bank, Column::Total, Column::Rank, Column::Band, Column::Interview, Column::Composite, Column::Share];
    let mut rows = vec![vec![(Value::Text(heading_text.to_owned()), Style::Title)]];
    rows.push(columns.iter().map(|c| heading(c.heading())).collect());
    let mut order: Vec<&BankResult> = evaluation.banks.iter().collect();
    kaoping_engine::order::sort_by_key(&mut order, |b| (b.rank.unwrap_or(u32::MAX), b.index));
    for bank in order {
        let mut row: Vec<(Value, Style)> = columns.iter().map(|&c| cell(c, scheme, scenario, bank)).collect();
        if let Some(first) = row.first_mut() {
            first.0 = Value::Text(scheme.banks.get(bank.index).map_or(bank.id.clone(), |b| b.short_name.clone()));
        }
        rows.push(row);
    }
    rows.push(vec![]);
    rows.push(vec![text("测算结果仅供参考，以考评领导小组办公室正式通报为准。")]);
    Sheet {
        name: "结果".to_owned(),
        rows,
        frozen_rows: 2,
        print: Print { fit: (1, 1), repeat_rows: Some((1, 1)), ..Print::default() },
        ..Sheet::default()
    }
}

/// The 本行 sheet: one bank's 18 items with clause, points and working, then its outcome.
fn bank_detail_sheet(scheme: &Scheme, evaluation: &Evaluation, id: &str) -> Sheet {
    let mut rows = Vec::new();
    let Some(bank) = evaluation.bank(id).or_else(|| evaluation.banks.first()) else {
        return Sheet { name: "本行".to_owned(), ..Sheet::default() };
    };
    let info = scheme.banks.get(bank.index);
    rows.push(vec![(
        Value::Text(format!("{}（{}）", info.map_or("", |b| b.full_name.as_str()), bank.id)),
        Style::Title,
    )]);
    rows.push(vec![heading("条款"), heading("项目"), heading("得分"), heading("计算过程")]);
    for score in &bank.items {
        rows.push(vec![
            text(scheme.rules.clause(score.item)),
            text(score.item.title()),
            fixed2(score.points),
            (Value::Text(score.explain(scheme)), Style::Wrap),
        ]);
    }
    rows.push(vec![]);
    let ranked = bank.is_ranked();
    let outcome: Vec<(&str, (Value, Style))> = vec![
        ("总分", bank.total.map_or_else(not_applicable, fixed2)),
        (
            "名次",
            bank.rank
                .map_or_else(not_applicable, |r| text(format!("第 {r} 名（共 {} 家参与排名）", evaluation.ranked))),
        ),
        ("档次", text(bank.band.label())),
        (
            "约谈通报",
            if ranked {
                text(if bank.interview { scheme.rules.interview_text() } else { "否".to_owned() })
            } else {
                not_applicable()
            },
        ),
        ("资金存放综合评分", if ranked { fixed2(bank.deposit.composite) } else { not_applicable() }),
        ("资金存放占比（%）", if ranked { fixed2(bank.deposit.share_pct) } else { not_applicable() }),
    ];
    for (label, value) in outcome {
        rows.push(vec![text(""), heading(label), value]);
    }
    for warning in &bank.warnings {
        rows.push(vec![text(""), text("注意"), text(""), (Value::Text(warning.zh()), Style::Wrap)]);
    }
    if !bank.missing.is_empty() {
        let names: Vec<&str> = bank.missing.iter().map(|f| f.label()).collect();
        rows.push(vec![text(""), text("未填写（按 0 分计）"), text(""), (Value::Text(names.join("、")), Style::Wrap)]);
    }
    Sheet {
        name: "本行".to_owned(),
        rows,
        frozen_rows: 2,
        print: Print { repeat_rows: Some((1, 1)), ..Print::default() },
        ..Sheet::default()
    }
}

/// The 设置 sheet: every reading, the green task rate and the city figures, with the value typed in
/// (read back on import, found by the hidden key column) beside the value the engine used.
fn settings_sheet(scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation) -> Sheet {
    let mut rows = vec![vec![heading("项目"), heading("填入值"), heading("采用值"), heading("说明"), heading("键")]];
    let wrap = |t: String| (Value::Text(t), Style::Wrap);
    let empty = || (Value::Empty, Style::Plain);
    let number = |v: Option<Decimal>| v.map_or((Value::Empty, Style::Plain), |v| (Value::Number(v), Style::Fixed2));
    rows.push(vec![
        text("考评年度"),
        (Value::Number(Decimal::from(scenario.year)), Style::Plain),
        empty(),
        text(""),
        text("year"),
    ]);
    // The scheme the scenario was made under (its mark, read back on import) beside the one in force.
    let mark = scenario.scheme.as_ref();
    rows.push(vec![
        text("编制所用考评方案：方案指纹"),
        text(mark.map(|m| m.fingerprint.clone()).unwrap_or_default()),
        text(format!("{}（方案指纹 {}）", scheme.label(), scheme.fingerprint)),
        wrap("情景记录的编制所用方案；“采用值”是本工作簿计算所用的方案".to_owned()),
        text("scheme.fingerprint"),
    ]);
    rows.push(vec![
        text("编制所用考评方案：文号"),
        text(mark.map(|m| m.number.clone()).unwrap_or_default()),
        text(scheme.document.number.clone()),
        text(""),
        text("scheme.number"),
    ]);
    rows.push(vec![text("测算名称"), text(scenario.name.clone().unwrap_or_default()), empty(), text(""), text("name")]);
    rows.push(vec![text("备注"), wrap(scenario.note.clone().unwrap_or_default()), empty(), text(""), text("note")]);
    // One row per setting of the engine's settings table, found again on import by its key.
    for setting in Setting::ALL {
        let value = setting.get(scenario);
        let (heading, typed, used) = match (value, setting.unit()) {
            (SettingValue::Choice(_), _) => {
                (setting.label().to_owned(), text(setting.show(value)), text(setting.show(value)))
            }
            (SettingValue::Number(typed), unit) => {
                let used = match (typed, setting.figure(&evaluation.city)) {
                    (Some(v), _) => number(Some(v)),
                    (None, Some(figure)) => figure.value.map_or_else(|| text("无法推算"), fixed2),
                    (None, None) => text(setting.spec().when_empty),
                };
                let unit = unit.map_or("", |u| u.symbol());
                (format!("{}（{unit}）", setting.label()), number(typed), used)
            }
        };
        let mut explanation = setting.explanation(scheme);
        if let (SettingValue::Number(_), Some(figure)) = (value, setting.figure(&evaluation.city)) {
            explanation = format!("{explanation} {}", city_figure_source(scheme, &figure));
        }
        rows.push(vec![wrap(heading), typed, used, wrap(explanation), text(setting.path())]);
    }
    Sheet {
        name: "设置".to_owned(),
        rows,
        frozen_rows: 1,
        hidden_columns: vec![4],
        print: Print { repeat_rows: Some((0, 0)), ..Print::default() },
        ..Sheet::default()
    }
}

/// The 资金存放 sheet (四(四)): a column per public fund; the row 存放金额 holds each fund's amount and
/// each bank's row its departments' scores (read back on import, by the hidden row of keys). In the
/// workbook the placement follows to the right — each fund's composite, share and amount, and each
/// bank's total — shown at 0.01 by largest remainder so that every column adds up, with a 合计 row;
/// in the template the cells to fill are shaded and checked.
fn deposits_sheet(scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation, template: bool) -> Sheet {
    let funds = &scheme.rules.outcomes.funds;
    let figure = FundFigure::DepartmentScore;
    let placement = evaluation.placement(scheme);
    let name = |i: usize| scheme.banks.get(i).map_or("", |b| b.short_name.as_str()).to_owned();
    let input = |v: Option<Decimal>| match (v, template) {
        (Some(v), true) => (Value::Number(v), Style::Input),
        (None, true) => (Value::Empty, Style::Input),
        (v, false) => v.map_or((Value::Empty, Style::Plain), |v| (Value::Number(v), Style::Fixed2)),
    };
    let shown = |v: Option<Decimal>, ranked: bool| match (v, ranked) {
        (_, false) => not_applicable(),
        (Some(v), true) => (Value::Number(v), Style::Fixed2),
        (None, true) => (Value::Empty, Style::Plain),
    };
    let mut keys = vec![text("bank")];
    let mut headings = vec![heading("银行")];
    for fund in funds {
        keys.push(text(figure.fund_key(&fund.id)));
        headings.push(heading(format!("{}（{}个性指标得分）", fund.name, fund.department)));
    }
    if !template {
        for fund in funds {
            keys.extend([text("ignore"), text("ignore"), text("ignore")]);
            headings.extend([
                heading(format!("{}综合评分", fund.short)),
                heading(format!("{}占比（%）", fund.short)),
                heading(format!("{}金额（亿元）", fund.short)),
            ]);
        }
        keys.push(text("ignore"));
        headings.push(heading("存放合计（亿元）"));
    }
    let mut amounts = vec![heading(FUND_AMOUNT_ROW)];
    amounts.extend(funds.iter().map(|f| input(scenario.deposits.funds.get(&f.id).map(|a| a.get()))));
    let mut rows = vec![keys, headings, amounts];
    for (i, bank) in evaluation.banks.iter().enumerate() {
        let entry = scenario.bank(&bank.id);
        let mut row = vec![text(name(i))];
        row.extend(funds.iter().map(|f| input(entry.and_then(|b| figure.get(b, &f.id)))));
        if !template {
            for placed in &placement.funds {
                let share = placed.banks.get(i).copied().unwrap_or_default();
                row.push(fixed2(share.composite));
                row.push(shown(share.share_pct_shown, bank.is_ranked()));
                // A fund without an amount has no amounts to show: blank, not 不适用.
                row.push(match placed.amount {
                    Some(_) => shown(share.amount_shown, bank.is_ranked()),
                    None => (Value::Empty, Style::Plain),
                });
            }
            row.push(shown(placement.banks.get(i).and_then(|b| b.total_shown), bank.is_ranked()));
        }
        rows.push(row);
    }
    if !template {
        let mut total = vec![heading("合计")];
        total.extend(funds.iter().map(|_| text("")));
        for placed in &placement.funds {
            let sum = |part: fn(&kaoping_engine::FundShare) -> Option<Decimal>| -> (Value, Style) {
                let parts: Vec<Decimal> = placed.banks.iter().filter_map(part).collect();
                if parts.is_empty() {
                    text("")
                } else {
                    (Value::Number(parts.into_iter().sum()), Style::Fixed2)
                }
            };
            total.extend([text(""), sum(|s| s.share_pct_shown), sum(|s| s.amount_shown)]);
        }
        let all: Vec<Decimal> = placement.banks.iter().filter_map(|b| b.total_shown).collect();
        total.push(if all.is_empty() { text("") } else { (Value::Number(all.into_iter().sum()), Style::Fixed2) });
        rows.push(total);
    }
    rows.push(vec![]);
    // The sentences are on the 说明 sheet: a long line here would widen the first column.
    rows.push(vec![text("说明见“说明”表")]);
    let validations = if template {
        let last = 2 + evaluation.banks.len();
        (1..=funds.len())
            .flat_map(|c| {
                [
                    Validation {
                        column: c,
                        rows: (2, 2),
                        rule: Rule::AtLeastZero,
                        prompt: "存放金额（亿元），不小于 0；不填则只测算占比".to_owned(),
                    },
                    Validation {
                        column: c,
                        rows: (3, last),
                        rule: Rule::Between(0, 100),
                        prompt: "个性指标得分，0 至 100；不填则按该行的“部门指标”计".to_owned(),
                    },
                ]
            })
            .collect()
    } else {
        Vec::new()
    };
    Sheet {
        name: DEPOSITS_SHEET.to_owned(),
        rows,
        frozen_rows: 3,
        frozen_columns: 1,
        hidden_rows: vec![0],
        print: Print { fit: (1, 1), repeat_rows: Some((1, 2)), ..Print::default() },
        validations,
        ..Sheet::default()
    }
}

/// How the 资金存放 sheet works, in words with the year's weights; `table` is the sheet whose 部门指标
/// column holds each bank's one score for every fund.
fn deposits_text(scheme: &Scheme, table: &str) -> String {
    let rules = &scheme.rules.outcomes;
    format!(
        "四(四) 每项公共性资金按其存放主体部门的综合评分测算，综合评分 = 考评结果 {}% + 主体部门个性指标 {}%。“{DEPOSITS_SHEET}”表中“{FUND_AMOUNT_ROW}”一行为各项资金的金额（不填则只测算占比），其下各行为各主体部门对该行的个性指标得分（0 至 {} 分）；某项资金未填得分的，按该行在“{table}”表中的“{}”计（各项资金共用），都未填的按 0 计。",
        rules.evaluation_weight.value.normalize(),
        rules.department_weight.value.normalize(),
        kaoping_engine::DepartmentScore::MAX.normalize(),
        Field::DepartmentScore.spec().short
    )
}

/// The 说明 sheet: what the workbook is, when and by what it was made, and the readings in force.
fn about_sheet(scheme: &Scheme, scenario: &Scenario, about: &About, template: bool) -> Sheet {
    let mut rows = vec![vec![heading("项目"), heading("内容")]];
    let mut line = |a: &str, b: String| rows.push(vec![text(a), (Value::Text(b), Style::Wrap)]);
    line("考评办法", format!("《{}》{}", scheme.document.title, scheme.document.number));
    line("考评方案", format!("{}，方案指纹 {}", scheme.label(), scheme.fingerprint));
    line("工作簿格式", format!("{WORKBOOK_FORMAT}（情景文件格式 {FORMAT}）"));
    line("导出日期", about.date.clone());
    line("考评测算器版本", about.version.clone());
    if let Some(name) = &scenario.name {
        line("测算名称", name.clone());
    }
    if let Some(note) = &scenario.note {
        line("备注", note.clone());
    }
    for setting in Setting::of(Group::Settings) {
        let in_force = match setting.get(scenario) {
            SettingValue::Number(None) => setting.spec().when_empty.to_owned(),
            value => setting.show(value),
        };
        line(setting.label(), in_force);
    }
    if template {
        line("填写方法", "在“填报”表中每家银行一行、每项数据一列填写；数字可写作 1,234.56、全角数字或带“亿”“%”等单位；留空表示不填写（附件中的四项余额和东楚融通按恰好完成任务计，其余按 0 分计）；一票否决等是否项填“是”或“否”。".to_owned());
        line("资金存放", deposits_text(scheme, "填报"));
        line("导入方法", "在考评测算器中点“导入Excel或CSV”选择本工作簿，核对变更清单后确认；或在命令行运行 kaoping import 本文件 --into 情景文件。第 1 行（已隐藏）是各列的代码，请勿删除；列的顺序可以调整。".to_owned());
    } else {
        line("表格说明", "“结果”表按名次列出各行总分、档次、约谈通报和资金存放占比；“得分”表为各项得分；“全市”表为填入的数据，第 1 行（已隐藏）为各列代码，导入时据此识别各列；数字按原值保存，显示两位小数；得分、总分等为测算结果，导入时不读取。“设置”表的“填入值”一列在导入时读取。“资金存放”表按主体部门的综合评分测算各项公共性资金的占比和金额（显示的金额按最大余数法保留两位小数，每列合计等于该项资金）；其中的存放金额和个性指标得分在导入时读取。".to_owned());
    }
    if !template {
        line("资金存放", deposits_text(scheme, "全市"));
        line("资金存放的取舍", format!("{}。", kaoping_engine::rounding_zh()));
    }
    line("声明", "测算结果仅供参考，以考评领导小组办公室正式通报为准。".to_owned());
    Sheet {
        name: "说明".to_owned(),
        rows,
        frozen_rows: 1,
        print: Print { repeat_rows: Some((0, 0)), ..Print::default() },
        ..Sheet::default()
    }
}

/// The workbook of a scenario: 结果 (every bank by rank: total, band, interview, composite, share),
/// 得分 (the 18 items' points), 全市 (the figures entered, read back on import), 本行 (the bank
/// `bank`'s working), 资金存放 (each public fund placed; its amounts and scores read back), 设置 and 说明.
pub fn workbook(scheme: &Scheme, scenario: &Scenario, bank: &str, about: &About) -> Result<Vec<u8>, String> {
    let evaluation = evaluate(scheme, scenario);
    let title = title(scheme, scenario);
    let header = format!("{title}　{}", about.date);
    let mut points = vec![Column::Bank];
    points.extend(Item::ALL.iter().map(|&i| Column::Points(i)));
    points.extend([Column::Total, Column::Rank]);
    let mut sheets = vec![
        result_sheet(scheme, scenario, &evaluation, &format!("{title}　结果（{}）", about.date)),
        bank_sheet("得分", &points, scheme, scenario, &evaluation),
        bank_sheet("全市", &Column::template(), scheme, scenario, &evaluation),
        bank_detail_sheet(scheme, &evaluation, bank),
        deposits_sheet(scheme, scenario, &evaluation, false),
        settings_sheet(scheme, scenario, &evaluation),
        about_sheet(scheme, scenario, about, false),
    ];
    // 来源 (sources, verified figures, 核实完成) before 说明, when the scenario has any.
    if let Some(sources) = crate::sources::sheet(scheme, scenario) {
        sheets.insert(sheets.len() - 1, sources);
    }
    for sheet in &mut sheets {
        sheet.print.header.clone_from(&header);
    }
    crate::xlsx::write(&sheets, &title, &about.date)
}

/// What a template's input cell accepts, by the figure's kind, and what it asks for.
pub(crate) fn validation(field: Field, column: usize, rows: (usize, usize)) -> Validation {
    let spec = field.spec();
    let rule = match field.kind() {
        Kind::Amount => Rule::AtLeastZero,
        Kind::Target => Rule::AboveZero,
        Kind::Count => Rule::WholeAtLeastZero,
        Kind::Percent => Rule::Between(-10_000, 10_000),
        Kind::Policy => Rule::WholeBetween(-10, 10),
        Kind::Department => Rule::Between(0, 100),
        Kind::Flag => Rule::OneOf(vec!["是".to_owned(), "否".to_owned()]),
    };
    let what = match field.kind() {
        Kind::Amount => format!("金额（{}），不小于 0", spec.unit.symbol()),
        Kind::Target => format!("目标任务（{}），大于 0", spec.unit.symbol()),
        Kind::Count => format!("整数（{}），不小于 0", spec.unit.symbol()),
        Kind::Percent => "百分数，填 4.31 即 4.31%".to_owned(),
        Kind::Policy => "整数分值，-10 至 10".to_owned(),
        Kind::Department => "分值，0 至 100".to_owned(),
        Kind::Flag => "填“是”或“否”".to_owned(),
    };
    Validation { column, rows, rule, prompt: format!("{}：{what}；不填则留空", spec.label) }
}

/// The fill-in workbook: 填报 (one row per bank, one column per figure, pre-filled with what
/// `scenario` has entered; the cells to fill shaded and checked as they are typed) and 说明 (how to
/// fill it in and import it).
pub fn template(scheme: &Scheme, scenario: &Scenario, about: &About) -> Result<Vec<u8>, String> {
    let evaluation = evaluate(scheme, scenario);
    let columns = Column::template();
    let mut sheet = bank_sheet("填报", &columns, scheme, scenario, &evaluation);
    let (first, last) = (2, 1 + evaluation.banks.len());
    for row in sheet.rows.iter_mut().skip(2) {
        for ((_, style), column) in row.iter_mut().zip(&columns) {
            if let Column::Figure(field) = column {
                *style = match field.kind() {
                    Kind::Flag => Style::InputText,
                    kind if kind.is_whole() => Style::InputWhole,
                    _ => Style::Input,
                };
            }
        }
    }
    sheet.validations = columns
        .iter()
        .enumerate()
        .filter_map(|(c, column)| match column {
            Column::Figure(field) => Some(validation(*field, c, (first, last))),
            _ => None,
        })
        .collect();
    let title = format!("{} 填报模板", title(scheme, scenario));
    let mut sheets =
        [sheet, deposits_sheet(scheme, scenario, &evaluation, true), about_sheet(scheme, scenario, about, true)];
    for sheet in &mut sheets {
        sheet.print.header.clone_from(&title);
    }
    crate::xlsx::write(&sheets, &title, &about.date)
}

/// The workbook's title: the scheme (year and 文号) and the scenario's name.
fn title(scheme: &Scheme, scenario: &Scenario) -> String {
    let number = &scheme.document.number;
    let scheme_words = if number.trim().is_empty() {
        format!("{}年度考评测算", scheme.year)
    } else {
        format!("{}年度考评测算（{number}）", scheme.year)
    };
    match &scenario.name {
        Some(name) => format!("{scheme_words}：{name}"),
        None => scheme_words,
    }
}

/// The 全市 table as text cells: headings, then one row per bank. Figures keep their exact text.
pub fn city_rows(scheme: &Scheme, scenario: &Scenario) -> Vec<Vec<String>> {
    let evaluation = evaluate(scheme, scenario);
    let columns = Column::city_table();
    let mut rows = vec![columns.iter().map(|c| c.heading()).collect::<Vec<_>>()];
    for bank in &evaluation.banks {
        rows.push(
            columns
                .iter()
                .map(|&c| match cell(c, scheme, scenario, bank).0 {
                    Value::Empty => String::new(),
                    Value::Text(t) => t,
                    Value::Number(n) => n.to_string(),
                    Value::Date(d) => d.to_string(),
                })
                .collect(),
        );
    }
    rows
}

/// The 全市 table as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese).
pub fn city_csv(scheme: &Scheme, scenario: &Scenario) -> String {
    crate::csv::write(&city_rows(scheme, scenario))
}

/// A file name for an export: the scenario's name (characters file systems refuse replaced) or
/// `考评测算`, then the date and the extension.
pub fn file_name(scenario: &Scenario, about: &About, suffix: &str) -> String {
    let base = scenario.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or("考评测算");
    let safe: String =
        base.trim()
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    if about.date.is_empty() {
        format!("{safe}{suffix}")
    } else {
        format!("{safe}-{}{suffix}", about.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_keeps_fifteen_digits() {
        assert!(fits_excel(Decimal::new(123_456_789_012_345, 2)));
        assert!(fits_excel(Decimal::new(30000, 2)), "trailing zeros do not count");
        assert!(!fits_excel(Decimal::new(1_234_567_890_123_456, 8)));
    }

    #[test]
    fn file_names_are_safe() {
        let mut s = Scenario::new(2024);
        let about = About { date: "2024-12-31".to_owned(), version: "0.1.0".to_owned() };
        assert_eq!(file_name(&s, &about, ".xlsx"), "考评测算-2024-12-31.xlsx");
        s.name = Some("一季度/预测?".to_owned());
        assert_eq!(file_name(&s, &About::default(), ".csv"), "一季度_预测_.csv");
    }
}
