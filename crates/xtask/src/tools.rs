//! Installing what the page needs, skipping whatever is already present.
//!
//! The Rust side (the channel, the wasm32 target, rustfmt and clippy) is declared in
//! `rust-toolchain.toml` and is rustup's to install; [`ensure_toolchain_parts`] only steps in where
//! rustup does not. The rest rustup cannot install: Trunk, the wasm-bindgen CLI, the npm tools and, for
//! the browser tests, Chromium.
//!
//! The versions are pinned because they must agree with each other: Trunk checks that the
//! wasm-bindgen CLI equals the `wasm-bindgen` crate in Cargo.lock (pinned `=0.2.130` in the root
//! manifest), and Trunk 0.22 needs a newer rustc than the project's.

use std::path::Path;
use std::process::Command;

use crate::{command, run};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const SOFFICE: &str = "/usr/bin/soffice";
/// A CJK font, so that screenshots taken by the end-to-end tests show Chinese rather than boxes.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
/// poppler-utils' `pdftotext`, with which the print tests read the PDFs the page prints.
const PDFTOTEXT: &str = "/usr/bin/pdftotext";
/// Debian's Firefox ESR, the browser of Kylin and UOS desktops (issue 19: tests/old-engines/).
const FIREFOX_ESR: &str = "/usr/bin/firefox-esr";
/// The npm packages of the old-engine tests (tests/old-engines/package.json), each checked by a file.
const OLD_ENGINE_FILES: [&str; 7] = [
    "acorn/package.json",
    "chrome-aws-lambda/bin/chromium.br",
    "jsdom/package.json",
    "node-v8-8.4/bin/node",
    "node-v8-9.4/bin/node",
    "puppeteer-bidi/package.json",
    "puppeteer-core/package.json",
];

