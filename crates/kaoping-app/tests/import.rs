//! The import preview's rules (issue 15), driven as the page drives them: headings the reader cannot
//! place are asked about, read again once placed, remembered in this browser and forgotten on request;
//! a partial import is an explicit choice, one edit that 撤销 takes back, its refused cells a list to
//! download; a pasted block with its headings goes through the same reader; an answer that comes too
//! late is dropped, and nothing is applied from a preview being read again.

mod common;

use std::rc::Rc;

use common::{scheme, World};
use kaoping_app::action::Action;
use kaoping_app::effect::Effect;
use kaoping_app::store;
use kaoping_app::view::{Level, SheetImport};
use kaoping_engine::{Field, Scenario};
use kaoping_sheets::job::{Job, Reply};
use kaoping_sheets::paste::Target;
use kaoping_sheets::MapTo;

const INCLUSIVE: &str = "普惠型小微企业贷款余额（万元）";
const RURAL: &str = "涉农贷款余额（万元）";

/// A bureau's table with two headings the reader does not know: 普惠型小微企业贷款余额 (the banking
/// regulator's statistic, which only the user may call 普惠小微贷款) and 涉农贷款余额 (not a figure of
/// the scheme).
fn bureau_csv() -> Vec<u8> {
    format!(
        "单位：万元\n银行名称,各项贷款余额,{INCLUSIVE},{RURAL}\n中国工商银行股份有限公司黄石分行,4129057.5,123450,880\n中国农业银行股份有限公司黄石分行,4252515,98765,770\n"
    )
    .into_bytes()
}

fn import(world: &mut World, name: &str, bytes: Vec<u8>) {
    world.send(Action::Import { file_name: name.to_owned(), bytes: Rc::new(bytes) });
}

fn sheet(world: &World) -> SheetImport {
    world.app.view.sheet.clone().expect("the import preview")
}

fn figure(scenario: &Scenario, bank: &str, field: Field) -> Option<String> {
    scenario.bank(bank).and_then(|b| field.get(b)).map(|v| v.normalize().to_string())
}

#[test]
fn an_unplaced_heading_is_asked_placed_remembered_and_forgotten() {
    let mut world = World::new();
    import(&mut world, "报表.csv", bureau_csv());
    let asked = sheet(&world);
    let headings: Vec<(&str, Option<MapTo>)> = asked.headings.iter().map(|h| (h.heading.as_str(), h.to)).collect();
    assert_eq!(headings, [(INCLUSIVE, None), (RURAL, None)]);
    assert_eq!(asked.headings[0].place, "报表.csv!C2");
    assert!(asked.applied.is_err(), "an unplaced heading refuses the file as it is");
    assert_eq!(asked.preview.problems.len(), 2, "{:?}", asked.preview.problems);

    // Placed: read again with it, remembered in this browser.
    world.send(Action::MapHeading(INCLUSIVE.to_owned(), Some(MapTo::Figure(Field::Inclusive))));
    let placed = sheet(&world);
    assert_eq!(placed.headings[0].to, Some(MapTo::Figure(Field::Inclusive)));
    assert!(placed.headings[0].remembered);
    assert_eq!(placed.headings[1].to, None, "the other is still asked");
    assert!(placed.preview.changes.iter().any(|c| c.what == "普惠小微" && c.after == "12.345 亿元"), "万元 converted");
    assert_eq!(placed.preview.problems.len(), 1);
    assert!(matches!(&placed.job, Job::Read { mapping, .. } if mapping.len() == 1));
    world.send(Action::MapHeading(RURAL.to_owned(), Some(MapTo::Ignore)));
    let ready = sheet(&world);
    assert!(ready.preview.problems.is_empty(), "{:?}", ready.preview.problems);
    assert!(ready.applied.is_ok());
    world.send(Action::ApplyPreview);
    assert_eq!(figure(&world.scenario(), "icbc", Field::Inclusive).as_deref(), Some("12.345"));
    assert_eq!(figure(&world.scenario(), "abc", Field::Loans).as_deref(), Some("425.2515"));
    assert_eq!(
        store::headings(&world.shelf),
        [(INCLUSIVE.to_owned(), MapTo::Figure(Field::Inclusive)), (RURAL.to_owned(), MapTo::Ignore)]
    );

    // Next time, in another tab of this browser: placed from memory, nothing asked, marked as remembered.
    let mut other = world.another_tab("tab2");
    import(&mut other, "报表（二）.csv", bureau_csv());
    let known = sheet(&other);
    assert_eq!(other.reads.len(), 2, "read once to find the headings, once with the remembered ones");
    assert!(known.headings.iter().all(|h| h.remembered && h.to.is_some()), "{:?}", known.headings);
    assert!(known.preview.problems.is_empty() && known.applied.is_ok());

    // 忘记: this import keeps the choice, the next one asks again.
    other.send(Action::ForgetHeading(INCLUSIVE.to_owned()));
    let forgotten = sheet(&other);
    assert!(!forgotten.headings[0].remembered && forgotten.headings[0].to.is_some());
    assert!(forgotten.headings[1].remembered);
    assert_eq!(store::headings(&other.shelf), [(RURAL.to_owned(), MapTo::Ignore)]);
    other.send(Action::ClosePreview);
    import(&mut other, "报表.csv", bureau_csv());
    let again = sheet(&other);
    assert_eq!(again.headings[0].to, None);
    assert_eq!(again.headings[1].to, Some(MapTo::Ignore));

    // Taking a choice back (请选择) forgets it too and asks again.
    other.send(Action::MapHeading(RURAL.to_owned(), None));
    assert!(store::headings(&other.shelf).is_empty());
    assert_eq!(sheet(&other).preview.problems.len(), 2);

    // Another tab's memory changes the marks shown here.
    world.send(Action::HeadingsRemembered(store::headings(&world.shelf)));
    assert!(world.app.view.remembered.is_empty());
}

