//! The reducer's rules for keeping typed work, driven by the actions the hook dispatches: what
//! "modified" means, when a request waits behind the unsaved-changes question, what the current
//! name becomes after a rename or a delete, and what another tab's save does here.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p kaoping-web`; the reducer does no I/O,
//! so these tests touch no storage.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use kaoping_engine::{Field, Scenario, Scheme};
use kaoping_web::state::{Action, Elsewhere, FieldId, Level, Pending, Question, State};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("the built-in scheme")
}

fn fresh() -> Rc<State> {
    Rc::new(State::new(scheme(), scheme().baseline(), None, Vec::new(), None))
}

fn loans(text: &str) -> Action {
    Action::EditBank { bank: "adbc".to_owned(), field: Field::Loans, text: text.to_owned() }
}

/// A scenario with 农发行's loan balance set.
fn with_loans(text: &str) -> Scenario {
    let state = fresh().reduce(loans(text));
    state.scenario.clone()
}

fn saved(name: &str, stamp: &str) -> Action {
    Action::Saved { name: name.to_owned(), stamp: stamp.to_owned(), names: vec![name.to_owned()] }
}

fn loans_box(state: &State) -> String {
    state.text(&FieldId::Bank("adbc".to_owned(), Field::Loans))
}

#[wasm_bindgen_test]
fn modified_compares_the_working_copy_with_what_is_saved() {
    let state = fresh();
    assert!(!state.modified, "the baseline, unnamed, has nothing unsaved");
    let state = state.reduce(loans("330"));
    assert!(state.modified, "unnamed and different from the baseline");
    let state = state.reduce(loans(""));
    assert!(!state.modified, "back to the baseline's figures");

    let state = state.reduce(loans("330")).reduce(saved("方案B", "s1"));
    assert!(!state.modified);
    assert_eq!(state.name.as_deref(), Some("方案B"));
    let state = state.reduce(loans("331"));
    assert!(state.modified);
    // Typing the saved figure again, in another spelling, is the saved scenario again.
    let state = state.reduce(loans("３３０亿"));
    assert!(!state.modified, "the same figures as saved");
}

#[wasm_bindgen_test]
fn a_draft_keeps_the_text_and_its_reason() {
    let state = fresh().reduce(loans("330")).reduce(loans("33o"));
    let id = FieldId::Bank("adbc".to_owned(), Field::Loans);
    assert_eq!(state.text(&id), "33o");
    assert!(state.error(&id).is_some_and(|e| e.contains("不是数字")), "{:?}", state.error(&id));
    assert_eq!(state.error_count(), 1);
    assert_eq!(state.scenario, with_loans("330"), "the last valid figure counts");
}

#[wasm_bindgen_test]
fn opening_waits_behind_unsaved_changes_until_answered() {
    let state = fresh().reduce(loans("330")).reduce(saved("方案B", "s1")).reduce(loans("331"));
    let open =
        Action::Opened { name: "基准".to_owned(), scenario: scheme().baseline(), stamp: Some("s0".to_owned()) };

    let asked = state.reduce(open.clone());
    let prompt = asked.prompt.clone().expect("a question");
    assert_eq!(prompt.question, Question::Unsaved);
    assert!(matches!(prompt.then, Some(Pending::Open { ref name, .. }) if name == "基准"));
    assert_eq!(loans_box(&asked), "331", "nothing replaced yet");

    let cancelled = asked.clone().reduce(Action::Cancelled);
    assert!(cancelled.prompt.is_none());
    assert_eq!(loans_box(&cancelled), "331");
    assert!(cancelled.modified, "取消 keeps the unsaved changes");

    let discarded = asked.clone().reduce(Action::Discarded);
    assert!(discarded.prompt.is_none());
    assert_eq!(discarded.name.as_deref(), Some("基准"));
    assert_eq!(discarded.scenario, scheme().baseline());
    assert!(!discarded.modified);
    assert_eq!(discarded.base.as_deref(), Some("s0"));

    // 保存: the hook writes, then the held request goes ahead.
    let saved_then_opened = asked.reduce(saved("方案B", "s2"));
    assert!(saved_then_opened.prompt.is_none());
    assert_eq!(saved_then_opened.name.as_deref(), Some("基准"));
    let notice = saved_then_opened.notice.clone().expect("a notice").text;
    assert!(notice.contains("已保存“方案B”") && notice.contains("已打开“基准”"), "{notice}");
}

