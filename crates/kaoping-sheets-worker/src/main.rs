//! The page's spreadsheet module, run as a web worker: Trunk builds it beside the page
//! (`index.html`, `data-type="worker"`), and the page starts it the first time a workbook, CSV file
//! or pasted block is read or written (`crates/kaoping-web/src/services/sheets_worker.rs`). So the
//! readers and writers are not in the page's first download, and a large file is read off the
//! page's thread.
//!
//! A message is `[id, text, bytes]`: the job and the scenario as [`kaoping_sheets::job`] encodes
//! them, and a file's bytes (or nothing). The answer is `[id, text, bytes]` in the same form. The
//! worker says `ready` once it can take messages; the page holds its jobs until then.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let message = Array::from(&event.data());
        let id = message.get(0);
        let text = message.get(1).as_string().unwrap_or_default();
        let bytes = message.get(2).dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        let (reply, out) = kaoping_sheets::job::run_message(&text, &bytes);
        let answer = Array::of3(&id, &JsValue::from_str(&reply), &Uint8Array::from(out.as_slice()));
        // Posting can only fail for values that cannot be cloned; these are a number, text and bytes.
        let _ = answer_to.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
