//! The gzipped size of what a browser downloads from `dist/`: the wasm, the JavaScript (glue and boot
//! script) and the stylesheet. Static servers usually compress these, so the gzipped figure is the
//! one that matters. `cargo xtask test` holds the first load to [`BUDGET_BYTES`].
//!
//! The first load is what `index.html` names (the page's wasm, its glue, the start scripts, the
//! stylesheet). The spreadsheet module (a web worker, `kaoping-sheets-worker*`) is fetched only
//! when a workbook, CSV file or pasted block is first read or written, so it is reported apart.
//!
//! Issue 19: each wasm also has a copy without bulk memory (`*_bg.nobulk.wasm`, `old_engines.rs`),
//! which only Firefox ESR 78 fetches, instead of the other. That build's first load is reported and
//! held to the budget too.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// The most `dist/` may weigh, gzipped. The page loads over an intranet, often on older machines; a
/// size regression should be a decision, not an accident. gzip -9 of the same build is the same
/// number of bytes, so the check is deterministic.
///
/// Issue 8: the spreadsheet code may not slow the first paint.
pub const BUDGET_BYTES: u64 = 450 * 1024;

/// The most the spreadsheet module (the worker, fetched on first use) may weigh, gzipped: issue 15
/// let it grow to read .xls, .ods, .xlsb and GBK text with calamine and encoding_rs.
pub const WORKER_BUDGET_BYTES: u64 = 600 * 1024;

/// Checks the gzipped first load against [`BUDGET_BYTES`], printing the sizes.
pub fn check_budget(dist: &Path) -> Result<(), String> {
    let sizes = report(dist)?;
    for (build, first_load) in [("", sizes.first_load), (" without bulk memory", sizes.first_load_no_bulk)] {
        if first_load > BUDGET_BYTES {
            return Err(format!(
                "the page's first load{build} is {} gzipped, over the budget of {}",
                kib(first_load),
                kib(BUDGET_BYTES)
            ));
        }
    }
    if sizes.on_first_use > WORKER_BUDGET_BYTES {
        return Err(format!(
            "the spreadsheet module is {} gzipped, over its budget of {}",
            kib(sizes.on_first_use),
            kib(WORKER_BUDGET_BYTES)
        ));
    }
    println!(
        "  first load within the budget of {}; the spreadsheet module within its budget of {}",
        kib(BUDGET_BYTES),
        kib(WORKER_BUDGET_BYTES)
    );
    Ok(())
}

/// Gzipped bytes: what the first load fetches, and what is fetched on first use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Everything `index.html` names.
    pub first_load: u64,
    /// The rest (the spreadsheet module).
    pub on_first_use: u64,
    /// The first load of Firefox ESR 78: each wasm named by `index.html` replaced by its copy
    /// without bulk memory, where there is one.
    pub first_load_no_bulk: u64,
}

/// The gzipped sizes, printing nothing.
pub fn sizes(dist: &Path) -> Result<Sizes, String> {
    Ok(Sizes::of(&measure(dist)?))
}

impl Sizes {
    fn of(files: &[Measured]) -> Sizes {
        let copy = |file: &Measured| file.name.ends_with(crate::old_engines::NO_BULK_SUFFIX);
        let total = |first: bool| files.iter().filter(|f| f.first_load == first && !copy(f)).map(|f| f.zipped).sum();
        let first_load = total(true);
        // Each first-load wasm that has a copy without bulk memory, swapped for it.
        let swapped: i64 = files
            .iter()
            .filter(|f| f.first_load)
            .filter_map(|f| {
                let name = crate::old_engines::no_bulk_name(&f.name)?;
                let copy = files.iter().find(|c| c.name == name)?;
                Some(copy.zipped as i64 - f.zipped as i64)
            })
            .sum();
        Sizes { first_load, on_first_use: total(false), first_load_no_bulk: first_load.saturating_add_signed(swapped) }
    }
}

/// One file of `dist/`, measured.
struct Measured {
    name: String,
    raw: u64,
    zipped: u64,
    first_load: bool,
}

/// Every wasm, js and css file of `dist/`, each read and gzipped once.
fn measure(dist: &Path) -> Result<Vec<Measured>, String> {
    let index = std::fs::read_to_string(dist.join("index.html")).ok();
    files(dist)?
        .iter()
        .map(|path| {
            let bytes = read(path)?;
            Ok(Measured {
                name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                raw: bytes.len() as u64,
                zipped: gzipped_len(&bytes)?,
                first_load: loaded_first(index.as_deref(), path),
            })
        })
        .collect()
}

