//! The browser side of spreadsheets and share links: downloading the bytes `kaoping_sheets` writes,
//! reading a picked file as bytes, the page's address fragment, the clipboard and today's date.
//! Nothing here reads a figure or computes a point; `kaoping_sheets` and the engine do.

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

/// The page's address without its fragment, for a share link.
pub fn page_address() -> String {
    let location = gloo::utils::window().location();
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// The share-link fragment the page was opened with (`#s=…`), if any.
pub fn opened_fragment() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    hash.strip_prefix("#s=").is_some().then_some(hash)
}

/// Takes the fragment off the address once it is read, so that reloading the page does not open
/// the link again over what the user has done since. The page is not reloaded.
pub fn clear_fragment() {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
}

/// Copies text to the clipboard; `done(false)` when the browser does not allow it (the async
/// clipboard needs HTTPS or localhost, which an intranet server often is not), so that the page shows
/// the text selected for the user to copy instead.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    // `clipboard` is undefined outside a secure context even though the binding says otherwise.
    if wasm_bindgen::JsValue::from(clipboard.clone()).is_undefined() {
        done(false);
        return;
    }
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
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
