//! The built-in scheme's data files as the engine carries them: `data/<year>/*.json` without the
//! space between tokens (what is inside strings stays as written), so that the page's first load does
//! not carry their indentation (about 0.5 KB gzipped). The files in `data/` stay readable; what they
//! say is unchanged (`Scheme::builtin` reads the same JSON values).
//!
//! Beside them, `<year>/fingerprint`: the built-in scheme's fingerprint, worked out here by the
//! engine's own code (`src/fingerprint.rs`) from the same values, so that the page need not hash the
//! scheme at every start (issue 20). A test checks it against the fingerprint worked out at run time.

use std::path::Path;

#[path = "src/fingerprint.rs"]
mod fingerprint;

/// `json` without whitespace outside strings.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let data = Path::new("data");
    println!("cargo:rerun-if-changed=data");
    for year in std::fs::read_dir(data).expect("data/").filter_map(Result::ok) {
        let target = Path::new(&out).join(year.file_name());
        std::fs::create_dir_all(&target).expect("OUT_DIR is writable");
        for file in std::fs::read_dir(year.path()).expect("data/<year>/").filter_map(Result::ok) {
            let text = std::fs::read_to_string(file.path()).expect("data files are UTF-8");
            std::fs::write(target.join(file.file_name()), compact(&text)).expect("OUT_DIR is writable");
        }
        let read = |name: &str| -> serde_json::Value {
            let text = std::fs::read_to_string(year.path().join(name)).expect("data files are UTF-8");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("data/{:?}/{name}: {e}", year.file_name()))
        };
        let file = fingerprint::scheme_file(read("document.json"), read("parameters.json"), read("annexes.json"));
        let sort: fn(&mut [&String]) = |keys| keys.sort();
        std::fs::write(target.join("fingerprint"), fingerprint::fingerprint(&file, sort)).expect("OUT_DIR is writable");
    }
}