#[test]
fn remembered_headings_that_cannot_be_read_are_left_out() {
    let world = World::new();
    world.shelf.map.borrow_mut().insert(
        "kaoping/headings".to_owned(),
        r#"[["甲","loans"],["乙","no_such_figure"],[3,"ignore"],"丙",["丁","ignore"]]"#.to_owned(),
    );
    assert_eq!(
        store::headings(&world.shelf),
        [("甲".to_owned(), MapTo::Figure(Field::Loans)), ("丁".to_owned(), MapTo::Ignore)]
    );
    world.shelf.map.borrow_mut().insert("kaoping/headings".to_owned(), "not json".to_owned());
    assert!(store::headings(&world.shelf).is_empty());
    let list = store::remember_heading(&world.shelf, "戊", Some(MapTo::Ignore)).expect("written");
    assert_eq!(list, [("戊".to_owned(), MapTo::Ignore)]);
    // Compared as the reader compares headings: the same heading with other spaces and brackets.
    let list = store::remember_heading(&world.shelf, " 戊 ", Some(MapTo::Figure(Field::Loans))).expect("written");
    assert_eq!(list, [(" 戊 ".to_owned(), MapTo::Figure(Field::Loans))]);
    for n in 0..store::MAX_HEADINGS + 5 {
        store::remember_heading(&world.shelf, &format!("列{n}"), Some(MapTo::Ignore)).expect("written");
    }
    let list = store::headings(&world.shelf);
    assert_eq!(list.len(), store::MAX_HEADINGS, "the oldest go");
    assert_eq!(list.last().map(|(h, _)| h.as_str()), Some(format!("列{}", store::MAX_HEADINGS + 4).as_str()));
}

#[test]
fn a_choice_that_cannot_be_remembered_still_counts_for_this_import() {
    let mut world = World::new();
    import(&mut world, "报表.csv", bureau_csv());
    *world.shelf.full.borrow_mut() = true;
    world.send(Action::MapHeading(RURAL.to_owned(), Some(MapTo::Ignore)));
    let placed = sheet(&world);
    assert_eq!(placed.headings[1].to, Some(MapTo::Ignore));
    assert!(!placed.headings[1].remembered);
    assert_eq!(placed.preview.problems.len(), 1);
    assert!(world.notice().contains("未能在本浏览器记住表头"), "{}", world.notice());
}

