//! [`use_painted`]: what a first draw leaves out until it is on screen.

use yew::prelude::*;

/// Whether the frame with the component's first draw has been painted: `false` in the first draw,
/// `true` from a draw in a task queued from that frame's callback. What the first total does not
/// need (本行测算's form and 目标测算's panel, the printed sheet's header and foot, the screen
/// reader's live region) waits for it, so that the first total is drawn sooner on a slow desk
/// (issue 20). One hook for every such component, so that the page's module holds its code once.
#[hook]
pub fn use_painted() -> bool {
    let painted = use_state(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |()| {
            let frame = gloo::render::request_animation_frame(move |_| {
                gloo::timers::callback::Timeout::new(0, move || painted.set(true)).forget();
            });
            move || drop(frame)
        });
    }
    *painted
}
