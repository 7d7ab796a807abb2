//! 对比: the working scenario against a saved one or the baseline. The user picks the other scenario
//! and, by clicking a bank, sees that bank's moved items. The comparison is the engine's, worked out by
//! the reducer (`kaoping_app::compare`); this view lays it out.

use kaoping_app::compare::Compare;
use kaoping_app::Action;
use yew::prelude::*;

use crate::components::sheets_compare::CompareTable;
use crate::components::SchemeRef;

/// Props of [`CompareView`].
#[derive(Properties, PartialEq, Debug)]
pub struct CompareViewProps {
    /// The scheme (the banks' names).
    pub scheme: SchemeRef,
    /// 对比's state: what can be compared with, what is picked, and the comparison.
    pub compare: Compare,
    /// What the working scenario is called (`当前测算`, its saved name).
    pub current_name: AttrValue,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// The comparison view.
#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let compare = &props.compare;
    let bank_names =
        use_memo(props.scheme, |scheme| scheme.banks.iter().map(|b| b.short_name.clone()).collect::<Vec<_>>());
    let Some((other_name, _)) = compare.others.get(compare.picked) else {
        return html! {
            <section class="compare" aria-label="对比">
                <p class="hint muted">{ "正在读取已保存的测算……" }</p>
            </section>
        };
    };
    let on_pick_other = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                dispatch.emit(Action::CompareWith(select.value().parse().unwrap_or(0)));
            }
        })
    };
    let on_pick_bank = props.dispatch.reform(Action::CompareBank);
    html! {
        <section class="compare-view" aria-label="对比">
            <p class="compare-pick">
                <label for="compare-other">{ "与" }</label>
                <select id="compare-other" onchange={on_pick_other}>
                    { for compare.others.iter().enumerate().map(|(i, (name, _))| html! {
                        <option value={i.to_string()} selected={i == compare.picked}>{ name.clone() }</option>
                    }) }
                </select>
                { format!("对比（{} → {}），点银行名称看该行各项的变化。", other_name, props.current_name) }
            </p>
            if compare.others.len() == 1 {
                <p class="hint">{ "还没有已保存的测算：先用“另存为”保存一个测算，或导入一个测算文件后另存，就可以与它对比。" }</p>
            }
            if let Some(result) = &compare.result {
                <CompareTable names={(other_name.clone(), props.current_name.to_string())}
                    comparison={result.comparison.clone()} bank_names={bank_names.clone()}
                    detail={result.detail.clone()} onpick={on_pick_bank} />
            }
        </section>
    }
}