/// 工商银行's row has a cell that cannot be read; the rest can be.
fn with_a_refused_cell() -> Vec<u8> {
    "银行,贷款余额（亿元）,绿色贷款余额（亿元）\n工商银行,2345.6,待报\n农业银行,300,20\n".as_bytes().to_vec()
}

#[test]
fn a_partial_import_is_an_explicit_choice_and_one_step_that_undo_takes_back() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("方案A".to_owned()));
    let before = world.scenario();
    import(&mut world, "填报.csv", with_a_refused_cell());
    let shown = sheet(&world);
    assert!(shown.preview.rest_possible && shown.rest.is_some());
    assert_eq!(shown.preview.changes.len(), 3, "{:?}", shown.preview.changes);
    assert_eq!(shown.preview.problems.len(), 1);
    assert_eq!(shown.preview.problems[0].place, "填报.csv!C2");

    // Without the choice it stays all or nothing.
    world.send(Action::ApplyPreview);
    assert_eq!(world.scenario(), before);
    assert!(world.notice().contains("没有做任何更改"), "{}", world.notice());

    // The refused cells as a list, from the preview.
    import(&mut world, "填报.csv", with_a_refused_cell());
    world.send(Action::DownloadRefused);
    let (name, bytes) = world.downloads.last().cloned().expect("the list");
    assert_eq!(name, "未导入清单-填报.csv");
    let list = String::from_utf8(bytes).expect("UTF-8");
    assert!(list.starts_with('\u{feff}'), "with a mark, so that Excel reads the Chinese");
    assert!(list.contains("填报.csv,填报.csv!C2,") && list.contains("待报"), "{list}");

    // 导入其余 3 项: one step.
    let revision = world.app.document.revision;
    world.send(Action::ApplyRest);
    assert_eq!(world.app.document.revision, revision + 1, "one edit");
    let after = world.scenario();
    assert_eq!(figure(&after, "icbc", Field::Loans).as_deref(), Some("2345.6"));
    assert_eq!(figure(&after, "icbc", Field::GreenLoans), None, "the refused cell is left as it was");
    assert_eq!(figure(&after, "abc", Field::GreenLoans).as_deref(), Some("20"));
    assert_eq!(figure(&after, "adbc", Field::Loans).as_deref(), Some("330"), "what was typed stays");
    let notice = world.app.view.notice.clone().expect("a notice");
    assert_eq!(notice.level, Level::Warning);
    assert!(notice.text.contains("已导入其余 3 项修改") && notice.text.contains("1 处无法读取"), "{}", notice.text);
    assert!(world.app.view.sheet.is_none());

    // The list again, from the notice.
    let downloads = world.downloads.len();
    world.send(Action::DownloadRefused);
    assert_eq!(world.downloads.len(), downloads + 1);
    assert_eq!(world.downloads.last().map(|(_, b)| b.clone()), Some(list.into_bytes()));

    // 撤销 brings back the scenario before.
    world.send(Action::Undo);
    assert_eq!(world.scenario(), before);
    assert!(world.notice().contains("已撤销导入"));
    let downloads = world.downloads.len();
    world.send(Action::DownloadRefused);
    assert_eq!(world.downloads.len(), downloads, "nothing left to list");
}

#[test]
fn a_file_refused_as_a_whole_offers_no_partial_import() {
    let mut world = World::new();
    import(&mut world, "空.csv", Vec::from(&b"\n\n"[..]));
    let shown = sheet(&world);
    assert!(!shown.preview.rest_possible && shown.rest.is_none());
    let before = world.app.clone();
    world.send(Action::ApplyRest);
    assert_eq!(world.app.document, before.document, "nothing applied");
    assert!(world.app.view.sheet.is_some(), "the preview stays, to be closed");
}

