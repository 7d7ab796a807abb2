//! Files: offering bytes as a download, reading a picked file as bytes, and the date written on an
//! export. Nothing here reads a figure; the engine and `kaoping_sheets` do.

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use kaoping_sheets::export::About;
use wasm_bindgen::JsCast;

/// The MIME type of an `.xlsx` workbook.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The MIME type of a CSV file.
pub const CSV_TYPE: &str = "text/csv;charset=utf-8";

/// Offers `bytes` as a download named `file_name`. The error is a Chinese message.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let failed = || "浏览器未能生成下载文件。".to_owned();
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    // Firefox only follows a click on an anchor that is in the document.
    let body = document.body().ok_or_else(failed)?;
    body.append_child(&anchor).map_err(|_| failed())?;
    anchor.click();
    anchor.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a picked file as bytes and calls `done` with them and the file's name (or a Chinese
/// message). A file above `kaoping_sheets::MAX_FILE_BYTES` is refused before it is read. The
/// returned reader must be kept alive until `done` runs; dropping it cancels the read.
pub fn read_bytes(
    file: web_sys::File,
    done: impl FnOnce(Result<(String, Vec<u8>), String>) + 'static,
) -> Option<FileReader> {
    read_boxed(file, Box::new(done))
}

/// What [`read_bytes`] calls back: the file's name and bytes, or a Chinese message.
type ReadDone = Box<dyn FnOnce(Result<(String, Vec<u8>), String>)>;

/// [`read_bytes`]'s work, one copy for every caller's `done`.
fn read_boxed(file: web_sys::File, done: ReadDone) -> Option<FileReader> {
    let file = File::from(file);
    let name = file.name();
    if let Err(problem) = kaoping_sheets::check_size(&name, file.size()) {
        done(Err(problem.to_string()));
        return None;
    }
    Some(gloo::file::callbacks::read_as_bytes(&file, move |result| {
        done(result.map(|bytes| (name.clone(), bytes)).map_err(|_| format!("无法读取文件“{name}”。")))
    }))
}

/// Today's date in the browser's time zone, `2024-12-31`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// The date and version written on an exported workbook.
pub fn about() -> About {
    About { date: today(), version: env!("CARGO_PKG_VERSION").to_owned() }
}
