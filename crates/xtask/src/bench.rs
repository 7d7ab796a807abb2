//! `cargo xtask bench`: every speed and size figure of the project in one table, and the machine it
//! was measured on, ready to paste into README's "Measured".
//!
//! - the engine on the host: criterion's medians from `cargo bench -p kaoping-engine --bench evaluate`,
//!   read from `target/criterion/<bench>/new/estimates.json`;
//! - the engine compiled to wasm in headless Chromium: `tests/wasm_bench.rs` of the engine, built
//!   with the page's size-tuned release profile, timed with `performance.now()`;
//! - the page: keystroke latency p50/p95 on 本行测算 and 全市总览 and first render from a cold cache
//!   (`tests/e2e/bench.mjs` against a fresh `trunk build --release`);
//! - `dist/` gzipped, against the budget that `cargo xtask test` checks;
//! - instructions per evaluation by callgrind (when valgrind is installed): a figure that, unlike the
//!   times, does not move with the machine's load.
//!
//! Times are reported, never asserted: they depend on the machine and on what else it is doing.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::{command, run, size, tools};

/// The host benchmarks of `crates/kaoping-engine/benches/evaluate.rs`, by criterion's directory under
/// `target/criterion` (criterion writes `<=` as `_=`, a group as a folder), with the key of the same
/// measurement in the wasm bench's line and the row each goes in. The 目标测算 rows name the aims of
/// issue 7 in the browser.
const ENGINE_ROWS: &[(&str, &str, &str)] = &[
    ("evaluate 16 banks", "evaluate_ns", "engine: evaluate the 16-bank scenario"),
    ("explain 16 banks x 18 items", "explain_ns", "engine: explain all 16 × 18 items (Chinese working)"),
    ("parse scenario JSON", "parse_ns", "engine: read the 16-bank scenario file"),
    ("loans_for_rank top 3", "solve_ns", "engine: loans_for_rank, last bank → top three"),
    (
        "solve bocom rank_=3 (loan in three lines)",
        "target_solve_ns",
        "目标测算: solve one goal, 交通银行 → top three with a loan in three lines (aim ≤ 50 ms)",
    ),
    (
        "solve bocom out of reach (rank_=1)",
        "target_unreachable_ns",
        "目标测算: solve, out of reach (交通银行 first on loans alone)",
    ),
    ("margins icbc, every rival", "margins_ns", "目标测算: margins of 工商银行 against all 15 rivals (aim ≤ 200 ms)"),
    ("marginal icbc (every lever)", "marginal_ns", "目标测算: value of a point, 工商银行, all 20 levers"),
    (
        "simulate/1000 draws icbc",
        "simulate_ns",
        "目标测算: 1000 simulation draws of the rivals' loan lines (aim ≤ 300 ms)",
    ),
];

/// The line `tests/wasm_bench.rs` prints, followed by a JSON object.
const WASM_MARK: &str = "KAOPING-WASM-BENCH ";

pub fn task(args: &[String]) -> Result<(), String> {
    if let Some(other) = args.first() {
        return Err(format!("bench: unexpected `{other}` (it takes no options)"));
    }
    let root = crate::project_root();
    let machine = Machine::read(&root);
    tools::ensure_build_tools(&root)?;
    tools::ensure_browser()?;
    run(&root, "cargo", &["fetch", "--locked"])?;

    println!("\n==> engine on the host (criterion)");
    run(&root, "cargo", &["bench", "-p", "kaoping-engine", "--bench", "evaluate"])?;
    let host = host_medians(&target_dir(&root))?;

    println!("\n==> instructions per evaluation (callgrind)");
    let instructions = match instructions_per_evaluation(&root) {
        Ok(count) => Some(count),
        Err(why) => {
            println!("  not counted: {why}");
            None
        }
    };

    println!("\n==> engine compiled to wasm, in headless Chromium");
    let wasm_args = [
        "test",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "kaoping-engine",
        "--test",
        "wasm_bench",
        "--",
        "--include-ignored",
        "--nocapture",
    ];
    let wasm = wasm_medians(&stdout_of(&root, "cargo", &wasm_args)?)?;

    println!("\n==> the page (trunk build --release, then tests/e2e/bench.mjs)");
    run(&root, "trunk", &["build", "--release"])?;
    let page_json = stdout_of(&root, "node", &["tests/e2e/bench.mjs"])?;
    let page: Value = page_json
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .ok_or("tests/e2e/bench.mjs printed no JSON line")?;
    let gzipped = size::sizes(&root.join("dist"))?;

    println!("\n{}", table(&host, &wasm, &page, gzipped));
    if let Some(count) = instructions {
        println!(
            "\nOne evaluation of the 16-bank scenario: {} instructions (callgrind; the same count on any load).",
            crate::fuzz::group(count)
        );
    }
    println!("{}", machine.describe(page["chromium"].as_str().unwrap_or("?")));
    Ok(())
}

