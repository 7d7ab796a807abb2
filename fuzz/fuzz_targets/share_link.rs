//! Any text as a share link's fragment (`#s=…`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        kaoping_fuzz::share_link(text);
    }
});
