//! Developer tasks for Kaoping, run as `cargo xtask <task>` (the alias lives in `.cargo/config.toml`).
//!
//! The commands a person runs are Rust rather than shell so that they behave the same on every machine
//! and explain themselves when something is missing. Each task first installs what it needs and skips
//! whatever is already present, so a warm CI machine pays nothing for the checks.
//!
//! - `serve`: build the page with Trunk (release) and serve `dist/` at http://127.0.0.1:8080.
//! - `test`: every test there is: host tests, the engine's and the page's tests in headless Chromium,
//!   then a release build and the end-to-end tests. Ends with `N passed, 0 failed`.
//! - `size`: the gzipped size of what the browser downloads (wasm + js + css in `dist/`).
//! - `bench`: every speed and size figure in one table (engine on the host and in wasm, keystroke
//!   latency, first render, size), with the machine it ran on.
//! - `fuzz`: coverage-guided fuzzing of the engine and the page's input clean-up (`fuzz/`).
//! - `old-engines`: what the build adds for old browser engines, run by Trunk after each build:
//!   legacy.html and copies of the wasm without bulk memory (`old_engines.rs`).
//!
//! `cargo test -p xtask` also runs the tidy checks (`tidy.rs`): invariants read off the source tree.

mod bench;
mod csp;
mod css;
mod fuzz;
mod html;
mod imports;
mod js;
mod old_engines;
mod serve;
mod size;
#[cfg(test)]
mod tidy;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  serve [--port N] [--no-build]   install what is missing, build dist/ (release) and serve it
  test                            install what is missing and run every test (host, browser, end to end)
  size                            gzipped size of dist/'s wasm + js + css
  bench                           one table of every speed and size figure, and the machine it ran on
  fuzz <target|all> [--seconds N] run a fuzz target (scenario, values, input, solve) for N seconds
  old-engines [DIR]               add legacy.html and the wasm without bulk memory to DIR (Trunk runs it)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve_task(&args[1..]),
        Some("test") => test_task(),
        Some("size") => size::report(&project_root().join("dist")).map(|_| ()),
        Some("fuzz") => fuzz::task(&args[1..]),
        Some("bench") => bench::task(&args[1..]),
        Some("old-engines") => old_engines::task(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: xtask lives in `crates/xtask`, two levels down.
pub fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).map(Path::to_path_buf).unwrap_or(manifest)
}

fn serve_task(args: &[String]) -> Result<(), String> {
    let mut port: u16 = 8080;
    let mut build = true;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                let value = rest.next().ok_or("--port needs a number")?;
                port = value.parse().map_err(|_| format!("--port: `{value}` is not a port number"))?;
            }
            "--no-build" => build = false,
            other => return Err(format!("serve: unknown option `{other}`\n\n{USAGE}")),
        }
    }
    let root = project_root();
    if build {
        tools::ensure_build_tools(&root)?;
        build_release(&root)?;
    }
    let dist = root.join("dist");
    if !dist.join("index.html").is_file() {
        return Err("dist/index.html is missing: run without --no-build first".into());
    }
    // Sizes are printed here too so that a size regression is seen by whoever serves the page.
    size::report(&dist)?;
    serve::serve(&dist, port)
}

/// `cargo fetch --locked` then `trunk build --release`.
///
/// Trunk runs with `offline = true` (see Trunk.toml) so that it never tries to download a
/// wasm-bindgen or wasm-opt; that also passes `--offline` to cargo, hence the fetch first.
fn build_release(root: &Path) -> Result<(), String> {
    run(root, "cargo", &["fetch", "--locked"])?;
    run(root, "trunk", &["build", "--release"])
}

/// One test step: a name for the report and the command that runs it.
struct Step {
    name: &'static str,
    program: &'static str,
    args: Vec<&'static str>,
}

