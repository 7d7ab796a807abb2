//! A button that opens the browser's file chooser: the visible button, and the hidden file input
//! behind it that reports the file picked. 导入文件 and 导入Excel或CSV are both this.

use yew::prelude::*;

/// Props of [`FilePicker`].
#[derive(Properties, PartialEq, Debug)]
pub struct FilePickerProps {
    /// The button's element id.
    pub id: AttrValue,
    /// The hidden input's element id (tests and the keyboard reach the input through it).
    pub input_id: AttrValue,
    /// The button's label.
    pub label: AttrValue,
    /// The hidden input's label, for screen readers.
    pub input_label: AttrValue,
    /// The file types offered (`.xlsx,.csv`).
    pub accept: AttrValue,
    /// The file the user picked.
    pub onpick: Callback<web_sys::File>,
}

/// The button and its hidden file input.
#[component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let file_input = use_node_ref();
    let onclick = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = {
        let onpick = props.onpick.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                onpick.emit(file);
            }
            // Cleared so that picking the same file again (after fixing it) is a new change.
            input.set_value("");
        })
    };
    html! {
        <>
            <button type="button" id={props.id.clone()} {onclick}>{ props.label.clone() }</button>
            <input ref={file_input} id={props.input_id.clone()} type="file" accept={props.accept.clone()}
                hidden=true tabindex="-1" aria-label={props.input_label.clone()} {onchange} />
        </>
    }
}
