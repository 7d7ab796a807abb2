//! The page's components: props in, `Html` out. The views read the shared state through
//! `use_scenario()`; the small parts below them take everything they show as props.

pub mod announcer;
pub mod bank_view;
pub mod checks_view;
pub mod city_averages;
pub mod city_view;
pub mod dialog;
pub mod file_picker;
pub mod item_points;
pub mod nav;
pub mod notice_bar;
pub mod number_field;
pub mod print_header;
pub mod prompt_dialog;
pub mod readings_badge;
pub mod scenario_bar;
pub mod settings_view;
pub mod sheets_bar;
pub mod sheets_compare;
pub mod sheets_compare_view;
pub mod sheets_paste;
pub mod sheets_preview;
pub mod sheets_tools;
pub mod skip_link;
pub mod summary;
pub mod target_chart;
pub mod target_panel;
