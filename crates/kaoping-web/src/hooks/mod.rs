//! Hooks: the scenario context and its domain methods.

mod use_scenario;

pub use use_scenario::{use_scenario, ScenarioHandle, ScenarioProvider};
