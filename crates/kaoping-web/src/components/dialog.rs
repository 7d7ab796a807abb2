//! A modal dialog: the browser's own `<dialog>` opened with `showModal()`, so the page behind it is
//! inert to the mouse, the keyboard and screen readers. Focus starts on a chosen element, Tab and
//! Shift+Tab cycle inside the dialog, Esc is 取消, and focus goes back where it was when it closes.
//!
//! It knows nothing of scenarios: the questions are worded by `prompt_dialog`.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// How a button looks, which says what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonKind {
    /// The suggested answer.
    Primary,
    /// An answer that loses or replaces something.
    Danger,
    /// Any other answer.
    Plain,
}

/// One button of a dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogButton {
    /// Its element id.
    pub id: AttrValue,
    /// Its label.
    pub label: AttrValue,
    /// How it looks.
    pub kind: ButtonKind,
    /// Whether it can be pressed now.
    pub disabled: bool,
    /// Called when it is pressed.
    pub onclick: Callback<()>,
}

/// Props of [`ModalDialog`].
#[derive(Properties, PartialEq, Debug)]
pub struct ModalDialogProps {
    /// The dialog's element id; its title and body get `-title` and `-body` after it.
    pub id: AttrValue,
    /// The title, read first by screen readers.
    pub title: AttrValue,
    /// The body: the question, and any field it needs.
    pub children: Html,
    /// The buttons, in order.
    pub buttons: Vec<DialogButton>,
    /// The element id that gets the focus when the dialog opens (else the first button).
    #[prop_or_default]
    pub focus: Option<AttrValue>,
    /// Called on Esc (and when the browser closes the dialog by itself).
    pub oncancel: Callback<()>,
    /// A class of its own besides `modal` (a wider dialog, say).
    #[prop_or_default]
    pub class: Option<AttrValue>,
}

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// The elements Tab can reach inside `root`, in order.
fn focusables(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.dyn_into::<HtmlElement>().ok()).collect()
}

/// The element as a `<dialog>` the browser knows, checked (`instanceof`; `NodeRef::cast` does not
/// check): Firefox before 98 has no `HTMLDialogElement`, and calling `showModal` or `close` there
/// would throw through the wasm.
fn real_dialog(node: &NodeRef) -> Option<web_sys::HtmlDialogElement> {
    node.get()?.dyn_into::<web_sys::HtmlDialogElement>().ok()
}

/// A modal dialog, open while it is rendered.
#[component]
pub fn ModalDialog(props: &ModalDialogProps) -> Html {
    let dialog = use_node_ref();
    // Set when the dialog is closed because it is going away, so that its `close` event is not
    // taken for the user's Esc.
    let leaving = use_mut_ref(|| false);

    {
        let (dialog, leaving) = (dialog.clone(), leaving.clone());
        let focus = props.focus.clone();
        use_effect_with((), move |()| {
            let before = gloo::utils::document().active_element();
            let shown = match real_dialog(&dialog) {
                Some(element) => {
                    if element.show_modal().is_err() {
                        // Not attached or already open: shown anyway, the keyboard handling still holds.
                        element.set_open(true);
                    }
                    Some(element.unchecked_into::<Element>())
                }
                // A browser without <dialog> (Firefox before 98, so ESR 78 and 91): the element is
                // drawn over the page by the stylesheet (`dialog.modal[data-fallback]`), and the focus
                // and the keys below work as in a real one; only the page behind stays clickable.
                None => dialog.cast::<Element>().inspect(|element| {
                    let _ = element.set_attribute("open", "");
                    let _ = element.set_attribute("data-fallback", "");
                }),
            };
            if let Some(element) = shown {
                let target = focus
                    .and_then(|id| element.query_selector(&format!("#{id}")).ok().flatten())
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                    .or_else(|| focusables(&element).into_iter().next());
                if let Some(target) = target {
                    let _ = target.focus();
                }
            }
            move || {
                // Closed first: while it is open the page behind it is inert and cannot take the
                // focus, which goes back to where it was.
                *leaving.borrow_mut() = true;
                if let Some(element) = real_dialog(&dialog) {
                    element.close();
                }
                if let Some(before) = before.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    if before.is_connected() {
                        let _ = before.focus();
                    }
                }
            }
        });
    }

    let onkeydown = {
        let (dialog, oncancel) = (dialog.clone(), props.oncancel.clone());
        Callback::from(move |event: KeyboardEvent| {
            let Some(root) = dialog.cast::<Element>() else { return };
            match event.key().as_str() {
                "Escape" => {
                    event.prevent_default();
                    oncancel.emit(());
                }
                "Tab" => {
                    // Focus stays inside: past the last element it wraps to the first, and back.
                    let items = focusables(&root);
                    let (Some(first), Some(last)) = (items.first(), items.last()) else {
                        event.prevent_default();
                        return;
                    };
                    let active = gloo::utils::document().active_element();
                    let at = |item: &HtmlElement| active.as_ref().is_some_and(|a| a == item.unchecked_ref::<Element>());
                    let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
                    if event.shift_key() && (at(first) || !inside) {
                        event.prevent_default();
                        let _ = last.focus();
                    } else if !event.shift_key() && (at(last) || !inside) {
                        event.prevent_default();
                        let _ = first.focus();
                    }
                }
                _ => {}
            }
        })
    };
    // The browser's own close request (Esc when it does not let the page keep the dialog open).
    let oncancel_event = {
        let oncancel = props.oncancel.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            oncancel.emit(());
        })
    };
    let onclose = {
        let (oncancel, leaving) = (props.oncancel.clone(), leaving.clone());
        Callback::from(move |_: Event| {
            if !*leaving.borrow() {
                oncancel.emit(());
            }
        })
    };

    let title_id = format!("{}-title", props.id);
    let body_id = format!("{}-body", props.id);
    html! {
        <dialog ref={dialog} id={props.id.clone()} class={classes!("modal", props.class.clone())} aria-labelledby={title_id.clone()}
            aria-describedby={body_id.clone()} {onkeydown} oncancel={oncancel_event} {onclose}>
            <h2 id={title_id} class="modal-title">{ props.title.clone() }</h2>
            <div id={body_id} class="modal-body">{ props.children.clone() }</div>
            <div class="modal-buttons">
                { for props.buttons.iter().map(|button| {
                    let class = match button.kind {
                        ButtonKind::Primary => Some("primary"),
                        ButtonKind::Danger => Some("danger"),
                        ButtonKind::Plain => None,
                    };
                    let onclick = button.onclick.reform(|_: MouseEvent| ());
                    html! {
                        <button type="button" id={button.id.clone()} class={classes!(class)}
                            disabled={button.disabled} {onclick}>{ button.label.clone() }</button>
                    }
                }) }
            </div>
        </dialog>
    }
}
