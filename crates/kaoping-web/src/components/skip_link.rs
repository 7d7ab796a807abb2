//! The first things a keyboard reaches: links past the title, the tabs and the scenario tools, straight
//! to the page's first box (跳到本行表单, 跳到全市表格), to 目标测算 on 本行测算, or to the page itself.

use kaoping_app::view::Tab;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`SkipLink`].
#[derive(Properties, PartialEq, Debug)]
pub struct SkipLinkProps {
    /// The page shown.
    pub tab: Tab,
}

/// Where the main link goes on each page: the selector of the element to focus, and its words.
fn target(tab: Tab) -> (&'static str, &'static str) {
    match tab {
        Tab::Bank => (".bank-form input", "跳到本行表单"),
        Tab::City => ("#city-table tbody input", "跳到全市表格"),
        Tab::Deposits => (".fund-amounts input", "跳到存放金额"),
        Tab::Settings | Tab::Checks | Tab::Compare | Tab::Notice => ("#panel", "跳到正文"),
    }
}

/// Moves the keyboard focus to the first element matching `selector` (else the page's panel);
/// returns whether it found one.
pub fn focus_selector(selector: &str) -> bool {
    let document = gloo::utils::document();
    let found = document.query_selector(selector).ok().flatten().or_else(|| document.get_element_by_id("panel"));
    match found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(element) => {
            element.scroll_into_view();
            let _ = element.focus();
            true
        }
        None => false,
    }
}

/// Moves the keyboard focus to 目标测算's first control (its goal), scrolled into view.
pub fn focus_target_panel() -> bool {
    let document = gloo::utils::document();
    if let Some(section) = document.get_element_by_id("section-target") {
        section.scroll_into_view();
    }
    match document.get_element_by_id("target-goal").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(goal) => goal.focus().is_ok(),
        None => false,
    }
}

/// Visually hidden until focused, as skip links are. The links move the focus themselves rather than
/// change the address, so the page's URL stays as it was.
#[component]
pub fn SkipLink(props: &SkipLinkProps) -> Html {
    let (selector, words) = target(props.tab);
    let onclick = Callback::from(move |e: MouseEvent| {
        if focus_selector(selector) {
            e.prevent_default();
        }
    });
    let ontarget = Callback::from(|e: MouseEvent| {
        if focus_target_panel() {
            e.prevent_default();
        }
    });
    html! {
        <div class="skip-links">
            <a class="skip-link" id="skip-link" href="#panel" {onclick}>{ words }</a>
            if props.tab == Tab::Bank {
                <a class="skip-link" id="skip-link-target" href="#section-target" onclick={ontarget}>{ "跳到目标测算" }</a>
            }
        </div>
    }
}
