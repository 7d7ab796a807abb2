//! The reducer's rules, driven by actions as the page drives them (storage a map, effects run as the
//! page runs them): what "modified" means, when a request waits behind the unsaved-changes question,
//! what the current name becomes after a rename or a delete, what another tab's save does here, what a
//! refused box keeps, and what is worked out when.

mod common;

use std::rc::Rc;

use common::{scheme, with_loans, World};
use kaoping_app::action::Action;
use kaoping_app::field::FieldId;
use kaoping_app::target::{TargetAction, TargetView, ViewAnswer};
use kaoping_app::view::{Answer, Clash, Level, Pending, Question, Tab, Write};
use kaoping_engine::{Field, FundFigure, Setting};
use rust_decimal::Decimal;

fn loans_id() -> FieldId {
    FieldId::Bank("adbc".to_owned(), Field::Loans)
}

#[test]
fn modified_compares_the_working_copy_with_what_is_saved() {
    let mut world = World::new();
    assert!(!world.app.document.modified, "the baseline, unnamed, has nothing unsaved");
    world.loans("330");
    assert!(world.app.document.modified, "unnamed and different from the baseline");
    world.loans("");
    assert!(!world.app.document.modified, "back to the baseline's figures");

    world.loans("330");
    world.send(Action::SaveAs("方案B".to_owned()));
    assert!(!world.app.document.modified);
    assert_eq!(world.app.document.name.as_deref(), Some("方案B"));
    world.loans("331");
    assert!(world.app.document.modified);
    // Typing the saved figure again, in another spelling, is the saved scenario again.
    world.loans("３３０亿");
    assert!(!world.app.document.modified, "the same figures as saved");
}

#[test]
fn a_draft_keeps_the_text_and_the_readers_reason() {
    let mut world = World::new();
    world.loans("330");
    world.loans("33o");
    assert_eq!(world.loans_box(), "33o");
    assert!(world.app.error(&loans_id()).is_some_and(|e| e.contains("不是数字")), "{:?}", world.app.error(&loans_id()));
    assert_eq!(world.app.refused_labels(), vec![Field::Loans.label().to_owned()]);
    assert_eq!(world.scenario(), with_loans("330"), "the last valid figure counts");
}

/// The hostile inputs of issue 14: typed into their boxes, each is marked with the reader's own words
/// and never enters the document; what is stashed, saved, exported and linked reads back whole.
#[test]
fn a_setting_the_reader_would_refuse_never_enters_the_document() {
    let cases: &[(Setting, &str, &[&str])] = &[
        (Setting::GreenTargetGrowth, "12", &["0", "150", "-5", "−5", "１５０"]),
        (Setting::LoanGrowth, "12.5", &["9999", "-150", "９９９９%"]),
    ];
    for (setting, good, hostile) in cases {
        let id = FieldId::Setting(*setting);
        let mut world = World::new();
        world.send(Action::Edit(id.clone(), (*good).to_owned()));
        let kept = world.scenario();
        assert_ne!(kept, world.app.document.reference().clone(), "{good} is taken");
        for text in *hostile {
            world.send(Action::Edit(id.clone(), (*text).to_owned()));
            let error = world.app.error(&id).unwrap_or_default().to_owned();
            // The reader's own words for the value, as the file reader puts them after the place.
            let reader = kaoping_engine::Scenario::from_json(&format!(
                r#"{{"format": "kaoping-scenario/1", "year": 2024, "{}": {{"{}": "{}"}}}}"#,
                setting.spec().group.key(),
                setting.key(),
                kaoping_engine::normalize(text, setting.unit().unwrap_or(kaoping_engine::Unit::Percent))
                    .map(|r| match r {
                        kaoping_engine::TypedText::Plain(p) => p,
                        kaoping_engine::TypedText::Empty => String::new(),
                    })
                    .unwrap_or_default(),
            ))
            .expect_err("the file reader refuses it too")
            .zh();
            assert!(
                !error.is_empty() && reader.ends_with(&error),
                "{text}: the box says {error:?}, the reader {reader:?}"
            );
            assert_eq!(world.app.text(&id), *text, "the box keeps {text}");
            assert_eq!(world.scenario(), kept, "{text} does not enter the document");
            // What is stashed reads back whole.
            let reloaded = World::open(world.shelf.clone(), "tab1", true);
            assert_eq!(reloaded.scenario(), kept, "{text}: the stashed copy reads back whole");
        }
        world.send(Action::SaveAs("方案".to_owned()));
        let saved = kaoping_app::store::load(&world.shelf, world.scheme, "方案").expect("saved").expect("readable");
        assert_eq!((saved.scenario, saved.dropped.len()), (kept.clone(), 0));
        world.send(Action::Export);
        let (_, bytes) = world.downloads.last().cloned().expect("exported");
        let read = kaoping_app::read::read_back(std::str::from_utf8(&bytes).expect("UTF-8"), world.scheme)
            .expect("reads back");
        assert_eq!((read.scenario, read.dropped.len()), (kept.clone(), 0));
        world.send(Action::CopyLink);
        let link = world.links.last().cloned().expect("a link");
        let (linked, dropped) = kaoping_sheets::link::salvage_fragment(&link).expect("opens");
        assert_eq!((kaoping_app::read::canonical(scheme(), &linked), dropped.len()), (kept, 0));
    }
}

