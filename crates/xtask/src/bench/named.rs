//! The profiling build of `cargo xtask bench`: `dist/` as Trunk built it, with the page's wasm
//! replaced by the same code that keeps its name section, so that a CPU profile names the wasm
//! functions (`kaoping_engine::evaluate::evaluate`) instead of numbering them.
//!
//! Trunk runs wasm-bindgen on the release wasm of cargo (which has a name section) and then
//! `wasm-opt -Oz`, which drops the names. Here the same two steps run again on the same file, with
//! `wasm-opt -Oz -g`: the code section comes out byte for byte the same size as the shipped one
//! (checked), only the names are kept. Written to `target/bench-profile/dist/`.

use std::path::{Path, PathBuf};

use crate::run;

/// The page's binary, as index.html names it to Trunk (`data-bin`).
const BIN: &str = "kaoping-web";

/// Builds `target/bench-profile/dist/` from `dist/` and the release wasm; returns its path.
pub fn build(root: &Path, target: &Path) -> Result<PathBuf, String> {
    let dist = root.join("dist");
    let shipped_wasm = find(&dist, &format!("{BIN}-"), "_bg.wasm")?;
    let shipped_js = find(&dist, &format!("{BIN}-"), ".js")?;
    let release = target.join("wasm32-unknown-unknown").join("release").join(format!("{BIN}.wasm"));
    if !release.is_file() {
        return Err(format!("{} is missing: run `trunk build --release` first", release.display()));
    }
    let out = target.join("bench-profile");
    let bindgen = out.join("bindgen");
    let named = out.join("dist");
    for dir in [&bindgen, &named] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    std::fs::create_dir_all(&named).map_err(|e| format!("{}: {e}", named.display()))?;
    let path = |p: &Path| p.to_string_lossy().into_owned();
    run(
        root,
        "wasm-bindgen",
        &["--target", "web", "--no-typescript", "--out-dir", &path(&bindgen), "--out-name", BIN, &path(&release)],
    )?;
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().is_file() {
            std::fs::copy(entry.path(), named.join(entry.file_name())).map_err(|e| e.to_string())?;
        }
    }
    let wasm_out = named.join(&shipped_wasm);
    let page = std::fs::read_to_string(root.join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let mut args = wasm_opt_args(&page)?;
    args.extend(["-g".to_owned(), path(&bindgen.join(format!("{BIN}_bg.wasm"))), "-o".to_owned(), path(&wasm_out)]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(root, "wasm-opt", &args)?;
    std::fs::copy(bindgen.join(format!("{BIN}.js")), named.join(&shipped_js)).map_err(|e| e.to_string())?;
    let code = |file: &Path| std::fs::read(file).map(|bytes| code_section_len(&bytes)).map_err(|e| e.to_string());
    let (shipped_code, named_code) = (code(&dist.join(&shipped_wasm))?, code(&wasm_out)?);
    if shipped_code.is_none() || shipped_code != named_code {
        return Err(format!(
            "the profiling build's code section ({named_code:?} bytes) is not the shipped one's ({shipped_code:?})"
        ));
    }
    // The two files changed, so their integrity hashes in index.html no longer hold.
    let index = named.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| e.to_string())?;
    std::fs::write(&index, without_integrity(&html, &[&shipped_wasm, &shipped_js])).map_err(|e| e.to_string())?;
    Ok(named)
}

/// The wasm-opt settings Trunk builds the page's wasm with, as index.html gives them on the page's
/// `<link data-trunk rel="rust" … data-bin="kaoping-web">`: `-O` and its level (`data-wasm-opt`), then
/// `data-wasm-opt-params`. Read from there so that the profiling build cannot drift from the shipped one.
fn wasm_opt_args(index_html: &str) -> Result<Vec<String>, String> {
    let bin = format!("data-bin=\"{BIN}\"");
    let tag = index_html
        .split('<')
        .find(|tag| tag.starts_with("link") && tag.contains(&bin))
        .ok_or_else(|| format!("index.html has no <link data-trunk rel=\"rust\" {bin}>"))?;
    let attribute = |name: &str| crate::html::attribute(tag, name);
    let level = attribute("data-wasm-opt").ok_or_else(|| format!("index.html: no data-wasm-opt for {BIN}"))?;
    let mut args = vec![format!("-O{level}")];
    args.extend(attribute("data-wasm-opt-params").unwrap_or_default().split_whitespace().map(str::to_owned));
    Ok(args)
}

