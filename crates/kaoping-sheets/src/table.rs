//! The bank table — one row per bank, one column per figure — as people lay it out, and how such a
//! table is read.
//!
//! What is recognised (see README "Excel, CSV"):
//! - **Where the headings are**: anywhere in the first rows, below a title, a 单位 row or a 填报单位
//!   line; up to four rows of headings, a group heading (merged across its sub-headings, or written
//!   once above them) joined to each sub-heading under it (`中小微企业` over `贷款余额` is
//!   `中小微企业贷款余额`).
//! - **What a heading names**: a figure by the field table's key, label, short label or aliases, with
//!   or without 各项, 余额, the unit or this year (`heading.rs`); the bank column; the result columns
//!   of an exported 全市 table; 序号, 备注, 填表人 and the like, skipped. A heading that is none of
//!   these is named in a problem, not skipped, unless the reader is told what it is
//!   ([`ReadOptions::mapping`]): a misspelt heading would otherwise drop a column of figures.
//! - **Rows**: a bank by id, short name, full name, legal name or alias, with the legal form, the city
//!   and 分行/支行 left out; 合计, 小计 and 总计 rows and note lines (填表人, 审核人, 注) skipped.
//! - **Units**: from the heading (`（万元）`) or, for the amounts, from a 单位 row or the title; 万元,
//!   千元, 百万元 and 元 convert to 亿元 exactly. Two units for one column, or a cell whose own unit
//!   differs from its column's, are refused naming both; no unit anywhere means 亿元, as the template
//!   says, and a figure that could not be 亿元 for one bank of one city is refused.
//!
//! Every cell is read by `Field::read`, the same forgiving reading as the page's boxes.

use kaoping_engine::{Field, FundFigure, Item, Kind, Scheme, SchemeMark, Setting, Unit, FIELDS};
use rust_decimal::Decimal;

use crate::grid::{Cell, Formats, Grid};
use crate::heading::{bank_core, canonical, declared_amount_units, fold, AmountUnit, UnitWord};
use crate::update::{Edit, Update};
use crate::Problem;

/// A sheet read as the table may have at most this many rows.
pub const MAX_ROWS: usize = 5000;

/// The headings are looked for in this many rows from the top.
const HEADING_SEARCH_ROWS: usize = 30;

/// A heading block is at most this many rows (a title group, a group, a sub-heading, a key row).
const MAX_HEADING_ROWS: usize = 4;

/// An amount read in 亿元 without any unit written in the sheet may not exceed this: no bank holds a
/// figure of 1万亿元 in one city, while a table in 万元 with its unit left out reads 10,000 times too
/// large, so such a figure is refused rather than taken.
const ASSUMED_YI_LIMIT: i64 = 10_000;

/// A column of the bank table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The bank: its short name, full name, legal name or id.
    Bank,
    /// A figure of the field table.
    Figure(Field),
    /// An item's points (result only).
    Points(Item),
    /// The total (result only).
    Total,
    /// The rank (result only).
    Rank,
    /// The band (result only).
    Band,
    /// Among the last three: 约谈、通报 (result only).
    Interview,
    /// The public-fund composite of 四(四) (result only).
    Composite,
    /// The public-fund share (result only).
    Share,
    /// Not a figure: 序号, 备注, 填表人 and the like, or a column the user said to ignore.
    Ignored,
}

/// The words a bank column may be headed with.
const BANK_HEADINGS: &[&str] = &[
    "bank",
    "id",
    "代码",
    "银行代码",
    "银行",
    "银行名称",
    "银行简称",
    "银行全称",
    "机构",
    "机构名称",
    "机构简称",
    "单位",
    "单位名称",
    "填报单位",
    "金融机构",
    "金融机构名称",
    "银行业金融机构",
    "参评机构",
    "参评银行",
    "行名",
];

/// The words of columns that hold no figure.
const IGNORED_HEADINGS: &[&str] = &[
    "序号",
    "编号",
    "行次",
    "行号",
    "备注",
    "说明",
    "附注",
    "填表人",
    "填报人",
    "联系人",
    "联系电话",
    "电话",
    "审核人",
    "负责人",
    "填报日期",
    "日期",
    "ignore",
];

/// The first words of rows that are totals, not banks.
const TOTAL_ROWS: &[&str] = &["合计", "小计", "总计", "全市合计", "全市", "全市总计", "汇总", "total"];

/// The first words of note and signature lines below (or above) a table.
const NOTE_ROWS: &[&str] = &[
    "填表人",
    "填报人",
    "审核人",
    "负责人",
    "单位负责人",
    "分管领导",
    "制表",
    "制表人",
    "联系人",
    "联系电话",
    "注",
    "说明",
    "备注",
    "填报日期",
    "日期",
    "填报单位",
];

impl Column {
    /// The columns of the 全市 table: the bank, every figure, the 18 items' points and the outcome.
    pub fn city_table() -> Vec<Column> {
        let mut columns = vec![Column::Bank];
        columns.extend(FIELDS.iter().map(|f| Column::Figure(f.field)));
        columns.extend(Item::ALL.iter().map(|&i| Column::Points(i)));
        columns.extend([
            Column::Total,
            Column::Rank,
            Column::Band,
            Column::Interview,
            Column::Composite,
            Column::Share,
        ]);
        columns
    }

    /// The columns of the fill-in template: the bank and every figure.
    pub fn template() -> Vec<Column> {
        std::iter::once(Column::Bank).chain(FIELDS.iter().map(|f| Column::Figure(f.field))).collect()
    }

    /// The key written in the hidden first row of an exported sheet.
    pub fn key(self) -> String {
        match self {
            Column::Bank => "bank".to_owned(),
            Column::Figure(field) => field.key().to_owned(),
            Column::Points(item) => format!("points.{}", item.key()),
            Column::Total => "total".to_owned(),
            Column::Rank => "rank".to_owned(),
            Column::Band => "band".to_owned(),
            Column::Interview => "interview".to_owned(),
            Column::Composite => "deposit.composite".to_owned(),
            Column::Share => "deposit.share_pct".to_owned(),
            Column::Ignored => "ignore".to_owned(),
        }
    }

