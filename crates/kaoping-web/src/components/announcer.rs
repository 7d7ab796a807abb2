//! What a screen reader hears when the results change: one sentence (total, rank, band) in a polite
//! live region, once typing has paused, so that a user who cannot see the summary still learns what
//! each figure did without being interrupted at every keystroke.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use kaoping_engine::{BankInput, Evaluation, Scheme, Unit};
use yew::prelude::*;

use crate::format::{maybe_fixed2, NOT_APPLICABLE};
use crate::hooks::use_scenario;

/// How long typing must pause before the results are announced.
pub const PAUSE_MS: u32 = 600;

/// The results of one bank in one sentence: `农发行：总分 86.78 分，第 1 名，贡献突出单位。`
pub fn sentence(scheme: &Scheme, evaluation: &Evaluation, bank: &str) -> Option<String> {
    let result = evaluation.bank(bank)?;
    let name = scheme.banks.get(result.index).map_or(bank, |b| b.short_name.as_str());
    Some(match result.rank {
        Some(rank) => format!(
            "{name}：总分 {} {}，第 {rank} 名，{}。",
            maybe_fixed2(result.total),
            Unit::Fen.symbol(),
            result.band.label()
        ),
        None => format!("{name}：{}，排名{NOT_APPLICABLE}。", result.band.label()),
    })
}

/// The bank whose figures changed between two versions of the scenario's banks, if exactly one did
/// (a keystroke); a change of settings or a whole new scenario names none.
fn changed_bank(before: &[BankInput], after: &[BankInput]) -> Option<String> {
    let differs = |bank: &BankInput| before.iter().find(|b| b.id == bank.id) != Some(bank);
    let mut changed = after.iter().filter(|b| differs(b)).map(|b| b.id.clone());
    let first = changed.next();
    if changed.next().is_some() {
        return None;
    }
    // A bank that was listed and is no longer (never happens on a keystroke) is not guessed at.
    first
}

/// A visually hidden live region; it says nothing at start, only after a change.
#[component]
pub fn Announcer() -> Html {
    let scenario = use_scenario();
    let message = use_state(String::new);
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let previous: Rc<RefCell<Option<Vec<BankInput>>>> = use_mut_ref(|| None);
    {
        let (scenario, message) = (scenario.clone(), message.clone());
        use_effect_with(scenario.revision, move |_| {
            let banks = scenario.scenario.banks.clone();
            if let Some(before) = previous.replace(Some(banks.clone())) {
                let bank = changed_bank(&before, &banks).unwrap_or_else(|| scenario.bank.clone());
                if let Some(text) = sentence(scenario.scheme, &scenario.evaluation, &bank) {
                    // A new keystroke replaces the pending announcement (dropping a Timeout cancels it).
                    *pending.borrow_mut() = Some(Timeout::new(PAUSE_MS, move || message.set(text)));
                }
            }
        });
    }
    html! {
        <div class="sr-only" id="announcer" role="status" aria-live="polite" aria-atomic="true">
            { (*message).clone() }
        </div>
    }
}