/// Reading one's own data back keeps everything it can: a bad value stored by an earlier version (or
/// damaged in storage) is dropped with a message naming it and what counts instead.
#[test]
fn a_bad_value_in_ones_own_data_is_dropped_with_a_message_and_the_rest_kept() {
    use kaoping_app::store::Shelf;
    let bad = r#"{"format": "kaoping-scenario/1", "year": 2024, "settings": {"green_target_growth_pct": "150"},
        "banks": [{"id": "adbc", "loans": "330"}, {"id": "icbc", "loans": "-5"}]}"#;
    let copy =
        format!(r#"{{"format": "kaoping-tab/1", "modified": true, "scenario": {}}}"#, serde_json::Value::from(bad));
    let shelf = common::MemShelf::default();
    shelf.set("kaoping/tab/tab1", &copy).expect("write");
    shelf.set("kaoping/named/旧方案", bad).expect("write");
    let mut world = World::open(shelf, "tab1", true);
    assert_eq!(world.loans_box(), "330", "the rest of the working copy is kept");
    let notice = world.notice();
    assert!(notice.contains("2 处数据无法读取") && notice.contains("“150”") && notice.contains("“-5”"), "{notice}");
    assert!(notice.contains("使用附件4 公布的任务"), "says what counts instead: {notice}");
    assert_eq!(world.app.view.notice.as_ref().map(|n| n.level), Some(Level::Warning));

    world.send(Action::Open("旧方案".to_owned()));
    world.send(Action::Answer(Answer::Discard));
    assert_eq!(world.app.document.name.as_deref(), Some("旧方案"));
    assert_eq!(world.loans_box(), "330");
    assert!(world.notice().contains("2 处数据无法读取"), "{}", world.notice());

    // A file of one's own, imported.
    world.send(Action::Import { file_name: "旧.json".to_owned(), bytes: Rc::new(bad.as_bytes().to_vec()) });
    assert!(world.notice().contains("已导入“旧.json”") && world.notice().contains("“-5”"), "{}", world.notice());
}

#[test]
fn saving_with_a_refused_box_says_what_was_saved_for_it() {
    let mut world = World::new();
    world.loans("330");
    world.loans("33o");
    world.send(Action::SaveAs("方案A".to_owned()));
    let notice = world.app.view.notice.clone().expect("told");
    assert_eq!(notice.level, Level::Warning);
    assert_eq!(notice.text, "已保存“方案A”，但 1 个输入框内容无效，保存的是其上一个有效值：贷款余额（2024年末）。");
    assert_eq!(world.loans_box(), "33o", "the box keeps its text");
    let saved = kaoping_app::store::load(&world.shelf, world.scheme, "方案A").expect("saved").expect("read back");
    assert_eq!(saved.scenario.bank("adbc").and_then(|b| b.loans).map(|a| a.get().to_string()), Some("330".to_owned()));

    // Once the box is mended, saving says only that it saved.
    world.loans("331");
    world.send(Action::Save);
    assert_eq!(world.notice(), "已保存“方案A”。");
    assert_eq!(world.app.view.notice.as_ref().map(|n| n.level), Some(Level::Info));

    // Saved on the way to opening another: the notice says both, as a warning.
    world.send(Action::SaveAs("方案B".to_owned()));
    world.loans("332");
    world.loans("33o");
    world.send(Action::Open("方案A".to_owned()));
    world.send(Action::Answer(Answer::Save));
    let notice = world.app.view.notice.clone().expect("told");
    assert!(notice.text.starts_with("已保存“方案B”，但 1 个输入框内容无效"), "{}", notice.text);
    assert!(notice.text.contains("已打开“方案A”"), "{}", notice.text);
    assert_eq!(notice.level, Level::Warning);
}

#[test]
fn opening_waits_behind_unsaved_changes_until_answered() {
    let mut world = World::new();
    world.send(Action::SaveAs("基准".to_owned()));
    world.loans("330");
    world.send(Action::SaveAs("方案B".to_owned()));
    world.loans("331");

    world.send(Action::Open("基准".to_owned()));
    let prompt = world.app.view.prompt.clone().expect("a question");
    assert_eq!(prompt.question, Question::Unsaved);
    assert!(matches!(prompt.then, Some(Pending::Open { ref name, .. }) if name == "基准"));
    assert_eq!(world.loans_box(), "331", "nothing replaced yet");

    world.send(Action::Answer(Answer::Cancel));
    assert!(world.app.view.prompt.is_none());
    assert_eq!(world.loans_box(), "331");
    assert!(world.app.document.modified, "取消 keeps the unsaved changes");

    world.send(Action::Open("基准".to_owned()));
    world.send(Action::Answer(Answer::Save));
    assert!(world.app.view.prompt.is_none());
    assert_eq!(world.app.document.name.as_deref(), Some("基准"));
    assert!(world.notice().contains("已保存“方案B”") && world.notice().contains("已打开“基准”"), "{}", world.notice());
    assert_eq!(world.loans_box(), "");

    world.send(Action::Open("方案B".to_owned()));
    assert!(world.app.view.prompt.is_none(), "nothing unsaved: opened at once");
    assert_eq!(world.loans_box(), "331", "方案B was saved before 基准 opened");
    world.loans("332");
    world.send(Action::Open("基准".to_owned()));
    world.send(Action::Answer(Answer::Discard));
    assert_eq!(world.app.document.name.as_deref(), Some("基准"));
    assert!(!world.app.document.modified);
    assert!(world.notice().starts_with("未保存的修改已放弃。"), "{}", world.notice());
}

