//! 申报表: one bank's declaration form, written for the bank to fill in and read back for 汇总.
//!
//! > 三、考评组织 …… 各银行业金融机构申报，考评小组负责核实，市政府审定实施。考核数据以人民银行金融统计口径
//! > 计算的数据为准。
//!
//! The form is one sheet, 申报表, printable on portrait A4: the title, the bank it is for (fixed and
//! named: 填报单位：工商银行黄石分行), the scheme it follows, then one row per figure a bank declares (the
//! field table's `by: Bank`), grouped by the scheme's sections — its clause, label, unit, the 2023
//! base and the 2024 task beside the box, and what the box takes — and the boxes for 填报人, 联系电话
//! and 填报日期. The boxes are shaded and checked as they are typed (data validation, as in the fill-in
//! template). A hidden first row and column hold the form's format, the bank's id and each row's key,
//! so that the form is read back by key, whatever a spreadsheet program did to its labels.
//!
//! Read back, every box goes through the same forgiving reading as every other sheet
//! (`table::read_figure`: `1,234.56`, full-width digits, `300亿`, `3,000,000万元`; a formula without
//! its value or an error value refused naming the cell). A form whose keys were lost is still read by
//! its labels.

use kaoping_engine::{
    evaluate, Date, Declaration, DeclaredRow, Field, Kind, Scenario, Scheme, Section, SourceField, SourceKind,
    SOURCE_FIELDS,
};
use rust_decimal::Decimal;

use crate::export::{validation, About};
use crate::grid::Grid;
use crate::heading::fold;
use crate::table::{bank_for, column_for, read_figure, Column};
use crate::update::{Edit, Update};
use crate::xlsx::{Print, Rule, Sheet, Style, Validation, Value};
use crate::Problem;

/// The form's format, written in its hidden first cell.
pub const FORM_FORMAT: &str = "kaoping-declaration/1";

/// The form sheet's name.
pub const FORM_SHEET: &str = "申报表";

/// The columns of the form, in order: the hidden key, 条款, 项目, 单位, 2023年末基数, 2024年任务, the box
/// (申报数) and 填写说明. The reader finds the labels and boxes by their headings, not by these.
const KEY: usize = 0;
const CLAUSE: usize = 1;
const INPUT: usize = 6;

/// The heading of the column of boxes: how the reader finds it.
const INPUT_HEADING: &str = "申报数";
/// The heading of the labels.
const LABEL_HEADING: &str = "项目";
/// The prefix of the line naming the bank.
const BANK_LINE: &str = "填报单位";

/// A source member's key in the hidden column (`source.reporter`).
fn source_key(field: SourceField) -> String {
    format!("source.{}", field.key())
}

fn text(t: impl Into<String>) -> (Value, Style) {
    (Value::Text(t.into()), Style::Plain)
}

fn heading(t: impl Into<String>) -> (Value, Style) {
    (Value::Text(t.into()), Style::Header)
}

fn empty() -> (Value, Style) {
    (Value::Empty, Style::Plain)
}

/// The 2023 base and the 2024 task of a figure, as the annexes give them for this bank (with the
/// scenario's readings, e.g. a green task rate); `None` where the figure has none.
fn base_and_task(field: Field, figures: &kaoping_engine::Figures) -> (Option<Decimal>, Option<Decimal>) {
    match field.spec().annex {
        Some(line) if line.is_target() => (None, Some(figures.line(line).task)),
        Some(line) => (Some(figures.line(line).base), Some(figures.line(line).task)),
        None => (None, None),
    }
}

/// A line of notes is cut to this many display columns (a CJK character is two), about the table's
/// width, so that printing fits the table, not the longest note, to the page.
const NOTE_COLUMNS: usize = 96;

/// Text cut into lines of at most [`NOTE_COLUMNS`] display columns.
fn lines(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut width = 0;
    for c in text.chars() {
        let w = kaoping_engine::display_columns(c);
        if width + w > NOTE_COLUMNS {
            out.push(String::new());
            width = 0;
        }
        if let Some(line) = out.last_mut() {
            line.push(c);
        }
        width += w;
    }
    out
}

