//! Hooks: the scenario context and its domain methods.

mod use_scenario;

pub use use_scenario::{use_document, use_scenario, Answer, DocumentHandle, ScenarioHandle, ScenarioProvider};