/// Instructions in one evaluation, by callgrind: `examples/evaluate_n.rs` run for 1 and for 101
/// evaluations, the difference divided by 100 (so the start and the reading of the file drop out).
/// Unlike a time, the count is the same whatever else the machine is doing.
fn instructions_per_evaluation(root: &Path) -> Result<u64, String> {
    run(root, "cargo", &["build", "--profile", "bench", "-p", "kaoping-engine", "--example", "evaluate_n"])?;
    let program = target_dir(root).join("release").join("examples").join("evaluate_n");
    let program = program.to_string_lossy().into_owned();
    let out = std::env::temp_dir().join(format!("kaoping-callgrind-{}", std::process::id()));
    let out_file = format!("--callgrind-out-file={}", out.display());
    let mut counts = Vec::new();
    for times in ["1", "101"] {
        let output = command(root, "valgrind", &["--tool=callgrind", &out_file, &program, times])
            .output()
            .map_err(|e| format!("valgrind: {e} (Debian's valgrind package)"))?;
        let _ = std::fs::remove_file(&out);
        counts.push(callgrind_total(&String::from_utf8_lossy(&output.stderr)).ok_or("valgrind printed no total")?);
    }
    Ok(counts[1].saturating_sub(counts[0]) / 100)
}

/// The `Collected : N` total of a callgrind run's report.
fn callgrind_total(stderr: &str) -> Option<u64> {
    stderr.lines().find_map(|line| line.split_once("Collected :")).and_then(|(_, n)| n.trim().parse().ok())
}

/// Runs a program with stderr shown and returns what it printed on stdout.
fn stdout_of(root: &Path, program: &str, args: &[&str]) -> Result<String, String> {
    let output = command(root, program, args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!("`{program} {}` exited with {}\n{stdout}", args.join(" "), output.status));
    }
    Ok(stdout)
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// Criterion's median of each host benchmark, in `ENGINE_ROWS` order.
fn host_medians(target: &Path) -> Result<Vec<Duration>, String> {
    ENGINE_ROWS
        .iter()
        .map(|(id, _, _)| {
            let path = id.split('/').fold(target.join("criterion"), |dir, part| dir.join(part));
            let path = path.join("new").join("estimates.json");
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            criterion_median(&text).ok_or_else(|| format!("{}: no median.point_estimate", path.display()))
        })
        .collect()
}

/// `median.point_estimate` (nanoseconds) of a criterion `estimates.json`.
fn criterion_median(text: &str) -> Option<Duration> {
    let estimates: Value = serde_json::from_str(text).ok()?;
    let nanos = estimates["median"]["point_estimate"].as_f64()?;
    Some(Duration::from_nanos(nanos.round() as u64))
}

/// The wasm medians from the runner's output, in `ENGINE_ROWS` order.
fn wasm_medians(stdout: &str) -> Result<Vec<Duration>, String> {
    let line = stdout
        .lines()
        .find_map(|line| line.split_once(WASM_MARK).map(|(_, json)| json))
        .ok_or_else(|| format!("the wasm bench printed no `{WASM_MARK}` line:\n{stdout}"))?;
    let figures: Value = serde_json::from_str(line).map_err(|e| format!("wasm bench line `{line}`: {e}"))?;
    ENGINE_ROWS
        .iter()
        .map(|(_, key, _)| {
            figures[key].as_u64().map(Duration::from_nanos).ok_or_else(|| format!("wasm bench: no `{key}` in {line}"))
        })
        .collect()
}

fn table(host: &[Duration], wasm: &[Duration], page: &Value, gzipped: size::Sizes) -> String {
    let mut rows = vec!["| what | host (native) | headless Chromium |".to_owned(), "|---|---|---|".to_owned()];
    for (i, (_, _, what)) in ENGINE_ROWS.iter().enumerate() {
        let cell = |times: &[Duration]| times.get(i).map_or_else(|| "?".to_owned(), |d| duration(*d));
        rows.push(format!("| {what} (median) | {} | {} (wasm) |", cell(host), cell(wasm)));
    }
    let ms = |key: &str, stat: &str| page[key][stat].as_f64().map_or_else(|| "?".to_owned(), |v| format!("{v:.1} ms"));
    let runs = |key: &str| page[key]["runs"].as_u64().unwrap_or(0);
    for (key, what) in [
        ("keystroke_bank_ms", "keystroke → 本行测算 summary redrawn"),
        ("keystroke_city_ms", "keystroke → 全市总览 total redrawn"),
    ] {
        let painted = key.replace("_ms", "_painted_ms");
        rows.push(format!(
            "| {what}, p50 / p95 ({} keystrokes, 16 banks filled) | — | {} / {} (painted: {} / {}) |",
            runs(key),
            ms(key, "p50"),
            ms(key, "p95"),
            ms(&painted, "p50"),
            ms(&painted, "p95"),
        ));
    }
    rows.push(format!(
        "| first render, cold cache: navigation → summary shows a total, p50 / p95 ({} loads) | — | {} / {} |",
        page["first_render_ms"]["loads"].as_u64().unwrap_or(0),
        ms("first_render_ms", "p50"),
        ms("first_render_ms", "p95"),
    ));
    rows.push(format!(
        "| `dist/` gzipped: the first load (wasm + js + css; budget {}) / the spreadsheet module, on first use | — | {} / {} |",
        size::kib(size::BUDGET_BYTES),
        size::kib(gzipped.first_load),
        size::kib(gzipped.on_first_use)
    ));
    rows.join("\n")
}