/// The toolchain's parts from `rust-toolchain.toml`, Trunk, wasm-bindgen-cli and the npm tools
/// (binaryen's wasm-opt, terser, playwright-core, axe-core for the accessibility checks).
pub fn ensure_build_tools(root: &Path) -> Result<(), String> {
    ensure_toolchain_parts(root)?;

    if !reports_version(root, "trunk", TRUNK_VERSION) {
        println!("xtask: installing trunk {TRUNK_VERSION} (about 6 minutes on 2 cores)");
        run(root, "cargo", &["install", "--locked", "trunk", "--version", TRUNK_VERSION])?;
    }

    if !reports_version(root, "wasm-bindgen", WASM_BINDGEN_VERSION) {
        // Not `--locked`: the CLI's own lockfile names a crate version the registry no longer has.
        println!("xtask: installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (about 3 minutes)");
        run(root, "cargo", &["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION])?;
    }

    let modules = root.join("node_modules");
    let npm_ready = modules.join(".bin").join("wasm-opt").exists()
        && modules.join(".bin").join("terser").exists()
        && modules.join("playwright-core").join("package.json").is_file()
        && modules.join("axe-core").join("axe.min.js").is_file();
    if !npm_ready {
        println!("xtask: installing npm tools (npm ci)");
        run(root, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// The targets and components `rust-toolchain.toml` lists, added to the toolchain in use.
///
/// A fallback, not a second declaration: rustup installs them itself when cargo first runs in the
/// repository, but only while its auto-install is on, and machines that pin their toolchain turn it
/// off (`RUSTUP_AUTO_INSTALL=0`, as the development machine has it, or `rustup set auto-install
/// disable`). `rustup toolchain install` with no name would install them regardless, but for the `stable`
/// channel it first syncs to the newest stable release, which downloads a different toolchain than
/// the one in use. `rustup target add` and `rustup component add` add to the installed release and do
/// nothing, offline, when the part is there already.
fn ensure_toolchain_parts(root: &Path) -> Result<(), String> {
    let file = std::fs::read_to_string(root.join("rust-toolchain.toml"))
        .map_err(|e| format!("rust-toolchain.toml: cannot read it: {e}"))?;
    for (kind, key) in [("target", "targets"), ("component", "components")] {
        let names = toolchain_list(&file, key)?;
        if !names.is_empty() {
            let mut args = vec![kind, "add"];
            args.extend(names.iter().map(String::as_str));
            run(root, "rustup", &args)?;
        }
    }
    Ok(())
}

/// The strings of a one-line list in `rust-toolchain.toml`, e.g. `targets = ["wasm32-unknown-unknown"]`.
/// Anything else is an error rather than a silently empty list.
fn toolchain_list(file: &str, key: &str) -> Result<Vec<String>, String> {
    let value = file
        .lines()
        .filter_map(|line| line.split_once('='))
        .find(|(name, _)| name.trim() == key)
        .map(|(_, value)| value.trim())
        .ok_or_else(|| format!("rust-toolchain.toml: no `{key} = [...]` line"))?;
    let list = value
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or_else(|| format!("rust-toolchain.toml: `{key}` is not a list on one line"))?;
    Ok(list.split(',').map(|name| name.trim().trim_matches('"').to_owned()).filter(|name| !name.is_empty()).collect())
}

/// Chromium and its driver (for the browser tests), a CJK font (for screenshots) and poppler-utils
/// (`pdftotext`, for the print tests), from apt.
pub fn ensure_browser() -> Result<(), String> {
    let mut packages = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        packages.push("chromium");
    }
    if !Path::new(CHROMEDRIVER).exists() {
        packages.push("chromium-driver");
    }
    if !Path::new(CJK_FONT).exists() {
        packages.push("fonts-wqy-microhei");
    }
    if !Path::new(PDFTOTEXT).exists() {
        packages.push("poppler-utils");
    }
    if packages.is_empty() {
        return Ok(());
    }
    println!("xtask: installing {} with apt-get", packages.join(", "));
    let root = crate::project_root();
    run(&root, "apt-get", &["update"])?;
    let mut args = vec!["install", "-y"];
    args.extend(packages);
    run(&root, "apt-get", &args)
}

/// What the tests of old browser engines need (issue 19): Debian's firefox-esr, and the npm packages
/// of tests/old-engines/ (Node 14 and 16 for their V8, Chromium 86, the drivers, acorn, jsdom), kept
/// in their own folder so that their `node` binaries never come first on the tools' PATH.
pub fn ensure_old_engines(root: &Path) -> Result<(), String> {
    if !Path::new(FIREFOX_ESR).exists() {
        println!("xtask: installing firefox-esr with apt-get (for the old-engine tests)");
        run(root, "apt-get", &["update"])?;
        run(root, "apt-get", &["install", "-y", "--no-install-recommends", "firefox-esr"])?;
    }
    let dir = root.join("tests").join("old-engines");
    let modules = dir.join("node_modules");
    if !OLD_ENGINE_FILES.iter().all(|file| modules.join(file).exists()) {
        println!("xtask: installing the old engines' npm packages (npm ci in tests/old-engines)");
        run(&dir, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// LibreOffice Calc without a GUI, for the test that opens an exported workbook the way a user's
/// office suite would and checks its numbers against `kaoping score`. Without recommends: the
/// converter needs none of them, and they would add several hundred megabytes.
pub fn ensure_libreoffice() -> Result<(), String> {
    if Path::new(SOFFICE).exists() {
        return Ok(());
    }
    println!("xtask: installing libreoffice-calc-nogui with apt-get (for the workbook test)");
    let root = crate::project_root();
    run(&root, "apt-get", &["update"])?;
    run(&root, "apt-get", &["install", "-y", "--no-install-recommends", "libreoffice-calc-nogui"])
}

/// Whether `program --version` runs and mentions `version`.
fn reports_version(root: &Path, program: &str, version: &str) -> bool {
    output(root, program, &["--version"]).is_some_and(|text| text.contains(version))
}

fn output(root: &Path, program: &str, args: &[&str]) -> Option<String> {
    let mut cmd: Command = command(root, program, args);
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_lists_of_the_toolchain_file() {
        let file = include_str!("../../../rust-toolchain.toml");
        assert_eq!(toolchain_list(file, "targets"), Ok(vec!["wasm32-unknown-unknown".to_owned()]));
        assert_eq!(toolchain_list(file, "components"), Ok(vec!["rustfmt".to_owned(), "clippy".to_owned()]));
        assert!(toolchain_list("components = [\n  \"rustfmt\",\n]", "components").is_err(), "a multi-line list");
        assert!(toolchain_list("channel = \"stable\"", "targets").is_err());
    }
}
