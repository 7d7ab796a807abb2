//! 通报 (issue 17): the 名单 as 黄政发〔2024〕7号 published it — the title, the scheme and its 文号, each
//! list in rank order by the published names joined with 、, notes, the date — written by the
//! spreadsheet module from the engine's `notice()` and drawn here part by part. Marked
//! 【测算结果，非正式考评结论】 until 核实完成 is ticked; 复制文本 copies it; the browser's print prints it
//! alone (print CSS: `.tab-notice`).

use kaoping_app::view::Published;
use kaoping_app::Action;
use yew::prelude::*;

/// Props of [`NoticeView`].
#[derive(Properties, PartialEq, Debug)]
pub struct NoticeViewProps {
    /// The 名单's parts, `(role, text)` (`None` while the module writes it), or why there is none.
    pub parts: Option<Published>,
    /// Whether 核实完成 is ticked.
    pub complete: bool,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// The 通报 view.
#[component]
pub fn NoticeView(props: &NoticeViewProps) -> Html {
    let complete = props.complete;
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
    html! {
        <section class="notice-view" aria-label="通报">
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