    /// The heading shown: the short label with its unit (`贷款余额（亿元）`).
    pub fn heading(self) -> String {
        match self {
            Column::Bank => "银行".to_owned(),
            Column::Figure(field) => with_unit(field.spec().short, field),
            Column::Points(item) => format!("{}得分", item.title()),
            Column::Total => "总分".to_owned(),
            Column::Rank => "名次".to_owned(),
            Column::Band => "档次".to_owned(),
            Column::Interview => "约谈通报".to_owned(),
            Column::Composite => "资金存放综合评分".to_owned(),
            Column::Share => "资金存放占比（%）".to_owned(),
            Column::Ignored => "（不读取）".to_owned(),
        }
    }

    /// Whether the column is entered (the bank and figures) rather than a result.
    pub fn is_input(self) -> bool {
        matches!(self, Column::Bank | Column::Figure(_))
    }

    /// Every text the column is known by.
    fn names(self) -> Vec<String> {
        let mut names = vec![self.key(), self.heading()];
        match self {
            Column::Bank => names.extend(BANK_HEADINGS.iter().map(|s| (*s).to_owned())),
            Column::Figure(field) => {
                let spec = field.spec();
                names.extend([spec.label.to_owned(), spec.short.to_owned(), with_unit(spec.label, field)]);
                names.extend(spec.aliases.iter().map(|s| (*s).to_owned()));
            }
            Column::Ignored => names.extend(IGNORED_HEADINGS.iter().map(|s| (*s).to_owned())),
            _ => {}
        }
        names
    }

    /// Every column a heading can name, in the order they are tried.
    fn all() -> Vec<Column> {
        let mut all = Column::city_table();
        all.push(Column::Ignored);
        all
    }
}

fn with_unit(text: &str, field: Field) -> String {
    match field.unit().symbol() {
        "" => text.to_owned(),
        unit => format!("{text}（{unit}）"),
    }
}

/// The column a heading names, if any: by a key exactly, else by its words and year (`heading.rs`).
pub fn column_for(heading: &str, year: u16) -> Option<Column> {
    let folded = fold(heading);
    if folded.is_empty() {
        return None;
    }
    let all = Column::all();
    if let Some(column) = all.iter().find(|c| fold(&c.key()) == folded) {
        return Some(*column);
    }
    let wanted = canonical(heading, year);
    if wanted.words.is_empty() {
        return None;
    }
    all.into_iter().find(|c| {
        c.names().iter().any(|n| {
            // The field table's labels are written for the 2024 scheme (`贷款余额（2024年末）`,
            // `普惠小微贷款余额（2023年末）`): under another year's their years move on with it.
            let mut name = canonical(n, kaoping_engine::WORDS_YEAR);
            name.year = name.year.and_then(|y| {
                u16::try_from(i32::from(y) + i32::from(year) - i32::from(kaoping_engine::WORDS_YEAR)).ok()
            });
            name.words == wanted.words && name.year == wanted.year
        })
    })
}

/// The bank a cell names, by id, short name, full name, legal name or alias (each with the legal
/// form, the city and 分行/支行 left out): its index in annex order.
pub fn bank_for(scheme: &Scheme, text: &str) -> Option<usize> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    let core = bank_core(text);
    scheme.banks.iter().position(|b| {
        fold(&b.id) == folded
            || [&b.short_name, &b.full_name, &b.legal_name]
                .into_iter()
                .chain(b.aliases.iter())
                .filter(|n| !n.is_empty())
                .any(|n| fold(n) == folded || bank_core(n) == core)
    })
}

/// What the user said a heading is: a figure, or a column to leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapTo {
    /// The figure with this key.
    Figure(Field),
    /// Not read.
    Ignore,
}

impl MapTo {
    /// Reads `loans`, `sme_loans`, … or `ignore` (also `-`, `忽略`, `不导入`).
    pub fn from_key(key: &str) -> Option<MapTo> {
        match key.trim() {
            "ignore" | "-" | "忽略" | "不导入" | "不读取" => Some(MapTo::Ignore),
            key => Field::from_key(key).map(MapTo::Figure),
        }
    }

    /// The key (`loans`, `ignore`).
    pub fn key(self) -> &'static str {
        match self {
            MapTo::Figure(field) => field.key(),
            MapTo::Ignore => "ignore",
        }
    }

    fn column(self) -> Column {
        match self {
            MapTo::Figure(field) => Column::Figure(field),
            MapTo::Ignore => Column::Ignored,
        }
    }
}

/// How to read a table beyond what it says itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Headings placed by the user: the heading as named in the refusal (`各项贷款（万元）`) and
    /// what it is. Compared without spaces or bracket widths; a mapped heading keeps its unit.
    pub mapping: Vec<(String, MapTo)>,
}

impl ReadOptions {
    /// Reads `HEADING=KEY` (the command line's `--map`).
    pub fn parse_map(text: &str) -> Result<(String, MapTo), String> {
        let (heading, key) =
            text.rsplit_once('=').ok_or_else(|| format!("--map \"{text}\": 应写作 列名=代码，如 各项贷款=loans"))?;
        let to = MapTo::from_key(key).ok_or_else(|| {
            format!("--map \"{text}\": “{}” 不是数据代码（如 loans、sme_loans，或 ignore 表示不读取）", key.trim())
        })?;
        if heading.trim().is_empty() {
            return Err(format!("--map \"{text}\": 缺少列名"));
        }
        Ok((heading.trim().to_owned(), to))
    }

    fn mapped(&self, heading: &str) -> Option<Column> {
        let folded = fold(heading);
        self.mapping.iter().find(|(h, _)| fold(h) == folded).map(|(_, to)| to.column())
    }
}

/// A heading the reader could not place, for the preview to ask about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// The heading as the sheet writes it (a group heading joined to its sub-heading).
    pub heading: String,
    /// Where (`填报!D4`).
    pub place: String,
}

/// The unit a figure column's amounts are in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scale {
    /// Not an amount: read as written.
    Plain,
    /// An amount in this unit, as written in the heading or the 单位 row.
    Stated(AmountUnit),
    /// An amount with no unit anywhere: 亿元, as the template says.
    Assumed,
    /// An amount pasted into the page's table, whose columns are in 亿元; a cell's own unit converts.
    Shown,
    /// Two different units stated for the column (heading or table): refused naming both.
    Ambiguous(Vec<AmountUnit>),
}

