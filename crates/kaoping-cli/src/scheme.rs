//! `kaoping scheme …` and `--scheme FILE`: a year's scheme as a `kaoping-scheme/1` file, which the
//! finance bureau makes, checks and scores under without a developer.
//!
//! ```text
//! kaoping scheme export 2024 > s.json            the built-in scheme as a file
//! kaoping scheme check FILE [--against OTHER] [--details]   what it holds, the annex checks, what differs
//!                                                (--details: every annex figure); exit 2 on a refusal
//! kaoping scheme new --from FILE|2024 --year N [--annexes BOOK.xlsx]   next year's file, rolled forward
//! kaoping scheme template --xlsx OUT [--from FILE|YEAR] [--year N]    the annex workbook to fill in
//! kaoping score --scheme FILE SCENARIO           every command that scores takes --scheme
//! ```

use std::sync::OnceLock;

use clap::Subcommand;
use kaoping_engine::{Error, Scenario, Scheme};

use crate::Failure;

/// `kaoping scheme …`.
#[derive(Debug, Subcommand)]
pub enum SchemeCommand {
    /// Print a built-in scheme as a kaoping-scheme/1 file, to keep or to start next year's from.
    Export {
        /// The year (2024 is built in).
        year: u16,
    },
    /// Check a scheme file: print what it holds, the annex checks and what differs from another
    /// scheme; a file that cannot be used exits 2, naming the place.
    Check {
        /// The scheme file.
        file: String,
        /// The scheme to compare with: a file, or a built-in year (default: the built-in 2024).
        #[arg(long, value_name = "FILE|YEAR", default_value = "2024")]
        against: String,
        /// List every annex figure that differs, not only how many.
        #[arg(long)]
        details: bool,
    },
    /// Roll a scheme forward to a new year: a draft with the same banks, rules and bands, each annex's
    /// base moved on by its task and its tasks worked out at the same rates, 文号 and date left empty.
    New {
        /// The scheme to start from: a file, or a built-in year.
        #[arg(long, value_name = "FILE|YEAR")]
        from: String,
        /// The new scheme's year.
        #[arg(long)]
        year: u16,
        /// Take the banks and annex figures from this workbook (made by `kaoping scheme template
        /// --xlsx` and filled in with the published annexes) instead of projecting them.
        #[arg(long, value_name = "BOOK.xlsx")]
        annexes: Option<String>,
    },
    /// Write the annex workbook of a scheme: 考评对象 and one sheet per annex, a row per bank with its
    /// base, rates and tasks, to fill in with a new year's annexes for `scheme new --annexes`.
    Template {
        /// Write the workbook here.
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: String,
        /// The scheme whose annexes pre-fill it: a file, or a built-in year.
        #[arg(long, value_name = "FILE|YEAR", default_value = "2024")]
        from: String,
        /// Roll that scheme forward to this year first (headings of that year, projected figures).
        #[arg(long)]
        year: Option<u16>,
    },
}

/// Runs `kaoping scheme …`.
pub fn run(command: SchemeCommand) -> Result<String, Failure> {
    if let Some(file) = chosen() {
        return Err(Failure::input(format!(
            "--scheme {file}: kaoping scheme takes its scheme files as arguments, not --scheme"
        )));
    }
    match command {
        SchemeCommand::Export { year } => Ok(builtin(year)?.to_json()),
        SchemeCommand::Check { file, against, details } => {
            let scheme = read(&file)?;
            let other = scheme_or_year(&against)?;
            Ok(describe(&scheme, &other, details))
        }
        SchemeCommand::New { from, year, annexes } => {
            let draft = rolled(&from, year)?;
            let Some(book) = annexes else {
                eprintln!(
                    "kaoping: note: the annex figures of {year} are projections (base + task, tasks at the same \
                     rates); replace them with the published annexes (--annexes BOOK.xlsx), and fill in \
                     document.number and document.date"
                );
                return Ok(draft.to_json());
            };
            let scheme = with_annexes(&draft, &book)?;
            eprintln!("kaoping: note: fill in document.number and document.date from the new document");
            Ok(scheme.to_json())
        }
        SchemeCommand::Template { xlsx, from, year } => {
            let scheme = match year {
                Some(year) => std::borrow::Cow::Owned(rolled(&from, year)?),
                None => scheme_or_year(&from)?,
            };
            let bytes = kaoping_sheets::annexes::workbook(&scheme, &crate::about().date)
                .map_err(|e| Failure::input(format!("{xlsx}: {e}")))?;
            std::fs::write(&xlsx, bytes)
                .map_err(|e| Failure { message: format!("{xlsx}: cannot write it: {e}"), status: 1 })?;
            Ok(String::new())
        }
    }
}

