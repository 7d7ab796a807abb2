//! The import preview: before a workbook, CSV file or pasted block changes anything, every change
//! (bank, figure, old → new, the cell it came from), every refused cell with its reason, what was
//! skipped on purpose, and the headings the reader could not place, each with a choice of what it
//! is (a figure of the field table, or 不读取) that reads the file again.
//!
//! Applying is all or nothing (确认导入). When some cells are refused and the rest can be read, the
//! user may choose to import the rest (导入其余 N 项) and download the refused cells as a list
//! (下载未导入清单). While the file is read again, nothing can be applied.

use std::rc::Rc;

use kaoping_app::view::Heading;
use kaoping_app::Action;
use kaoping_engine::{Field, Section};
use kaoping_sheets::{MapTo, Preview};
use yew::prelude::*;

use crate::components::dialog::{ButtonKind, DialogButton, ModalDialog};

/// Props of [`ImportPreview`].
#[derive(Properties, PartialEq, Debug)]
pub struct ImportPreviewProps {
    /// Where the values come from (a file name, `粘贴内容`).
    pub source: AttrValue,
    /// What applying would do (`Update::preview`, worked out by the spreadsheet worker).
    pub preview: Rc<Preview>,
    /// The headings the reader could not place, with what the user said each is.
    #[prop_or_default]
    pub headings: Rc<Vec<Heading>>,
    /// Whether the file is being read again (with a heading just placed): nothing can be applied.
    #[prop_or_default]
    pub busy: bool,
    /// Whether the worker sent the scenario with the rest applied (`SheetImport::rest`): 导入其余 is
    /// offered only then, so it never does nothing.
    #[prop_or_default]
    pub rest_ready: bool,
    /// Changes the state: `ApplyPreview`, `ApplyRest`, `DownloadRefused`, `MapHeading`,
    /// `ForgetHeading`, `ClosePreview`.
    pub dispatch: Callback<Action>,
}

/// The preview dialog: modal, so nothing behind it changes while it is open; focus starts on
/// 确认导入 (or on 关闭 when nothing can be applied), Esc is 取消.
#[component]
pub fn ImportPreview(props: &ImportPreviewProps) -> Html {
    let preview = &props.preview;
    let source = &props.source;
    let refused = preview.problems.len();
    let whole_file = preview.problems.iter().any(kaoping_sheets::Problem::is_whole_file);
    let changes = preview.changes.len();
    let rest = preview.rest_possible && props.rest_ready && !whole_file;
    // 汇总's conflicts are declarations read well that disagree: settled by a choice below, not by
    // correcting a file.
    let conflicts = preview.conflicts.min(refused);
    let unread = refused - conflicts;
    // What is refused, its remedy, and the heading over the list of it.
    let (what, remedy, refused_heading) = match (unread, conflicts) {
        (_, 0) => (format!("{refused} 处无法读取"), "改正这些单元格再重新导入", format!("无法读取（{refused} 处）")),
        (0, _) => (format!("{conflicts} 处申报冲突"), "在下方选定应计入的一份", format!("申报冲突（{conflicts} 处）")),
        _ => (
            format!("{unread} 处无法读取、{conflicts} 处申报冲突"),
            "改正无法读取的单元格并选定冲突的申报",
            format!("无法读取或冲突（{refused} 处）"),
        ),
    };
    let summary = if props.busy {
        format!("正在按所选的表头重新读取“{source}”……")
    } else if refused > 0 && rest {
        format!("“{source}”中有 {what}。全部导入须先{remedy}；也可以只导入其余 {changes} 项，其他数据保持原样。")
    } else if refused > 0 {
        format!("“{source}”中有 {what}，请{remedy}；本次不做任何更改。")
    } else if changes == 0 {
        format!("“{source}”与当前测算相同，没有需要更改的数据。")
    } else {
        format!("将从“{source}”更改 {changes} 项数据（读取了 {} 家银行）：", preview.banks)
    };
    let can_apply = !props.busy && refused == 0 && changes > 0;
    // One closure for every button (a closure per button would each be compiled apart).
    let act = |n: u8| {
        props.dispatch.reform(move |()| match n {
            0 => Action::ApplyPreview,
            1 => Action::ApplyRest,
            2 => Action::DownloadRefused,
            _ => Action::ClosePreview,
        })
    };
    let close = if refused > 0 { "关闭" } else { "取消" };
    let mut buttons = Vec::with_capacity(4);
    let mut button = |n: u8, id: &'static str, label: AttrValue, disabled: bool| {
        let kind = if n == 0 { ButtonKind::Primary } else { ButtonKind::Plain };
        buttons.push(DialogButton { id: id.into(), label, kind, disabled, onclick: act(n) });
    };
    button(0, "import-apply", "确认导入".into(), !can_apply);
    if rest {
        button(1, "import-rest", format!("导入其余 {changes} 项").into(), props.busy);
    }
    if refused > 0 && !whole_file {
        button(2, "import-refused", "下载未导入清单".into(), props.busy);
    }
    button(3, "import-cancel", close.into(), false);
    let focus: AttrValue = if can_apply { "import-apply" } else { "import-cancel" }.into();
    let heading = |text: String| html! { <h3 class="import-part">{ text }</h3> };
    html! {
        <ModalDialog id="import-preview" class="import-preview" title="导入预览" {buttons} {focus} oncancel={act(3)}>
            <p id="import-summary" class={classes!("import-summary", (refused > 0 && !props.busy).then_some("error"))}
                role={if refused > 0 { "alert" } else { "status" }}>
                { summary }
            </p>
            if !props.headings.is_empty() {
                { heading("无法识别的表头".to_owned()) }
                <p class="hint">
                    { "请指明每一列是哪项数据，或选“不读取”，文件随即按所选重新读取。所选对应记在本浏览器中，下次导入同样的表头时自动使用。" }
                </p>
                <ul class="heading-map" id="import-headings">
                    { for props.headings.iter().enumerate().map(|(i, h)| heading_row(i, h, &props.dispatch)) }
                </ul>
            }
            if refused > 0 {
                if changes > 0 { { heading(refused_heading) } }
                <ul class="problems" id="import-problems">{ cells(&preview.problems) }</ul>
                if !preview.choices.is_empty() {
                    <p class="import-choices" id="import-choices">
                        { for preview.choices.iter().map(|c| {
                            let choice = c.resolution.clone();
                            html! {
                                <button type="button" disabled={props.busy}
                                    onclick={props.dispatch.reform(move |_| Action::PickDeclaration(choice.clone()))}>
                                    { c.label.clone() }
                                </button>
                            }
                        }) }
                    </p>
                }
            }
            if changes > 0 {
                if refused > 0 { { heading(format!("可以导入（{changes} 项）")) } }
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
            if !preview.notes.is_empty() {
                <ul class="notes" id="import-notes" aria-label="读取说明">{ cells(&preview.notes) }</ul>
            }
        </ModalDialog>
    }
}

