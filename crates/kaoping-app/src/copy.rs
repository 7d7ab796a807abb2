//! A tab's working copy as the browser keeps it (`kaoping-tab/1`): the scenario's own
//! `kaoping-scenario/1` text inside a small record with the name it is saved under, the stamp it
//! started from and whether it had unsaved changes. Written after every change; read back with what
//! cannot be read left out, never set aside whole for one value.

use kaoping_engine::{Scenario, Scheme};
use serde_json::{Map, Value};

use crate::read::{read_back, refusal, ReadBack};

/// The record's format name.
pub const FORMAT: &str = "kaoping-tab/1";

/// A tab's working copy.
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

impl WorkingCopy {
    /// The record as stored. The scenario is a string inside it, so its numbers never pass through
    /// anything but the engine's reader.
    pub fn to_text(&self) -> String {
        let mut record = Map::new();
        record.insert("format".to_owned(), Value::String(FORMAT.to_owned()));
        if let Some(name) = &self.name {
            record.insert("name".to_owned(), Value::String(name.clone()));
        }
        if let Some(base) = &self.base {
            record.insert("base".to_owned(), Value::String(base.clone()));
        }
        record.insert("modified".to_owned(), Value::Bool(self.modified));
        // Compact: the copy is written after every change and read at every start, and the
        // indentation was a third of its text, all of it escaped inside the record.
        record.insert("scenario".to_owned(), Value::String(self.scenario.to_json_compact()));
        serde_json::to_string(&Value::Object(record)).unwrap_or_default()
    }

    /// Reads a stored record back under the scheme in force: the copy and what had to be left out of its scenario. `Err` (a
    /// Chinese reason) only when there is no scenario to read at all.
    pub fn read(text: &str, scheme: &Scheme) -> Result<(WorkingCopy, Vec<String>), String> {
        let value: Value = serde_json::from_str(text).map_err(|_| "不是有效的 JSON".to_owned())?;
        let Value::Object(record) = value else { return Err("格式不对".to_owned()) };
        let string = |key: &str| record.get(key).and_then(Value::as_str).map(str::to_owned);
        let scenario_text = string("scenario").ok_or_else(|| "缺少测算数据".to_owned())?;
        let ReadBack { scenario, dropped } = read_back(&scenario_text, scheme).map_err(|e| refusal(&e))?;
        let copy = WorkingCopy {
            name: string("name"),
            base: string("base"),
            // When in doubt, the copy counts as having unsaved changes: it is kept, not dropped.
            modified: record.get("modified").and_then(Value::as_bool).unwrap_or(true),
            scenario,
        };
        Ok((copy, dropped))
    }
}
