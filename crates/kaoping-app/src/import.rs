//! The import preview's rules (issue 15): reading a workbook, CSV file or pasted block through the
//! spreadsheet module, asking what the headings it could not place are (and remembering the answers
//! in this browser), reading again with them, and applying — all or nothing, or, as the user's
//! explicit choice, the rest without the refused cells, whose list can be downloaded.
//!
//! A read is numbered ([`View::reading`]): only the answer to the read asked last is shown, so an
//! answer that comes after the preview was closed, or after the user placed another heading, is
//! dropped. While a re-read is under way the preview shows the last answer and nothing can be
//! applied from it.
//!
//! Remembered headings are applied in a second read: the first read says which headings it could not
//! place; those this browser remembers are then sent with the next read, and the preview shows which
//! were placed from memory (with 忘记 beside them). A file whose headings are all known is read once.
//!
//! [`View::reading`]: crate::view::View::reading

use std::rc::Rc;

use kaoping_sheets::job::{Job, Mapping};
use kaoping_sheets::MapTo;

use crate::effect::Effect;
use crate::state::App;
use crate::view::{Heading, Notice, Pending, Reading, Refused, SheetImport};

impl App {
    /// A first read of a file or a pasted block: any preview shown goes, and no heading is placed yet
    /// beyond what `job` says.
    /// 汇总申报表: the files read as declarations and gathered into the working copy (their bytes one
    /// after another), previewed and applied like an import.
    pub(crate) fn collect(&mut self, files: &[(String, Rc<Vec<u8>>)], fx: &mut Vec<Effect>) {
        if files.is_empty() {
            return;
        }
        let mut bytes = Vec::new();
        for (_, file) in files {
            bytes.extend_from_slice(file);
        }
        let files = files.iter().map(|(name, b)| (name.clone(), b.len())).collect();
        self.read_sheet(Job::Collect { files, resolutions: Vec::new() }, Rc::new(bytes), fx);
    }

    pub(crate) fn read_sheet(&mut self, job: Job, bytes: Rc<Vec<u8>>, fx: &mut Vec<Effect>) {
        Rc::make_mut(&mut self.view).sheet = None;
        self.ask_read(job, bytes, Vec::new(), fx);
    }

    /// Asks the spreadsheet module to read `job` (with `headings` placed) against the working copy.
    fn ask_read(&mut self, job: Job, bytes: Rc<Vec<u8>>, headings: Vec<Heading>, fx: &mut Vec<Effect>) {
        let job = with_mapping(job, &headings);
        let view = Rc::make_mut(&mut self.view);
        view.reads = view.reads.wrapping_add(1);
        let read = view.reads;
        view.reading = Some(Reading { read, headings: Rc::new(headings) });
        fx.push(Effect::ReadSheet {
            job,
            bytes,
            against: self.document.scenario.clone(),
            revision: self.document.revision,
            read,
        });
    }

    /// The spreadsheet module answered: the headings it could not place join those asked about; if
    /// this browser remembers any of them, the file is read again with those placed, else the
    /// preview shows the answer.
    pub(crate) fn previewed(&mut self, mut sheet: SheetImport, fx: &mut Vec<Effect>) {
        let Some(reading) = self.view.reading.as_ref().filter(|r| r.read == sheet.read) else { return };
        let mut headings = (*reading.headings).clone();
        for unplaced in &sheet.preview.unplaced {
            match headings.iter_mut().find(|h| same_heading(&h.heading, &unplaced.heading)) {
                Some(known) => known.place.clone_from(&unplaced.place),
                None => headings.push(Heading {
                    heading: unplaced.heading.clone(),
                    place: unplaced.place.clone(),
                    to: None,
                    remembered: false,
                }),
            }
        }
        let mut from_memory = false;
        for heading in headings.iter_mut().filter(|h| h.to.is_none()) {
            if let Some(to) = self.remembered(&heading.heading) {
                heading.to = Some(to);
                heading.remembered = true;
                from_memory = true;
            }
        }
        if from_memory {
            self.ask_read(sheet.job, sheet.bytes, headings, fx);
            return;
        }
        sheet.headings = Rc::new(headings);
        let view = Rc::make_mut(&mut self.view);
        view.reading = None;
        view.sheet = Some(sheet);
    }

    /// The read could not be done at all (the module did not load or failed): the preview goes and
    /// nothing changes.
    pub(crate) fn sheet_failed(&mut self, read: u64, message: &str) {
        if self.view.reading.as_ref().is_none_or(|r| r.read != read) {
            return;
        }
        let view = Rc::make_mut(&mut self.view);
        view.reading = None;
        view.sheet = None;
        self.tell(Notice::error(format!("{message} 当前测算未作任何改变。")));
    }

    /// 汇总: the user picked the file that counts for a bank in conflict; the files are gathered again
    /// with that choice (and the earlier ones), and the preview shows what follows.
    pub(crate) fn pick_declaration(&mut self, choice: kaoping_engine::Resolution, fx: &mut Vec<Effect>) {
        let Some(sheet) = self.view.sheet.as_ref() else { return };
        let Job::Collect { files, resolutions } = &sheet.job else { return };
        let mut resolutions: Vec<_> = resolutions.iter().filter(|r| r.bank != choice.bank).cloned().collect();
        resolutions.push(choice);
        let (job, bytes) = (Job::Collect { files: files.clone(), resolutions }, sheet.bytes.clone());
        let headings = (*sheet.headings).clone();
        self.ask_read(job, bytes, headings, fx);
    }

