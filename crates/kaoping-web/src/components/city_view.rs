//! 全市总览: the sixteen banks in one table, with their key figures editable in place, every item's
//! points, the total, rank, band and public-fund composite, sortable by any column. The city
//! averages the items were scored against are shown above it.

use std::cmp::Ordering;
use std::rc::Rc;

use kaoping_app::derived::Derived;
use kaoping_app::drafts::{Draft, Drafts};
use kaoping_app::view::Tab;
use kaoping_app::{Action, FieldId};
use kaoping_engine::{round2, Band, BankResult, Doubt, Evaluation, Field, Item, Scenario, Unit, Warning};
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::bank_view::doubt_text;
use crate::components::city_averages::{averages, CityAverages};
use crate::components::number_field::NumberField;
use crate::components::readings_badge::ReadingsBadge;
use crate::components::sheets_paste::paste_handler;
use crate::components::SchemeRef;
use crate::format::{fixed2, maybe_fixed2, number, still_counting, with_unit, NOT_APPLICABLE};

/// The figures editable in the table, by key: their headers, boxes and sorting all follow from the
/// field itself, so the list can change without anything else having to line up with it.
const EDITABLE: [Field; 6] = [
    Field::Loans,
    Field::SmeLoans,
    Field::ManufacturingLoans,
    Field::GreenLoans,
    Field::DongchuAmount,
    Field::DongchuHouseholds,
];

/// A column the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Annex order.
    Bank,
    /// A figure, by the value the engine used (entered, or on task for an annex figure).
    Figure(Field),
    /// An item's points.
    Item(Item),
    /// The total.
    Total,
    /// The rank.
    Rank,
    /// The band, best first.
    Band,
    /// 约谈、通报.
    Interview,
    /// The public-fund composite.
    Composite,
    /// The public-fund share.
    Share,
}

/// What a column sorts on; a column holds one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Number(Decimal),
    Band(Band),
}

impl Column {
    fn key(self) -> String {
        match self {
            Column::Bank => "bank".to_owned(),
            Column::Figure(f) => f.key().replace('.', "-"),
            Column::Item(i) => i.key().to_owned(),
            Column::Total => "total".to_owned(),
            Column::Rank => "rank".to_owned(),
            Column::Band => "band".to_owned(),
            Column::Interview => "interview".to_owned(),
            Column::Composite => "composite".to_owned(),
            Column::Share => "share".to_owned(),
        }
    }

    /// The value sorted on; `None` (what does not apply) sorts last whichever the direction.
    fn value(self, result: &BankResult, figure: Option<Decimal>) -> Option<SortKey> {
        let ranked = result.is_ranked();
        match self {
            Column::Bank => Some(SortKey::Number(Decimal::from(result.index))),
            Column::Figure(_) => figure.map(SortKey::Number),
            Column::Item(item) => result.item(item).map(|s| SortKey::Number(s.points)),
            Column::Total => result.total.map(SortKey::Number),
            Column::Rank => result.rank.map(|r| SortKey::Number(Decimal::from(r))),
            Column::Band => ranked.then_some(SortKey::Band(result.band)),
            Column::Interview => ranked.then(|| SortKey::Number(Decimal::from(u8::from(result.interview)))),
            Column::Composite => Some(SortKey::Number(result.deposit.composite)),
            Column::Share => ranked.then_some(SortKey::Number(result.deposit.share_pct)),
        }
    }
}

/// The value of an editable figure the engine used: for an annex figure the line's 2024 figure
/// (entered, or on task), for any other the figure entered.
fn figure_used(field: Field, result: &BankResult, entered: Option<Decimal>) -> Option<Decimal> {
    match field.spec().annex {
        Some(annex) => Some(result.figures.line(annex).current),
        None => entered,
    }
}

/// Every column of the table, in order: the sort headers are one tab stop, and ← → move along them.
fn columns() -> Vec<Column> {
    let mut columns = vec![Column::Bank];
    columns.extend(EDITABLE.iter().map(|&f| Column::Figure(f)));
    columns.extend(Item::ALL.iter().map(|&i| Column::Item(i)));
    columns.extend([Column::Total, Column::Rank, Column::Band, Column::Interview, Column::Composite, Column::Share]);
    columns
}

/// The element id of the box of one bank's figure in the table.
pub fn cell_id(bank: &str, field: Field) -> String {
    format!("c{}", FieldId::Bank(bank.to_owned(), field).element_id())
}

