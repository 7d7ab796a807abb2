//! The four pages as tabs.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use kaoping_app::view::Tab;

/// Props of [`Nav`].
#[derive(Properties, PartialEq, Debug)]
pub struct NavProps {
    /// The page shown.
    pub current: Tab,
    /// Called with the page the user picked.
    pub onselect: Callback<Tab>,
}

/// The navigation between 本行测算, 全市总览, 规则与设置 and 数据核对, as a tab list: one tab stop (the
/// page shown), ← → Home End pick another page, as in the ARIA tabs pattern with automatic activation.
/// Tab then leaves the list; the skip link before it goes straight to the page's table or form.
#[component]
pub fn Nav(props: &NavProps) -> Html {
    let onkeydown = {
        let (onselect, current) = (props.onselect.clone(), props.current);
        Callback::from(move |e: KeyboardEvent| {
            let at = Tab::ALL.iter().position(|&t| t == current).unwrap_or(0);
            let last = Tab::ALL.len() - 1;
            let to = match e.key().as_str() {
                "ArrowRight" => {
                    if at == last {
                        0
                    } else {
                        at + 1
                    }
                }
                "ArrowLeft" => {
                    if at == 0 {
                        last
                    } else {
                        at - 1
                    }
                }
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            if let Some(&tab) = Tab::ALL.get(to) {
                // The tab buttons stay in the page, so focus can move before the redraw.
                if let Some(button) = gloo::utils::document().get_element_by_id(&format!("tab-{}", tab.key())) {
                    if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                        let _ = button.focus();
                    }
                }
                onselect.emit(tab);
            }
        })
    };
    html! {
        <nav class="tabs" aria-label="页面">
            <div class="tab-list" role="tablist" aria-label="页面" {onkeydown}>
                { for Tab::ALL.iter().map(|&tab| {
                    let onclick = props.onselect.reform(move |_: MouseEvent| tab);
                    let current = tab == props.current;
                    html! {
                        <button
                            type="button"
                            role="tab"
                            id={format!("tab-{}", tab.key())}
                            class={classes!("tab", current.then_some("current"))}
                            aria-selected={current.to_string()}
                            aria-controls={current.then_some("panel")}
                            tabindex={if current { "0" } else { "-1" }}
                            {onclick}
                        >
                            { tab.title() }
                        </button>
                    }
                }) }
            </div>
        </nav>
    }
}
