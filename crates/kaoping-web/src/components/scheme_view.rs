//! 规则与设置 › 考评方案: the scheme in force, a scheme file picked (its refusal, or how it differs from
//! the scheme in force), 采用 and 恢复内置方案. Props in, `Html` out: reading the file and comparing the
//! schemes is `kaoping_app::scheme`'s, done by the reducer.

use std::rc::Rc;

use kaoping_app::scheme::{SchemeFile, SchemePreview, SchemeSummary};
use kaoping_app::Action;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;

/// Props of [`SchemeView`].
#[derive(Properties, PartialEq, Debug)]
pub struct SchemeViewProps {
    /// The scheme in force.
    pub in_force: Rc<SchemeSummary>,
    /// The scheme file picked, if any.
    pub file: Option<Rc<SchemeFile>>,
    /// Called with the file the user picked.
    pub onpick: Callback<web_sys::File>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// The 考评方案 section.
#[component]
pub fn SchemeView(props: &SchemeViewProps) -> Html {
    let in_force = &props.in_force;
    let on_restore = props.dispatch.reform(|_: MouseEvent| Action::RestoreBuiltinScheme);
    html! {
        <section class="settings-section" id="scheme-section">
            <h2>{ "考评方案" }</h2>
            <p class="hint">
                { "测算所依据的考评办法（考评对象名单、附件任务和各项分值）。新年度的办法印发后，可载入按其制作的方案文件（kaoping-scheme/1，用命令行 kaoping scheme new 制作、scheme check 检查），核对差异后采用；采用后本机浏览器记住此选择，已保存的测算都按采用的方案计算。" }
            </p>
            <dl class="scheme-in-force" id="scheme-in-force">
                <dt>{ "现行方案" }</dt>
                <dd id="scheme-in-force-label">
                    { format!("{}《{}》", in_force.label, in_force.title) }
                    if in_force.builtin { <span class="default-tag">{ "（内置）" }</span> }
                </dd>
                <dt>{ "方案指纹" }</dt>
                <dd><code id="scheme-in-force-fingerprint">{ in_force.fingerprint.clone() }</code></dd>
                <dt>{ "档次" }</dt>
                <dd>{ in_force.bands.join("；") }</dd>
                <dt>{ format!("考评对象（{} 家）", in_force.banks.len()) }</dt>
                <dd class="scheme-banks">{ in_force.banks.join("、") }</dd>
            </dl>
            <div class="scheme-actions">
                <FilePicker id="scheme-open" input_id="scheme-file" label="载入方案文件…"
                    input_label="选择考评方案文件" accept=".json,application/json" onpick={props.onpick.clone()} />
                if !in_force.builtin {
                    <button type="button" id="scheme-restore" onclick={on_restore}>{ "恢复内置2024年度方案" }</button>
                }
            </div>
            { for props.file.as_ref().map(|file| file_view(file, &props.dispatch)) }
        </section>
    }
}

fn file_view(file: &SchemeFile, dispatch: &Callback<Action>) -> Html {
    let on_close = dispatch.reform(|_: MouseEvent| Action::CloseScheme);
    match &file.read {
        Err(why) => html! {
            <div class="scheme-file refused" id="scheme-preview" role="alert">
                <p><strong>{ format!("“{}”不能采用：", file.file_name) }</strong></p>
                <p id="scheme-refusal">{ why.clone() }</p>
                <p class="hint">{ "现行方案未作任何改变。请改正文件后重新载入（命令行 kaoping scheme check 文件 可逐项检查）。" }</p>
                <button type="button" id="scheme-close" onclick={on_close}>{ "关闭" }</button>
            </div>
        },
        Ok(preview) => preview_view(&file.file_name, preview, dispatch, on_close),
    }
}

fn preview_view(
    file_name: &str,
    p: &SchemePreview,
    dispatch: &Callback<Action>,
    on_close: Callback<MouseEvent>,
) -> Html {
    let on_adopt = dispatch.reform(|_: MouseEvent| Action::AdoptScheme);
    let list = |id: &'static str, lines: &[String]| {
        html! { <ul {id}>{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul> }
    };
    html! {
        <div class="scheme-file" id="scheme-preview" role="region" aria-label="方案文件预览">
            <p><strong>{ format!("“{file_name}”：{}《{}》", p.summary.label, p.summary.title) }</strong></p>
            <p class="explanation">{ format!("{}　方案指纹 {}", p.summary.issued, p.summary.fingerprint) }</p>
            if p.in_force {
                <p id="scheme-same">{ "这就是现行方案，无需采用。" }</p>
            } else if p.differences.is_empty() {
                <p id="scheme-same">{ "与现行方案的内容相同。" }</p>
            } else {
                <h3>{ "与现行方案的差异" }</h3>
                { list("scheme-differences", &p.differences) }
            }
            <h3>{ "档次" }</h3>
            <p>{ p.summary.bands.join("；") }</p>
            <h3>{ format!("考评对象（{} 家）", p.summary.banks.len()) }</h3>
            <p class="scheme-banks">{ p.summary.banks.join("、") }</p>
            if !p.notes.is_empty() {
                <h3>{ "请注意" }</h3>
                { list("scheme-notes", &p.notes) }
            }
            if !p.checks.is_empty() {
                <h3>{ "附件数字核对（仅提示）" }</h3>
                { list("scheme-checks", &p.checks) }
            }
            <div class="scheme-actions">
                if !p.in_force {
                    <button type="button" id="scheme-adopt" class="primary" onclick={on_adopt}>
                        { format!("采用{}方案", p.summary.label) }
                    </button>
                }
                <button type="button" id="scheme-close" onclick={on_close}>{ "取消" }</button>
            </div>
            if !p.in_force {
                <p class="hint">{ "采用后页面按新方案重新打开；未保存的修改仍保留，按新方案计算。可随时恢复内置2024年度方案。" }</p>
            }
        </div>
    }
}
