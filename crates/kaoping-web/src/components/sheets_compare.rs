//! 对比: two scenarios side by side — every bank's total, rank, band and share in each and the change,
//! band moves marked — and for one bank the figures and items that moved, with both workings. All of
//! it comes from `kaoping_engine::compare`.

use std::rc::Rc;

use kaoping_engine::{format_fixed2, BandMove, BankDetail, Comparison, Standing};
use rust_decimal::Decimal;
use yew::prelude::*;

/// Props of [`CompareTable`].
#[derive(Properties, PartialEq, Debug)]
pub struct CompareTableProps {
    /// The names of the two scenarios, as headed (`当前测算`, a saved name).
    pub names: (String, String),
    /// The comparison, from `kaoping_engine::compare`.
    pub comparison: Rc<Comparison>,
    /// The banks' short names, in annex order.
    pub bank_names: Rc<Vec<String>>,
    /// One bank's detail, when a bank is picked.
    #[prop_or_default]
    pub detail: Option<Rc<BankDetail>>,
    /// A bank's row was picked: its id.
    pub onpick: Callback<String>,
}

fn total(s: &Standing) -> String {
    s.total.map_or_else(|| "不适用".to_owned(), format_fixed2)
}

fn share(s: &Standing) -> String {
    s.ranked_share().map_or_else(|| "不适用".to_owned(), format_fixed2)
}

fn rank(s: &Standing) -> String {
    s.rank.map_or_else(|| "—".to_owned(), |r| r.to_string())
}

fn signed(value: Option<Decimal>) -> String {
    value.map_or_else(
        || "—".to_owned(),
        |v| {
            let shown = format_fixed2(v);
            if v > Decimal::ZERO && shown != "0.00" {
                format!("+{shown}")
            } else {
                shown
            }
        },
    )
}

/// The comparison table and, below it, the picked bank's detail.
#[component]
pub fn CompareTable(props: &CompareTableProps) -> Html {
    let (a, b) = &props.names;
    let settings = &props.comparison.settings;
    html! {
        <section class="compare" aria-label="对比">
            if !settings.is_empty() {
                <ul class="compare-settings">
                    { for settings.iter().map(|s| html! {
                        <li>{ format!("{}：{} → {}", s.title, s.before, s.after) }</li>
                    }) }
                </ul>
            }
            <div class="table-scroll">
                <table class="compare-table" id="compare-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "银行" }</th>
                            <th scope="col">{ format!("总分（{a}）") }</th>
                            <th scope="col">{ format!("总分（{b}）") }</th>
                            <th scope="col">{ "变化" }</th>
                            <th scope="col">{ "名次" }</th>
                            <th scope="col">{ "档次" }</th>
                            <th scope="col">{ "资金占比%" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.comparison.banks.iter().map(|bank| {
                            let name = props.bank_names.get(bank.index).cloned().unwrap_or_else(|| bank.id.clone());
                            let onclick = {
                                let (onpick, id) = (props.onpick.clone(), bank.id.clone());
                                Callback::from(move |_: MouseEvent| onpick.emit(id.clone()))
                            };
                            let band = match bank.band_move {
                                None => html! { { bank.after.band.label() } },
                                Some(m) => html! {
                                    <strong class={classes!("band-move", if m == BandMove::Up { "up" } else { "down" })}>
                                        { format!("{} → {} {}", bank.before.band.label(), bank.after.band.label(),
                                            if m == BandMove::Up { "↑" } else { "↓" }) }
                                    </strong>
                                },
                            };
                            let picked = props.detail.as_ref().is_some_and(|d| d.id == bank.id);
                            html! {
                                <tr class={classes!(picked.then_some("picked"), bank.band_move.is_some().then_some("moved"))}>
                                    <th scope="row"><button type="button" class="link" {onclick}>{ name }</button></th>
                                    <td class="num">{ total(&bank.before) }</td>
                                    <td class="num">{ total(&bank.after) }</td>
                                    <td class="num">{ signed(bank.total_change) }</td>
                                    <td class="num">{ format!("{} → {}", rank(&bank.before), rank(&bank.after)) }</td>
                                    <td>{ band }</td>
                                    <td class="num">{ format!("{} → {}", share(&bank.before), share(&bank.after)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some(detail) = &props.detail {
                <section class="compare-detail" aria-label="本行变化">
                    if detail.figures.is_empty() && detail.items.is_empty() {
                        <p>{ "本行的数据和各项得分都没有变化。" }</p>
                    }
                    <ul class="figure-changes">
                        { for detail.figures.iter().map(|f| {
                            let show = |v: Option<Decimal>| v.map_or_else(|| "（未填写）".to_owned(), |v| v.normalize().to_string());
                            html! { <li>{ format!("{}：{} → {} {}", f.field.label(), show(f.before), show(f.after), f.field.unit().symbol()) }</li> }
                        }) }
                    </ul>
                    <table class="item-changes">
                        <tbody>
                            { for detail.items.iter().map(|i| html! {
                                <tr>
                                    <th scope="row">{ format!("{} {}", i.clause, i.item.title()) }</th>
                                    <td class="num">{ format!("{} → {}", format_fixed2(i.before), format_fixed2(i.after)) }</td>
                                    <td>
                                        <div class="working">{ format!("{a}：{}", i.before_working) }</div>
                                        <div class="working">{ format!("{b}：{}", i.after_working) }</div>
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
        </section>
    }
}
