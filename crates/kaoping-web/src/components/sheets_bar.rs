//! The spreadsheet tools: 导出Excel, 下载填报模板, 导入Excel或CSV (read and previewed like 导入文件),
//! CSV导出, 下载本行申报表 and 汇总申报表 (several returned 申报表 gathered, previewed like an import;
//! issue 17), and 复制分享链接. A leaf: the buttons send actions; the files are written by the spreadsheet
//! module and the link is copied by the page's effects.

use kaoping_app::{Action, SheetFile};
use yew::prelude::*;

use crate::components::file_picker::FilePicker;

/// Props of [`SheetsBar`].
#[derive(Properties, PartialEq, Debug)]
pub struct SheetsBarProps {
    /// Changes the state.
    pub dispatch: Callback<Action>,
    /// The user picked a file to import.
    pub onfile: Callback<web_sys::File>,
    /// The user picked returned 申报表 for 汇总.
    pub onfiles: Callback<Vec<web_sys::File>>,
    /// A share link the browser would not copy, shown for copying by hand.
    pub link_shown: Option<AttrValue>,
}

/// The toolbar.
#[component]
pub fn SheetsBar(props: &SheetsBarProps) -> Html {
    let sheet = |file: SheetFile| props.dispatch.reform(move |_: MouseEvent| Action::ExportSheet(file));
    let on_link = props.dispatch.reform(|_: MouseEvent| Action::CopyLink);
    html! {
        <div class="tool-group sheets-bar" role="group" aria-label="Excel 与分享">
            <button type="button" id="export-xlsx" onclick={sheet(SheetFile::Workbook)}>{ "导出Excel" }</button>
            <button type="button" id="download-template" onclick={sheet(SheetFile::Template)}>{ "下载填报模板" }</button>
            <FilePicker id="import-table" input_id="import-table-file" label="导入Excel或CSV…"
                input_label="导入 Excel 或 CSV 表格" accept=".xlsx,.xlsm,.xls,.ods,.xlsb,.csv,.tsv,.txt" onpick={props.onfile.clone()} />
            <button type="button" id="export-csv" onclick={sheet(SheetFile::Csv)}>{ "CSV导出" }</button>
            <button type="button" id="download-form" onclick={sheet(SheetFile::Form)}>{ "下载本行申报表" }</button>
            <FilePicker id="collect-forms" input_id="collect-forms-files" label="汇总申报表…"
                input_label="选择收回的申报表（可多选）汇总" accept=".xlsx,.xlsm,.xls,.ods,.csv,.tsv,.json"
                onpick_all={Some(props.onfiles.clone())} />
            <button type="button" id="copy-link" onclick={on_link}>{ "复制分享链接" }</button>
            if let Some(url) = props.link_shown.clone() {
                <label class="share-link">
                    { "分享链接已生成，但浏览器未允许自动复制。请手动复制此链接（点击框内即全选）：" }
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
