//! The gzipped size of what a browser downloads from `dist/`: the wasm, the JavaScript glue and the
//! stylesheet. Static servers usually compress these, so the gzipped figure is the one that matters.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// Prints one line per file and a total, and returns the total in bytes.
pub fn report(dist: &Path) -> Result<u64, String> {
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

    let mut total = 0;
    println!("gzipped size of {} (gzip -9):", dist.display());
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let zipped = gzipped_len(&bytes)?;
        total += zipped;
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        println!("  {:>9}  {:>9} raw  {name}", kib(zipped), kib(bytes.len() as u64));
    }
    println!("  {:>9}  total (wasm + js + css)", kib(total));
    Ok(total)
}

fn gzipped_len(bytes: &[u8]) -> Result<u64, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    let zipped = encoder.finish().map_err(|e| e.to_string())?;
    Ok(zipped.len() as u64)
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kib_has_one_decimal() {
        assert_eq!(kib(1536), "1.5 KB");
    }
}
