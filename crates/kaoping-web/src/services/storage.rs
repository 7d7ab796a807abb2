//! Keeping scenarios in the browser: saved scenarios and each tab's working copy in localStorage,
//! the tab's id in sessionStorage while the page reloads.
//!
//! Saved scenarios are stored as the very `kaoping-scenario/1` text the command line reads (not
//! wrapped in another JSON string), so a stored scenario can be copied out of the browser as a file,
//! and a damaged one is detected by the engine's own reader rather than by a second format.
//!
//! Keys (localStorage unless said):
//! - `kaoping/named/<name>`: a saved scenario;
//! - `kaoping/rev/<name>`: its saved-revision stamp, new on every save and kept by a rename, so a
//!   tab can tell that another tab saved the scenario it has open;
//! - `kaoping/names`: the order of the saved names;
//! - `kaoping/tab/<id>`: one tab's working copy (`name`, `base` stamp, `modified`, `scenario` text),
//!   written after every change, so that each tab has its own and a reload finds it again;
//! - `kaoping/released`: ids of tabs that were closed or reloaded: a new tab takes up the working
//!   copy of a closed one that had unsaved changes, so closing a tab loses nothing;
//! - `kaoping/last`: the name last opened or saved, which a new tab opens;
//! - `kaoping/bank`: the bank last shown; `kaoping/damaged`: the last unreadable entry, set aside;
//! - sessionStorage `kaoping/tab-id`: this tab's id, written only when the page is left, so that a
//!   reload finds it but a duplicated tab (which copies sessionStorage) does not share it.
//!
//! Nothing here panics: storage that is switched off or full is an error message in Chinese, and
//! an unreadable entry is a notice.

use js_sys::{Array, Object, Reflect, JSON};
use kaoping_engine::{Scenario, Scheme};
use wasm_bindgen::{JsCast, JsValue};

use crate::state::{canonical, Elsewhere, Notice};

const NAMES: &str = "kaoping/names";
const NAMED: &str = "kaoping/named/";
const REV: &str = "kaoping/rev/";
const TAB: &str = "kaoping/tab/";
const RELEASED: &str = "kaoping/released";
const LAST: &str = "kaoping/last";
const BANK: &str = "kaoping/bank";
const DAMAGED: &str = "kaoping/damaged";
/// Before each tab had its own working copy, all tabs shared this one, and its name.
const LEGACY_WORKING: &str = "kaoping/working";
const LEGACY_NAME: &str = "kaoping/name";
/// In sessionStorage.
const TAB_ID: &str = "kaoping/tab-id";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The text under `key`; `None` when there is none or storage cannot be read.
fn read(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Writes `text` under `key`; the error says why not, in Chinese.
fn write(key: &str, text: &str) -> Result<(), String> {
    let storage = local().ok_or_else(|| "浏览器不允许本页面使用本地存储".to_owned())?;
    storage.set_item(key, text).map_err(|error| why_not_written(&error))
}

fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Why a write was refused, in Chinese: storage full (QuotaExceededError) or not allowed.
fn why_not_written(error: &JsValue) -> String {
    let name = match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) => Some(exception.name()),
        None => Reflect::get(error, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()),
    };
    match name.as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => "浏览器的本地存储空间已满".to_owned(),
        _ => "浏览器不允许本页面写入本地存储".to_owned(),
    }
}