/// One column as read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ColumnRead {
    meaning: Option<Column>,
    heading: String,
    scale: Scale,
}

/// Where a bank table's headings are, and what each column is.
pub(crate) struct Layout {
    /// The rows of headings.
    pub heading_rows: std::ops::Range<usize>,
    /// Each column's meaning (`None`: an empty heading, skipped).
    pub columns: Vec<Option<Column>>,
    reads: Vec<ColumnRead>,
}

impl Layout {
    /// The first row of figures.
    pub fn first_row(&self) -> usize {
        self.heading_rows.end
    }
}

/// A text that is a 单位 declaration, not a heading: `单位：万元`, `（单位：万元）`, `金额单位：万元`. A heading
/// that gives its own unit (`各项贷款余额（单位：万元）`) is a heading: taken for a 单位 line, its column
/// would go unread and its unit would be the whole table's.
fn is_unit_line(text: &str) -> bool {
    let folded = fold(text);
    let declares = (folded.contains("单位") && !declared_amount_units(text).is_empty()) || folded.starts_with("单位:");
    let before = folded.split("单位").next().unwrap_or("").trim_matches(['(', ')', ':', ',']);
    declares && UNIT_LINE_WORDS.contains(&before)
}

/// What may come before 单位 in a 单位 line (`金额单位：万元`).
const UNIT_LINE_WORDS: &[&str] = &["", "金额", "计量", "数据", "货币"];

/// Words of a group heading (or a sub-heading) that say nothing about which figure a column holds
/// (`本行数据` over every figure): a column named by the other heading texts may leave them out.
const NEUTRAL_HEADINGS: &[&str] =
    &["金额", "数据", "指标", "考核指标", "考核数据", "填报数据", "申报数据", "基础数据", "本行数据", "本期"];

/// Whether a heading text that a column's meaning leaves out says nothing of its own: no words but the
/// noise `heading.rs` drops (余额, 年末, this year) or a neutral group word, and no other year. `涉农`,
/// `其中：个人住房`, `普惠型小微企业` or `2023年末` over `贷款余额` change the figure, so a column read
/// without them would be read wrong; it is asked about instead.
fn says_nothing(text: &str, year: u16) -> bool {
    let heading = canonical(text, year);
    heading.year.is_none()
        && heading.odd_unit.is_none()
        && (heading.words.is_empty() || NEUTRAL_HEADINGS.contains(&heading.words.as_str()))
}

/// What a single cell of a heading row names, with the mapping first.
fn name_of(text: &str, year: u16, options: &ReadOptions) -> Option<Column> {
    options.mapped(text).or_else(|| column_for(text, year))
}

/// Whether a cell holds a figure: a number, or text that reads as one (every cell of a CSV file is
/// text).
fn is_figure(cell: &Cell) -> bool {
    match cell {
        Cell::Number(_) | Cell::Formula(_) | Cell::Bool(_) => true,
        Cell::Text(text) => {
            matches!(kaoping_engine::normalize(text, Unit::Yi), Ok(kaoping_engine::TypedText::Plain(_)))
                || matches!(kaoping_engine::normalize(text, Unit::Percent), Ok(kaoping_engine::TypedText::Plain(_)))
        }
        _ => false,
    }
}

/// A row's kind, for finding the heading block.
fn is_data_row(grid: &Grid, row: usize, scheme: &Scheme) -> bool {
    grid.rows.get(row).is_some_and(|cells| {
        cells.iter().any(is_figure)
            || cells.iter().any(|c| bank_for(scheme, &c.text()).is_some() && !BANK_HEADINGS.contains(&c.text().trim()))
            || cells.iter().any(|c| is_total(&c.text()))
    })
}

fn is_total(text: &str) -> bool {
    let folded = fold(text);
    TOTAL_ROWS.iter().any(|t| folded == *t || (folded.starts_with(t) && folded.chars().count() <= 6 && *t != "全市"))
}

fn is_note(text: &str) -> bool {
    let folded = fold(text);
    NOTE_ROWS.iter().any(|n| folded.starts_with(n)) && !folded.is_empty()
}

/// The heading texts of a column in a block, top to bottom: a blank cell under a merge (or, where
/// the file keeps no merges, a blank cell of a group row with a sub-heading below it and a group
/// heading to its left) takes the group heading.
fn column_texts(grid: &Grid, rows: &std::ops::Range<usize>, column: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for row in rows.clone() {
        let text = grid.cell(row, column).text().trim().to_owned();
        if !text.is_empty() {
            out.push((row, text));
            continue;
        }
        if let Some(merge) = grid.merge_at(row, column) {
            if merge.top < rows.start || (merge.top == row && merge.left == column) {
                continue;
            }
            if merge.left < column && merge.top == row {
                let text = grid.cell(merge.top, merge.left).text().trim().to_owned();
                if !text.is_empty() {
                    out.push((row, text));
                }
            }
            continue;
        }
        if !grid.merges.is_empty() || row + 1 >= rows.end {
            continue;
        }
        // No merges kept (CSV, a pasted block): fill a group row from the left.
        let below = |c: usize| (row + 1..rows.end).any(|r| !grid.cell(r, c).is_blank());
        if !below(column) {
            continue;
        }
        if let Some(left) = (0..column).rev().find(|&c| !grid.cell(row, c).is_blank()) {
            let between_blank = (left + 1..column).all(|c| grid.cell(row, c).is_blank() && below(c));
            if below(left) && between_blank {
                out.push((row, grid.cell(row, left).text().trim().to_owned()));
            }
        }
    }
    out
}

/// The meaning of a column from its heading texts: a key, then the texts joined (group and
/// sub-heading), then each text alone from the bottom. Also the joined text, for messages.
fn resolve(texts: &[String], year: u16, options: &ReadOptions) -> (Option<Column>, String) {
    let joined: String = texts.concat();
    if let Some(column) = options.mapped(&joined) {
        return (Some(column), joined);
    }
    for text in texts.iter().rev() {
        let folded = fold(text);
        if let Some(column) = Column::all().into_iter().find(|c| fold(&c.key()) == folded) {
            return (Some(column), joined);
        }
    }
    // The texts joined, then without the group headings above, then each alone; what is left out must
    // say nothing of its own (`says_nothing`).
    for start in 0..texts.len() {
        let tail: String = texts[start..].concat();
        if let Some(column) = name_of(&tail, year, options) {
            if texts[..start].iter().all(|t| says_nothing(t, year)) {
                return (Some(column), joined);
            }
        }
    }
    for (at, text) in texts.iter().enumerate().rev() {
        if let Some(column) = name_of(text, year, options) {
            if texts.iter().enumerate().all(|(i, t)| i == at || says_nothing(t, year)) {
                return (Some(column), joined);
            }
        }
    }
    (None, joined)
}

