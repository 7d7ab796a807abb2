//! The browser's storage: localStorage as the [`Shelf`] that `kaoping_app::store` keeps the saved
//! scenarios and the tabs' working copies on (the key layout is described there), the tab's id in
//! sessionStorage while the page reloads, and random ids for tabs and saved-revision stamps.
//!
//! Nothing here panics: storage that is switched off or full is an error message in Chinese.

use kaoping_app::store::Shelf;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// www/boot.js's `kaopingBoot.keep()`.
    #[wasm_bindgen(js_namespace = kaopingBoot, js_name = keep, catch)]
    fn boot_keep() -> Result<(), JsValue>;
}

/// Leaving the page with its working copy stored as it is: www/boot.js keeps the first frame of the
/// page as it is now (the view's frame, the bank picker and the summary), which the next start of
/// this tab, or a new tab that takes up its copy, shows while the wasm loads (issue 20). boot.js
/// keys it by all of localStorage, so any other change to what the page starts from discards it.
/// Best effort: without boot.js (the tests), nothing.
pub fn keep_first_frame() {
    let _ = boot_keep();
}

/// In sessionStorage: this tab's id, written only when the page is left, so that a reload finds it but
/// a duplicated tab (which copies sessionStorage) does not share it.
const TAB_ID: &str = "kaoping/tab-id";

/// localStorage.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalShelf;

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

impl Shelf for LocalShelf {
    fn get(&self, key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, text: &str) -> Result<(), String> {
        let storage = local().ok_or_else(|| "浏览器不允许本页面使用本地存储".to_owned())?;
        storage.set_item(key, text).map_err(|error| why_not_written(&error))
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = local() {
            let _ = storage.remove_item(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        let Some(storage) = local() else { return Vec::new() };
        let count = storage.length().unwrap_or(0);
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
    }
}

/// Why a write was refused, in Chinese: storage full (QuotaExceededError) or not allowed.
fn why_not_written(error: &JsValue) -> String {
    let name = match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) => Some(exception.name()),
        None => js_sys::Reflect::get(error, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()),
    };
    match name.as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => "浏览器的本地存储空间已满".to_owned(),
        _ => "浏览器不允许本页面写入本地存储".to_owned(),
    }
}

/// A random id of 16 hex digits, for tabs and saved-revision stamps.
pub fn random_id() -> String {
    let mut bytes = [0u8; 8];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        // No Web Crypto (it is in every browser the page supports): the time will do.
        return format!("t{}", String::from(js_sys::Date::new_0().to_iso_string()));
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// This tab's id after a reload (taken out of sessionStorage at once: a tab duplicated from this one
/// copies sessionStorage and must not find it; it is written back when the page is left), or `None` for
/// a new tab.
pub fn take_tab_id() -> Option<String> {
    let session = session()?;
    let id = session.get_item(TAB_ID).ok().flatten();
    let _ = session.remove_item(TAB_ID);
    id
}

/// Leaving the page (closing or reloading it): the tab's id goes to sessionStorage, where a reload
/// finds it, and its working copy is marked as one another tab may take up.
pub fn leave(id: &str) {
    if let Some(session) = session() {
        let _ = session.set_item(TAB_ID, id);
    }
    kaoping_app::store::release(&LocalShelf, id);
}

/// Back on the page (restored from the back/forward cache): the tab holds its working copy again.
pub fn come_back(id: &str) {
    if let Some(session) = session() {
        let _ = session.remove_item(TAB_ID);
    }
    kaoping_app::store::claim(&LocalShelf, id);
}
