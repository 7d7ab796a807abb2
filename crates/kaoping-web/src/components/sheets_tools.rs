//! The spreadsheet pieces wired into the page: [`SheetsTools`] (the `SheetsBar` under the scenario
//! bar, and the one import preview that files picked through 导入文件 or 导入Excel或CSV and blocks
//! pasted into 全市总览 share) and [`CompareTab`] (对比 against the saved scenarios and the baseline).
//!
//! What is applied goes through the scenario handle: one undoable edit, behind the unsaved-changes
//! question when there is unsaved work.

use std::rc::Rc;

use kaoping_engine::Scenario;
use yew::prelude::*;

use crate::components::sheets_bar::SheetsBar;
use crate::components::sheets_compare_view::CompareView;
use crate::components::sheets_preview::ImportPreview;
use crate::hooks::use_document;
use crate::services::storage;
use crate::state::Notice;

/// The spreadsheet toolbar and the shared import preview.
#[component]
pub fn SheetsTools() -> Html {
    let document = use_document();
    let onimport = {
        let document = document.clone();
        Callback::from(move |file: web_sys::File| document.import(file))
    };
    let oninfo = {
        let document = document.clone();
        Callback::from(move |text: String| document.tell(Notice::info(text)))
    };
    let onerror = {
        let document = document.clone();
        Callback::from(move |text: String| document.tell(Notice::error(text)))
    };
    let preview = document.sheet.clone().map(|sheet| {
        let onapply = {
            let document = document.clone();
            Callback::from(move |()| document.apply_preview())
        };
        let oncancel = {
            let document = document.clone();
            Callback::from(move |()| document.close_preview())
        };
        html! {
            <ImportPreview source={sheet.source.clone()} preview={sheet.preview.clone()} {onapply} {oncancel} />
        }
    });
    html! {
        <section class="sheets-tools" aria-label="Excel 与分享">
            <SheetsBar scenario={Rc::new(document.scenario.clone())} bank={document.bank.clone()}
                {onimport} {oninfo} {onerror} />
            { for preview }
        </section>
    }
}

/// 对比: the working scenario against each saved scenario and the baseline.
#[component]
pub fn CompareTab() -> Html {
    let document = use_document();
    let current_name = document.name.clone().unwrap_or_else(|| "当前测算".to_owned());
    let mut others: Vec<(String, Scenario)> = document
        .library
        .iter()
        .filter_map(|name| storage::load_named(name).ok().map(|s| (format!("已保存：{name}"), s)))
        .collect();
    others.push(("基准情景（各行按任务完成）".to_owned(), document.scheme.baseline()));
    html! {
        <CompareView current={Rc::new(document.scenario.clone())} {current_name} others={Rc::new(others)} />
    }
}