#[wasm_bindgen_test]
fn without_unsaved_changes_a_request_goes_ahead_at_once() {
    let state = fresh().reduce(loans("330")).reduce(saved("方案B", "s1"));
    let imported = state.reduce(Action::Imported { scenario: with_loans("400"), file_name: "x.json".to_owned() });
    assert!(imported.prompt.is_none());
    assert_eq!(imported.name, None, "an imported file has no name here until saved");
    assert!(imported.modified, "and is not saved in this browser");
    let asked = imported.reduce(Action::Reset);
    assert_eq!(asked.prompt.as_ref().map(|p| p.question.clone()), Some(Question::Unsaved));
    // Asking for a name keeps the held request.
    let naming = asked.reduce(Action::Ask(Question::Name));
    assert_eq!(naming.prompt.as_ref().map(|p| p.question.clone()), Some(Question::Name));
    assert_eq!(naming.prompt.as_ref().and_then(|p| p.then.clone()), Some(Pending::Reset));
    let done = naming.reduce(saved("导入的", "s3"));
    assert_eq!(done.scenario, scheme().baseline(), "reset after saving");
    assert_eq!(done.name, None);
}

#[wasm_bindgen_test]
fn the_reducer_owns_the_current_name_after_rename_and_delete() {
    let state = fresh().reduce(loans("330")).reduce(saved("A", "s1"));
    let renamed =
        state.clone().reduce(Action::Renamed { from: "A".to_owned(), to: "B".to_owned(), names: vec!["B".to_owned()] });
    assert_eq!(renamed.name.as_deref(), Some("B"), "the working copy follows its scenario");
    assert!(!renamed.modified);

    let replaced =
        state.clone().reduce(Action::Renamed { from: "C".to_owned(), to: "A".to_owned(), names: vec!["A".to_owned()] });
    assert_eq!(replaced.name, None, "what was saved as A is gone");
    assert!(replaced.modified, "so the figures here are saved nowhere");
    assert_eq!(loans_box(&replaced), "330");

    let other = state.clone().reduce(Action::Deleted { name: "Z".to_owned(), names: vec!["A".to_owned()] });
    assert_eq!(other.name.as_deref(), Some("A"));
    let deleted = state.reduce(Action::Deleted { name: "A".to_owned(), names: Vec::new() });
    assert_eq!(deleted.name, None);
    assert!(deleted.modified);
    assert_eq!(loans_box(&deleted), "330", "the figures stay on the page");
}

#[wasm_bindgen_test]
fn another_tabs_save_is_told_and_never_silently_replaces_unsaved_work() {
    let state = fresh().reduce(loans("330")).reduce(saved("A", "s1"));
    let elsewhere = |stamp: &str, figure: &str| Action::ChangedElsewhere {
        names: vec!["A".to_owned()],
        change: Elsewhere::Saved { name: "A".to_owned(), stamp: stamp.to_owned(), scenario: with_loans(figure) },
    };

    // Nothing unsaved here: the page follows the saved figures, and says so.
    let followed = state.clone().reduce(elsewhere("s2", "350"));
    assert_eq!(followed.scenario, with_loans("350"));
    assert!(!followed.modified);
    assert_eq!(followed.base.as_deref(), Some("s2"));
    assert!(followed.notice.as_ref().is_some_and(|n| n.text.contains("另一个窗口")));

    // Unsaved changes here: they stay, the user is warned once, and the base stays old so that a
    // save here asks first.
    let typed = state.reduce(loans("340"));
    let warned = typed.reduce(elsewhere("s2", "350"));
    assert_eq!(loans_box(&warned), "340");
    assert!(warned.modified);
    assert_eq!(warned.base.as_deref(), Some("s1"));
    assert_eq!(warned.notice.as_ref().map(|n| n.level), Some(Level::Warning));
    let again = warned.clone().reduce(elsewhere("s2", "350"));
    assert!(Rc::ptr_eq(&warned, &again), "the same save is told once");
}