/// Moves the keyboard focus to the element with this id, if there is one.
fn focus_id(id: &str) {
    if let Some(element) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// Whether an arrow key should leave the box rather than move the caret: the whole text is selected
/// (just focused, as a spreadsheet cell in its ready state) or the caret is already at that end.
fn arrow_leaves(input: &web_sys::HtmlInputElement, forward: bool) -> bool {
    let len = u32::try_from(input.value().encode_utf16().count()).unwrap_or(u32::MAX);
    let (Ok(Some(start)), Ok(Some(end))) = (input.selection_start(), input.selection_end()) else { return true };
    (start == 0 && end == len) || (start == end && if forward { end == len } else { start == 0 })
}

/// Props of [`CityView`].
#[derive(Properties, PartialEq, Debug)]
pub struct CityViewProps {
    /// The scheme.
    pub scheme: SchemeRef,
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// What was typed into the boxes.
    pub drafts: Rc<Drafts>,
    /// What follows from the scenario: the evaluation, the doubts, the readings.
    pub derived: Rc<Derived>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// 全市总览.
#[component]
pub fn CityView(props: &CityViewProps) -> Html {
    let scheme = props.scheme;
    // (One memo for the two: each hook of its own is code of its own in the page's module.)
    let callbacks = use_memo(props.dispatch.clone(), |dispatch| {
        (
            dispatch.reform(|(id, text): (FieldId, String)| Action::Edit(id, text)),
            dispatch.reform(Action::OpenBank),
            dispatch.reform(|()| Action::SelectTab(Tab::Settings)),
        )
    });
    let (onedit, onopen, onopen_settings) = &*callbacks;
    let sort = use_state(|| (Column::Bank, true));
    let (column, ascending) = *sort;
    // The sort header that takes the tab stop: the last one focused, else the sorted column.
    let header_focus = use_state(|| None::<Column>);
    let tab_stop = header_focus.unwrap_or(column);

    let entered = |field: Field, result: &BankResult| props.scenario.bank(&result.id).and_then(|b| field.get(b));
    let sort_value = |result: &BankResult| {
        let figure = match column {
            Column::Figure(field) => figure_used(field, result, entered(field, result)),
            _ => None,
        };
        column.value(result, figure)
    };
    let mut rows: Vec<&BankResult> = props.derived.evaluation.banks.iter().collect();
    kaoping_engine::order::sort_by(&mut rows, |a, b| {
        let order = match (sort_value(a), sort_value(b)) {
            (Some(x), Some(y)) if ascending => x.cmp(&y),
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        // Ties keep annex order, so that the table never shuffles between keystrokes.
        order.then(a.index.cmp(&b.index))
    });
    // The banks in the order shown. The boxes are a grid of them by the editable figures left to
    // right; their element ids are worked out when a key moves between them, not on every draw.
    let order: Rc<Vec<String>> = Rc::new(rows.iter().map(|r| r.id.clone()).collect());

    let header = |col: Column, label: &str, class: &'static str| {
        let current = col == column;
        let aria_sort = match (current, ascending) {
            (false, _) => "none",
            (true, true) => "ascending",
            (true, false) => "descending",
        };
        let onclick = {
            let sort = sort.clone();
            // A first click sorts by the column, best first; a second click reverses.
            Callback::from(move |_: MouseEvent| {
                let (old, asc) = *sort;
                let first = matches!(col, Column::Bank | Column::Rank | Column::Band);
                sort.set(if old == col { (col, !asc) } else { (col, first) });
            })
        };
        let onfocus = {
            let header_focus = header_focus.clone();
            Callback::from(move |_: FocusEvent| {
                if *header_focus != Some(col) {
                    header_focus.set(Some(col));
                }
            })
        };
        let arrow = match aria_sort {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        };
        html! {
            <th scope="col" class={class} aria-sort={aria_sort}>
                <button type="button" class="sort" id={format!("sort-{}", col.key())} {onclick} {onfocus}
                    tabindex={if col == tab_stop { "0" } else { "-1" }}>
                    { label.to_owned() }<span aria-hidden="true" class="arrow">{ arrow }</span>
                </button>
            </th>
        }
    };

    // The sort headers are one tab stop: ← → Home End move along them, ↓ goes down into the column.
    let on_header_key = {
        let (header_focus, order) = (header_focus.clone(), order.clone());
        Callback::from(move |e: KeyboardEvent| {
            let columns = columns();
            let Some(target) = e.target_dyn_into::<web_sys::HtmlElement>() else { return };
            let Some(at) = columns.iter().position(|c| format!("sort-{}", c.key()) == target.id()) else { return };
            let to = match e.key().as_str() {
                "ArrowRight" => (at + 1).min(columns.len() - 1),
                "ArrowLeft" => at.saturating_sub(1),
                "Home" => 0,
                "End" => columns.len() - 1,
                "ArrowDown" => {
                    if let Some(c) =
                        columns.get(at).and_then(|c| EDITABLE.iter().position(|f| Column::Figure(*f) == *c))
                    {
                        if let (Some(bank), Some(&field)) = (order.first(), EDITABLE.get(c)) {
                            e.prevent_default();
                            focus_id(&cell_id(bank, field));
                        }
                    }
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(col) = columns.get(to) {
                header_focus.set(Some(*col));
                focus_id(&format!("sort-{}", col.key()));
            }
        })
    };

    // The boxes move like a spreadsheet: Enter and ↓ down the column, Shift+Enter and ↑ up (from the
    // first row to the column's sort header), ← → to the next box once the caret is at the end; Tab
    // and Shift+Tab go along the row as they always do.
    let on_grid_key = {
        let (order, header_focus) = (order.clone(), header_focus.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            let id = input.id();
            let Some((row, col)) = order
                .iter()
                .enumerate()
                .find_map(|(r, bank)| EDITABLE.iter().position(|&f| cell_id(bank, f) == id).map(|c| (r, c)))
            else {
                return;
            };
            let (down, right): (isize, isize) = match e.key().as_str() {
                "Enter" if e.shift_key() => (-1, 0),
                "Enter" | "ArrowDown" => (1, 0),
                "ArrowUp" => (-1, 0),
                "ArrowLeft" if arrow_leaves(&input, false) => (0, -1),
                "ArrowRight" if arrow_leaves(&input, true) => (0, 1),
                _ => return,
            };
            e.prevent_default();
            if row == 0 && down < 0 {
                if let Some(field) = EDITABLE.get(col) {
                    header_focus.set(Some(Column::Figure(*field)));
                    focus_id(&format!("sort-{}", Column::Figure(*field).key()));
                }
                return;
            }
            let to_row = row.saturating_add_signed(down).min(order.len().saturating_sub(1));
            let to_col = col.saturating_add_signed(right).min(EDITABLE.len() - 1);
            if let (Some(bank), Some(&field)) = (order.get(to_row), EDITABLE.get(to_col)) {
                focus_id(&cell_id(bank, field));
            }
        })
    };

    // An item's working (its tooltip) is written when the pointer comes to its cell, not for all
    // 16 × 18 cells on every keystroke: Chinese working strings only for what is shown. One listener
    // for the table, holding the evaluation now (a row not drawn again still explains today's figures).
    let onmouseover = {
        let evaluation = props.derived.evaluation.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(cell) =
                e.target_dyn_into::<web_sys::Element>().and_then(|t| t.closest("td.item-col").ok().flatten())
            else {
                return;
            };
            let bank = cell.closest("tr").ok().flatten().map(|row| row.id());
            let result = bank
                .as_deref()
                .and_then(|id| id.strip_prefix("row-"))
                .and_then(|id| evaluation.banks.iter().find(|r| r.id == id));
            let item =
                cell.get_attribute("data-item").and_then(|i| i.parse::<usize>().ok()).and_then(|i| Item::ALL.get(i));
            if let Some(score) = item.and_then(|&item| result.and_then(|r| r.item(item))) {
                let _ = cell.set_attribute("title", &score.explain(&scheme));
            }
        })
    };

    html! {
        <div class="city-view">
            <ReadingsBadge id="city-readings" readings={props.derived.non_default.clone()} onopen={onopen_settings.clone()} />
            <CityAverages id="city-averages" averages={averages(&scheme, &props.derived.evaluation.city)} />
            <p class="hint" id="city-table-hint">{ format!(
                "表中数字可直接修改（空白为按任务完成），像电子表格一样用方向键、回车（向下）和 Tab（向右）移动，Esc 撤销本格的修改；\
                 列标题可排序（方向键在标题间移动），点击银行名称打开本行测算。得分单位：{}。",
                Unit::Fen.symbol()
            ) }</p>
            <div class="table-scroll" role="region" aria-label="全市银行考评总表（可横向滚动）">
                <table class="city-table" id="city-table" aria-describedby="city-table-hint" onpaste={paste_handler(&props.dispatch, &EDITABLE, order)}>
                    <thead>
                        <tr onkeydown={on_header_key}>
                            { header(Column::Bank, "银行", "sticky-col") }
                            { for EDITABLE.iter().map(|&f| header(Column::Figure(f), &format!("{}（{}）", f.spec().short, f.unit().symbol()), "figure-col")) }
                            { for Item::ALL.iter().map(|&i| header(Column::Item(i), i.title(), "item-col")) }
                            { header(Column::Total, "总分", "total-col") }
                            { header(Column::Rank, "排名", "rank-col") }
                            { header(Column::Band, "档次", "band-col") }
                            { header(Column::Interview, "约谈", "interview-col") }
                            { header(Column::Composite, "资金综合得分", "composite-col") }
                            { header(Column::Share, "存放份额", "share-col") }
                        </tr>
                    </thead>
                    <tbody onkeydown={on_grid_key} {onmouseover}>
                        // Each row is drawn again only when what it shows changed (CityRowProps'
                        // PartialEq): a keystroke moves every bank's working, not every bank's figures.
                        { for rows.iter().map(|result| html! {
                            <CityRow
                                key={result.id.clone()}
                                {scheme}
                                index={result.index}
                                evaluation={props.derived.evaluation.clone()}
                                scenario={props.scenario.clone()}
                                drafts={props.drafts.clone()}
                                doubts={props.derived.doubts_of(&scheme, &result.id)}
                                onedit={onedit.clone()}
                                onopen={onopen.clone()}
                            />
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// Props of [`CityRow`]: the parts of the state the whole table draws from, of which a row shows only
/// one bank's figures and results; two are equal when what the row shows is (see the `PartialEq`).
#[derive(Properties, Debug, Clone)]
struct CityRowProps {
    scheme: SchemeRef,
    /// The bank's index in the scheme (its result in the evaluation).
    index: usize,
    /// The engine's evaluation.
    evaluation: Rc<Evaluation>,
    /// The scenario (the figures entered).
    scenario: Rc<Scenario>,
    /// What was typed into the boxes.
    drafts: Rc<Drafts>,
    /// The engine's doubts about the bank's figures.
    doubts: Rc<Vec<Doubt>>,
    /// Typed into a box.
    onedit: Callback<(FieldId, String)>,
    /// The bank's name was clicked: open it on 本行测算.
    onopen: Callback<String>,
}

impl CityRowProps {
    fn result(&self) -> Option<&BankResult> {
        self.evaluation.banks.get(self.index)
    }

    /// The bank's short name, as the row and its boxes' labels give it (its id if the scheme lacks it).
    fn short_name(&self, result: &BankResult) -> String {
        self.scheme.banks.get(result.index).map_or_else(|| result.id.clone(), |b| b.short_name.clone())
    }

    /// What the row shows of one editable figure: the box's draft (by address: a draft that did not
    /// change is the very same value), the figure entered, and the figure on task.
    fn figure(&self, field: Field) -> (Option<*const Draft>, Option<Decimal>, Option<Decimal>) {
        let Some(result) = self.result() else { return (None, None, None) };
        let draft = self.drafts.get(&FieldId::Bank(result.id.clone(), field)).map(Rc::as_ptr);
        let entered = self.scenario.bank(&result.id).and_then(|b| field.get(b));
        (draft, entered, field.spec().annex.map(|annex| result.figures.line(annex).current))
    }

    /// Whether the boxes and the items' points (the [`RowFigures`]) show the same for both.
    fn same_figures(&self, other: &Self) -> bool {
        // Points are written with two decimals (`fixed2`, which rounds with `round2` first): the same
        // once rounded is the same text.
        let points = |r: &BankResult, item: Item| r.item(item).map(|s| round2(s.points));
        self.scheme == other.scheme
            && self.index == other.index
            && self.onedit == other.onedit
            && match (self.result(), other.result()) {
                (Some(a), Some(b)) => Item::ALL.iter().all(|&item| points(a, item) == points(b, item)),
                (None, None) => true,
                _ => false,
            }
            && self.doubts == other.doubts
            && EDITABLE.iter().all(|&field| self.figure(field) == other.figure(field))
    }
}

/// The warnings of a result that a row shows: how near it is to a tie.
fn near_ties(result: &BankResult) -> impl Iterator<Item = &Warning> {
    result.warnings.iter().filter(|w| matches!(w, Warning::NearTie { .. }))
}

/// Whether the cells after the points show the same for two results of a bank: each figure as
/// written (not the working behind it, which the tooltip reads from the evaluation now). Every key
/// moves the unrounded shares of every bank, and the rounded ones of a few.
fn same_standing(a: &BankResult, b: &BankResult) -> bool {
    a.total.map(round2) == b.total.map(round2)
        && a.rank == b.rank
        && a.band == b.band
        && a.interview == b.interview
        && round2(a.deposit.composite) == round2(b.deposit.composite)
        && round2(a.deposit.share_pct) == round2(b.deposit.share_pct)
        && near_ties(a).eq(near_ties(b))
}

/// A row is drawn again only when what it shows changed: a keystroke moves every bank's working (the
/// city averages in it) but the figures of a few rows, and of most of those only the share.
impl PartialEq for CityRowProps {
    fn eq(&self, other: &Self) -> bool {
        self.onopen == other.onopen
            && self.same_figures(other)
            && match (self.result(), other.result()) {
                (Some(a), Some(b)) => same_standing(a, b),
                _ => true,
            }
    }
}

/// One bank's row of the table.
#[component]
fn CityRow(props: &CityRowProps) -> Html {
    let Some(result) = props.result() else { return Html::default() };
    let bank = result.id.clone();
    let name = props.short_name(result);
    let onopen = {
        let (onopen, bank) = (props.onopen.clone(), bank.clone());
        Callback::from(move |_: MouseEvent| onopen.emit(bank.clone()))
    };
    // A disqualified bank's rank, band, interview and share do not apply.
    let ranked = result.is_ranked();
    let rank = result.rank.map_or_else(|| NOT_APPLICABLE.to_owned(), |r| r.to_string());
    let band = if ranked { result.band.label() } else { NOT_APPLICABLE };
    let interview = match (ranked, result.interview) {
        (false, _) => NOT_APPLICABLE,
        (true, true) => "约谈",
        (true, false) => "",
    };
    let share = if ranked { with_unit(result.deposit.share_pct, Unit::Percent) } else { NOT_APPLICABLE.to_owned() };
    let near_ties: Vec<String> = near_ties(result).map(Warning::zh).collect();
    html! {
        <tr id={format!("row-{bank}")} class={classes!(format!("band-{}", result.band.key()))}>
            <th scope="row" class="sticky-col">
                <button type="button" class="link bank-link" onclick={onopen} title="在本行测算中打开">{ name }</button>
            </th>
            // The boxes and the points, drawn again only when they changed (most keys move only some
            // rows' shares).
            <RowFigures row={props.clone()} />
            <td class="num total-col">
                { maybe_fixed2(result.total) }
                if !near_ties.is_empty() {
                    <span class="near-tie" title={near_ties.join("\n")}>
                        <span aria-hidden="true">{ "≈" }</span>
                        <span class="sr-only">{ near_ties.join("；") }</span>
                    </span>
                }
            </td>
            <td class="num rank-col">{ rank }</td>
            <td class="band-col"><span class={classes!("band-chip", format!("band-{}", result.band.key()))}>{ band }</span></td>
            <td class="interview-col">{ interview }</td>
            <td class="num composite-col">{ fixed2(result.deposit.composite) }</td>
            <td class="num share-col">{ share }</td>
        </tr>
    }
}

/// Props of [`RowFigures`]: a row's props, equal when the boxes and the points are the same.
#[derive(Properties, Debug)]
struct RowFiguresProps {
    row: CityRowProps,
}

impl PartialEq for RowFiguresProps {
    fn eq(&self, other: &Self) -> bool {
        self.row.same_figures(&other.row)
    }
}

/// A row's figure boxes and items' points.
#[component]
fn RowFigures(props: &RowFiguresProps) -> Html {
    let props = &props.row;
    let Some(result) = props.result() else { return Html::default() };
    let bank = &result.id;
    let name = props.short_name(result);
    html! {
        <>
            { for EDITABLE.iter().map(|&field| {
                let id = FieldId::Bank(bank.clone(), field);
                let entered = props.scenario.bank(bank).and_then(|b| field.get(b));
                let error = props.drafts.error(&id).map(AttrValue::from);
                // An empty annex box is the figure on task.
                let on_task = field.spec().annex.map(|annex| result.figures.line(annex).current);
                let placeholder = match (entered, on_task) {
                    (None, Some(current)) => number(current, field.unit()),
                    _ => String::new(),
                };
                html! {
                    <td class="figure-col">
                        <NumberField
                            id={cell_id(bank, field)}
                            text={props.drafts.text(&id, &props.scenario)}
                            field={id}
                            label={field.spec().short}
                            context={name.clone()}
                            counting={if error.is_some() { still_counting(entered, on_task, field.unit()) } else { String::new() }}
                            {error}
                            doubt={doubt_text(&props.doubts, field)}
                            {placeholder}
                            onedit={props.onedit.clone()}
                            compact=true
                        />
                    </td>
                }
            }) }
            { for Item::ALL.iter().enumerate().map(|(i, &item)| html! {
                <td class="num item-col" data-item={i.to_string()}>
                    { result.item(item).map(|s| fixed2(s.points)).unwrap_or_default() }
                </td>
            }) }
        </>
    }
}
