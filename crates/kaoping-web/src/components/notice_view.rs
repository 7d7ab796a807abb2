//! 核实 and 通报 (issue 17), in the order of 三、考评组织 ("各银行业金融机构申报，考评小组负责核实，市政府
//! 审定实施"):
//!
//! - **核实**: a bank's declared figure replaced by the verified one (人民银行金融统计口径) with a
//!   reason (`Action::Verify`: read as the figure's box reads it; the declaration is kept), or put
//!   back (`Action::Unverify`). The form's boxes are read when a button is pressed and keep what was
//!   typed. Not printed.
//! - **通报**: the 名单 as 黄政发〔2024〕7号 published it — the title, the scheme and its 文号, each list
//!   in rank order by the published names joined with 、, notes, the date — written by the spreadsheet
//!   module from the engine's `notice()` and drawn here part by part; below it, where figures were
//!   verified, the module's 核实 lines (each verified figure, the banks it moved, every bank as
//!   declared against as verified), shown but never printed or copied. Marked
//!   【测算结果，非正式考评结论】 until 核实完成 is ticked; 复制文本 copies it; the browser's print prints
//!   the 名单 alone (print CSS: `.tab-notice`).

use kaoping_app::view::Published;
use kaoping_app::Action;
use kaoping_engine::Field;
use yew::prelude::*;

use crate::components::SchemeRef;

/// Props of [`NoticeView`].
#[derive(Properties, PartialEq, Debug)]
pub struct NoticeViewProps {
    /// The scheme (its banks, for 核实).
    pub scheme: SchemeRef,
    /// The bank shown on 本行测算, which 核实's form starts with.
    pub bank: AttrValue,
    /// The 名单's parts, `(role, text)` (`None` while the module writes it), or why there is none.
    pub parts: Option<Published>,
    /// Whether 核实完成 is ticked.
    pub complete: bool,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// The 核实与通报 view.
#[component]
pub fn NoticeView(props: &NoticeViewProps) -> Html {
    let complete = props.complete;
    let boxes = [use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref()];
    // 核实's bank, figure, value and reason, as they are when a button is pressed.
    let read = {
        let boxes = boxes.clone();
        move || {
            let [bank, field, value, reason] = boxes.clone().map(|b| {
                b.cast::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .or_else(|| b.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()))
                    .unwrap_or_default()
            });
            (bank, Field::from_key(&field).unwrap_or(Field::Loans), value, reason)
        }
    };
    let onsubmit = {
        let read = read.clone();
        props.dispatch.reform(move |e: SubmitEvent| {
            e.prevent_default();
            let (bank, field, value, reason) = read();
            Action::Verify { bank, field, value, reason }
        })
    };
    let onundo = props.dispatch.reform(move |_| {
        let (bank, field, _, _) = read();
        Action::Unverify(bank, field)
    });
    let list = match &props.parts {
        None => html! { <p class="hint" role="status">{ "正在生成名单……" }</p> },
        Some(Err(message)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Some(Ok(parts)) => parts
            .iter()
            .map(|(role, text)| match role.as_str() {
                "title" => html! { <h2 id="notice-title">{ text.clone() }</h2> },
                "heading" => html! { <h3>{ text.clone() }</h3> },
                "text" => Html::default(),
                _ => html! { <p class={format!("notice-{role}")}>{ text.clone() }</p> },
            })
            .collect(),
    };
    let [bank, field, value, reason] = boxes;
    html! {
        <section class="notice-view" aria-label="核实与通报">
            <form id="verify-form" class="verify" {onsubmit}>
                <h2>{ "核实" }</h2>
                <p class="hint">{ "按人民银行金融统计口径核实申报数：核实数计分，申报数和说明保留（见名单下方）。" }</p>
                <select id="verify-bank" aria-label="银行" ref={bank}>
                    { for props.scheme.banks.iter().map(|b| html! {
                        <option value={b.id.clone()} selected={b.id == props.bank.as_str()}>{ b.short_name.clone() }</option>
                    }) }
                </select>
                <select id="verify-field" aria-label="数据项" ref={field}>
                    { for Field::ALL.iter().filter(|f| f.is_declared()).map(|f| html! { <option value={f.key()} selected={*f == Field::Loans}>{ f.label() }</option> }) }
                </select>
                <input id="verify-value" aria-label="核实数" placeholder="核实数" ref={value} />
                <input id="verify-reason" aria-label="核实说明（必填）" placeholder="核实说明（必填）" ref={reason} />
                <button type="submit" id="verify-apply">{ "核实" }</button>
                <button type="button" id="verify-undo" onclick={onundo}>{ "撤销核实" }</button>
            </form>
            <p class="notice-actions">
                <button type="button" id="notice-copy" onclick={props.dispatch.reform(|_| Action::CopyNotice)}>{ "复制文本" }</button>
                <span class="hint">{ " 打印：用浏览器的打印（Ctrl+P），只打印名单。" }</span>

                <label>
                    <input type="checkbox" id="notice-complete" checked={complete}
                        onchange={props.dispatch.reform(move |_| Action::SetVerificationComplete(!complete))} />
                    { " 核实完成（名单不再标注“测算结果，非正式考评结论”）" }
                </label>
            </p>
            <article id="notice-document" class="notice-document">{ list }</article>
        </section>
    }
}
