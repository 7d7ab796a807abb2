//! Installing the toolchain the page needs, skipping whatever is already present.
//!
//! The versions are pinned because they must agree with each other: Trunk checks that the
//! wasm-bindgen CLI equals the `wasm-bindgen` crate in Cargo.lock (pinned `=0.2.130` in the root
//! manifest), and Trunk 0.22 needs a newer rustc than the project's.

use std::path::Path;
use std::process::Command;

use crate::{command, run};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const SOFFICE: &str = "/usr/bin/soffice";
/// A CJK font, so that screenshots taken by the end-to-end tests show Chinese rather than boxes.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// The wasm target, Trunk, wasm-bindgen-cli and the npm tools (binaryen's wasm-opt, playwright-core).
pub fn ensure_build_tools(root: &Path) -> Result<(), String> {
    let targets = output(root, "rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("xtask: adding the {WASM_TARGET} target");
        run(root, "rustup", &["target", "add", WASM_TARGET])?;
    }

    // Formatting and lint checks; rustup's default profile has them, a minimal one does not.
    let has_fmt = output(root, "cargo", &["fmt", "--version"]).is_some();
    let has_clippy = output(root, "cargo", &["clippy", "--version"]).is_some();
    if !(has_fmt && has_clippy) {
        println!("xtask: adding the rustfmt and clippy components");
        run(root, "rustup", &["component", "add", "rustfmt", "clippy"])?;
    }

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
        && modules.join("playwright-core").join("package.json").is_file();
    if !npm_ready {
        println!("xtask: installing npm tools (npm ci)");
        run(root, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// Chromium and its driver (for the browser tests) and a CJK font (for screenshots), from apt.
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
