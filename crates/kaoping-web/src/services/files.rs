//! Files: exporting the scenario as a `.json` download and reading a file the user picked.

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use wasm_bindgen::JsCast;

/// Files larger than this are refused before reading: no scenario comes near it, and reading a
/// large file by mistake would freeze the page.
pub const MAX_IMPORT_BYTES: u64 = 2 * 1024 * 1024;

/// Offers `text` as a download named `file_name`. The error is a Chinese message.
pub fn download_json(file_name: &str, text: &str) -> Result<(), String> {
    let failed = || "浏览器未能生成下载文件。".to_owned();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed())?;
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
