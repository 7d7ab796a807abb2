//! A block pasted from a spreadsheet (tab-separated text on the clipboard) into the 全市 table.
//!
//! With a heading row, the block is read by the same reader as a file (`table.rs`): headings found
//! anywhere in its first rows, group headings, units, 合计 rows and legal names all as in a file;
//! banks by the 银行 column — or, when the headings have no bank column, by the order of the rows
//! shown.
//! Without headings, the block must fit where it is pasted: its columns are the columns shown from
//! the cell pasted into, and its rows are either named by a first column of banks or taken as the
//! banks shown from that row down (a 16-row block fills the whole table).

use kaoping_engine::{Field, Scheme};

use crate::grid::Cell;
use crate::table::{bank_for, layout, read_bank_table, read_figure, read_rows_as, Column, ReadOptions};
use crate::update::Update;
use crate::Problem;

/// Where a block is pasted: the columns and banks shown from the cell pasted into, right and down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The figure columns, in the order shown, from the pasted-into column on.
    pub columns: Vec<Field>,
    /// The banks' ids, in the order shown, from the pasted-into row down.
    pub banks: Vec<String>,
}

/// The name the pasted block goes by in messages.
pub const SOURCE: &str = "粘贴内容";

/// Reads a pasted block for `target`.
pub fn paste(text: &str, scheme: &Scheme, target: &Target) -> Update {
    paste_with(text, scheme, target, &ReadOptions::default())
}

/// [`paste`] with headings placed by the user.
pub fn paste_with(text: &str, scheme: &Scheme, target: &Target, options: &ReadOptions) -> Update {
    let mut update = Update::new(SOURCE);
    let grid = crate::csv::read(text, SOURCE);
    if grid.rows.iter().all(|r| r.iter().all(Cell::is_blank)) {
        update.problems.push(Problem::file("粘贴的内容是空的"));
        return update;
    }
    let shown_banks: Vec<usize> = target.banks.iter().filter_map(|id| scheme.bank_index(id)).collect();
    let filled = |r: usize| grid.rows.get(r).is_some_and(|row| !row.iter().all(Cell::is_blank));
    let rows: Vec<usize> = (0..grid.rows.len()).filter(|&r| filled(r)).collect();
    // Rows taken as the banks shown keep their places: a blank line is a bank with no figure (a spreadsheet
    // copies an empty cell as an empty line), so the rows under it stay on their banks. Only the blank
    // lines after the last row (the clipboard's final line break) are not rows.
    let last = rows.last().map_or(0, |&r| r + 1);
    let placed_from = |first: usize| (first..last).collect::<Vec<usize>>();

    // A heading row: the file rules, unless the headings leave out the bank column.
    let mut probe = Update::new(SOURCE);
    if let Some(found) = layout(&grid, scheme, options, &mut probe) {
        if found.columns.contains(&Some(Column::Bank)) {
            read_bank_table(&grid, scheme, options, &mut update);
            return update;
        }
        update.problems.extend(probe.problems);
        update.unplaced.extend(probe.unplaced);
        let data = placed_from(found.first_row());
        if data.len() > shown_banks.len() {
            update.problems.push(Problem::file(format!(
                "粘贴了 {} 行数据，但从所选行往下只有 {} 家银行；请在第一列加上银行名称",
                data.len(),
                shown_banks.len()
            )));
            return update;
        }
        read_rows_as(&grid, &found, &data, &shown_banks, &mut update);
        return update;
    }

    // No headings. Named rows: every row's first cell is a bank.
    let width = grid.width();
    let named = rows.iter().all(|&r| bank_for(scheme, &grid.cell(r, 0).text()).is_some());
    let (first_column, row_banks): (usize, Vec<usize>) = if named && width > 1 {
        (1, rows.iter().filter_map(|&r| bank_for(scheme, &grid.cell(r, 0).text())).collect())
    } else {
        (0, shown_banks.clone())
    };
    let rows = if named && width > 1 { rows } else { placed_from(0) };
    let figure_columns = width - first_column;
    if figure_columns > target.columns.len() || (!named && rows.len() > shown_banks.len()) {
        let shown: Vec<&str> = target.columns.iter().map(|f| f.spec().short).collect();
        update.problems.push(Problem::file(format!(
            "粘贴的内容有 {} 行 {} 列，超出了从所选格子起的 {} 行 {} 列（{}），且没有表头：请连同表头一起复制，或选中左上角的格子再粘贴",
            rows.len(),
            width,
            shown_banks.len(),
            target.columns.len(),
            shown.join("、")
        )));
        return update;
    }
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for (&row, &bank) in rows.iter().zip(&row_banks) {
        if named {
            if let Some((_, first)) = seen.iter().find(|(b, _)| *b == bank) {
                let short = scheme.banks.get(bank).map_or("", |b| b.short_name.as_str());
                update
                    .problems
                    .push(Problem::at(grid.place(row, 0), format!("{short}重复出现（第 {} 行已有）", first + 1)));
                continue;
            }
            seen.push((bank, row));
        }
        for (offset, field) in target.columns.iter().take(figure_columns).enumerate() {
            read_figure(&grid, row, first_column + offset, bank, *field, &mut update);
        }
    }
    update
}