    /// The user said what a heading is (or took it back): remembered in this browser, and the file
    /// or block read again with every heading placed so far.
    pub(crate) fn map_heading(&mut self, heading: String, to: Option<MapTo>, fx: &mut Vec<Effect>) {
        let Some(sheet) = self.view.sheet.as_ref() else { return };
        let asked = self.view.reading.as_ref().map_or(&sheet.headings, |r| &r.headings);
        let mut headings = (**asked).clone();
        let Some(placed) = headings.iter_mut().find(|h| h.heading == heading) else { return };
        if placed.to == to {
            return;
        }
        placed.to = to;
        placed.remembered = false;
        let (job, bytes) = (sheet.job.clone(), sheet.bytes.clone());
        fx.push(Effect::RememberHeading { heading, to });
        self.ask_read(job, bytes, headings, fx);
    }

    /// 忘记: this browser no longer places the heading by itself; this import keeps the choice.
    pub(crate) fn forget_heading(&mut self, heading: String, fx: &mut Vec<Effect>) {
        if self.remembered(&heading).is_some() {
            fx.push(Effect::RememberHeading { heading, to: None });
        }
    }

    /// The mirror of the remembered headings changed (a write here or in another tab): the preview's
    /// marks follow it.
    pub(crate) fn headings_remembered(&mut self, list: Vec<(String, MapTo)>) {
        if *self.view.remembered != list {
            Rc::make_mut(&mut self.view).remembered = Rc::new(list);
        }
        let mark = |app: &App, headings: &Rc<Vec<Heading>>| -> Option<Rc<Vec<Heading>>> {
            let marked: Vec<Heading> = headings
                .iter()
                .map(|h| Heading { remembered: h.to.is_some() && app.remembered(&h.heading) == h.to, ..h.clone() })
                .collect();
            (marked != **headings).then(|| Rc::new(marked))
        };
        if let Some(marked) = self.view.sheet.as_ref().and_then(|s| mark(self, &s.headings)) {
            if let Some(sheet) = Rc::make_mut(&mut self.view).sheet.as_mut() {
                sheet.headings = marked;
            }
        }
        if let Some(marked) = self.view.reading.as_ref().and_then(|r| mark(self, &r.headings)) {
            if let Some(reading) = Rc::make_mut(&mut self.view).reading.as_mut() {
                reading.headings = marked;
            }
        }
    }

    /// What this browser remembers `heading` to be (compared as the reader compares headings).
    pub fn remembered(&self, heading: &str) -> Option<MapTo> {
        self.view.remembered.iter().rev().find(|(h, _)| same_heading(h, heading)).map(|(_, to)| *to)
    }

    /// Closes the preview; an answer still to come is dropped.
    pub(crate) fn close_preview(&mut self) {
        if self.view.sheet.is_some() || self.view.reading.is_some() {
            let view = Rc::make_mut(&mut self.view);
            view.sheet = None;
            view.reading = None;
        }
    }

    /// The preview to apply: not while it is being read again, and only over the working copy it was
    /// read against (applying over anything else would undo what was typed since).
    fn take_preview(&mut self) -> Option<SheetImport> {
        if self.view.reading.is_some() {
            return None;
        }
        let sheet = Rc::make_mut(&mut self.view).sheet.take()?;
        if sheet.against != self.document.revision {
            self.tell(Notice::error(format!(
                "读取“{}”之后测算又有改动，为免覆盖这些改动，没有导入：请重新导入。",
                sheet.source
            )));
            return None;
        }
        Some(sheet)
    }

    /// 确认导入: all the values or none, as one edit that 撤销 takes back.
    pub(crate) fn apply_preview(&mut self) {
        let Some(sheet) = self.take_preview() else { return };
        let SheetImport { source, preview, applied, .. } = sheet;
        match applied.as_ref() {
            Ok(scenario) => self.request(Pending::Apply {
                scenario: scenario.clone(),
                changes: preview.changes.len(),
                source,
                refused: Vec::new(),
            }),
            Err(problems) => {
                let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                self.tell(Notice::error(format!("导入未完成，没有做任何更改：{}", listed.join("；"))));
            }
        }
    }

    /// 导入其余 N 项: every value read, the refused cells left as they were, as one edit that 撤销
    /// takes back; the notice keeps the refused cells' list for download.
    pub(crate) fn apply_rest(&mut self) {
        if self.view.sheet.as_ref().is_none_or(|s| s.rest.is_none()) {
            return;
        }
        let Some(sheet) = self.take_preview() else { return };
        let SheetImport { source, preview, rest, .. } = sheet;
        if let Some(rest) = rest {
            self.request(Pending::Apply {
                scenario: (*rest).clone(),
                changes: preview.changes.len(),
                source,
                refused: preview.problems.clone(),
            });
        }
    }

    /// 下载未导入清单: the refused cells of the preview shown, or of the partial import just made.
    pub(crate) fn download_refused(&mut self, fx: &mut Vec<Effect>) {
        let refused = match &self.view.sheet {
            Some(sheet) if !sheet.preview.problems.is_empty() => {
                Some(Rc::new(Refused { source: sheet.source.clone(), problems: sheet.preview.problems.clone() }))
            }
            _ => self.view.notice.as_ref().and_then(|n| n.refused.clone()),
        };
        fx.extend(refused.map(Effect::WriteRefused));
    }
}

/// The job with the headings placed so far as its mapping.
fn with_mapping(job: Job, headings: &[Heading]) -> Job {
    let mapping: Mapping = headings.iter().filter_map(|h| h.to.map(|to| (h.heading.clone(), to))).collect();
    match job {
        Job::Read { file_name, .. } => Job::Read { file_name, mapping },
        Job::Paste { text, target, .. } => Job::Paste { text, target, mapping },
        other => other,
    }
}

/// Two headings are the same as the reader compares them (spaces and bracket widths aside).
fn same_heading(a: &str, b: &str) -> bool {
    kaoping_sheets::heading::fold(a) == kaoping_sheets::heading::fold(b)
}
