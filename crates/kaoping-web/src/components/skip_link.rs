//! The first thing a keyboard reaches: a link past the title, the tabs and the scenario tools,
//! straight to the page's first box (跳到本行表单, 跳到全市表格) or to the page itself.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Tab;

/// Props of [`SkipLink`].
#[derive(Properties, PartialEq, Debug)]
pub struct SkipLinkProps {
    /// The page shown.
    pub tab: Tab,
}

/// Where the link goes on each page: the selector of the element to focus, and its words.
fn target(tab: Tab) -> (&'static str, &'static str) {
    match tab {
        Tab::Bank => (".bank-form input", "跳到本行表单"),
        Tab::City => ("#city-table tbody input", "跳到全市表格"),
        Tab::Settings | Tab::Checks | Tab::Compare => ("#panel", "跳到正文"),
    }
}

/// Visually hidden until focused, as skip links are.
#[component]
pub fn SkipLink(props: &SkipLinkProps) -> Html {
    let (selector, words) = target(props.tab);
    let onclick = Callback::from(move |e: MouseEvent| {
        let document = gloo::utils::document();
        let found = document.query_selector(selector).ok().flatten().or_else(|| document.get_element_by_id("panel"));
        if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            // The link moves the focus itself rather than change the address, so the page's URL stays as it was.
            e.prevent_default();
            let _ = element.focus();
        }
    });
    html! {
        <a class="skip-link" id="skip-link" href="#panel" {onclick}>{ words }</a>
    }
}
