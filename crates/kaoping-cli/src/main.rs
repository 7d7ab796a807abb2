//! `kaoping`: the scoring engine on the command line.
//!
//! ```text
//! kaoping score FILE            result JSON (kaoping-result/1) on stdout; FILE may be - for stdin
//! kaoping score --table FILE    the same as a table: rank, bank, total, band, composite, share
//! kaoping score --declared FILE the figures as the banks declared them, not as verified
//! kaoping explain FILE --bank icbc
//! kaoping template              the on-task baseline of all 16 banks, every field present
//! kaoping template --xlsx OUT.xlsx [--from FILE]   the fill-in workbook, pre-filled
//! kaoping template --xlsx 申报.xlsx --bank icbc [--from FILE]   one bank's 申报表
//! kaoping export FILE --xlsx OUT.xlsx [--bank icbc] | --csv OUT.csv
//! kaoping import BOOK [--into FILE] [--map '各项贷款=loans']… [--partial [--refused OUT.csv]]
//!                               the scenario with the sheet's figures, as JSON (.xlsx/.xls/.ods/.xlsb/.csv/.tsv)
//! kaoping diff A.json B.json [--bank icbc] [--json]
//! kaoping deposits FILE [--json]  each public fund placed by its department's composite (四(四))
//! kaoping diff FILE [--bank icbc] [--json]     as declared against as verified (核实)
//! kaoping link FILE             the share link's fragment (#s=…)
//! kaoping open-link LINK        the scenario a share link carries
//! kaoping solve FILE --bank icbc --lever loans --goal rank<=3 [--json]
//! kaoping margins FILE --bank icbc [--all] [--json]
//! kaoping marginal FILE --bank icbc [--json]
//! kaoping simulate FILE --bank icbc --spread 3 [--draws 1000] [--seed 1] [--json]
//! kaoping scheme export|check|new …   a year's scheme as a file (see scheme.rs)
//! kaoping collect FILE... [--into S] [--pick BANK=FILE]   汇总: declarations into one scenario
//! kaoping notice FILE [--date YYYY-MM-DD] [--json]   the published 名单 (通报)
//! ```
//! Every command that scores takes `--scheme FILE` (a kaoping-scheme/1 file) in place of the built-in
//! scheme of the scenario's year.
//! Bad input exits with status 2 and one line naming the place and the problem; an import with bad
//! cells lists every one of them on stderr, one per line.

mod deposits;

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kaoping_engine::{
    compare, evaluate, format_fixed2, next_band_answer, BandMove, Evaluation, Goal, Lever, Rivals, Scenario, Scheme,
    SimulationSpec,
};
use kaoping_sheets::export::{self, About};

mod collect;
mod declare;
mod notice;
mod scheme;
mod verify;

