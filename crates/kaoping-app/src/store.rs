//! Keeping scenarios in the browser: saved scenarios and each tab's working copy, over any key-value
//! [`Shelf`] (the page's localStorage; a map in the tests).
//!
//! Saved scenarios are stored as the very `kaoping-scenario/1` text the command line reads (not wrapped
//! in another JSON string), so a stored scenario can be copied out of the browser as a file, and a
//! damaged one is read back by the engine's own reader, keeping every value it can.
//!
//! Keys:
//! - `kaoping/named/<name>`: a saved scenario;
//! - `kaoping/rev/<name>`: its saved-revision stamp, new on every save and kept by a rename, so a tab can
//!   tell that another tab saved the scenario it has open;
//! - `kaoping/names`: the order of the saved names;
//! - `kaoping/tab/<id>`: one tab's working copy ([`WorkingCopy`], `kaoping-tab/1`), written after every
//!   change, so that each tab has its own and a reload finds it again;
//! - `kaoping/released`: ids of tabs that were closed or reloaded: a new tab takes up the working copy
//!   of a closed one that had unsaved changes, so closing a tab loses nothing;
//! - `kaoping/last`: the name last opened or saved, which a new tab opens;
//! - `kaoping/bank`: the bank last shown; `kaoping/damaged`: the last entry that could not be read at
//!   all (not JSON), set aside;
//! - `kaoping/headings`: what the user said unrecognised headings of imported files are, as
//!   `[["普惠型小微企业贷款余额（万元）","inclusive_loans"],["涉农贷款余额","ignore"]]` (the job
//!   protocol's mapping), most recent last;
//! - `kaoping/working` and `kaoping/name`: the one working copy of earlier versions, taken up once;
//! - `kaoping/first-frame`: written and read by www/boot.js only: the page's first frame as the page
//!   was left, shown at the next start while the wasm loads if nothing else here changed since;
//! - `kaoping/scheme`: the scheme file adopted (采用) in 规则与设置 › 考评方案: `{"fingerprint", "scheme"}`,
//!   the file's own text with the fingerprint its checks gave it (one write); absent: the built-in scheme.
//!
//! The tab's own id travels in sessionStorage across a reload; the page keeps that part.

use kaoping_engine::Scheme;
use kaoping_sheets::MapTo;
use serde_json::Value;

use crate::action::{Action, Failed};
use crate::copy::WorkingCopy;
use crate::effect::Effect;
use crate::read::{read_back, refusal, ReadBack};
use crate::view::{Notice, Saved};

const NAMES: &str = "kaoping/names";
const NAMED: &str = "kaoping/named/";
const REV: &str = "kaoping/rev/";
const TAB: &str = "kaoping/tab/";
const RELEASED: &str = "kaoping/released";
const LAST: &str = "kaoping/last";
const BANK: &str = "kaoping/bank";
const DAMAGED: &str = "kaoping/damaged";
const HEADINGS: &str = "kaoping/headings";
/// The most headings remembered; the oldest go first.
pub const MAX_HEADINGS: usize = 200;
const SCHEME: &str = "kaoping/scheme";
/// Before each tab had its own working copy, all tabs shared this one, and its name.
const LEGACY_WORKING: &str = "kaoping/working";
const LEGACY_NAME: &str = "kaoping/name";

/// A key-value store of text: the browser's localStorage in the page.
pub trait Shelf {
    /// The text under `key`, if any (and readable).
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `text` under `key`; the error says why not, in Chinese (storage full, not allowed).
    fn set(&self, key: &str, text: &str) -> Result<(), String>;
    /// Removes `key` (best effort).
    fn remove(&self, key: &str);
    /// Every key.
    fn keys(&self) -> Vec<String>;
}

