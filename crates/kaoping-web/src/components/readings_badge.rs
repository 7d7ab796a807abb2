//! A badge naming the readings of the text in force that are not the default ones, so that a score
//! worked out on a non-default reading is never mistaken for the default one. It opens 规则与设置.

use std::rc::Rc;

use yew::prelude::*;

/// Props of [`ReadingsBadge`].
#[derive(Properties, PartialEq, Debug)]
pub struct ReadingsBadgeProps {
    /// The element id.
    pub id: AttrValue,
    /// The non-default readings, as the engine words them (`kaoping_engine::non_default`).
    pub readings: Rc<Vec<String>>,
    /// Called when the badge is clicked: show 规则与设置.
    pub onopen: Callback<()>,
}

/// Nothing when every reading is the default; else a button that names them.
#[component]
pub fn ReadingsBadge(props: &ReadingsBadgeProps) -> Html {
    if props.readings.is_empty() {
        return Html::default();
    }
    let onclick = props.onopen.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="readings-badge" id={props.id.clone()} {onclick} title="在“规则与设置”中查看或改回默认口径">
            <span class="badge-title">{ "非默认口径" }</span>
            { for props.readings.iter().map(|r| html! { <span class="badge-item">{ r.clone() }</span> }) }
        </button>
    }
}