fn test_task() -> Result<(), String> {
    let root = project_root();
    tools::ensure_build_tools(&root)?;
    tools::ensure_browser()?;
    tools::ensure_libreoffice()?;
    tools::ensure_old_engines(&root)?;
    run(&root, "cargo", &["fetch", "--locked"])?;

    let mut steps = vec![
        Step { name: "formatting (cargo fmt --check)", program: "cargo", args: vec!["fmt", "--all", "--", "--check"] },
        Step {
            name: "lints on the host crates (cargo clippy, warnings are errors)",
            program: "cargo",
            args: vec![
                "clippy",
                "--workspace",
                "--exclude",
                "kaoping-web",
                "--exclude",
                "kaoping-sheets-worker",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        },
        Step {
            name: "lints on the page and its spreadsheet worker (cargo clippy for wasm32, warnings are errors)",
            program: "cargo",
            args: vec![
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "kaoping-web",
                "-p",
                "kaoping-sheets-worker",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        },
        Step {
            // The page and its worker are excluded: wasm crates, tested in the browser below (the
            // worker's jobs are kaoping-sheets' `job` module, tested here).
            name: "host tests (cargo test --workspace)",
            program: "cargo",
            args: vec!["test", "--workspace", "--exclude", "kaoping-web", "--exclude", "kaoping-sheets-worker"],
        },
        Step {
            // fuzz/ is a workspace of its own that no other step builds; this catches an engine or
            // page change that breaks the fuzz targets when it is made, not at the next fuzzing.
            name: "fuzz targets compile (cargo check in fuzz/)",
            program: "cargo",
            args: vec!["check", "--manifest-path", "fuzz/Cargo.toml", "--locked", "--all-targets"],
        },
    ];
    if root.join("crates/kaoping-engine/tests/wasm.rs").is_file() {
        steps.push(Step {
            name: "engine tests compiled to wasm (wasm-bindgen-test)",
            program: "cargo",
            args: vec!["test", "--target", "wasm32-unknown-unknown", "-p", "kaoping-engine"],
        });
    }
    if root.join("crates/kaoping-sheets/tests/wasm.rs").is_file() {
        steps.push(Step {
            name: "spreadsheet tests compiled to wasm (wasm-bindgen-test)",
            program: "cargo",
            args: vec!["test", "--target", "wasm32-unknown-unknown", "-p", "kaoping-sheets", "--test", "wasm"],
        });
    }
    steps.push(Step {
        name: "page component tests (headless Chromium)",
        program: "cargo",
        args: vec!["test", "--target", "wasm32-unknown-unknown", "-p", "kaoping-web"],
    });
    steps.push(Step {
        name: "release build (trunk build --release)",
        program: "trunk",
        args: vec!["build", "--release"],
    });
    steps.push(Step {
        name: "end-to-end tests (node --test tests/e2e/)",
        program: "node",
        args: vec!["--test", "tests/e2e/"],
    });
    steps.push(Step {
        // Issue 19: V8 8.4 and 9.4, Chromium 86, firefox-esr, the shipped JS's syntax, the failure message.
        name: "old browser engines (node --test tests/old-engines/)",
        program: "node",
        args: vec!["--test", "tests/old-engines/"],
    });

    let mut passed = 0;
    let failed = |name: &str, error: String, passed: i32| {
        println!("\nxtask test: step failed: {name}\n{error}");
        println!("{passed} passed, 1 failed");
        Err(format!("step failed: {name}"))
    };
    for step in &steps {
        println!("\n==> {}", step.name);
        if let Err(error) = run(&root, step.program, &step.args) {
            return failed(step.name, error, passed);
        }
        passed += 1;
    }
    // On the release build the end-to-end tests just ran against.
    let name = "size budget (dist/ gzipped: the first load, wasm + js + css)";
    println!("\n==> {name}");
    if let Err(error) = size::check_budget(&root.join("dist")) {
        return failed(name, error, passed);
    }
    passed += 1;
    println!("{passed} passed, 0 failed");
    Ok(())
}

/// Runs a program in `dir` with the project's tool PATH, inheriting stdout/stderr.
pub fn run(dir: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    let status = command(dir, program, args).status().map_err(|e| format!("could not start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` exited with {status}", args.join(" ")))
    }
}

/// A command with PATH set so that the project's own tools win: `node_modules/.bin` first (npm's
/// binaryen 132, because Debian's wasm-opt 108 cannot read today's rustc output), then cargo's bin.
pub fn command(dir: &Path, program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(dir);
    command.env("PATH", tool_path(&project_root()));
    // The wasm test runner prefers geckodriver when it finds one; the project tests in Chromium.
    if std::env::var_os("CHROMEDRIVER").is_none() {
        command.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    }
    // The wasm test runner gives a whole suite 20 s by default. The page's component tests take about
    // 16 s on a quiet 2-core machine and more under load (the runner then kills the browser mid-suite:
    // "Failed to detect test as having been run"); each test bounds its own waits.
    if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
        command.env("WASM_BINDGEN_TEST_TIMEOUT", "600");
    }
    command
}

fn tool_path(root: &Path) -> std::ffi::OsString {
    let mut paths = vec![root.join("node_modules").join(".bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        paths.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo").join("bin"));
    }
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).unwrap_or_default()
}