/// A JSON list of strings; anything unreadable is an empty list.
fn read_list(shelf: &impl Shelf, key: &str) -> Vec<String> {
    shelf
        .get(key)
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|value| value.as_array().cloned())
        .map(|items| items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn write_list(shelf: &impl Shelf, key: &str, list: &[String]) -> Result<(), String> {
    shelf.set(key, &serde_json::to_string(&Value::from(list.to_vec())).unwrap_or_default())
}

/// A string stored as JSON (as gloo-storage wrote it), or as plain text.
fn read_string(shelf: &impl Shelf, key: &str) -> Option<String> {
    let text = shelf.get(key)?;
    Some(serde_json::from_str::<Value>(&text).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or(text))
}

// ---- saved scenarios ----

/// The names of the saved scenarios in the order they were saved. The stored order is checked against
/// the scenarios actually stored, so a damaged list or two tabs saving at once never hides or invents
/// one.
pub fn names(shelf: &impl Shelf) -> Vec<String> {
    let stored: Vec<String> = shelf.keys().iter().filter_map(|k| k.strip_prefix(NAMED).map(str::to_owned)).collect();
    let mut list: Vec<String> = Vec::with_capacity(stored.len());
    for name in read_list(shelf, NAMES) {
        if stored.contains(&name) && !list.contains(&name) {
            list.push(name);
        }
    }
    let mut rest: Vec<String> = stored.into_iter().filter(|n| !list.contains(n)).collect();
    kaoping_engine::order::sort(&mut rest);
    list.extend(rest);
    list
}

/// The saved scenarios with their stamps, in order: the mirror the page's state keeps.
pub fn library(shelf: &impl Shelf) -> Vec<Saved> {
    names(shelf).into_iter().map(|name| Saved { stamp: stamp(shelf, &name), name }).collect()
}

/// The saved-revision stamp of a saved scenario (`None` for one saved before stamps existed).
pub fn stamp(shelf: &impl Shelf, name: &str) -> Option<String> {
    shelf.get(&format!("{REV}{name}"))
}

/// A saved scenario read back, keeping every value it can; `None` when none is saved under `name`.
pub fn load(shelf: &impl Shelf, scheme: &Scheme, name: &str) -> Option<Result<ReadBack, String>> {
    let text = shelf.get(&format!("{NAMED}{name}"))?;
    Some(read_back(&text, scheme).map_err(|e| format!("已保存的测算“{name}”无法读取：{}", e.zh())))
}

/// Saves a scenario under a name with a new `stamp`, replacing one of the same name; returns the
/// saved scenarios now.
pub fn save(
    shelf: &impl Shelf,
    name: &str,
    scenario: &kaoping_engine::Scenario,
    stamp: &str,
) -> Result<Vec<Saved>, String> {
    // The figures first, then the stamp: a tab that sees the new stamp finds the new figures.
    shelf.set(&format!("{NAMED}{name}"), &scenario.to_json())?;
    shelf.set(&format!("{REV}{name}"), stamp)?;
    let mut list = names(shelf);
    if !list.iter().any(|n| n == name) {
        list.push(name.to_owned());
    }
    write_list(shelf, NAMES, &list)?;
    remember_last(shelf, name);
    Ok(library(shelf))
}

/// Renames a saved scenario, keeping its place in the list and its stamp (its figures are the same),
/// replacing a scenario of the new name (the user was asked).
pub fn rename(shelf: &impl Shelf, old: &str, new: &str) -> Result<Vec<Saved>, String> {
    if old == new {
        return Ok(library(shelf));
    }
    let text = shelf.get(&format!("{NAMED}{old}")).ok_or_else(|| format!("找不到已保存的测算“{old}”"))?;
    shelf.set(&format!("{NAMED}{new}"), &text)?;
    match stamp(shelf, old) {
        Some(stamp) => shelf.set(&format!("{REV}{new}"), &stamp)?,
        None => shelf.remove(&format!("{REV}{new}")),
    }
    let list: Vec<String> =
        names(shelf).into_iter().filter(|n| n != new).map(|n| if n == old { new.to_owned() } else { n }).collect();
    write_list(shelf, NAMES, &list)?;
    shelf.remove(&format!("{NAMED}{old}"));
    shelf.remove(&format!("{REV}{old}"));
    Ok(library(shelf))
}

/// Copies a saved scenario under `copy` (a free name) with a new `stamp`.
pub fn copy(shelf: &impl Shelf, scheme: &Scheme, name: &str, copy: &str, stamp: &str) -> Result<Vec<Saved>, String> {
    let read = load(shelf, scheme, name).ok_or_else(|| format!("找不到已保存的测算“{name}”"))??;
    save(shelf, copy, &read.scenario, stamp)
}

/// Deletes a saved scenario.
pub fn delete(shelf: &impl Shelf, name: &str) -> Result<Vec<Saved>, String> {
    shelf.remove(&format!("{NAMED}{name}"));
    shelf.remove(&format!("{REV}{name}"));
    let list: Vec<String> = names(shelf).into_iter().filter(|n| n != name).collect();
    write_list(shelf, NAMES, &list)?;
    Ok(library(shelf))
}

/// Carries out an effect on the saved scenarios (`Save`, `Rename`, `Copy`, `Delete`, `Load`, `LoadAll`)
/// and gives its outcome to dispatch; `None` for any other effect. `new_stamp` makes a saved-revision
/// stamp for a save or a copy.
pub fn perform(
    shelf: &impl Shelf,
    scheme: &Scheme,
    effect: &Effect,
    new_stamp: impl FnOnce() -> String,
) -> Option<Action> {
    Some(match effect {
        Effect::Save { name, scenario } => match save(shelf, name, scenario, &new_stamp()) {
            Ok(library) => Action::Saved { name: name.clone(), stamp: stamp(shelf, name).unwrap_or_default(), library },
            Err(reason) => Action::WriteFailed(Failed::Save(name.clone()), reason),
        },
        Effect::Rename { from, to } => match rename(shelf, from, to) {
            Ok(library) => Action::Renamed { from: from.clone(), to: to.clone(), library },
            Err(reason) => Action::WriteFailed(Failed::Rename, reason),
        },
        Effect::Copy { from, to } => match copy(shelf, scheme, from, to, &new_stamp()) {
            Ok(library) => Action::Copied { copy: to.clone(), library },
            Err(reason) => Action::WriteFailed(Failed::Copy(from.clone()), reason),
        },
        Effect::Delete { name } => match delete(shelf, name) {
            Ok(library) => Action::Deleted { name: name.clone(), library },
            Err(reason) => Action::WriteFailed(Failed::Delete(name.clone()), reason),
        },
        Effect::Load { name } => Action::Loaded {
            name: name.clone(),
            stamp: stamp(shelf, name),
            result: match load(shelf, scheme, name) {
                Some(Ok(read)) => Ok((read.scenario, read.dropped)),
                Some(Err(message)) => Err(message),
                None => Err(format!("找不到已保存的测算“{name}”。")),
            },
        },
        Effect::RememberHeading { heading, to } => match remember_heading(shelf, heading, *to) {
            Ok(list) => Action::HeadingsRemembered(list),
            Err(reason) => Action::Told(Notice::warning(format!(
                "未能在本浏览器记住表头“{heading}”的对应：{reason}。本次导入不受影响。"
            ))),
        },
        Effect::LoadAll => Action::AllLoaded(
            names(shelf)
                .into_iter()
                .filter_map(|name| load(shelf, scheme, &name).and_then(Result::ok).map(|read| (name, read.scenario)))
                .collect(),
        ),
        _ => return None,
    })
}

/// Whether a change to `key` (from the `storage` event; `None` when storage was cleared) concerns the
/// saved scenarios.
pub fn concerns_saved(key: Option<&str>) -> bool {
    key.is_none_or(|k| k == NAMES || k.starts_with(NAMED) || k.starts_with(REV))
}

/// Remembers the name last opened or saved, which a new tab opens; failing to is harmless.
pub fn remember_last(shelf: &impl Shelf, name: &str) {
    let _ = shelf.set(LAST, name);
}

// ---- headings the user placed ----

/// What this browser remembers unrecognised headings to be, oldest first; an entry that cannot be
/// read (damaged, or a figure this version does not know) is left out.
pub fn headings(shelf: &impl Shelf) -> Vec<(String, MapTo)> {
    let Some(Value::Array(items)) = shelf.get(HEADINGS).and_then(|text| serde_json::from_str::<Value>(&text).ok())
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|pair| {
            let heading = pair.get(0)?.as_str()?;
            let to = MapTo::from_key(pair.get(1)?.as_str()?)?;
            Some((heading.to_owned(), to))
        })
        .collect()
}

