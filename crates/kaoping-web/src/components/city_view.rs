//! 全市总览: the sixteen banks in one table, with their key figures editable in place, every item's
//! points, the total, rank, band and public-fund composite, sortable by any column. The city
//! averages the items were scored against are shown above it.

use std::cmp::Ordering;

use kaoping_engine::{Band, BankResult, CityFigure, Item};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::number_field::NumberField;
use crate::fields::BankField;
use crate::format::{fixed2, maybe, with_unit, Unit};
use crate::hooks::use_scenario;
use crate::state::FieldId;

/// The figures editable in the table.
const EDITABLE: [(BankField, &str); 6] = [
    (BankField::Loans, "贷款余额"),
    (BankField::SmeLoans, "中小微"),
    (BankField::ManufacturingLoans, "制造业"),
    (BankField::GreenLoans, "绿色信贷"),
    (BankField::DongchuAmount, "东楚金额"),
    (BankField::DongchuHouseholds, "东楚户数"),
];

/// A column the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Annex order.
    Bank,
    /// A figure, by the value the engine used (entered or on task).
    Figure(BankField),
    /// An item's points.
    Item(Item),
    /// The total.
    Total,
    /// The rank.
    Rank,
    /// The band, best first.
    Band,
    /// The public-fund composite.
    Composite,
    /// The public-fund share.
    Share,
}

impl Column {
    fn key(self) -> String {
        match self {
            Column::Bank => "bank".to_owned(),
            Column::Figure(f) => f.key().to_owned(),
            Column::Item(i) => i.key().to_owned(),
            Column::Total => "total".to_owned(),
            Column::Rank => "rank".to_owned(),
            Column::Band => "band".to_owned(),
            Column::Composite => "composite".to_owned(),
            Column::Share => "share".to_owned(),
        }
    }

    /// The value sorted on; `None` sorts last whichever the direction.
    fn value(self, result: &BankResult) -> Option<Decimal> {
        let f = &result.figures;
        match self {
            Column::Bank => Some(Decimal::from(result.index)),
            Column::Figure(field) => Some(match field {
                BankField::Loans => f.loans.current,
                BankField::SmeLoans => f.sme.current,
                BankField::ManufacturingLoans => f.manufacturing.current,
                BankField::GreenLoans => f.green.current,
                BankField::DongchuAmount => f.dongchu_amount.current,
                _ => f.dongchu_households.current,
            }),
            Column::Item(item) => result.item(item).map(|s| s.points),
            Column::Total => result.total,
            Column::Rank => result.rank.map(Decimal::from),
            Column::Band => Some(Decimal::from(match result.band {
                Band::Outstanding => 1,
                Band::Positive => 2,
                Band::General => 3,
                Band::Bottom => 4,
                Band::Disqualified => 5,
            })),
            Column::Composite => Some(result.deposit.composite),
            Column::Share => Some(result.deposit.share_pct),
        }
    }
}

/// 全市总览. It has no props: it shows the shared scenario.
#[component]
pub fn CityView() -> Html {
    let scenario = use_scenario();
    let sort = use_state(|| (Column::Bank, true));
    let (column, ascending) = *sort;

    let mut rows: Vec<&BankResult> = scenario.evaluation.banks.iter().collect();
    rows.sort_by(|a, b| {
        let order = match (column.value(a), column.value(b)) {
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
            // A first click sorts by the column, best first for scores; a second click reverses.
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

    let city = scenario.evaluation.city;
    let average = |label: &'static str, figure: CityFigure, unit: Unit| {
        let source = if figure.typed_in {
            "手工输入".to_owned()
        } else if figure.value.is_some() {
            format!("由 {} 家银行数据汇总", figure.banks)
        } else {
            "暂无数据".to_owned()
        };
        html! {
            <div class="average">
                <dt>{ label }</dt>
                <dd>{ maybe(figure.value, unit) }<span class="source">{ format!("（{source}）") }</span></dd>
            </div>
        }
    };

    html! {
        <div class="city-view">
            <dl class="averages" aria-label="计分使用的全市平均">
                { average("全市贷款平均增速", city.loan_growth_pct, Unit::Percent) }
                { average("普惠小微平均增速", city.inclusive_growth_pct, Unit::Percent) }
                { average("制造业贷款平均增速", city.manufacturing_growth_pct, Unit::Percent) }
                { average("养老产业贷款平均增速", city.pension_growth_pct, Unit::Percent) }
                { average("科技型企业新增贷款平均", city.tech_new_loans_avg, Unit::Yi) }
            </dl>
            <p class="hint">{ "表中数字可直接修改（空白为按任务完成）；点击列标题排序，点击银行名称打开本行测算。金额单位：亿元；得分单位：分。" }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="全市银行考评总表（可横向滚动）">
                <table class="city-table" id="city-table">
                    <thead>
                        <tr>
                            { header(Column::Bank, "银行", "sticky-col") }
                            { for EDITABLE.iter().map(|&(f, label)| header(Column::Figure(f), label, "figure-col")) }
                            { for Item::ALL.iter().map(|&i| header(Column::Item(i), i.title(), "item-col")) }
                            { header(Column::Total, "总分", "total-col") }
                            { header(Column::Rank, "排名", "") }
                            { header(Column::Band, "档次", "") }
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
    let figures = [
        result.figures.loans,
        result.figures.sme,
        result.figures.manufacturing,
        result.figures.green,
        result.figures.dongchu_amount,
        result.figures.dongchu_households,
    ];
    html! {
        <tr id={format!("row-{bank}")} class={classes!(format!("band-{}", result.band.key()))}>
            <th scope="row" class="sticky-col">
                <button type="button" class="link bank-link" onclick={onopen} title="在本行测算中打开">{ name.clone() }</button>
            </th>
            { for EDITABLE.iter().zip(figures).map(|(&(field, label), line)| {
                let id = FieldId::Bank(bank.clone(), field);
                let oninput = {
                    let (scenario, bank) = (scenario.clone(), bank.clone());
                    Callback::from(move |text: String| scenario.edit_bank(&bank, field, text))
                };
                // An empty box is the figure on task; households are whole.
                let placeholder = match (line.entered, field) {
                    (true, _) => String::new(),
                    (false, BankField::DongchuHouseholds) => crate::format::whole(line.current),
                    (false, _) => fixed2(line.current),
                };
                html! {
                    <td class="figure-col">
                        <NumberField
                            id={format!("c{}", id.element_id())}
                            label={label}
                            context={name.clone()}
                            text={scenario.text(&id)}
                            error={scenario.error(&id)}
                            unit={Unit::None}
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
            <td class="num total-col">{ maybe(result.total, Unit::None) }</td>
            <td class="num">{ result.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".to_owned()) }</td>
            <td><span class={classes!("band-chip", format!("band-{}", result.band.key()))}>{ result.band.label() }</span></td>
            <td class="num">{ fixed2(result.deposit.composite) }</td>
            <td class="num">{ with_unit(result.deposit.share_pct, Unit::Percent) }</td>
        </tr>
    }
}