#[test]
fn without_unsaved_changes_a_request_goes_ahead_at_once() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("方案B".to_owned()));
    let file = with_loans("400").to_json().into_bytes();
    world.send(Action::Import { file_name: "x.json".to_owned(), bytes: Rc::new(file) });
    assert!(world.app.view.prompt.is_none());
    assert_eq!(world.app.document.name, None, "an imported file has no name here until saved");
    assert!(world.app.document.modified, "and is not saved in this browser");
    world.send(Action::Reset);
    assert_eq!(world.app.view.prompt.as_ref().map(|p| p.question.clone()), Some(Question::Unsaved));
    // Asking for a name keeps the held request.
    world.send(Action::Answer(Answer::Save));
    assert_eq!(world.app.view.prompt.as_ref().map(|p| p.question.clone()), Some(Question::Name));
    assert_eq!(world.app.view.prompt.as_ref().and_then(|p| p.then.clone()), Some(Pending::Reset));
    world.send(Action::Answer(Answer::Name("导入的".to_owned())));
    assert_eq!(world.scenario(), kaoping_app::read::canonical(scheme(), &scheme().baseline()), "reset after saving");
    assert_eq!(world.app.document.name, None);
}

#[test]
fn saving_over_another_name_or_another_tabs_save_asks_first() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("A".to_owned()));
    world.loans("331");
    world.send(Action::SaveAs("B".to_owned()));
    world.send(Action::SaveAs("A".to_owned()));
    let asked = world.app.view.prompt.clone().map(|p| p.question);
    assert_eq!(asked, Some(Question::Overwrite { write: Write::Save { name: "A".to_owned() }, clash: Clash::Exists }));
    world.send(Action::Answer(Answer::Overwrite));
    assert_eq!(world.app.document.name.as_deref(), Some("A"));

    // Another tab saves A again; saving here asks before overwriting it.
    let mut other = world.another_tab("tab2");
    other.send(Action::Open("A".to_owned()));
    other.loans("500");
    other.send(Action::Save);
    world.send(Action::LibraryChanged {
        library: kaoping_app::store::library(&world.shelf),
        resaved: kaoping_app::store::load(&world.shelf, world.scheme, "A")
            .and_then(Result::ok)
            .map(|r| (r.scenario, r.dropped)),
    });
    assert_eq!(world.loans_box(), "500", "nothing unsaved here: the page follows the saved figures");
    world.loans("600");
    other.loans("700");
    other.send(Action::Save);
    world.send(Action::LibraryChanged {
        library: kaoping_app::store::library(&world.shelf),
        resaved: kaoping_app::store::load(&world.shelf, world.scheme, "A")
            .and_then(Result::ok)
            .map(|r| (r.scenario, r.dropped)),
    });
    assert_eq!(world.loans_box(), "600", "unsaved work here stays");
    assert_eq!(world.app.view.notice.as_ref().map(|n| n.level), Some(Level::Warning));
    world.send(Action::Save);
    let asked = world.app.view.prompt.clone().map(|p| p.question);
    assert_eq!(
        asked,
        Some(Question::Overwrite { write: Write::Save { name: "A".to_owned() }, clash: Clash::ChangedElsewhere })
    );
}

#[test]
fn the_reducer_owns_the_current_name_after_rename_and_delete() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("A".to_owned()));
    world.send(Action::Rename { from: "A".to_owned(), to: "B".to_owned() });
    assert_eq!(world.app.document.name.as_deref(), Some("B"), "the working copy follows its scenario");
    assert!(!world.app.document.modified);

    world.send(Action::Duplicate("B".to_owned()));
    assert!(world.app.view.is_saved("B 副本"), "{:?}", world.app.view.library);
    world.send(Action::Rename { from: "B 副本".to_owned(), to: "B".to_owned() });
    assert!(matches!(world.app.view.prompt.as_ref().map(|p| &p.question), Some(Question::Overwrite { .. })));
    world.send(Action::Answer(Answer::Overwrite));
    assert_eq!(world.app.document.name, None, "what was saved as B is gone");
    assert!(world.app.document.modified, "so the figures here are saved nowhere");
    assert_eq!(world.loans_box(), "330");

    world.send(Action::SaveAs("C".to_owned()));
    world.send(Action::Delete("B".to_owned()));
    assert_eq!(world.app.document.name.as_deref(), Some("C"));
    world.send(Action::Delete("C".to_owned()));
    assert_eq!(world.app.document.name, None);
    assert!(world.app.document.modified);
    assert_eq!(world.loans_box(), "330", "the figures stay on the page");
}

#[test]
fn a_failed_write_loses_nothing_and_says_so() {
    let mut world = World::new();
    world.loans("330");
    *world.shelf.full.borrow_mut() = true;
    world.loans("331");
    assert!(world.app.view.stash_error.is_some(), "the stash failed");
    world.send(Action::Reset);
    world.send(Action::Answer(Answer::Save));
    world.send(Action::Answer(Answer::Name("满了".to_owned())));
    assert!(world.notice().starts_with("未能保存“满了”"), "{}", world.notice());
    assert_eq!(world.loans_box(), "331", "the reset did not go ahead");
    *world.shelf.full.borrow_mut() = false;
    world.loans("332");
    assert!(world.app.view.stash_error.is_none(), "stashed again");
}

