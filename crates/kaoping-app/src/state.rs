//! The page's whole state, in parts that change apart: the document, the boxes' drafts, the view
//! state, what follows from the document, and 目标测算. Each part is shared (`Rc`), so a change to one
//! leaves the others as the very same values and what shows them is not drawn again.

use std::rc::Rc;

use kaoping_engine::{next_band_answer, Scheme};

use crate::copy::WorkingCopy;
use crate::derived::Derived;
use crate::document::Document;
use crate::drafts::Drafts;
use crate::field::FieldId;
use crate::read::ReadBack;
use crate::scheme::SchemeSummary;
use crate::target::Target;
use crate::view::{Notice, Saved, Tab, View};

/// What the summary says of the next band before the first answer is worked out (when the page
/// first settles, a moment after the first total is drawn).
pub const NEXT_BAND_PENDING: &str = "正在测算升入上一档所需的贷款余额……";

/// The page's state.
#[derive(Debug, Clone)]
pub struct App {
    /// The scheme in force (banks, annexes, rules): the built-in one or the file adopted.
    pub scheme: &'static Scheme,
    /// The scheme in force in words, for 规则与设置 › 考评方案 and the page's heading.
    pub in_force: Rc<SchemeSummary>,
    /// The scenario worked on and what identifies it.
    pub document: Rc<Document>,
    /// What the user typed into the boxes.
    pub drafts: Rc<Drafts>,
    /// What the page shows apart from the document.
    pub view: Rc<View>,
    /// What follows from the document, worked out once per change.
    pub derived: Rc<Derived>,
    /// What waits until typing settles: the next band and the screen reader's sentence.
    pub settled: Rc<Settled>,
    /// 目标测算.
    pub target: Rc<Target>,
    /// Bumped whenever something that waits for typing to settle changes; the page dispatches
    /// `Action::Settle(settle_due)` once it has stayed the same for a moment.
    pub settle_due: u64,
    /// The document generation the drafts belong to.
    pub(crate) drafts_generation: u64,
}

impl PartialEq for App {
    fn eq(&self, other: &Self) -> bool {
        // The scheme is chosen when the page starts and never changes: the same address is the same
        // scheme (and the same summary).
        std::ptr::eq(self.scheme, other.scheme)
            && self.document == other.document
            && self.drafts == other.drafts
            && self.view == other.view
            && self.derived == other.derived
            && self.settled == other.settled
            && self.target == other.target
            && self.settle_due == other.settle_due
            && self.drafts_generation == other.drafts_generation
    }
}

impl Eq for App {}

/// What is worked out once typing settles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    /// The loan balance that reaches the next band, in the engine's words, for (revision, bank); `None`
    /// inside when there is nothing to say (top band, not ranked).
    pub next_band: Option<(u64, String, Option<String>)>,
    /// What a screen reader hears: one sentence for the bank whose figures changed (total, rank, band),
    /// with a counter so that the same sentence twice is still a new announcement.
    pub announcement: Option<(u64, String)>,
    /// The document revision last announced, and its scenario (to tell which bank changed next time).
    pub(crate) announced: u64,
    pub(crate) announced_from: Option<Rc<kaoping_engine::Scenario>>,
}

/// What a tab starts with, found in the browser by the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// This tab's working copy (its own after a reload, or one taken over), if any.
    pub copy: Option<WorkingCopy>,
    /// The saved scenarios.
    pub library: Vec<Saved>,
    /// The bank last shown.
    pub bank: Option<String>,
    /// What to tell the user (a copy taken over, something left out when reading it back).
    pub notice: Option<Notice>,
    /// What this browser remembers unrecognised headings to be (`store::headings`).
    pub headings: Vec<(String, kaoping_sheets::MapTo)>,
}

