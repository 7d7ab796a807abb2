//! 数据核对: what the engine found when it checked the annexes' arithmetic, shown plainly so that a
//! user knows which published figures differ from "2023 balance × rate" and which totals are not
//! the sum of their rows. The published figures are the ones that score.

use yew::prelude::*;

use crate::hooks::use_scenario;

/// 数据核对. It has no props: the checks come from the scheme.
#[component]
pub fn ChecksView() -> Html {
    let scenario = use_scenario();
    // The checks depend only on the built-in scheme, so they are worked out once per mount.
    let checks = use_memo((), {
        let scheme = scenario.scheme;
        move |_| scheme.annex_checks()
    });
    html! {
        <div class="checks-view">
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
        </div>
    }
}