#[test]
fn a_message_or_a_dialog_does_not_touch_the_document_or_the_drafts() {
    let mut world = World::new();
    world.loans("330");
    let (document, drafts, derived) = (world.app.document.clone(), world.app.drafts.clone(), world.app.derived.clone());
    world.send(Action::Reset);
    world.send(Action::Answer(Answer::Cancel));
    world.send(Action::DismissNotice);
    assert!(Rc::ptr_eq(&document, &world.app.document));
    assert!(Rc::ptr_eq(&drafts, &world.app.drafts));
    assert!(Rc::ptr_eq(&derived, &world.app.derived));
    let before = world.app.clone();
    world.send(Action::Answer(Answer::Cancel));
    assert!(Rc::ptr_eq(&before, &world.app), "nothing to cancel: the very same state");
}

#[test]
fn a_keystroke_works_out_only_what_changed() {
    let mut world = World::new();
    world.type_in("icbc", Field::Loans, "1");
    let doubts = world.app.derived.doubts.clone();
    let target = world.app.target.clone();
    world.loans("100");
    let now = &world.app.derived.doubts;
    assert!(Rc::ptr_eq(&doubts[1], &now[1]), "工商银行's doubts are the same list");
    assert!(!Rc::ptr_eq(&doubts[0], &now[0]), "农发行's are new");
    assert!(!now[0].is_empty(), "100 is far below 2023: a doubt");
    assert!(Rc::ptr_eq(&target, &world.app.target), "目标测算 waits for typing to settle");
    let (_, stale) = world.app.next_band();
    assert!(stale, "the next band is for the figures before the keystroke");
    world.settle();
    let (text, stale) = world.app.next_band();
    assert!(!stale && text.is_some(), "worked out once settled: {text:?}");
}

#[test]
fn an_applied_import_is_one_edit_that_undo_takes_back() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("方案B".to_owned()));
    world.loans("33o");
    let csv = "银行,贷款余额（亿元）\n农发行,500\n";
    world.send(Action::Import { file_name: "填报.csv".to_owned(), bytes: Rc::new(csv.as_bytes().to_vec()) });
    let sheet = world.app.view.sheet.clone().expect("the preview");
    assert_eq!(sheet.preview.changes.len(), 1, "{:?}", sheet.preview);
    // A refused draft is not a change to the figures: it goes ahead at once.
    world.send(Action::ApplyPreview);
    assert_eq!(world.scenario(), with_loans("500"));
    assert_eq!(world.app.document.name.as_deref(), Some("方案B"), "an edit keeps the name");
    assert!(world.app.drafts.is_empty(), "the drafts are dropped");
    assert!(world.notice().contains("已导入 1 项修改"), "{}", world.notice());
    world.send(Action::Undo);
    assert_eq!(world.scenario(), with_loans("330"));
    assert!(!world.app.document.modified);
    let again = world.app.clone();
    world.send(Action::Undo);
    assert!(Rc::ptr_eq(&again, &world.app), "a second 撤销 does nothing");

    // Read against an older revision: refused rather than undoing what was typed since.
    world.send(Action::Import { file_name: "填报.csv".to_owned(), bytes: Rc::new(csv.as_bytes().to_vec()) });
    world.loans("331");
    world.send(Action::ApplyPreview);
    assert!(world.notice().contains("为免覆盖这些改动"), "{}", world.notice());
    assert_eq!(world.loans_box(), "331");
}

#[test]
fn a_share_link_opens_on_the_senders_bank_behind_the_question() {
    let mut sender = World::new();
    sender.send(Action::SelectBank("icbc".to_owned()));
    sender.type_in("icbc", Field::Loans, "700");
    sender.send(Action::CopyLink);
    let fragment = sender.links.pop().expect("a link");
    assert!(fragment.ends_with("&b=icbc"), "{fragment}");

    let mut receiver = World::new();
    receiver.loans("331");
    receiver.send(Action::SelectTab(Tab::City));
    let (scenario, dropped) = kaoping_sheets::link::salvage_fragment(&fragment).expect("reads back");
    let read = kaoping_app::read::kept(common::scheme(), scenario, &dropped);
    let bank = kaoping_sheets::link::bank(&fragment);
    receiver.send(Action::LinkOpened(Ok((read.scenario, bank, read.dropped))));
    assert_eq!(receiver.app.view.prompt.as_ref().map(|p| p.question.clone()), Some(Question::Unsaved));
    receiver.send(Action::Answer(Answer::Discard));
    assert_eq!(receiver.scenario(), sender.scenario());
    assert_eq!(receiver.app.view.bank, "icbc", "opens on the sender's bank");
    assert_eq!(receiver.app.view.tab, Tab::Bank);
    assert_eq!(receiver.app.document.name, None, "not saved in this browser yet");
}

/// 复制分享链接 asks the spreadsheet module for the link of the working copy (what it holds as
/// typed, on the bank open); a link the browser then would not copy is shown until the next 复制.
#[test]
fn a_share_link_is_written_by_the_module_and_shown_when_the_browser_will_not_copy_it() {
    let mut world = World::new();
    world.send(Action::SelectBank("icbc".to_owned()));
    world.type_in("icbc", Field::Loans, "700");
    let (_, effects) = world.app.reduce(Action::CopyLink);
    assert_eq!(
        effects,
        [kaoping_app::Effect::CopyLink { scenario: world.app.document.scenario.clone(), bank: "icbc".to_owned() }]
    );
    world.send(Action::LinkNotCopied("http://intranet/kaoping/#s=1.x&b=icbc".to_owned()));
    assert_eq!(world.app.view.link_shown.as_deref(), Some("http://intranet/kaoping/#s=1.x&b=icbc"));
    world.send(Action::CopyLink);
    assert_eq!(world.app.view.link_shown, None, "the next 复制 starts afresh");
    let fragment = world.links.pop().expect("the module wrote a link");
    assert_eq!(kaoping_sheets::link::share_fragment_at(&world.scenario(), "icbc"), fragment);
}

