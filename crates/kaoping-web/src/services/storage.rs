//! Keeping scenarios in the browser's localStorage (through gloo-storage).
//!
//! Scenarios are stored as the very `kaoping-scenario/1` text the command line reads (not wrapped
//! in another JSON string), so a stored scenario can be copied out of the browser as a file, and a
//! damaged one is detected by the engine's own reader rather than by a second format.

use gloo::storage::{LocalStorage, Storage};
use kaoping_engine::{Scenario, Scheme};

use crate::state::Notice;

/// The working scenario, saved on every change.
const WORKING: &str = "kaoping/working";
/// The bank last shown on 本行测算.
const BANK: &str = "kaoping/bank";
/// The name of the saved scenario the working one came from.
const NAME: &str = "kaoping/name";
/// The names of the saved scenarios, in the order they were saved.
const NAMES: &str = "kaoping/names";
/// Prefix of one saved scenario's key.
const NAMED: &str = "kaoping/named/";

/// Where the working scenario came from at start, and what to tell the user about it.
pub fn load_working(scheme: &Scheme) -> (Scenario, Option<Notice>) {
    match read_text(WORKING) {
        Ok(Some(text)) => match Scenario::from_json(&text) {
            Ok(scenario) => (scenario, None),
            Err(error) => (
                scheme.baseline(),
                Some(Notice::error(format!(
                    "浏览器中保存的测算数据无法读取（{}），已从基准情景（各行按任务完成）开始。",
                    error.zh()
                ))),
            ),
        },
        Ok(None) => (
            scheme.baseline(),
            Some(Notice::info("欢迎使用：从基准情景（各行均按任务完成）开始，修改会自动保存在本浏览器中。")),
        ),
        Err(_) => (
            scheme.baseline(),
            Some(Notice::error("浏览器中保存的测算数据无法读取，已从基准情景（各行按任务完成）开始。")),
        ),
    }
}

/// Saves the working scenario; the error is a Chinese message (storage full or switched off).
pub fn save_working(scenario: &Scenario) -> Result<(), String> {
    write_text(WORKING, &scenario.to_json())
}

/// The text stored under `key`, `None` when there is none; an error when storage is unavailable.
fn read_text(key: &str) -> Result<Option<String>, ()> {
    LocalStorage::raw().get_item(key).map_err(|_| ())
}

fn write_text(key: &str, text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, text).map_err(|_| not_saved())
}

/// The bank last shown, if any.
pub fn load_bank() -> Option<String> {
    LocalStorage::get::<String>(BANK).ok()
}

/// Remembers the bank shown. Failing to remember it is harmless, so the error is dropped.
pub fn save_bank(id: &str) {
    let _ = LocalStorage::set(BANK, id);
}

/// The name of the saved scenario the working one came from, if it is still saved.
pub fn load_name() -> Option<String> {
    LocalStorage::get::<String>(NAME).ok().filter(|name| names().contains(name))
}

/// Remembers (or forgets) the working scenario's name; failing to is harmless.
pub fn save_name(name: Option<&str>) {
    match name {
        Some(name) => {
            let _ = LocalStorage::set(NAME, name);
        }
        None => LocalStorage::delete(NAME),
    }
}

/// The names of the saved scenarios; an unreadable list is an empty one.
pub fn names() -> Vec<String> {
    LocalStorage::get::<Vec<String>>(NAMES).unwrap_or_default()
}

/// A saved scenario by name.
pub fn load_named(name: &str) -> Result<Scenario, String> {
    let missing = || format!("找不到已保存的测算“{name}”。");
    let text = read_text(&format!("{NAMED}{name}")).map_err(|()| missing())?.ok_or_else(missing)?;
    Scenario::from_json(&text).map_err(|e| format!("已保存的测算“{name}”无法读取：{}", e.zh()))
}

/// Saves a scenario under a name, replacing one of the same name.
pub fn save_named(name: &str, scenario: &Scenario) -> Result<Vec<String>, String> {
    write_text(&format!("{NAMED}{name}"), &scenario.to_json())?;
    let mut list = names();
    if !list.iter().any(|n| n == name) {
        list.push(name.to_owned());
    }
    LocalStorage::set(NAMES, &list).map_err(|_| not_saved())?;
    Ok(list)
}

/// Renames a saved scenario, keeping its place in the list; refuses to overwrite another one.
pub fn rename(old: &str, new: &str) -> Result<Vec<String>, String> {
    if old == new {
        return Ok(names());
    }
    if names().iter().any(|n| n == new) {
        return Err(format!("已有名为“{new}”的测算，请换一个名称。"));
    }
    let scenario = load_named(old)?;
    write_text(&format!("{NAMED}{new}"), &scenario.to_json())?;
    let list: Vec<String> = names().into_iter().map(|n| if n == old { new.to_owned() } else { n }).collect();
    LocalStorage::set(NAMES, &list).map_err(|_| not_saved())?;
    LocalStorage::delete(format!("{NAMED}{old}"));
    Ok(list)
}

/// Deletes a saved scenario.
pub fn delete(name: &str) -> Result<Vec<String>, String> {
    LocalStorage::delete(format!("{NAMED}{name}"));
    let list: Vec<String> = names().into_iter().filter(|n| n != name).collect();
    LocalStorage::set(NAMES, &list).map_err(|_| not_saved())?;
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

fn not_saved() -> String {
    "无法保存到浏览器（存储已满或被禁用）；请导出为文件以免丢失。".to_owned()
}