/// Whether `index.html` links the file (`"./name"`, as Trunk writes every URL with the relative
/// public URL); without an index.html, everything counts as first load.
fn loaded_first(index: Option<&str>, path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    index.is_none_or(|html| html.contains(&format!("\"./{name}\"")))
}

fn files(dist: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e} (build first: cargo xtask serve)", dist.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| matches!(path.extension().and_then(|ext| ext.to_str()), Some("wasm" | "js" | "css")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no wasm, js or css in {}", dist.display()));
    }
    Ok(files)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Prints one line per file and the totals, and returns them.
pub fn report(dist: &Path) -> Result<Sizes, String> {
    println!("gzipped size of {} (gzip -9):", dist.display());
    let files = measure(dist)?;
    for file in &files {
        let when = if file.name.ends_with(crate::old_engines::NO_BULK_SUFFIX) {
            "ESR 78 only"
        } else if file.first_load {
            "first load"
        } else {
            "on first use"
        };
        println!("  {:>9}  {:>9} raw  {when:<12}  {}", kib(file.zipped), kib(file.raw), file.name);
    }
    let sizes = Sizes::of(&files);
    println!("  {:>9}  first load (wasm + js + css named by index.html)", kib(sizes.first_load));
    println!(
        "  {:>9}  first load without bulk memory (Firefox ESR 78: *_bg.nobulk.wasm instead)",
        kib(sizes.first_load_no_bulk)
    );
    println!("  {:>9}  on first use (the spreadsheet module)", kib(sizes.on_first_use));
    Ok(sizes)
}

fn gzipped_len(bytes: &[u8]) -> Result<u64, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    let zipped = encoder.finish().map_err(|e| e.to_string())?;
    Ok(zipped.len() as u64)
}

/// Bytes as `234.1 KB` (1 KB = 1024 bytes).
pub fn kib(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_checked() {
        let dist = std::env::temp_dir().join(format!("xtask-size-test-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("temp dir is writable");
        std::fs::write(dist.join("app.js"), "console.log(1);".repeat(100)).expect("temp dir is writable");
        assert!(check_budget(&dist).is_ok(), "a small page is within the budget");
        // Bytes that do not compress, a little over the budget.
        let mut state: u32 = 1;
        let noise: Vec<u8> = (0..BUDGET_BYTES + 10 * 1024)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        std::fs::write(dist.join("app_bg.wasm"), noise).expect("temp dir is writable");
        let total = sizes(&dist).expect("readable").first_load;
        assert!(total > BUDGET_BYTES, "noise does not compress ({total} bytes)");
        assert!(check_budget(&dist).is_err(), "over the budget is an error");

        // Named by index.html it is first load; otherwise it is loaded on first use.
        std::fs::write(dist.join("index.html"), "<script src=\"./app.js\"></script> <!-- app_bg.wasm -->")
            .expect("temp dir is writable");
        let split = sizes(&dist).expect("readable");
        assert!(split.on_first_use > BUDGET_BYTES && split.first_load < 1024, "{split:?}");
        assert!(check_budget(&dist).is_ok(), "a worker's size is not the first load's");
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn the_build_without_bulk_memory_is_held_to_the_budget_too() {
        let dist = std::env::temp_dir().join(format!("xtask-size-nobulk-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("temp dir is writable");
        let write = |name: &str, bytes: &[u8]| std::fs::write(dist.join(name), bytes).expect("temp dir is writable");
        write("index.html", b"<link href=\"./app_bg.wasm\"> <script src=\"./app.js\"></script>");
        write("app.js", b"console.log(1);");
        write("app_bg.wasm", &[0; 4096]);
        write("worker_bg.wasm", &[1; 4096]);
        let small = sizes(&dist).expect("readable");
        assert_eq!(small.first_load_no_bulk, small.first_load, "no copy: the same first load");
        // A copy without bulk memory that does not compress and is over the budget.
        let mut state: u32 = 7;
        let noise: Vec<u8> = (0..BUDGET_BYTES + 1024)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        write("app_bg.nobulk.wasm", &noise);
        let split = sizes(&dist).expect("readable");
        assert_eq!(split.first_load, small.first_load, "the copy is not part of the first load");
        assert_eq!(split.on_first_use, small.on_first_use, "nor of what is loaded on first use");
        assert!(split.first_load_no_bulk > BUDGET_BYTES, "{split:?}");
        let error = check_budget(&dist).expect_err("over the budget without bulk memory");
        assert!(error.contains("without bulk memory"), "{error}");
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn kib_has_one_decimal() {
        assert_eq!(kib(1536), "1.5 KB");
    }
}
