//! `cargo xtask bench`: every speed and size figure of the project in one table, and the machine it
//! was measured on, ready to paste into README's "Measured".
//!
//! - the engine on the host: criterion's medians from `cargo bench -p kaoping-engine --bench evaluate`,
//!   read from `target/criterion/<bench>/new/estimates.json`;
//! - the engine compiled to wasm in headless Chromium: `tests/wasm_bench.rs` of the engine, built
//!   with the page's size-tuned release profile, timed with `performance.now()`;
//! - the engine's floor beside it, in the same process (`benches/floor.rs`: 288 × sub, div, mul, cmp,
//!   add on rust_decimal), and the ratio engine / floor;
//! - the page at 1× and 4× CPU (Chromium's CPU throttling; 4× stands in for a slow office desktop),
//!   with 16 banks filled: first render from a cold cache and what it waits for, keystroke latency
//!   on 本行测算 and 全市总览 with the browser's own work per keystroke, and 目标测算's answer after
//!   typing settles (`tests/e2e/bench.mjs` against a fresh `trunk build --release`);
//! - where a keystroke's time goes, by function: a CPU profile against a copy of the build whose
//!   wasm keeps its names (`bench/named.rs`);
//! - `dist/` gzipped, against the budget that `cargo xtask test` checks;
//! - instructions per evaluation and per floor by callgrind (when valgrind is installed): figures
//!   that, unlike the times, do not move with the machine's load.
//!
//! Times are reported, never asserted: they depend on the machine and on what else it is doing.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::{command, run, size, tools};

mod named;

