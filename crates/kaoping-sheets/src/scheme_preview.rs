//! A scheme file read for 规则与设置 › 考评方案: what the page shows of it before it is adopted — the
//! refusal with its place, or how it differs from the scheme in force. Worked out in the spreadsheet
//! module (the worker), which carries the scheme file's checks, so that the page's own module does not
//! (`Job::Scheme`); the page's module keeps only [`SchemeSummary::of`] for the scheme in force.

use kaoping_engine::Scheme;

/// What the page says about a scheme: its name in words and what tells it apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeSummary {
    /// `2025年度（黄政办发〔2025〕3号）`.
    pub label: String,
    /// The document's title.
    pub title: String,
    /// Its issuer and date, as far as the file has them.
    pub issued: String,
    /// 8 hex digits.
    pub fingerprint: String,
    /// The bands (`第 1–10 名 贡献突出单位`).
    pub bands: Vec<String>,
    /// The banks' short names, in annex order.
    pub banks: Vec<String>,
    /// Whether this is the built-in scheme of its year.
    pub builtin: bool,
}

impl SchemeSummary {
    /// The summary of `scheme`.
    pub fn of(scheme: &Scheme) -> SchemeSummary {
        let document = &scheme.document;
        let issued = [document.issuer.trim(), document.date.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        SchemeSummary {
            label: scheme.label(),
            title: document.title.clone(),
            issued,
            fingerprint: scheme.fingerprint.clone(),
            bands: scheme.bands_text(),
            banks: scheme.banks.iter().map(|b| b.short_name.clone()).collect(),
            builtin: is_builtin(scheme),
        }
    }
}

/// Whether `scheme` is the built-in scheme of its year (the same file, by fingerprint).
pub fn is_builtin(scheme: &Scheme) -> bool {
    Scheme::builtin(scheme.year).is_ok_and(|b| b.fingerprint == scheme.fingerprint)
}

/// A scheme file read for adopting: how it differs from the scheme in force, and the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemePreview {
    /// The file's scheme.
    pub summary: SchemeSummary,
    /// How it differs from the scheme in force, line by line (empty: the same scheme).
    pub differences: Vec<String>,
    /// The file's own warnings (文号 or date not filled in: a draft).
    pub notes: Vec<String>,
    /// Annex arithmetic that does not add up (told, not refused).
    pub checks: Vec<String>,
    /// Whether it is the scheme in force already.
    pub in_force: bool,
    /// The file's text, kept when adopted.
    pub text: String,
}

/// A scheme file the user picked: its name and what the reader made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeFile {
    /// The file's name.
    pub file_name: String,
    /// The preview, or the reader's refusal in Chinese with its place.
    pub read: Result<SchemePreview, String>,
}

impl SchemeFile {
    /// Reads `bytes` as a `kaoping-scheme/1` file and compares it with `in_force`.
    pub fn read(file_name: String, bytes: &[u8], in_force: &Scheme) -> SchemeFile {
        let read = match std::str::from_utf8(bytes) {
            Err(_) => Err("考评方案文件须为 UTF-8 编码的 JSON 文本（kaoping-scheme/1）。".to_owned()),
            Ok(text) => {
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                Scheme::from_json(text).map_err(|e| e.zh()).map(|scheme| preview(&scheme, in_force, text))
            }
        };
        SchemeFile { file_name, read }
    }
}

fn preview(scheme: &Scheme, in_force: &Scheme, text: &str) -> SchemePreview {
    let checks = scheme.annex_checks().iter().map(|c| format!("{} {}：{}", c.annex, c.subject, c.message)).collect();
    SchemePreview {
        summary: SchemeSummary::of(scheme),
        differences: scheme.diff_from(in_force).lines_zh(),
        notes: scheme.file_notes(),
        checks,
        in_force: scheme.fingerprint == in_force.fingerprint,
        text: text.to_owned(),
    }
}

// ---- on the wire between the page and the worker (`job.rs`) ----

use serde_json::{json, Value};

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

fn string(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

impl SchemeSummary {
    fn to_value(&self) -> Value {
        json!({
            "label": self.label, "title": self.title, "issued": self.issued, "fingerprint": self.fingerprint,
            "bands": self.bands, "banks": self.banks, "builtin": self.builtin,
        })
    }

    fn from_value(value: &Value) -> SchemeSummary {
        SchemeSummary {
            label: string(value, "label"),
            title: string(value, "title"),
            issued: string(value, "issued"),
            fingerprint: string(value, "fingerprint"),
            bands: strings(&value["bands"]),
            banks: strings(&value["banks"]),
            builtin: value["builtin"].as_bool().unwrap_or(false),
        }
    }
}

impl SchemeFile {
    /// The reply's JSON.
    pub(crate) fn to_value(&self) -> Value {
        match &self.read {
            Ok(p) => json!({
                "file_name": self.file_name,
                "summary": p.summary.to_value(),
                "differences": p.differences, "notes": p.notes, "checks": p.checks,
                "in_force": p.in_force, "text": p.text,
            }),
            Err(why) => json!({ "file_name": self.file_name, "refused": why }),
        }
    }

    /// Read back from the reply's JSON.
    pub(crate) fn from_value(value: &Value) -> SchemeFile {
        let file_name = string(value, "file_name");
        let read = match value.get("refused").and_then(Value::as_str) {
            Some(why) => Err(why.to_owned()),
            None => Ok(SchemePreview {
                summary: SchemeSummary::from_value(&value["summary"]),
                differences: strings(&value["differences"]),
                notes: strings(&value["notes"]),
                checks: strings(&value["checks"]),
                in_force: value["in_force"].as_bool().unwrap_or(false),
                text: string(value, "text"),
            }),
        };
        SchemeFile { file_name, read }
    }
}
