//! The annex workbook of a scheme (issue 18): `kaoping scheme template --xlsx` writes it and
//! `kaoping scheme new --annexes` reads it back into next year's scheme file, so that the bureau copies
//! the published annexes into a spreadsheet, a row per bank, instead of editing JSON.
//!
//! - 考评对象: a row per bank (代码, 简称, 全称, 法定名称, 其他叫法). A row added is a bank added, a row
//!   deleted a bank gone; each annex sheet then has one row for every bank of this sheet.
//! - 附件1 … 附件5: the annex's title, then a row per bank: its base (上年末余额), and for each task of
//!   the annex its growth rate (%) and the task. A task left empty is base × rate, rounded to the fen
//!   (四舍五入); a task written in wins, since the published figure is the one that scores. 附件5 has
//!   its two targets. A 合计 row gives the stated totals; a total left empty is the sum of the rows.
//!
//! Columns are found by the hidden row of keys above the headings, as in every workbook Kaoping
//! writes, or, where a program dropped that row, by the headings themselves. What this module reads
//! is only put in place: the scheme file it makes is checked by the engine, and a refusal there is
//! told at the cell it came from ([`AnnexBook::place_of`]).

use rust_decimal::Decimal;
use serde_json::{json, Map, Value as Json};

use kaoping_engine::{normalize, round2, AnnexTable, BankInfo, Scheme, TypedText, Unit};

use crate::grid::{Cell, Grid};
use crate::xlsx::{self, Print, Rule, Sheet, Style, Validation, Value};
use crate::Problem;

/// The sheet of banks.
const BANKS_SHEET: &str = "考评对象";

/// The keys of the 考评对象 sheet's columns, with their headings.
const BANK_COLUMNS: [(&str, &str); 6] = [
    ("id", "代码（小写字母，如 icbc）"),
    ("short_name", "简称（附件中的写法）"),
    ("full_name", "全称"),
    ("legal_name", "法定名称"),
    ("aliases", "其他叫法（用“、”分隔）"),
    ("listed_name", "通报名单中的写法（与全称相同可不填）"),
];

/// The key of a row's bank code and of its name.
const CODE: &str = "bank";
const NAME: &str = "name";

/// The heading of a rate column.
const RATE_HEADING: &str = "增长率（%）";

/// The first row of data: keys (hidden), title, headings above it.
const FIRST_DATA_ROW: usize = 3;

/// A scheme's annexes read from a workbook, as the `annexes` of a scheme file, and where each of its
/// places came from.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexBook {
    /// The `annexes` object of a `kaoping-scheme/1` file.
    pub annexes: Json,
    /// (a place in the scheme file, the cell it was read from), e.g. (`annexes.sme.rows[3].task`,
    /// `附件2!E7`).
    pub places: Vec<(String, String)>,
}

impl AnnexBook {
    /// The cell a place of the scheme file came from: the longest place recorded that `path` starts
    /// with (`annexes.sme.rows[3].task` → `附件2!E7`; `annexes.sme.rows[3]` → the row's first cell).
    pub fn place_of(&self, path: &str) -> Option<&str> {
        self.places
            .iter()
            .filter(|(p, _)| path == p || path.starts_with(&format!("{p}.")) || path.starts_with(&format!("{p}[")))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, cell)| cell.as_str())
    }
}

/// The annex's label in the gazette (`附件1`), the first word of its title.
fn annex_label(table: &AnnexTable) -> &str {
    table.title.split_whitespace().next().unwrap_or(&table.key)
}

/// The workbook of a scheme's banks and annexes, pre-filled with its figures, to overwrite with the
/// new annexes. `date` (`YYYY-MM-DD`) goes in the document properties.
pub fn workbook(scheme: &Scheme, date: &str) -> Result<Vec<u8>, String> {
    let mut sheets = vec![guide_sheet(scheme), banks_sheet(scheme)];
    sheets.extend(scheme.annexes.tables.iter().map(|table| annex_sheet(scheme, table)));
    xlsx::write(&sheets, &format!("{} 附件", scheme.label()), date)
}

fn text(value: &str) -> (Value, Style) {
    (Value::Text(value.to_owned()), Style::Plain)
}

fn heading(value: &str) -> (Value, Style) {
    (Value::Text(value.to_owned()), Style::Header)
}