/// Remembers what `heading` is (`None`: forgets it), replacing what was remembered for the same
/// heading (compared as the reader compares headings); returns what is remembered now.
pub fn remember_heading(shelf: &impl Shelf, heading: &str, to: Option<MapTo>) -> Result<Vec<(String, MapTo)>, String> {
    let mut list = headings(shelf);
    let folded = kaoping_sheets::heading::fold(heading);
    list.retain(|(h, _)| kaoping_sheets::heading::fold(h) != folded);
    if let Some(to) = to {
        list.push((heading.to_owned(), to));
    }
    let excess = list.len().saturating_sub(MAX_HEADINGS);
    list.drain(..excess);
    let value: Vec<Value> = list.iter().map(|(h, to)| Value::from(vec![h.clone(), to.key().to_owned()])).collect();
    shelf.set(HEADINGS, &serde_json::to_string(&Value::from(value)).unwrap_or_default())?;
    Ok(list)
}

/// Whether a change to `key` (from the `storage` event; `None` when storage was cleared) concerns
/// the remembered headings.
pub fn concerns_headings(key: Option<&str>) -> bool {
    key.is_none_or(|k| k == HEADINGS)
}

// ---- the bank shown ----

/// The bank last shown, if any.
pub fn bank(shelf: &impl Shelf) -> Option<String> {
    read_string(shelf, BANK)
}

