//! 规则与设置 › 考评方案 (issue 18): a scheme file picked is refused with its place or previewed against
//! the scheme in force; 采用 keeps it across reloads and the working copy, saved scenarios and links
//! are read under it, with a notice for what was made under another; the built-in scheme comes back.

mod common;

use std::rc::Rc;

use common::{MemShelf, World};
use kaoping_app::action::Action;
use kaoping_app::view::Tab;
use kaoping_engine::{Field, Scheme};

const SCHEME_2025: &str = include_str!("../../../tests/schemes/2025-synthetic.scheme.json");

fn pick(world: &mut World, name: &str, text: &str) {
    world.send(Action::SelectTab(Tab::Settings));
    world.send(Action::OpenScheme { file_name: name.to_owned(), bytes: Rc::new(text.as_bytes().to_vec()) });
}

fn adopt_2025(mut world: World) -> World {
    pick(&mut world, "2025.json", SCHEME_2025);
    world.send(Action::AdoptScheme);
    assert!(world.restart_due, "adopting starts the page again");
    world.reload()
}

#[test]
fn a_bad_file_is_refused_with_its_place_and_nothing_changes() {
    let mut world = World::new();
    let bad = SCHEME_2025.replacen("\"year\": 2025", "\"year\": \"二〇二五\"", 1);
    assert_ne!(bad, SCHEME_2025, "the test file has its year where the test expects it");
    pick(&mut world, "坏方案.json", &bad);
    let file = world.app.view.scheme_file.clone().expect("read");
    let why = file.read.clone().expect_err("refused");
    assert!(why.contains("year"), "{why}");
    world.send(Action::AdoptScheme);
    assert!(!world.restart_due, "a refused file cannot be adopted");

    pick(&mut world, "乱码.json", "not json");
    assert!(world.app.view.scheme_file.as_ref().expect("read").read.is_err());
    world.send(Action::CloseScheme);
    assert!(world.app.view.scheme_file.is_none());
}

#[test]
fn the_preview_says_how_the_file_differs_from_the_scheme_in_force() {
    let mut world = World::new();
    pick(&mut world, "2025.json", SCHEME_2025);
    let file = world.app.view.scheme_file.clone().expect("read");
    let preview = file.read.clone().expect("a good file");
    assert!(!preview.in_force);
    assert_eq!(preview.summary.banks.len(), 15);
    assert!(preview.differences.iter().any(|l| l.contains("光大")), "{:?}", preview.differences);
    assert!(preview.summary.label.starts_with("2025年度"), "{}", preview.summary.label);

    // The built-in file itself is the scheme in force: nothing to adopt.
    let builtin = Scheme::builtin(2024).expect("built in").to_json();
    pick(&mut world, "2024.json", &builtin);
    assert!(world.app.view.scheme_file.as_ref().expect("read").read.as_ref().expect("good").in_force);
    world.send(Action::AdoptScheme);
    assert!(!world.restart_due);
}

#[test]
fn adopted_it_stays_in_force_and_the_work_is_read_under_it() {
    let mut world = World::new();
    world.loans("321");
    let world = adopt_2025(world);
    assert_eq!(world.scheme.year, 2025);
    assert!(!world.app.in_force.builtin);
    assert_eq!(world.app.scheme.banks.len(), 15);
    // The working copy came through, scored under 2025, and says it was made under 2024.
    let scenario = world.scenario();
    assert_eq!(scenario.year, 2025);
    assert_eq!(scenario.scheme.as_ref().map(|m| m.fingerprint.as_str()), Some(world.scheme.fingerprint.as_str()));
    assert_eq!(world.loans_box(), "321");
    let told = world.app.document.made_under.clone().expect("told");
    assert!(told.contains("2024年度") && told.contains("2025年度"), "{told}");

    // Saved: marked with the scheme in force, the notice is gone, and it stays so after a reload.
    let mut world = world;
    world.send(Action::SaveAs("二五年".to_owned()));
    assert!(world.app.document.made_under.is_none());
    let saved = kaoping_app::store::load(&world.shelf, world.scheme, "二五年").expect("saved").expect("readable");
    assert_eq!(saved.scenario.scheme, scenario.scheme);
    let world = world.reload();
    assert_eq!(world.scheme.year, 2025, "kept across reloads");
    assert!(world.app.document.made_under.is_none());
    assert_eq!(world.app.document.name.as_deref(), Some("二五年"));
}

#[test]
fn a_bank_the_new_scheme_lacks_keeps_its_figures_and_is_named() {
    let mut world = World::new();
    world.type_in("ceb", Field::Loans, "55");
    world.send(Action::SaveAs("有光大".to_owned()));
    let mut world = adopt_2025(world);
    let told = world.app.document.made_under.clone().expect("told");
    assert!(told.contains("ceb") && told.contains("不计分"), "{told}");
    assert_eq!(world.app.derived.evaluation.banks.len(), 15);
    let kept = |w: &World| w.scenario().bank("ceb").and_then(|b| Field::Loans.get(b));
    assert_eq!(kept(&world), Some("55".parse().expect("decimal")));
    // Saved and read again, the figures are still there.
    world.send(Action::Save);
    let world = world.reload();
    assert_eq!(kept(&world), Some("55".parse().expect("decimal")));
    assert!(world.notice().is_empty() || !world.notice().contains("无法读取"), "{}", world.notice());
}

#[test]
fn the_built_in_scheme_can_always_be_restored() {
    let mut world = adopt_2025(World::new());
    world.send(Action::SaveAs("二五年".to_owned()));
    world.send(Action::RestoreBuiltinScheme);
    assert!(world.restart_due);
    let mut world = world.reload();
    assert!(world.app.in_force.builtin);
    assert_eq!(world.scheme.year, 2024);
    // What was saved under 2025 opens under 2024, saying so.
    world.send(Action::Open("二五年".to_owned()));
    let told = world.app.document.made_under.clone().expect("told");
    assert!(told.contains("2025年度"), "{told}");
    assert_eq!(world.scenario().year, 2024);
    // Restoring when the built-in scheme is in force does nothing.
    world.send(Action::RestoreBuiltinScheme);
    assert!(!world.restart_due);
}

#[test]
fn a_damaged_adopted_file_falls_back_to_the_built_in_scheme_and_says_so() {
    let world = adopt_2025(World::new());
    let shelf: MemShelf = world.shelf.clone();
    let record = shelf.map.borrow().get("kaoping/scheme").cloned().expect("kept");
    shelf.map.borrow_mut().insert("kaoping/scheme".to_owned(), record.replace("虚构方案", "虚构方案（改）"));
    let world = world.reload();
    assert!(world.app.in_force.builtin);
    assert!(world.notice().contains("考评方案"), "{}", world.notice());
    assert!(shelf.map.borrow().get("kaoping/damaged").is_some(), "set aside, not lost");
}
