//! What a screen reader hears when the results change: one sentence (the bank whose figures changed:
//! rank, band, total, share, in the engine's words) in a polite live region, once typing has paused, so
//! that a user who cannot see the summary learns what each figure did without being interrupted at
//! every keystroke. The sentence is worked out by the reducer when typing settles.

use yew::prelude::*;

/// Props of [`Announcer`].
#[derive(Properties, PartialEq, Debug)]
pub struct AnnouncerProps {
    /// The last announcement (a counter, so the same sentence twice is still new, and the sentence).
    pub announcement: Option<(u64, AttrValue)>,
}

/// A visually hidden live region; it says nothing at start, only after a change.
#[component]
pub fn Announcer(props: &AnnouncerProps) -> Html {
    html! {
        <div class="sr-only" id="announcer" role="status" aria-live="polite" aria-atomic="true">
            { props.announcement.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
        </div>
    }
}
