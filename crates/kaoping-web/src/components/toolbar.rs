//! The bar under the title: which scenario this is and whether it is saved, and the file and
//! spreadsheet actions. On a desktop the actions are laid out in the bar; under 600 px they fold into
//! one menu (文件与表格), so that on a phone the answer comes first.
//!
//! Keeping scenarios works as a document editor keeps files: the working copy is stashed in the browser
//! after every change, and saved under its name only by 保存 (or Ctrl+S); the bar says which.

use std::rc::Rc;

use kaoping_app::view::Saved;
use kaoping_app::Action;
use yew::prelude::*;

use crate::components::scenario_bar::ScenarioBar;
use crate::components::sheets_bar::SheetsBar;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq, Debug)]
pub struct ToolbarProps {
    /// The document's name, if it has one.
    pub name: Option<AttrValue>,
    /// Whether the working copy has unsaved changes.
    pub modified: bool,
    /// Whether the browser refused to stash the working copy (its figures are then only on the page).
    pub not_stashed: bool,
    /// The saved scenarios.
    pub library: Rc<Vec<Saved>>,
    /// A share link the browser would not copy.
    pub link_shown: Option<AttrValue>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
    /// The user picked a file to import.
    pub onfile: Callback<web_sys::File>,
    /// The user picked returned 申报表 for 汇总.
    pub onfiles: Callback<Vec<web_sys::File>>,
}

/// The scenario's status and the file and spreadsheet actions.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let current = props.name.clone().unwrap_or_else(|| "未命名".into());
    // One status, never two that contradict each other: saved, or changes kept only in this browser (or
    // only on this page, when the browser refused to keep them).
    let status = match (props.modified, props.not_stashed, &props.name) {
        (true, false, _) => html! {
            <span class="status unsaved" id="scenario-unsaved">{ "有未保存的修改（已暂存在本浏览器）" }</span>
        },
        (true, true, _) => html! {
            <span class="status unsaved not-stashed" id="scenario-unsaved">{ "有未保存的修改（未能暂存，只在本页面中）" }</span>
        },
        (false, _, Some(_)) => html! { <span class="status saved" id="scenario-saved">{ "已保存" }</span> },
        (false, _, None) => html! { <span class="status saved" id="scenario-saved">{ "基准情景，未修改" }</span> },
    };
    html! {
        <section class={classes!("toolbar", open.then_some("open"))} aria-label="测算方案">
            <div class="toolbar-head">
                <p class="current-scenario" id="scenario-status">
                    { "当前测算：" }<strong id="scenario-name">{ current }</strong>
                    <span class="separator" aria-hidden="true">{ " · " }</span>
                    { status }
                </p>
                <button type="button" class="menu-toggle" id="tools-menu" aria-expanded={open.to_string()}
                    aria-controls="tools" onclick={ontoggle}>{ "文件与表格" }</button>
            </div>
            <div class="tools" id="tools">
                <ScenarioBar library={props.library.clone()} dispatch={props.dispatch.clone()} onfile={props.onfile.clone()} />
                <SheetsBar dispatch={props.dispatch.clone()} onfile={props.onfile.clone()} onfiles={props.onfiles.clone()}
                    link_shown={props.link_shown.clone()} />
            </div>
        </section>
    }
}