impl App {
    /// The state a tab starts with. `load` reads a saved scenario by name (`None` when there is none
    /// of that name), so that the copy can be compared with what is saved under its name.
    pub fn start(
        scheme: &'static Scheme,
        start: Start,
        load: impl Fn(&str) -> Option<Result<ReadBack, String>>,
    ) -> App {
        let Start { copy, library, bank, notice, headings } = start;
        let library = Rc::new(library);
        let mut notices: Vec<Notice> = notice.into_iter().collect();
        let (scenario, name, base, modified) = match copy {
            Some(copy) => (copy.scenario, copy.name, copy.base, copy.modified),
            None => (scheme.baseline(), None, None, false),
        };
        let mut document = Document::unnamed(scheme, &scenario);
        if let Some(name) = name {
            // The name it was saved under may since have been renamed (the stamp moved with it) or
            // deleted by another tab.
            let found = if library.iter().any(|s| s.name == name) {
                Some(name.clone())
            } else {
                base.as_deref().and_then(|stamp| unique_with_stamp(&library, stamp))
            };
            match found.map(|found| (load(&found), found)) {
                Some((Some(Ok(saved)), found)) => {
                    let stamp = library.iter().find(|s| s.name == found).and_then(|s| s.stamp.clone());
                    document = document.named(scheme, found.clone(), base.clone(), &saved.scenario);
                    if stamp.is_some() && stamp != base {
                        // Saved again elsewhere since this copy was written.
                        let stamp = stamp.unwrap_or_default();
                        let mut doc = document.clone();
                        if let Some(Some(told)) =
                            saved_elsewhere(scheme, &mut doc, &found, &stamp, &saved.scenario, modified)
                        {
                            notices.push(told);
                        }
                        document = doc;
                    }
                }
                Some((Some(Err(message)), _)) => {
                    notices.push(Notice::error(format!("{message} 页面上的数字仍然保留，现在是未命名测算。")));
                }
                Some((None, _)) | None => notices.push(Notice::warning(format!(
                    "“{name}”已不在已保存的测算中（可能已在另一个窗口删除）。页面上的数字仍然保留，现在是未命名测算。"
                ))),
            }
        }
        let bank = bank
            .filter(|id| scheme.bank_index(id).is_some())
            .or_else(|| scheme.banks.first().map(|b| b.id.clone()))
            .unwrap_or_default();
        let view = View {
            tab: Tab::Bank,
            bank,
            notice: notices.pop(),
            prompt: None,
            sheet: None,
            reading: None,
            reads: 0,
            remembered: Rc::new(headings),
            stash_error: None,
            library,
            link_shown: None,
            rank_shift: None,
            compare: crate::compare::Compare::default(),
            published: None,
            scheme_file: None,
        };
        let derived = Derived::new(scheme, &document.scenario, document.revision);
        let mut app = App {
            scheme,
            in_force: Rc::new(SchemeSummary::of(scheme)),
            derived: Rc::new(derived),
            document: Rc::new(document),
            drafts: Rc::new(Drafts::default()),
            view: Rc::new(view),
            settled: Rc::new(Settled::default()),
            target: Rc::new(Target::new()),
            settle_due: 0,
            drafts_generation: 0,
        };
        // Nothing is announced at start. The next band is worked out when the page first settles
        // (`Action::Settle`, a moment after it starts): the solver would hold up the first total on a
        // slow desk (issue 20), and until then the summary says it is on its way.
        let settled = Rc::make_mut(&mut app.settled);
        settled.announced = app.document.revision;
        settled.announced_from = Some(app.document.scenario.clone());
        app
    }

    /// What a box shows: the user's own text if they typed, else the figure the scenario holds.
    pub fn text(&self, id: &FieldId) -> String {
        self.drafts.text(id, &self.document.scenario)
    }

    /// Why a box's text is refused, if it is.
    pub fn error(&self, id: &FieldId) -> Option<&str> {
        self.drafts.error(id)
    }

    /// The boxes whose text is refused, named in the page's words: the figure's label, with the bank's
    /// short name when it is not the bank shown.
    pub fn refused_labels(&self) -> Vec<String> {
        self.drafts
            .refused()
            .map(|(id, _)| match id {
                FieldId::Bank(bank, field) if *bank == self.view.bank => field.label().to_owned(),
                FieldId::Bank(bank, field) => {
                    format!("{}·{}", self.bank_name(bank), field.label())
                }
                FieldId::Fund(bank, figure, fund) => {
                    format!("{}·{}·{}", self.bank_name(bank), self.fund_short(fund), figure.every().label())
                }
                FieldId::FundAmount(fund) => format!("{}·{}", self.fund_short(fund), id.label()),
                other => other.label().to_owned(),
            })
            .collect()
    }

