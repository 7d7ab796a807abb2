//! 数据核对: first what the user typed (本行输入核对: the engine's doubts about the selected bank's
//! figures, then about every other bank's), then what the engine found when it checked the annexes'
//! arithmetic, shown plainly so that a user knows which published figures differ from "2023 balance ×
//! rate" and which totals are not the sum of their rows. The published figures are the ones that
//! score; a doubt is a warning, never a refusal.

use std::rc::Rc;

use kaoping_engine::{Doubt, SettingDoubt};
use yew::prelude::*;

use crate::components::SchemeRef;

/// Props of [`ChecksView`].
#[derive(Properties, PartialEq, Debug)]
pub struct ChecksViewProps {
    /// The scheme (its annexes are checked).
    pub scheme: SchemeRef,
    /// The engine's doubts about each bank's typed figures, in annex order.
    pub doubts: Rc<Vec<Rc<Vec<Doubt>>>>,
    /// The bank shown on 本行测算, whose doubts come first.
    pub bank: AttrValue,
    /// The engine's doubts about the settings and the city figures typed in.
    pub setting_doubts: Rc<Vec<SettingDoubt>>,
}

/// 数据核对.
#[component]
pub fn ChecksView(props: &ChecksViewProps) -> Html {
    let scheme = props.scheme;
    // The checks depend only on the built-in scheme, so they are worked out once per mount.
    let checks = use_memo(scheme, |scheme| scheme.annex_checks());
    let all: Vec<(&str, &[Doubt])> =
        scheme.banks.iter().zip(props.doubts.iter()).map(|(bank, d)| (bank.id.as_str(), d.as_slice())).collect();
    let name =
        |id: &str| scheme.banks.iter().find(|b| b.id == id).map_or_else(|| id.to_owned(), |b| b.short_name.clone());
    let own: &[Doubt] = all.iter().find(|(id, _)| *id == props.bank.as_str()).map_or(&[], |(_, d)| d);
    let others: Vec<&(&str, &[Doubt])> =
        all.iter().filter(|(id, d)| *id != props.bank.as_str() && !d.is_empty()).collect();
    let doubt_rows = |doubts: &[Doubt]| -> Html {
        doubts
            .iter()
            .map(|d| {
                html! {
                    <tr>
                        <td>{ d.field.label() }</td>
                        <td>{ d.message.clone() }</td>
                    </tr>
                }
            })
            .collect()
    };
    html! {
        <div class="checks-view">
            <section class="checks-section" id="input-checks" aria-labelledby="input-checks-title">
                <h2 id="input-checks-title">{ format!("本行输入核对：{}", name(&props.bank)) }</h2>
                <p class="hint">
                    { "测算器对所填数字做合理性核对（如余额比上年大幅下降、分项高于各项贷款、利率不在合理区间）。这些只是提醒：数字照填照算，请确认没有填错单位或位数。" }
                </p>
                if own.is_empty() {
                    <p id="input-checks-ok">{ "本行所填数字未发现需要核对之处。" }</p>
                } else {
                    <table class="checks-table doubts-table" id="input-checks-table">
                        <caption>{ format!("共 {} 处", own.len()) }</caption>
                        <thead>
                            <tr><th scope="col">{ "数字" }</th><th scope="col">{ "请核对" }</th></tr>
                        </thead>
                        <tbody>{ doubt_rows(own) }</tbody>
                    </table>
                }
                if !others.is_empty() {
                    <h3>{ "其他银行" }</h3>
                    <table class="checks-table doubts-table" id="other-input-checks-table">
                        <thead>
                            <tr><th scope="col">{ "银行" }</th><th scope="col">{ "数字" }</th><th scope="col">{ "请核对" }</th></tr>
                        </thead>
                        <tbody>
                            { for others.iter().flat_map(|(id, doubts)| doubts.iter().map(move |d| (id, d))).map(|(id, d)| html! {
                                <tr>
                                    <td>{ name(id) }</td>
                                    <td>{ d.field.label() }</td>
                                    <td>{ d.message.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </section>
            if !props.setting_doubts.is_empty() {
                <section class="checks-section" id="setting-checks" aria-labelledby="setting-checks-title">
                    <h2 id="setting-checks-title">{ "计分口径与全市数字核对" }</h2>
                    <table class="checks-table doubts-table" id="setting-checks-table">
                        <thead>
                            <tr><th scope="col">{ "数字" }</th><th scope="col">{ "请核对" }</th></tr>
                        </thead>
                        <tbody>
                            { for props.setting_doubts.iter().map(|d| html! {
                                <tr>
                                    <td>{ d.setting.label() }</td>
                                    <td>{ d.message.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
            <section class="checks-section" id="annex-checks" aria-labelledby="annex-checks-title">
                <h2 id="annex-checks-title">{ "附件数据核对" }</h2>
                <p class="hint">
                    { "以下是测算器核对附件数据时发现的情况。计分一律使用附件公布的数字，不重新计算任务。" }
                </p>
                if checks.is_empty() {
                    <p>{ "附件数据核对无异常。" }</p>
                } else {
                    <table class="checks-table" id="checks-table">
                        <caption>{ format!("共 {} 条", checks.len()) }</caption>
                        <thead>
                            <tr><th scope="col">{ "附件" }</th><th scope="col">{ "核对项" }</th><th scope="col">{ "结果" }</th></tr>
                        </thead>
                        <tbody>
                            { for checks.iter().map(|c| html! {
                                <tr>
                                    <td>{ c.annex.clone() }</td>
                                    <td>{ c.subject.clone() }</td>
                                    <td>{ c.message.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </section>
        </div>
    }
}