fn guide_sheet(scheme: &Scheme) -> Sheet {
    let lines = [
        format!("{}年度考评方案附件表（由 {} 生成）", scheme.year, scheme.label()),
        String::new(),
        "用法：把新一年度正式印发的附件1–5逐行填入各工作表，然后运行".to_owned(),
        format!(
            "  kaoping scheme new --from 上一年度方案 --year {} --annexes 本工作簿.xlsx > 新方案.json",
            scheme.year
        ),
        "再用 kaoping scheme check 新方案.json 核对。".to_owned(),
        String::new(),
        "“考评对象”：每行一家银行。增加一行即新增考评对象，删除一行即不再考评；代码用小写英文字母、数字或下划线。"
            .to_owned(),
        "各附件表：每行一家银行，须包含“考评对象”中的每一家。“增长率（%）”与“任务”两栏：任务留空时按 基数 × 增长率"
            .to_owned(),
        "  四舍五入到分计算；填写了任务的，以所填任务为准（计分以公布数为准）。".to_owned(),
        "“合计”行为附件所列合计；留空时按各行之和。".to_owned(),
        "第一行（隐藏）是各栏的代码，用于识别各栏，请勿删除。".to_owned(),
    ];
    Sheet {
        name: "说明".to_owned(),
        rows: lines.iter().map(|line| vec![(Value::Text(line.clone()), Style::Plain)]).collect(),
        ..Sheet::default()
    }
}

fn banks_sheet(scheme: &Scheme) -> Sheet {
    let mut rows = vec![
        BANK_COLUMNS.iter().map(|(key, _)| text(key)).collect::<Vec<_>>(),
        vec![(Value::Text(format!("{}年度考评对象", scheme.year)), Style::Title)],
        BANK_COLUMNS.iter().map(|(_, h)| heading(h)).collect(),
    ];
    for bank in &scheme.banks {
        rows.push(
            [
                &bank.id,
                &bank.short_name,
                &bank.full_name,
                &bank.legal_name,
                &bank.aliases.join("、"),
                bank.listed_name.as_deref().unwrap_or_default(),
            ]
            .into_iter()
            .map(|v| (Value::Text(v.to_owned()), Style::InputText))
            .collect(),
        );
    }
    Sheet {
        name: BANKS_SHEET.to_owned(),
        rows,
        frozen_rows: FIRST_DATA_ROW,
        hidden_rows: vec![0],
        print: Print { repeat_rows: Some((1, 2)), ..Print::default() },
        ..Sheet::default()
    }
}

/// The columns of an annex sheet: code, name, then each of the table's columns, a task's preceded by
/// its rate. (key, heading).
fn annex_columns(table: &AnnexTable) -> Vec<(String, String)> {
    let mut columns = vec![(CODE.to_owned(), "代码".to_owned()), (NAME.to_owned(), "银行".to_owned())];
    for (key, header) in &table.columns {
        if table.task_columns().contains(&key.as_str()) {
            columns.push((format!("rate:{key}"), RATE_HEADING.to_owned()));
        }
        columns.push((key.clone(), header.clone()));
    }
    columns
}

