//! 对比: the working copy against a saved scenario or the baseline. The saved scenarios are read by an
//! effect when the page is shown (and again when the list changes); the comparison is the engine's
//! (`kaoping_engine::compare`), worked out here, never while drawing.

use std::rc::Rc;

use kaoping_engine::{compare, BankDetail, Comparison, Scenario, Scheme};

/// 对比's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compare {
    /// What the working copy can be compared with, in the order listed: (label, scenario); the saved
    /// scenarios, then the baseline.
    pub others: Rc<Vec<(String, Rc<Scenario>)>>,
    /// The one picked (an index into `others`).
    pub picked: usize,
    /// The bank whose moved items are shown, if one was picked.
    pub bank: Option<String>,
    /// The comparison and the picked bank's detail, for the document revision and pick they were
    /// worked out for.
    pub result: Option<Rc<CompareResult>>,
}

/// One comparison worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareResult {
    /// The document revision, the pick and the bank it is for.
    pub key: (u64, usize, Option<String>),
    /// Every bank side by side.
    pub comparison: Rc<Comparison>,
    /// The picked bank's figures and items that moved, with both workings.
    pub detail: Option<Rc<BankDetail>>,
}

impl Compare {
    /// The scenarios to compare with: the saved ones read, then the baseline.
    pub fn with_saved(&self, scheme: &Scheme, saved: Vec<(String, Scenario)>) -> Compare {
        let mut others: Vec<(String, Rc<Scenario>)> =
            saved.into_iter().map(|(name, scenario)| (format!("已保存：{name}"), Rc::new(scenario))).collect();
        others.push(("基准情景（各行按任务完成）".to_owned(), Rc::new(scheme.baseline())));
        let picked = self.picked.min(others.len().saturating_sub(1));
        Compare { others: Rc::new(others), picked, bank: self.bank.clone(), result: None }
    }

    /// Works the comparison out for the working copy at `revision`, unless it is already.
    pub fn work_out(&mut self, scheme: &Scheme, current: &Scenario, revision: u64) {
        let key = (revision, self.picked, self.bank.clone());
        if self.result.as_ref().is_some_and(|r| r.key == key) {
            return;
        }
        let Some((_, other)) = self.others.get(self.picked) else {
            self.result = None;
            return;
        };
        // The other scenario is the baseline, the working one what it became.
        let comparison = compare(scheme, other, current);
        let detail = self.bank.as_ref().and_then(|id| comparison.bank(scheme, other, current, id)).map(Rc::new);
        self.result = Some(Rc::new(CompareResult { key, comparison: Rc::new(comparison), detail }));
    }
}