/// 考评测算器: scores banks under 《2024年度黄石市银行业金融机构支持地方经济发展考评办法》.
#[derive(Debug, Parser)]
#[command(name = "kaoping", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Score under this scheme file (kaoping-scheme/1) instead of the built-in scheme of the year.
    #[arg(long, global = true, value_name = "FILE")]
    scheme: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a scenario file (`-` reads standard input) and print the result.
    Score {
        /// The scenario file (kaoping-scenario/1).
        file: String,
        /// Print a table in Chinese instead of JSON.
        #[arg(long)]
        table: bool,
        /// Score the figures as the banks declared them, not as verified (核实).
        #[arg(long)]
        declared: bool,
    },
    /// Show one bank's item-by-item working.
    Explain {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// The bank's id, e.g. icbc.
        #[arg(long)]
        bank: String,
    },
    /// Print the on-task baseline scenario for all banks, every field present, to edit; or, with
    /// --xlsx, write the fill-in workbook (one row per bank, one column per figure).
    Template {
        /// The scheme's year.
        #[arg(long, default_value_t = 2024)]
        year: u16,
        /// Write the fill-in workbook here instead of printing JSON.
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<String>,
        /// Pre-fill the workbook with this scenario's figures (default: the on-task baseline; for a
        /// 申报表, blank boxes).
        #[arg(long, value_name = "FILE", requires = "xlsx")]
        from: Option<String>,
        /// Write this bank's 申报表 (declaration form) instead: one bank, fixed and named.
        #[arg(long, requires = "xlsx")]
        bank: Option<String>,
    },
    /// Write a scenario as a workbook (全市, 本行, 设置, 说明) or the 全市 table as CSV.
    Export {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// Write the workbook here.
        #[arg(long, value_name = "OUT.xlsx", required_unless_present = "csv", conflicts_with = "csv")]
        xlsx: Option<String>,
        /// Write the 全市 table here (UTF-8 with a byte-order mark).
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<String>,
        /// The bank of the 本行 sheet.
        #[arg(long, default_value = "icbc")]
        bank: String,
    },
    /// Read a workbook or CSV/TSV table and print the scenario with its figures (kaoping-scenario/1).
    Import {
        /// The workbook (.xlsx, .xls, .ods, .xlsb) or table (.csv, .tsv; UTF-8, UTF-16 or GBK).
        book: String,
        /// The scenario the figures go into (default: an empty one of the year).
        #[arg(long, value_name = "FILE")]
        into: Option<String>,
        /// Say what a heading that is not recognised is: `HEADING=KEY` with a figure's key
        /// (`各项贷款=loans`), or `HEADING=ignore` to leave the column out. May be repeated.
        #[arg(long = "map", value_name = "HEADING=KEY")]
        map: Vec<String>,
        /// Import what can be read and leave the refused cells as they were (listed on stderr).
        /// Without it, one refused cell refuses the whole file.
        #[arg(long)]
        partial: bool,
        /// With --partial: also write the refused cells here as CSV (文件, 位置, 原因).
        #[arg(long, value_name = "OUT.csv", requires = "partial")]
        refused: Option<String>,
    },
    /// Compare two scenarios: every bank's total, rank, band and share in each, and what moved. With
    /// one scenario: as declared against as verified (核实).
    Diff {
        /// The first scenario.
        a: String,
        /// The second scenario; without it, the first as declared against as verified.
        b: Option<String>,
        /// Also show one bank's figures and items that moved, with both workings.
        #[arg(long)]
        bank: Option<String>,
        /// Print JSON (kaoping-diff/1) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Place each public fund (四(四)) by its own department's composite: every bank's composite,
    /// share and amount per fund, and what it holds in all.
    Deposits {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// Print JSON (kaoping-deposits/1) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print the share link's fragment (`#s=…`) for a scenario: append it to the page's address.
    Link {
        /// The scenario file (`-` reads standard input).
        file: String,
    },
    /// Print the scenario a share link carries (kaoping-scenario/1); a damaged or cut link exits 2.
    OpenLink {
        /// The link, or just its fragment (`#s=…`).
        link: String,
    },
    /// 目标测算: the smallest amount of a lever that reaches a goal, all else as it is.
    Solve {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// The bank's id, e.g. icbc.
        #[arg(long)]
        bank: String,
        /// Figure keys joined by `+`, e.g. loans or sme_loans+manufacturing_loans (a loan counted in
        /// all of them; a part of 各项贷款 always adds to loans too).
        #[arg(long)]
        lever: String,
        /// rank<=N, band=outstanding|positive|general, not-interviewed, total>=S, share>=P,
        /// composite>=C, above=BANK, or one public fund's share:FUND>=P or amount:FUND>=A
        /// (FUND: a fund id of the year, e.g. share:fiscal>=10).
        #[arg(long)]
        goal: String,
        #[command(flatten)]
        rivals: RivalArgs,
        /// Print kaoping-solve/1 JSON instead of Chinese text.
        #[arg(long)]
        json: bool,
    },
    /// How safe the bank's place is: the gap to every rival and the lending that changes the order.
    Margins {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// The bank's id.
        #[arg(long)]
        bank: String,
        /// Work out the lending to pass for every rival, not only the two neighbours.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        rivals: RivalArgs,
        /// Print kaoping-margins/1 JSON.
        #[arg(long)]
        json: bool,
    },
    /// Which lending pays: points and deposit share per +1亿 of each kind of lending.
    Marginal {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// The bank's id.
        #[arg(long)]
        bank: String,
        #[command(flatten)]
        rivals: RivalArgs,
        /// Print kaoping-marginal/1 JSON.
        #[arg(long)]
        json: bool,
    },
    /// Where the bank lands when the rivals' loan lines not entered are drawn around their tasks.
    Simulate {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// The bank's id.
        #[arg(long)]
        bank: String,
        /// ± percentage points of growth around each rival line's assumed growth (0 to 100).
        #[arg(long)]
        spread: String,
        /// How many draws.
        #[arg(long, default_value_t = SimulationSpec::DRAWS_DEFAULT.to_string())]
        draws: String,
        /// The seed: the same seed gives the same draws.
        #[arg(long, default_value_t = SimulationSpec::SEED_DEFAULT.to_string())]
        seed: String,
        /// Draw the lines a rival has entered too, around their entered growth.
        #[arg(long)]
        entered_too: bool,
        #[command(flatten)]
        rivals: RivalArgs,
        /// Print kaoping-simulate/1 JSON.
        #[arg(long)]
        json: bool,
    },
    /// A year's scheme as a file (kaoping-scheme/1): export, check, roll forward.
    #[command(subcommand)]
    Scheme(scheme::SchemeCommand),
    /// 汇总: the banks' declarations gathered into one scenario, printed; the report on stderr.
    Collect(collect::CollectArgs),
    /// 通报: the published list of the result (贡献突出、积极、一般单位, 约谈、通报, 取消考评资格).
    Notice(notice::NoticeArgs),
}

/// What to assume about the other banks' figures that are not entered.
#[derive(Debug, Args)]
struct RivalArgs {
    /// Their annex loan lines not entered: on-task, or above:K (task + K% of the 2023 balance).
    #[arg(long, default_value = "on-task")]
    rivals_lines: String,
    /// Apply --rivals-lines to the lines entered for the rivals too ("every other bank at task + K%").
    #[arg(long)]
    rivals_entered_too: bool,
    /// Their other items without figures: zero, bar (the points for reaching the bar) or ours (our points).
    #[arg(long, default_value = "zero")]
    rivals_unentered: String,
}

impl RivalArgs {
    fn read(&self) -> Result<Rivals, Failure> {
        Ok(Rivals {
            lines: Rivals::parse_lines(&self.rivals_lines).map_err(option("--rivals-lines"))?,
            entered_lines_too: self.rivals_entered_too,
            unentered: Rivals::parse_unentered(&self.rivals_unentered).map_err(option("--rivals-unentered"))?,
        })
    }
}

/// The engine's message about what an option gave, after the option's name: the engine says what is
/// wrong in its own words and names no option of ours.
fn option(name: &'static str) -> impl Fn(kaoping_engine::Error) -> Failure {
    move |error| Failure::input(format!("{name}: {error}"))
}

/// An error a user can act on, and the exit status it gives.
struct Failure {
    /// One or more lines, each printed after `kaoping: `.
    message: String,
    status: u8,
}

impl Failure {
    fn input(message: impl Into<String>) -> Self {
        Failure { message: message.into(), status: 2 }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion) => {
            e.exit()
        }
        Err(e) => {
            // One line, as for bad input: clap's message without its usage block.
            let text = e.render().to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:"))
                .filter(|l| !l.is_empty())
                .collect();
            eprintln!("kaoping: {}", message.join(" ").trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    scheme::choose(cli.scheme);
    match run(cli.command) {
        Ok(output) => {
            // A reader that stops early (`| head`) is not an error of ours: no panic on a closed pipe.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), output.as_bytes());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for line in failure.message.lines() {
                eprintln!("kaoping: {line}");
            }
            ExitCode::from(failure.status)
        }
    }
}

fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Score { file, table, declared } => {
            let (scheme, scenario) = load(&file)?;
            let scenario = if declared { scenario.declared() } else { scenario };
            let evaluation = evaluate(scheme, &scenario);
            Ok(if table { render_table(scheme, &evaluation) } else { evaluation.to_json(scheme) + "\n" })
        }
        Command::Explain { file, bank } => {
            let (scheme, scenario) = load(&file)?;
            let evaluation = evaluate(scheme, &scenario);
            check_bank(scheme, &bank)?;
            let result = evaluation.bank(&bank).ok_or_else(|| unknown_bank(scheme, &bank))?;
            Ok(render_explanation(scheme, &scenario, &evaluation, result))
        }
        Command::Solve { file, bank, lever, goal, rivals, json } => {
            let (scheme, scenario) = load(&file)?;
            check_bank(scheme, &bank)?;
            let lever = Lever::parse(&lever).map_err(option("--lever"))?;
            let goal = Goal::parse(&goal, scheme).map_err(option("--goal"))?;
            if goal == Goal::Above(bank.clone()) {
                return Err(Failure::input(format!("--goal: a bank cannot pass itself (above={bank})")));
            }
            let answer = kaoping_engine::solve(scheme, &scenario, &bank, &lever, &goal, rivals.read()?);
            Ok(if json { pretty(&answer.to_value(scheme)) } else { render_answer(scheme, &answer) })
        }
        Command::Margins { file, bank, all, rivals, json } => {
            let (scheme, scenario) = load(&file)?;
            check_bank(scheme, &bank)?;
            let margins = kaoping_engine::margins(scheme, &scenario, &bank, rivals.read()?, all)
                .ok_or_else(|| unknown_bank(scheme, &bank))?;
            Ok(if json { pretty(&margins.to_value(scheme)) } else { render_margins(scheme, &margins) })
        }
        Command::Marginal { file, bank, rivals, json } => {
            let (scheme, scenario) = load(&file)?;
            check_bank(scheme, &bank)?;
            let table = kaoping_engine::marginal(scheme, &scenario, &bank, rivals.read()?)
                .ok_or_else(|| unknown_bank(scheme, &bank))?;
            Ok(if json { pretty(&table.to_value()) } else { render_marginal(scheme, &table) })
        }
        Command::Simulate { file, bank, spread, draws, seed, entered_too, rivals, json } => {
            let (scheme, scenario) = load(&file)?;
            check_bank(scheme, &bank)?;
            let spec = SimulationSpec::parse(&spread, &draws, &seed, entered_too).map_err(|e| match &e {
                kaoping_engine::Error::Assumption { what, .. } => option(match what {
                    kaoping_engine::Assumption::Draws { .. } => "--draws",
                    kaoping_engine::Assumption::Seed => "--seed",
                    _ => "--spread",
                })(e),
                _ => option("--spread")(e),
            })?;
            let summary = kaoping_engine::simulate(scheme, &scenario, &bank, rivals.read()?, spec)
                .ok_or_else(|| unknown_bank(scheme, &bank))?;
            Ok(if json { pretty(&summary.to_value(scheme)) } else { render_simulation(scheme, &summary) })
        }
        Command::Template { year, xlsx: None, .. } => {
            let scheme = scheme::in_force(year)?;
            Ok(scheme::made_here(scheme.template(), scheme).to_json_full() + "\n")
        }
        Command::Template { year, xlsx: Some(out), from, bank: Some(bank) } => {
            declare::form(year, &out, from.as_deref(), &bank)
        }
        Command::Template { year, xlsx: Some(out), from, bank: None } => {
            let (scheme, scenario) = match from {
                Some(file) => load(&file)?,
                None => {
                    let scheme = scheme::in_force(year)?;
                    (scheme, scheme::made_here(scheme.template(), scheme))
                }
            };
            write_file(&out, &export::template(scheme, &scenario, &about()).map_err(Failure::input)?)?;
            Ok(String::new())
        }
        Command::Export { file, xlsx, csv, bank } => {
            let (scheme, scenario) = load(&file)?;
            if scheme.bank_index(&bank).is_none() {
                return Err(unknown_bank(scheme, &bank));
            }
            if let Some(out) = xlsx {
                write_file(&out, &export::workbook(scheme, &scenario, &bank, &about()).map_err(Failure::input)?)?;
            }
            if let Some(out) = csv {
                write_file(&out, export::city_csv(scheme, &scenario).as_bytes())?;
            }
            Ok(String::new())
        }
        Command::Import { book, into, map, partial, refused } => {
            let (scheme, base) = match into {
                Some(file) => load(&file)?,
                None => {
                    let scheme = scheme::in_force(2024)?;
                    (scheme, scheme::made_here(Scenario::new(scheme.year), scheme))
                }
            };
            let bytes = read_bytes(&book)?;
            let name =
                std::path::Path::new(&book).file_name().map_or(book.clone(), |n| n.to_string_lossy().into_owned());
            let mapping = map
                .iter()
                .map(|m| kaoping_sheets::ReadOptions::parse_map(m))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Failure::input)?;
            let options = kaoping_sheets::ReadOptions { mapping };
            let update = kaoping_sheets::read_file_with(&bytes, &name, scheme, &options);
            let lines = |problems: &[kaoping_sheets::Problem]| -> String {
                let mut lines: Vec<String> = problems.iter().map(|p| format!("{book}: {p}")).collect();
                if !update.unplaced.is_empty() {
                    lines.push(format!(
                        "{book}: 列名无法识别时，可用 --map '列名=代码' 指明（如 --map '{}=loans'），或 --map '列名=ignore' 不读取",
                        update.unplaced.first().map_or("", |u| u.heading.as_str())
                    ));
                }
                lines.join("\n")
            };
            if partial {
                match update.apply_rest(scheme, &base) {
                    Ok((scenario, refused_cells)) => {
                        if !refused_cells.is_empty() {
                            eprintln!("{}", lines(&refused_cells));
                            eprintln!("{book}: 以上 {} 处未导入，其余已导入", refused_cells.len());
                        }
                        if let Some(out) = refused {
                            write_file(&out, kaoping_sheets::refused_csv(&name, &refused_cells).as_bytes())?;
                        }
                        Ok(scenario.to_json() + "\n")
                    }
                    Err(problems) => Err(Failure::input(lines(&problems))),
                }
            } else {
                match update.apply(scheme, &base) {
                    Ok(scenario) => Ok(scenario.to_json() + "\n"),
                    Err(problems) => Err(Failure::input(lines(&problems))),
                }
            }
        }
        Command::Diff { a, b: None, bank, json } => verify::diff(&a, bank.as_deref(), json),
        Command::Diff { a, b: Some(b), bank, json } => {
            let (scheme, first) = load(&a)?;
            let (_, second) = load(&b)?;
            let comparison = compare(scheme, &first, &second);
            let detail = match &bank {
                Some(id) => Some(comparison.bank(scheme, &first, &second, id).ok_or_else(|| unknown_bank(scheme, id))?),
                None => None,
            };
            if json {
                let mut value = comparison.to_value(scheme);
                if let (Some(detail), Some(map)) = (&detail, value.as_object_mut()) {
                    map.insert("bank".to_owned(), detail.to_value());
                }
                return Ok(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n");
            }
            Ok(render_diff(scheme, &comparison, detail.as_ref()))
        }
        Command::Deposits { file, json } => {
            let (scheme, scenario) = load(&file)?;
            Ok(deposits::render(scheme, &evaluate(scheme, &scenario), json))
        }
        Command::Link { file } => {
            let (_, scenario) = load(&file)?;
            Ok(kaoping_sheets::link::share_fragment(&scenario) + "\n")
        }
        Command::Collect(args) => collect::run(args),
        Command::Notice(args) => notice::run(args),
        Command::OpenLink { link } => kaoping_sheets::link::open_fragment(&link)
            .map(|scenario| scenario.to_json() + "\n")
            .map_err(|e| Failure::input(format!("link: {}", e.zh()))),
        Command::Scheme(command) => scheme::run(command),
    }
}