/// `61.2 µs`, `1.05 ms`.
fn duration(d: Duration) -> String {
    let micros = d.as_nanos() as f64 / 1000.0;
    if micros < 1000.0 {
        format!("{micros:.1} µs")
    } else {
        format!("{:.2} ms", micros / 1000.0)
    }
}

/// What the figures were measured on: they mean little without it.
struct Machine {
    cpu: String,
    cores: usize,
    memory: String,
    os: String,
    rustc: String,
    load: String,
}

impl Machine {
    fn read(root: &Path) -> Machine {
        let file = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let field = |text: &str, key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim_start_matches([' ', '\t', ':', '=']).trim_matches('"').trim().to_owned())
        };
        let cpuinfo = file("/proc/cpuinfo");
        let memory = field(&file("/proc/meminfo"), "MemTotal")
            .and_then(|kb| kb.trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or_else(|| "?".to_owned(), |kb| format!("{} GiB", kb / 1024 / 1024));
        let rustc = command(root, "rustc", &["--version"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        Machine {
            cpu: field(&cpuinfo, "model name").unwrap_or_else(|| "?".to_owned()),
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory,
            os: field(&file("/etc/os-release"), "PRETTY_NAME").unwrap_or_else(|| std::env::consts::OS.to_owned()),
            rustc,
            load: file("/proc/loadavg").split_whitespace().take(3).collect::<Vec<_>>().join(" "),
        }
    }

    fn describe(&self, chromium: &str) -> String {
        format!(
            "Measured on {} cores of {}, {}, {}; {}; Chromium {chromium}; load average at start {}.",
            self.cores, self.cpu, self.memory, self.os, self.rustc, self.load
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterion_and_the_wasm_line() {
        let estimates =
            r#"{"mean":{"point_estimate":62000.0},"median":{"point_estimate":61234.6,"standard_error":1.0}}"#;
        assert_eq!(criterion_median(estimates), Some(Duration::from_nanos(61_235)));
        let stdout = "running 1 test\nKAOPING-WASM-BENCH {\"evaluate_ns\": 230500, \"explain_ns\": 835000, \
                      \"parse_ns\": 596000, \"solve_ns\": 2550000, \"target_solve_ns\": 4000000, \
                      \"target_unreachable_ns\": 9000000, \"margins_ns\": 60000000, \"marginal_ns\": 9000000, \
                      \"simulate_ns\": 280000000}\ntest ok\n";
        let wasm = wasm_medians(stdout).expect("the line is there");
        assert_eq!(wasm[0], Duration::from_nanos(230_500));
        assert_eq!(wasm[3], Duration::from_micros(2550));
        assert_eq!(wasm[8], Duration::from_millis(280));
        assert!(wasm_medians("nothing").is_err());
        assert!(wasm_medians("KAOPING-WASM-BENCH {\"evaluate_ns\": 1}").is_err(), "every figure is needed");
    }

    #[test]
    fn reads_callgrind_totals() {
        assert_eq!(callgrind_total("==1== Events    : Ir\n==1== Collected : 46309111\n==1==\n"), Some(46_309_111));
        assert_eq!(callgrind_total("nothing"), None);
        assert_eq!(crate::fuzz::group(409_370), "409,370");
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(Duration::from_nanos(61_234)), "61.2 µs");
        assert_eq!(duration(Duration::from_micros(1050)), "1.05 ms");
    }

    #[test]
    fn one_row_per_figure() {
        let page: Value = serde_json::from_str(
            r#"{"first_render_ms":{"p50":420.1,"p95":600,"loads":10},
                "keystroke_bank_ms":{"p50":7,"p95":18.4,"runs":100},"keystroke_bank_painted_ms":{"p50":16.7,"p95":20},
                "keystroke_city_ms":{"p50":3.6,"p95":6.7,"runs":100},"keystroke_city_painted_ms":{"p50":16.6,"p95":17}}"#,
        )
        .expect("valid JSON");
        let host = vec![Duration::from_micros(60); ENGINE_ROWS.len()];
        let text = table(
            &host,
            &host,
            &page,
            size::Sizes { first_load: 240_000, on_first_use: 70_000, first_load_no_bulk: 240_100 },
        );
        assert_eq!(text.lines().count(), 2 + ENGINE_ROWS.len() + 2 + 1 + 1, "{text}");
        assert!(text.contains("| 7.0 ms / 18.4 ms (painted: 16.7 ms / 20.0 ms) |"), "{text}");
        assert!(text.contains("234.4 KB"), "{text}");
    }
}