fn annex_sheet(scheme: &Scheme, table: &AnnexTable) -> Sheet {
    let columns = annex_columns(table);
    let mut rows = vec![
        columns.iter().map(|(key, _)| text(key)).collect::<Vec<_>>(),
        vec![(Value::Text(table.title.clone()), Style::Title)],
        columns.iter().map(|(_, h)| heading(h)).collect(),
    ];
    let figure =
        |column: &str, bank: usize| table.figures.iter().find(|(k, _)| k == column).and_then(|(_, f)| f.get(bank));
    for (i, bank) in scheme.banks.iter().enumerate() {
        rows.push(
            columns
                .iter()
                .map(|(key, _)| match key.as_str() {
                    CODE => (Value::Text(bank.id.clone()), Style::Plain),
                    NAME => (Value::Text(bank.short_name.clone()), Style::Plain),
                    rate if rate.starts_with("rate:") => match table.rate_pct(&rate["rate:".len()..]) {
                        Some(r) => (Value::Number(r.normalize()), Style::Input),
                        None => (Value::Empty, Style::Input),
                    },
                    column => {
                        let style = if table.is_whole(column) { Style::InputWhole } else { Style::Input };
                        figure(column, i).map_or((Value::Empty, style), |v| (Value::Number(*v), style))
                    }
                })
                .collect(),
        );
    }
    let total_row = FIRST_DATA_ROW + scheme.banks.len();
    rows.push(
        columns
            .iter()
            .map(|(key, _)| match key.as_str() {
                CODE => text("合计"),
                NAME => text(""),
                rate if rate.starts_with("rate:") => (Value::Empty, Style::Plain),
                column => {
                    let stated = table.stated_total.iter().find(|(k, _)| k == column).map(|(_, v)| *v);
                    let style = if table.is_whole(column) { Style::InputWhole } else { Style::Input };
                    stated.map_or((Value::Empty, style), |v| (Value::Number(v), style))
                }
            })
            .collect(),
    );
    if !table.note.is_empty() {
        rows.push(vec![(Value::Text(format!("注：{}", table.note)), Style::Plain)]);
    }
    let validations = columns
        .iter()
        .enumerate()
        .filter(|(_, (key, _))| key != CODE && key != NAME)
        .map(|(column, (key, header))| Validation {
            column,
            rows: (FIRST_DATA_ROW, total_row),
            rule: if key.starts_with("rate:") { Rule::Between(0, 1000) } else { Rule::AtLeastZero },
            prompt: if key.starts_with("rate:") {
                "增长率，单位 %（如 15）；任务留空时按 基数 × 增长率 计算".to_owned()
            } else {
                format!("{header}：不能为负数")
            },
        })
        .collect();
    Sheet {
        name: annex_label(table).to_owned(),
        rows,
        frozen_rows: FIRST_DATA_ROW,
        frozen_columns: 2,
        hidden_rows: vec![0],
        print: Print { repeat_rows: Some((1, 2)), repeat_columns: Some((0, 1)), ..Print::default() },
        validations,
        ..Sheet::default()
    }
}

/// Reads the workbook into the `annexes` of a scheme file shaped like `base` (its titles, clauses,
/// headers and notes are kept; its year is the file's). All or nothing: every cell that cannot be
/// read is a problem, named.
pub fn read(bytes: &[u8], file_name: &str, base: &Scheme) -> Result<AnnexBook, Vec<Problem>> {
    let grids = crate::read_grids(bytes, file_name).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut places = Vec::new();
    let banks = match grids.iter().find(|g| g.name.trim() == BANKS_SHEET) {
        Some(grid) => read_banks(grid, &mut problems, &mut places),
        None => base.banks.clone(),
    };
    let base_annexes = base.file().get("annexes").cloned().unwrap_or(Json::Null);
    let mut annexes = Map::new();
    annexes.insert("format".to_owned(), json!("kaoping-annexes/1"));
    annexes.insert("year".to_owned(), json!(base.year));
    annexes
        .insert("source".to_owned(), json!(format!("《{}》附件1–5（由工作簿 {file_name} 读入）", base.document.title)));
    annexes.insert("banks".to_owned(), Json::Array(banks.iter().map(bank_json).collect()));
    for table in &base.annexes.tables {
        let label = annex_label(table);
        let Some(grid) = grids.iter().find(|g| g.name.trim() == label) else {
            problems.push(Problem::file(format!("缺少工作表“{label}”（{}）", table.title)));
            continue;
        };
        let mut value = base_annexes.get(&table.key).cloned().unwrap_or_else(|| json!({}));
        if let Some((rows, rates, totals)) = read_annex(grid, table, &banks, &mut problems, &mut places) {
            value["rows"] = rows;
            value["rates_pct"] = rates;
            value["stated_total"] = totals;
        }
        annexes.insert(table.key.clone(), value);
    }
    if problems.is_empty() {
        Ok(AnnexBook { annexes: Json::Object(annexes), places })
    } else {
        Err(problems)
    }
}

fn bank_json(bank: &BankInfo) -> Json {
    let mut entry = Map::new();
    entry.insert("id".to_owned(), json!(bank.id));
    entry.insert("short_name".to_owned(), json!(bank.short_name));
    entry.insert("full_name".to_owned(), json!(bank.full_name));
    if !bank.legal_name.is_empty() {
        entry.insert("legal_name".to_owned(), json!(bank.legal_name));
    }
    if !bank.aliases.is_empty() {
        entry.insert("aliases".to_owned(), json!(bank.aliases));
    }
    if let Some(listed) = &bank.listed_name {
        entry.insert("listed_name".to_owned(), json!(listed));
    }
    Json::Object(entry)
}