fn unknown_bank(scheme: &Scheme, bank: &str) -> Failure {
    let known = scheme.banks.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ");
    Failure::input(format!("--bank: \"{bank}\" is not a bank of the scheme (one of: {known})"))
}

fn read_bytes(file: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure::input(format!("{file}: cannot read it: {e}")))
}

fn write_file(file: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(file, bytes).map_err(|e| Failure { message: format!("{file}: cannot write it: {e}"), status: 1 })
}

/// The date and version written on a workbook's 说明 sheet.
fn about() -> About {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Today (UTC) as files keep a date, `2025-01-20`, through the engine's calendar.
    let date = i64::try_from(seconds / 86_400).ok().and_then(kaoping_engine::Date::from_days_since_epoch);
    About { date: date.map(|d| d.to_string()).unwrap_or_default(), version: env!("CARGO_PKG_VERSION").to_owned() }
}

fn render_diff(
    scheme: &Scheme,
    comparison: &kaoping_engine::Comparison,
    detail: Option<&kaoping_engine::BankDetail>,
) -> String {
    let dash = || "—".to_owned();
    let signed = |v: Option<rust_decimal::Decimal>| {
        v.map_or_else(dash, |v| {
            let shown = format_fixed2(v);
            if v > rust_decimal::Decimal::ZERO && shown != "0.00" {
                format!("+{shown}")
            } else {
                shown
            }
        })
    };
    let mut out = format!(
        "{}{}{}{}{}{}{}  {}\n",
        pad("银行", 10),
        pad_left("总分A", 9),
        pad_left("总分B", 9),
        pad_left("变化", 9),
        pad_left("名次", 10),
        pad_left("占比%A", 9),
        pad_left("占比%B", 9),
        "档次"
    );
    for bank in &comparison.banks {
        let name = scheme.banks.get(bank.index).map_or("", |b| b.short_name.as_str());
        let total = |s: &kaoping_engine::Standing| s.total.map_or_else(dash, format_fixed2);
        let share = |s: &kaoping_engine::Standing| s.ranked_share().map_or_else(dash, format_fixed2);
        let rank = |s: &kaoping_engine::Standing| s.rank.map_or_else(dash, |r| r.to_string());
        let band = match bank.band_move {
            None => bank.after.band.label().to_owned(),
            Some(m) => format!(
                "{} → {} {}",
                bank.before.band.label(),
                bank.after.band.label(),
                if m == BandMove::Up { "↑" } else { "↓" }
            ),
        };
        out.push_str(&format!(
            "{}{}{}{}{}{}{}  {}\n",
            pad(name, 10),
            pad_left(&total(&bank.before), 9),
            pad_left(&total(&bank.after), 9),
            pad_left(&signed(bank.total_change), 9),
            pad_left(&format!("{}→{}", rank(&bank.before), rank(&bank.after)), 10),
            pad_left(&share(&bank.before), 9),
            pad_left(&share(&bank.after), 9),
            band
        ));
    }
    for change in &comparison.settings {
        out.push_str(&format!("\n设置不同：{}：{} → {}", change.title, change.before, change.after));
    }
    if !comparison.settings.is_empty() {
        out.push('\n');
    }
    out.push_str(&deposits::render_diff(scheme, comparison));
    if let Some(detail) = detail {
        let name = comparison
            .banks
            .iter()
            .find(|b| b.id == detail.id)
            .and_then(|b| scheme.banks.get(b.index))
            .map_or(detail.id.as_str(), |b| b.short_name.as_str());
        out.push_str(&format!("\n{name}：\n"));
        for figure in &detail.figures {
            let show = |v: Option<rust_decimal::Decimal>| {
                v.map_or_else(|| "（未填写）".to_owned(), |v| v.normalize().to_string())
            };
            out.push_str(&format!(
                "  {}：{} → {} {}\n",
                scheme.words(figure.field.label()),
                show(figure.before),
                show(figure.after),
                figure.field.unit().symbol()
            ));
        }
        out.push_str(&deposits::render_fund_figures(scheme, detail));
        for item in &detail.items {
            out.push_str(&format!(
                "  {} {}：{} → {}\n    A：{}\n    B：{}\n",
                item.clause,
                item.item.title(),
                format_fixed2(item.before),
                format_fixed2(item.after),
                item.before_working,
                item.after_working
            ));
        }
        if detail.figures.is_empty() && detail.fund_figures.is_empty() && detail.items.is_empty() {
            out.push_str("  没有变化\n");
        }
    }
    out
}

