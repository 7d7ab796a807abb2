//! The page's scripts as shipped, minified by npm's terser after Trunk, each `integrity` then rewritten
//! in index.html (legacy.html is written from index.html after). Run by `cargo xtask old-engines`
//! (Trunk's post-build hook). The sources stay readable, with their comments; the first load is
//! about 3.8 KB gzipped smaller:
//!
//! - the wasm-bindgen glue (`kaoping-web-<hash>.js`, 9.2 → 7.3 KB) and `start-<hash>.js` (1.0 → 0.4 KB),
//!   ES modules: `--module --ecma 2019`, since Chromium 86 and Firefox ESR 78 read ES2019;
//! - `boot-<hash>.js` (2.7 → 1.5 KB), a classic script in ES5 so that any browser parses it and can
//!   say it cannot run the page: `--ecma 5` (`window.kaopingBoot`, which start.js calls, is a property
//!   and keeps its name).
//!
//! terser renames local names and drops space and comments: the exports and the import object's keys
//! (the names the wasm imports) are kept, and it writes no syntax newer than what it reads.

use std::path::Path;

use crate::css::integrity;

/// How terser minifies the script named `name`, if it is one of the page's (`None`: left as it is).
fn terser_args(name: &str) -> Option<&'static [&'static str]> {
    const MODULE: &[&str] = &["--module", "--ecma", "2019", "--compress", "--mangle"];
    const CLASSIC_ES5: &[&str] = &["--ecma", "5", "--compress", "--mangle"];
    if !name.ends_with(".js") || name.contains("_bg") {
        return None;
    }
    if name.starts_with("kaoping-web-") || name.starts_with("start-") {
        Some(MODULE)
    } else if name.starts_with("boot-") {
        Some(CLASSIC_ES5)
    } else {
        None
    }
}

/// Minifies the page's scripts in `dir` and rewrites their integrity in `dir/index.html`.
pub fn ship(dir: &Path) -> Result<(), String> {
    let index_path = dir.join("index.html");
    let mut index = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let Some(how) = terser_args(&name) else { continue };
        let glue = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let before = integrity(&glue);
        if !index.contains(&before) {
            // Minified by an earlier run of this task (`cargo xtask old-engines dist` again).
            continue;
        }
        let out = path.with_extension("min.js");
        let (input, output) = (path.to_string_lossy(), out.to_string_lossy());
        let status =
            crate::command(&crate::project_root(), "terser", &[&[&*input], how, &["--output", &*output]].concat())
                .status()
                .map_err(|e| format!("could not start terser (npm's terser, node_modules/.bin): {e}"))?;
        if !status.success() {
            return Err(format!("terser could not minify {name}: {status}"));
        }
        let minified = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        std::fs::rename(&out, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        index = index.replace(&before, &integrity(&minified));
    }
    std::fs::write(&index_path, index).map_err(|e| format!("{}: {e}", index_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_scripts_are_minified_each_as_what_it_is() {
        assert_eq!(terser_args("kaoping-web-15a3bab0e78e3626.js").map(|a| a[0]), Some("--module"));
        assert_eq!(terser_args("start-6fea0543ac6a058f.js").map(|a| a[0]), Some("--module"));
        assert_eq!(terser_args("boot-8b4274124e54036f.js"), Some(&["--ecma", "5", "--compress", "--mangle"][..]));
        for other in
            ["kaoping-web-15a3bab0e78e3626_bg.wasm", "kaoping-sheets-worker.js", "kaoping-sheets-worker_loader.js"]
        {
            assert_eq!(terser_args(other), None, "{other}");
        }
    }
}
