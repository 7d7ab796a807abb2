//! Any bytes as a scenario file: refused or scored, never a panic; what is read round-trips.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaoping_fuzz::scenario(data));
