//! The spreadsheet tools: 导出Excel, 下载填报模板, 导入Excel或CSV (with the preview, applied all or
//! nothing), CSV导出 and 复制分享链接. A leaf component: it takes the scenario and the bank shown, and
//! hands a new scenario, or a message, back through callbacks; the view that holds the state decides
//! what to do with it.

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use kaoping_engine::{Scenario, Scheme};
use kaoping_sheets::export;
use kaoping_sheets::{link, Preview, Update};
use yew::prelude::*;

use crate::components::sheets_preview::ImportPreview;
use crate::services::sheets::{about, copy_text, download, page_address, read_bytes, CSV_TYPE, XLSX_TYPE};

/// Props of [`SheetsBar`].
#[derive(Properties, PartialEq, Debug)]
pub struct SheetsBarProps {
    /// The working scenario.
    pub scenario: Rc<Scenario>,
    /// The bank shown on 本行测算, for the workbook's 本行 sheet.
    pub bank: String,
    /// The user confirmed an import: the new scenario and what to tell them.
    pub onapply: Callback<(Scenario, String)>,
    /// Something worked that changes nothing (a download, a copied link): what to tell the user.
    pub oninfo: Callback<String>,
    /// Something failed: the Chinese message.
    pub onerror: Callback<String>,
}

/// An import read and waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    update: Rc<Update>,
    preview: Rc<Preview>,
}

/// The toolbar.
#[component]
pub fn SheetsBar(props: &SheetsBarProps) -> Html {
    let pending = use_state(|| None::<Pending>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let link_shown = use_state(|| None::<String>);
    let file_input = use_node_ref();
    let Ok(scheme) = Scheme::builtin(props.scenario.year) else { return html! {} };

    let offer = |suffix: &'static str, mime: &'static str, make: fn(&'static Scheme, &Scenario, &str) -> Vec<u8>| {
        let (scenario, bank, oninfo, onerror) =
            (props.scenario.clone(), props.bank.clone(), props.oninfo.clone(), props.onerror.clone());
        Callback::from(move |_: MouseEvent| {
            let name = export::file_name(&scenario, &about(), suffix);
            match download(&name, mime, &make(scheme, &scenario, &bank)) {
                Ok(()) => oninfo.emit(format!("已生成“{name}”。")),
                Err(message) => onerror.emit(message),
            }
        })
    };
    let on_workbook = offer(".xlsx", XLSX_TYPE, |scheme, s, bank| export::workbook(scheme, s, bank, &about()));
    let on_template = offer("-填报模板.xlsx", XLSX_TYPE, |scheme, s, _| export::template(scheme, s, &about()));
    let on_csv = offer(".csv", CSV_TYPE, |scheme, s, _| export::city_csv(scheme, s).into_bytes());

    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let (scenario, pending, reader, onerror) =
            (props.scenario.clone(), pending.clone(), reader.clone(), props.onerror.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                let (scenario, pending, onerror) = (scenario.clone(), pending.clone(), onerror.clone());
                *reader.borrow_mut() = read_bytes(file, move |result| match result {
                    Ok((name, bytes)) => {
                        let update = kaoping_sheets::read_file(&bytes, &name, scheme);
                        let preview = update.preview(scheme, &scenario);
                        pending.set(Some(Pending { update: Rc::new(update), preview: Rc::new(preview) }));
                    }
                    Err(message) => onerror.emit(message),
                });
            }
            // Cleared so that picking the same file again (after fixing it) is a new change.
            input.set_value("");
        })
    };
    let on_apply = {
        let (scenario, pending, onapply, onerror) =
            (props.scenario.clone(), pending.clone(), props.onapply.clone(), props.onerror.clone());
        Callback::from(move |()| {
            if let Some(p) = (*pending).clone() {
                match p.update.apply(scheme, &scenario) {
                    Ok(next) => onapply
                        .emit((next, format!("已从“{}”导入 {} 项数据。", p.update.source, p.preview.changes.len()))),
                    Err(problems) => {
                        let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                        onerror.emit(format!("导入未完成，没有做任何更改：{}", listed.join("；")));
                    }
                }
            }
            pending.set(None);
        })
    };
    let on_cancel = {
        let pending = pending.clone();
        Callback::from(move |()| pending.set(None))
    };
    let on_link = {
        let (scenario, link_shown, oninfo) = (props.scenario.clone(), link_shown.clone(), props.oninfo.clone());
        Callback::from(move |_: MouseEvent| {
            let url = format!("{}{}", page_address(), link::share_fragment(&scenario));
            let (link_shown, oninfo, shown) = (link_shown.clone(), oninfo.clone(), url.clone());
            copy_text(&url, move |copied| {
                if copied {
                    link_shown.set(None);
                    oninfo.emit(
                        "分享链接已复制。对方打开链接即可看到本测算；数据在链接中，不经过任何服务器。".to_owned(),
                    );
                } else {
                    link_shown.set(Some(shown));
                }
            });
        })
    };

    html! {
        <div class="tool-group sheets-bar" role="group" aria-label="Excel 与分享">
            <button type="button" id="export-xlsx" onclick={on_workbook}>{ "导出Excel" }</button>
            <button type="button" id="download-template" onclick={on_template}>{ "下载填报模板" }</button>
            <button type="button" id="import-table" onclick={on_import_click}>{ "导入Excel或CSV…" }</button>
            <input ref={file_input} id="import-table-file" type="file" accept=".xlsx,.csv,.tsv,.txt"
                hidden=true tabindex="-1" aria-label="导入 Excel 或 CSV 表格" onchange={on_file} />
            <button type="button" id="export-csv" onclick={on_csv}>{ "CSV导出" }</button>
            <button type="button" id="copy-link" onclick={on_link}>{ "复制分享链接" }</button>
            if let Some(url) = (*link_shown).clone() {
                <label class="share-link">
                    { "浏览器不允许自动复制，请手动复制此链接：" }
                    <input id="share-link" type="text" readonly=true value={url}
                        onfocus={Callback::from(|e: FocusEvent| {
                            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                                input.select();
                            }
                        })} />
                </label>
            }
            if let Some(p) = (*pending).clone() {
                <ImportPreview source={p.update.source.clone()} preview={p.preview.clone()}
                    onapply={on_apply} oncancel={on_cancel} />
            }
        </div>
    }
}