/// The host benchmarks of `crates/kaoping-engine/benches/evaluate.rs`, by criterion's directory under
/// `target/criterion` (criterion writes `<=` as `_=`, a group as a folder), with the key of the same
/// measurement in the wasm bench's line and the row each goes in. The 目标测算 rows name the aims of
/// issue 7 in the browser.
const ENGINE_ROWS: &[(&str, &str, &str)] = &[
    ("evaluate 16 banks", "evaluate_ns", "engine: evaluate the 16-bank scenario"),
    (
        "floor 288 x sub div mul cmp add",
        "floor_ns",
        "floor: 16 × 18 items of one sub, div, mul, cmp and add on rust_decimal (benches/floor.rs)",
    ),
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
    // Chromium 86 for the first render on the 信创 desks' core (tests/old-engines/first-render.mjs).
    tools::ensure_old_engines(&root)?;
    run(&root, "cargo", &["fetch", "--locked"])?;

    println!("\n==> engine on the host (criterion)");
    run(&root, "cargo", &["bench", "-p", "kaoping-engine", "--bench", "evaluate"])?;
    let host = host_medians(&target_dir(&root))?;

    println!("\n==> instructions per evaluation and per floor (callgrind)");
    let instructions = match (instructions_per_run(&root, "engine"), instructions_per_run(&root, "floor")) {
        (Ok(engine), Ok(floor)) => Some((engine, floor)),
        (Err(why), _) | (_, Err(why)) => {
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

    println!("\n==> the page (trunk build --release, a copy that keeps the wasm's names, then tests/e2e/bench.mjs)");
    run(&root, "trunk", &["build", "--release"])?;
    let named = named::build(&root, &target_dir(&root))?;
    let named = named.to_string_lossy();
    let page_json = stdout_of(&root, "node", &["tests/e2e/bench.mjs", "--profile-dist", &named])?;
    let page: Value = page_json
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .ok_or("tests/e2e/bench.mjs printed no JSON line")?;
    let gzipped = size::sizes(&root.join("dist"))?;

    println!("\n{}", table(&host, &wasm));
    if let Some((engine, floor)) = instructions {
        println!(
            "\nOne evaluation of the 16-bank scenario: {} instructions; the floor: {} ({:.2}×; callgrind, the same \
             counts on any load).",
            crate::fuzz::group(engine),
            crate::fuzz::group(floor),
            engine as f64 / floor.max(1) as f64
        );
    }
    println!("\n{}", page_table(&page, gzipped));
    if let Some(profile) = page.get("profile") {
        println!("\n{}", profile_table(profile));
    }
    println!("\n{}", machine.describe(page["chromium"].as_str().unwrap_or("?")));
    Ok(())
}

/// Instructions in one evaluation (`what` = `engine`) or one run of the floor (`floor`), by
/// callgrind: `examples/evaluate_n.rs` run 1 and 101 times, the difference divided by 100 (so the
/// start and the reading of the file drop out). Unlike a time, the count is the same whatever else
/// the machine is doing.
fn instructions_per_run(root: &Path, what: &str) -> Result<u64, String> {
    run(root, "cargo", &["build", "--profile", "bench", "-p", "kaoping-engine", "--example", "evaluate_n"])?;
    let program = target_dir(root).join("release").join("examples").join("evaluate_n");
    let program = program.to_string_lossy().into_owned();
    let out = std::env::temp_dir().join(format!("kaoping-callgrind-{}", std::process::id()));
    let out_file = format!("--callgrind-out-file={}", out.display());
    let mut counts = Vec::new();
    for times in ["1", "101"] {
        let output = command(root, "valgrind", &["--tool=callgrind", &out_file, &program, times, what])
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

fn table(host: &[Duration], wasm: &[Duration]) -> String {
    let mut rows = vec!["| what | host (native) | headless Chromium |".to_owned(), "|---|---|---|".to_owned()];
    for (i, (_, _, what)) in ENGINE_ROWS.iter().enumerate() {
        let cell = |times: &[Duration]| times.get(i).map_or_else(|| "?".to_owned(), |d| duration(*d));
        rows.push(format!("| {what} (median) | {} | {} (wasm) |", cell(host), cell(wasm)));
        if i == 1 {
            let ratio = |times: &[Duration]| match (times.first(), times.get(1)) {
                (Some(engine), Some(floor)) if !floor.is_zero() => {
                    format!("{:.2}", engine.as_secs_f64() / floor.as_secs_f64())
                }
                _ => "?".to_owned(),
            };
            rows.push(format!("| engine / floor (aim ≤ 1.00) | {} | {} (wasm) |", ratio(host), ratio(wasm)));
        }
    }
    rows.join("\n")
}

/// The page's figures, one column per CPU rate measured (`bench.mjs`'s `rates`).
fn page_table(page: &Value, gzipped: size::Sizes) -> String {
    let rates: Vec<(&String, &Value)> = page["rates"].as_object().map(|m| m.iter().collect()).unwrap_or_default();
    let mut rows = vec![
        format!(
            "| the page, 16 banks filled | {} |",
            rates.iter().map(|(r, _)| format!("{r}× CPU")).collect::<Vec<_>>().join(" | ")
        ),
        format!("|---|{}", "---|".repeat(rates.len())),
    ];
    let mut row = |what: String, cell: &dyn Fn(&Value) -> String| {
        let cells: Vec<String> = rates.iter().map(|(_, figures)| cell(figures)).collect();
        rows.push(format!("| {what} | {} |", cells.join(" | ")));
    };
    let first = rates.first().map(|(_, f)| *f).unwrap_or(&Value::Null);
    let count = |key: &str, n: &str| first[key][n].as_u64().unwrap_or(0);
    row(
        format!(
            "first render, cold cache: navigation → the summary shows the total, median / p95 ({} loads; aim at 4×: ≤ 600 ms); the page left as it was, so that the first frame it kept is shown while the wasm loads",
            count("first_render_ms", "loads")
        ),
        &|f| pair(&f["first_render_ms"], "p50", "p95"),
    );
    row(
        format!(
            "the same loads: navigation → the page live (the wasm's own summary with the total, the form a frame later), median / p95 ({} loads)",
            count("first_live_ms", "loads")
        ),
        &|f| pair(&f["first_live_ms"], "p50", "p95"),
    );
    row(
        format!(
            "what it waits for, ms from navigation (median of {} loads of their own, the wasm fetched, compiled and instantiated one step after another): js / wasm in / compiled / instantiated / total shown / frame drawn / the page live",
            count("first_render_marks_ms", "loads")
        ),
        &|f| {
            let m = &f["first_render_marks_ms"];
            ["js_fetched", "wasm_fetched", "compiled", "instantiated", "total", "painted", "live"]
                .iter()
                .map(|k| m[k].as_f64().map_or_else(|| "?".to_owned(), |v| format!("{v:.0}")))
                .collect::<Vec<_>>()
                .join(" / ")
        },
    );
    for (key, what) in [("bank", "本行测算 summary"), ("city", "全市总览 total")] {
        row(
            format!(
                "keystroke → {what} redrawn, p50 / p95 ({} keystrokes; aim at 4×: p95 ≤ 16 ms), then the frame drawn",
                count(&format!("keystroke_{key}_ms"), "runs")
            ),
            &|f| {
                format!(
                    "{} (drawn {})",
                    pair(&f[format!("keystroke_{key}_ms")], "p50", "p95"),
                    pair(&f[format!("keystroke_{key}_painted_ms")], "p50", "p95")
                )
            },
        );
        row(format!("the browser's work per keystroke on {what}: script / style / layout"), &|f| {
            let w = &f[format!("keystroke_{key}_work_ms")];
            ["script", "style", "layout"].iter().map(|k| ms(&w[*k])).collect::<Vec<_>>().join(" / ")
        });
    }
    row(
        format!(
            "目标测算's answer after typing settles (the page's pause before it asks included), p50 / p95 ({} balances)",
            count("target_settled_ms", "runs")
        ),
        &|f| pair(&f["target_settled_ms"], "p50", "p95"),
    );
    let size = format!(
        "{} (spreadsheet module on first use {})",
        size::kib(gzipped.first_load),
        size::kib(gzipped.on_first_use)
    );
    row(
        format!("`dist/` gzipped: the first load, wasm + js + css (budget {})", size::kib(size::BUDGET_BYTES)),
        &|_| size.clone(),
    );
    // Chromium 86, the 信创 desks' core (tests/old-engines/first-render.mjs), when the bench ran it.
    let old = &page["chromium86"]["rates"];
    if old.is_object() {
        for (key, how) in [
            ("index", "from index.html, which sends it on to legacy.html"),
            ("legacy", "from legacy.html opened directly"),
        ] {
            let loads = rates.first().map_or(0, |(rate, _)| old[rate.as_str()][key]["loads"].as_u64().unwrap_or(0));
            let cells: Vec<String> =
                rates.iter().map(|(rate, _)| pair(&old[rate.as_str()][key], "p50", "p95")).collect();
            rows.push(format!(
                "| first render in Chromium 86 (the 信创 browsers' core, README's headers), cold cache, {how}: \
                 navigation → the total, median / p95 ({loads} loads) | {} |",
                cells.join(" | ")
            ));
        }
    }
    rows.join("\n")
}

/// Where the time goes: the kinds of work and the functions with the most self time, per keystroke,
/// and the kinds of work of a first load.
fn profile_table(profile: &Value) -> String {
    let kinds = |part: &Value| {
        part["kinds"]
            .as_array()
            .map(|kinds| {
                kinds
                    .iter()
                    .filter(|k| k["kind"] != "idle")
                    .map(|k| format!("{} {}", k["kind"].as_str().unwrap_or("?"), ms(&k["ms"])))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let keystroke = &profile["keystroke"];
    let mut lines = vec![
        format!(
            "Where a keystroke's time goes ({}× CPU, CPU profile of {} keystrokes on 本行测算, self time per keystroke, \
             {} busy): {}.",
            profile["rate"],
            profile["keystrokes"],
            ms(&keystroke["busy_ms"]),
            kinds(keystroke)
        ),
        String::new(),
        "| function (self time per keystroke) | ms | kind |".to_owned(),
        "|---|---|---|".to_owned(),
    ];
    for function in keystroke["top"].as_array().into_iter().flatten().take(15) {
        let name = function["name"].as_str().unwrap_or("?").replace('|', "\\|");
        lines.push(format!("| `{name}` | {} | {} |", ms(&function["ms"]), function["kind"].as_str().unwrap_or("?")));
    }
    let load = &profile["first_load"];
    lines.push(String::new());
    lines.push(format!("A first load under the same profiler ({} busy): {}.", ms(&load["busy_ms"]), kinds(load)));
    lines.join("\n")
}

/// `5.2 / 16.9 ms` from two keys of a JSON object of milliseconds.
fn pair(figures: &Value, a: &str, b: &str) -> String {
    match (figures[a].as_f64(), figures[b].as_f64()) {
        (Some(x), Some(y)) => format!("{x:.1} / {y:.1} ms"),
        _ => "?".to_owned(),
    }
}

/// `3.71 ms` from a JSON number of milliseconds.
fn ms(value: &Value) -> String {
    value.as_f64().map_or_else(|| "?".to_owned(), |v| format!("{v:.2} ms"))
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
        let stdout = "running 1 test\nKAOPING-WASM-BENCH {\"evaluate_ns\": 230500, \"floor_ns\": 200000, \
                      \"explain_ns\": 835000, \"parse_ns\": 596000, \"solve_ns\": 2550000, \"target_solve_ns\": 4000000, \
                      \"target_unreachable_ns\": 9000000, \"margins_ns\": 60000000, \"marginal_ns\": 9000000, \
                      \"simulate_ns\": 280000000}\ntest ok\n";
        let wasm = wasm_medians(stdout).expect("the line is there");
        assert_eq!(wasm[0], Duration::from_nanos(230_500));
        assert_eq!(wasm[1], Duration::from_micros(200));
        assert_eq!(wasm[4], Duration::from_micros(2550));
        assert_eq!(wasm[9], Duration::from_millis(280));
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
    fn one_row_per_figure_and_the_ratio() {
        let mut host = vec![Duration::from_micros(60); ENGINE_ROWS.len()];
        host[1] = Duration::from_micros(40);
        let text = table(&host, &host);
        assert_eq!(text.lines().count(), 2 + ENGINE_ROWS.len() + 1, "{text}");
        assert!(text.contains("| engine / floor (aim ≤ 1.00) | 1.50 | 1.50 (wasm) |"), "{text}");
    }

    #[test]
    fn the_page_has_a_column_per_rate() {
        let page: Value = serde_json::from_str(
            r#"{"rates": {
                "1": {"first_render_ms":{"p50":420.1,"p95":600,"loads":10},
                      "first_live_ms":{"p50":510,"p95":620.5,"loads":10},
                      "first_render_marks_ms":{"js_fetched":40,"wasm_fetched":100,"compiled":110,"instantiated":111,"total":200,"painted":300,"live":400,"loads":5},
                      "keystroke_bank_ms":{"p50":7,"p95":18.4,"runs":100},"keystroke_bank_painted_ms":{"p50":16.7,"p95":20},
                      "keystroke_bank_work_ms":{"script":3.5,"style":0.25,"layout":1.125},
                      "keystroke_city_ms":{"p50":3.6,"p95":6.7,"runs":100},"keystroke_city_painted_ms":{"p50":16.6,"p95":17},
                      "target_settled_ms":{"p50":170,"p95":180,"runs":20}},
                "4": {"first_render_ms":{"p50":880,"p95":990,"loads":10}}},
              "chromium86": {"rates": {
                "1": {"index": {"p50":300,"p95":350,"loads":10}, "legacy": {"p50":250,"p95":260,"loads":10}},
                "4": {"index": {"p50":900,"p95":1000,"loads":10}, "legacy": {"p50":700,"p95":750,"loads":10}}}},
              "profile": {"rate": 1, "keystrokes": 60,
                "keystroke": {"busy_ms": 11, "kinds": [{"kind": "idle", "ms": 3}, {"kind": "wasm: engine", "ms": 3.7}],
                              "top": [{"name": "kaoping_engine::evaluate::evaluate", "ms": 0.75, "kind": "wasm: engine"}]},
                "first_load": {"busy_ms": 300, "kinds": [{"kind": "wasm: engine", "ms": 19.5}]}}}"#,
        )
        .expect("valid JSON");
        let text =
            page_table(&page, size::Sizes { first_load: 240_000, on_first_use: 70_000, first_load_no_bulk: 240_100 });
        assert_eq!(text.lines().count(), 2 + 2 + 1 + 2 * 2 + 1 + 2 + 1, "{text}");
        assert!(text.contains("sends it on to legacy.html: navigation → the total, median / p95 (10 loads) | 300.0 / 350.0 ms | 900.0 / 1000.0 ms |"), "{text}");
        assert!(text.contains("legacy.html opened directly: navigation → the total, median / p95 (10 loads) | 250.0 / 260.0 ms | 700.0 / 750.0 ms |"), "{text}");
        assert!(text.starts_with("| the page, 16 banks filled | 1× CPU | 4× CPU |"), "{text}");
        assert!(text.contains("| 420.1 / 600.0 ms | 880.0 / 990.0 ms |"), "{text}");
        assert!(text.contains("| 7.0 / 18.4 ms (drawn 16.7 / 20.0 ms) | ? (drawn ?) |"), "{text}");
        assert!(text.contains("| 3.50 ms / 0.25 ms / 1.12 ms |"), "{text}");
        assert!(text.contains("| 40 / 100 / 110 / 111 / 200 / 300 / 400 |"), "{text}");
        assert!(text.contains("the page live (the wasm's own summary with the total, the form a frame later), median / p95 (10 loads) | 510.0 / 620.5 ms | ? |"), "{text}");
        assert!(text.contains("234.4 KB"), "{text}");
        let profile = profile_table(&page["profile"]);
        assert!(profile.contains("| `kaoping_engine::evaluate::evaluate` | 0.75 ms | wasm: engine |"), "{profile}");
        assert!(profile.contains("11.00 ms busy): wasm: engine 3.70 ms."), "{profile}");
        assert!(!profile.contains("idle"), "{profile}");
    }
}
