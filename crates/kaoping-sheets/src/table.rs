//! The bank table — one row per bank, one column per figure — as every sheet, CSV file and pasted
//! block lays it out, and how such a table is read.
//!
//! Columns come from the field table: a figure's column is known by its key (the hidden first row of
//! an exported sheet), its label, or its short label, with or without the unit in brackets. The
//! result columns of the 全市 table (item points, total, rank, …) are known too and skipped when
//! read, so an exported table imports as it is. A heading that is none of these is refused rather
//! than skipped: a misspelt heading would otherwise drop a column of figures without a word.

use kaoping_engine::{Field, Item, Kind, Scheme, Setting, FIELDS};

use crate::grid::{Cell, Grid};
use crate::update::{Edit, Update};
use crate::Problem;

/// A column of the bank table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The bank: its short name, full name or id.
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
}

/// The words a bank column may be headed with.
const BANK_HEADINGS: &[&str] =
    &["bank", "id", "代码", "银行代码", "银行", "银行名称", "银行简称", "机构", "机构名称", "单位", "单位名称"];

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
            }
            _ => {}
        }
        names
    }
}

fn with_unit(text: &str, field: Field) -> String {
    match field.unit().symbol() {
        "" => text.to_owned(),
        unit => format!("{text}（{unit}）"),
    }
}

/// A heading as compared: no spaces, ASCII brackets, ASCII letters in lower case.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The column a heading names, if any.
pub fn column_for(heading: &str) -> Option<Column> {
    let folded = fold(heading);
    if folded.is_empty() {
        return None;
    }
    Column::city_table().into_iter().find(|c| c.names().iter().any(|n| fold(n) == folded))
}

/// The bank a cell names, by id, short name or full name: its index in annex order.
pub fn bank_for(scheme: &Scheme, text: &str) -> Option<usize> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    scheme
        .banks
        .iter()
        .position(|b| fold(&b.id) == folded || fold(&b.short_name) == folded || fold(&b.full_name) == folded)
}

/// Whether a row reads as headings: at least one cell names a column, and at least half of the
/// cells with something in them do.
fn is_heading_row(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_blank()).collect();
    let named = filled.iter().filter(|c| column_for(&c.text()).is_some()).count();
    named > 0 && named * 2 >= filled.len()
}

/// Where a bank table's headings are, and what each column is.
pub(crate) struct Layout {
    /// The first row of figures.
    pub first_row: usize,
    /// Each column's meaning (`None`: an empty heading, skipped).
    pub columns: Vec<Option<Column>>,
}

/// Finds the heading row (within the first ten rows) and reads each column's heading; a hidden row
/// of keys followed by a row of labels counts as one heading, the key winning where both are given.
/// Headings that name nothing, or name a column twice, are problems.
pub(crate) fn layout(grid: &Grid, update: &mut Update) -> Option<Layout> {
    let at = (0..grid.rows.len().min(10)).find(|&r| grid.rows.get(r).is_some_and(|row| is_heading_row(row)))?;
    let width = grid.width();
    let next_is_heading = grid
        .rows
        .get(at + 1)
        .is_some_and(|row| is_heading_row(row) && column_for(&grid.cell(at + 1, 0).text()).is_some());
    let heading_rows: Vec<usize> = if next_is_heading { vec![at, at + 1] } else { vec![at] };
    let mut columns = Vec::with_capacity(width);
    for c in 0..width {
        let mut found = None;
        for &r in &heading_rows {
            let text = grid.cell(r, c).text();
            if text.trim().is_empty() {
                continue;
            }
            match column_for(&text) {
                Some(column) => {
                    found.get_or_insert(column);
                }
                None if found.is_none() => update.problems.push(Problem::at(
                    grid.place(r, c),
                    format!(
                        "列名“{}”无法识别：请使用填报模板中的列名（如“贷款余额（亿元）”或代码 loans）",
                        text.trim()
                    ),
                )),
                None => {}
            }
        }
        if let Some(column) = found {
            if let Some(first) = columns.iter().position(|c| *c == Some(column)) {
                update.problems.push(Problem::at(
                    grid.place(at, c),
                    format!("列“{}”与 {} 列重复", column.heading(), crate::grid::column_name(first)),
                ));
                columns.push(None);
                continue;
            }
        }
        columns.push(found);
    }
    Some(Layout { first_row: heading_rows.last().map_or(at, |r| r + 1), columns })
}

/// Reads one figure cell into an edit, or a problem that names the cell, the bank and the figure.
pub(crate) fn read_figure(grid: &Grid, row: usize, column: usize, bank: usize, field: Field, update: &mut Update) {
    let cell = grid.cell(row, column);
    let place = grid.place(row, column);
    let text = cell.text();
    let label = field.spec().short;
    let value = match cell {
        Cell::Error(e) => Err(format!("单元格是错误值 {e}，请填入数字或留空")),
        _ => field.read(&text),
    };
    match value {
        Ok(value) => {
            // A flag's 否 is the same as leaving it blank.
            let value = value.filter(|v| !(field.kind() == Kind::Flag && v.is_zero()));
            update.edits.push(Edit::Figure { bank, field, value, place });
        }
        Err(reason) => {
            let shown = text.trim();
            let message = if reason.contains(shown) {
                format!("{label}：{reason}")
            } else {
                format!("{label}填的“{shown}”有误：{reason}")
            };
            update.problems.push(Problem::at(place, message));
        }
    }
}