#[test]
fn the_working_copy_comes_back_after_a_reload_and_a_closed_tabs_is_taken_up() {
    let mut world = World::new();
    world.loans("321.5");
    let world = world.reload();
    assert_eq!(world.loans_box(), "321.5");
    assert!(world.app.document.modified, "still unsaved after the reload");
    assert!(world.notice().is_empty(), "nothing to say when the tab's own copy comes back: {}", world.notice());

    // Closed (released) with unsaved changes: a new tab takes the copy up.
    kaoping_app::store::release(&world.shelf, &world.id);
    let next = World::open(world.shelf.clone(), "tab9", false);
    assert_eq!(next.loans_box(), "321.5");
    assert!(next.notice().contains("已恢复之前关闭的页面中"), "{}", next.notice());
}

#[test]
fn a_working_copy_that_is_not_json_is_set_aside_and_the_page_starts_afresh() {
    let shelf = common::MemShelf::default();
    use kaoping_app::store::Shelf;
    shelf.set("kaoping/tab/tab1", "{ not json").expect("write");
    let world = World::open(shelf, "tab1", true);
    assert!(world.notice().contains("无法读取"), "{}", world.notice());
    assert_eq!(world.loans_box(), "");
    assert_eq!(world.shelf.get("kaoping/damaged").as_deref(), Some("{ not json"));
}

#[test]
fn switching_a_reading_says_which_ranks_it_moved() {
    let mut world = World::new();
    world.loans("325.81");
    world.send(Action::Choose(Setting::BonusMode, "whole_units"));
    let (setting, moved) = world.app.view.rank_shift.clone().expect("a shift");
    assert_eq!(setting, Setting::BonusMode);
    assert!(moved.starts_with("切换后："), "{moved}");
    assert_eq!(world.app.derived.non_default.len(), 1);
}

#[test]
fn the_announcement_names_the_bank_whose_figures_changed_once_typing_settles() {
    let mut world = World::new();
    assert!(world.app.settled.announcement.is_none(), "nothing is said at start");
    world.type_in("icbc", Field::Loans, "2,000");
    assert!(world.app.settled.announcement.is_none(), "nothing is said while typing");
    world.settle();
    let (_, sentence) = world.app.settled.announcement.clone().expect("said once settled");
    assert!(sentence.starts_with("工商银行：总分 "), "{sentence}");
    world.settle();
    assert_eq!(world.app.settled.announcement.as_ref().map(|(n, _)| *n), Some(0), "said once");
}

#[test]
fn target_answers_wait_for_typing_to_settle_and_can_be_entered_and_taken_back() {
    let mut world = World::new();
    world.settle();
    let answers = world.app.target.answers.clone().expect("answers on 本行测算");
    let answer = answers.answer.clone().expect("an answer for the first goal");
    assert!(answer.zh(scheme()).starts_with("贷款余额达到"), "{}", answer.zh(scheme()));
    assert!(matches!(*answers.view, ViewAnswer::Margins(Some(_))));
    world.send(Action::ApplyAnswer);
    assert!(!world.loans_box().is_empty(), "the figure entered");
    let applied = world.app.target.applied.clone().expect("what was entered");
    assert!(applied.what.contains("亿元"), "{}", applied.what);
    world.send(Action::UndoAnswer);
    assert_eq!(world.loans_box(), "", "taken back");

    world.send(Action::Target(TargetAction::View(TargetView::Marginal)));
    world.settle();
    let answers = world.app.target.answers.clone().expect("answers");
    assert!(matches!(*answers.view, ViewAnswer::Marginal(Some(_))));
    world.send(Action::Target(TargetAction::View(TargetView::Rivals)));
    world.send(Action::Target(TargetAction::Draws("200".to_owned())));
    world.settle();
    let run = world.app.target.simulation.clone().expect("a simulation");
    let summary = run.summary.clone().expect("drawn");
    assert_eq!(summary.draws, 200);
}

#[test]
fn the_comparison_reads_the_saved_scenarios_and_follows_the_working_copy() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("A".to_owned()));
    world.send(Action::SelectTab(Tab::Compare));
    let compare = world.app.view.compare.clone();
    assert_eq!(
        compare.others.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["已保存：A", "基准情景（各行按任务完成）"]
    );
    let result = compare.result.clone().expect("compared with A");
    assert!(
        result.comparison.banks.iter().all(|b| b.total_change.is_none_or(|c| c.is_zero())),
        "A is the working copy"
    );
    world.loans("400");
    world.settle();
    let result = world.app.view.compare.result.clone().expect("compared again");
    assert!(result.comparison.banks[0].total_change.is_some_and(|c| !c.is_zero()), "农发行 moved");
    world.send(Action::CompareBank("adbc".to_owned()));
    let detail = world.app.view.compare.result.clone().and_then(|r| r.detail.clone()).expect("a detail");
    assert!(!detail.figures.is_empty());
    world.send(Action::CompareWith(1));
    assert_eq!(world.app.view.compare.result.as_ref().map(|r| r.key.1), Some(1));
}

