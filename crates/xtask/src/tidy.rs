//! Architecture invariants that a test enforces by reading the source tree, as rust-analyzer's
//! `xtask/src/tidy.rs` does: `cargo test -p xtask` (and so `cargo xtask test`) fails when one breaks.
//!
//! - The page writes no rule number: no figure followed by 分, %, 亿元 or 户 in `crates/kaoping-web/src`.
//!   Rule numbers live in the engine's `parameters.json` and reach the page in the engine's sentences.
//! - Each bank figure is declared once: its file key (`"sme_loans"`) is spelt only in the engine's
//!   field table, `crates/kaoping-engine/src/fields.rs`; everything else goes through `Field`.
//!
//! Code under `#[cfg(test)]` and comments are not checked: tests spell out figures and keys on
//! purpose, and a comment may show what a formatted figure looks like.

use std::fs;
use std::path::{Path, PathBuf};

use kaoping_engine::FIELDS;

use crate::project_root;

/// The page's source, which must not contain a rule number.
const PAGE_SRC: &str = "crates/kaoping-web/src";

/// The one file that spells out the bank figures' keys.
const FIELD_TABLE: &str = "crates/kaoping-engine/src/fields.rs";

/// What may follow a figure when it is a rule number: points, a percentage, an amount, households.
const RULE_UNITS: &[&str] = &["分", "%", "％", "亿元", "户"];

/// Lines that spell a bank figure's key for something else that shares its name, each with what the
/// name means there: (file, a fragment of the line, the meaning). An entry that no longer matches
/// anything fails the check too, so the list cannot outlive its reasons.
const SHARED_NAMES: &[(&str, &str, &str)] = &[
    ("crates/kaoping-engine/src/evaluation.rs", "Item::", "an item's key in kaoping-result/1"),
    ("crates/kaoping-engine/src/parameters.rs", ".step)", "a rule's name in parameters.json"),
    ("crates/kaoping-engine/src/scheme.rs", "&file.loans", "附件1's table in annexes.json"),
    ("crates/kaoping-engine/src/scheme.rs", "table", "附件1's table in annexes.json"),
];