/// What a box takes, in a few words.
fn takes(field: Field) -> &'static str {
    match field.kind() {
        Kind::Amount => "金额，不小于 0",
        Kind::Target => "金额，大于 0",
        Kind::Count => "整数，不小于 0",
        Kind::Percent => "百分数，填 4.31 即 4.31%",
        Kind::Policy => "整数，-10 至 10",
        Kind::Department => "0 至 100",
        Kind::Flag => "填“是”或“否”",
    }
}

/// The form of one bank, with the boxes filled from what `scenario` has entered for it (blank when it
/// has nothing). `bank` must be a bank of the scheme.
pub fn write(scheme: &Scheme, scenario: &Scenario, bank: &str, about: &About) -> Result<Vec<u8>, String> {
    let index = scheme.bank_index(bank).ok_or_else(|| format!("没有代码为“{bank}”的银行"))?;
    let info = &scheme.banks[index];
    let evaluation = evaluate(scheme, scenario);
    let result = evaluation.banks.get(index).ok_or_else(|| format!("没有代码为“{bank}”的银行"))?;
    let entered = scenario.bank(bank);
    let title = format!("{}年度黄石市银行业金融机构支持地方经济发展考评申报表", scheme.year);
    let mut rows: Vec<Vec<(Value, Style)>> = Vec::new();
    let mut validations: Vec<Validation> = Vec::new();
    // The hidden row: the format and the bank's id, read back before any label.
    rows.push(vec![text(FORM_FORMAT), text(&info.id)]);
    rows.push(vec![empty(), (Value::Text(title.clone()), Style::Title)]);
    rows.push(vec![empty(), (Value::Text(format!("{BANK_LINE}：{}", info.listed_name())), Style::Title)]);
    let basis = format!(
        "依据{}三、考评组织：“各银行业金融机构申报，考评小组负责核实，市政府审定实施。考核数据以人民银行金融统计口径计算的数据为准。”金额以亿元计，利率以 % 计；不填的格留空。",
        scheme.rules.source
    );
    for line in lines(&basis) {
        rows.push(vec![empty(), (Value::Text(line), Style::Note)]);
    }
    let headings_row = rows.len();
    rows.push(vec![
        heading("key"),
        heading("条款"),
        heading(LABEL_HEADING),
        heading("单位"),
        heading("2023年末基数"),
        heading("2024年任务"),
        heading(INPUT_HEADING),
        heading("填写说明"),
    ]);
    // What the scheme or its annex says a figure covers, as notes under the table (a long quote in a
    // narrow column would not print).
    let mut notes: Vec<&str> = Vec::new();
    for section in Section::ALL {
        let fields: Vec<Field> = section.fields().filter(|f| f.is_declared()).collect();
        if fields.is_empty() {
            continue;
        }
        rows.push(vec![empty(), (Value::Text(section.title().to_owned()), Style::Section)]);
        for field in fields {
            let spec = field.spec();
            let (base, task) = base_and_task(field, &result.figures);
            let whole = field.kind().is_whole();
            let number = |v: Option<Decimal>| {
                v.map_or_else(empty, |v| (Value::Number(v), if whole { Style::Whole } else { Style::Fixed2 }))
            };
            let value = entered.and_then(|b| field.get(b));
            let input = match (field.kind(), value) {
                (Kind::Flag, v) => (Value::Text(if v.is_some() { "是" } else { "否" }.to_owned()), Style::InputText),
                (_, v) => (v.map_or(Value::Empty, Value::Number), if whole { Style::InputWhole } else { Style::Input }),
            };
            let clause = spec.items.first().map_or("", |item| scheme.rules.clause(*item));
            let mut how = takes(field).to_owned();
            if let Some(note) = spec.note {
                let n = match notes.iter().position(|n| *n == note) {
                    Some(at) => at + 1,
                    None => {
                        notes.push(note);
                        notes.len()
                    }
                };
                how.push_str(&format!("；见注{n}"));
            }
            let row = rows.len();
            validations.push(validation(field, INPUT, (row, row)));
            rows.push(vec![
                text(spec.key),
                text(clause),
                text(spec.label),
                text(spec.unit.symbol()),
                number(base),
                number(task),
                input,
                text(how),
            ]);
        }
    }
    rows.push(Vec::new());
    let source = scenario.sources.get(bank);
    for spec in SOURCE_FIELDS.iter().filter(|s| s.field != SourceField::File) {
        let row = rows.len();
        let value = source.and_then(|s| spec.field.get(s));
        let (style, rule, prompt) = match spec.kind {
            SourceKind::Date => (Style::InputDate, Rule::Date, "填报日期，如 2025-01-10".to_owned()),
            SourceKind::Text => (Style::InputText, Rule::Any, spec.label.to_owned()),
        };
        validations.push(Validation { column: INPUT, rows: (row, row), rule, prompt });
        let input = match (spec.kind, source.and_then(|s| s.date)) {
            (SourceKind::Date, Some(date)) => (Value::Date(date), style),
            _ => (value.map_or(Value::Empty, Value::Text), style),
        };
        rows.push(vec![
            text(source_key(spec.field)),
            empty(),
            (Value::Text(spec.label.to_owned()), Style::Header),
            empty(),
            empty(),
            empty(),
            input,
        ]);
    }
    rows.push(Vec::new());
    let mut closing: Vec<String> = notes.iter().enumerate().map(|(i, note)| format!("注{}：{note}。", i + 1)).collect();
    closing.push("填写后保存为 Excel 工作簿（.xlsx），交考评小组办公室（市地方金融工作局）。请勿改动隐藏的第 1 行和第 A 列；格内可以写 1,234.56、300亿或 3,000,000万元，一律按亿元读取。".to_owned());
    for line in closing.iter().flat_map(|text| lines(text)) {
        rows.push(vec![empty(), (Value::Text(line), Style::Note)]);
    }
    let sheet = Sheet {
        name: FORM_SHEET.to_owned(),
        rows,
        frozen_rows: headings_row + 1,
        hidden_rows: vec![0],
        hidden_columns: vec![KEY],
        print: Print {
            landscape: false,
            repeat_rows: Some((headings_row, headings_row)),
            header: format!("{title}　{}", info.listed_name()),
            ..Print::default()
        },
        validations,
        ..Sheet::default()
    };
    crate::xlsx::write(&[sheet], &format!("{title}（{}）", info.listed_name()), &about.date)
}