#[test]
fn a_doubtful_city_figure_is_taken_and_doubted_beside_its_box() {
    let mut world = World::new();
    let id = FieldId::Setting(Setting::LoanGrowth);
    world.send(Action::Edit(id.clone(), "80".to_owned()));
    assert_eq!(world.app.error(&id), None, "within the reader's bounds: taken");
    let doubts = world.app.derived.setting_doubts.clone();
    assert_eq!(doubts.iter().map(|d| d.setting).collect::<Vec<_>>(), [Setting::LoanGrowth], "{doubts:?}");
    // A bank's keystroke leaves the settings' doubts as they were.
    world.loans("330");
    assert!(Rc::ptr_eq(&doubts, &world.app.derived.setting_doubts));
    world.send(Action::Edit(id, "12".to_owned()));
    assert!(world.app.derived.setting_doubts.is_empty());
}

/// 资金存放 (四(四)): two funds' amounts and a department's scores typed as the page types them; the
/// placement follows at once, each fund shared out exactly, and a refused amount keeps the last good one.
#[test]
fn funds_typed_in_are_placed_by_their_departments_composite() {
    let mut world = World::new();
    world.send(Action::SelectTab(Tab::Deposits));
    assert_eq!(world.app.view.tab, Tab::Deposits);
    let fiscal = FieldId::FundAmount("fiscal".to_owned());
    let provident = FieldId::FundAmount("provident".to_owned());
    world.send(Action::Edit(fiscal.clone(), "６０亿".to_owned()));
    world.send(Action::Edit(provident.clone(), "12.5".to_owned()));
    let score = |bank: &str| FieldId::Fund(bank.to_owned(), FundFigure::DepartmentScore, "fiscal".to_owned());
    world.send(Action::Edit(score("icbc"), "95".to_owned()));
    world.send(Action::Edit(score("adbc"), "80".to_owned()));

    let scenario = world.scenario();
    assert_eq!(scenario.deposits.funds.get("fiscal").map(|a| a.get().to_string()), Some("60".to_owned()));
    let icbc = scenario.bank("icbc").expect("typed in");
    assert_eq!(FundFigure::DepartmentScore.get(icbc, "fiscal"), Some(Decimal::from(95)));

    // The placement is the engine's for this very document, worked out once when first asked for.
    let placement = world.app.derived.placement(scheme());
    assert_eq!(*placement, world.app.derived.evaluation.placement(scheme()));
    assert!(Rc::ptr_eq(&placement, &world.app.derived.placement(scheme())), "worked out once per document");
    let f = scheme().rules.outcomes.fund_index("fiscal").expect("a fund");
    let fund = &placement.funds[f];
    assert_eq!(fund.amount, Some(Decimal::from(60)));
    let shown: Decimal = fund.banks.iter().filter_map(|s| s.amount_shown).sum();
    assert_eq!(shown, Decimal::from(60), "the shown column adds up to the fund");
    let icbc_at = scheme().bank_index("icbc").expect("a bank");
    let adbc_at = scheme().bank_index("adbc").expect("a bank");
    assert!(fund.banks[icbc_at].composite > fund.banks[icbc_at].evaluation_points, "the department's part counts");
    assert_eq!(fund.banks[adbc_at].composite - fund.banks[adbc_at].evaluation_points, Decimal::from(24), "30% of 80");
    // A fund without an amount is shared in percent only.
    let m = scheme().rules.outcomes.fund_index("maintenance").expect("a fund");
    assert!(placement.funds[m].banks.iter().all(|s| s.amount.is_none() && s.share_pct.is_some()));

    // A refused amount stays in its box with the reader's words; the last good amount counts.
    world.send(Action::Edit(fiscal.clone(), "-3".to_owned()));
    assert_eq!(world.app.text(&fiscal), "-3");
    assert_eq!(world.app.error(&fiscal), Some("金额不能为负数"));
    assert_eq!(world.scenario().deposits.funds.get("fiscal").map(|a| a.get()), Some(Decimal::from(60)));
    assert!(world.app.refused_labels().iter().any(|l| l == "财政专户·存放金额"), "{:?}", world.app.refused_labels());
    world.send(Action::Edit(score("icbc"), "101".to_owned()));
    assert!(
        world.app.error(&score("icbc")).is_some_and(|e| e.contains("0 至 100")),
        "{:?}",
        world.app.error(&score("icbc"))
    );

    // Clearing a box takes the figure out (the fund is no longer placed in 亿元).
    world.send(Action::Edit(fiscal.clone(), String::new()));
    assert_eq!(world.scenario().deposits.funds.get("fiscal"), None);
    assert_eq!(world.app.derived.placement(scheme()).funds[f].amount, None);

    // A fund or bank the scheme does not have is not a box.
    let before = world.scenario();
    world.send(Action::Edit(FieldId::FundAmount("nope".to_owned()), "5".to_owned()));
    world.send(Action::Edit(
        FieldId::Fund("nobank".to_owned(), FundFigure::DepartmentScore, "fiscal".to_owned()),
        "5".to_owned(),
    ));
    assert_eq!(world.scenario(), before);
}

