//! `cargo xtask old-engines [DIR]`: what the build adds for old browser engines (issue 19), run by
//! Trunk after each build (a post-build hook in Trunk.toml, in its staging folder) or on `dist/`.
//!
//! - The stylesheet without its comments (`css.rs`), the page's wasm-bindgen glue minified (`js.rs`),
//!   the wasm's import names shortened in the wasm and its glue (`imports.rs`).
//! - `legacy.html`, index.html under the policy Chromium before 97 needs (`csp.rs`).
//! - For every wasm, a copy without bulk memory, `<name>_bg.nobulk.wasm`: wasm-opt lowers
//!   `memory.copy`/`memory.fill` to loops. Firefox before 79 (ESR 78) is the one supported engine
//!   without bulk memory. The lowered copy is measurably slower (the page's keystroke, p50, 6 → 10 ms
//!   in Chromium 156), so every other engine keeps the build with bulk memory; `www/start.js` and
//!   the worker's loader pick by validating a 39-byte module that uses `memory.copy`.
//! - The spreadsheet worker's loader, which Trunk writes as a fixed call, rewritten to pick the same
//!   way (a worker sees nothing of the page's choice).

use std::path::{Path, PathBuf};

use crate::{command, csp, css, imports, js};

/// The suffix of a wasm file's copy without bulk memory (`x_bg.wasm` → `x_bg.nobulk.wasm`).
pub const NO_BULK_SUFFIX: &str = "_bg.nobulk.wasm";

/// The worker's glue and loader, as Trunk names them (`data-loader-shim`; a worker's names are not hashed).
const WORKER_GLUE: &str = "kaoping-sheets-worker.js";
const WORKER_WASM: &str = "kaoping-sheets-worker_bg.wasm";
const WORKER_LOADER: &str = "kaoping-sheets-worker_loader.js";

/// `(module (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.copy))`: valid only where
/// the engine has bulk memory. The same bytes are in www/start.js.
pub const BULK_MEMORY_PROBE: [u8; 39] = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0,
    252, 10, 0, 0, 11,
];

pub fn task(args: &[String]) -> Result<(), String> {
    let dir = match (args.first(), std::env::var_os("TRUNK_STAGING_DIR")) {
        (Some(dir), _) => PathBuf::from(dir),
        (None, Some(staging)) => PathBuf::from(staging),
        (None, None) => crate::project_root().join("dist"),
    };
    // Before legacy.html is written from index.html, so both carry the integrity of what is shipped.
    css::ship(&dir)?;
    js::ship(&dir)?;
    imports::ship(&dir)?;
    csp::write_legacy_page(&dir)?;
    for wasm in wasm_files(&dir)? {
        lower_bulk_memory(&wasm)?;
    }
    write_worker_loader(&dir)
}

/// The build's wasm files (not the copies this task wrote before).
pub fn wasm_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with("_bg.wasm")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *_bg.wasm in {}", dir.display()));
    }
    Ok(files)
}

/// The name of a wasm file's copy without bulk memory.
pub fn no_bulk_name(name: &str) -> Option<String> {
    name.strip_suffix("_bg.wasm").map(|stem| format!("{stem}{NO_BULK_SUFFIX}"))
}

/// Writes the copy of `wasm` without bulk memory, beside it.
fn lower_bulk_memory(wasm: &Path) -> Result<(), String> {
    let name = wasm.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let out = wasm.with_file_name(no_bulk_name(name).ok_or_else(|| format!("{name}: not a *_bg.wasm"))?);
    let root = crate::project_root();
    let (input, output) = (wasm.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    let status = command(
        &root,
        "wasm-opt",
        &[
            &input,
            "--enable-mutable-globals",
            "--enable-sign-ext",
            "--enable-nontrapping-float-to-int",
            "--enable-bulk-memory",
            // The pass also takes bulk memory off the module's features (no DataCount section).
            "--llvm-memory-copy-fill-lowering",
            // And optimised again after it: the lowered copy was 0.8 KB gzipped larger than the build,
            // 0.1 KB smaller with this (the first load for Firefox ESR 78 counts in the budget too).
            "-Oz",
            "-o",
            &output,
        ],
    )
    .status()
    .map_err(|e| format!("could not start wasm-opt (npm's binaryen, node_modules/.bin): {e}"))?;
    if !status.success() {
        return Err(format!("wasm-opt could not lower bulk memory in {name}: {status}"));
    }
    Ok(())
}

/// The worker's loader: its glue, then the wasm with or without bulk memory, as the engine can run.
pub fn worker_loader() -> String {
    let probe: Vec<String> = BULK_MEMORY_PROBE.iter().map(u8::to_string).collect();
    let no_bulk = no_bulk_name(WORKER_WASM).unwrap_or_default();
    format!(
        "// Written by `cargo xtask old-engines`: Firefox before 79 (ESR 78) has no bulk memory and gets the\n\
         // copy of the wasm with memory.copy/fill lowered to loops.\n\
         importScripts(\"./{WORKER_GLUE}\");\n\
         wasm_bindgen(WebAssembly.validate(new Uint8Array([{}])) ? \"./{WORKER_WASM}\" : \"./{no_bulk}\");\n",
        probe.join(", ")
    )
}

/// Replaces Trunk's loader, after checking it is the one expected (so a change in Trunk is noticed).
fn write_worker_loader(dir: &Path) -> Result<(), String> {
    let path = dir.join(WORKER_LOADER);
    let trunk = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected = format!("importScripts(\"./{WORKER_GLUE}\");wasm_bindgen(\"./{WORKER_WASM}\");");
    if trunk != expected && trunk != worker_loader() {
        return Err(format!("{}: not the loader Trunk writes ({expected}): {trunk}", path.display()));
    }
    std::fs::write(&path, worker_loader()).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_copy_without_bulk_memory() {
        assert_eq!(no_bulk_name("kaoping-web-0a1b_bg.wasm").as_deref(), Some("kaoping-web-0a1b_bg.nobulk.wasm"));
        assert_eq!(no_bulk_name("kaoping-web-0a1b_bg.nobulk.wasm"), None);
    }

    #[test]
    fn start_js_probes_with_the_same_bytes() {
        let start = include_str!("../../../www/start.js");
        let probe: Vec<String> = BULK_MEMORY_PROBE.iter().map(u8::to_string).collect();
        assert!(start.contains(&probe.join(", ")), "www/start.js should validate BULK_MEMORY_PROBE");
        assert!(start.contains(NO_BULK_SUFFIX), "www/start.js should name the copy {NO_BULK_SUFFIX}");
    }

    #[test]
    fn the_worker_loader_picks_the_wasm() {
        let loader = worker_loader();
        assert!(loader.contains("importScripts(\"./kaoping-sheets-worker.js\");"));
        assert!(loader.contains("\"./kaoping-sheets-worker_bg.wasm\" : \"./kaoping-sheets-worker_bg.nobulk.wasm\""));
    }
}