    /// A bank's short name (`工商银行`), or its id when the scheme has no such bank.
    pub(crate) fn bank_name<'a>(&self, id: &'a str) -> &'a str {
        self.scheme.bank_index(id).and_then(|i| self.scheme.banks.get(i)).map_or(id, |b| b.short_name.as_str())
    }

    /// A public fund's short name (`财政专户`), or its id when the scheme has no such fund.
    fn fund_short<'a>(&'a self, fund: &'a str) -> &'a str {
        let funds = &self.scheme.rules.outcomes.funds;
        funds.iter().find(|f| f.id == fund).map_or(fund, |f| f.short.as_str())
    }

    /// The next band's sentence for the bank shown, and whether it is for an older revision (shown
    /// dimmed until typing settles); until one is worked out for this bank, [`NEXT_BAND_PENDING`]:
    /// another bank's sentence names its figures and rank, not this bank's.
    pub fn next_band(&self) -> (Option<&str>, bool) {
        match &self.settled.next_band {
            Some((revision, bank, text)) if *bank == self.view.bank => {
                (text.as_deref(), *revision != self.document.revision)
            }
            _ => (Some(NEXT_BAND_PENDING), true),
        }
    }

    pub(crate) fn work_out_next_band(&mut self) {
        let key = (self.document.revision, self.view.bank.clone());
        if self.settled.next_band.as_ref().is_some_and(|(r, b, _)| (*r, b.clone()) == key) {
            return;
        }
        let text = next_band_answer(self.scheme, &self.document.scenario, &key.1).and_then(|a| a.zh());
        Rc::make_mut(&mut self.settled).next_band = Some((key.0, key.1, text));
    }
}

/// The one saved name whose stamp is `stamp` (a rename keeps the stamp).
pub(crate) fn unique_with_stamp(library: &[Saved], stamp: &str) -> Option<String> {
    let mut found = library.iter().filter(|s| s.stamp.as_deref() == Some(stamp));
    match (found.next(), found.next()) {
        (Some(saved), None) => Some(saved.name.clone()),
        _ => None,
    }
}

/// Another tab saved the document's scenario again (`stamp`, with `saved` figures). `had_changes`
/// says whether the working copy had unsaved changes against the version it started from.
///
/// Without changes, the working copy follows the saved figures (as an editor reloads a file changed on
/// disk); with changes, they are kept and the user is told, and a later save here asks before
/// overwriting. Returns `None` when it was seen already or does not concern the document, else what to
/// tell (nothing when the other tab saved the very figures shown here).
pub(crate) fn saved_elsewhere(
    scheme: &Scheme,
    document: &mut Document,
    name: &str,
    stamp: &str,
    saved: &kaoping_engine::Scenario,
    had_changes: bool,
) -> Option<Option<Notice>> {
    let seen = |s: &Option<String>| s.as_deref() == Some(stamp);
    if document.name.as_deref() != Some(name) || seen(&document.base) || seen(&document.seen_elsewhere) {
        return None;
    }
    if had_changes {
        document.compare_with(scheme, saved);
        if document.modified {
            document.seen_elsewhere = Some(stamp.to_owned());
            Some(Some(Notice::warning(format!(
                "另一个窗口保存了“{name}”的新版本。本页面上未保存的修改仍然保留；在这里保存时会先询问是否覆盖那个版本。"
            ))))
        } else {
            // The other tab saved the very figures shown here: this copy is saved too.
            document.base = Some(stamp.to_owned());
            document.seen_elsewhere = None;
            Some(None)
        }
    } else {
        document.open(scheme, name.to_owned(), Some(stamp.to_owned()), saved.clone());
        Some(Some(Notice::info(format!("另一个窗口保存了“{name}”，本页面已换成保存后的数字。"))))
    }
}
