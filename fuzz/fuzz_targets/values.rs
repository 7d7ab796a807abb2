//! Any text through the engine's exact parser and bounded value types.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| kaoping_fuzz::values(text));