/// Finds the heading block: the first of the top rows that names the bank column (or, failing that,
/// a row most of whose cells name columns), and the heading rows under it up to the first row of
/// data. Returns the rows.
fn heading_block(grid: &Grid, scheme: &Scheme, options: &ReadOptions) -> Option<std::ops::Range<usize>> {
    let year = scheme.year;
    let search = grid.rows.len().min(HEADING_SEARCH_ROWS);
    let names = |row: usize| -> (bool, usize, usize) {
        let cells = grid.rows.get(row).map(Vec::as_slice).unwrap_or_default();
        let filled: Vec<String> = cells
            .iter()
            .filter(|c| matches!(c, Cell::Text(_)) && !c.is_blank())
            .map(|c| c.text().into_owned())
            .collect();
        let named: Vec<Column> = filled.iter().filter_map(|t| name_of(t, year, options)).collect();
        (named.contains(&Column::Bank), named.len(), cells.iter().filter(|c| !c.is_blank()).count())
    };
    let start = (0..search).find(|&r| names(r).0 && !is_data_row(grid, r, scheme)).or_else(|| {
        (0..search).find(|&r| {
            let (_, named, filled) = names(r);
            named > 0 && named * 2 >= filled && !is_data_row(grid, r, scheme)
        })
    })?;
    let mut end = start + 1;
    while end < grid.rows.len() && end - start < MAX_HEADING_ROWS {
        let blank = grid.rows.get(end).is_none_or(|cells| cells.iter().all(Cell::is_blank));
        if blank || is_data_row(grid, end, scheme) {
            break;
        }
        end += 1;
    }
    Some(start..end)
}

/// Finds the headings and reads each column's; headings that name nothing, or name a column twice,
/// are problems. Units are settled here (see the module's comment).
pub(crate) fn layout(grid: &Grid, scheme: &Scheme, options: &ReadOptions, update: &mut Update) -> Option<Layout> {
    let rows = heading_block(grid, scheme, options)?;
    let width = grid.width();
    let year = scheme.year;
    let table_units = table_units(grid, &rows, scheme);
    let mut reads: Vec<ColumnRead> = Vec::with_capacity(width);
    for c in 0..width {
        let texts: Vec<(usize, String)> = column_texts(grid, &rows, c);
        let (unit_lines, texts): (Vec<_>, Vec<_>) = texts.into_iter().partition(|(_, t)| is_unit_line(t));
        let _ = unit_lines;
        let words: Vec<String> = texts.iter().map(|(_, t)| t.clone()).collect();
        if words.is_empty() {
            reads.push(ColumnRead { meaning: None, heading: String::new(), scale: Scale::Plain });
            continue;
        }
        let (meaning, joined) = resolve(&words, year, options);
        let place_row = texts.last().map_or(rows.start, |(r, _)| *r);
        let place = grid.place(place_row, c);
        let Some(meaning) = meaning else {
            update.problems.push(Problem::at(
                place.clone(),
                format!(
                    "列名“{joined}”无法识别，该列未读取：请改用填报模板中的列名（如“贷款余额（亿元）”），或指明它是哪项数据、或不读取"
                ),
            ));
            update.unplaced.push(crate::table::Unplaced { heading: joined.clone(), place });
            reads.push(ColumnRead { meaning: None, heading: joined, scale: Scale::Plain });
            continue;
        };
        let scale = match meaning {
            Column::Figure(field) => match column_scale(field, &words, &table_units, year) {
                Ok(scale) => scale,
                Err(message) => {
                    update.problems.push(Problem::at(place.clone(), format!("列“{joined}”{message}，该列未读取")));
                    reads.push(ColumnRead { meaning: None, heading: joined, scale: Scale::Plain });
                    continue;
                }
            },
            _ => Scale::Plain,
        };
        if meaning != Column::Ignored {
            if let Some(first) = reads.iter().position(|r| r.meaning == Some(meaning)) {
                update.problems.push(Problem::at(
                    place,
                    format!(
                        "列“{joined}”与 {} 列（“{}”）是同一项数据，两列都未读取",
                        crate::grid::column_name(first),
                        reads.get(first).map_or("", |r| r.heading.as_str())
                    ),
                ));
                if let Some(first) = reads.get_mut(first) {
                    first.meaning = None;
                }
                reads.push(ColumnRead { meaning: None, heading: joined, scale: Scale::Plain });
                continue;
            }
        }
        reads.push(ColumnRead { meaning: Some(meaning), heading: joined, scale });
    }
    let columns = reads.iter().map(|r| r.meaning).collect();
    Some(Layout { heading_rows: rows, columns, reads })
}

/// The amount units the sheet states for the whole table: in the rows above the headings (title,
/// 单位 row), in a 单位 cell among the headings, and in note lines below the table.
fn table_units(grid: &Grid, headings: &std::ops::Range<usize>, scheme: &Scheme) -> Vec<AmountUnit> {
    let mut units: Vec<AmountUnit> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        let above = r < headings.start;
        let among = headings.contains(&r);
        let below = r >= headings.end;
        if below && is_data_row(grid, r, scheme) {
            continue;
        }
        for cell in row {
            let Cell::Text(text) = cell else { continue };
            if (among && !is_unit_line(text)) || (below && !(is_note(text) || is_unit_line(text))) {
                continue;
            }
            if !(above || among || below) {
                continue;
            }
            for unit in declared_amount_units(text) {
                if !units.contains(&unit) {
                    units.push(unit);
                }
            }
        }
    }
    kaoping_engine::order::sort(&mut units);
    units
}

