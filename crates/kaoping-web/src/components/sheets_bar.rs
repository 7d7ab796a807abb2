//! The spreadsheet tools: 导出Excel, 下载填报模板, 导入Excel或CSV (read and previewed through the
//! document, like 导入文件), CSV导出 and 复制分享链接. A leaf component: it takes the scenario and the
//! bank shown, and hands the picked file, or a message, back through callbacks; the view that holds
//! the state decides what to do with it. The files are written by the spreadsheet module (a web
//! worker loaded on first use, `services::sheets_worker`).

use std::rc::Rc;

use kaoping_engine::Scenario;
use kaoping_sheets::export::{self, About};
use kaoping_sheets::job::{Job, Reply};
use kaoping_sheets::link;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;
use crate::services::sheets::{about, copy_text, download, page_address, CSV_TYPE, XLSX_TYPE};
use crate::services::sheets_worker;

/// Props of [`SheetsBar`].
#[derive(Properties, PartialEq, Debug)]
pub struct SheetsBarProps {
    /// The working scenario.
    pub scenario: Rc<Scenario>,
    /// The bank shown on 本行测算, for the workbook's 本行 sheet.
    pub bank: String,
    /// The user picked a file to import.
    pub onimport: Callback<web_sys::File>,
    /// Something worked that changes nothing (a download, a copied link): what to tell the user.
    pub oninfo: Callback<String>,
    /// Something failed: the Chinese message.
    pub onerror: Callback<String>,
}

/// The toolbar.
#[component]
pub fn SheetsBar(props: &SheetsBarProps) -> Html {
    let link_shown = use_state(|| None::<String>);

    // The date is read once per click: the file's name and the date written in it agree.
    let offer = |suffix: &'static str, mime: &'static str, job: fn(&str, About) -> Job| {
        let (scenario, bank, oninfo, onerror) =
            (props.scenario.clone(), props.bank.clone(), props.oninfo.clone(), props.onerror.clone());
        Callback::from(move |_: MouseEvent| {
            let about = about();
            let name = export::file_name(&scenario, &about, suffix);
            let (oninfo, onerror) = (oninfo.clone(), onerror.clone());
            sheets_worker::run(&job(&bank, about), &scenario, &[], move |answer| match answer {
                Ok((Reply::File, bytes)) => match download(&name, mime, &bytes) {
                    Ok(()) => oninfo.emit(format!("已生成“{name}”。")),
                    Err(message) => onerror.emit(message),
                },
                Ok((Reply::Failed(message), _)) | Err(message) => onerror.emit(message),
                Ok((Reply::Imported(_), _)) => onerror.emit("表格模块的答复有误，未生成文件。".to_owned()),
            });
        })
    };
    let on_workbook = offer(".xlsx", XLSX_TYPE, |bank, about| Job::Workbook { bank: bank.to_owned(), about });
    let on_template = offer("-填报模板.xlsx", XLSX_TYPE, |_, about| Job::Template { about });
    let on_csv = offer(".csv", CSV_TYPE, |_, _| Job::Csv);

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
            <FilePicker id="import-table" input_id="import-table-file" label="导入Excel或CSV…"
                input_label="导入 Excel 或 CSV 表格" accept=".xlsx,.csv,.tsv,.txt" onpick={props.onimport.clone()} />
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
        </div>
    }
}
