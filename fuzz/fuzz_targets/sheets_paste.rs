//! Any text pasted anywhere in 全市总览.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: kaoping_fuzz::PasteInput| kaoping_fuzz::sheets_paste(&input));
