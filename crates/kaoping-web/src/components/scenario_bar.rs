//! Keeping scenarios, as a document editor keeps files: the working copy is stashed in the browser
//! after every change, and saved under its name only by 保存 (or Ctrl+S); the bar says which. Named
//! scenarios are saved, opened, renamed, copied and deleted here; a scenario is exported to and
//! imported from a `kaoping-scenario/1` file, the same format the command line reads.

use std::rc::Rc;

use kaoping_app::view::Saved;
use kaoping_app::Action;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;

/// Props of [`ScenarioBar`].
#[derive(Properties, PartialEq, Debug)]
pub struct ScenarioBarProps {
    /// The saved scenarios.
    pub library: Rc<Vec<Saved>>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
    /// The user picked a file to import.
    pub onfile: Callback<web_sys::File>,
}

/// The scenario tools: 保存, 另存为 with a name, the saved scenarios (打开, 改名, 复制, 删除), 导出文件 and
/// 导入文件.
#[component]
pub fn ScenarioBar(props: &ScenarioBarProps) -> Html {
    let dispatch = &props.dispatch;
    let name_text = use_state(String::new);
    let picked = use_state(|| None::<String>);
    let confirm_delete = use_state(|| false);
    let names: Vec<String> = props.library.iter().map(|s| s.name.clone()).collect();

    // The picked saved scenario, falling back to the first when the picked one is gone.
    let selected = (*picked).clone().filter(|n| names.contains(n)).or_else(|| names.first().cloned());

    let on_name = {
        let name_text = name_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                name_text.set(input.value());
            }
        })
    };
    // After saving or renaming, the list shows the scenario just named.
    let on_save_as = {
        let (dispatch, name_text, picked) = (dispatch.clone(), name_text.clone(), picked.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SaveAs((*name_text).clone()));
            picked.set(Some(name_text.trim().to_owned()));
            name_text.set(String::new());
        })
    };
    let on_pick = {
        let (picked, confirm_delete) = (picked.clone(), confirm_delete.clone());
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                picked.set(Some(select.value()));
                confirm_delete.set(false);
            }
        })
    };
    let on_save = dispatch.reform(|_: MouseEvent| Action::Save);
    let with_selected = |action: fn(String) -> Action| {
        let (dispatch, selected) = (dispatch.clone(), selected.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = &selected {
                dispatch.emit(action(name.clone()));
            }
        })
    };
    let on_open = with_selected(Action::Open);
    let on_duplicate = with_selected(Action::Duplicate);
    let on_rename = {
        let (dispatch, selected, name_text, picked) =
            (dispatch.clone(), selected.clone(), name_text.clone(), picked.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(old) = &selected {
                dispatch.emit(Action::Rename { from: old.clone(), to: (*name_text).clone() });
                picked.set(Some(name_text.trim().to_owned()));
                name_text.set(String::new());
            }
        })
    };
    let on_delete = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(true))
    };
    let on_delete_confirmed = {
        let (dispatch, selected, confirm_delete) = (dispatch.clone(), selected.clone(), confirm_delete.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = &selected {
                dispatch.emit(Action::Delete(name.clone()));
            }
            confirm_delete.set(false);
        })
    };
    let on_delete_cancelled = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(false))
    };
    let on_export = dispatch.reform(|_: MouseEvent| Action::Export);
    let has_saved = selected.is_some();
    html! {
        <div class="scenario-tools">
            <div class="tool-group">
                <button type="button" id="save" class="primary" onclick={on_save}
                    title="保存到当前名称；未命名时先起名（Ctrl+S）" aria-keyshortcuts="Control+S Meta+S">{ "保存" }</button>
            </div>
            <div class="tool-group">
                <label for="scenario-name-input">{ "名称" }</label>
                <input id="scenario-name-input" type="text" autocomplete="off"
                    value={(*name_text).clone()} oninput={on_name} placeholder="如：一季度预测" />
                <button type="button" id="save-as" onclick={on_save_as}>{ "另存为" }</button>
            </div>
            <div class="tool-group">
                <label for="saved-select">{ "已保存" }</label>
                <select id="saved-select" onchange={on_pick} disabled={!has_saved}>
                    if !has_saved {
                        <option value="">{ "（暂无）" }</option>
                    }
                    { for names.iter().map(|n| html! {
                        <option value={n.clone()} selected={selected.as_ref() == Some(n)}>{ n.clone() }</option>
                    }) }
                </select>
                <button type="button" id="open-saved" onclick={on_open} disabled={!has_saved}>{ "打开" }</button>
                <button type="button" id="rename-saved" onclick={on_rename} disabled={!has_saved}
                    title="把所选测算改为左侧“名称”框中的名称">{ "改名" }</button>
                <button type="button" id="duplicate-saved" onclick={on_duplicate} disabled={!has_saved}>{ "复制" }</button>
                if *confirm_delete {
                    <span class="confirm" role="group" aria-label="确认删除">
                        { format!("删除“{}”？", selected.clone().unwrap_or_default()) }
                        <button type="button" id="delete-confirm" class="danger" onclick={on_delete_confirmed}>{ "确认删除" }</button>
                        <button type="button" onclick={on_delete_cancelled}>{ "取消" }</button>
                    </span>
                } else {
                    <button type="button" id="delete-saved" onclick={on_delete} disabled={!has_saved}>{ "删除" }</button>
                }
            </div>
            <div class="tool-group">
                <button type="button" id="export" onclick={on_export}>{ "导出文件" }</button>
                <FilePicker id="import" input_id="import-file" label="导入文件…" input_label="导入测算文件"
                    accept=".json,application/json,.xlsx,.xlsm,.xls,.ods,.xlsb,.csv,.tsv,.txt" onpick={props.onfile.clone()} />
            </div>
        </div>
    }
}
