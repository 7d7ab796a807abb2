//! One figure box: a label tied to the input, the unit beside it, the reason beside it when the
//! text is refused (with the figure that still counts), and the engine's doubt when the figure looks
//! wrong. The box always shows what the user typed; the figure that counts is the last valid one,
//! kept by the state.
//!
//! Esc puts back the text the box had when it was focused, as a spreadsheet cell does.

use kaoping_app::FieldId;
use kaoping_engine::Unit;
use yew::prelude::*;

/// Props of [`NumberField`]. Every prop compares cheaply, and the callback is the same for every box of
/// a view, so a box whose text, message and doubt did not change is not drawn again.
#[derive(Properties, PartialEq, Debug)]
pub struct NumberFieldProps {
    /// The figure the box edits.
    pub field: FieldId,
    /// The input's element id; the label and the messages refer to it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// Words read before the label by screen readers only (the row or bank the box belongs to),
    /// so that a short visible label such as "2024年末" is still unambiguous.
    #[prop_or_default]
    pub context: AttrValue,
    /// The text in the box.
    pub text: AttrValue,
    /// Why the text is not used, in Chinese (the reader's own words); `None` when it is fine.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// What still counts while the text is refused (`仍按 300.00 亿元计算`, `仍为空`), written after
    /// the reason.
    #[prop_or_default]
    pub counting: AttrValue,
    /// The engine's doubt about the figure (`kaoping_engine::doubts`): a warning, not a refusal.
    #[prop_or_default]
    pub doubt: Option<AttrValue>,
    /// The unit written after the box; none in tables, where the column header says it.
    #[prop_or_default]
    pub unit: Option<Unit>,
    /// What an empty box means (e.g. the figure the engine assumes).
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Called with the box's figure and its whole text on every input event (and with the old text on
    /// Esc).
    pub onedit: Callback<(FieldId, String)>,
    /// Hides the visible label (in tables, where the column header says it); screen readers still
    /// read it. A compact box selects its text when focused, as a spreadsheet cell does, so typing
    /// replaces it.
    #[prop_or_default]
    pub compact: bool,
}

/// A labelled figure box with its unit, its error message and its doubt.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    // The text when the box was focused, for Esc.
    let on_focus_text = use_mut_ref(|| None::<String>);
    let oninput = {
        let (callback, field) = (props.onedit.clone(), props.field.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                callback.emit((field.clone(), input.value()));
            }
        })
    };
    let onfocus = {
        let (on_focus_text, compact) = (on_focus_text.clone(), props.compact);
        Callback::from(move |event: FocusEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                *on_focus_text.borrow_mut() = Some(input.value());
                if compact {
                    input.select();
                }
            }
        })
    };
    let onblur = {
        let on_focus_text = on_focus_text.clone();
        Callback::from(move |_: FocusEvent| *on_focus_text.borrow_mut() = None)
    };
    let onkeydown = {
        let (callback, on_focus_text, field) = (props.onedit.clone(), on_focus_text, props.field.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() != "Escape" {
                return;
            }
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            let Some(old) = on_focus_text.borrow().clone() else { return };
            if input.value() != old {
                event.prevent_default();
                input.set_value(&old);
                input.select();
                callback.emit((field.clone(), old));
            }
        })
    };
    let message_id = format!("{}-msg", props.id);
    let doubt_id = format!("{}-doubt", props.id);
    let invalid = props.error.is_some();
    let described: Vec<&str> =
        [invalid.then_some(message_id.as_str()), props.doubt.is_some().then_some(doubt_id.as_str())]
            .into_iter()
            .flatten()
            .collect();
    let unit = props.unit.map_or("", Unit::symbol);
    html! {
        <div class={classes!(
            "field",
            invalid.then_some("invalid"),
            props.doubt.is_some().then_some("doubtful"),
            props.compact.then_some("compact"),
        )}>
            <label for={props.id.clone()} class={classes!(props.compact.then_some("sr-only"))}>
                if !props.context.is_empty() {
                    <span class="sr-only">{ format!("{} ", props.context) }</span>
                }
                { props.label.clone() }
            </label>
            <span class="input-unit">
                <input
                    id={props.id.clone()}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    value={props.text.clone()}
                    placeholder={props.placeholder.clone()}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
                    {oninput}
                    {onfocus}
                    {onblur}
                    {onkeydown}
                />
                if !unit.is_empty() {
                    <span class="unit" aria-hidden="true">{ unit }</span>
                }
            </span>
            // Not a live region: the message is tied to the box (aria-describedby) and read when the
            // box is; what is announced as typing pauses is the main result only.
            if let Some(error) = &props.error {
                <span class="field-error" id={message_id}>
                    { error.clone() }
                    if !props.counting.is_empty() {
                        <span class="counting">{ format!("；{}", props.counting) }</span>
                    }
                </span>
            }
            if let Some(doubt) = &props.doubt {
                <span class="field-doubt" id={doubt_id} title={doubt.clone()}>
                    <span class="doubt-mark" aria-hidden="true">{ "⚠" }</span>
                    <span class="doubt-text">{ doubt.clone() }</span>
                </span>
            }
        </div>
    }
}
