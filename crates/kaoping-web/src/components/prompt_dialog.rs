//! The page's questions, worded: unsaved changes before a request replaces them (保存 / 不保存 /
//! 取消), a name for 另存为, and whether to overwrite a saved scenario. One [`ModalDialog`] shows
//! them all; whatever replaces the working copy (open, import, reset, later a share link) asks
//! through here.

use yew::prelude::*;

use crate::components::dialog::{ButtonKind, DialogButton, ModalDialog};
use kaoping_app::view::{Answer, Clash, Prompt, Question, Write};

/// Props of [`PromptDialog`].
#[derive(Properties, PartialEq, Debug)]
pub struct PromptDialogProps {
    /// The question and the request waiting for it.
    pub prompt: Prompt,
    /// The working copy's name, if it has one.
    pub name: Option<String>,
    /// Called with the user's answer.
    pub onanswer: Callback<Answer>,
}

fn button(
    id: &'static str,
    label: &'static str,
    kind: ButtonKind,
    onanswer: &Callback<Answer>,
    answer: Answer,
) -> DialogButton {
    DialogButton {
        id: id.into(),
        label: label.into(),
        kind,
        disabled: false,
        onclick: onanswer.reform(move |()| answer.clone()),
    }
}

/// The dialog for the open question.
#[component]
pub fn PromptDialog(props: &PromptDialogProps) -> Html {
    let typed = use_state(|| props.name.clone().unwrap_or_default());
    let onanswer = &props.onanswer;
    let oncancel = onanswer.reform(|()| Answer::Cancel);
    let cancel = || button("prompt-cancel", "取消", ButtonKind::Plain, onanswer, Answer::Cancel);

    match &props.prompt.question {
        Question::Unsaved => {
            let what = props.prompt.then.as_ref().map(|p| p.describe()).unwrap_or_else(|| "继续".to_owned());
            let whose = match &props.name {
                Some(name) => format!("“{name}”有未保存的修改。"),
                None => "当前测算（未命名）还没有保存。".to_owned(),
            };
            // Values read from a table are applied over the unsaved figures, not instead of them.
            let hint = if matches!(props.prompt.then, Some(kaoping_app::view::Pending::Apply { .. })) {
                "选“不保存”会直接把表格中的数据写在当前数字之上（可在提示中“撤销”）；选“取消”则什么也不做。"
            } else {
                "选“不保存”会丢弃这些修改；选“取消”则什么也不做。"
            };
            html! {
                <ModalDialog key="unsaved" id="prompt" title="保存修改吗？" focus={Some(AttrValue::from("prompt-save"))}
                    {oncancel}
                    buttons={vec![
                        button("prompt-save", "保存", ButtonKind::Primary, onanswer, Answer::Save),
                        button("prompt-discard", "不保存", ButtonKind::Danger, onanswer, Answer::Discard),
                        cancel(),
                    ]}>
                    <p>{ format!("{whose}{what}之前，要先保存吗？") }</p>
                    <p class="hint">{ hint }</p>
                </ModalDialog>
            }
        }
        Question::Name => {
            let name = typed.trim().to_owned();
            let oninput = {
                let typed = typed.clone();
                Callback::from(move |e: InputEvent| {
                    if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                        typed.set(input.value());
                    }
                })
            };
            let onkeydown = {
                let (onanswer, name) = (onanswer.clone(), name.clone());
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" && !name.is_empty() && !e.is_composing() {
                        e.prevent_default();
                        onanswer.emit(Answer::Name(name.clone()));
                    }
                })
            };
            let save = DialogButton {
                id: "prompt-save".into(),
                label: "保存".into(),
                kind: ButtonKind::Primary,
                disabled: name.is_empty(),
                onclick: onanswer.reform(move |()| Answer::Name(name.clone())),
            };
            let why =
                if props.prompt.then.is_some() { "先给当前测算起个名称，保存后再继续。" } else { "" };
            html! {
                <ModalDialog key="name" id="prompt" title="另存为" focus={Some(AttrValue::from("prompt-name"))}
                    {oncancel} buttons={vec![save, cancel()]}>
                    <p>{ format!("{why}已有的名称会先询问是否覆盖。") }</p>
                    <label for="prompt-name">{ "测算名称" }</label>
                    <input id="prompt-name" type="text" autocomplete="off" maxlength="100" placeholder="如：一季度预测"
                        value={(*typed).clone()} {oninput} {onkeydown} />
                </ModalDialog>
            }
        }
        Question::Overwrite { write, clash } => {
            let text = match (write, clash) {
                (Write::Save { name }, Clash::Exists) => {
                    format!("已有名为“{name}”的测算。覆盖它吗？它原来保存的数字会被当前页面上的数字替换。")
                }
                (Write::Save { name }, Clash::ChangedElsewhere) => format!(
                    "在本页面打开“{name}”之后，另一个窗口又保存过它。覆盖会用本页面的数字替换那个窗口保存的数字；也可以另存为新的名称。"
                ),
                (Write::Rename { from, to }, _) => {
                    format!("已有名为“{to}”的测算。把“{from}”改名为“{to}”会替换它原来的内容。要覆盖吗？")
                }
            };
            let mut buttons = vec![button("prompt-overwrite", "覆盖", ButtonKind::Danger, onanswer, Answer::Overwrite)];
            if matches!(write, Write::Save { .. }) {
                buttons.push(button("prompt-save-as", "另存为…", ButtonKind::Plain, onanswer, Answer::SaveAs));
            }
            buttons.push(cancel());
            html! {
                // Focus starts on 取消: the safe answer to a question about replacing something.
                <ModalDialog key="overwrite" id="prompt" title="覆盖已保存的测算？"
                    focus={Some(AttrValue::from("prompt-cancel"))} {oncancel} {buttons}>
                    <p>{ text }</p>
                </ModalDialog>
            }
        }
    }
}