/// What a form says besides its figures: the bank it names and the filler's boxes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormRead {
    /// The bank the form names (by its hidden id, or by 填报单位), in annex order.
    pub bank: Option<usize>,
    /// 填报人.
    pub reporter: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 填报日期.
    pub date: Option<Date>,
}

/// Whether a sheet is a 申报表: its hidden format mark, or (the mark lost) a 填报单位 line above a row
/// headed 项目 … 申报数.
pub fn is_form(grid: &Grid) -> bool {
    if grid.cell(0, KEY).text().trim() == FORM_FORMAT {
        return true;
    }
    let Some((heading_row, _, _)) = headings(grid) else { return false };
    (0..heading_row)
        .any(|r| grid.rows.get(r).is_some_and(|cells| cells.iter().any(|c| c.text().trim().starts_with(BANK_LINE))))
}

/// The row of headings and the columns of labels and boxes.
fn headings(grid: &Grid) -> Option<(usize, usize, usize)> {
    (0..grid.rows.len().min(30)).find_map(|r| {
        let cells = grid.rows.get(r)?;
        let input = cells.iter().position(|c| fold(&c.text()) == fold(INPUT_HEADING))?;
        let label = cells.iter().position(|c| fold(&c.text()) == fold(LABEL_HEADING))?;
        Some((r, label, input))
    })
}