/// A scheme rolled forward to `year`, which must be later than its own.
fn rolled(from: &str, year: u16) -> Result<Scheme, Failure> {
    let base = scheme_or_year(from)?;
    if year <= base.year {
        return Err(Failure::input(format!(
            "--year: {year} is not after the scheme's year {} (a scheme rolls forward)",
            base.year
        )));
    }
    base.roll_forward(year).map_err(|e| Failure::input(format!("--from {from}: {e}")))
}

/// The draft with the banks and annexes of a workbook, checked by the engine; every refused cell is a
/// line, and a refusal of the scheme is told at the cell it came from.
fn with_annexes(draft: &Scheme, book: &str) -> Result<Scheme, Failure> {
    let bytes = std::fs::read(book).map_err(|e| Failure::input(format!("{book}: cannot read it: {e}")))?;
    let name = std::path::Path::new(book).file_name().map_or(book.to_owned(), |n| n.to_string_lossy().into_owned());
    let read = kaoping_sheets::annexes::read(&bytes, &name, draft).map_err(|problems| {
        Failure::input(problems.iter().map(|p| format!("{book}: {p}")).collect::<Vec<_>>().join("\n"))
    })?;
    let mut file = draft.file().clone();
    file["annexes"] = read.annexes.clone();
    Scheme::from_value(file).map_err(|e| match &e {
        Error::Scheme { path, problem } => {
            let place = read.place_of(path).map_or_else(String::new, |cell| format!("{cell}："));
            Failure::input(format!("{book}: {place}{}（{path}）", problem.zh()))
        }
        other => Failure::input(format!("{book}: {other}")),
    })
}

/// The `--scheme FILE` of this run, set once by `main` before any command runs.
static FILE: OnceLock<Option<String>> = OnceLock::new();

/// The scheme read from `--scheme FILE`, read once.
static READ: OnceLock<Result<Scheme, String>> = OnceLock::new();

/// Keeps `--scheme FILE` for every command of this run.
pub fn choose(file: Option<String>) {
    let _ = FILE.set(file);
}

/// The `--scheme FILE` of this run, if any.
pub fn chosen() -> Option<&'static str> {
    FILE.get().and_then(Option::as_deref)
}

/// The scheme every scoring command uses: the file given with `--scheme` (read and checked once), or
/// the built-in scheme of `year` (the scenario's).
pub fn in_force(year: u16) -> Result<&'static Scheme, Failure> {
    match chosen() {
        Some(file) => {
            READ.get_or_init(|| read(file).map_err(|f| f.message)).as_ref().map_err(|m| Failure::input(m.clone()))
        }
        None => builtin(year),
    }
}

/// Reads a scenario file's text under the scheme in force: `--scheme FILE` if given (a scenario made
/// under another scheme is read and scored under this one, and stderr says so), else the built-in
/// scheme of the file's year.
pub fn scenario(text: &str, name: &str) -> Result<(&'static Scheme, Scenario), Failure> {
    // The engine says the year's scheme file is needed; here it is given with --scheme.
    let bad = |e: Error| match e {
        Error::Year { found: Some(_) } => Failure::input(format!("{name}: {e}: give it with --scheme FILE")),
        e => Failure::input(format!("{name}: {e}")),
    };
    let (scheme, scenario) = match chosen() {
        None => {
            let scenario = Scenario::from_json(text).map_err(bad)?;
            (builtin(scenario.year)?, scenario)
        }
        Some(_) => {
            let scheme = in_force(0)?;
            (scheme, Scenario::from_json_under(text, scheme).map_err(bad)?)
        }
    };
    if let Some(mismatch) = scenario.scheme_mismatch(scheme) {
        eprintln!("kaoping: note: {name} was {mismatch}");
    }
    let outside = scenario.banks_outside(scheme);
    if !outside.is_empty() {
        eprintln!(
            "kaoping: note: {name}: {} not scored under {}; their figures are kept",
            outside.join(", "),
            scheme.label()
        );
    }
    Ok((scheme, scenario))
}

