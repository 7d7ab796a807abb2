//! What the reducer asks the page to do: everything with a side. The page's hook runs each effect
//! through its services (storage, downloads, the spreadsheet worker, the clipboard, the simulation's
//! slices) and reports the outcome as an [`crate::Action`].
//!
//! Stashing the working copy is not an effect here: the hook writes it whenever the document changes,
//! as Yew's `function_todomvc` persists its state.

use std::rc::Rc;

use kaoping_engine::{Rivals, Scenario, SimulationSpec};
use kaoping_sheets::job::Job;
use kaoping_sheets::MapTo;

use crate::action::SheetFile;
use crate::target::SimulationKey;

/// A side effect, with everything it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Keep the scheme file adopted (`None`: back to the built-in scheme) and start the page again
    /// under it (the working copy is stashed already); a failed write is `Told`.
    AdoptScheme {
        /// The file's text.
        text: Option<Rc<str>>,
        /// Its fingerprint, as the checks found it (empty with no text).
        fingerprint: String,
    },
    /// Have the spreadsheet module read a scheme file and compare it with the scheme in force:
    /// `SchemeRead`, or `Told` when the module cannot be loaded.
    ReadScheme {
        /// The file's name.
        file_name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
    /// Write the working copy under `name` (replacing what is there): `Saved` or `WriteFailed`.
    Save {
        /// The name.
        name: String,
        /// The figures.
        scenario: Rc<Scenario>,
    },
    /// Rename a saved scenario (replacing one of the new name): `Renamed` or `WriteFailed`.
    Rename {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Copy a saved scenario under a free name: `Copied` or `WriteFailed`.
    Copy {
        /// The scenario copied.
        from: String,
        /// The copy's name.
        to: String,
    },
    /// Delete a saved scenario: `Deleted` or `WriteFailed`.
    Delete {
        /// Its name.
        name: String,
    },
    /// Read a saved scenario to open it: `Loaded`.
    Load {
        /// Its name.
        name: String,
    },
    /// Read every saved scenario for 对比: `AllLoaded`.
    LoadAll,
    /// Offer bytes as a download; a failure is `Told`.
    Download {
        /// The file's name.
        file_name: String,
        /// Its MIME type.
        mime: &'static str,
        /// Its contents.
        bytes: Rc<Vec<u8>>,
    },
    /// Have the spreadsheet module write a file of the scenario, then offer it as a download (the page
    /// adds the date and version): `Told`.
    WriteSheet {
        /// Which file.
        file: SheetFile,
        /// The figures.
        scenario: Rc<Scenario>,
        /// The bank of a workbook's 本行 sheet.
        bank: String,
    },
    /// Have the spreadsheet module read a file or pasted block against the working copy: `Previewed`
    /// or `SheetFailed`.
    ReadSheet {
        /// What to read.
        job: Job,
        /// The file's bytes (empty for a pasted block).
        bytes: Rc<Vec<u8>>,
        /// The working copy it is read against.
        against: Rc<Scenario>,
        /// Its document revision.
        revision: u64,
        /// The read's number, which `Previewed` or `SheetFailed` carries back.
        read: u64,
    },
    /// Remember in this browser what an unrecognised heading is (`None`: forget it):
    /// `HeadingsRemembered`, or `Told` when it cannot be written.
    RememberHeading {
        /// The heading.
        heading: String,
        /// A figure, or not read.
        to: Option<MapTo>,
    },
    /// Have the spreadsheet module write the refused cells of an import as a CSV file, then offer it
    /// as a download: `Told`.
    WriteRefused(Rc<crate::view::Refused>),
    /// Have the spreadsheet module write the share link's fragment (`Job::Link`: the compressor is
    /// not in the page's first download), then copy the page's address with it to the clipboard:
    /// `Told`, or `LinkNotCopied` when the browser does not allow it (the copy comes after the
    /// module's answer, when some browsers no longer count it as part of the click), or `Told` when
    /// the module cannot be loaded.
    CopyLink {
        /// The figures.
        scenario: Rc<Scenario>,
        /// The bank the link opens on.
        bank: String,
    },
    /// Draw the rivals around their assumptions, a slice at a time between frames: `Simulated` after
    /// each slice. A newer `Simulate` (or `StopSimulation`) replaces a run still going.
    Simulate {
        /// What it is run for.
        key: SimulationKey,
        /// The figures.
        scenario: Rc<Scenario>,
        /// The bank's id.
        bank: String,
        /// The rivals' assumptions.
        rivals: Rivals,
        /// The settings.
        spec: SimulationSpec,
    },
    /// Stop a simulation still running.
    StopSimulation,
    /// Have the spreadsheet module write 通报's 名单 of the scenario, dated today by the page's clock:
    /// `Published(revision, …)`.
    Notice {
        /// The figures.
        scenario: Rc<Scenario>,
        /// Its document revision.
        revision: u64,
    },
    /// Copy text to the clipboard: `Told` (copied, or the browser would not).
    CopyText(String),
}
