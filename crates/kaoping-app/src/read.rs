//! Reading scenarios back, and the page's promise that it never holds what it could not read back.
//!
//! Everything the page keeps or hands out — the tab's working copy, a saved scenario, an exported file, a
//! share link — is `kaoping-scenario/1`, read by the engine's own reader. [`read_back`] reads one of
//! the page's own texts, keeping what it can; [`fits`] says whether a scenario reads back strictly as
//! itself (what the property test asks of everything the page holds).

use kaoping_engine::{Error, Scenario, Scheme};

/// The scenario in the form the reader gives back: banks in annex order, banks with nothing entered
/// left out. The document always holds this form, so two documents with the same figures are equal.
pub fn canonical(scheme: &Scheme, scenario: &Scenario) -> Scenario {
    let mut out = scenario.clone();
    out.banks.retain(|bank| !bank.is_empty());
    kaoping_engine::order::sort_by_key(&mut out.banks, |bank| scheme.bank_index(&bank.id).unwrap_or(usize::MAX));
    out
}

/// The reader's message for a refusal, in Chinese, as a box shows it: for a figure, only what is wrong
/// with the value (`超出允许范围（0.00000001 至 100）`), since the box already says which figure it is.
pub fn refusal(error: &Error) -> String {
    match error {
        Error::Value { problem, .. } => problem.zh(),
        other => other.zh(),
    }
}

/// Whether `scenario` can be written and read back as itself; `Err` is the reader's message.
pub fn fits(scenario: &Scenario) -> Result<(), String> {
    let back = Scenario::from_json(&scenario.to_json()).map_err(|e| refusal(&e))?;
    let scheme = Scheme::builtin(scenario.year).map_err(|e| e.zh())?;
    if back == canonical(scheme, scenario) {
        Ok(())
    } else {
        Err("写出后无法原样读回（程序缺陷，请报告）".to_owned())
    }
}

/// A scenario read back from the page's own text, and what had to be left out of it (each a Chinese
/// sentence naming the value and what counts instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadBack {
    /// What was read, in canonical form.
    pub scenario: Scenario,
    /// What was dropped, and what counts instead.
    pub dropped: Vec<String>,
}

/// Reads one of the page's own texts (the working copy, a saved scenario, an exported file, a link's
/// payload) with the engine's salvage: a value it would refuse is left out and named, with what counts
/// instead; the rest is kept. `Err` only when nothing can be read at all (not JSON, another format or
/// year).
pub fn read_back(text: &str) -> Result<ReadBack, Error> {
    let (scenario, dropped) = Scenario::salvage(text)?;
    Ok(kept(scenario, &dropped))
}

/// What the engine's salvage kept, in canonical form, with each value left out as a Chinese sentence.
pub fn kept(scenario: Scenario, dropped: &[kaoping_engine::Dropped]) -> ReadBack {
    let scenario = match Scheme::builtin(scenario.year) {
        Ok(scheme) => canonical(scheme, &scenario),
        Err(_) => scenario,
    };
    ReadBack { scenario, dropped: dropped.iter().map(kaoping_engine::Dropped::zh).collect() }
}
