//! What the Kaoping page knows, without drawing and without I/O, so that it is built and tested on the
//! host with plain `cargo test`: the document, the boxes' drafts and the view state kept apart
//! ([`App`]), one [`Action`] per user intent or outcome, and a reducer ([`App::reduce`]) that does no
//! I/O and asks for [`Effect`]s instead. The page (`kaoping-web`) holds an `App`, runs the effects
//! through its services and draws the parts as props.
//!
//! Shaped like Yew's `examples/function_todomvc` (state, actions, a pure reducer; persistence in
//! effects), with the effects made data so that the reducer owns every decision, including those that
//! need storage: it keeps a mirror of the saved scenarios' list.
//!
//! Invariant: the page holds only what it can write and read back. A box's text enters the scenario
//! only when the scenario reader would read it back ([`FieldId::enter`]); what the page reads back of
//! its own (the working copy, a saved scenario, a file, a link) keeps every value it can
//! ([`read::read_back`]).

pub mod action;
pub mod compare;
pub mod copy;
pub mod derived;
pub mod document;
pub mod drafts;
pub mod effect;
pub mod field;
pub mod format;
mod import;
pub mod read;
mod reduce;
pub mod scheme;
pub mod state;
pub mod store;
pub mod target;
pub mod view;

pub use action::{Action, Failed, SheetFile};
pub use effect::Effect;
pub use field::FieldId;
pub use state::{App, Settled, Start};
