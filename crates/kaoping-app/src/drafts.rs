//! What the user typed into the boxes: the text stays in its box, valid or not, while the last valid
//! figure keeps counting; a refused text carries the reader's message. Worked out once when typed, so
//! that drawing a box never reads its text again.

use std::rc::Rc;

use kaoping_engine::Scenario;

use crate::field::FieldId;

/// The text of one box and why it is refused, if it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The whole text of the box, as typed.
    pub text: String,
    /// Why the text is not used, in Chinese (the reader's own words); `None` when it counts.
    pub error: Option<String>,
}

/// Every box typed into since the scenario was loaded. Each draft is shared (`Rc`), so a box whose
/// draft did not change gets the very same value and is not drawn again.
///
/// Kept in a list ordered by box, not a `BTreeMap` (a copy of its code for this one map, in the
/// page's first load); a user types into tens of boxes, not thousands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drafts {
    drafts: Vec<(FieldId, Rc<Draft>)>,
}

impl Drafts {
    /// The draft of a box, if it was typed into.
    pub fn get(&self, id: &FieldId) -> Option<&Rc<Draft>> {
        self.find(id).ok().map(|at| &self.drafts[at].1)
    }

    /// Where the box's draft is, or where it would go to keep the list in order.
    fn find(&self, id: &FieldId) -> Result<usize, usize> {
        self.drafts.binary_search_by(|(key, _)| key.cmp(id))
    }

    /// What the box shows: the user's own text if they typed, else the figure the scenario holds,
    /// written plainly (exact, no separators) so that editing it changes only what the user touches.
    pub fn text(&self, id: &FieldId, scenario: &Scenario) -> String {
        match self.get(id) {
            Some(draft) => draft.text.clone(),
            None => id.value(scenario).map(crate::format::plain).unwrap_or_default(),
        }
    }

    /// Why the box's text is not used, or `None`.
    pub fn error(&self, id: &FieldId) -> Option<&str> {
        self.get(id).and_then(|d| d.error.as_deref())
    }

    /// Keeps what was typed into a box.
    pub fn set(&mut self, id: FieldId, draft: Draft) {
        match self.find(&id) {
            Ok(at) if *self.drafts[at].1 == draft => {}
            Ok(at) => self.drafts[at].1 = Rc::new(draft),
            Err(at) => self.drafts.insert(at, (id, Rc::new(draft))),
        }
    }

    /// The boxes whose text is refused, in order.
    pub fn refused(&self) -> impl Iterator<Item = (&FieldId, &str)> {
        self.drafts.iter().filter_map(|(id, d)| d.error.as_deref().map(|e| (id, e)))
    }

    /// Whether no box is refused.
    pub fn all_valid(&self) -> bool {
        self.refused().next().is_none()
    }

    /// Forgets a box's draft: its figure was set from elsewhere (核实), and the box shows it.
    pub fn forget(&mut self, id: &FieldId) {
        if let Ok(at) = self.find(id) {
            self.drafts.remove(at);
        }
    }

    /// Forgets every draft (a whole scenario replaced the old one).
    pub fn clear(&mut self) {
        self.drafts.clear();
    }

    /// Whether no box was typed into.
    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }
}
