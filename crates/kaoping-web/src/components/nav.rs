//! The four pages as tabs.

use yew::prelude::*;

use crate::state::Tab;

/// Props of [`Nav`].
#[derive(Properties, PartialEq, Debug)]
pub struct NavProps {
    /// The page shown.
    pub current: Tab,
    /// Called with the page the user picked.
    pub onselect: Callback<Tab>,
}

/// The navigation between 本行测算, 全市总览, 规则与设置 and 数据核对. Plain buttons in the tab
/// order, so that keyboard users reach each page with Tab and Enter.
#[component]
pub fn Nav(props: &NavProps) -> Html {
    html! {
        <nav class="tabs" aria-label="页面">
            { for Tab::ALL.iter().map(|&tab| {
                let onclick = props.onselect.reform(move |_: MouseEvent| tab);
                let current = tab == props.current;
                html! {
                    <button
                        type="button"
                        id={format!("tab-{}", tab.key())}
                        class={classes!("tab", current.then_some("current"))}
                        aria-current={current.then_some("page")}
                        {onclick}
                    >
                        { tab.title() }
                    </button>
                }
            }) }
        </nav>
    }
}
