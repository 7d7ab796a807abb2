//! The page's side of the spreadsheet module: a web worker (`crates/kaoping-sheets-worker`) started
//! the first time a workbook, CSV file or pasted block is read or written, so that its code is not
//! part of the page's first download (issue 8: the page stays within 450 KB gzipped).
//!
//! [`run`] sends a [`Job`] with the working scenario and calls back with the [`Reply`] and, for a
//! file written, its bytes. Jobs sent before the worker says `ready` wait for it. When the worker
//! cannot be started or fails, every job waiting is answered with a Chinese message, nothing is
//! changed, and the next job starts a new worker.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Uint8Array};
use kaoping_engine::{Scenario, Scheme};
use kaoping_sheets::job::{Job, Reply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, next to index.html (Trunk writes it: `data-loader-shim`).
const WORKER_URL: &str = "./kaoping-sheets-worker_loader.js";

/// How long the module may take to start before the jobs waiting for it are told it did not load
/// (a worker whose wasm cannot be fetched never says `ready`, and no error reaches the page).
const START_TIMEOUT_MS: u32 = 30_000;

/// Told when the module cannot be loaded or stops; the working scenario is never touched.
const NOT_LOADED: &str = "表格模块未能加载（请确认 kaoping-sheets-worker 的文件与页面一起部署，然后刷新页面）。";

type Done = Box<dyn FnOnce(Result<(Reply, Vec<u8>), String>)>;

/// The running worker, the jobs not yet sent, and the jobs waiting for an answer.
struct Connection {
    worker: web_sys::Worker,
    ready: bool,
    unsent: Vec<Array>,
    waiting: HashMap<u32, Done>,
    next_id: u32,
    /// Which worker this is, so that a timer set for an earlier one does nothing.
    generation: u32,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    /// The scheme file adopted, when one is in force (its scheme and text): every job carries the
    /// text, and replies are read under it. Set once when the page starts ([`under`]).
    static UNDER: RefCell<Option<(&'static Scheme, std::rc::Rc<str>)>> = const { RefCell::new(None) };
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Every job from now on is done under the scheme file adopted (`scheme`, read from `text`).
pub fn under(scheme: &'static Scheme, text: std::rc::Rc<str>) {
    UNDER.with(|cell| *cell.borrow_mut() = Some((scheme, text)));
}

/// Runs `job` on `scenario` (and a read job's file `bytes`) in the spreadsheet module, then calls
/// `done` with the reply and a written file's bytes, or a Chinese message.
pub fn run(
    job: &Job,
    scenario: &Scenario,
    bytes: &[u8],
    done: impl FnOnce(Result<(Reply, Vec<u8>), String>) + 'static,
) {
    start(job, scenario, bytes, Box::new(done));
}

/// [`run`]'s work, one copy for every caller's `done`.
fn start(job: &Job, scenario: &Scenario, bytes: &[u8], done: Done) {
    let text = UNDER.with(|cell| job.message_under(scenario, cell.borrow().as_ref().map(|(_, text)| &**text)));
    let mut done = Some(done);
    let started = CONNECTION.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(connect()?);
        }
        let Some(connection) = slot.as_mut() else { return Err(NOT_LOADED.to_owned()) };
        let id = connection.next_id;
        connection.next_id = connection.next_id.wrapping_add(1);
        let message = Array::of3(&JsValue::from(id), &JsValue::from_str(&text), &Uint8Array::from(bytes));
        if let Some(done) = done.take() {
            connection.waiting.insert(id, done);
        }
        if connection.ready {
            connection.worker.post_message(&message).map_err(|_| NOT_LOADED.to_owned())?;
        } else {
            connection.unsent.push(message);
        }
        Ok(())
    });
    if let Err(message) = started {
        // A worker that could not even be created never took this job.
        if let Some(done) = done {
            done(Err(message.clone()));
        }
        fail_all(&message);
    }
}

/// Starts the worker and listens to it.
fn connect() -> Result<Connection, String> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| NOT_LOADED.to_owned())?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let data = event.data();
        if data.as_string().as_deref() == Some("ready") {
            became_ready();
            return;
        }
        let answer = Array::from(&data);
        let id = answer.get(0).as_f64().map(|n| n as u32);
        let text = answer.get(1).as_string().unwrap_or_default();
        let reply =
            UNDER.with(|cell| Reply::from_message_under(&text, cell.borrow().as_ref().map(|(scheme, _)| *scheme)));
        let bytes = answer.get(2).dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        // Taken out before it is called: `done` may start another job.
        let done = id.and_then(|id| CONNECTION.with(|cell| cell.borrow_mut().as_mut()?.waiting.remove(&id)));
        if let Some(done) = done {
            done(Ok((reply, bytes)));
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        fail_all(NOT_LOADED);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    gloo::timers::callback::Timeout::new(START_TIMEOUT_MS, move || {
        let stuck =
            CONNECTION.with(|cell| cell.borrow().as_ref().is_some_and(|c| c.generation == generation && !c.ready));
        if stuck {
            fail_all(NOT_LOADED);
        }
    })
    .forget();
    Ok(Connection {
        worker,
        ready: false,
        unsent: Vec::new(),
        waiting: HashMap::new(),
        next_id: 0,
        generation,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The worker can take messages: send what waited for it.
fn became_ready() {
    let failed = CONNECTION.with(|cell| {
        let mut slot = cell.borrow_mut();
        let Some(connection) = slot.as_mut() else { return false };
        connection.ready = true;
        let unsent = std::mem::take(&mut connection.unsent);
        unsent.iter().any(|message| connection.worker.post_message(message).is_err())
    });
    if failed {
        fail_all(NOT_LOADED);
    }
}

/// Answers every waiting job with `message` and drops the worker, so that the next job starts anew.
fn fail_all(message: &str) {
    let waiting: Vec<Done> = CONNECTION.with(|cell| {
        let connection = cell.borrow_mut().take();
        connection
            .map(|c| {
                c.worker.terminate();
                c.waiting.into_values().collect()
            })
            .unwrap_or_default()
    });
    for done in waiting {
        done(Err(message.to_owned()));
    }
}