/// Remembers the bank shown. Failing to remember it is harmless.
pub fn remember_bank(shelf: &impl Shelf, id: &str) {
    let _ = shelf.set(BANK, &serde_json::to_string(&Value::from(id)).unwrap_or_default());
}

// ---- each tab's working copy ----

/// Where the working copy a tab starts with came from, to be removed once the tab has written its own
/// (so that a failing write never loses it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The copy of a tab that was closed.
    Tab(String),
    /// The one working copy of earlier versions of the page.
    Legacy,
}

/// What a tab finds when it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The working copy, if one was found.
    pub copy: Option<WorkingCopy>,
    /// Where it was taken from, if from another tab or an earlier version.
    pub source: Option<Source>,
    /// What to tell the user.
    pub notice: Option<Notice>,
}

/// Writes a tab's working copy.
pub fn stash(shelf: &impl Shelf, id: &str, copy: &WorkingCopy) -> Result<(), String> {
    shelf.set(&format!("{TAB}{id}"), &copy.to_text())
}

/// Leaving the page (closing or reloading it): the tab's working copy is marked as one another tab may
/// take up.
pub fn release(shelf: &impl Shelf, id: &str) {
    let mut released = read_list(shelf, RELEASED);
    released.retain(|r| r != id);
    released.push(id.to_owned());
    let _ = write_list(shelf, RELEASED, &released);
}

/// Takes `id` off the list of released tabs: the tab holds its copy again.
pub fn claim(shelf: &impl Shelf, id: &str) {
    let released = read_list(shelf, RELEASED);
    if released.iter().any(|r| r == id) {
        let kept: Vec<String> = released.into_iter().filter(|r| r != id).collect();
        let _ = write_list(shelf, RELEASED, &kept);
    }
}

/// Removes the working copy this tab took up, now that it has written its own.
pub fn forget(shelf: &impl Shelf, source: &Source) {
    match source {
        Source::Tab(id) => {
            shelf.remove(&format!("{TAB}{id}"));
            claim(shelf, id);
        }
        Source::Legacy => {
            shelf.remove(LEGACY_WORKING);
            shelf.remove(LEGACY_NAME);
        }
    }
}

