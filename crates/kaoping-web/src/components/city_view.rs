//! 全市总览: the sixteen banks in one table, with their key figures editable in place, every item's
//! points, the total, rank, band and public-fund composite, sortable by any column. The city
//! averages the items were scored against are shown above it.

use std::cmp::Ordering;

use kaoping_engine::{non_default, Band, BankResult, Field, Item, Unit, Warning};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::city_averages::{averages, CityAverages};
use crate::components::number_field::NumberField;
use crate::components::readings_badge::ReadingsBadge;
use crate::components::sheets_paste::paste_handler;
use crate::format::{fixed2, maybe_fixed2, number, with_unit, NOT_APPLICABLE};
use crate::hooks::use_scenario;
use crate::state::{FieldId, Tab};

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

/// 全市总览. It has no props: it shows the shared scenario.
#[component]
pub fn CityView() -> Html {
    let scenario = use_scenario();
    let scheme = scenario.scheme;
    let sort = use_state(|| (Column::Bank, true));
    let (column, ascending) = *sort;

    let entered = |field: Field, result: &BankResult| scenario.scenario.bank(&result.id).and_then(|b| field.get(b));
    let sort_value = |result: &BankResult| {
        let figure = match column {
            Column::Figure(field) => figure_used(field, result, entered(field, result)),
            _ => None,
        };
        column.value(result, figure)
    };
    let mut rows: Vec<&BankResult> = scenario.evaluation.banks.iter().collect();
    rows.sort_by(|a, b| {
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
        let arrow = match aria_sort {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        };
        html! {
            <th scope="col" class={class} aria-sort={aria_sort}>
                <button type="button" class="sort" id={format!("sort-{}", col.key())} {onclick}>
                    { label.to_owned() }<span aria-hidden="true" class="arrow">{ arrow }</span>
                </button>
            </th>
        }
    };

    let readings = non_default(scheme, &scenario.scenario.settings);
    let onopen_settings = {
        let scenario = scenario.clone();
        Callback::from(move |()| scenario.select_tab(Tab::Settings))
    };

    html! {
        <div class="city-view">
            <ReadingsBadge id="city-readings" {readings} onopen={onopen_settings} />
            <CityAverages id="city-averages" averages={averages(scheme, &scenario.evaluation.city)} />
            <p class="hint">{ format!(
                "表中数字可直接修改（空白为按任务完成）；点击列标题排序，点击银行名称打开本行测算。得分单位：{}。",
                Unit::Fen.symbol()
            ) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="全市银行考评总表（可横向滚动）">
                <table class="city-table" id="city-table" onpaste={paste_handler(&scenario, &EDITABLE, rows.iter().map(|r| r.id.clone()).collect())}>
                    <thead>
                        <tr>
                            { header(Column::Bank, "银行", "sticky-col") }
                            { for EDITABLE.iter().map(|&f| header(Column::Figure(f), &format!("{}（{}）", f.spec().short, f.unit().symbol()), "figure-col")) }
                            { for Item::ALL.iter().map(|&i| header(Column::Item(i), i.title(), "item-col")) }
                            { header(Column::Total, "总分", "total-col") }
                            { header(Column::Rank, "排名", "") }
                            { header(Column::Band, "档次", "") }
                            { header(Column::Interview, "约谈", "") }
                            { header(Column::Composite, "资金综合得分", "") }
                            { header(Column::Share, "存放份额", "") }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|result| html! { <CityRow result={(*result).clone()} /> }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// Props of [`CityRow`].
#[derive(Properties, PartialEq, Debug)]
struct CityRowProps {
    /// The bank's result.
    result: BankResult,
}

/// One bank's row of the table.
#[component]
fn CityRow(props: &CityRowProps) -> Html {
    let scenario = use_scenario();
    let result = &props.result;
    let bank = result.id.clone();
    let name = scenario.scheme.banks.get(result.index).map(|b| b.short_name.clone()).unwrap_or_else(|| bank.clone());
    let onopen = {
        let (scenario, bank) = (scenario.clone(), bank.clone());
        Callback::from(move |_: MouseEvent| scenario.open_bank(bank.clone()))
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
    let near_ties: Vec<String> =
        result.warnings.iter().filter(|w| matches!(w, Warning::NearTie { .. })).map(Warning::zh).collect();
    html! {
        <tr id={format!("row-{bank}")} class={classes!(format!("band-{}", result.band.key()))}>
            <th scope="row" class="sticky-col">
                <button type="button" class="link bank-link" onclick={onopen} title="在本行测算中打开">{ name.clone() }</button>
            </th>
            { for EDITABLE.iter().map(|&field| {
                let id = FieldId::Bank(bank.clone(), field);
                let oninput = {
                    let (scenario, bank) = (scenario.clone(), bank.clone());
                    Callback::from(move |text: String| scenario.edit_bank(&bank, field, text))
                };
                // An empty annex box is the figure on task.
                let entered = scenario.scenario.bank(&bank).and_then(|b| field.get(b));
                let placeholder = match (entered, field.spec().annex) {
                    (None, Some(annex)) => number(result.figures.line(annex).current, field.unit()),
                    _ => String::new(),
                };
                html! {
                    <td class="figure-col">
                        <NumberField
                            id={format!("c{}", id.element_id())}
                            label={field.spec().short}
                            context={name.clone()}
                            text={scenario.text(&id)}
                            error={scenario.error(&id)}
                            {placeholder}
                            {oninput}
                            compact=true
                        />
                    </td>
                }
            }) }
            { for Item::ALL.iter().map(|&item| html! {
                <td class="num item-col" title={result.item(item).map(|s| s.explain(scenario.scheme)).unwrap_or_default()}>
                    { result.item(item).map(|s| fixed2(s.points)).unwrap_or_default() }
                </td>
            }) }
            <td class="num total-col">
                { maybe_fixed2(result.total) }
                if !near_ties.is_empty() {
                    <span class="near-tie" title={near_ties.join("\n")} aria-label={near_ties.join("；")}>{ "≈" }</span>
                }
            </td>
            <td class="num rank-col">{ rank }</td>
            <td class="band-col"><span class={classes!("band-chip", format!("band-{}", result.band.key()))}>{ band }</span></td>
            <td class="interview-col">{ interview }</td>
            <td class="num">{ fixed2(result.deposit.composite) }</td>
            <td class="num share-col">{ share }</td>
        </tr>
    }
}
