//! The document: the scenario the page works on and what identifies it, as an editor keeps a file.
//!
//! The working copy is stashed in the browser after every change (so nothing typed is lost on a reload),
//! but it is *saved* under a name only when the user says so. [`Document::modified`] compares the
//! working copy with what is saved under its name (or with the baseline when it has none); both are
//! held in canonical form, so the comparison is the scenarios' equality and is right after a reload too.

use std::rc::Rc;

use kaoping_engine::{Scenario, Scheme};

use crate::read::{canonical, made_under};

/// The scenario being worked on and what it is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The figures, settings and city figures, in canonical form (banks in annex order, empty banks
    /// left out).
    pub scenario: Rc<Scenario>,
    /// The name it is saved under, if any.
    pub name: Option<String>,
    /// The saved-revision stamp of [`Document::name`] the working copy started from (opened or last
    /// saved here). A save that finds another stamp asks before overwriting.
    pub base: Option<String>,
    /// A stamp of [`Document::name`] saved by another tab and already told, so each is told once.
    pub seen_elsewhere: Option<String>,
    /// What the working copy is compared with: the saved scenario of that name, or the baseline.
    reference: Rc<Scenario>,
    /// Whether the working copy differs from [`Document`]'s reference.
    pub modified: bool,
    /// Bumped on every change to the scenario; what is worked out from it is keyed on it.
    pub revision: u64,
    /// Bumped when a whole scenario replaces the old one (open, import, reset, link, undo), which
    /// drops the boxes' drafts.
    pub generation: u64,
    /// When the scenario last read into the document was made under another scheme than the one in
    /// force: the notice saying so (cleared once it is saved, marked with the scheme in force).
    pub made_under: Option<String>,
}

impl Document {
    /// An unnamed document holding `scenario`, compared with the baseline.
    pub fn unnamed(scheme: &Scheme, scenario: &Scenario) -> Document {
        let made_under = made_under(scheme, scenario);
        let scenario = Rc::new(canonical(scheme, scenario));
        let reference = Rc::new(canonical(scheme, &scheme.baseline()));
        let modified = *scenario != *reference;
        Document {
            scenario,
            name: None,
            base: None,
            seen_elsewhere: None,
            reference,
            modified,
            revision: 0,
            generation: 0,
            made_under,
        }
    }

    /// The same document under `name`, opened at stamp `base`, compared with `saved` (what is saved
    /// under that name now).
    pub fn named(mut self, scheme: &Scheme, name: String, base: Option<String>, saved: &Scenario) -> Document {
        self.name = Some(name);
        self.base = base;
        self.seen_elsewhere = None;
        self.reference = Rc::new(canonical(scheme, saved));
        self.compare();
        self
    }

    /// What the working copy is compared with.
    pub fn reference(&self) -> &Scenario {
        &self.reference
    }

    fn compare(&mut self) {
        self.modified = *self.scenario != *self.reference;
    }

    /// An edit: the scenario changes, the name stays. Any edit but setting the 核实完成 mark takes the
    /// mark away (README: "any change removes the 核实完成 mark"): it vouches for the figures, settings
    /// and funds as they were when it was set, and the page edits nothing else of a scenario. Returns
    /// whether anything changed.
    pub fn edit(&mut self, scheme: &Scheme, scenario: Scenario) -> bool {
        let mut scenario = canonical(scheme, &scenario);
        if scenario == *self.scenario {
            return false;
        }
        if self.scenario.verification_complete {
            scenario.verification_complete = false;
        }
        self.scenario = Rc::new(scenario);
        self.revision = self.revision.wrapping_add(1);
        self.compare();
        true
    }

    /// A whole scenario replaces the working copy (an edit the boxes' drafts do not survive).
    pub fn replace(&mut self, scheme: &Scheme, scenario: Scenario) {
        self.made_under = made_under(scheme, &scenario);
        self.scenario = Rc::new(canonical(scheme, &scenario));
        self.revision = self.revision.wrapping_add(1);
        self.generation = self.generation.wrapping_add(1);
        self.compare();
    }

    /// A whole scenario replaces the working copy and becomes what it is compared with: it was just
    /// opened (or followed from another tab's save) under `name`.
    pub fn open(&mut self, scheme: &Scheme, name: String, base: Option<String>, scenario: Scenario) {
        self.reference = Rc::new(canonical(scheme, &scenario));
        self.replace(scheme, scenario);
        self.name = Some(name);
        self.base = base;
        self.seen_elsewhere = None;
    }

    /// The working copy is now saved as `name` with `stamp`.
    pub fn saved(&mut self, name: String, stamp: String) {
        self.name = Some(name);
        self.base = Some(stamp);
        self.seen_elsewhere = None;
        self.made_under = None;
        self.reference = self.scenario.clone();
        self.compare();
    }

    /// The working copy loses its name: its figures stay, now compared with the baseline.
    pub fn unname(&mut self, scheme: &Scheme) {
        self.name = None;
        self.base = None;
        self.seen_elsewhere = None;
        self.reference = Rc::new(canonical(scheme, &scheme.baseline()));
        self.compare();
    }

    /// What is saved under the name is now `saved` (another tab saved it and the working copy keeps its
    /// own changes): the comparison is made with it.
    pub fn compare_with(&mut self, scheme: &Scheme, saved: &Scenario) {
        self.reference = Rc::new(canonical(scheme, saved));
        self.compare();
    }
}