/// What was left out of a copy read back, for a notice.
fn dropped_notice(what: &str, dropped: &[String]) -> Option<Notice> {
    (!dropped.is_empty()).then(|| {
        Notice::warning(format!(
            "{what}中有 {} 处数据无法读取，已略去（其余数字均已保留）：{}",
            dropped.len(),
            dropped.join("；")
        ))
    })
}

/// An entry that cannot be read at all is set aside under `kaoping/damaged` (best effort) and removed.
fn set_aside(shelf: &impl Shelf, key: &str, text: &str) {
    if shelf.set(DAMAGED, text).is_ok() {
        shelf.remove(key);
    }
}

/// Where tab `id` starts: its own working copy after a reload (`own`); else the copy of a closed tab
/// that had unsaved changes (or the one working copy of an earlier version); else the scenario last
/// opened; else the baseline. A copy is read back keeping every value it can; only one that cannot be
/// read at all (not JSON) is set aside.
///
/// www/boot.js's `takenUp` follows these rules to tell whether the first frame a tab kept is what a
/// new tab will draw: a change here is a change there (tests/e2e/first-frame.test.mjs).
pub fn start(shelf: &impl Shelf, scheme: &Scheme, id: &str, own: bool) -> Found {
    let mut notices: Vec<Notice> = Vec::new();
    if own {
        claim(shelf, id);
        let key = format!("{TAB}{id}");
        if let Some(text) = shelf.get(&key) {
            match WorkingCopy::read(&text, scheme) {
                Ok((copy, dropped)) => {
                    return Found {
                        copy: Some(copy),
                        source: None,
                        notice: dropped_notice("本页面暂存的测算", &dropped),
                    };
                }
                Err(why) => {
                    set_aside(shelf, &key, &text);
                    notices.push(Notice::error(format!(
                        "本页面暂存的测算数据无法读取（{why}），已另存一边；页面从其他数据开始。"
                    )));
                }
            }
        }
    }

    if let Some(found) = legacy(shelf, scheme) {
        return Found { notice: notices.pop().or(found.notice), ..found };
    }

    if let Some((source, copy, dropped)) = released_with_changes(shelf, scheme, id) {
        let what = copy.name.as_deref().map_or_else(|| "未命名测算".to_owned(), |n| format!("“{n}”"));
        let notice =
            notices.pop().or_else(|| dropped_notice("之前关闭的页面中暂存的测算", &dropped)).unwrap_or_else(|| {
                Notice::info(format!("已恢复之前关闭的页面中{what}未保存的修改（尚未保存，可点“保存”）。"))
            });
        return Found { copy: Some(copy), source: Some(Source::Tab(source)), notice: Some(notice) };
    }

    let saved = names(shelf);
    if let Some(name) = read_string(shelf, LAST).filter(|n| saved.contains(n)) {
        match load(shelf, scheme, &name) {
            Some(Ok(read)) => {
                let notice = notices.pop().or_else(|| dropped_notice(&format!("已保存的测算“{name}”"), &read.dropped));
                let copy = WorkingCopy {
                    base: stamp(shelf, &name),
                    name: Some(name),
                    modified: false,
                    scenario: read.scenario,
                };
                return Found { copy: Some(copy), source: None, notice };
            }
            Some(Err(message)) => notices.push(Notice::error(format!("{message} 页面从基准情景开始。"))),
            None => {}
        }
    }
    let notice = notices.pop().or_else(|| {
        saved.is_empty().then(|| {
            Notice::info(
                "欢迎使用：从基准情景（各行均按任务完成）开始。修改会暂存在本浏览器；点“保存”（Ctrl+S）给测算起名保存。",
            )
        })
    });
    Found { copy: None, source: None, notice }
}

