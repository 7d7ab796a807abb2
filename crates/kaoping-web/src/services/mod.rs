//! The page's I/O: the browser's storage, files the user downloads or picks, the address and the
//! clipboard, the spreadsheet worker, and the simulation's slices between frames. Nothing here knows
//! about components; the `use_app` hook calls it to run the reducer's effects and dispatches the
//! outcome.

pub mod files;
pub mod link;
pub mod sheets_worker;
pub mod simulation;
pub mod storage;
