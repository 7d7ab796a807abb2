//! Never unreadable: random sequences of what a user does — typing anything into every box and every
//! setting (hostile text included), ticking flags, switching readings, saving, opening, renaming,
//! copying, deleting, resetting, answering the dialog, undoing, importing files and pasting blocks of
//! any content (placing their headings, applying all, or the rest, or closing the preview) — and after
//! each sequence, everything the page keeps or hands out reads back as the very document it holds: the
//! tab's working copy after a reload, the exported file, the share link, and every saved scenario, with
//! nothing left out; and what the page remembers of headings is what storage holds.

mod common;

use common::{scheme, World};
use kaoping_app::action::Action;
use kaoping_app::field::FieldId;
use kaoping_app::read::{canonical, fits, read_back};
use kaoping_app::store;
use kaoping_app::view::{Answer, Tab};
use kaoping_engine::{Field, FundFigure, Kind, Setting, SettingKind};
use kaoping_sheets::job::Job;
use kaoping_sheets::paste::Target;
use kaoping_sheets::MapTo;
use proptest::prelude::*;
use std::rc::Rc;

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

fn fund() -> impl Strategy<Value = String> {
    prop::sample::select(scheme().rules.outcomes.funds.iter().map(|f| f.id.clone()).collect::<Vec<_>>())
}

/// Every box of the page: a bank's figure, a city figure, a setting, a department's score of a bank for
/// one public fund, a fund's amount.
fn field_id() -> impl Strategy<Value = FieldId> {
    prop_oneof![
        6 => (bank(), figure()).prop_map(|(bank, field)| FieldId::Bank(bank, field)),
        2 => (bank(), fund()).prop_map(|(bank, fund)| FieldId::Fund(bank, FundFigure::DepartmentScore, fund)),
        2 => fund().prop_map(FieldId::FundAmount),
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

/// Headings as files write them: the field table's labels and short labels (with and without a unit),
/// headings the reader does not know, and the bank column.
fn heading() -> impl Strategy<Value = String> {
    let mut known: Vec<String> =
        Field::ALL.iter().flat_map(|f| [f.label().to_owned(), f.spec().short.to_owned()]).collect();
    known.extend(["各项贷款余额（万元）", "中小微企业贷款余额（元）"].map(str::to_owned));
    let unknown =
        ["普惠型小微企业贷款余额（万元）", "涉农贷款余额", "存贷比（%）", "", "备注", "银行"].map(str::to_owned);
    prop_oneof![6 => prop::sample::select(known), 1 => prop::sample::select(unknown.to_vec())]
}

/// A bank as a file names it: short, full or legal name, an id, or a bank of no scheme.
fn bank_name() -> impl Strategy<Value = String> {
    let mut names: Vec<String> = scheme()
        .banks
        .iter()
        .flat_map(|b| [b.short_name.clone(), b.legal_name.clone(), b.id.clone()])
        .filter(|n| !n.is_empty())
        .collect();
    names.extend(["火星银行", "合计"].map(str::to_owned));
    prop::sample::select(names)
}

/// A table a user might import or paste: a title or unit row sometimes, a heading row, and rows of
/// banks with any text in their cells.
fn table() -> impl Strategy<Value = (Vec<String>, Vec<(String, Vec<String>)>)> {
    let above = prop::sample::select(vec!["", "单位：万元", "2024年末贷款情况表"]).prop_map(str::to_owned);
    let headings = prop::collection::vec(heading(), 1..4);
    let number = (0i64..100_000, 0u32..3).prop_map(|(n, scale)| rust_decimal::Decimal::new(n, scale).to_string());
    let cell = prop_oneof![3 => number, 1 => text()];
    let rows = prop::collection::vec((bank_name(), prop::collection::vec(cell, 3)), 0..6);
    (above, headings, rows).prop_map(|(above, headings, rows)| {
        let mut lines = Vec::new();
        if !above.is_empty() {
            lines.push(above);
        }
        lines.push(format!("银行名称,{}", headings.join(",")));
        (
            lines,
            rows.into_iter().map(|(bank, cells)| (bank, cells.into_iter().take(headings.len()).collect())).collect(),
        )
    })
}

/// The table as CSV (cells quoted as a spreadsheet program quotes them).
fn csv_file() -> impl Strategy<Value = Vec<u8>> {
    table().prop_map(|(mut lines, rows)| {
        let quote = |cell: &str| {
            if cell.contains([',', '"', '\n']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.to_owned()
            }
        };
        for (bank, cells) in rows {
            lines.push(std::iter::once(bank).chain(cells).map(|c| quote(&c)).collect::<Vec<_>>().join(","));
        }
        lines.join("\r\n").into_bytes()
    })
}

/// The table as a block copied from a spreadsheet (tab-separated), pasted into 全市总览's first box.
fn pasted_block() -> impl Strategy<Value = Action> {
    table().prop_map(|(lines, rows)| {
        let mut text: Vec<String> = lines.iter().map(|l| l.replace(',', "\t")).collect();
        for (bank, cells) in rows {
            text.push(
                std::iter::once(bank).chain(cells).map(|c| c.replace(['\t', '\n'], " ")).collect::<Vec<_>>().join("\t"),
            );
        }
        let columns = Field::ALL.iter().copied().filter(|f| f.kind() != Kind::Flag).collect();
        let banks = scheme().banks.iter().map(|b| b.id.clone()).collect();
        Action::Paste(Job::Paste { text: text.join("\n"), target: Target { columns, banks }, mapping: Vec::new() })
    })
}

/// What the user says a heading is.
fn map_to() -> impl Strategy<Value = Option<MapTo>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(MapTo::Ignore)),
        3 => prop::sample::select(Field::ALL.to_vec()).prop_map(|f| Some(MapTo::Figure(f))),
    ]
}