fn check_bank(scheme: &Scheme, bank: &str) -> Result<(), Failure> {
    scheme.bank_index(bank).map(|_| ()).ok_or_else(|| unknown_bank(scheme, bank))
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// A bank's name and id: `工商银行（icbc）`.
fn bank_title(scheme: &Scheme, id: &str) -> String {
    let name = scheme.bank_index(id).and_then(|i| scheme.banks.get(i)).map_or("", |b| b.short_name.as_str());
    format!("{name}（{id}）")
}

fn render_answer(scheme: &Scheme, answer: &kaoping_engine::Answer) -> String {
    let mut out = format!(
        "{}　目标：{}　手段：{}\n",
        bank_title(scheme, &answer.bank),
        answer.goal.zh(scheme),
        answer.lever.label()
    );
    if let Some(now) = &answer.now {
        out.push_str(&format!("目前：{}\n", now.zh()));
    }
    out.push_str(&format!("测算：{}\n", answer.zh(scheme)));
    for note in &answer.notes {
        out.push_str(&format!("注意：{}\n", note.zh()));
    }
    out
}

fn render_margins(scheme: &Scheme, margins: &kaoping_engine::Margins) -> String {
    let mut out = format!("{}　目前：{}\n\n", bank_title(scheme, &margins.bank), margins.now.zh());
    for rival in &margins.rivals {
        let mark = if Some(&rival.id) == margins.just_above.as_ref() {
            "↑ "
        } else if Some(&rival.id) == margins.just_below.as_ref() {
            "↓ "
        } else {
            "  "
        };
        out.push_str(&format!("{mark}{}\n", margins.rival_zh(scheme, rival)));
    }
    out.push('\n');
    for line in margins.lines_zh(scheme) {
        out.push_str(&format!("{line}\n"));
    }
    for note in &margins.notes {
        out.push_str(&format!("注意：{}\n", note.zh()));
    }
    out
}

fn render_marginal(scheme: &Scheme, table: &kaoping_engine::Marginal) -> String {
    let mut out = format!("{}　目前：{}\n\n", bank_title(scheme, &table.bank), table.now.zh());
    for row in &table.rows {
        out.push_str(&format!("{}\n", table.row_zh(row)));
    }
    for note in &table.notes {
        out.push_str(&format!("注意：{}\n", note.zh()));
    }
    out
}

fn render_simulation(scheme: &Scheme, summary: &kaoping_engine::SimulationSummary) -> String {
    let mut out = format!("{}　按假设：{}\n", bank_title(scheme, &summary.bank), summary.now.zh());
    out.push_str(&format!("抽样：{}\n", summary.zh(scheme)));
    if summary.lines_drawn == 0 {
        out.push_str("注意：他行的贷款余额都已填写，没有可抽样的数据（可加 --entered-too 围绕所填数字抽样）\n");
    }
    for (rank, count) in &summary.rank_counts {
        let pct = summary.percent(*count);
        let bar = "█".repeat(usize::try_from((pct / rust_decimal::Decimal::TWO).trunc()).unwrap_or(0).min(50));
        out.push_str(&format!("  第 {rank:>2} 名 {:>7}% {bar}\n", format_fixed2(pct)));
    }
    for note in &summary.notes {
        out.push_str(&format!("注意：{}\n", note.zh()));
    }
    out
}

fn load(file: &str) -> Result<(&'static Scheme, Scenario), Failure> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::input(format!("standard input: cannot read it: {e}")))?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| Failure::input(format!("{file}: cannot read it: {e}")))?
    };
    let name = if file == "-" { "standard input" } else { file };
    scheme::scenario(&text, name)
}

