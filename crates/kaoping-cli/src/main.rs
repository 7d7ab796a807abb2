//! `kaoping`: the scoring engine on the command line.
//!
//! ```text
//! kaoping score FILE            result JSON (kaoping-result/1) on stdout; FILE may be - for stdin
//! kaoping score --table FILE    the same as a table: rank, bank, total, band, composite, share
//! kaoping explain FILE --bank icbc
//! kaoping template              the on-task baseline of all 16 banks, every field present
//! kaoping solve FILE --bank icbc --lever loans --goal rank<=3 [--json]
//! kaoping margins FILE --bank icbc [--all] [--json]
//! kaoping marginal FILE --bank icbc [--json]
//! kaoping simulate FILE --bank icbc --spread 3 [--draws 1000] [--seed 1] [--json]
//! ```
//! Bad input and bad arguments exit with status 2 and one line naming the place and the problem.

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kaoping_engine::{
    evaluate, format_fixed2, next_band_answer, Evaluation, Goal, Lever, Rivals, Scenario, Scheme, SimulationSpec,
};

/// 考评测算器: scores banks under 《2024年度黄石市银行业金融机构支持地方经济发展考评办法》.
#[derive(Debug, Parser)]
#[command(name = "kaoping", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    },
    /// Show one bank's item-by-item working.
    Explain {
        /// The scenario file (`-` reads standard input).
        file: String,
        /// The bank's id, e.g. icbc.
        #[arg(long)]
        bank: String,
    },
    /// Print the on-task baseline scenario for all banks, every field present, to edit.
    Template {
        /// The scheme's year.
        #[arg(long, default_value_t = 2024)]
        year: u16,
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
        /// composite>=C or above=BANK.
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
        #[arg(long, default_value = "1000")]
        draws: String,
        /// The seed: the same seed gives the same draws.
        #[arg(long, default_value = "1")]
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
}

/// What to assume about the other banks' figures that are not entered.
#[derive(Debug, Args)]
struct RivalArgs {
    /// Their annex loan lines not entered: on-task, or above:K (task + K% of the 2023 balance).
    #[arg(long, default_value = "on-task")]
    rivals_lines: String,
    /// Their other items without figures: zero, bar (the points for reaching the bar) or ours (our points).
    #[arg(long, default_value = "zero")]
    rivals_unentered: String,
}

impl RivalArgs {
    fn read(&self) -> Result<Rivals, Failure> {
        Ok(Rivals {
            lines: Rivals::parse_lines(&self.rivals_lines).map_err(input)?,
            unentered: Rivals::parse_unentered(&self.rivals_unentered).map_err(input)?,
        })
    }
}

fn input(error: kaoping_engine::Error) -> Failure {
    Failure::input(error.to_string())
}

/// An error a user can act on, and the exit status it gives.
struct Failure {
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
    match run(cli.command) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("kaoping: {}", failure.message);
            ExitCode::from(failure.status)
        }
    }
}

fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Score { file, table } => {
            let (scheme, scenario) = load(&file)?;
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
            let lever = Lever::parse(&lever).map_err(input)?;
            let goal = Goal::parse(&goal, scheme).map_err(input)?;
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
            let spread = kaoping_engine::parse_exact(&spread)
                .map_err(|_| Failure::input(format!("--spread: \"{spread}\" is not a number")))?;
            let draws: u32 =
                draws.parse().map_err(|_| Failure::input(format!("--draws: \"{draws}\" is not a whole number")))?;
            let seed: u64 =
                seed.parse().map_err(|_| Failure::input(format!("--seed: \"{seed}\" is not a whole number")))?;
            let spec = SimulationSpec::new(spread, draws, seed, entered_too).map_err(input)?;
            let summary = kaoping_engine::simulate(scheme, &scenario, &bank, rivals.read()?, spec)
                .ok_or_else(|| unknown_bank(scheme, &bank))?;
            Ok(if json { pretty(&summary.to_value(scheme)) } else { render_simulation(scheme, &summary) })
        }
        Command::Template { year } => {
            let scheme = Scheme::builtin(year).map_err(|e| Failure::input(e.to_string()))?;
            Ok(scheme.template().to_json_full() + "\n")
        }
    }
}

fn unknown_bank(scheme: &Scheme, bank: &str) -> Failure {
    let known = scheme.banks.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ");
    Failure::input(format!("--bank: \"{bank}\" is not a bank of the scheme (one of: {known})"))
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
    let scenario = Scenario::from_json(&text).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    let scheme = Scheme::builtin(scenario.year).map_err(|e| Failure::input(e.to_string()))?;
    Ok((scheme, scenario))
}

/// Columns a character takes in a terminal: two for CJK ideographs and full-width forms, else one.
fn columns(c: char) -> usize {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' => 2,
        _ => 1,
    }
}

/// Pads text on the right to a display width.
fn pad(text: &str, width: usize) -> String {
    let shown: usize = text.chars().map(columns).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// Pads text on the left to a display width.
fn pad_left(text: &str, width: usize) -> String {
    let shown: usize = text.chars().map(columns).sum();
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
        "\n全市平均：贷款增速 {}，普惠小微增速 {}，制造业增速 {}，养老产业增速 {}，新增科技型企业贷款 {}\n",
        show(&city.loan_growth_pct, "%"),
        show(&city.inclusive_growth_pct, "%"),
        show(&city.manufacturing_growth_pct, "%"),
        show(&city.pension_growth_pct, "%"),
        show(&city.tech_new_loans_avg, " 亿元"),
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
    let mut out = format!("{}（{}）\n", info.map_or("", |b| b.full_name.as_str()), bank.id);
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
    if let Some(line) = next_band_answer(scheme, scenario, &bank.id).and_then(|a| a.zh()) {
        out.push_str(&format!("目标测算：{line}\n"));
    }
    for warning in &bank.warnings {
        out.push_str(&format!("注意：{}\n", warning.zh()));
    }
    if !bank.missing.is_empty() {
        let names: Vec<&str> = bank.missing.iter().map(|f| f.label()).collect();
        out.push_str(&format!("未填写（按 0 分计）：{}\n", names.join("、")));
    }
    out
}
