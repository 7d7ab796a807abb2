//! 规则与设置 › 考评方案: the scheme in force, and a scheme file the user picked, read by the engine's
//! own reader and shown as a refusal or as a preview of how it differs from the scheme in force,
//! before it is adopted (采用).
//!
//! The file is read in the spreadsheet module (`kaoping_sheets::job::Job::Scheme`, an
//! [`crate::Effect::ReadScheme`]), which carries the scheme file's checks, so that the page's own
//! module does not: the page keeps the adopted file's text with the fingerprint the checks gave it,
//! and reads it back at start only if it still has that fingerprint (`Scheme::from_known`).
//!
//! The scheme in force is chosen when the page starts: the built-in 2024 scheme, or the file last
//! adopted ([`crate::store::adopted_scheme`]). Adopting one (or going back to the built-in scheme)
//! keeps the choice and starts the page again under it; the working copy is stashed already and is read
//! back under the new scheme, with a notice when it was made under another
//! ([`crate::document::Document::made_under`]).

pub use kaoping_sheets::scheme_preview::{is_builtin, SchemeFile, SchemePreview, SchemeSummary};
