//! The Kaoping page (考评测算器): a Yew app in which every figure comes from `kaoping_engine`.
//!
//! Layout, like Yew's `examples/function_todomvc`: [`state`] holds the state and a reducer with no
//! I/O; [`hooks`] shares it as a context with domain methods; [`services`] does the I/O (storage,
//! files); [`components`] turn props into `Html`. The figures a user types are the engine's field
//! table (`kaoping_engine::Field`, read by `Field::read`); [`format`] is where a figure becomes text.
//!
//! Invariant: the page never computes a score itself; it asks the engine. Invariant: no user input
//! can panic the page (a wasm panic kills it): nothing here unwraps or indexes on user data.

pub mod app;
pub mod components;
pub mod format;
pub mod hooks;
pub mod services;
pub mod state;

/// Starts the page: removes the loading message and renders the app into `<body>`.
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
