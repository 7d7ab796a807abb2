//! The Kaoping page (考评测算器): a Yew app in which every figure comes from `kaoping_engine`.
//!
//! What the page knows lives in `kaoping_app` (host-built and host-tested): the document, the boxes'
//! drafts and the view state, one action per user intent, and a reducer with no I/O that asks for
//! effects. Here: [`hooks`] holds that state and runs the effects through [`services`] (storage,
//! files, the spreadsheet worker, the clipboard); [`components`] turn props into `Html`; [`app`] puts
//! the page together.
//!
//! Invariant: the page never computes a score itself; it asks the engine. Invariant: no component calls
//! the engine's `evaluate` or solver or a service (tidy). Invariant: no user input can panic the page (a
//! wasm panic kills it): nothing here unwraps or indexes on user data.

pub mod app;
pub mod components;
pub mod hooks;
pub mod services;

/// How numbers are written on the page (shared with the host-tested state).
pub use kaoping_app::format;

/// Starts the page: removes the loading message and renders the app into `<body>`.
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