#[test]
fn the_page_writes_no_rule_number() {
    let root = project_root();
    let mut found = Vec::new();
    for path in rust_files(&root.join(PAGE_SRC)) {
        let text = read(&path);
        for (number, line) in checked_lines(&text) {
            // Comments may show what a formatted figure looks like (`45.54 分`); the page's words may not.
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(hit) = rule_number(line) {
                found.push(format!("{}:{number}: `{hit}` in {}", relative(&root, &path), line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "rule numbers written in the page (take them from the engine: Parameters, rule_text, readings, …):\n{}",
        found.join("\n")
    );
}

#[test]
fn bank_figure_keys_are_spelt_only_in_the_field_table() {
    let root = project_root();
    let mut found = Vec::new();
    let mut used = vec![false; SHARED_NAMES.len()];
    for path in crate_sources(&root) {
        let file = relative(&root, &path);
        if file == FIELD_TABLE {
            continue;
        }
        let text = read(&path);
        for (number, line) in checked_lines(&text) {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for spec in FIELDS.iter() {
                if !line.contains(&format!("\"{}\"", spec.key)) {
                    continue;
                }
                let shared = SHARED_NAMES.iter().position(|(f, fragment, _)| *f == file && line.contains(fragment));
                match shared {
                    Some(index) => used[index] = true,
                    None => found.push(format!("{file}:{number}: \"{}\" in {}", spec.key, line.trim())),
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a bank figure's key spelt outside {FIELD_TABLE} (use kaoping_engine::Field and its key()):\n{}",
        found.join("\n")
    );
    let stale: Vec<String> = SHARED_NAMES
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((file, fragment, meaning), _)| format!("{file}: `{fragment}` ({meaning})"))
        .collect();
    assert!(stale.is_empty(), "SHARED_NAMES entries that match nothing any more; remove them:\n{}", stale.join("\n"));
}

/// The first rule number in a line (`0 分`, `15%`), if any: an ASCII digit, at most one space, then
/// one of [`RULE_UNITS`].
fn rule_number(line: &str) -> Option<String> {
    for (i, c) in line.char_indices() {
        if !c.is_ascii_digit() {
            continue;
        }
        let after = &line[i + 1..];
        let rest = after.strip_prefix(' ').unwrap_or(after);
        if let Some(unit) = RULE_UNITS.iter().find(|u| rest.starts_with(**u)) {
            let spaced = if rest.len() < after.len() { " " } else { "" };
            return Some(format!("{c}{spaced}{unit}"));
        }
    }
    None
}

/// The lines of a source file outside `#[cfg(test)]` items, with their 1-based numbers.
fn checked_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" {
            i = item_end(&lines, i + 1) + 1;
        } else {
            out.push((i + 1, lines[i]));
            i += 1;
        }
    }
    out
}

/// The index of the last line of the item that starts at `start`: the line where its braces close,
/// or where it ends with `;` before any brace (`mod tests;`). Braces in strings, characters and
/// comments are not counted.
fn item_end(lines: &[&str], start: usize) -> usize {
    let mut depth = 0usize;
    let mut opened = false;
    let mut in_block_comment = false;
    let mut in_string = false;
    for (index, line) in lines.iter().enumerate().skip(start) {
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            let next = chars.get(k + 1).copied();
            if in_block_comment {
                if c == '*' && next == Some('/') {
                    in_block_comment = false;
                    k += 1;
                }
            } else if in_string {
                if c == '\\' {
                    k += 1;
                } else if c == '"' {
                    in_string = false;
                }
            } else {
                match c {
                    '/' if next == Some('/') => break,
                    '/' if next == Some('*') => {
                        in_block_comment = true;
                        k += 1;
                    }
                    '"' => in_string = true,
                    // A character literal: 'x' or '\x'; otherwise a lifetime, which holds no brace.
                    '\'' if chars.get(k + 2) == Some(&'\'') => k += 2,
                    '\'' if next == Some('\\') => {
                        while k + 1 < chars.len() && chars[k + 1] != '\'' {
                            k += 1;
                        }
                        k += 1;
                    }
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if opened && depth == 0 {
                            return index;
                        }
                    }
                    ';' if !opened && depth == 0 => return index,
                    _ => {}
                }
            }
            k += 1;
        }
    }
    lines.len().saturating_sub(1)
}

/// Every `.rs` file under each crate's `src`.
fn crate_sources(root: &Path) -> Vec<PathBuf> {
    let mut crates: Vec<PathBuf> = fs::read_dir(root.join("crates"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path().join("src")).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    crates.sort();
    crates.iter().flat_map(|src| rust_files(src)).collect()
}

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> =
        fs::read_dir(dir).map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[test]
fn rule_numbers_are_found_and_placeholders_are_not() {
    let cases: &[(&str, Option<&str>)] = &[
        ("相应项目记 0 分", Some("0 分")),
        ("按 15% 增长", Some("5%")),
        ("每高于任务数1亿元加1分", Some("1亿元")),
        ("每高于任务数15户", Some("5户")),
        ("满分 40 分", Some("0 分")),
        ("第 {rank} 名", None),
        ("{} 分", None),
        ("width: {}%", None),
        ("2023年末余额", None),
        ("h2", None),
        ("1  分", None),
    ];
    for &(line, expected) in cases {
        assert_eq!(rule_number(line).as_deref(), expected, "{line:?}");
    }
}

#[test]
fn test_items_are_skipped_whatever_their_braces() {
    let text = "fn a() {}\n#[cfg(test)]\nmod tests {\n    const C: char = '}';\n    // }\n    fn b() { \"}\"; }\n}\nfn c() {}\n#[cfg(test)]\nmod more;\nfn d() {}";
    let kept: Vec<&str> = checked_lines(text).into_iter().map(|(_, line)| line).collect();
    assert_eq!(kept, ["fn a() {}", "fn c() {}", "fn d() {}"]);
}