/// The scale of a figure column, from its heading's unit and the table's; an unknown or mismatched
/// unit is an error naming it.
fn column_scale(field: Field, words: &[String], table: &[AmountUnit], year: u16) -> Result<Scale, String> {
    let mut stated: Vec<UnitWord> = Vec::new();
    for text in words {
        let heading = canonical(text, year);
        if let Some(odd) = heading.odd_unit {
            return Err(format!("的单位“{odd}”无法换算为{}", unit_name(field.unit())));
        }
        if let Some(unit) = heading.unit {
            if !stated.contains(&unit) {
                stated.push(unit);
            }
        }
    }
    let amounts: Vec<AmountUnit> =
        stated.iter().filter_map(|u| if let UnitWord::Amount(a) = u { Some(*a) } else { None }).collect();
    let others: Vec<UnitWord> = stated.iter().copied().filter(|u| !matches!(u, UnitWord::Amount(_))).collect();
    match field.unit() {
        Unit::Yi => {
            if let Some(other) = others.first() {
                return Err(format!("的单位（{}）不是金额单位", other_word(*other)));
            }
            match amounts.as_slice() {
                [one] => Ok(Scale::Stated(*one)),
                [] => match table {
                    [] => Ok(Scale::Assumed),
                    [one] => Ok(Scale::Stated(*one)),
                    many => Ok(Scale::Ambiguous(many.to_vec())),
                },
                many => Ok(Scale::Ambiguous(many.to_vec())),
            }
        }
        unit => {
            if let Some(amount) = amounts.first() {
                return Err(format!("的单位是{}，而这项数据以{}计", amount.word(), unit_name(unit)));
            }
            let fits = others.iter().all(|u| {
                matches!(
                    (u, unit),
                    (UnitWord::Percent, Unit::Percent)
                        | (UnitWord::Count, Unit::Hu | Unit::Dan)
                        | (UnitWord::Score, Unit::Fen)
                )
            });
            if fits {
                Ok(Scale::Plain)
            } else {
                Err(format!("的单位与这项数据的单位（{}）不符", unit_name(unit)))
            }
        }
    }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Flag => "是/否",
        unit => unit.symbol(),
    }
}

fn other_word(unit: UnitWord) -> &'static str {
    match unit {
        UnitWord::Amount(a) => a.word(),
        UnitWord::Percent => "%",
        UnitWord::Count => "户/个",
        UnitWord::Score => "分",
    }
}

/// A cell's own amount unit at the end of its text (`400.56亿`, `4,005,600万元`), and the text
/// before it.
fn cell_unit(text: &str) -> (Option<AmountUnit>, String) {
    let trimmed = text.trim();
    for (word, unit) in [
        ("百万元", AmountUnit::Million),
        ("亿元", AmountUnit::Yi),
        ("万元", AmountUnit::Wan),
        ("千元", AmountUnit::Thousand),
        ("亿", AmountUnit::Yi),
        ("万", AmountUnit::Wan),
        ("元", AmountUnit::Yuan),
    ] {
        if let Some(number) = trimmed.strip_suffix(word) {
            return (Some(unit), number.to_owned());
        }
    }
    (None, trimmed.to_owned())
}

/// Reads one figure cell into an edit, or a problem that names the cell, the bank and the figure.
fn read_scaled(grid: &Grid, row: usize, column: usize, bank: usize, field: Field, scale: &Scale, update: &mut Update) {
    let cell = grid.cell(row, column);
    let place = grid.place(row, column);
    let label = field.spec().short;
    let refuse = |update: &mut Update, message: String| update.problems.push(Problem::at(place.clone(), message));
    if let Cell::Formula(formula) = cell {
        return refuse(
            update,
            format!("{label}：单元格是公式（={formula}），文件中没有它的计算结果：请在 Excel/WPS 中打开并保存后再导入"),
        );
    }
    if let Cell::Error(e) = cell {
        return refuse(update, format!("{label}：单元格是错误值 {e}，请填入数字或留空"));
    }
    let text = cell.text();
    if field.unit() != Unit::Yi || matches!(scale, Scale::Plain) {
        if let (Formats::Unknown, Unit::Percent, Cell::Number(n)) = (grid.formats, field.unit(), cell) {
            let fraction = n.parse::<Decimal>().is_ok_and(|v| !v.is_zero() && v.abs() < Decimal::ONE);
            if fraction {
                return refuse(
                    update,
                    format!("{label}：这类文件的数字格式无法读取，无法判断 {n} 是 {n}% 还是设为百分比格式显示的百分数：请在 Excel 中另存为 .xlsx 后再导入，或把该格改为文本“{n}%”"),
                );
            }
        }
        return read_value(&text, place.clone(), bank, field, label, update, None);
    }
    let (own, number) = if matches!(cell, Cell::Text(_)) { cell_unit(&text) } else { (None, text.trim().to_owned()) };
    let unit = match (scale, own) {
        (Scale::Stated(column), Some(own)) if own != *column => {
            return refuse(
                update,
                format!("{label}：单元格写的是{}，而该列的单位是{}：请统一单位", own.word(), column.word()),
            );
        }
        (Scale::Stated(column), _) => (*column, false),
        (Scale::Assumed | Scale::Shown, Some(own)) => (own, false),
        (Scale::Shown, None) => (AmountUnit::Yi, false),
        (Scale::Assumed, None) => (AmountUnit::Yi, true),
        (Scale::Ambiguous(units), Some(own)) if units.contains(&own) => (own, false),
        (Scale::Ambiguous(units), _) => {
            let words: Vec<&str> = units.iter().map(|u| u.word()).collect();
            return refuse(
                update,
                format!(
                    "{label}：表中同时写有单位“{}”，无法确定该列的单位：请在列名中注明（如“贷款余额（万元）”）",
                    words.join("”和“")
                ),
            );
        }
        (Scale::Plain, _) => (AmountUnit::Yi, false),
    };
    read_value(&number, place, bank, field, label, update, Some(unit))
}

