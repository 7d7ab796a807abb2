//! Reading scenarios back, and the page's promise that it never holds what it could not read back.
//!
//! Everything the page keeps or hands out — the tab's working copy, a saved scenario, an exported file, a
//! share link — is `kaoping-scenario/1`, read by the engine's own reader. [`read_back`] reads one of
//! the page's own texts, keeping what it can; [`fits`] says whether a scenario reads back strictly as
//! itself (what the property test asks of everything the page holds).

use kaoping_engine::{Error, Scenario, Scheme};

/// The scenario in the form the reader gives back: banks in annex order, banks with nothing entered
/// left out. The document always holds this form, so two documents with the same figures are equal.
///
/// The document is scored under the scheme in force, so it is held as made under it: under a scheme
/// file the user adopted it carries that scheme's mark (year and fingerprint, so whatever the page
/// writes names it); under the built-in scheme a scenario made under another takes the built-in year
/// and loses the other mark, and one of the built-in scheme is left as it is (unmarked, as before). One
/// holding figures of banks the scheme lacks keeps its own year and mark, so that they are kept.
/// What it was made under is told when it is read ([`made_under`]).
pub fn canonical(scheme: &Scheme, scenario: &Scenario) -> Scenario {
    let mut out = ordered(scheme, scenario.clone());
    if !out.banks_outside(scheme).is_empty() {
        // It holds figures of banks the scheme lacks (made under another year's list): kept as made, so
        // that they are read back and not lost; they are not scored.
        return out;
    }
    if !crate::scheme::is_builtin(scheme) {
        out.mark_scheme(scheme);
    } else if out.scheme_mismatch(scheme).is_some() {
        out.year = scheme.year;
        out.scheme = None;
    }
    out
}

/// Banks in annex order (those the scheme lacks last), banks with nothing entered left out.
fn ordered(scheme: &Scheme, mut out: Scenario) -> Scenario {
    out.banks.retain(|bank| !bank.is_empty());
    kaoping_engine::order::sort_by_key(&mut out.banks, |bank| scheme.bank_index(&bank.id).unwrap_or(usize::MAX));
    out
}

/// When `scenario` (as read, before [`canonical`]) was made under another scheme than `scheme`, the
/// notice in Chinese: which scheme it was made under, which it is now scored under, and the banks
/// whose figures are kept but not scored.
pub fn made_under(scheme: &Scheme, scenario: &Scenario) -> Option<String> {
    let mismatch = scenario.scheme_mismatch(scheme)?;
    let mut text = mismatch.zh();
    let outside = scenario.banks_outside(scheme);
    if !outside.is_empty() {
        text.push_str(&format!(
            "其中 {} 不在现行方案的考评对象名单内：其数字保留在测算中，但不计分。",
            outside.join("、")
        ));
    }
    Some(text)
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
pub fn fits(scheme: &Scheme, scenario: &Scenario) -> Result<(), String> {
    let back = Scenario::from_json_under(&scenario.to_json(), scheme).map_err(|e| refusal(&e))?;
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
/// payload) under the scheme in force with the engine's salvage: a value it would refuse is left out and named, with what counts
/// instead; the rest is kept. `Err` only when nothing can be read at all (not JSON, another format or
/// year: one made under another year's scheme is read if that scheme is built in or the file carries
/// the mark of a scheme file, so a year no scheme has, `1999`, is still refused).
pub fn read_back(text: &str, scheme: &Scheme) -> Result<ReadBack, Error> {
    let (scenario, dropped) = Scenario::salvage_under(text, scheme)?;
    if scenario.year != scheme.year && scenario.scheme.is_none() {
        Scheme::builtin(scenario.year)?;
    }
    Ok(kept(scheme, scenario, &dropped))
}

/// What the engine's salvage kept, banks in annex order, with each value left out as a Chinese
/// sentence. The scheme it was made under is kept, for the document to tell ([`made_under`]).
pub fn kept(scheme: &Scheme, scenario: Scenario, dropped: &[kaoping_engine::Dropped]) -> ReadBack {
    let scenario = ordered(scheme, scenario);
    ReadBack { scenario, dropped: dropped.iter().map(kaoping_engine::Dropped::zh).collect() }
}
