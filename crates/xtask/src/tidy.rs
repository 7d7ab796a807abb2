//! Architecture invariants that a test enforces by reading the source tree, as rust-analyzer's
//! `xtask/src/tidy.rs` does: `cargo test -p xtask` (and so `cargo xtask test`) fails when one breaks.
//!
//! - The page writes no rule number: no figure followed by 分, %, 亿元 or 户 in `crates/kaoping-web/src`
//!   or `crates/kaoping-app/src`.
//!   Rule numbers live in the engine's `parameters.json` and reach the page in the engine's sentences.
//! - Each bank figure is declared once: its file key (`"sme_loans"`) is spelt only in the engine's
//!   field table, `crates/kaoping-engine/src/fields.rs`; everything else goes through `Field`.
//! - Each setting and city figure is declared once: its label and its file key are spelt only in the
//!   engine's settings table, `crates/kaoping-engine/src/settings.rs`; everything else goes through
//!   `Setting`, the page included.
//! - The engine's modules form layers: no module reaches (through `crate::…`) one that reaches it
//!   back, so the base types sit below what uses them.
//! - The engine names no command-line option (`--lever`): it says what is wrong in its own words, and
//!   the command line adds its option's name where it prints.
//! - The page's components draw; they do not compute or do I/O: no component (nor the app's frame)
//!   calls the engine's evaluate, solver or comparison, and no component reaches a service or a context.
//!   What they show arrives as props from `kaoping_app`, worked out once per change by its reducer.
//! - The page writes no share link itself: neither `crates/kaoping-web/src` nor `crates/kaoping-app/src`
//!   calls the link's writer or a deflate compressor. The spreadsheet module writes links (`Job::Link`),
//!   so the compressor stays out of the first load (issue 18 needed its room); reading a link at start
//!   needs only the decompressor.
//!
//! Code under `#[cfg(test)]` and comments are not checked: tests spell out figures and keys on
//! purpose, and a comment may show what a formatted figure looks like.

use std::fs;
use std::path::{Path, PathBuf};

use kaoping_engine::{FIELDS, SETTINGS};

use crate::project_root;

/// The page's source, which must not contain a rule number.
const PAGE_SRC: &str = "crates/kaoping-web/src";
/// The page's state, host-built; it must not contain a rule number either.
const APP_SRC: &str = "crates/kaoping-app/src";

/// The engine's source, whose modules must form layers.
const ENGINE_SRC: &str = "crates/kaoping-engine/src";

/// The one file that spells out the bank figures' keys.
const FIELD_TABLE: &str = "crates/kaoping-engine/src/fields.rs";

/// The one file that spells out the settings' labels and keys.
const SETTINGS_TABLE: &str = "crates/kaoping-engine/src/settings.rs";

/// What may follow a figure when it is a rule number: points, a percentage, an amount, households.
const RULE_UNITS: &[&str] = &["分", "%", "％", "亿元", "户"];

/// Lines that spell a bank figure's key for something else that shares its name, each with what the
/// name means there: (file, a fragment of the line, the meaning). An entry that no longer matches
/// anything fails the check too, so the list cannot outlive its reasons.
const SHARED_NAMES: &[(&str, &str, &str)] = &[
    ("crates/kaoping-engine/src/items.rs", "Item::", "an item's key in kaoping-result/1"),
    ("crates/kaoping-engine/src/scheme_file.rs", ".step)", "a rule's name in a scheme file's parameters"),
    ("crates/kaoping-engine/src/parameters.rs", "o.required(\"", "a rule's name in parameters.json"),
    ("crates/kaoping-engine/src/scheme_problem.rs", "key: \"loans\"", "附件1's table in a scheme file's annexes"),
    ("crates/kaoping-engine/src/scheme.rs", "table", "附件1's table in annexes.json"),
];