/// The figure read and converted to 亿元; `unit.1` says the unit was assumed.
fn read_value(
    text: &str,
    place: String,
    bank: usize,
    field: Field,
    label: &str,
    update: &mut Update,
    unit: Option<(AmountUnit, bool)>,
) {
    let value = match field.read(text) {
        Ok(value) => value,
        Err(reason) => {
            let shown = text.trim();
            let message = if reason.contains(shown) {
                format!("{label}：{reason}")
            } else {
                format!("{label}填的“{shown}”有误：{reason}")
            };
            update.problems.push(Problem::at(place, message));
            return;
        }
    };
    let value = match (value, unit) {
        (Some(v), Some((unit, assumed))) => {
            if assumed && v >= Decimal::from(ASSUMED_YI_LIMIT) {
                update.problems.push(Problem::at(
                    place,
                    format!("{label}：按亿元读作 {v} 亿元，一家银行不会有这么多：若表中金额以万元计，请在列名中注明（如“贷款余额（万元）”）或在表头上方写“单位：万元”"),
                ));
                return;
            }
            let Some(converted) = unit.to_yi(v) else {
                update.problems.push(Problem::at(place, format!("{label}：{v} {} 换算为亿元的位数过多", unit.word())));
                return;
            };
            // The converted figure must still be one the field holds (at most 8 decimals of 亿元).
            if let Err(e) = field.kind().parse(&converted.normalize().to_string()) {
                update.problems.push(Problem::at(
                    place,
                    format!("{label}：{v} {} 即 {} 亿元，{}", unit.word(), converted.normalize(), e.zh()),
                ));
                return;
            }
            Some(converted.normalize())
        }
        (value, _) => value,
    };
    // A flag's 否 is the same as leaving it blank.
    let value = value.filter(|v| !(field.kind() == Kind::Flag && v.is_zero()));
    update.edits.push(Edit::Figure { bank, field, value, place });
}

/// Reads one figure cell of a block pasted into the page's table without headings: its columns are
/// the table's, in 亿元.
pub(crate) fn read_figure(grid: &Grid, row: usize, column: usize, bank: usize, field: Field, update: &mut Update) {
    read_scaled(grid, row, column, bank, field, &Scale::Shown, update);
}

/// Reads a bank table: headings, then one row per bank. Blank rows, totals and note lines are
/// skipped; a row naming no known bank, or a bank already read, is a problem.
pub(crate) fn read_bank_table(grid: &Grid, scheme: &Scheme, options: &ReadOptions, update: &mut Update) {
    let Some(layout) = layout(grid, scheme, options, update) else {
        update.problems.push(Problem::file(format!(
            "“{}”中找不到表头：前 {HEADING_SEARCH_ROWS} 行中应有一行列名，含“银行”（或“银行名称”“机构名称”）和数据项（如“贷款余额（亿元）”），请从“下载填报模板”得到的表格填写",
            grid.name
        )));
        return;
    };
    let Some(bank_column) = layout.columns.iter().position(|c| *c == Some(Column::Bank)) else {
        update.problems.push(Problem::file(format!(
            "{}：表头中没有“银行”列：应有一列银行名称、简称或代码（如 工商银行、icbc）",
            grid.place(layout.heading_rows.start, 0)
        )));
        return;
    };
    read_rows(grid, scheme, &layout, bank_column, update);
}

fn read_rows(grid: &Grid, scheme: &Scheme, layout: &Layout, bank_column: usize, update: &mut Update) {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for row in layout.first_row()..grid.rows.len() {
        let Some(cells) = grid.rows.get(row) else { continue };
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        let figures_given = layout
            .reads
            .iter()
            .enumerate()
            .any(|(c, r)| matches!(r.meaning, Some(Column::Figure(_))) && is_figure(grid.cell(row, c)));
        let first_at = cells.iter().position(|c| !c.is_blank()).unwrap_or(bank_column);
        let first = grid.cell(row, first_at).text().into_owned();
        let name = grid.cell(row, bank_column).text().trim().to_owned();
        if is_total(&name) || (name.is_empty() && is_total(&first)) {
            // Named at the cell that says 合计: the bank column's, or the first filled (a 序号 column).
            let (at, label) = if is_total(&name) { (bank_column, name.as_str()) } else { (first_at, first.trim()) };
            update.notes.push(Problem::at(grid.place(row, at), format!("合计行（“{label}”），未读取")));
            continue;
        }
        if !figures_given && (name.is_empty() || is_note(&name) || is_note(&first)) {
            continue;
        }
        let Some(bank) = bank_for(scheme, &name) else {
            let message = if name.is_empty() {
                "缺少银行名称，该行未读取".to_owned()
            } else {
                format!("没有“{name}”这家参评银行，该行未读取（可填银行简称、全称、法定名称或代码，如 工商银行、中国工商银行股份有限公司黄石分行、icbc）")
            };
            update.problems.push(Problem::at(grid.place(row, bank_column), message));
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(b, _)| *b == bank) {
            let short = scheme.banks.get(bank).map_or("", |b| b.short_name.as_str());
            update.problems.push(Problem::at(
                grid.place(row, bank_column),
                format!("{short}重复出现（第 {} 行已有），每家银行只能填一行，该行未读取", first + 1),
            ));
            continue;
        }
        seen.push((bank, row));
        for (column, read) in layout.reads.iter().enumerate() {
            if let Some(Column::Figure(field)) = read.meaning {
                read_scaled(grid, row, column, bank, field, &read.scale, update);
            }
        }
    }
    if seen.is_empty() && update.problems.is_empty() {
        update.problems.push(Problem::file(format!("“{}”中没有任何银行的数据", grid.name)));
    }
}

/// Reads a table whose rows are the banks shown from a pasted-into row down (a pasted block with
/// headings but no bank column).
pub(crate) fn read_rows_as(grid: &Grid, layout: &Layout, rows: &[usize], banks: &[usize], update: &mut Update) {
    for (&row, &bank) in rows.iter().zip(banks) {
        for (column, read) in layout.reads.iter().enumerate() {
            if let Some(Column::Figure(field)) = read.meaning {
                read_scaled(grid, row, column, bank, field, &read.scale, update);
            }
        }
    }
}