#[test]
fn a_partial_import_over_unsaved_changes_waits_for_the_question() {
    let mut world = World::new();
    world.loans("330");
    world.send(Action::SaveAs("方案A".to_owned()));
    world.loans("331");
    import(&mut world, "填报.csv", with_a_refused_cell());
    world.send(Action::ApplyRest);
    assert!(world.app.view.prompt.is_some(), "asks first");
    world.send(Action::Answer(kaoping_app::view::Answer::Discard));
    assert_eq!(figure(&world.scenario(), "adbc", Field::Loans).as_deref(), Some("331"), "read over the changes");
    assert_eq!(figure(&world.scenario(), "icbc", Field::Loans).as_deref(), Some("2345.6"));
    let notice = world.app.view.notice.clone().expect("a notice");
    assert!(notice.undo.is_some() && notice.refused.is_some());
}

/// The read asked for by the last reduce, without running it.
fn asked(effects: &[Effect]) -> (Job, Rc<Vec<u8>>, Rc<Scenario>, u64, u64) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::ReadSheet { job, bytes, against, revision, read } => {
                Some((job.clone(), bytes.clone(), against.clone(), *revision, *read))
            }
            _ => None,
        })
        .expect("a read")
}

/// The spreadsheet module's answer to a read, as the page hands it to the reducer.
fn answer((job, bytes, against, revision, read): (Job, Rc<Vec<u8>>, Rc<Scenario>, u64, u64)) -> Action {
    let (Reply::Imported(imported), _) = job.run(scheme(), &against, &bytes) else { panic!("an import") };
    Action::Previewed(SheetImport::answered(*imported, job, bytes, revision, read))
}

#[test]
fn an_answer_that_comes_too_late_is_dropped_and_a_preview_read_again_cannot_be_applied() {
    let world = World::new();
    let app = world.app.clone();
    let import = Action::Import { file_name: "报表.csv".to_owned(), bytes: Rc::new(bureau_csv()) };
    let (app, fx) = app.reduce(import.clone());
    let first = asked(&fx);
    // Closed before the answer came: the answer does not open it again.
    let (app, _) = app.reduce(Action::ClosePreview);
    let (closed, _) = app.reduce(answer(first.clone()));
    assert!(closed.view.sheet.is_none());

    // Two reads: only the last one's answer is shown.
    let (app, fx) = closed.reduce(import.clone());
    let older = asked(&fx);
    let (app, fx) = app.reduce(import);
    let newer = asked(&fx);
    let (app, _) = app.reduce(answer(older));
    assert!(app.view.sheet.is_none(), "an older read's answer is dropped");
    let (app, _) = app.reduce(answer(newer));
    assert!(app.view.sheet.is_some());

    // A heading placed: while it is read again, nothing can be applied from the preview shown.
    let (app, fx) = app.reduce(Action::MapHeading(INCLUSIVE.to_owned(), Some(MapTo::Ignore)));
    assert!(fx.iter().any(|e| matches!(e, Effect::RememberHeading { .. })));
    let again = asked(&fx);
    assert!(app.view.reading.is_some() && app.view.sheet.is_some(), "the last answer stays shown, busy");
    assert_eq!(app.view.reading.as_ref().map(|r| r.headings[0].to), Some(Some(MapTo::Ignore)));
    for action in [Action::ApplyPreview, Action::ApplyRest] {
        let (same, _) = app.reduce(action);
        assert_eq!(same.document, app.document);
        assert!(same.view.sheet.is_some());
    }
    let (app, _) = app.reduce(answer(again));
    assert!(app.view.reading.is_none());
    assert_eq!(app.view.sheet.as_ref().map(|s| s.preview.problems.len()), Some(1));

    // The module failed on a read: told, the preview goes, nothing changes.
    let (app, fx) = app.reduce(Action::MapHeading(RURAL.to_owned(), Some(MapTo::Ignore)));
    let (_, _, _, _, read) = asked(&fx);
    let (failed, _) = app.reduce(Action::SheetFailed(read, "表格模块未能加载。".to_owned()));
    assert!(failed.view.sheet.is_none() && failed.view.reading.is_none());
    assert_eq!(failed.document, app.document);
    assert!(failed.view.notice.as_ref().is_some_and(|n| n.text.contains("当前测算未作任何改变")));
    let (stale, _) = app.reduce(Action::SheetFailed(read - 1, "旧的".to_owned()));
    assert!(stale.view.sheet.is_some(), "an older read's failure changes nothing");
}

