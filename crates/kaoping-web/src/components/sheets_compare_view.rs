//! 对比: the working scenario against a saved one. The user picks the other scenario and, by clicking a
//! bank, sees that bank's moved items. The view that holds the saved scenarios passes them in.

use std::rc::Rc;

use kaoping_engine::{compare, Scenario, Scheme};
use yew::prelude::*;

use crate::components::sheets_compare::CompareTable;

/// Props of [`CompareView`].
#[derive(Properties, PartialEq, Debug)]
pub struct CompareViewProps {
    /// The working scenario.
    pub current: Rc<Scenario>,
    /// What the working scenario is called (`当前测算`, its saved name).
    pub current_name: String,
    /// The scenarios it can be compared with: name and scenario, in the order to list them.
    pub others: Rc<Vec<(String, Scenario)>>,
}

/// The comparison view.
#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let picked = use_state(|| 0usize);
    let bank = use_state(|| None::<String>);
    let Ok(scheme) = Scheme::builtin(props.current.year) else { return html! {} };
    let Some((other_name, other)) = props.others.get(*picked).or_else(|| props.others.first()) else {
        return html! {
            <section class="compare" aria-label="对比">
                <p class="hint">{ "还没有可对比的测算：先用“另存为”保存一个测算，或导入一个测算文件后另存。" }</p>
            </section>
        };
    };
    // The saved scenario is the baseline, the working one what it became.
    let comparison = compare(scheme, other, &props.current);
    let detail = (*bank).as_ref().and_then(|id| comparison.bank(scheme, other, &props.current, id)).map(Rc::new);
    let bank_names: Rc<Vec<String>> = Rc::new(scheme.banks.iter().map(|b| b.short_name.clone()).collect());
    let on_pick_other = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                picked.set(select.value().parse().unwrap_or(0));
            }
        })
    };
    let on_pick_bank = {
        let bank = bank.clone();
        Callback::from(move |id: String| bank.set(Some(id)))
    };
    html! {
        <section class="compare-view" aria-label="对比">
            <p class="compare-pick">
                <label for="compare-other">{ "与" }</label>
                <select id="compare-other" onchange={on_pick_other}>
                    { for props.others.iter().enumerate().map(|(i, (name, _))| html! {
                        <option value={i.to_string()} selected={i == *picked}>{ name.clone() }</option>
                    }) }
                </select>
                { format!("对比（{} → {}），点银行名称看该行各项的变化。", other_name, props.current_name) }
            </p>
            <CompareTable names={(other_name.clone(), props.current_name.clone())} comparison={Rc::new(comparison)}
                {bank_names} {detail} onpick={on_pick_bank} />
        </section>
    }
}