/// Reads the 设置 sheet of an exported workbook: the value typed (column 填入值) of each row whose key
/// (hidden column 键) is known. Rows are found by key, so moved or added rows change nothing.
fn read_settings(grid: &Grid, scheme: &Scheme, update: &mut Update) {
    let heading = |text: &str| (0..grid.width()).find(|&c| fold(&grid.cell(0, c).text()) == fold(text));
    let (Some(value_column), Some(key_column)) = (heading("填入值"), heading("键")) else { return };
    // The scheme's mark is two rows, taken together after the loop.
    let mut fingerprint: Option<(String, String)> = None;
    let mut number = String::new();
    for row in 1..grid.rows.len() {
        let key = grid.cell(row, key_column).text().trim().to_owned();
        let cell = grid.cell(row, value_column);
        let text = cell.text().trim().to_owned();
        let place = grid.place(row, value_column);
        match key.as_str() {
            "year" => {
                if text != scheme.year.to_string() && !text.is_empty() {
                    update.problems.push(Problem::at(
                        place,
                        format!("工作簿是 {text} 年度的，本测算器按 {} 年度考评办法计算", scheme.year),
                    ));
                }
            }
            "scheme.fingerprint" => fingerprint = Some((text.clone(), place)),
            "scheme.number" => number.clone_from(&text),
            "name" | "note" => {
                let value = Some(cell.text().into_owned()).filter(|t| !t.trim().is_empty());
                update.edits.push(if key == "name" {
                    Edit::Name { value, place }
                } else {
                    Edit::Note { value, place }
                });
            }
            _ => {
                // Every other row is a setting of the engine's settings table, read as the page reads
                // what is typed into its box.
                let Some(setting) = Setting::from_path(&key) else { continue };
                match setting.enter(&text) {
                    Ok(value) => update.edits.push(Edit::Setting { setting, value, place }),
                    Err(reason) => {
                        update.problems.push(Problem::at(place, format!("{}：“{text}” {reason}", setting.label())))
                    }
                }
            }
        }
    }
    if let Some((text, place)) = fingerprint {
        let hex = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if text.is_empty() {
            update.edits.push(Edit::Scheme { mark: None, place });
        } else if hex {
            update.edits.push(Edit::Scheme { mark: Some(SchemeMark { fingerprint: text, number }), place });
        } else {
            update.problems.push(Problem::at(place, format!("方案指纹“{text}”须为 8 位十六进制数字，或留空")));
        }
    }
}

/// The sheet of the public funds (四(四)) in an exported workbook and in the template.
pub const DEPOSITS_SHEET: &str = "资金存放";

/// The first words of the row of the 资金存放 sheet that holds each fund's amount.
pub const FUND_AMOUNT_ROW: &str = "存放金额（亿元）";

/// Reads the 资金存放 sheet: the hidden row of keys (`bank`, `department_scores.fiscal`, …) says which
/// fund each column is; below the headings, the row 存放金额 holds each fund's amount and each bank's
/// row its departments' scores, read as the page reads what is typed into those boxes. Columns are
/// found by key, so moved columns change nothing; result columns (keyed `ignore`) are not read.
fn read_deposits(grid: &Grid, scheme: &Scheme, update: &mut Update) {
    let Some(keys) = (0..grid.rows.len().min(HEADING_SEARCH_ROWS))
        .find(|&r| (0..grid.width()).any(|c| grid.cell(r, c).text().trim() == "bank"))
    else {
        update
            .problems
            .push(Problem::file(format!("“{DEPOSITS_SHEET}”表中没有各列的代码行（第 1 行，已隐藏），无法读取")));
        return;
    };
    let mut bank_column = None;
    let mut columns: Vec<(usize, FundFigure, &str)> = Vec::new();
    for c in 0..grid.width() {
        let key = grid.cell(keys, c).text().trim().to_owned();
        if key == "bank" {
            bank_column = Some(c);
        } else if let Some((figure, id)) = FundFigure::from_fund_key(&key) {
            match scheme.rules.outcomes.funds.iter().find(|f| f.id == id) {
                Some(fund) => columns.push((c, figure, fund.id.as_str())),
                None => update.problems.push(Problem::at(grid.place(keys, c), format!("没有代码为“{id}”的公共性资金"))),
            }
        }
    }
    let Some(bank_column) = bank_column else { return };
    // The row of headings follows the row of keys.
    for row in keys + 2..grid.rows.len() {
        let first = grid.cell(row, bank_column).text().trim().to_owned();
        let folded = fold(&first);
        if folded.is_empty()
            || TOTAL_ROWS.iter().any(|t| folded == fold(t))
            || NOTE_ROWS.iter().any(|t| folded.starts_with(&fold(t)))
        {
            continue;
        }
        if folded.starts_with(&fold("存放金额")) {
            for &(c, _, fund) in &columns {
                let place = grid.place(row, c);
                let mut deposits = kaoping_engine::Deposits::default();
                match deposits.enter(fund, &grid.cell(row, c).text()) {
                    Ok(()) => {
                        let value = deposits.funds.get(fund).map(|a| a.get());
                        update.edits.push(Edit::FundAmount { fund: fund.to_owned(), value, place });
                    }
                    Err(reason) => update.problems.push(Problem::at(
                        place,
                        format!(
                            "{}存放金额：“{}” {reason}",
                            crate::update::fund_name(scheme, fund),
                            grid.cell(row, c).text()
                        ),
                    )),
                }
            }
            continue;
        }
        let Some(bank) = bank_for(scheme, &first) else {
            update.problems.push(Problem::at(grid.place(row, bank_column), format!("“{first}”不是参评银行")));
            continue;
        };
        for &(c, figure, fund) in &columns {
            let place = grid.place(row, c);
            let text = grid.cell(row, c).text();
            match figure.every().read(&text) {
                Ok(value) => update.edits.push(Edit::FundFigure { bank, figure, fund: fund.to_owned(), value, place }),
                Err(reason) => update.problems.push(Problem::at(
                    place,
                    format!("{}：“{text}” {reason}", crate::update::fund_figure_label(scheme, figure, fund)),
                )),
            }
        }
    }
}

/// How well a sheet reads as the bank table: whether it names the bank column, and how many figure
/// columns it has.
fn fitness(grid: &Grid, scheme: &Scheme, options: &ReadOptions) -> Option<(bool, usize)> {
    let mut probe = Update::new("");
    let layout = layout(grid, scheme, options, &mut probe)?;
    let figures = layout.columns.iter().filter(|c| matches!(c, Some(Column::Figure(_)))).count();
    Some((layout.columns.contains(&Some(Column::Bank)), figures))
}