#[wasm_bindgen_test]
fn a_message_or_a_dialog_does_not_redraw_the_views() {
    let state = fresh().reduce(loans("330"));
    let view_version = state.view_version;
    let asked = state.reduce(Action::Reset).reduce(Action::Cancelled).reduce(Action::DismissNotice);
    assert_eq!(asked.view_version, view_version);
    assert!(asked.version > 0);
    let same = asked.clone().reduce(Action::Cancelled);
    assert!(Rc::ptr_eq(&asked, &same), "nothing to cancel: nothing redraws");
}

#[wasm_bindgen_test]
fn an_applied_import_is_one_edit_that_undo_takes_back() {
    let state = fresh().reduce(loans("330")).reduce(saved("方案B", "s1")).reduce(loans("33o"));
    let revision = state.revision;
    let imported = with_loans("500");
    let apply = Action::Applied { scenario: imported.clone(), changes: 1, source: "填报.csv".to_owned() };

    // Unsaved work (a refused draft counts as a change to the boxes, not to the figures): here the
    // figures equal the saved ones, so it goes ahead at once.
    let applied = state.reduce(apply.clone());
    assert_eq!(applied.scenario, imported);
    assert_eq!(applied.name.as_deref(), Some("方案B"), "an edit keeps the name");
    assert!(applied.modified);
    assert!(applied.revision != revision);
    assert!(applied.drafts.is_empty(), "the drafts are dropped");
    let notice = applied.notice.clone().expect("a notice");
    assert!(notice.text.contains("已导入 1 项修改"), "{}", notice.text);
    assert!(notice.undo.is_some());

    let undone = applied.reduce(Action::Undo);
    assert_eq!(undone.scenario, with_loans("330"));
    assert!(!undone.modified);
    assert!(undone.notice.as_ref().is_some_and(|n| n.undo.is_none()));
    // A second 撤销 does nothing.
    assert!(Rc::ptr_eq(&undone, &undone.clone().reduce(Action::Undo)));

    // With unsaved changes, it waits behind the question; 不保存 applies it over them.
    let busy = fresh().reduce(loans("331"));
    let asked =
        busy.reduce(Action::Applied { scenario: imported.clone(), changes: 1, source: "填报.csv".to_owned() });
    assert_eq!(asked.scenario, with_loans("331"));
    assert!(matches!(asked.prompt.as_ref().and_then(|p| p.then.clone()), Some(Pending::Apply { .. })));
    let applied = asked.reduce(Action::Discarded);
    assert_eq!(applied.scenario, imported);
    assert!(applied.notice.as_ref().is_some_and(|n| n.undo.is_some()));
}

#[wasm_bindgen_test]
fn a_share_link_replaces_the_working_copy_behind_the_question() {
    let mut linked = with_loans("700");
    linked.name = Some("对方的测算".to_owned());
    let state = fresh().reduce(loans("331"));
    let asked = state.reduce(Action::LinkOpened(linked.clone()));
    assert_eq!(asked.prompt.as_ref().map(|p| p.question.clone()), Some(Question::Unsaved));
    assert_eq!(
        asked.prompt.as_ref().and_then(|p| p.then.as_ref()).map(Pending::describe).as_deref(),
        Some("打开分享链接")
    );
    let cancelled = asked.reduce(Action::Cancelled);
    assert_eq!(cancelled.scenario, with_loans("331"));
    let opened = cancelled.reduce(Action::LinkOpened(linked.clone())).reduce(Action::Discarded);
    assert_eq!(opened.scenario, linked);
    assert_eq!(opened.name, None, "not saved in this browser yet");
    assert!(opened.notice.as_ref().is_some_and(|n| n.text.contains("对方的测算") && n.level == Level::Info));
}
