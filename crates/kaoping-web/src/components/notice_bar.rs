//! The message above the page: what was saved, opened, imported or refused, and what another tab
//! did to the scenario open here.

use yew::prelude::*;

use kaoping_app::view::{Level, Notice};

/// Props of [`NoticeBar`].
#[derive(Properties, PartialEq, Debug)]
pub struct NoticeBarProps {
    /// The message, if there is one.
    pub notice: Option<Notice>,
    /// Called when the user closes the message.
    pub ondismiss: Callback<()>,
    /// Called by 撤销, shown when the message is about an import that can be undone.
    #[prop_or_default]
    pub onundo: Callback<()>,
    /// Called by 下载未导入清单, shown when the message is about a partial import.
    #[prop_or_default]
    pub onrefused: Callback<()>,
}

/// A dismissable message; errors are announced at once, other messages politely.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let Some(notice) = &props.notice else {
        // The live region stays in the page so that screen readers notice the next message.
        return html! { <div class="notice-slot" aria-live="polite"></div> };
    };
    let (class, role) = match notice.level {
        Level::Info => ("notice info", "status"),
        Level::Warning => ("notice warning", "alert"),
        Level::Error => ("notice error", "alert"),
    };
    let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice-slot" aria-live="polite">
            <div class={classes!(class, notice.refused.is_some().then_some("with-actions"))} role={role} id="notice">
                <span class="notice-text">{ notice.text.clone() }</span>
                if notice.refused.is_some() {
                    <button type="button" class="link" id="notice-refused" onclick={props.onrefused.reform(|_: MouseEvent| ())}>{ "下载未导入清单" }</button>
                }
                if notice.undo.is_some() {
                    <button type="button" class="link" id="notice-undo" onclick={props.onundo.reform(|_: MouseEvent| ())}>{ "撤销" }</button>
                }
                <button type="button" class="link" onclick={ondismiss} aria-label="关闭提示">{ "关闭" }</button>
            </div>
        </div>
    }
}
