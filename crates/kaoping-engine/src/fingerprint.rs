//! A scheme file's fingerprint, and the built-in scheme of a year as one scheme file.
//!
//! This file is compiled twice: into the engine, and into the engine's `build.rs` (`#[path]`), which
//! works out the built-in scheme's fingerprint when the engine is built, so that the page does not
//! hash the whole scheme at every start (issue 20: about a tenth of the wasm's work before the first
//! total on a slow desk). It therefore uses nothing of the crate but what it is given.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The `format` of a scheme file.
pub const SCHEME_FORMAT: &str = "kaoping-scheme/1";

/// The built-in scheme of a year as one scheme file: the year (as `parameters.json` states it), its
/// document, parameters and annexes, each read from its data file.
pub fn scheme_file(document: Value, parameters: Value, annexes: Value) -> Value {
    let year = parameters.get("year").cloned().unwrap_or(Value::Null);
    let mut file = Map::new();
    file.insert("format".to_owned(), Value::String(SCHEME_FORMAT.to_owned()));
    file.insert("year".to_owned(), year);
    file.insert("document".to_owned(), document);
    file.insert("parameters".to_owned(), parameters);
    file.insert("annexes".to_owned(), annexes);
    Value::Object(file)
}

/// The first 8 hex digits of the SHA-256 of the file's canonical form: keys sorted, no spaces, numbers
/// and strings as written. The same scheme gives the same fingerprint however it is indented or its
/// keys ordered, so a file re-saved by an editor is still the same scheme. `sort` puts keys in their
/// order (the engine passes its one shared sort, `build.rs` the standard one).
pub fn fingerprint(value: &Value, sort: fn(&mut [&String])) -> String {
    fn canonical(value: &Value, sort: fn(&mut [&String])) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                sort(&mut keys);
                Value::Object(keys.into_iter().map(|k| (k.clone(), canonical(&map[k], sort))).collect())
            }
            Value::Array(list) => Value::Array(list.iter().map(|v| canonical(v, sort)).collect()),
            other => other.clone(),
        }
    }
    let text = serde_json::to_string(&canonical(value, sort)).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}
