//! What the component tests share: the app rendered in its own element in headless Chromium, and
//! the ways a user drives it through the DOM (typing, choosing, clicking), each check waiting for
//! its condition because Yew renders asynchronously. `mod common;` in each test file; not every
//! file uses every helper.
#![allow(dead_code)]

use std::time::Duration;

use kaoping_web::app::App;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// A rendered app in its own element, removed when dropped.
pub struct Mounted {
    pub root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

impl Mounted {
    /// Renders the app with the given localStorage (cleared first, then `seed` key/values), as a
    /// new tab would (sessionStorage cleared too).
    pub async fn new(seed: &[(&str, &str)]) -> Mounted {
        // The app of the test before is destroyed on Yew's next turn, and like a closed tab it writes
        // its working copy as it goes: let it go before the storage is cleared.
        yew::platform::time::sleep(Duration::ZERO).await;
        let storage = gloo::utils::window().local_storage().ok().flatten().expect("localStorage");
        storage.clear().expect("clear localStorage");
        // Its last write may come later still (the working copy is written once typing pauses, and
        // flushed as the app goes): past that pause, clear again, or this app takes that copy up.
        yew::platform::time::sleep(Duration::from_millis(350)).await;
        storage.clear().expect("clear localStorage");
        for (key, value) in seed {
            storage.set_item(key, value).expect("seed localStorage");
        }
        let session = gloo::utils::window().session_storage().ok().flatten().expect("sessionStorage");
        session.clear().expect("clear sessionStorage");
        Mounted::render().await
    }

    /// Unmounts the app and renders it again with storage as it is: what a reload does (leaving
    /// the page hands the tab's id to sessionStorage, where the new page finds it).
    pub async fn reload(mut self) -> Mounted {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
        Mounted::render().await
    }

    async fn render() -> Mounted {
        let document = gloo::utils::document();
        let root = document.create_element("div").expect("create root");
        document.body().expect("body").append_child(&root).expect("append root");
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        let mounted = Mounted { root, handle: Some(handle) };
        mounted.wait_for("the summary", |m| m.find("#summary-total").is_some()).await;
        // The rest of 本行测算's form is drawn once the first frame is on screen.
        mounted.wait_for("the whole form", |m| m.find("#section-target").is_some()).await;
        // And the next band is worked out once it has settled, just after that first frame.
        mounted.wait_for("the next band", |m| m.find("#summary-next-band[aria-busy=\"true\"]").is_none()).await;
        mounted
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    pub fn text(&self, selector: &str) -> String {
        self.find(selector).and_then(|e| e.text_content()).unwrap_or_default()
    }

    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
    }

    /// A box's value, or empty when there is no such box.
    pub fn value(&self, selector: &str) -> String {
        self.find(selector).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
    }

    pub fn input(&self, selector: &str) -> HtmlInputElement {
        self.find(selector)
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .unwrap_or_else(|| panic!("no input {selector}"))
    }

    /// Types `text` into a box the way a browser reports it: the value, then a bubbling `input`.
    pub fn type_into(&self, selector: &str, text: &str) {
        let input = self.input(selector);
        input.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event =
            web_sys::InputEvent::new_with_event_init_dict("input", &init.unchecked_into()).expect("input event");
        input.dispatch_event(&event).expect("dispatch input");
    }

    /// Chooses an option of a list the way a browser reports it: the value, then a `change`.
    pub fn choose(&self, selector: &str, value: &str) {
        let select = self
            .find(selector)
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
            .unwrap_or_else(|| panic!("no list {selector}"));
        select.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("change event");
        select.dispatch_event(&event).expect("dispatch change");
    }

    pub fn click(&self, selector: &str) {
        self.find(selector)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .unwrap_or_else(|| panic!("nothing to click at {selector}"))
            .click();
    }

    /// Yields to Yew's scheduler until `condition` holds; fails after about eight seconds of turns
    /// (a turn is a zero-delay timer, which browsers clamp to 4 ms), generous for a loaded CI machine.
    pub async fn wait_for(&self, what: &str, condition: impl Fn(&Mounted) -> bool) {
        for _ in 0..2000 {
            if condition(self) {
                return;
            }
            yew::platform::time::sleep(Duration::ZERO).await;
        }
        panic!("timed out waiting for {what}");
    }
}
