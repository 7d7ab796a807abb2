//! One figure box: a label tied to the input, the unit beside it, and the reason beside it when the
//! text is refused. The box always shows what the user typed; the figure that counts is the last
//! valid one, kept by the state.

use yew::prelude::*;

use kaoping_engine::Unit;

/// Props of [`NumberField`].
#[derive(Properties, PartialEq, Debug)]
pub struct NumberFieldProps {
    /// The input's element id; the label and the message refer to it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// Words read before the label by screen readers only (the row or bank the box belongs to),
    /// so that a short visible label such as "2024年末" is still unambiguous.
    #[prop_or_default]
    pub context: AttrValue,
    /// The text in the box.
    pub text: AttrValue,
    /// Why the text is not used, in Chinese; `None` when it is fine.
    #[prop_or_default]
    pub error: Option<String>,
    /// The unit written after the box; none in tables, where the column header says it.
    #[prop_or_default]
    pub unit: Option<Unit>,
    /// What an empty box means (e.g. the figure the engine assumes).
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Called with the whole text on every input event.
    pub oninput: Callback<String>,
    /// Hides the visible label (in tables, where the column header says it); screen readers still
    /// read it.
    #[prop_or_default]
    pub compact: bool,
}

/// A labelled figure box with its unit and its error message.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let oninput = {
        let callback = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                callback.emit(input.value());
            }
        })
    };
    let message_id = format!("{}-msg", props.id);
    let invalid = props.error.is_some();
    let unit = props.unit.map_or("", Unit::symbol);
    html! {
        <div class={classes!("field", invalid.then_some("invalid"), props.compact.then_some("compact"))}>
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
                    aria-describedby={invalid.then(|| message_id.clone())}
                    {oninput}
                />
                if !unit.is_empty() {
                    <span class="unit" aria-hidden="true">{ unit }</span>
                }
            </span>
            if let Some(error) = &props.error {
                <span class="field-error" id={message_id} aria-live="polite">
                    { format!("{error}（仍按上一个有效值计算）") }
                </span>
            }
        </div>
    }
}
