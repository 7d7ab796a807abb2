//! Files: exporting the scenario as a `.json` download and reading a file the user picked.

use gloo::file::callbacks::FileReader;
use gloo::file::File;

/// Files larger than this are refused before reading: no scenario comes near it, and reading a
/// large file by mistake would freeze the page.
pub const MAX_IMPORT_BYTES: u64 = 2 * 1024 * 1024;

/// Offers `text` as a download named `file_name`, through the one download helper the spreadsheet
/// exports use too. The error is a Chinese message.
pub fn download_json(file_name: &str, text: &str) -> Result<(), String> {
    crate::services::sheets::download(file_name, "application/json", text.as_bytes())
}

/// Reads a picked file as text and calls `done` with it (or a Chinese message). The returned
/// reader must be kept alive until `done` runs; dropping it cancels the read.
pub fn read_text(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) -> Option<FileReader> {
    let file = File::from(file);
    if file.size() > MAX_IMPORT_BYTES {
        done(Err(format!("文件“{}”太大（{} 字节），不是测算文件。", file.name(), file.size())));
        return None;
    }
    let name = file.name();
    Some(gloo::file::callbacks::read_as_text(&file, move |result| {
        done(result.map_err(|_| format!("无法读取文件“{name}”（不是文本文件？）。")))
    }))
}