/// 通报 (issue 17): written by the spreadsheet module when shown and again when the document changes;
/// marked 测算结果，非正式考评结论 until 核实完成 is ticked, which is part of the document; 复制文本 copies
/// the whole text; an answer for an older revision is not shown.
#[test]
fn the_notice_follows_the_document_and_its_verification_mark() {
    let mut world = World::new();
    let shown = |world: &World| {
        let (revision, parts) = world.app.view.published.clone().expect("asked");
        assert_eq!(revision, world.app.document.revision, "for the document as it is");
        parts.expect("answered").expect("a notice")
    };
    let part = |parts: &[(String, String)], role: &str| parts.iter().find(|(r, _)| r == role).map(|(_, t)| t.clone());
    assert_eq!(world.app.view.published, None, "not written before it is shown");
    world.send(Action::SelectTab(Tab::Notice));
    let parts = shown(&world);
    assert_eq!(part(&parts, "mark").as_deref(), Some("【测算结果，非正式考评结论】"));
    assert_eq!(part(&parts, "date").as_deref(), Some("2025年1月20日"));
    world.send(Action::CopyNotice);
    assert_eq!(world.copied.last(), part(&parts, "text").as_ref());

    world.send(Action::SetVerificationComplete(true));
    assert!(world.scenario().verification_complete);
    assert_eq!(part(&shown(&world), "mark"), None, "written again for the changed document");
    // A figure typed: written again, and a late answer for the old revision is not shown.
    let old = world.app.document.revision;
    world.type_in("icbc", Field::Loans, "3000");
    assert!(!world.scenario().verification_complete, "a change takes the mark away");
    assert_eq!(part(&shown(&world), "mark").as_deref(), Some("【测算结果，非正式考评结论】"));
    let names = |parts: &[(String, String)]| parts.iter().filter(|(r, _)| r == "names").count();
    assert!(names(&shown(&world)) > 0);
    world.send(Action::Published(old, Ok(vec![("title".to_owned(), "旧的".to_owned())])));
    assert_ne!(part(&shown(&world), "title").as_deref(), Some("旧的"));
    world.send(Action::SetVerificationComplete(false));
    assert_eq!(part(&shown(&world), "mark").as_deref(), Some("【测算结果，非正式考评结论】"));
}

/// 核实 (issue 17): a verified figure scores in place of the declared one, which is kept with the
/// reason; the box on 本行测算 shows the verified value; without a reason, or with a value its box
/// would refuse, nothing changes and the notice says why; 撤销核实 brings the declaration back; the
/// notice then brings the ranking as declared against as verified.
#[test]
fn a_verified_figure_scores_and_keeps_the_declaration_beside_it() {
    let mut world = World::new();
    world.type_in("icbc", Field::Loans, "3000");
    let declared = world.scenario();
    let id = FieldId::Bank("icbc".to_owned(), Field::Loans);
    let verify = |value: &str, reason: &str| Action::Verify {
        bank: "icbc".to_owned(),
        field: Field::Loans,
        value: value.to_owned(),
        reason: reason.to_owned(),
    };
    let level = |world: &World| world.app.view.notice.as_ref().map(|n| n.level);
    let told = |world: &World| world.app.view.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();

    world.send(verify("2,900", " "));
    assert_eq!(world.scenario(), declared, "no reason, no change");
    assert_eq!(level(&world), Some(Level::Error));
    assert!(told(&world).contains("核实说明"), "{}", told(&world));
    world.send(verify("-5", "按人民银行金融统计口径"));
    assert_eq!(world.scenario(), declared, "a value the box refuses, no change");
    assert_eq!(level(&world), Some(Level::Error));
    assert!(told(&world).starts_with("未核实：贷款余额"), "{}", told(&world));

    world.send(verify("2,900", "按人民银行金融统计口径"));
    let verified = world.scenario();
    assert_eq!(verified.bank("icbc").and_then(|b| Field::Loans.get(b)), Some(2900.into()));
    let kept = verified.verification("icbc", Field::Loans).expect("kept");
    assert_eq!(kept.declared, Some(3000.into()));
    assert_eq!(kept.reason, "按人民银行金融统计口径");
    assert_eq!(level(&world), Some(Level::Info));
    assert_eq!(world.app.drafts.text(&id, &world.app.document.scenario), "2900", "the box shows the verified value");

    world.send(Action::SelectTab(Tab::Notice));
    let (_, parts) = world.app.view.published.clone().expect("asked");
    let parts = parts.expect("answered").expect("a notice");
    assert_eq!(parts.iter().filter(|(r, _)| r == "ranking").count(), world.scheme.banks.len());
    assert!(parts.iter().any(|(r, t)| r == "moved" && t.starts_with("核实后：")));

    world.send(Action::Unverify("icbc".to_owned(), Field::Loans));
    assert_eq!(world.scenario(), declared, "撤销核实: as declared again");
    assert!(told(&world).starts_with("已撤销核实"), "{}", told(&world));
    // 撤销核实 again: nothing is verified, and the page says so instead of nothing.
    world.send(Action::Unverify("icbc".to_owned(), Field::Loans));
    assert_eq!(world.scenario(), declared);
    assert_eq!(level(&world), Some(Level::Warning));
    assert!(told(&world).starts_with("工商银行的贷款余额（2024年末）没有核实数，无需撤销核实"), "{}", told(&world));
    world.send(verify("3000", ""));
    assert_eq!(world.scenario(), declared, "verified as declared: nothing to keep");
}