/// The one working copy of earlier versions of the page, as this tab's, if there is one.
fn legacy(shelf: &impl Shelf, scheme: &Scheme) -> Option<Found> {
    let text = shelf.get(LEGACY_WORKING)?;
    let read = match read_back(&text, scheme) {
        Ok(read) => read,
        Err(error) => {
            set_aside(shelf, LEGACY_WORKING, &text);
            shelf.remove(LEGACY_NAME);
            return Some(Found {
                copy: None,
                source: None,
                notice: Some(Notice::error(format!(
                    "浏览器中暂存的测算数据无法读取（{}），已从基准情景（各行按任务完成）开始。",
                    refusal(&error)
                ))),
            });
        }
    };
    let name = read_string(shelf, LEGACY_NAME).filter(|n| names(shelf).contains(n));
    let reference = match &name {
        Some(name) => load(shelf, scheme, name).and_then(Result::ok).map(|saved| saved.scenario),
        None => Some(crate::read::canonical(scheme, &scheme.baseline())),
    };
    let modified = reference.is_none_or(|r| r != read.scenario);
    let base = name.as_deref().and_then(|n| stamp(shelf, n));
    Some(Found {
        copy: Some(WorkingCopy { name, base, modified, scenario: read.scenario }),
        source: Some(Source::Legacy),
        notice: dropped_notice("浏览器中暂存的测算", &read.dropped),
    })
}

/// The most recently released tab (not `own`) whose working copy has unsaved changes, with the copy.
/// Released copies without changes are removed on the way: nothing would be lost with them.
fn released_with_changes(shelf: &impl Shelf, scheme: &Scheme, own: &str) -> Option<(String, WorkingCopy, Vec<String>)> {
    let released = read_list(shelf, RELEASED);
    let mut kept = Vec::with_capacity(released.len());
    let mut found = None;
    for id in released.iter().rev() {
        if id == own {
            continue;
        }
        let key = format!("{TAB}{id}");
        let Some(text) = shelf.get(&key) else { continue };
        match WorkingCopy::read(&text, scheme) {
            Ok((copy, dropped)) if copy.modified => {
                if found.is_none() {
                    found = Some((id.clone(), copy, dropped));
                }
                kept.push(id.clone());
            }
            Ok(_) => shelf.remove(&key),
            Err(_) => set_aside(shelf, &key, &text),
        }
    }
    kept.reverse();
    if kept != released {
        let _ = write_list(shelf, RELEASED, &kept);
    }
    found
}

// ---- the scheme in force ----

/// The scheme file adopted, read back: `Ok(None)` for the built-in scheme (nothing adopted), `Err` (a
/// notice) when the adopted file can no longer be read or is no longer the file that was checked when
/// it was adopted — it is then set aside under `kaoping/damaged` and the built-in scheme is in force.
/// Returns the file's text with the scheme.
pub fn adopted_scheme(shelf: &impl Shelf) -> Result<Option<(Scheme, String)>, Notice> {
    let Some(record) = shelf.get(SCHEME) else { return Ok(None) };
    let value: Value = serde_json::from_str(&record).unwrap_or(Value::Null);
    let field = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default();
    match Scheme::from_known(field("scheme"), field("fingerprint")) {
        Some(scheme) => Ok(Some((scheme, field("scheme").to_owned()))),
        None => {
            set_aside(shelf, SCHEME, &record);
            Err(Notice::error(
                "之前采用的考评方案文件已损坏或被改动（已另存）；现按内置2024年度方案计算，请重新载入并采用。",
            ))
        }
    }
}

/// Keeps `text` as the scheme file adopted, with the fingerprint its checks gave it (`None`: back to
/// the built-in scheme). The error says why not, in Chinese; the scheme in force is then unchanged.
pub fn adopt_scheme(shelf: &impl Shelf, text: Option<&str>, fingerprint: &str) -> Result<(), String> {
    match text {
        Some(text) => {
            let mut record = serde_json::Map::new();
            record.insert("fingerprint".to_owned(), Value::from(fingerprint));
            record.insert("scheme".to_owned(), Value::from(text));
            shelf.set(SCHEME, &serde_json::to_string(&Value::Object(record)).unwrap_or_default())
        }
        None => {
            shelf.remove(SCHEME);
            Ok(())
        }
    }
}