/// The row of keys (hidden above the headings) and the column of each key; or, where it was lost,
/// the headings' row read by `heading_key`. The first data row follows it.
fn find_columns(
    grid: &Grid,
    keys: &[&str],
    heading_key: impl Fn(&str) -> Option<String>,
) -> Option<(usize, Vec<(String, usize)>)> {
    let rows = grid.rows.len().min(12);
    for r in 0..rows {
        let found: Vec<(String, usize)> = (0..grid.width())
            .filter_map(|c| {
                let cell = grid.cell(r, c).text().trim().to_owned();
                keys.iter().any(|k| *k == cell).then_some((cell, c))
            })
            .collect();
        if found.len() >= 2 {
            // The headings' row follows the keys (a title may stand between): data start after it.
            let headings = (r + 1..rows).find(|&h| (0..grid.width()).any(|c| matches!(grid.cell(h, c), Cell::Text(t) if !t.trim().is_empty() && heading_key(t.trim()).is_some())));
            return Some((headings.map_or(r + 1, |h| h + 1), found));
        }
    }
    for r in 0..rows {
        let found: Vec<(String, usize)> =
            (0..grid.width()).filter_map(|c| heading_key(grid.cell(r, c).text().trim()).map(|k| (k, c))).collect();
        if found.len() >= 2 {
            return Some((r + 1, found));
        }
    }
    None
}

