//! Any bytes as a file picked in 导入Excel或CSV: a workbook, CSV or TSV file, or anything else.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaoping_fuzz::sheets_file(data));
