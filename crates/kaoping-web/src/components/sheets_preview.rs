//! The import preview: before a workbook, CSV file or pasted block changes anything, every change
//! (bank, figure, old → new, the cell it came from) and every refused cell with its reason. Applying
//! is all or nothing: with any refused cell the apply button is off and the scenario stays as it is.

use std::rc::Rc;

use kaoping_sheets::Preview;
use yew::prelude::*;

use crate::components::dialog::{ButtonKind, DialogButton, ModalDialog};

/// Props of [`ImportPreview`].
#[derive(Properties, PartialEq, Debug)]
pub struct ImportPreviewProps {
    /// Where the values come from (a file name, `粘贴内容`).
    pub source: String,
    /// What applying would do (`Update::preview`, worked out by the spreadsheet worker).
    pub preview: Rc<Preview>,
    /// The user confirmed: apply the update.
    pub onapply: Callback<()>,
    /// The user closed the dialog: change nothing.
    pub oncancel: Callback<()>,
}

/// The preview dialog: modal, so nothing behind it changes while it is open; focus starts on
/// 确认导入 (or on 关闭 when nothing can be applied), Esc is 取消.
#[component]
pub fn ImportPreview(props: &ImportPreviewProps) -> Html {
    let preview = &props.preview;
    let blocked = !preview.problems.is_empty();
    let summary = if blocked {
        format!("“{}”中有 {} 处无法读取，请改正后重新导入；本次不做任何更改。", props.source, preview.problems.len())
    } else if preview.changes.is_empty() {
        format!("“{}”与当前测算相同，没有需要更改的数据。", props.source)
    } else {
        format!("将从“{}”更改 {} 项数据（读取了 {} 家银行）：", props.source, preview.changes.len(), preview.banks)
    };
    let can_apply = !blocked && !preview.changes.is_empty();
    let buttons = vec![
        DialogButton {
            id: "import-apply".into(),
            label: "确认导入".into(),
            kind: ButtonKind::Primary,
            disabled: !can_apply,
            onclick: props.onapply.clone(),
        },
        DialogButton {
            id: "import-cancel".into(),
            label: if blocked { "关闭" } else { "取消" }.into(),
            kind: ButtonKind::Plain,
            disabled: false,
            onclick: props.oncancel.clone(),
        },
    ];
    let focus: AttrValue = if can_apply { "import-apply" } else { "import-cancel" }.into();
    html! {
        <ModalDialog id="import-preview" class="import-preview" title="导入预览" {buttons} {focus}
            oncancel={props.oncancel.clone()}>
            <p class={classes!("summary", blocked.then_some("error"))} role={if blocked { "alert" } else { "status" }}>
                { summary }
            </p>
            if blocked {
                <ul class="problems" id="import-problems">
                    { for preview.problems.iter().map(|p| html! {
                        <li>
                            if !p.place.is_empty() { <code class="cell">{ p.place.clone() }</code> }
                            { p.message.clone() }
                        </li>
                    }) }
                </ul>
            }
            if !preview.changes.is_empty() {
                <div class="table-scroll">
                    <table class="changes" id="import-changes">
                        <thead><tr>
                            <th scope="col">{ "银行" }</th>
                            <th scope="col">{ "数据" }</th>
                            <th scope="col">{ "原值" }</th>
                            <th scope="col">{ "新值" }</th>
                            <th scope="col">{ "单元格" }</th>
                        </tr></thead>
                        <tbody>
                            { for preview.changes.iter().map(|c| html! {
                                <tr>
                                    <td>{ c.bank.clone().unwrap_or_else(|| "（设置）".to_owned()) }</td>
                                    <td>{ c.what.clone() }</td>
                                    <td class="num">{ c.before.clone() }</td>
                                    <td class="num">{ c.after.clone() }</td>
                                    <td><code>{ c.place.clone() }</code></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </ModalDialog>
    }
}
