//! The page's wasm-bindgen glue as shipped: wasm-bindgen writes it readable (57 KB, 9.2 KB of the
//! first load gzipped); the build ships it minified by npm's terser (about 2 KB less gzipped), then
//! rewrites its `integrity` in index.html (legacy.html is written from index.html after). Run by
//! `cargo xtask old-engines` (Trunk's post-build hook).
//!
//! terser only renames local names and drops space: the exports and the import object's keys (the
//! names the wasm imports) are kept, and it writes no syntax newer than what it reads (`--ecma 2019`
//! is the most it may assume: Chromium 86 and Firefox ESR 78 read ES2019). `start.js` and `boot.js`
//! are left as written: `boot.js` must still parse in engines that cannot run the page, to say so.

use std::path::Path;

use crate::css::integrity;

/// Whether `name` is the page's glue as Trunk names it (`kaoping-web-<hash>.js`).
fn is_page_glue(name: &str) -> bool {
    name.starts_with("kaoping-web-") && name.ends_with(".js") && !name.contains("_bg")
}

/// Minifies the page's glue in `dir` and rewrites its integrity in `dir/index.html`.
pub fn ship(dir: &Path) -> Result<(), String> {
    let index_path = dir.join("index.html");
    let mut index = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if !is_page_glue(&name) {
            continue;
        }
        let glue = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let before = integrity(&glue);
        if !index.contains(&before) {
            // Minified by an earlier run of this task (`cargo xtask old-engines dist` again).
            continue;
        }
        let out = path.with_extension("min.js");
        let (input, output) = (path.to_string_lossy(), out.to_string_lossy());
        let status = crate::command(
            &crate::project_root(),
            "terser",
            &[&input, "--module", "--ecma", "2019", "--compress", "--mangle", "--output", &output],
        )
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
    fn only_the_page_glue_is_minified() {
        assert!(is_page_glue("kaoping-web-15a3bab0e78e3626.js"));
        for other in
            ["kaoping-web-15a3bab0e78e3626_bg.wasm", "kaoping-sheets-worker.js", "start-6fea.js", "boot-8b42.js"]
        {
            assert!(!is_page_glue(other), "{other}");
        }
    }
}
