//! Keeping scenarios, as a document editor keeps files: the working copy is stashed in the browser
//! after every change, and saved under its name only by 保存 (or Ctrl+S); the bar says which. Named
//! scenarios are saved, opened, renamed, copied and deleted here; a scenario is exported to and
//! imported from a `kaoping-scenario/1` file, the same format the command line reads.

use yew::prelude::*;

use crate::components::file_picker::FilePicker;
use crate::hooks::use_document;

/// The scenario toolbar. It has no props: it works on the shared scenario.
#[component]
pub fn ScenarioBar() -> Html {
    let scenario = use_document();
    let name_text = use_state(String::new);
    let picked = use_state(|| None::<String>);
    let confirm_delete = use_state(|| false);

    // The picked saved scenario, falling back to the first when the picked one is gone.
    let selected =
        (*picked).clone().filter(|n| scenario.library.contains(n)).or_else(|| scenario.library.first().cloned());

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
        let (scenario, name_text, picked) = (scenario.clone(), name_text.clone(), picked.clone());
        Callback::from(move |_: MouseEvent| {
            scenario.save_as(&name_text);
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
    let on_save = {
        let scenario = scenario.clone();
        Callback::from(move |_: MouseEvent| scenario.save())
    };
    let with_selected = |action: fn(&crate::hooks::ScenarioHandle, &str)| {
        let (scenario, selected) = (scenario.clone(), selected.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = &selected {
                action(&scenario, name);
            }
        })
    };
    let on_open = with_selected(|s, n| s.open(n));
    let on_duplicate = with_selected(|s, n| s.duplicate(n));
    let on_rename = {
        let (scenario, selected, name_text, picked) =
            (scenario.clone(), selected.clone(), name_text.clone(), picked.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(old) = &selected {
                scenario.rename(old, &name_text);
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
        let (scenario, selected, confirm_delete) = (scenario.clone(), selected.clone(), confirm_delete.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = &selected {
                scenario.delete(name);
            }
            confirm_delete.set(false);
        })
    };
    let on_delete_cancelled = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(false))
    };
    let on_export = {
        let scenario = scenario.clone();
        Callback::from(move |_: MouseEvent| scenario.export())
    };
    let on_file = {
        let scenario = scenario.clone();
        Callback::from(move |file: web_sys::File| scenario.import(file))
    };

    let has_saved = selected.is_some();
    let current = scenario.name.clone().unwrap_or_else(|| "未命名".to_owned());
    // One status, never two that contradict each other: saved, or changes kept only in this browser
    // (or only on this page, when the browser refused to keep them).
    let status = match (scenario.modified, &scenario.stash_error, &scenario.name) {
        (true, None, _) => html! {
            <span class="status unsaved" id="scenario-unsaved">{ "有未保存的修改（已暂存在本浏览器）" }</span>
        },
        (true, Some(_), _) => html! {
            <span class="status unsaved not-stashed" id="scenario-unsaved">{ "有未保存的修改（未能暂存，只在本页面中）" }</span>
        },
        (false, _, Some(_)) => html! { <span class="status saved" id="scenario-saved">{ "已保存" }</span> },
        (false, _, None) => html! { <span class="status saved" id="scenario-saved">{ "基准情景，未修改" }</span> },
    };
    html! {
        <section class="scenario-bar" aria-label="测算方案">
            <p class="current-scenario" id="scenario-status">
                { "当前测算：" }<strong id="scenario-name">{ current }</strong>
                <span class="separator" aria-hidden="true">{ " · " }</span>
                { status }
            </p>
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
                        { for scenario.library.iter().map(|n| html! {
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
                        accept=".json,application/json,.xlsx,.csv,.tsv,.txt" onpick={on_file} />
                </div>
            </div>
        </section>
    }
}