/// What a user does with a file or a block and its preview.
fn import_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => csv_file().prop_map(|bytes| Action::Import { file_name: "报表.csv".to_owned(), bytes: Rc::new(bytes) }),
        // 汇总申报表: returned files under a few names, so that two may declare one bank differently.
        2 => prop::collection::vec((prop::sample::select(vec!["申报表-工商银行.csv", "申报表（更正）.csv", "汇总.csv"]), csv_file()), 1..4)
            .prop_map(|files| Action::Collect(files.into_iter().map(|(n, b)| (n.to_owned(), Rc::new(b))).collect())),
        1 => pasted_block(),
        3 => (heading(), map_to()).prop_map(|(heading, to)| Action::MapHeading(heading, to)),
        1 => heading().prop_map(Action::ForgetHeading),
        3 => Just(Action::ApplyPreview),
        3 => Just(Action::ApplyRest),
        1 => Just(Action::ClosePreview),
        1 => Just(Action::DownloadRefused),
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
        1 => any::<bool>().prop_map(Action::SetVerificationComplete),
        2 => (bank(), figure(), text(), prop::sample::select(vec!["", " ", "按人民银行金融统计口径"]))
            .prop_map(|(bank, field, value, reason)| Action::Verify { bank, field, value, reason: reason.to_owned() }),
        1 => (bank(), figure()).prop_map(|(bank, field)| Action::Unverify(bank, field)),
        10 => import_action(),
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
            prop_assert_eq!(fits(world.scheme, &document), Ok(()), "the document can be written and read back");
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
        let read = read_back(std::str::from_utf8(&bytes).expect("UTF-8"), world.scheme).expect("the export reads back");
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
            let read = store::load(&world.shelf, world.scheme, &saved.name).expect("listed, so stored");
            let read = read.map_err(TestCaseError::fail)?;
            prop_assert!(read.dropped.is_empty(), "{}: {:?}", saved.name, read.dropped);
            prop_assert_eq!(fits(world.scheme, &read.scenario), Ok(()));
        }
        prop_assert_eq!(world.app.view.library.as_ref(), &store::library(&world.shelf), "the mirror is storage");
        prop_assert_eq!(world.app.view.remembered.as_ref(), &store::headings(&world.shelf), "so is the headings'");
    }
}