/// A bureau's 报表 as Excel or WPS puts it on the clipboard: a title, a 填报单位 / 单位 row, two
/// heading rows with a group heading (its merged cells empty), legal names, numbers as shown, a 合计
/// row and a 填表人 line.
fn bureau_block(extra_heading: Option<&str>) -> String {
    let extra = extra_heading.map_or(String::new(), |h| format!("\t{h}"));
    let extra_cell = if extra_heading.is_some() { "\t1,000.00" } else { "" };
    let mut text = format!(
        "2024年末黄石市银行业金融机构贷款情况表\t\t\t\t\n填报单位：黄石市财政局\t\t\t单位：万元\t\n序号\t银行名称\t各项贷款余额\t中小微企业\t{extra}\n\t\t\t贷款余额\t贷款户数（户）\n"
    );
    let banks = [
        ("中国工商银行股份有限公司黄石分行", "4,129,057.50", "1,238,717.25", "1237"),
        ("中国农业银行股份有限公司黄石分行", "4,252,515.00", "1,275,754.50", "1274"),
        ("广发银行黄石分行", "5,116,717.50", "1,535,015.25", "1533"),
    ];
    for (n, (bank, loans, sme, households)) in banks.iter().enumerate() {
        text.push_str(&format!("{}\t{bank}\t{loans}\t{sme}\t{households}{extra_cell}\n", n + 1));
    }
    text.push_str("合计\t\t13,498,290.00\t4,049,487.00\t4044\n\n填表人：张三\t\t\t\t\n");
    text
}

fn paste_job(text: String) -> Job {
    let columns = vec![Field::Loans, Field::SmeLoans, Field::SmeCustomers];
    let banks = scheme().banks.iter().map(|b| b.id.clone()).collect();
    Job::Paste { text, target: Target { columns, banks }, mapping: Vec::new() }
}

#[test]
fn a_block_copied_with_its_headings_pastes_through_the_same_reader() {
    let mut world = World::new();
    world.send(Action::Paste(paste_job(bureau_block(None))));
    let shown = sheet(&world);
    assert!(shown.preview.problems.is_empty(), "{:?}", shown.preview.problems);
    assert_eq!(shown.preview.banks, 3);
    assert_eq!(shown.preview.changes.len(), 9, "{:?}", shown.preview.changes);
    assert!(shown.preview.notes.iter().any(|n| n.message.contains("合计")), "{:?}", shown.preview.notes);
    world.send(Action::ApplyPreview);
    let scenario = world.scenario();
    assert_eq!(figure(&scenario, "icbc", Field::Loans).as_deref(), Some("412.90575"), "万元 converted");
    assert_eq!(figure(&scenario, "cgb", Field::SmeLoans).as_deref(), Some("153.501525"));
    assert_eq!(figure(&scenario, "abc", Field::SmeCustomers).as_deref(), Some("1274"));
    assert!(world.notice().contains("已导入 9 项修改（来自“粘贴内容”）"), "{}", world.notice());

    // With a heading it does not know: the same mapping step, remembered for the next paste.
    let mut world = World::new();
    world.send(Action::Paste(paste_job(bureau_block(Some(INCLUSIVE)))));
    let asked = sheet(&world);
    assert_eq!(asked.headings.len(), 1, "{:?}", asked.headings);
    assert_eq!(asked.headings[0].heading, INCLUSIVE);
    world.send(Action::MapHeading(INCLUSIVE.to_owned(), Some(MapTo::Figure(Field::Inclusive))));
    let placed = sheet(&world);
    assert!(placed.preview.problems.is_empty(), "{:?}", placed.preview.problems);
    assert!(placed.preview.changes.iter().any(|c| c.what == "普惠小微" && c.after == "0.1 亿元"));
    world.send(Action::ClosePreview);
    world.send(Action::Paste(paste_job(bureau_block(Some(INCLUSIVE)))));
    assert!(sheet(&world).headings.iter().all(|h| h.remembered));
    assert!(sheet(&world).applied.is_ok());
}

