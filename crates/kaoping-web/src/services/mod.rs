//! The page's I/O: the browser's localStorage and files the user downloads or picks.
//! Nothing here knows about components; the `use_scenario` hook calls it and dispatches the result.

pub mod files;
pub mod sheets;
pub mod sheets_worker;
pub mod storage;
