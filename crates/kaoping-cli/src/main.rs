//! `kaoping`: the scoring engine on the command line.
//!
//! ```text
//! kaoping score FILE            result JSON (kaoping-result/1) on stdout; FILE may be - for stdin
//! kaoping score --table FILE    the same as a table: rank, bank, total, band, composite, share
//! kaoping explain FILE --bank icbc
//! kaoping template              the on-task baseline of all 16 banks, every field present
//! ```
//! Bad input exits with status 2 and one line naming the place and the problem.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kaoping_engine::{evaluate, format_fixed2, next_band_answer, Evaluation, Scenario, Scheme};

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
    let cli = Cli::parse();
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
            let known = scheme.banks.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ");
            let result = evaluation.bank(&bank).ok_or_else(|| {
                Failure::input(format!("--bank: \"{bank}\" is not a bank of the scheme (one of: {known})"))
            })?;
            Ok(render_explanation(scheme, &scenario, &evaluation, result))
        }
        Command::Template { year } => {
            let scheme = Scheme::builtin(year).map_err(|e| Failure::input(e.to_string()))?;
            Ok(scheme.template().to_json_full() + "\n")
        }
    }
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