#[test]
fn the_page_writes_no_rule_number() {
    let root = project_root();
    let mut found = Vec::new();
    for path in [PAGE_SRC, APP_SRC].iter().flat_map(|dir| rust_files(&root.join(dir))) {
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

#[test]
fn setting_labels_and_keys_are_spelt_only_in_the_settings_table() {
    let root = project_root();
    let mut found = Vec::new();
    for path in crate_sources(&root) {
        let file = relative(&root, &path);
        if file == SETTINGS_TABLE {
            continue;
        }
        let text = read(&path);
        for (number, line) in checked_lines(&text) {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for spec in SETTINGS.iter() {
                if line.contains(spec.label) || line.contains(&format!("\"{}\"", spec.key)) {
                    found.push(format!("{file}:{number}: {} in {}", spec.key, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a setting's label or key spelt outside {SETTINGS_TABLE} (use kaoping_engine::Setting):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_engine_modules_form_no_import_circle() {
    let root = project_root();
    let src = root.join(ENGINE_SRC);
    let files: Vec<(String, String)> =
        rust_files(&src).into_iter().map(|path| (relative(&src, &path), read(&path))).collect();
    let modules: Vec<String> = files.iter().filter_map(|(file, _)| module_of(file)).collect();
    let lib = files.iter().find(|(file, _)| file == "lib.rs").map(|(_, text)| text.as_str()).unwrap_or_default();
    let exports = reexports(lib);
    let mut edges: Vec<Edge> = Vec::new();
    for (file, text) in &files {
        let Some(from) = module_of(file) else { continue };
        for (number, line) in checked_lines(text) {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for name in crate_references(line) {
                let to = if modules.contains(&name) {
                    Some(name)
                } else {
                    exports.iter().find(|(export, _)| *export == name).map(|(_, module)| module.clone())
                };
                if let Some(to) = to.filter(|to| *to != from) {
                    if !edges.iter().any(|e| e.from == from && e.to == to) {
                        edges.push(Edge { from: from.clone(), to, place: format!("{ENGINE_SRC}/{file}:{number}") });
                    }
                }
            }
        }
    }
    assert!(modules.len() > 10 && edges.len() > 20, "the engine's modules and their references are found");
    if let Some(circle) = find_circle(&edges) {
        let shown: Vec<String> = circle.iter().map(|e| format!("  {} -> {} ({})", e.from, e.to, e.place)).collect();
        panic!(
            "the engine's modules form an import circle; move the shared types to a module below both:\n{}",
            shown.join("\n")
        );
    }
}

#[test]
fn the_engine_names_no_command_line_option() {
    let root = project_root();
    let mut found = Vec::new();
    for path in rust_files(&root.join(ENGINE_SRC)) {
        let text = read(&path);
        for (number, line) in checked_lines(&text) {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(option) = command_line_option(line) {
                found.push(format!("{}:{number}: `{option}` in {}", relative(&root, &path), line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the engine names a command-line option; say what is wrong in the engine's words and let the CLI add \
         its option's name where it prints:\n{}",
        found.join("\n")
    );
}

/// A reference from one of the engine's modules to another, where it is first seen.
#[derive(Debug, Clone)]
struct Edge {
    from: String,
    to: String,
    place: String,
}

/// The module a file of the engine belongs to: `solve` for `solve/lever.rs` and `solve/mod.rs`,
/// `error` for `error.rs`; `None` for the crate root.
fn module_of(file: &str) -> Option<String> {
    let first = file.split('/').next()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    (module != "lib").then(|| module.to_owned())
}

/// The names the crate root re-exports, each with the module it comes from (`Scheme` → `scheme`).
fn reexports(lib: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for statement in lib.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else { continue };
        let Some((module, names)) = rest.split_once("::") else { continue };
        for name in names.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace()).split(',') {
            let name = name.trim().rsplit(" as ").next().unwrap_or("").trim();
            if !name.is_empty() {
                out.push((name.to_owned(), module.trim().to_owned()));
            }
        }
    }
    out
}

/// The first name after each `crate::` in a line, and every name of a `crate::{a, b::c}` group.
fn crate_references(line: &str) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            out.extend(inner.split(',').map(|part| ident(part.trim())).filter(|n| !n.is_empty()));
        } else {
            let name = ident(after);
            if !name.is_empty() {
                out.push(name);
            }
        }
        rest = after;
    }
    out
}

/// A circle of edges (`a -> b -> … -> a`), if the graph has one.
fn find_circle(edges: &[Edge]) -> Option<Vec<Edge>> {
    fn visit(node: &str, edges: &[Edge], path: &mut Vec<Edge>, done: &mut Vec<String>) -> Option<Vec<Edge>> {
        if done.iter().any(|d| d == node) {
            return None;
        }
        for edge in edges.iter().filter(|e| e.from == node) {
            if let Some(start) = path.iter().position(|e| e.from == edge.to) {
                let mut circle = path[start..].to_vec();
                circle.push(edge.clone());
                return Some(circle);
            }
            if edge.to == node {
                return Some(vec![edge.clone()]);
            }
            path.push(edge.clone());
            if let Some(circle) = visit(&edge.to, edges, path, done) {
                return Some(circle);
            }
            path.pop();
        }
        done.push(node.to_owned());
        None
    }
    let mut done = Vec::new();
    let mut nodes: Vec<&str> = edges.iter().map(|e| e.from.as_str()).collect();
    nodes.sort_unstable();
    nodes.dedup();
    nodes.into_iter().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

/// A command-line option written in a line (`--spread`): two hyphens and a letter.
fn command_line_option(line: &str) -> Option<String> {
    let at = line
        .match_indices("--")
        .map(|(i, _)| i)
        .find(|&i| line[i + 2..].chars().next().is_some_and(|c| c.is_ascii_lowercase()) && !line[..i].ends_with('-'))?;
    Some(line[at..].chars().take_while(|c| *c == '-' || c.is_ascii_alphanumeric()).collect())
}

/// The page's components and its frame.
const COMPONENTS: &str = "crates/kaoping-web/src/components";
const PAGE_FRAME: &str = "crates/kaoping-web/src/app.rs";

/// What no component or the page's frame calls: the engine's scoring, solving and comparing (free
/// functions), each with where it belongs instead. Matched as a call (`name(`, `engine::name(`) after a
/// character that cannot be part of a name; a method of the same name (`app.next_band()`) is not one.
const ENGINE_WORK: &[(&str, &str)] = &[
    ("evaluate", "the reducer's Derived (kaoping_app::derived)"),
    ("solve", "kaoping_app::target, once typing settles"),
    ("margins", "kaoping_app::target"),
    ("marginal", "kaoping_app::target"),
    ("sensitivity", "kaoping_app::target"),
    ("sensitivity_around", "kaoping_app::target"),
    ("next_band_answer", "kaoping_app::App::next_band, once typing settles"),
    ("next_band", "kaoping_app::App::next_band"),
    ("loans_for_rank", "kaoping_app::target"),
    ("simulate", "the page's simulation service, started by an effect"),
    ("compare", "kaoping_app::compare"),
    ("compare_ranks", "the reducer (Action::Choose)"),
    ("doubts", "the reducer's Derived::doubts"),
];

/// What no component touches: the page's services, storage, workers and contexts.
const SERVICES: &[(&str, &str)] = &[
    ("services::", "an Effect the hook runs"),
    ("storage::", "an Effect the hook runs"),
    ("sheets_worker", "an Effect the hook runs"),
    ("local_storage", "an Effect the hook runs"),
    ("session_storage", "an Effect the hook runs"),
    ("Worker::new", "an Effect the hook runs"),
    ("Simulation::new", "the page's simulation service"),
    ("use_context", "props from the app"),
    ("ContextProvider", "props from the app"),
    ("use_app", "props from the app"),
];

#[test]
fn components_draw_and_neither_compute_nor_do_io() {
    let root = project_root();
    let mut found = Vec::new();
    let mut files = rust_files(&root.join(COMPONENTS));
    assert!(files.len() > 10, "the components are where {COMPONENTS} says");
    files.push(root.join(PAGE_FRAME));
    for path in files {
        let file = relative(&root, &path);
        let text = read(&path);
        for (number, line) in checked_lines(&text) {
            let code = line.split("//").next().unwrap_or_default();
            for (name, instead) in ENGINE_WORK {
                if calls(code, name) {
                    found.push(format!("{file}:{number}: calls {name}() — belongs in {instead}: {}", line.trim()));
                }
            }
            if file == PAGE_FRAME {
                continue;
            }
            for (pattern, instead) in SERVICES {
                if code.contains(pattern) {
                    found.push(format!("{file}:{number}: uses {pattern} — use {instead}: {}", line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "components that compute or do I/O:\n{}", found.join("\n"));
}

/// What writes a share link or deflates: the spreadsheet module's work (`Job::Link`), not the page's.
const LINK_WRITERS: &[&str] = &["share_fragment", "share_fragment_at", "compress_to_vec", "compress_to_vec_zlib"];

#[test]
fn the_page_writes_no_share_link_itself() {
    let root = project_root();
    let mut found = Vec::new();
    for dir in [PAGE_SRC, APP_SRC] {
        let files = rust_files(&root.join(dir));
        assert!(!files.is_empty(), "{dir} has Rust files");
        for path in files {
            let file = relative(&root, &path);
            for (number, line) in checked_lines(&read(&path)) {
                let code = line.split("//").next().unwrap_or_default();
                for name in LINK_WRITERS.iter().filter(|name| calls(code, name)) {
                    found.push(format!(
                        "{file}:{number}: calls {name}() — ask the spreadsheet module (Job::Link): {}",
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the page writing share links itself (its first load would hold the compressor):\n{}",
        found.join("\n")
    );
}

/// Whether `code` calls the function `name(…)`, not a method of that name or a longer name ending in it.
fn calls(code: &str, name: &str) -> bool {
    let call = format!("{name}(");
    code.match_indices(&call)
        .any(|(at, _)| code[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.')))
}

#[test]
fn calls_are_found_by_their_whole_name() {
    assert!(calls("let e = evaluate(scheme, &s);", "evaluate"));
    assert!(calls("kaoping_engine::solve(a)", "solve"));
    assert!(calls("(doubts(scheme, &input))", "doubts"));
    assert!(!calls("app.next_band()", "next_band"), "a method of the state");
    assert!(!calls("let e = re_evaluate(s);", "evaluate"));
    assert!(!calls("derived.doubts_of(scheme, bank)", "doubts"));
    assert!(!calls("compare_now()", "compare"));
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

#[test]
fn crate_references_and_circles_are_found() {
    assert_eq!(crate_references("use crate::fields::{Field, Unit};"), ["fields"]);
    assert_eq!(
        crate_references("let x = crate::format::round2(y) + crate::exact::is_positive(z);"),
        ["format", "exact"]
    );
    assert_eq!(crate_references("use crate::{evaluate, fields::Field};"), ["evaluate", "fields"]);
    assert_eq!(
        reexports("pub use a::{B, C as D};\npub use e::F;"),
        [("B".to_owned(), "a".to_owned()), ("D".to_owned(), "a".to_owned()), ("F".to_owned(), "e".to_owned())]
    );
    let edge = |from: &str, to: &str| Edge { from: from.to_owned(), to: to.to_owned(), place: String::new() };
    assert!(find_circle(&[edge("a", "b"), edge("b", "c"), edge("a", "c")]).is_none());
    let circle = find_circle(&[edge("a", "b"), edge("b", "c"), edge("c", "a")]).expect("a circle");
    assert_eq!(circle.iter().map(|e| e.from.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(command_line_option(r#"Error::Assumption { what: "--spread" }"#).as_deref(), Some("--spread"));
    assert_eq!(command_line_option("let a = b - -c; // ---"), None);
}
