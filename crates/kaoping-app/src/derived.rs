//! What the page shows that follows from the document, worked out once per change of the document:
//! before drawing, the evaluation, each bank's doubts (only for the banks whose figures changed), the
//! doubts about the settings and city figures, the readings not at their default; the public funds of
//! 四(四) placed among the banks the first time a view asks for them while drawing (本行测算's summary
//! and 资金存放 do, 全市总览 does not: a quarter of a keystroke's engine time there), then kept.

use std::cell::OnceCell;
use std::rc::Rc;

use kaoping_engine::{
    doubts, evaluate, non_default, setting_doubts, BankInput, Doubt, Evaluation, Placement, Scenario, Scheme,
    SettingDoubt,
};

/// What follows from one revision of the document.
#[derive(Debug, Clone)]
pub struct Derived {
    /// The document revision these are for.
    pub revision: u64,
    /// The engine's evaluation of the scenario.
    pub evaluation: Rc<Evaluation>,
    /// The engine's doubts about each bank's typed figures, in annex order. A bank whose figures did
    /// not change keeps the very same list, so what shows it is not drawn again.
    pub doubts: Rc<Vec<Rc<Vec<Doubt>>>>,
    /// The readings in force that are not the default, worded by the engine (for the badge).
    pub non_default: Rc<Vec<String>>,
    /// The engine's doubts about the settings and the city figures typed in.
    pub setting_doubts: Rc<Vec<SettingDoubt>>,
    /// Every public fund placed by its department's composite (四(四)), from `evaluation`, once asked
    /// for ([`Derived::placement`]).
    placement: OnceCell<Rc<Placement>>,
    /// The scenario they were worked out from (to tell which banks changed next time).
    from: Rc<Scenario>,
}

/// Two are the same when they hold the very same parts: each part is only ever replaced by one worked
/// out again, so comparing the pointers is enough and a keystroke never compares two evaluations.
impl PartialEq for Derived {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && Rc::ptr_eq(&self.evaluation, &other.evaluation)
            && Rc::ptr_eq(&self.doubts, &other.doubts)
            && Rc::ptr_eq(&self.non_default, &other.non_default)
            && Rc::ptr_eq(&self.setting_doubts, &other.setting_doubts)
    }
}

impl Eq for Derived {}

impl Derived {
    /// Works everything out for `scenario`.
    pub fn new(scheme: &Scheme, scenario: &Rc<Scenario>, revision: u64) -> Derived {
        let doubts = scheme.banks.iter().map(|bank| Rc::new(doubts_of(scheme, scenario, &bank.id))).collect();
        let evaluation = evaluate(scheme, scenario);
        Derived {
            revision,
            placement: OnceCell::new(),
            evaluation: Rc::new(evaluation),
            doubts: Rc::new(doubts),
            non_default: Rc::new(non_default(scheme, &scenario.settings)),
            setting_doubts: Rc::new(setting_doubts(scheme, scenario)),
            from: scenario.clone(),
        }
    }

    /// Works out what changed since `self` for `scenario`: the evaluation always (a figure of one bank
    /// moves every rank), the doubts only of the banks whose figures changed, the readings only when
    /// the settings changed.
    pub fn next(&self, scheme: &Scheme, scenario: &Rc<Scenario>, revision: u64) -> Derived {
        if Rc::ptr_eq(scenario, &self.from) {
            return Derived { revision, ..self.clone() };
        }
        let mut changed = false;
        let doubts: Vec<Rc<Vec<Doubt>>> = scheme
            .banks
            .iter()
            .zip(self.doubts.iter())
            .map(|(bank, old)| {
                if scenario.bank(&bank.id) == self.from.bank(&bank.id) {
                    old.clone()
                } else {
                    changed = true;
                    Rc::new(doubts_of(scheme, scenario, &bank.id))
                }
            })
            .collect();
        let settings_same = scenario.settings == self.from.settings;
        let non_default =
            if settings_same { self.non_default.clone() } else { Rc::new(non_default(scheme, &scenario.settings)) };
        let setting_doubts = if settings_same && scenario.city == self.from.city {
            self.setting_doubts.clone()
        } else {
            Rc::new(setting_doubts(scheme, scenario))
        };
        let evaluation = evaluate(scheme, scenario);
        Derived {
            revision,
            placement: OnceCell::new(),
            evaluation: Rc::new(evaluation),
            doubts: if changed { Rc::new(doubts) } else { self.doubts.clone() },
            non_default,
            setting_doubts,
            from: scenario.clone(),
        }
    }

    /// Every public fund placed by its department's composite (四(四)): worked out from the
    /// evaluation the first time it is asked for, then the very same value.
    pub fn placement(&self, scheme: &Scheme) -> Rc<Placement> {
        self.placement.get_or_init(|| Rc::new(self.evaluation.placement(scheme))).clone()
    }

    /// The doubts about one bank's figures (empty for a bank not in the scheme).
    pub fn doubts_of(&self, scheme: &Scheme, bank: &str) -> Rc<Vec<Doubt>> {
        scheme.bank_index(bank).and_then(|i| self.doubts.get(i)).cloned().unwrap_or_default()
    }
}

fn doubts_of(scheme: &Scheme, scenario: &Scenario, bank: &str) -> Vec<Doubt> {
    match scenario.bank(bank) {
        Some(input) => doubts(scheme, input),
        None => doubts(scheme, &BankInput::new(bank)),
    }
}
