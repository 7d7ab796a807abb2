//! Any text through the page's forgiving input clean-up, then the engine's parsers.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| kaoping_fuzz::input(text));
