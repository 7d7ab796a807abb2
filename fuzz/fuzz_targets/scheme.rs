//! Any bytes as a scheme file: refused or scored under, never a panic; what is read reads back alike.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaoping_fuzz::scheme_file(data));
