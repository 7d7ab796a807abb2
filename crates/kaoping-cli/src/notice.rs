//! `kaoping notice FILE [--json] [--date YYYY-MM-DD]`: the published 名单 of a scenario's result (通报),
//! as the engine's [`kaoping_engine::notice`] words it.

use clap::Args;
use kaoping_engine::{evaluate, Date};

use crate::{load, pretty, Failure};

/// The arguments of `kaoping notice`.
#[derive(Debug, Args)]
pub(crate) struct NoticeArgs {
    /// The scenario file (`-` reads standard input).
    file: String,
    /// The date the list carries (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Print kaoping-notice/1 JSON instead of the text.
    #[arg(long)]
    json: bool,
}

/// The notice as text, or as `kaoping-notice/1` JSON.
pub(crate) fn run(args: NoticeArgs) -> Result<String, Failure> {
    let (scheme, scenario) = load(&args.file)?;
    let date = match &args.date {
        Some(text) => Date::parse(text).map_err(|e| Failure::input(format!("--date: \"{text}\" {e}")))?,
        None => today(),
    };
    let evaluation = evaluate(scheme, &scenario);
    let notice = kaoping_engine::notice(scheme, &scenario, &evaluation, date);
    Ok(if args.json { pretty(&notice.to_value()) } else { notice.text() })
}

/// Today's date by the system clock (UTC).
pub(crate) fn today() -> Date {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    Date::from_days_since_epoch(days).or_else(|| Date::from_days_since_epoch(0)).expect("1970-01-01 is a date")
}
