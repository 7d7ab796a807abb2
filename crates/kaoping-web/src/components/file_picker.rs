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
    #[prop_or_default]
    pub onpick: Callback<web_sys::File>,
    /// When set, several files may be picked at once, and they come here together.
    #[prop_or_default]
    pub onpick_all: Option<Callback<Vec<web_sys::File>>>,
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
        let (onpick, onpick_all) = (props.onpick.clone(), props.onpick_all.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            let picked = input.files().map(|files| files_of(&files)).unwrap_or_default();
            match &onpick_all {
                Some(onpick_all) if !picked.is_empty() => onpick_all.emit(picked),
                _ => {
                    if let Some(file) = picked.into_iter().next() {
                        onpick.emit(file);
                    }
                }
            }
            // Cleared so that picking the same file again (after fixing it) is a new change.
            input.set_value("");
        })
    };
    html! {
        <>
            <button type="button" id={props.id.clone()} {onclick}>{ props.label.clone() }</button>
            <input ref={file_input} id={props.input_id.clone()} type="file" accept={props.accept.clone()}
                hidden=true tabindex="-1" aria-label={props.input_label.clone()} multiple={props.onpick_all.is_some()}
                {onchange} />
        </>
    }
}

/// Every file of a picker's or a drop's list, in order.
pub fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