/// A scenario this run makes (a template, an import into nothing), marked as made under the scheme
/// file in force when there is one; under a built-in scheme it stays as such files always were.
pub fn made_here(mut scenario: Scenario, scheme: &Scheme) -> Scenario {
    if chosen().is_some() {
        scenario.mark_scheme(scheme);
    }
    scenario
}

fn builtin(year: u16) -> Result<&'static Scheme, Failure> {
    Scheme::builtin(year).map_err(|e| match e {
        Error::Year { found: Some(_) } => Failure::input(format!("{e}: give it with --scheme FILE")),
        e => Failure::input(e.to_string()),
    })
}

/// Reads and checks a scheme file; a refusal is the English line and the Chinese one.
fn read(file: &str) -> Result<Scheme, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure::input(format!("{file}: cannot read it: {e}")))?;
    Scheme::from_json(&text).map_err(|e| Failure::input(format!("{file}: {e}\n{file}: {}", e.zh())))
}

/// A scheme file, or a built-in year written as a number when no such file exists.
fn scheme_or_year(text: &str) -> Result<std::borrow::Cow<'static, Scheme>, Failure> {
    match text.parse::<u16>() {
        Ok(year) if !std::path::Path::new(text).exists() => Ok(std::borrow::Cow::Borrowed(builtin(year)?)),
        _ => Ok(std::borrow::Cow::Owned(read(text)?)),
    }
}

/// What `kaoping scheme check` prints: the document, the banks, the bands and weights, the annex
/// checks, the notes, and what differs from `other`.
fn describe(scheme: &Scheme, other: &Scheme, details: bool) -> String {
    let d = &scheme.document;
    let outcomes = &scheme.rules.outcomes;
    let mut out = format!("可以使用：{}\n", scheme.label());
    out.push_str(&format!("《{}》　{}　{}　{}\n", d.title, blank(&d.number), blank(&d.date), d.issuer));
    out.push_str(&format!("指纹：{}\n", scheme.fingerprint));
    let banks: Vec<String> = scheme.banks.iter().map(|b| format!("{} {}", b.id, b.short_name)).collect();
    out.push_str(&format!("考评对象 {} 家：{}\n", scheme.banks.len(), banks.join("、")));
    out.push_str(&format!("档次：{}\n", scheme.bands_text().join("；")));
    out.push_str(&format!(
        "{}；公共性资金存放：考评结果 {}%，部门个性指标 {}%\n",
        scheme.rules.interview_text(),
        outcomes.evaluation_weight.value.normalize(),
        outcomes.department_weight.value.normalize()
    ));
    out.push_str("\n附件核对（提示，不影响使用；计分以公布数为准）：\n");
    for check in scheme.annex_checks() {
        out.push_str(&format!("  {} | {} | {}\n", check.annex, check.subject, check.message));
    }
    for note in scheme.file_notes() {
        out.push_str(&format!("提示：{note}\n"));
    }
    let diff = scheme.diff_from(other);
    out.push_str(&format!("\n与 {} 相比：\n", other.label()));
    if diff.is_empty() {
        out.push_str("  完全相同\n");
    }
    for line in diff.lines_zh() {
        out.push_str(&format!("  {line}\n"));
    }
    if details {
        for change in &diff.annexes {
            out.push_str(&format!(
                "  {} {} {}：{} → {}\n",
                change.annex,
                change.name,
                change.column,
                change.before.normalize(),
                change.after.normalize()
            ));
        }
    }
    out
}

fn blank(text: &str) -> &str {
    if text.trim().is_empty() {
        "（未填）"
    } else {
        text
    }
}
