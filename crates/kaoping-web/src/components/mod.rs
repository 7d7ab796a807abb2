//! The page's components: props in, `Html` out. None reads a context, calls the engine's `evaluate` or
//! solver, or uses a service (storage, files, the worker): the state and what follows from it arrive as
//! props (`Rc` where big, so that a part whose props did not change is not drawn again), and changes go
//! out as `kaoping_app::Action`s through a `Callback<Action>` (`dispatch`) or callbacks made from it.
//! `cargo test -p xtask` (tidy) keeps it so.

use std::ops::Deref;

use kaoping_engine::Scheme;

pub mod announcer;
pub mod bank_view;
pub mod checks_view;
pub mod city_averages;
pub mod city_view;
pub mod compare_view;
pub mod deposits_view;
pub mod dialog;
pub mod file_picker;
pub mod item_points;
pub mod nav;
pub mod notice_bar;
pub mod notice_view;
pub mod number_field;
pub mod print_header;
pub mod prompt_dialog;
pub mod readings_badge;
pub mod scenario_bar;
pub mod scheme_view;
pub mod settings_view;
pub mod sheets_bar;
pub mod sheets_compare;
pub mod sheets_paste;
pub mod sheets_preview;
pub mod skip_link;
pub mod summary;
pub mod target_chart;
pub mod target_panel;
pub mod toolbar;

/// The scheme as a prop: chosen when the page starts and never changing, so two are equal when they
/// are the same one.
#[derive(Debug, Clone, Copy)]
pub struct SchemeRef(pub &'static Scheme);

impl PartialEq for SchemeRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Deref for SchemeRef {
    type Target = Scheme;
    fn deref(&self) -> &Scheme {
        self.0
    }
}
