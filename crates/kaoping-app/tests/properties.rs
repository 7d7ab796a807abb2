//! Never unreadable: random sequences of what a user does — typing anything into every box and every
//! setting (hostile text included), ticking flags, switching readings, saving, opening, renaming,
//! copying, deleting, resetting, answering the dialog, undoing — and after each sequence, everything
//! the page keeps or hands out reads back as the very document it holds: the tab's working copy after
//! a reload, the exported file, the share link, and every saved scenario, with nothing left out.

mod common;

use common::{scheme, World};
use kaoping_app::action::Action;
use kaoping_app::field::FieldId;
use kaoping_app::read::{canonical, fits, read_back};
use kaoping_app::store;
use kaoping_app::view::{Answer, Tab};
use kaoping_engine::{Field, Kind, Setting, SettingKind};
use proptest::prelude::*;

/// Text as people type it and worse: good figures in many spellings, figures at and past every bound,
/// and garbage.
fn text() -> impl Strategy<Value = String> {
    let hostile = prop::sample::select(vec![
        "",
        " ",
        "0",
        "-0",
        "150",
        "-5",
        "−5",
        "１５０",
        "100",
        "100.000000001",
        "0.00000001",
        "9999",
        "-150",
        "10000",
        "-10000",
        "10001",
        "1e3",
        "NaN",
        "inf",
        "1,2",
        "1,234.5",
        "１２３４．５亿",
        "12亿元",
        "12%",
        "３％",
        "亿",
        ".",
        "-",
        "+3",
        "0x10",
        "99999999999999999999999999999",
        "79228162514264337593543950335",
        "1.2.3",
        "12 34",
        "１，２３４",
        "3。5",
        "7户",
        "-3",
        "3.5",
        "2.123456789",
        "100000000",
        "100000000.01",
    ])
    .prop_map(str::to_owned);
    let number = (0i64..5_000_000, 0u32..4).prop_map(|(n, scale)| rust_decimal::Decimal::new(n, scale).to_string());
    let garbage = "[0-9０-９.,，。\\-−+ 亿元%％户x]{0,8}";
    prop_oneof![4 => hostile, 4 => number, 2 => garbage]
}

fn bank() -> impl Strategy<Value = String> {
    prop::sample::select(scheme().banks.iter().map(|b| b.id.clone()).collect::<Vec<_>>())
}

fn figure() -> impl Strategy<Value = Field> {
    prop::sample::select(Field::ALL.iter().copied().filter(|f| f.kind() != Kind::Flag).collect::<Vec<_>>())
}

fn flag() -> impl Strategy<Value = Field> {
    prop::sample::select(Field::ALL.iter().copied().filter(|f| f.kind() == Kind::Flag).collect::<Vec<_>>())
}

/// Every box of the page: a bank's figure, a city figure, a setting.
fn field_id() -> impl Strategy<Value = FieldId> {
    prop_oneof![
        6 => (bank(), figure()).prop_map(|(bank, field)| FieldId::Bank(bank, field)),
        4 => prop::sample::select(
            Setting::ALL.into_iter().filter(|s| matches!(s.spec().kind, SettingKind::Number { .. })).collect::<Vec<_>>()
        )
        .prop_map(FieldId::Setting),
    ]
}

/// Every choice of every reading.
fn choice() -> impl Strategy<Value = (Setting, &'static str)> {
    let choices: Vec<(Setting, &'static str)> =
        Setting::ALL.into_iter().flat_map(|s| s.choices().iter().map(move |c| (s, c.value))).collect();
    prop::sample::select(choices)
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["A", "B", "方案一", " C "]).prop_map(str::to_owned)
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::Save),
        Just(Answer::Discard),
        Just(Answer::Overwrite),
        Just(Answer::SaveAs),
        Just(Answer::Cancel),
        name().prop_map(Answer::Name),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        12 => (field_id(), text()).prop_map(|(id, text)| Action::Edit(id, text)),
        2 => (bank(), flag(), any::<bool>()).prop_map(|(bank, flag, on)| Action::SetFlag(bank, flag, on)),
        2 => choice().prop_map(|(setting, value)| Action::Choose(setting, value)),
        1 => Just(Action::Save),
        1 => name().prop_map(Action::SaveAs),
        1 => name().prop_map(Action::Open),
        1 => (name(), name()).prop_map(|(from, to)| Action::Rename { from, to }),
        1 => name().prop_map(Action::Duplicate),
        1 => name().prop_map(Action::Delete),
        1 => Just(Action::Reset),
        2 => answer().prop_map(Action::Answer),
        1 => Just(Action::Undo),
        1 => bank().prop_map(Action::SelectBank),
        1 => prop::sample::select(Tab::ALL.to_vec()).prop_map(Action::SelectTab),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn what_the_page_keeps_and_hands_out_reads_back_as_its_document(actions in prop::collection::vec(action(), 1..40)) {
        let mut world = World::new();
        for action in actions {
            world.send(action);
            let document = world.scenario();
            prop_assert_eq!(&document, &canonical(scheme(), &document), "the document is held in canonical form");
            prop_assert_eq!(fits(&document), Ok(()), "the document can be written and read back");
        }
        let document = world.scenario();

        // The tab's working copy, after a reload.
        let reloaded = World::open(world.shelf.clone(), &world.id, true);
        prop_assert_eq!(reloaded.scenario(), document.clone(), "the working copy reads back");
        prop_assert!(!reloaded.notice().contains("无法读取"), "nothing left out: {}", reloaded.notice());
        prop_assert_eq!(reloaded.app.document.modified, world.app.document.modified);
        prop_assert_eq!(&reloaded.app.document.name, &world.app.document.name);

        // The exported file.
        world.send(Action::Export);
        let (_, bytes) = world.downloads.last().cloned().expect("a download");
        let read = read_back(std::str::from_utf8(&bytes).expect("UTF-8")).expect("the export reads back");
        prop_assert_eq!(&read.scenario, &document);
        prop_assert!(read.dropped.is_empty());

        // The share link.
        world.send(Action::CopyLink);
        let fragment = world.links.last().cloned().expect("a link");
        let (linked, dropped) = kaoping_sheets::link::salvage_fragment(&fragment).expect("the link reads back");
        prop_assert_eq!(&canonical(scheme(), &linked), &document);
        prop_assert!(dropped.is_empty());
        prop_assert_eq!(kaoping_sheets::link::bank(&fragment), Some(world.app.view.bank.clone()));

        // Every saved scenario.
        for saved in store::library(&world.shelf) {
            let read = store::load(&world.shelf, &saved.name).expect("listed, so stored");
            let read = read.map_err(TestCaseError::fail)?;
            prop_assert!(read.dropped.is_empty(), "{}: {:?}", saved.name, read.dropped);
            prop_assert_eq!(fits(&read.scenario), Ok(()));
        }
        prop_assert_eq!(world.app.view.library.as_ref(), &store::library(&world.shelf), "the mirror is storage");
    }
}
