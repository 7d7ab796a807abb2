//! The page's address and the clipboard: where a share link starts, the fragment the page was opened
//! with (`#s=…`), and copying a link.

/// The page's address without its fragment, for a share link.
pub fn page_address() -> String {
    let location = gloo::utils::window().location();
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Where a share link points: the page's address, except that a link copied on legacy.html (the entry
/// for old Chromium, under a weaker policy) names index.html: a current browser then opens it under the
/// strict policy, and an old one is sent on to legacy.html by boot.js, fragment and all.
pub fn share_address() -> String {
    let address = page_address();
    let (path, query) = address.split_once('?').map_or((address.as_str(), None), |(p, q)| (p, Some(q)));
    let path = match path.strip_suffix("legacy.html") {
        Some(folder) => format!("{folder}index.html"),
        None => path.to_owned(),
    };
    match query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    }
}

/// The share-link fragment the page was opened with (`#s=…`), if any.
pub fn opened_fragment() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    hash.strip_prefix("#s=").is_some().then_some(hash)
}

/// Takes the fragment off the address once it is read, so that reloading the page does not open the
/// link again over what the user has done since. The page is not reloaded.
pub fn clear_fragment() {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
}

/// Copies text to the clipboard; `done(false)` when the browser does not allow it (the async clipboard
/// needs HTTPS or localhost, which an intranet server often is not), so that the page shows the text
/// selected for the user to copy instead.
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