/// Reads a 申报表 sheet into `update` (its figures, every refused box) and says what else it says. The
/// bank is the hidden id, else the 填报单位 line; a form naming no bank of the scheme is a problem, and
/// nothing of it is read.
pub fn read(grid: &Grid, scheme: &Scheme, update: &mut Update) -> FormRead {
    let mut out = FormRead::default();
    let by_id = scheme.bank_index(grid.cell(0, CLAUSE).text().trim());
    let by_line = (0..grid.rows.len().min(30)).find_map(|r| {
        grid.rows.get(r)?.iter().find_map(|c| {
            let text = c.text();
            let rest = text.trim().strip_prefix(BANK_LINE)?;
            bank_for(scheme, rest.trim_start_matches([':', '：', ' ']))
        })
    });
    let Some(bank) = by_id.or(by_line) else {
        update.problems.push(Problem::file(format!(
            "“{}”中找不到填报单位：申报表应写明“{BANK_LINE}：某某银行黄石分行”",
            grid.name
        )));
        return out;
    };
    out.bank = Some(bank);
    let Some((heading_row, label_column, input_column)) = headings(grid) else {
        update.problems.push(Problem::file(format!(
            "“{}”中找不到“{LABEL_HEADING}”和“{INPUT_HEADING}”两列：请用考评测算器生成的申报表填写",
            grid.name
        )));
        return out;
    };
    let mut seen: Vec<Field> = Vec::new();
    for row in heading_row + 1..grid.rows.len() {
        let key = grid.cell(row, KEY).text().trim().to_owned();
        let label = grid.cell(row, label_column).text().trim().to_owned();
        let source = SourceField::ALL
            .into_iter()
            .find(|f| key == source_key(*f) || (Field::from_key(&key).is_none() && fold(&label) == fold(f.label())));
        if let Some(member) = source {
            read_source(grid, row, input_column, member, &mut out, update);
            continue;
        }
        // By its hidden key; where the key is gone (a form retyped or rebuilt), by its label.
        let field = Field::from_key(&key).or_else(|| match column_for(&label, scheme.year) {
            Some(Column::Figure(field)) => Some(field),
            _ => None,
        });
        let Some(field) = field else { continue };
        if seen.contains(&field) {
            update
                .problems
                .push(Problem::at(grid.place(row, label_column), format!("“{}”出现了两次，只能填一次", field.label())));
            continue;
        }
        seen.push(field);
        read_figure(grid, row, input_column, bank, field, update);
    }
    out
}

/// One of the filler's boxes: text kept as typed; a date as a date cell or as people type it.
fn read_source(grid: &Grid, row: usize, column: usize, member: SourceField, out: &mut FormRead, update: &mut Update) {
    let cell = grid.cell(row, column);
    let text = cell.text().trim().to_owned();
    if text.is_empty() {
        return;
    }
    match member {
        SourceField::File => {}
        SourceField::Reporter => out.reporter = Some(text),
        SourceField::Phone => out.phone = Some(text),
        SourceField::Date => match crate::sources::read_date(cell) {
            Ok(date) => out.date = date,
            Err(problem) => update
                .problems
                .push(Problem::at(grid.place(row, column), format!("{}：“{text}” {}", member.label(), problem.zh()))),
        },
    }
}

/// A form read as a declaration for 汇总, or every refused box.
pub(crate) fn declaration(form: FormRead, update: Update, scheme: &Scheme) -> Result<Declaration, Vec<Problem>> {
    if !update.problems.is_empty() {
        return Err(update.problems);
    }
    let Some(bank) = form.bank.and_then(|i| scheme.banks.get(i)) else {
        return Err(vec![Problem::file("申报表中找不到填报单位")]);
    };
    let figures: Vec<(Field, Option<Decimal>)> = update
        .edits
        .iter()
        .filter_map(|e| match e {
            Edit::Figure { field, value, .. } => Some((*field, *value)),
            _ => None,
        })
        .collect();
    Ok(Declaration {
        file: update.source.clone(),
        names: Some(bank.id.clone()),
        rows: vec![DeclaredRow { bank: bank.id.clone(), figures }],
        reporter: form.reporter,
        phone: form.phone,
        date: form.date,
    })
}