/// 汇总申报表 (issue 17): returned 申报表 picked together, gathered by the spreadsheet module into the
/// working copy and previewed like an import — per bank received from which file, or not; a conflict
/// refused with both files, settled by picking one with a click (or by picking the files again); applied as one edit that 撤销 takes back, each bank's source kept; a 申报表
/// asked for the bank shown.
#[test]
fn returned_forms_are_gathered_previewed_and_applied_as_one_edit_with_their_sources() {
    let seed = |name: &str| {
        let path = format!("{}/../../tests/process/seeds/{name}.xlsx", env!("CARGO_MANIFEST_DIR"));
        (format!("{name}.xlsx"), Rc::new(std::fs::read(path).expect("a committed seed")))
    };
    let mut world = World::new();
    world.send(Action::ExportSheet(kaoping_app::SheetFile::Form));
    assert_eq!(world.sheets, [kaoping_app::SheetFile::Form]);

    let before = world.scenario();
    let both = vec![seed("申报表-工商银行"), seed("申报表-工商银行（更正）"), seed("申报表-农业银行")];
    world.send(Action::Collect(both));
    let sheet = world.app.view.sheet.clone().expect("previewed");
    assert_eq!(sheet.source, "汇总的 3 个文件");
    assert!(sheet.applied.is_err(), "a conflict stands");
    let problems: Vec<String> = sheet.preview.problems.iter().map(ToString::to_string).collect();
    assert!(problems.iter().any(|p| p.contains("申报表-工商银行.xlsx / 申报表-工商银行（更正）.xlsx")), "{problems:?}");
    world.send(Action::ApplyPreview);
    assert_eq!(world.scenario(), before, "nothing applied while it stands");
    // The user picks the corrected form with one click: gathered again with that choice, settled.
    world.send(Action::Collect(vec![
        seed("申报表-工商银行"),
        seed("申报表-工商银行（更正）"),
        seed("申报表-农业银行"),
    ]));
    let sheet = world.app.view.sheet.clone().expect("previewed");
    let labels: Vec<&str> = sheet.preview.choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        ["以“申报表-工商银行.xlsx”为工商银行的申报", "以“申报表-工商银行（更正）.xlsx”为工商银行的申报"]
    );
    world.send(Action::PickDeclaration(sheet.preview.choices[1].resolution.clone()));
    let picked = world.app.view.sheet.clone().expect("previewed again");
    assert!(picked.preview.problems.is_empty(), "{:?}", picked.preview.problems);
    assert!(picked.preview.choices.is_empty());
    world.send(Action::ApplyPreview);
    assert_eq!(world.scenario().sources.get("icbc").map(|s| s.file.as_str()), Some("申报表-工商银行（更正）.xlsx"));
    world.send(Action::Undo);
    assert_eq!(world.scenario(), before);

    world.send(Action::Collect(vec![seed("申报表-工商银行（更正）"), seed("申报表-农业银行")]));
    let sheet = world.app.view.sheet.clone().expect("previewed");
    assert_eq!(sheet.preview.banks, 2);
    let notes: Vec<String> = sheet.preview.notes.iter().map(ToString::to_string).collect();
    assert!(notes.iter().any(|n| n.contains("未收到 14 家")), "{notes:?}");
    world.send(Action::ApplyPreview);
    let gathered = world.scenario();
    assert_eq!(gathered.sources.get("icbc").map(|s| s.file.as_str()), Some("申报表-工商银行（更正）.xlsx"));
    assert_eq!(gathered.sources.get("abc").map(|s| s.file.as_str()), Some("申报表-农业银行.xlsx"));
    assert!(gathered.bank("icbc").is_some_and(|b| b.loans.is_some()));
    world.send(Action::Undo);
    assert_eq!(world.scenario(), before, "one edit");
    // Nothing picked: nothing asked.
    world.send(Action::Collect(Vec::new()));
    assert!(world.app.view.sheet.is_none());
}