/// Pads text on the right to a display width.
fn pad(text: &str, width: usize) -> String {
    let shown: usize = text.chars().map(kaoping_engine::display_columns).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// Pads text on the left to a display width.
fn pad_left(text: &str, width: usize) -> String {
    let shown: usize = text.chars().map(kaoping_engine::display_columns).sum();
    format!("{}{text}", " ".repeat(width.saturating_sub(shown)))
}

fn render_table(scheme: &Scheme, evaluation: &Evaluation) -> String {
    let mut order: Vec<&kaoping_engine::BankResult> = evaluation.banks.iter().collect();
    order.sort_by_key(|b| (b.rank.is_none(), b.rank, b.index));
    let mut out = format!(
        "{}  {}{}  {}{}{}\n",
        pad("名次", 6),
        pad("银行", 10),
        pad_left("总分", 8),
        pad("档次", 14),
        pad_left("综合评分", 9),
        pad_left("占比%", 9)
    );
    for bank in order {
        let name = scheme.banks.get(bank.index).map_or("", |b| b.short_name.as_str());
        let rank = bank.rank.map_or_else(|| "—".to_owned(), |r| format!("{r}/{}", evaluation.ranked));
        let total = bank.total.map_or_else(|| "—".to_owned(), format_fixed2);
        let mut band = bank.band.label().to_owned();
        if bank.interview {
            band.push_str("·约谈");
        }
        out.push_str(&format!(
            "{}  {}{}  {}{}{}\n",
            pad(&rank, 6),
            pad(name, 10),
            pad_left(&total, 8),
            pad(&band, 14),
            pad_left(&format_fixed2(bank.deposit.composite), 9),
            pad_left(&format_fixed2(bank.deposit.share_pct), 9)
        ));
    }
    let city = &evaluation.city;
    let show = |f: &kaoping_engine::CityFigure, unit: &str| {
        f.value.map_or_else(
            || "—".to_owned(),
            |v| format!("{}{unit}{}", format_fixed2(v), if f.typed_in { "（输入）" } else { "" }),
        )
    };
    out.push_str(&format!(
        "\n全市平均：贷款增速 {}，普惠小微增速 {}，制造业增速 {}，养老产业增速 {}，新增科技型企业贷款 {}\n考评方案：{}\n",
        show(&city.loan_growth_pct, "%"),
        show(&city.inclusive_growth_pct, "%"),
        show(&city.manufacturing_growth_pct, "%"),
        show(&city.pension_growth_pct, "%"),
        show(&city.tech_new_loans_avg, " 亿元"),
        scheme.label(),
    ));
    out
}

fn render_explanation(
    scheme: &Scheme,
    scenario: &Scenario,
    evaluation: &Evaluation,
    bank: &kaoping_engine::BankResult,
) -> String {
    let info = scheme.banks.get(bank.index);
    let mut out =
        format!("{}（{}）　考评方案：{}\n", info.map_or("", |b| b.full_name.as_str()), bank.id, scheme.label());
    for score in &bank.items {
        out.push_str(&format!(
            "{}  {}{}  {}\n",
            pad(scheme.rules.clause(score.item), 12),
            pad(score.item.title(), 16),
            pad_left(&format_fixed2(score.points), 7),
            score.explain(scheme)
        ));
    }
    let total = bank.total.map_or_else(|| "—（取消考评资格）".to_owned(), format_fixed2);
    let rank =
        bank.rank.map_or_else(|| "—".to_owned(), |r| format!("第 {r} 名（共 {} 家参与排名）", evaluation.ranked));
    out.push_str(&format!("\n总分 {total}，{rank}，{}", bank.band.label()));
    if bank.interview {
        out.push_str(&format!("，{}", scheme.rules.interview_text()));
    }
    out.push('\n');
    out.push_str(&format!(
        "公共性资金存放（四(四)）：考评部分 {} + 部门个性指标部分 {} = 综合评分 {}，占全部参与排名银行之和的 {}%\n",
        format_fixed2(bank.deposit.evaluation_points),
        format_fixed2(bank.deposit.composite - bank.deposit.evaluation_points),
        format_fixed2(bank.deposit.composite),
        format_fixed2(bank.deposit.share_pct)
    ));
    out.push_str(&deposits::render_bank(scheme, evaluation, bank.index));
    if let Some(line) = next_band_answer(scheme, scenario, &bank.id).and_then(|a| a.zh()) {
        out.push_str(&format!("目标测算：{line}\n"));
    }
    for warning in &bank.warnings {
        out.push_str(&format!("注意：{}\n", scheme.words(&warning.zh())));
    }
    if !bank.missing.is_empty() {
        let names: Vec<&str> = bank.missing.iter().map(|f| f.label()).collect();
        out.push_str(&format!("未填写（按 0 分计）：{}\n", scheme.words(&names.join("、"))));
    }
    out
}