fn read_banks(grid: &Grid, problems: &mut Vec<Problem>, places: &mut Vec<(String, String)>) -> Vec<BankInfo> {
    let keys: Vec<&str> = BANK_COLUMNS.iter().map(|(k, _)| *k).collect();
    let heading_key = |text: &str| {
        BANK_COLUMNS
            .iter()
            .find(|(_, h)| *h == text || h.split('（').next() == Some(text))
            .map(|(k, _)| (*k).to_owned())
    };
    let Some((first, columns)) = find_columns(grid, &keys, heading_key) else {
        problems.push(Problem::at(
            format!("{}!A1", grid.name),
            "找不到“代码”“简称”“全称”各栏（第一行隐藏的代码行被删除了？）",
        ));
        return Vec::new();
    };
    let column = |key: &str| columns.iter().find(|(k, _)| k == key).map(|(_, c)| *c);
    let mut banks = Vec::new();
    for r in first..grid.rows.len() {
        let cell = |key: &str| column(key).map(|c| grid.cell(r, c).text().trim().to_owned()).unwrap_or_default();
        if keys.iter().all(|k| cell(k).is_empty()) {
            continue;
        }
        let i = banks.len();
        places.push((format!("annexes.banks[{i}]"), grid.place(r, column("id").unwrap_or(0))));
        for key in keys.iter() {
            if let Some(c) = column(key) {
                places.push((format!("annexes.banks[{i}].{key}"), grid.place(r, c)));
            }
        }
        banks.push(BankInfo {
            id: cell("id"),
            short_name: cell("short_name"),
            full_name: cell("full_name"),
            legal_name: cell("legal_name"),
            aliases: cell("aliases")
                .split(['、', ',', '，', ';', '；'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
            listed_name: Some(cell("listed_name")).filter(|name| !name.is_empty()),
        });
    }
    if banks.is_empty() {
        problems.push(Problem::at(format!("{}!A1", grid.name), "“考评对象”中没有银行"));
    }
    banks
}

/// A bank named in a row: by its code, or by any of its names.
fn bank_of(banks: &[BankInfo], code: &str, name: &str) -> Option<usize> {
    let plain = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (code, name) = (plain(code).to_lowercase(), plain(name));
    banks.iter().position(|b| {
        (!code.is_empty() && b.id == code)
            || (!name.is_empty()
                && [&b.short_name, &b.full_name, &b.legal_name].into_iter().chain(&b.aliases).any(|n| plain(n) == name))
    })
}

/// A figure of a cell: `None` when blank, the decimal when it reads, a problem named at the cell
/// otherwise. Number cells are the decimal the sheet shows; text is read as the page's boxes read it.
fn figure(grid: &Grid, row: usize, column: usize, unit: Unit, problems: &mut Vec<Problem>) -> Option<Decimal> {
    let cell = grid.cell(row, column);
    if cell.is_blank() {
        return None;
    }
    let refuse = |problems: &mut Vec<Problem>, why: &str| {
        problems.push(Problem::at(grid.place(row, column), format!("“{}” {why}", cell.text())));
        None
    };
    match cell {
        Cell::Formula(_) => refuse(problems, "是未计算的公式：请在 Excel/WPS 中打开并保存后再读入"),
        Cell::Error(_) | Cell::Bool(_) => refuse(problems, "不是数字"),
        _ => match normalize(&cell.text(), unit) {
            Ok(TypedText::Plain(plain)) => match kaoping_engine::parse_exact(&plain) {
                Ok(value) => Some(value),
                Err(e) => refuse(problems, &e.zh()),
            },
            Ok(TypedText::Empty) => None,
            Err(why) => refuse(problems, &why),
        },
    }
}

/// Decimal text for the scheme file: as exact as read, no trailing zeros (rates, households).
fn decimal(value: Decimal) -> Json {
    Json::String(value.normalize().to_string())
}

/// An amount as the annexes print them: to the fen at least (`53.00`), more decimals kept.
fn amount(value: Decimal) -> Json {
    let mut shown = value.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    Json::String(shown.to_string())
}

/// One annex sheet: its rows in the banks' order, its rates and its stated totals.
fn read_annex(
    grid: &Grid,
    table: &AnnexTable,
    banks: &[BankInfo],
    problems: &mut Vec<Problem>,
    places: &mut Vec<(String, String)>,
) -> Option<(Json, Json, Json)> {
    let columns = annex_columns(table);
    let keys: Vec<&str> = columns.iter().map(|(k, _)| k.as_str()).collect();
    // Without the key row: a heading names a column of the table, 增长率 the rate of the task after it.
    let heading_key = |text: &str| -> Option<String> {
        match text {
            "代码" => Some(CODE.to_owned()),
            "银行" => Some(NAME.to_owned()),
            _ => table.columns.iter().find(|(_, h)| h == text).map(|(k, _)| k.clone()),
        }
    };
    let Some((first, mut found)) = find_columns(grid, &keys, heading_key) else {
        problems.push(Problem::at(
            format!("{}!A1", grid.name),
            format!("找不到各栏（应有：{}）", columns.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>().join("、")),
        ));
        return None;
    };
    // Rates found by their heading stand just before their task.
    if !found.iter().any(|(k, _)| k.starts_with("rate:")) {
        let heading_row = first.saturating_sub(1);
        for c in 0..grid.width() {
            if grid.cell(heading_row, c).text().contains("增长率") {
                if let Some((task, _)) =
                    found.iter().find(|(k, at)| *at == c + 1 && table.task_columns().contains(&k.as_str()))
                {
                    let rate = format!("rate:{task}");
                    found.push((rate, c));
                }
            }
        }
    }
    let column = |key: &str| found.iter().find(|(k, _)| k == key).map(|(_, c)| *c);
    for (key, header) in &table.columns {
        if column(key).is_none() {
            problems.push(Problem::at(format!("{}!A1", grid.name), format!("缺少“{header}”一栏")));
        }
    }
    if column(CODE).is_none() && column(NAME).is_none() {
        problems.push(Problem::at(format!("{}!A1", grid.name), "缺少“代码”或“银行”一栏"));
        return None;
    }
    let unit = |key: &str| if table.is_whole(key) { Unit::Hu } else { Unit::Yi };
    let name_at =
        |r: usize, key: &str| column(key).map(|c| grid.cell(r, c).text().trim().to_owned()).unwrap_or_default();
    let mut rows: Vec<Option<(Map<String, Json>, usize)>> = vec![None; banks.len()];
    let mut rates: Vec<(String, Vec<Option<Decimal>>)> =
        table.task_columns().iter().map(|t| ((*t).to_owned(), Vec::new())).collect();
    let mut totals: Option<usize> = None;
    for r in first..grid.rows.len() {
        let (code, name) = (name_at(r, CODE), name_at(r, NAME));
        if code.is_empty() && name.is_empty() {
            continue;
        }
        if code == "合计" || name == "合计" || code.starts_with("注") {
            if code == "合计" || name == "合计" {
                totals = Some(r);
            }
            continue;
        }
        let place = grid.place(r, column(CODE).or(column(NAME)).unwrap_or(0));
        let Some(index) = bank_of(banks, &code, &name) else {
            problems.push(Problem::at(
                place,
                format!("“{}” 不在“考评对象”表中", if code.is_empty() { &name } else { &code }),
            ));
            continue;
        };
        if rows[index].is_some() {
            problems.push(Problem::at(place, format!("{} 有两行", banks[index].short_name)));
            continue;
        }
        let mut row = Map::new();
        row.insert("bank".to_owned(), json!(banks[index].id));
        let base_key = table.columns.iter().map(|(k, _)| k.as_str()).find(|k| !table.task_columns().contains(k));
        let base = base_key.and_then(|k| column(k).and_then(|c| figure(grid, r, c, unit(k), problems)));
        for (key, header) in &table.columns {
            let Some(c) = column(key) else { continue };
            let stated = if Some(key.as_str()) == base_key { base } else { figure(grid, r, c, unit(key), problems) };
            let value = if table.task_columns().contains(&key.as_str()) {
                let rate = column(&format!("rate:{key}")).and_then(|rc| {
                    let rate = figure(grid, r, rc, Unit::Percent, problems)?;
                    if rate.is_sign_negative() && !rate.is_zero() {
                        problems.push(Problem::at(grid.place(r, rc), format!("增长率 {rate}% 为负数，不能为负")));
                        return None;
                    }
                    Some(rate)
                });
                if let Some((_, seen)) = rates.iter_mut().find(|(k, _)| k == key) {
                    seen.push(rate);
                }
                match (stated, rate, base) {
                    (Some(task), _, _) => Some(task),
                    (None, Some(rate), Some(base)) => Some(round2(base * rate / Decimal::ONE_HUNDRED)),
                    _ => {
                        // A cell that did not read, and a base not given, are told already; a task left
                        // empty with no rate to work it out from is told here.
                        let rate_blank = column(&format!("rate:{key}")).is_none_or(|rc| grid.cell(r, rc).is_blank());
                        if grid.cell(r, c).is_blank() && rate_blank {
                            let why =
                                format!("“{header}”与其增长率都未填：填写任务，或填写增长率按 基数 × 增长率 计算");
                            problems.push(Problem::at(grid.place(r, c), why));
                        }
                        None
                    }
                }
            } else {
                if stated.is_none() && grid.cell(r, c).is_blank() {
                    problems.push(Problem::at(grid.place(r, c), format!("“{header}”未填")));
                }
                stated
            };
            if let Some(value) = value {
                row.insert(key.clone(), if table.is_whole(key) { decimal(value) } else { amount(value) });
            }
        }
        rows[index] = Some((row, r));
    }
    let mut out = Vec::new();
    for (bank, row) in banks.iter().zip(rows) {
        let Some((row, r)) = row else {
            problems.push(Problem::at(
                format!("{}!A1", grid.name),
                format!("缺少 {}（{}）的一行", bank.short_name, bank.id),
            ));
            continue;
        };
        let i = out.len();
        let path = format!("annexes.{}.rows[{i}]", table.key);
        places.push((path.clone(), grid.place(r, column(CODE).or(column(NAME)).unwrap_or(0))));
        for (key, _) in &table.columns {
            if let Some(c) = column(key) {
                places.push((format!("{path}.{key}"), grid.place(r, c)));
            }
        }
        out.push(Json::Object(row));
    }
    // A column's rate: the one every row gives; none when the rows differ or give none.
    let mut rates_pct = Map::new();
    for (key, seen) in rates {
        let common = seen.first().copied().flatten();
        if let Some(rate) = common.filter(|r| seen.iter().all(|s| *s == Some(*r))) {
            rates_pct.insert(key.clone(), decimal(rate));
            if let Some(c) = column(&format!("rate:{key}")) {
                places.push((format!("annexes.{}.rates_pct.{key}", table.key), grid.place(first, c)));
            }
        }
    }
    let mut stated = Map::new();
    for (key, _) in &table.columns {
        let given = totals.zip(column(key)).and_then(|(r, c)| {
            let value = figure(grid, r, c, unit(key), problems);
            places.push((format!("annexes.{}.stated_total.{key}", table.key), grid.place(r, c)));
            value
        });
        let sum: Decimal = out
            .iter()
            .filter_map(|row| row.get(key).and_then(Json::as_str))
            .filter_map(|t| kaoping_engine::parse_exact(t).ok())
            .sum();
        let total = given.unwrap_or(sum);
        stated.insert(key.clone(), if table.is_whole(key) { decimal(total) } else { amount(total) });
    }
    Some((Json::Array(out), Json::Object(rates_pct), Json::Object(stated)))
}