/// The one file of `dir` named `<prefix>…<suffix>` (Trunk's hashed names), by name.
fn find(dir: &Path, prefix: &str, suffix: &str) -> Result<String, String> {
    let names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let hash = name.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix));
            hash.is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_alphanumeric()))
        })
        .collect();
    match names.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("expected one {prefix}*{suffix} in {}, found {names:?}", dir.display())),
    }
}

/// The length of a wasm module's code section (id 10), if it is well formed.
fn code_section_len(bytes: &[u8]) -> Option<usize> {
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        let (len, read) = leb128(&bytes[at + 1..])?;
        if id == 10 {
            return Some(len);
        }
        at += 1 + read + len;
    }
    None
}

/// An unsigned LEB128 number and how many bytes it took.
fn leb128(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (i, byte) in bytes.iter().enumerate().take(5) {
        value |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The HTML with the `integrity="…"` attribute taken off every tag that names one of `files`.
fn without_integrity(html: &str, files: &[&str]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |end| open + end + 1);
        out.push_str(&rest[..open]);
        let tag = &rest[open..close];
        if files.iter().any(|file| tag.contains(&format!("\"./{file}\""))) {
            out.push_str(&crate::html::without_attribute(tag, "integrity"));
        } else {
            out.push_str(tag);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_opt_settings_come_from_the_pages_link() {
        let page = r#"<link data-trunk rel="css" href="www/style.css" />
  <link data-trunk rel="rust" href="crates/kaoping-web/Cargo.toml" data-bin="kaoping-web" data-wasm-opt="z"
    data-wasm-opt-params="--low-memory-unused --converge" />
  <link data-trunk rel="rust" href="crates/kaoping-sheets-worker/Cargo.toml" data-bin="kaoping-sheets-worker"
        data-type="worker" data-wasm-opt="s" />"#;
        assert_eq!(wasm_opt_args(page), Ok(vec!["-Oz".into(), "--low-memory-unused".into(), "--converge".into()]));
        let plain = r#"<link data-trunk rel="rust" data-bin="kaoping-web" data-wasm-opt="s" />"#;
        assert_eq!(wasm_opt_args(plain), Ok(vec!["-Os".into()]));
        assert!(wasm_opt_args("<link data-trunk rel=\"rust\" data-bin=\"other\" />").is_err());
    }

    #[test]
    fn the_repositorys_page_names_its_wasm_opt_settings() {
        let page = include_str!("../../../../index.html");
        let args = wasm_opt_args(page).expect("index.html names the page's wasm-opt level");
        assert!(args[0].starts_with("-O"), "{args:?}");
    }

    #[test]
    fn integrity_goes_only_from_the_replaced_files() {
        let html = r#"<link rel="stylesheet" href="./style-1.css" integrity="sha384-a"/><link rel="preload" href="./kaoping-web-2_bg.wasm" crossorigin="anonymous" integrity="sha384-b" as="fetch">"#;
        let out = without_integrity(html, &["kaoping-web-2_bg.wasm"]);
        assert!(out.contains(r#"href="./style-1.css" integrity="sha384-a""#), "{out}");
        assert!(out.contains(r#"href="./kaoping-web-2_bg.wasm" crossorigin="anonymous" as="fetch">"#), "{out}");
    }

    #[test]
    fn finds_trunks_hashed_names() {
        let dir = std::env::temp_dir().join(format!("xtask-named-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        for name in ["kaoping-web-0a1b_bg.wasm", "kaoping-web-0a1b.js", "kaoping-sheets-worker.js", "boot-9f.js"] {
            std::fs::write(dir.join(name), b"").expect("temp dir is writable");
        }
        assert_eq!(find(&dir, "kaoping-web-", "_bg.wasm").as_deref(), Ok("kaoping-web-0a1b_bg.wasm"));
        assert_eq!(find(&dir, "kaoping-web-", ".js").as_deref(), Ok("kaoping-web-0a1b.js"));
        assert!(find(&dir, "kaoping-app-", ".js").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn finds_the_code_section() {
        // Magic, version, a type section of 1 byte, a code section of 3 bytes.
        let module = [0, b'a', b's', b'm', 1, 0, 0, 0, 1, 1, 0, 10, 3, 1, 2, 3];
        assert_eq!(code_section_len(&module), Some(3));
        assert_eq!(code_section_len(&module[..11]), None);
        assert_eq!(leb128(&[0xe5, 0x8e, 0x26]), Some((624_485, 3)));
    }
}
