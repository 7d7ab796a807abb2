//! Whatever bytes or text arrive — a damaged workbook, random text pasted, a mangled link — the result
//! is an update with problems or a scenario, never a panic (a panic would kill the page).
#![cfg(not(target_arch = "wasm32"))]

use kaoping_engine::{Field, Scenario, Scheme, FIELDS};
use kaoping_sheets::export::{self, About};
use kaoping_sheets::{link, paste, read_file};
use proptest::prelude::*;

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("built-in")
}

fn workbook() -> &'static [u8] {
    static BOOK: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| export::workbook(scheme(), &scheme().template(), "icbc", &About::default()).expect("written"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_changed_workbook_is_read_or_refused(at in 0usize..20_000, byte in any::<u8>(), cut in 0usize..20_000) {
        let mut bytes = workbook().to_vec();
        let len = bytes.len();
        bytes[at % len] = byte;
        bytes.truncate(len - cut % len);
        let update = read_file(&bytes, "x.xlsx", scheme());
        let base = Scenario::new(2024);
        let _ = update.preview(scheme(), &base);
        if update.apply(scheme(), &base).is_err() {
            prop_assert!(!update.problems.is_empty());
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_file(&bytes, "x.csv", scheme()).apply(scheme(), &Scenario::new(2024));
    }

    #[test]
    fn any_pasted_text_is_read_or_refused(text in "[\\PC\\t\\n\"]{0,300}") {
        let target = paste::Target {
            columns: FIELDS.iter().map(|f| f.field).take(6).collect::<Vec<Field>>(),
            banks: scheme().banks.iter().map(|b| b.id.clone()).collect(),
        };
        let _ = paste::paste(&text, scheme(), &target).apply(scheme(), &Scenario::new(2024));
    }

    #[test]
    fn any_link_opens_or_is_refused(text in "\\PC{0,200}") {
        let _ = link::open_fragment(&text);
        let _ = link::open_fragment(&format!("#s=1.{text}"));
    }
}