/// Refused cells or notes, each with its cell (none for the whole file) and why.
fn cells(list: &[kaoping_sheets::Problem]) -> Html {
    list.iter()
        .map(|p| {
            html! {
                <li>
                    if !p.place.is_empty() { <code class="cell">{ p.place.clone() }</code> }
                    { p.message.clone() }
                </li>
            }
        })
        .collect()
}

/// One heading the reader could not place: its text and cell, what it is read as, and 忘记 when this
/// browser remembers that.
fn heading_row(index: usize, heading: &Heading, dispatch: &Callback<Action>) -> Html {
    let id = format!("import-map-{index}");
    let text = heading.heading.clone();
    let onchange = dispatch.reform(move |event: Event| {
        let value = event.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        Action::MapHeading(text.clone(), MapTo::from_key(&value))
    });
    let forget = heading.heading.clone();
    let onforget = dispatch.reform(move |_: MouseEvent| Action::ForgetHeading(forget.clone()));
    let option = |to: MapTo, label: &str| {
        html! { <option value={to.key()} selected={heading.to == Some(to)}>{ label.to_owned() }</option> }
    };
    html! {
        <li>
            <label for={id.clone()}>
                <span class="heading-text">{ heading.heading.clone() }</span>
                if !heading.place.is_empty() { <code class="place">{ heading.place.clone() }</code> }
            </label>
            <select id={id} {onchange}>
                <option value="" selected={heading.to.is_none()}>{ "（请选择）" }</option>
                { option(MapTo::Ignore, "不读取") }
                { for Section::ALL.into_iter().map(|section| html! {
                    <optgroup label={section.title()}>
                        { for section.fields().map(|field: Field| option(MapTo::Figure(field), field.label())) }
                    </optgroup>
                }) }
            </select>
            if heading.remembered {
                <span class="remembered">{ "本浏览器已记住" }</span>
                <button type="button" class="link" onclick={onforget}>{ "忘记" }</button>
            }
        </li>
    }
}
