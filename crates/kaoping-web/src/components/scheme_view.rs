//! 规则与设置 › 考评方案: the scheme in force, a scheme file picked (its refusal, or how it differs from
//! the scheme in force), 采用 and 恢复内置方案. Props in, `Html` out: reading the file and comparing the
//! schemes is `kaoping_app::scheme`'s, done by the reducer.

use kaoping_app::scheme::{SchemeFile, SchemeSummary};
use kaoping_app::Action;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;

/// The 考评方案 section: `in_force` the scheme in force, `file` the scheme file picked (if any),
/// `onpick` called with the file the user picked. A plain function rather than a component: the
/// settings view draws it, and a component of its own costs the page's first load more than it saves.
pub fn scheme_view(
    in_force: &SchemeSummary,
    file: Option<&SchemeFile>,
    onpick: &Callback<web_sys::File>,
    dispatch: &Callback<Action>,
) -> Html {
    let on_restore = dispatch.reform(|_: MouseEvent| Action::RestoreBuiltinScheme);
    html! {
        <section class="settings-section" id="scheme-section">
            <h2>{ "考评方案" }</h2>
            <p class="hint">
                { "新年度办法印发后，载入按其制作的方案文件（kaoping scheme new），核对差异后采用；本机记住所采用的方案，测算都按它计算。" }
            </p>
            { summary(Some("scheme-in-force-label"), "现行方案", in_force) }
            <div class="tool-group">
                <FilePicker id="scheme-open" input_id="scheme-file" label="载入方案文件…"
                    input_label="选择考评方案文件" accept=".json,application/json" onpick={onpick.clone()} />
                if !in_force.builtin {
                    <button type="button" id="scheme-restore" onclick={on_restore}>{ "恢复内置2024年度方案" }</button>
                }
            </div>
            { for file.map(|file| file_view(file, dispatch)) }
        </section>
    }
}

/// A scheme in words: its name and fingerprint, bands and banks; the same list shows the scheme in
/// force and a file picked. `label` is the id of the name's box (the e2e reads the scheme in force's).
fn summary(label: Option<&'static str>, what: &str, s: &SchemeSummary) -> Html {
    let builtin = if s.builtin { "（内置）" } else { "" };
    let rows = [
        (what.to_owned(), format!("{}《{}》{} {builtin}方案指纹 {}", s.label, s.title, s.issued, s.fingerprint)),
        ("档次".to_owned(), s.bands.join("；")),
        (format!("考评对象（{} 家）", s.banks.len()), s.banks.join("、")),
    ];
    html! {
        <dl class="scheme-in-force">
            { for rows.into_iter().enumerate().map(|(i, (dt, dd))| html! {
                <><dt>{ dt }</dt><dd id={label.filter(|_| i == 0)}>{ dd }</dd></>
            }) }
        </dl>
    }
}

/// A list of lines under a heading, or nothing when there are none.
fn lines(heading: &str, id: &'static str, lines: &[String]) -> Html {
    if lines.is_empty() {
        return Html::default();
    }
    html! {
        <><h3>{ heading }</h3><ul {id}>{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></>
    }
}

fn file_view(file: &SchemeFile, dispatch: &Callback<Action>) -> Html {
    let on_close = dispatch.reform(|_: MouseEvent| Action::CloseScheme);
    let on_adopt = dispatch.reform(|_: MouseEvent| Action::AdoptScheme);
    let name = &file.file_name;
    let (class, role, body, adopt, hint) = match &file.read {
        Err(why) => (
            "scheme-file refused",
            "alert",
            html! { <p id="scheme-refusal">{ format!("“{name}”不能采用：{why}") }</p> },
            None,
            "现行方案未作任何改变。请改正后重新载入（kaoping scheme check 可逐项检查）。",
        ),
        Ok(p) => (
            "scheme-file",
            "region",
            html! { <>
                { summary(None, name, &p.summary) }
                // The scheme in force has no differences from itself.
                if p.differences.is_empty() {
                    <p id="scheme-same">{ if p.in_force { "这就是现行方案，无需采用。" } else { "与现行方案的内容相同。" } }</p>
                }
                { lines("与现行方案的差异", "scheme-differences", &p.differences) }
                { lines("请注意", "scheme-notes", &p.notes) }
                { lines("附件数字核对（仅提示）", "scheme-checks", &p.checks) }
            </> },
            (!p.in_force).then(|| format!("采用{}方案", p.summary.label)),
            "采用后页面按新方案重新打开，未保存的修改仍保留；可随时恢复内置方案。",
        ),
    };
    html! {
        <div {class} id="scheme-preview" {role} aria-label="方案文件预览">
            { body }
            <div class="tool-group">
                if let Some(text) = adopt {
                    <button type="button" id="scheme-adopt" class="primary" onclick={on_adopt}>{ text }</button>
                }
                <button type="button" id="scheme-close" onclick={on_close}>{ "关闭" }</button>
            </div>
            <p class="hint">{ hint }</p>
        </div>
    }
}