/// 核实完成 (issue 17): every edit to what scores takes the mark away, wherever it is typed (a bank's
/// figure on 本行测算 or 全市总览, a flag, a reading, a fund's amount, a department's score); a new name
/// does not.
#[test]
fn any_edit_to_what_scores_takes_the_verification_mark_away() {
    let edits: [(&str, Action); 6] = [
        ("a bank's figure", Action::Edit(FieldId::Bank("ceb".to_owned(), Field::Loans), "5".to_owned())),
        ("a flag", Action::SetFlag("ceb".to_owned(), Field::LastPlace2023, true)),
        ("a reading", Action::Choose(Setting::BonusMode, "whole_units")),
        ("a fund's amount", Action::Edit(FieldId::FundAmount("fiscal".to_owned()), "18.7654".to_owned())),
        (
            "a department's score",
            Action::Edit(
                FieldId::Fund("icbc".to_owned(), FundFigure::DepartmentScore, "fiscal".to_owned()),
                "90".to_owned(),
            ),
        ),
        ("a city figure", Action::Edit(FieldId::Setting(Setting::LoanGrowth), "9".to_owned())),
    ];
    for (what, edit) in edits {
        let mut world = World::new();
        world.type_in("icbc", Field::Loans, "306");
        world.send(Action::SetVerificationComplete(true));
        assert!(world.scenario().verification_complete);
        world.send(edit);
        assert!(!world.scenario().verification_complete, "{what} takes the mark away");
    }
}

/// A verified figure changes only through 核实 (issue 17): typed over on 本行测算 or 全市总览, its box
/// refuses the text and says where to go, and the verified figure, its declaration and the mark stay;
/// 目标测算 does not enter an answer over it.
#[test]
fn a_verified_figure_is_not_typed_over() {
    let mut world = World::new();
    world.type_in("icbc", Field::Loans, "306");
    world.send(Action::Verify {
        bank: "icbc".to_owned(),
        field: Field::Loans,
        value: "290".to_owned(),
        reason: "人行口径".to_owned(),
    });
    world.send(Action::SetVerificationComplete(true));
    let verified = world.scenario();
    let id = FieldId::Bank("icbc".to_owned(), Field::Loans);
    world.send(Action::Edit(id.clone(), "2800".to_owned()));
    assert_eq!(world.scenario(), verified, "nothing changes");
    let draft = world.app.drafts.get(&id).expect("the text stays in its box");
    assert_eq!(draft.text, "2800");
    assert_eq!(draft.error.as_deref(), Some(kaoping_app::field::VERIFIED));
    world.send(Action::Edit(id.clone(), "290.00".to_owned()));
    assert_eq!(world.scenario(), verified, "the verified value itself is no change");
    assert_eq!(world.app.drafts.get(&id).and_then(|d| d.error.clone()), None);

    // 目标测算's answer for the bank shown (农发行's loan balance) is not entered over its verified figure.
    world.loans("50");
    world.send(Action::Verify {
        bank: "adbc".to_owned(),
        field: Field::Loans,
        value: "45".to_owned(),
        reason: "人行口径".to_owned(),
    });
    world.settle();
    let before = world.scenario();
    assert!(world.app.target.answers.as_ref().and_then(|a| a.answer.as_ref()).is_some(), "an answer to enter");
    world.send(Action::ApplyAnswer);
    assert_eq!(world.scenario(), before, "not entered");
    assert!(world.app.target.applied.is_none(), "nothing to take back");
    let draft = world.app.drafts.get(&FieldId::Bank("adbc".to_owned(), Field::Loans)).expect("the box says why");
    assert_eq!(draft.error.as_deref(), Some(kaoping_app::field::VERIFIED));
}

/// The next band's sentence is for the bank shown: after switching banks, until it is worked out for
/// the new one, the summary says it is being worked out, never the other bank's figure and rank.
#[test]
fn the_next_band_is_never_another_banks() {
    let mut world = World::new();
    world.settle();
    let (first, stale) = world.app.next_band();
    let first = first.expect("a sentence").to_owned();
    assert!(!stale && first.contains("亿元"), "{first}");
    world.send(Action::SelectBank("psbc".to_owned()));
    assert_eq!(world.app.next_band(), (Some(kaoping_app::state::NEXT_BAND_PENDING), true));
    world.settle();
    let (other, stale) = world.app.next_band();
    assert!(!stale && other.is_some_and(|t| t != first), "worked out for 邮储银行");
    // Typing keeps this bank's sentence, dimmed, until it settles.
    world.type_in("psbc", Field::Loans, "90");
    assert!(world.app.next_band().1);
    assert_ne!(world.app.next_band().0, Some(kaoping_app::state::NEXT_BAND_PENDING));
}

/// A scenario deleted while the unsaved-changes question about opening it is open: answered, its figures
/// open unnamed, since nothing is saved under its name any more (a reload then finds the same document).
#[test]
fn a_scenario_deleted_while_its_opening_waits_opens_unnamed() {
    let mut world = World::new();
    world.send(Action::SaveAs("方案一".to_owned()));
    world.send(Action::SaveAs("A".to_owned()));
    world.send(Action::Choose(Setting::BonusMode, "whole_units"));
    world.send(Action::Open("方案一".to_owned()));
    world.send(Action::Delete("方案一".to_owned()));
    world.send(Action::Answer(Answer::Save));
    assert_eq!(world.app.document.name, None);
    assert!(world.notice().contains("已被删除"), "{}", world.notice());
    let reloaded = World::open(world.shelf.clone(), &world.id, true);
    assert_eq!(reloaded.app.document.name, None);
    assert_eq!(reloaded.scenario(), world.scenario());
}

#[test]
fn the_target_panel_opens_on_the_first_lever_of_all() {
    // TargetInputs::default takes it from the common kinds without making every lever.
    let first = kaoping_engine::all_levers().first().map(kaoping_engine::Lever::key);
    assert_eq!(Some(kaoping_app::target::TargetInputs::default().lever), first);
}
