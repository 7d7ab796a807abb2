//! 资金存放: the public funds of 四(四), each placed among the banks by its own department's composite —
//! the amount of each fund, each department's score of each bank, the placement with its 合计 row, and
//! the readings it rests on. Every figure is the engine's placement (`Derived::placement`, worked out by
//! the reducer with the evaluation); the boxes go through `FieldId::Fund` / `FieldId::FundAmount`, read
//! by the engine's `FundFigure::enter` / `Deposits::enter`. This view only lays them out.

use std::rc::Rc;

use kaoping_app::derived::Derived;
use kaoping_app::drafts::Drafts;
use kaoping_app::view::Tab;
use kaoping_app::{Action, FieldId};
use kaoping_engine::{format_shown as shown, readings_zh, Field, FundFigure, Scenario};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::number_field::NumberField;
use crate::components::SchemeRef;
use crate::format::{fixed2, still_counting, NOT_APPLICABLE};

/// Props of [`DepositsView`].
#[derive(Properties, PartialEq, Debug)]
pub struct DepositsViewProps {
    /// The scheme (its banks and funds).
    pub scheme: SchemeRef,
    /// The working copy (the figures the boxes hold).
    pub scenario: Rc<Scenario>,
    /// What was typed into the boxes.
    pub drafts: Rc<Drafts>,
    /// The evaluation and the placement.
    pub derived: Rc<Derived>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// 资金存放.
#[component]
pub fn DepositsView(props: &DepositsViewProps) -> Html {
    let scheme = props.scheme;
    let scenario = &props.scenario;
    let drafts = &props.drafts;
    let evaluation = &props.derived.evaluation;
    let placement = props.derived.placement(&scheme);
    let funds = &scheme.rules.outcomes.funds;
    let figure = FundFigure::DepartmentScore;
    let onedit = use_memo(props.dispatch.clone(), |dispatch| dispatch.reform(|(id, text)| Action::Edit(id, text)));
    let box_of = |id: FieldId, label: String, context: String, placeholder: String, compact: bool| {
        let counting = if drafts.error(&id).is_some() {
            still_counting(id.value(scenario), None, id.unit())
        } else {
            String::new()
        };
        html! {
            <NumberField
                id={id.element_id()}
                field={id.clone()}
                {label}
                {context}
                text={drafts.text(&id, scenario)}
                error={drafts.error(&id).map(AttrValue::from)}
                {counting}
                unit={(!compact).then(|| id.unit())}
                {placeholder}
                onedit={(*onedit).clone()}
                {compact}
            />
        }
    };
    let onopen_settings = props.dispatch.reform(|_: MouseEvent| Action::SelectTab(Tab::Settings));
    let score_unit = Field::DepartmentScore.unit().symbol();

    html! {
        <div class="deposits-view">
            <section class="settings-section">
                <h2>{ "各项资金存放金额" }</h2>
                <p class="hint">{ format!(
                    "{}填写各项资金拟存放的金额（亿元）；未填的只测算各行占比。",
                    scheme.rules.composite_text()
                ) }</p>
                <div class="fund-amounts">
                    { for funds.iter().map(|fund| box_of(
                        FieldId::FundAmount(fund.id.clone()),
                        format!("{}（{}）", fund.name, fund.department),
                        String::new(),
                        "未填".to_owned(),
                        false,
                    )) }
                </div>
            </section>

            <section class="settings-section">
                <h2>{ format!("主体部门个性指标得分（{score_unit}）") }</h2>
                <p class="hint" id="deposit-scores-hint">
                    { format!(
                        "各主体部门按其个性指标为各行打分（0–100）。某项资金未填的，按本行的统一{}计（空白处显示），可在",
                        Field::DepartmentScore.label()
                    ) }
                    <button type="button" class="link" onclick={onopen_settings}>{ Tab::Settings.title() }</button>
                    { "中填写。" }
                </p>
                <div class="table-scroll" role="region" aria-label="主体部门个性指标得分（可横向滚动）">
                    <table class="city-table deposit-table" id="deposit-scores" aria-describedby="deposit-scores-hint">
                        <thead>
                            <tr>
                                <th scope="col" class="sticky-col">{ "银行" }</th>
                                <th scope="col" class="num">{ scheme.rules.evaluation_part_text() }</th>
                                { for funds.iter().map(|fund| html! {
                                    <>
                                        <th scope="col">{ format!("{}得分", fund.short) }<span class="dept">{ fund.department.clone() }</span></th>
                                        <th scope="col" class="num">{ format!("{}综合评分", fund.short) }</th>
                                    </>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for scheme.banks.iter().enumerate().map(|(i, bank)| {
                                let every = scenario.bank(&bank.id).and_then(|b| figure.every().get(b));
                                let points = placement.funds.first().and_then(|f| f.banks.get(i)).map(|s| s.evaluation_points);
                                html! {
                                    <tr id={format!("deposit-scores-{}", bank.id)}>
                                        <th scope="row" class="sticky-col">{ bank.short_name.clone() }</th>
                                        <td class="num">{ points.map(fixed2).unwrap_or_default() }</td>
                                        { for funds.iter().zip(placement.funds.iter()).map(|(fund, placed)| {
                                            let share = placed.banks.get(i);
                                            html! {
                                                <>
                                                    <td class="figure-col">{ box_of(
                                                        FieldId::Fund(bank.id.clone(), figure, fund.id.clone()),
                                                        format!("{}得分", fund.short),
                                                        bank.short_name.clone(),
                                                        every.map_or_else(|| "未填".to_owned(), fixed2),
                                                        true,
                                                    ) }</td>
                                                    <td class="num">{ share.map(|s| fixed2(s.composite)).unwrap_or_default() }</td>
                                                </>
                                            }
                                        }) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>

            <section class="settings-section">
                <h2>{ "存放测算" }</h2>
                <div class="table-scroll" role="region" aria-label="各行存放占比与金额（可横向滚动）">
                    <table class="city-table deposit-table" id="deposit-table">
                        <thead>
                            <tr>
                                <th scope="col" class="sticky-col" rowspan="2">{ "银行" }</th>
                                { for funds.iter().zip(placement.funds.iter()).map(|(fund, placed)| html! {
                                    <th scope="colgroup" colspan="2" class="fund-head">
                                        { fund.name.clone() }
                                        <span class="dept">{ match placed.amount {
                                            Some(amount) => format!("{} 亿元", shown(amount)),
                                            None => "未填金额".to_owned(),
                                        } }</span>
                                    </th>
                                }) }
                                <th scope="col" class="num" rowspan="2">{ "合计（亿元）" }</th>
                            </tr>
                            <tr>
                                { for funds.iter().map(|_| html! {
                                    <>
                                        <th scope="col" class="num">{ "占比（%）" }</th>
                                        <th scope="col" class="num">{ "金额（亿元）" }</th>
                                    </>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for scheme.banks.iter().enumerate().map(|(i, bank)| {
                                let ranked = evaluation.banks.get(i).is_some_and(|r| r.is_ranked());
                                let cell = |value: Option<Decimal>| if ranked { value.map(shown).unwrap_or_else(|| "—".to_owned()) } else { NOT_APPLICABLE.to_owned() };
                                let total = placement.banks.get(i).and_then(|b| b.total_shown);
                                html! {
                                    <tr id={format!("deposit-row-{}", bank.id)}>
                                        <th scope="row" class="sticky-col">{ bank.short_name.clone() }</th>
                                        { for funds.iter().zip(placement.funds.iter()).map(|(fund, placed)| {
                                            let share = placed.banks.get(i);
                                            html! {
                                                <>
                                                    <td class="num" id={format!("deposit-share-{}-{}", bank.id, fund.id)}>{ cell(share.and_then(|s| s.share_pct_shown)) }</td>
                                                    <td class="num" id={format!("deposit-amount-{}-{}", bank.id, fund.id)}>{ cell(share.and_then(|s| s.amount_shown)) }</td>
                                                </>
                                            }
                                        }) }
                                        <td class="num total-col" id={format!("deposit-total-{}", bank.id)}>{ cell(total) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                        <tfoot>
                            <tr id="deposit-sum">
                                <th scope="row" class="sticky-col">{ "合计" }</th>
                                { for placement.funds.iter().map(|placed| {
                                    let shares: Decimal = placed.banks.iter().filter_map(|s| s.share_pct_shown).sum();
                                    let amounts: Decimal = placed.banks.iter().filter_map(|s| s.amount_shown).sum();
                                    let shared = placed.is_shared();
                                    html! {
                                        <>
                                            <td class="num">{ if shared { shown(shares) } else { "—".to_owned() } }</td>
                                            <td class="num">{ if shared && placed.amount.is_some() { shown(amounts) } else { "—".to_owned() } }</td>
                                        </>
                                    }
                                }) }
                                <td class="num total-col" id="deposit-sum-total">{ {
                                    let totals: Vec<Decimal> = placement.banks.iter().filter_map(|b| b.total_shown).collect();
                                    if totals.is_empty() { "—".to_owned() } else { shown(totals.into_iter().sum()) }
                                } }</td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <ul class="alerts" id="deposit-notes">
                    { for funds.iter().zip(placement.funds.iter()).map(|(fund, placed)| {
                        let missing: Vec<&str> = scheme.banks.iter().zip(placement.banks.iter())
                            .filter(|(_, b)| b.missing.contains(&placed.fund))
                            .map(|(bank, _)| bank.short_name.as_str())
                            .collect();
                        html! {
                            <>
                                if !placed.is_shared() {
                                    <li class="alert">{ kaoping_engine::not_shared_zh(fund) }</li>
                                }
                                if !missing.is_empty() {
                                    <li class="warning">{ format!("{}：{}", kaoping_engine::missing_score_zh(fund), missing.join("、")) }</li>
                                }
                            </>
                        }
                    }) }
                </ul>
            </section>

            <section class="settings-section" id="deposit-readings">
                <h2>{ "测算口径（四(四)）" }</h2>
                <ul>
                    { for readings_zh(&scheme, scenario).into_iter().map(|r| html! { <li>{ format!("{r}。") }</li> }) }
                </ul>
            </section>
        </div>
    }
}