/// Every key in localStorage.
fn keys() -> Vec<String> {
    let Some(storage) = local() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// A JSON list of strings; anything unreadable is an empty list.
fn read_list(key: &str) -> Vec<String> {
    read(key)
        .and_then(|text| JSON::parse(&text).ok())
        .and_then(|value| value.dyn_into::<Array>().ok())
        .map(|array| array.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

fn write_list(key: &str, list: &[String]) -> Result<(), String> {
    let array: Array = list.iter().map(|s| JsValue::from_str(s)).collect();
    write(key, &to_json(&array))
}

/// A JSON string; `JSON.stringify` of strings, arrays and plain objects does not fail.
fn to_json(value: &JsValue) -> String {
    JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// A string stored as JSON (as gloo-storage wrote it), or as plain text.
fn read_string(key: &str) -> Option<String> {
    let text = read(key)?;
    Some(JSON::parse(&text).ok().and_then(|v| v.as_string()).unwrap_or(text))
}

/// Sets an unreadable entry aside under `kaoping/damaged` (best effort) and removes it.
fn set_aside(key: &str, text: &str) {
    if write(DAMAGED, text).is_ok() {
        remove(key);
    }
}

/// A random id of 16 hex digits, for tabs and saved-revision stamps.
fn random_id() -> String {
    let mut bytes = [0u8; 8];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        // No Web Crypto (it is in every browser the page supports): the time will do.
        return format!("t{}", String::from(js_sys::Date::new_0().to_iso_string()));
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ---- saved scenarios ----

/// The names of the saved scenarios in the order they were saved. The stored order is checked
/// against the scenarios actually stored, so a damaged list or two tabs saving at once never hides
/// or invents one.
pub fn names() -> Vec<String> {
    let stored: Vec<String> = keys().iter().filter_map(|k| k.strip_prefix(NAMED).map(str::to_owned)).collect();
    let mut list: Vec<String> = Vec::with_capacity(stored.len());
    for name in read_list(NAMES) {
        if stored.contains(&name) && !list.contains(&name) {
            list.push(name);
        }
    }
    let mut rest: Vec<String> = stored.into_iter().filter(|n| !list.contains(n)).collect();
    rest.sort();
    list.extend(rest);
    list
}

/// The saved-revision stamp of a saved scenario (`None` for one saved before stamps existed).
pub fn stamp(name: &str) -> Option<String> {
    read(&format!("{REV}{name}"))
}

/// A saved scenario by name.
pub fn load_named(name: &str) -> Result<Scenario, String> {
    let text = read(&format!("{NAMED}{name}")).ok_or_else(|| format!("找不到已保存的测算“{name}”。"))?;
    Scenario::from_json(&text).map_err(|e| format!("已保存的测算“{name}”无法读取：{}", e.zh()))
}

/// Saves a scenario under a name, replacing one of the same name; returns its new stamp and the
/// names now saved. The error says why not, in Chinese.
pub fn save_named(name: &str, scenario: &Scenario) -> Result<(String, Vec<String>), String> {
    // The figures first, then the stamp: a tab that sees the new stamp finds the new figures.
    write(&format!("{NAMED}{name}"), &scenario.to_json())?;
    let stamp = random_id();
    write(&format!("{REV}{name}"), &stamp)?;
    let mut list = names();
    if !list.iter().any(|n| n == name) {
        list.push(name.to_owned());
    }
    write_list(NAMES, &list)?;
    remember_last(name);
    Ok((stamp, list))
}

/// Renames a saved scenario, keeping its place in the list and its stamp (its figures are the
/// same), replacing a scenario of the new name (the caller has asked).
pub fn rename(old: &str, new: &str) -> Result<Vec<String>, String> {
    if old == new {
        return Ok(names());
    }
    let text = read(&format!("{NAMED}{old}")).ok_or_else(|| format!("找不到已保存的测算“{old}”。"))?;
    write(&format!("{NAMED}{new}"), &text)?;
    match stamp(old) {
        Some(stamp) => write(&format!("{REV}{new}"), &stamp)?,
        None => remove(&format!("{REV}{new}")),
    }
    let list: Vec<String> =
        names().into_iter().filter(|n| n != new).map(|n| if n == old { new.to_owned() } else { n }).collect();
    write_list(NAMES, &list)?;
    remove(&format!("{NAMED}{old}"));
    remove(&format!("{REV}{old}"));
    Ok(names())
}

/// Copies a saved scenario under a free name; returns the copy's name and the names now saved.
pub fn copy(name: &str) -> Result<(String, Vec<String>), String> {
    let scenario = load_named(name)?;
    let copy = free_name(&format!("{name} 副本"));
    let (_, names) = save_named(&copy, &scenario)?;
    Ok((copy, names))
}

/// Deletes a saved scenario.
pub fn delete(name: &str) -> Result<Vec<String>, String> {
    remove(&format!("{NAMED}{name}"));
    remove(&format!("{REV}{name}"));
    let list: Vec<String> = names().into_iter().filter(|n| n != name).collect();
    write_list(NAMES, &list)?;
    Ok(list)
}

/// A name not yet used, from `base`: `base`, `base（2）`, `base（3）`, …
pub fn free_name(base: &str) -> String {
    let taken = names();
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.iter().any(|t| t == &candidate) {
        candidate = format!("{base}（{n}）");
        n += 1;
    }
    candidate
}

/// Whether a change to `key` (from the `storage` event; `None` when storage was cleared) concerns
/// the saved scenarios.
pub fn concerns_saved(key: Option<&str>) -> bool {
    key.is_none_or(|k| k == NAMES || k.starts_with(NAMED) || k.starts_with(REV))
}

/// What the saved scenarios now say about the scenario a tab has open (`name`, opened at stamp
/// `base`), after another tab changed them.
pub fn elsewhere(name: Option<&str>, base: Option<&str>) -> Elsewhere {
    let Some(name) = name else { return Elsewhere::Unrelated };
    let saved = names();
    if saved.iter().any(|n| n == name) {
        match stamp(name) {
            Some(stamp) if Some(stamp.as_str()) != base => match load_named(name) {
                Ok(scenario) => Elsewhere::Saved { name: name.to_owned(), stamp, scenario },
                // An unreadable save is not taken over; it is reported when opened.
                Err(_) => Elsewhere::Unrelated,
            },
            _ => Elsewhere::Unrelated,
        }
    } else {
        match base.and_then(|base| name_with_stamp(&saved, base)) {
            Some(to) => Elsewhere::Renamed { from: name.to_owned(), to },
            None => Elsewhere::Deleted { name: name.to_owned() },
        }
    }
}

/// The one saved name whose stamp is `stamp` (a rename keeps the stamp).
fn name_with_stamp(names: &[String], stamp: &str) -> Option<String> {
    let mut found = names.iter().filter(|n| self::stamp(n).as_deref() == Some(stamp));
    match (found.next(), found.next()) {
        (Some(name), None) => Some(name.clone()),
        _ => None,
    }
}

/// Remembers the name last opened or saved, which a new tab opens; failing to is harmless.
pub fn remember_last(name: &str) {
    let _ = write(LAST, name);
}

// ---- the bank shown ----

/// The bank last shown, if any.
pub fn load_bank() -> Option<String> {
    read_string(BANK)
}

/// Remembers the bank shown. Failing to remember it is harmless, so the error is dropped.
pub fn save_bank(id: &str) {
    let _ = write(BANK, &to_json(&JsValue::from_str(id)));
}

// ---- each tab's working copy ----

/// A tab's working copy as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCopy {
    /// The name it is saved under, if any.
    pub name: Option<String>,
    /// The saved-revision stamp it started from.
    pub base: Option<String>,
    /// Whether it had unsaved changes when written.
    pub modified: bool,
    /// Its figures.
    pub scenario: Scenario,
}

/// Where the working copy a tab starts with came from, to be removed once the tab has written
/// its own (so that a failing write never loses it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The copy of a tab that was closed.
    Tab(String),
    /// The one working copy of earlier versions of the page.
    Legacy,
}

/// What a tab starts with.
#[derive(Debug)]
pub struct Start {
    /// This tab's id.
    pub id: String,
    /// Its working copy, if one was found; else the page opens [`Start::last`] or the baseline.
    pub copy: Option<WorkingCopy>,
    /// Where [`Start::copy`] was taken from, if from another tab or an earlier version.
    pub source: Option<Source>,
    /// What to tell the user.
    pub notice: Option<Notice>,
}

/// Writes this tab's working copy. The error says why not, in Chinese.
pub fn stash(
    id: &str,
    name: Option<&str>,
    base: Option<&str>,
    modified: bool,
    scenario: &Scenario,
) -> Result<(), String> {
    let record = Object::new();
    let set = |field: &str, value: JsValue| {
        let _ = Reflect::set(&record, &JsValue::from_str(field), &value);
    };
    set("format", JsValue::from_str("kaoping-tab/1"));
    if let Some(name) = name {
        set("name", JsValue::from_str(name));
    }
    if let Some(base) = base {
        set("base", JsValue::from_str(base));
    }
    set("modified", JsValue::from_bool(modified));
    // The scenario as a string inside the record: its numbers never pass through a JS number.
    set("scenario", JsValue::from_str(&scenario.to_json()));
    write(&format!("{TAB}{id}"), &to_json(&record))
}

/// Reads a stored working copy; the error is a Chinese reason.
fn read_copy(text: &str) -> Result<WorkingCopy, String> {
    let value = JSON::parse(text).map_err(|_| "不是有效的 JSON".to_owned())?;
    if !value.is_object() {
        return Err("格式不对".to_owned());
    }
    let field = |name: &str| Reflect::get(&value, &JsValue::from_str(name)).ok();
    let string = |name: &str| field(name).and_then(|v| v.as_string());
    let scenario_text = string("scenario").ok_or_else(|| "缺少测算数据".to_owned())?;
    let scenario = Scenario::from_json(&scenario_text).map_err(|e| e.zh())?;
    Ok(WorkingCopy {
        name: string("name"),
        base: string("base"),
        // When in doubt, the copy counts as having unsaved changes: it is kept, not dropped.
        modified: field("modified").and_then(|v| v.as_bool()).unwrap_or(true),
        scenario,
    })
}

/// Leaving the page (closing or reloading it): the tab's id goes to sessionStorage, where a reload
/// finds it, and its working copy is marked as one another tab may take up.
pub fn release(id: &str) {
    if let Some(session) = session() {
        let _ = session.set_item(TAB_ID, id);
    }
    let mut released = read_list(RELEASED);
    released.retain(|r| r != id);
    released.push(id.to_owned());
    let _ = write_list(RELEASED, &released);
}

/// Back on the page (restored from the back/forward cache): the tab holds its working copy again.
pub fn claim(id: &str) {
    if let Some(session) = session() {
        let _ = session.remove_item(TAB_ID);
    }
    unrelease(id);
}

/// Removes the working copy this tab took up, now that it has written its own.
pub fn forget(source: &Source) {
    match source {
        Source::Tab(id) => {
            remove(&format!("{TAB}{id}"));
            unrelease(id);
        }
        Source::Legacy => {
            remove(LEGACY_WORKING);
            remove(LEGACY_NAME);
        }
    }
}

/// Takes `id` off the list of released tabs.
fn unrelease(id: &str) {
    let released = read_list(RELEASED);
    if released.iter().any(|r| r == id) {
        let kept: Vec<String> = released.into_iter().filter(|r| r != id).collect();
        let _ = write_list(RELEASED, &kept);
    }
}

/// Where this tab starts: its own working copy after a reload; else the copy of a closed tab that
/// had unsaved changes (or the one working copy of an earlier version); else the scenario last
/// opened; else the baseline.
pub fn start(scheme: &Scheme) -> Start {
    let own = session().and_then(|s| {
        let id = s.get_item(TAB_ID).ok().flatten();
        // Removed at once: a tab duplicated from this one copies sessionStorage and must not
        // find the id. It is written back when the page is left.
        let _ = s.remove_item(TAB_ID);
        id
    });
    let id = own.clone().unwrap_or_else(random_id);
    let mut notices: Vec<Notice> = Vec::new();

    if own.is_some() {
        claim(&id);
        let key = format!("{TAB}{id}");
        if let Some(text) = read(&key) {
            match read_copy(&text) {
                Ok(copy) => return Start { id, copy: Some(copy), source: None, notice: None },
                Err(why) => {
                    set_aside(&key, &text);
                    notices.push(Notice::error(format!(
                        "本页面暂存的测算数据无法读取（{why}），已另存一边；页面从其他数据开始。"
                    )));
                }
            }
        }
    }

    if let Some((copy, notice)) = legacy(scheme) {
        return Start { id, copy, source: Some(Source::Legacy), notice: notices.pop().or(notice) };
    }

    if let Some(source_id) = released_with_changes(&id) {
        if let Some(copy) = read(&format!("{TAB}{source_id}")).and_then(|t| read_copy(&t).ok()) {
            let what = copy.name.as_deref().map_or_else(|| "未命名测算".to_owned(), |n| format!("“{n}”"));
            let notice = notices.pop().unwrap_or_else(|| {
                Notice::info(format!("已恢复之前关闭的页面中{what}未保存的修改（尚未保存，可点“保存”）。"))
            });
            return Start { id, copy: Some(copy), source: Some(Source::Tab(source_id)), notice: Some(notice) };
        }
    }

    let saved = names();
    if let Some(name) = read_string(LAST).filter(|n| saved.contains(n)) {
        match load_named(&name) {
            Ok(scenario) => {
                let copy = WorkingCopy { base: stamp(&name), name: Some(name), modified: false, scenario };
                return Start { id, copy: Some(copy), source: None, notice: notices.pop() };
            }
            Err(message) => notices.push(Notice::error(format!("{message} 页面从基准情景开始。"))),
        }
    }
    let notice = notices.pop().or_else(|| {
        saved.is_empty().then(|| {
            Notice::info(
                "欢迎使用：从基准情景（各行均按任务完成）开始。修改会暂存在本浏览器；点“保存”（Ctrl+S）给测算起名保存。",
            )
        })
    });
    Start { id, copy: None, source: None, notice }
}

/// The one working copy of earlier versions of the page, as this tab's, if there is one.
fn legacy(scheme: &Scheme) -> Option<(Option<WorkingCopy>, Option<Notice>)> {
    let text = read(LEGACY_WORKING)?;
    let scenario = match Scenario::from_json(&text) {
        Ok(scenario) => scenario,
        Err(error) => {
            set_aside(LEGACY_WORKING, &text);
            remove(LEGACY_NAME);
            return Some((
                None,
                Some(Notice::error(format!(
                    "浏览器中暂存的测算数据无法读取（{}），已从基准情景（各行按任务完成）开始。",
                    error.zh()
                ))),
            ));
        }
    };
    let name = read_string(LEGACY_NAME).filter(|n| names().contains(n));
    let reference = match &name {
        Some(name) => load_named(name).map(|saved| canonical(scheme, &saved)).ok(),
        None => Some(canonical(scheme, &scheme.baseline())),
    };
    let modified = reference.is_none_or(|r| r != canonical(scheme, &scenario));
    let base = name.as_deref().and_then(stamp);
    Some((Some(WorkingCopy { name, base, modified, scenario }), None))
}

/// The most recently released tab (not this one) whose working copy has unsaved changes. Released
/// copies without changes are removed on the way: nothing would be lost with them.
fn released_with_changes(own: &str) -> Option<String> {
    let released = read_list(RELEASED);
    let mut kept = Vec::with_capacity(released.len());
    let mut found = None;
    for id in released.iter().rev() {
        if id == own {
            continue;
        }
        let key = format!("{TAB}{id}");
        let Some(text) = read(&key) else { continue };
        match read_copy(&text) {
            Ok(copy) if copy.modified => {
                if found.is_none() {
                    found = Some(id.clone());
                }
                kept.push(id.clone());
            }
            Ok(_) => remove(&key),
            Err(_) => set_aside(&key, &text),
        }
    }
    kept.reverse();
    if kept != released {
        let _ = write_list(RELEASED, &kept);
    }
    found
}
