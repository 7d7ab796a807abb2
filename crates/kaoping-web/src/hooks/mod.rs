//! Hooks: the page's state and the effects that keep it in step with the browser.

mod use_app;
mod use_painted;

pub use use_app::{use_app, Store, SETTLE_MS};
pub use use_painted::use_painted;