/// Reads the sheets of a workbook (or the one sheet of a CSV file): the bank table from the sheet
/// named 全市 or 填报, or else the sheet whose headings name the bank and the most figures; settings
/// from a 设置 sheet if there is one. The row limit applies to the sheet read as the table only.
pub(crate) fn read_workbook(grids: &[Grid], scheme: &Scheme, options: &ReadOptions, update: &mut Update) {
    let named = grids.iter().find(|g| matches!(g.name.trim(), "全市" | "填报"));
    let table = named.or_else(|| {
        let mut best: Option<(&Grid, (bool, usize, bool))> = None;
        for grid in grids
            .iter()
            .filter(|g| !matches!(g.name.as_str(), "设置" | "说明" | DEPOSITS_SHEET | crate::sources::SOURCES_SHEET))
        {
            let Some((bank, figures)) = fitness(grid, scheme, options) else { continue };
            let small = !grid.cut && grid.rows.len() <= MAX_ROWS;
            let score = (small && bank, figures, small);
            if best.as_ref().is_none_or(|(_, s)| score > *s) {
                best = Some((grid, score));
            }
        }
        best.map(|(g, _)| g)
    });
    let table = table.or(grids.first());
    match table {
        Some(grid) if grid.rows.iter().all(|r| r.iter().all(Cell::is_blank)) => {
            update.problems.push(Problem::file(format!("“{}”中没有内容", grid.name)));
        }
        Some(grid) if grid.cut || grid.rows.len() > MAX_ROWS => {
            update.problems.push(Problem::file(format!(
                "工作表“{}”有 {} 行以上，不是填报表格（最多 {MAX_ROWS} 行）：请把银行数据放在单独的工作表中",
                grid.name,
                grid.rows.len()
            )));
        }
        Some(grid) => {
            if grids.len() > 1 {
                update.notes.push(Problem::file(format!("读取工作表“{}”", grid.name)));
            }
            read_bank_table(grid, scheme, options, update);
        }
        None => update.problems.push(Problem::file("工作簿中没有工作表")),
    }
    if let Some(settings) = grids.iter().find(|g| g.name == "设置") {
        read_settings(settings, scheme, update);
    }
    if let Some(deposits) = grids.iter().find(|g| g.name.trim() == DEPOSITS_SHEET) {
        read_deposits(deposits, scheme, update);
    }
    if let Some(sources) = grids.iter().find(|g| g.name == crate::sources::SOURCES_SHEET) {
        crate::sources::read(sources, scheme, update);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme() -> &'static Scheme {
        Scheme::builtin(2024).expect("built-in")
    }

    #[test]
    fn every_heading_names_its_own_column_and_no_other() {
        for column in Column::all() {
            for name in column.names() {
                assert_eq!(column_for(&name, 2024), Some(column), "“{name}” should name {column:?}");
            }
        }
        // Spaces, bracket widths, letter case, 各项, 余额, units and this year do not matter.
        for heading in
            [" 贷款余额 (亿元) ", "LOANS", "各项贷款余额", "各项贷款（万元）", "贷款余额（亿）", "贷款余额（2024年末）"]
        {
            assert_eq!(column_for(heading, 2024), Some(Column::Figure(Field::Loans)), "{heading}");
        }
        assert_eq!(column_for("中小微企业贷款余额", 2024), Some(Column::Figure(Field::SmeLoans)));
        assert_eq!(column_for("制造业贷款余额", 2024), Some(Column::Figure(Field::ManufacturingLoans)));
        assert_eq!(column_for("绿色贷款余额", 2024), Some(Column::Figure(Field::GreenLoans)));
        assert_eq!(column_for("普惠小微贷款余额（2023年末）", 2024), Some(Column::Figure(Field::Inclusive2023)));
        assert_eq!(column_for("普惠小微贷款余额", 2024), Some(Column::Figure(Field::Inclusive)));
        assert_eq!(column_for("序号", 2024), Some(Column::Ignored));
        // Under another year's scheme the labels' years move on with it: this year's figure by its
        // words alone or with its year, last year's base by last year, and the year before refused.
        assert_eq!(column_for("中小微企业贷款余额", 2025), Some(Column::Figure(Field::SmeLoans)));
        assert_eq!(column_for("中小微企业贷款余额（2025年末）", 2025), Some(Column::Figure(Field::SmeLoans)));
        assert_eq!(column_for("中小微企业贷款户数", 2025), Some(Column::Figure(Field::SmeCustomers)));
        assert_eq!(column_for("养老产业贷款余额", 2025), Some(Column::Figure(Field::Pension)));
        assert_eq!(column_for("普惠小微贷款余额（2024年末）", 2025), Some(Column::Figure(Field::Inclusive2023)));
        assert_eq!(column_for("中小微企业贷款余额（2024年末）", 2025), None);
        assert_eq!(column_for("银行名称", 2024), Some(Column::Bank));
        assert_eq!(column_for("贷款余额（2025年末）", 2024), None, "another year is another figure");
        assert_eq!(column_for("火星贷款", 2024), None);
    }

    #[test]
    fn banks_by_id_short_full_or_legal_name() {
        let s = scheme();
        for (text, id) in [
            ("icbc", "icbc"),
            (" 工商银行 ", "icbc"),
            ("工商银行黄石分行", "icbc"),
            ("ICBC", "icbc"),
            ("中国工商银行股份有限公司黄石分行", "icbc"),
            ("中国银行股份有限公司黄石分行", "boc"),
            ("广发银行黄石分行", "cgb"),
            ("湖北黄石农村商业银行", "hsrcb"),
            ("湖北黄石农村商业银行股份有限公司", "hsrcb"),
            ("黄石农商行", "hsrcb"),
            ("中国邮政储蓄银行黄石市分行", "psbc"),
            ("中国农业发展银行黄石市分行", "adbc"),
            ("中国光大银行黄石分行", "ceb"),
            ("中国民生银行股份有限公司黄石支行", "cmbc"),
        ] {
            assert_eq!(bank_for(s, text).map(|i| s.banks[i].id.as_str()), Some(id), "{text}");
        }
        assert_eq!(bank_for(s, "火星银行"), None);
        assert_eq!(bank_for(s, "银行"), None);
    }

    #[test]
    fn no_two_banks_share_a_name() {
        let s = scheme();
        for (i, bank) in s.banks.iter().enumerate() {
            for name in [&bank.short_name, &bank.full_name, &bank.legal_name].into_iter().chain(bank.aliases.iter()) {
                assert_eq!(bank_for(s, name), Some(i), "{name}");
            }
        }
    }
}
