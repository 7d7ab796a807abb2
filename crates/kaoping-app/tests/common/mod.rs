//! The page's world without a browser: the reducer driven as the page drives it, with storage as a map
//! and every effect run as the page's hook runs it (the spreadsheet module's jobs run here directly,
//! downloads and copied links are kept for the test to read). `mod common;` in each test file.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use kaoping_app::action::Action;
use kaoping_app::effect::Effect;
use kaoping_app::field::FieldId;
use kaoping_app::store::{self, Shelf};
use kaoping_app::view::SheetImport;
use kaoping_app::{App, Start};
use kaoping_engine::{Field, Scenario, Scheme, Simulation};
use kaoping_sheets::job::{Job, Reply};

pub fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("the built-in scheme")
}

/// localStorage as a map; `full` makes every write fail as a full storage does.
#[derive(Debug, Default, Clone)]
pub struct MemShelf {
    pub map: Rc<RefCell<BTreeMap<String, String>>>,
    pub full: Rc<RefCell<bool>>,
}

impl Shelf for MemShelf {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, text: &str) -> Result<(), String> {
        if *self.full.borrow() {
            return Err("浏览器的本地存储空间已满".to_owned());
        }
        self.map.borrow_mut().insert(key.to_owned(), text.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

/// One tab of the page.
pub struct World {
    pub app: Rc<App>,
    pub shelf: MemShelf,
    pub id: String,
    /// Files offered for download: (name, bytes).
    pub downloads: Vec<(String, Vec<u8>)>,
    /// Fragments copied as share links.
    pub links: Vec<String>,
    /// Texts copied (通报).
    pub copied: Vec<String>,
    /// Spreadsheet files asked for.
    pub sheets: Vec<kaoping_app::SheetFile>,
    /// Files and blocks read by the spreadsheet module, in order.
    pub reads: Vec<kaoping_sheets::job::Job>,
    stamps: Rc<RefCell<u64>>,
    source: Option<store::Source>,
    /// The scheme in force (the built-in one, or the file adopted when the tab opened).
    pub scheme: &'static Scheme,
    /// The adopted file's text, which the page sends with every job (`None`: the built-in scheme).
    pub scheme_text: Option<String>,
    /// The page would start again now (a scheme was adopted): the test calls `reload`.
    pub restart_due: bool,
}

impl World {
    /// A first visit: empty storage.
    pub fn new() -> World {
        World::open(MemShelf::default(), "tab1", false)
    }

    /// A tab with `id` over `shelf`; `own` when it is a reload of that tab.
    pub fn open(shelf: MemShelf, id: &str, own: bool) -> World {
        // As the page chooses its scheme when it starts.
        let (scheme, scheme_text, told): (&'static Scheme, _, _) = match store::adopted_scheme(&shelf) {
            Ok(Some((scheme, text))) => (Box::leak(Box::new(scheme)), Some(text), None),
            Ok(None) => (scheme(), None, None),
            Err(told) => (scheme(), None, Some(told)),
        };
        let found = store::start(&shelf, scheme, id, own);
        let start = Start {
            copy: found.copy,
            library: store::library(&shelf),
            bank: store::bank(&shelf),
            notice: told.or(found.notice),
            headings: store::headings(&shelf),
        };
        let loader = shelf.clone();
        let app = Rc::new(App::start(scheme, start, move |name| store::load(&loader, scheme, name)));
        let mut world = World {
            app,
            shelf,
            id: id.to_owned(),
            downloads: Vec::new(),
            links: Vec::new(),
            copied: Vec::new(),
            sheets: Vec::new(),
            reads: Vec::new(),
            stamps: Rc::new(RefCell::new(0)),
            source: found.source,
            scheme,
            scheme_text,
            restart_due: false,
        };
        world.stash();
        world
    }

    /// Reloads the tab: it is left (released), then opens again with its own id.
    pub fn reload(self) -> World {
        store::release(&self.shelf, &self.id);
        let stamps = self.stamps.clone();
        let mut world = World::open(self.shelf, &self.id, true);
        world.stamps = stamps;
        world
    }

    /// Another tab over the same storage.
    pub fn another_tab(&self, id: &str) -> World {
        let mut world = World::open(self.shelf.clone(), id, false);
        world.stamps = self.stamps.clone();
        world
    }

    /// Dispatches an action as the page does: reduce, stash the working copy if it changed, run the
    /// effects (whose outcomes are dispatched in turn).
    pub fn send(&mut self, action: Action) {
        let before = self.app.document.clone();
        let (next, effects) = self.app.reduce(action);
        self.app = next;
        if !Rc::ptr_eq(&before, &self.app.document) {
            self.stash();
        }
        for effect in effects {
            self.run(effect);
        }
    }

    /// Sends `Settle` as the page does once typing pauses.
    pub fn settle(&mut self) {
        let due = self.app.settle_due;
        self.send(Action::Settle(due));
    }

    fn stash(&mut self) {
        let document = &self.app.document;
        let copy = kaoping_app::copy::WorkingCopy {
            name: document.name.clone(),
            base: document.base.clone(),
            modified: document.modified,
            scenario: (*document.scenario).clone(),
        };
        match store::stash(&self.shelf, &self.id, &copy) {
            Ok(()) => {
                if let Some(source) = self.source.take() {
                    store::forget(&self.shelf, &source);
                }
                if self.app.view.stash_error.is_some() {
                    self.send(Action::Stashed);
                }
            }
            Err(reason) => self.send(Action::StashFailed(reason)),
        }
    }

    fn run(&mut self, effect: Effect) {
        let stamps = self.stamps.clone();
        let new_stamp = move || {
            let mut n = stamps.borrow_mut();
            *n += 1;
            format!("s{n}")
        };
        if let Some(outcome) = store::perform(&self.shelf, self.scheme, &effect, new_stamp) {
            self.send(outcome);
            return;
        }
        match effect {
            Effect::Download { file_name, bytes, .. } => self.downloads.push((file_name, (*bytes).clone())),
            Effect::WriteSheet { file, .. } => self.sheets.push(file),
            Effect::ReadSheet { job, bytes, against, revision, read } => {
                self.reads.push(job.clone());
                let (reply, _) = job.run(self.scheme, &against, &bytes);
                match reply {
                    Reply::Imported(imported) => {
                        self.send(Action::Previewed(SheetImport::answered(*imported, job, bytes, revision, read)));
                    }
                    Reply::Failed(message) => self.send(Action::SheetFailed(read, message)),
                    Reply::File | Reply::Scheme(_) | Reply::Link(_) | Reply::Notice(_) => {}
                }
            }
            Effect::WriteRefused(refused) => {
                let job = kaoping_sheets::job::Job::Refused {
                    source: refused.source.clone(),
                    problems: refused.problems.clone(),
                };
                let (_, bytes) = job.run(self.scheme, &self.scenario(), &[]);
                self.downloads.push((refused.file_name(), bytes));
            }
            Effect::ReadScheme { file_name, bytes } => {
                let scenario = self.app.document.scenario.clone();
                let job = Job::Scheme { file_name };
                match job.run(self.scheme, &scenario, &bytes).0 {
                    Reply::Scheme(file) => self.send(Action::SchemeRead(*file)),
                    Reply::Failed(message) => self.send(Action::Told(kaoping_app::view::Notice::error(message))),
                    Reply::File | Reply::Imported(_) | Reply::Link(_) | Reply::Notice(_) => {}
                }
            }
            Effect::AdoptScheme { text, fingerprint } => {
                match store::adopt_scheme(&self.shelf, text.as_deref(), &fingerprint) {
                    Ok(()) => self.restart_due = true,
                    Err(reason) => self.send(Action::Told(kaoping_app::view::Notice::error(reason))),
                }
            }
            Effect::Notice { scenario, revision } => {
                let job = Job::Notice { date: "2025-01-20".to_owned() };
                let (reply, _) =
                    kaoping_sheets::job::run_message(&job.message_under(&scenario, self.scheme_text.as_deref()), &[]);
                let parts = match Reply::from_message_under(&reply, Some(self.scheme)) {
                    Reply::Notice(parts) => Ok(parts),
                    Reply::Failed(message) => Err(message),
                    other => panic!("not a notice: {other:?}"),
                };
                self.send(Action::Published(revision, parts));
            }
            Effect::CopyText(text) => self.copied.push(text),
            Effect::CopyLink { scenario, bank } => {
                // Through the messages, as the page and its worker exchange them.
                let job = Job::Link { bank };
                let (reply, _) =
                    kaoping_sheets::job::run_message(&job.message_under(&scenario, self.scheme_text.as_deref()), &[]);
                match Reply::from_message_under(&reply, Some(self.scheme)) {
                    Reply::Link(fragment) => self.links.push(fragment),
                    other => panic!("the spreadsheet module wrote no link: {other:?}"),
                }
            }
            Effect::Simulate { key, scenario, bank, rivals, spec } => {
                if let Some(mut simulation) = Simulation::new(self.scheme, &scenario, &bank, rivals, spec) {
                    while !simulation.run(50) {}
                    self.send(Action::Simulated(key, simulation.summary()));
                }
            }
            Effect::StopSimulation
            | Effect::Save { .. }
            | Effect::Rename { .. }
            | Effect::Copy { .. }
            | Effect::Delete { .. }
            | Effect::Load { .. }
            | Effect::LoadAll
            | Effect::RememberHeading { .. } => {}
        }
    }

    /// Types into one of a bank's boxes.
    pub fn type_in(&mut self, bank: &str, field: Field, text: &str) {
        self.send(Action::Edit(FieldId::Bank(bank.to_owned(), field), text.to_owned()));
    }

    /// Types 农发行's loan balance.
    pub fn loans(&mut self, text: &str) {
        self.type_in("adbc", Field::Loans, text);
    }

    /// What 农发行's loan balance box shows.
    pub fn loans_box(&self) -> String {
        self.app.text(&FieldId::Bank("adbc".to_owned(), Field::Loans))
    }

    /// The working copy's scenario.
    pub fn scenario(&self) -> Scenario {
        (*self.app.document.scenario).clone()
    }

    /// The notice's text, or empty.
    pub fn notice(&self) -> String {
        self.app.view.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default()
    }
}

/// A scenario with 农发行's loan balance set, as the page holds it.
pub fn with_loans(text: &str) -> Scenario {
    let mut world = World::new();
    world.loans(text);
    world.scenario()
}