/// Reads a bank table: headings, then one row per bank. Blank rows are skipped; a row naming no
/// known bank, or a bank already read, is a problem.
pub(crate) fn read_bank_table(grid: &Grid, scheme: &Scheme, update: &mut Update) {
    let Some(layout) = layout(grid, update) else {
        update.problems.push(Problem::at(
            grid.name.clone(),
            "缺少表头：第一行应为列名（如“银行”“贷款余额（亿元）”），请从“下载填报模板”得到的表格填写",
        ));
        return;
    };
    let Some(bank_column) = layout.columns.iter().position(|c| *c == Some(Column::Bank)) else {
        update.problems.push(Problem::at(
            grid.place(layout.first_row.saturating_sub(1), 0),
            "表头中没有“银行”列：第一列应为银行名称、简称或代码（如 工商银行、icbc）",
        ));
        return;
    };
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for row in layout.first_row..grid.rows.len() {
        let Some(cells) = grid.rows.get(row) else { continue };
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        let name = grid.cell(row, bank_column).text();
        let Some(bank) = bank_for(scheme, &name) else {
            let message = if name.trim().is_empty() {
                "缺少银行名称".to_owned()
            } else {
                format!("没有“{}”这家参评银行（可填银行简称、全称或代码，如 工商银行、icbc）", name.trim())
            };
            update.problems.push(Problem::at(grid.place(row, bank_column), message));
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(b, _)| *b == bank) {
            let short = scheme.banks.get(bank).map_or("", |b| b.short_name.as_str());
            update.problems.push(Problem::at(
                grid.place(row, bank_column),
                format!("{short}重复出现（第 {} 行已有），每家银行只能填一行", first + 1),
            ));
            continue;
        }
        seen.push((bank, row));
        for (column, meaning) in layout.columns.iter().enumerate() {
            if let Some(Column::Figure(field)) = meaning {
                read_figure(grid, row, column, bank, *field, update);
            }
        }
    }
    if seen.is_empty() && update.problems.is_empty() {
        update.problems.push(Problem::at(grid.name.clone(), "表中没有任何银行的数据"));
    }
}

/// Reads the 设置 sheet of an exported workbook: the value typed (column 填入值) of each row whose key
/// (hidden column 键) is known. Rows are found by key, so moved or added rows change nothing.
fn read_settings(grid: &Grid, scheme: &Scheme, update: &mut Update) {
    let heading = |text: &str| (0..grid.width()).find(|&c| fold(&grid.cell(0, c).text()) == fold(text));
    let (Some(value_column), Some(key_column)) = (heading("填入值"), heading("键")) else { return };
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
}

/// Reads the sheets of a workbook (or the one sheet of a CSV file): the bank table from the sheet
/// named 全市 or 填报, or else the first sheet with headings; settings from a 设置 sheet if there is one.
pub(crate) fn read_workbook(grids: &[Grid], scheme: &Scheme, update: &mut Update) {
    let table = grids
        .iter()
        .find(|g| matches!(g.name.as_str(), "全市" | "填报"))
        .or_else(|| grids.iter().find(|g| g.rows.iter().take(10).any(|r| is_heading_row(r))))
        .or(grids.first());
    match table {
        Some(grid) if grid.rows.is_empty() => {
            update.problems.push(Problem::file(format!("“{}”中没有内容", grid.name)));
        }
        Some(grid) => read_bank_table(grid, scheme, update),
        None => update.problems.push(Problem::file("工作簿中没有工作表")),
    }
    if let Some(settings) = grids.iter().find(|g| g.name == "设置") {
        read_settings(settings, scheme, update);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_names_its_own_column_and_no_other() {
        let columns = Column::city_table();
        for column in &columns {
            for name in column.names() {
                assert_eq!(column_for(&name), Some(*column), "“{name}” should name {column:?}");
            }
        }
        // Spaces, bracket widths and letter case do not matter.
        assert_eq!(column_for(" 贷款余额 (亿元) "), Some(Column::Figure(Field::Loans)));
        assert_eq!(column_for("LOANS"), Some(Column::Figure(Field::Loans)));
        assert_eq!(column_for("贷款余额（亿）"), None);
    }

    #[test]
    fn banks_by_id_short_or_full_name() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        assert_eq!(bank_for(scheme, "icbc"), Some(1));
        assert_eq!(bank_for(scheme, " 工商银行 "), Some(1));
        assert_eq!(bank_for(scheme, "工商银行黄石分行"), Some(1));
        assert_eq!(bank_for(scheme, "ICBC"), Some(1));
        assert_eq!(bank_for(scheme, "火星银行"), None);
    }
}
