//! The 申报表: every bank's form written and read back as its declaration; forms filled in and saved by
//! LibreOffice (`tests/process/seeds/`, made by `tests/process/make_seeds.py`) read as the bank filled
//! them; figures typed the ways people type them; a form whose hidden keys were lost read by its labels;
//! a refused box named by its cell.

use std::path::{Path, PathBuf};

use kaoping_engine::{collect, Date, Field, Scenario, Scheme};
use kaoping_sheets::{declaration, form, read_file, read_grids};
use rust_decimal::Decimal;

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("the 2024 scheme is built in")
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn full_16() -> Scenario {
    let text = std::fs::read_to_string(tests_dir().join("scenarios/full-16-banks.scenario.json")).expect("readable");
    Scenario::from_json(&text).expect("a scenario")
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(tests_dir().join("process/seeds").join(name)).expect("the seed is committed")
}

fn about() -> kaoping_sheets::export::About {
    kaoping_sheets::export::About { date: "2025-01-05".to_owned(), version: "0.1.0".to_owned() }
}

/// What a bank declares, as the scenario has it: every `by: Bank` figure.
fn declared(scenario: &Scenario, bank: &str) -> Vec<(Field, Option<Decimal>)> {
    let entry = scenario.bank(bank).cloned().unwrap_or_else(|| kaoping_engine::BankInput::new(bank));
    Field::ALL.into_iter().filter(|f| f.is_declared()).map(|f| (f, f.get(&entry))).collect()
}

#[test]
fn every_banks_form_reads_back_as_its_declaration() {
    let scenario = full_16();
    for bank in &scheme().banks {
        let bytes = form::write(scheme(), &scenario, &bank.id, &about()).expect("written");
        let name = format!("申报表-{}.xlsx", bank.short_name);
        let declaration = declaration::read(&bytes, &name, scheme()).expect("read back");
        assert_eq!(declaration.names.as_deref(), Some(bank.id.as_str()), "{name}: the form names its bank");
        assert_eq!(declaration.rows.len(), 1, "{name}: one bank");
        let mut got = declaration.rows[0].figures.clone();
        got.sort_by_key(|(f, _)| *f);
        assert_eq!(got, declared(&scenario, &bank.id), "{name}");
        // Only what the bank declares is on its form.
        assert!(got.iter().all(|(f, _)| f.is_declared()));
    }
    // Collected, the sixteen forms give the scenario's declared figures back.
    let declarations: Vec<_> = scheme()
        .banks
        .iter()
        .map(|b| {
            let bytes = form::write(scheme(), &scenario, &b.id, &about()).expect("written");
            declaration::read(&bytes, &format!("申报表-{}.xlsx", b.short_name), scheme()).expect("read")
        })
        .collect();
    let collection = collect(scheme(), &Scenario::new(2024), &declarations, &[]);
    assert!(collection.conflicts.is_empty());
    let merged = collection.scenario.expect("no conflict");
    for bank in &scheme().banks {
        assert_eq!(declared(&merged, &bank.id), declared(&scenario, &bank.id), "{}", bank.id);
    }
    assert_eq!(merged.sources.len(), 16);
}

#[test]
fn a_blank_form_declares_nothing_and_its_bank_is_fixed_and_named() {
    let bytes = form::write(scheme(), &Scenario::new(2024), "cgb", &about()).expect("written");
    let grids = read_grids(&bytes, "申报表-广发银行.xlsx").expect("a workbook");
    assert_eq!(grids.len(), 1);
    let grid = &grids[0];
    assert_eq!(grid.name, "申报表");
    let texts: Vec<String> = grid.rows.iter().flatten().map(|c| c.text().into_owned()).collect();
    assert!(texts.iter().any(|t| t == "填报单位：广发银行黄石支行"), "the bank is named as the gazette names it");
    for label in ["2023年末基数", "2024年任务", "申报数", "填报人", "联系电话", "填报日期"] {
        assert!(texts.iter().any(|t| t == label), "{label}");
    }
    // The 2023 base and the annex task stand beside the box: 附件1's row for 广发银行.
    assert!(texts.iter().any(|t| t == "26.6") && texts.iter().any(|t| t == "3.99"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("金融政策")), "the panel's grade is not a bank's to declare");
    let declaration = declaration::read(&bytes, "申报表-广发银行.xlsx", scheme()).expect("read");
    assert!(declaration.rows[0].figures.iter().all(|(_, v)| v.is_none()), "blank boxes declare nothing");
    assert_eq!((declaration.reporter, declaration.phone, declaration.date), (None, None, None));
}

#[test]
fn forms_filled_in_and_saved_by_libreoffice_read_as_the_banks_filled_them() {
    let scenario = full_16();
    for (file, bank, reporter, phone, date) in [
        ("申报表-工商银行.xlsx", "icbc", "王伟", "0714-6201378", "2025-01-07"),
        ("申报表-农业银行.xlsx", "abc", "李芳", "0714-6202748", "2025-01-08"),
        ("申报表-光大银行.xlsx", "ceb", "张芳", "0714-6208968", "2025-01-14"),
    ] {
        let declaration = declaration::read(&seed(file), file, scheme()).unwrap_or_else(|p| panic!("{file}: {p:?}"));
        assert_eq!(declaration.names.as_deref(), Some(bank));
        let mut got = declaration.rows[0].figures.clone();
        got.sort_by_key(|(f, _)| *f);
        assert_eq!(got, declared(&scenario, bank), "{file}");
        assert_eq!(declaration.reporter.as_deref(), Some(reporter));
        assert_eq!(declaration.phone.as_deref(), Some(phone));
        assert_eq!(declaration.date, Date::parse(date).ok(), "{file}: a date cell");
    }
}

#[test]
fn figures_typed_the_ways_people_type_them_are_read_and_a_slip_is_named_by_its_cell() {
    let declaration = declaration::read(&seed("申报表-农商行.xlsx"), "申报表-农商行.xlsx", scheme()).expect("read");
    let figure = |field: Field| declaration.rows[0].figures.iter().find(|(f, _)| *f == field).and_then(|(_, v)| *v);
    let d = |t: &str| Some(t.parse::<Decimal>().expect("decimal"));
    assert_eq!(figure(Field::Loans), d("391.36"), "391.36亿");
    assert_eq!(figure(Field::SmeLoans), d("219.17"), "2,191,700万元 in 亿元");
    assert_eq!(figure(Field::SmeRate), d("4.8"), "4.8%");
    assert_eq!(figure(Field::StartupNew), d("1"), "是");
    assert_eq!(declaration.date, Date::parse("2025-01-12").ok(), "2025年1月12日 typed as text");
    let refused = declaration::read(&seed("申报表-农商行（有误）.xlsx"), "x.xlsx", scheme()).expect_err("a slip");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].place, "申报表!G36");
    assert!(refused[0].message.contains("14.8g"), "{}", refused[0].message);
    // Imported like any sheet, a form gives its bank's figures.
    let update = read_file(&seed("申报表-农商行.xlsx"), "申报表-农商行.xlsx", scheme());
    let scenario = update.apply(scheme(), &Scenario::new(2024)).expect("no problems");
    assert_eq!(scenario.bank("hsrcb").and_then(|b| b.loans).map(|a| a.get()), d("391.36"));
}

#[test]
fn a_form_whose_keys_were_lost_is_read_by_its_labels() {
    // As a bank might retype it: no hidden row or column, a title, the 填报单位 line, labels and boxes.
    let csv = "2024年度考评申报表\n填报单位：中国工商银行股份有限公司黄石分行\n\
               条款,项目,单位,申报数\n\
               二(一)1,贷款余额（2024年末）,亿元,\"3,060,000万元\"\n\
               二(二)1(2),中小微企业贷款户数（2024年末）,户,８１３\n\
               ,填报人,,王伟\n,填报日期,,2025/1/7\n";
    let declaration = declaration::read(csv.as_bytes(), "申报表.csv", scheme()).expect("read by labels");
    assert_eq!(declaration.names.as_deref(), Some("icbc"), "the legal name names the bank");
    let figures = &declaration.rows[0].figures;
    assert!(figures.contains(&(Field::Loans, Some(Decimal::from(306)))), "{figures:?}");
    assert!(figures.contains(&(Field::SmeCustomers, Some(Decimal::from(813)))), "full-width digits: {figures:?}");
    assert_eq!(declaration.reporter.as_deref(), Some("王伟"));
    assert_eq!(declaration.date, Date::parse("2025-01-07").ok());
    // A form that names no bank is refused as a whole.
    let nameless = csv.replace("填报单位：中国工商银行股份有限公司黄石分行", "填报单位：某某银行");
    let refused = declaration::read(nameless.as_bytes(), "申报表.csv", scheme()).expect_err("no bank");
    assert!(refused[0].message.contains("找不到填报单位"), "{refused:?}");
}

/// A file the bureau exported after 核实 (the scenario file, the workbook with its 来源 sheet), gathered
/// with 汇总申报表, declares what the bank declared, not the verified figure: the verified value taken as
/// the declaration would lose the declaration and the reason (the verifications come in with 导入文件).
#[test]
fn a_verified_file_declares_the_declared_figure() {
    let mut scenario = full_16();
    let declared_loans = scenario.bank("icbc").and_then(|b| Field::Loans.get(b));
    scenario
        .verify(scheme(), "icbc", Field::Loans, Some(Decimal::from(290)), "按人民银行金融统计口径")
        .expect("verified");
    let workbook = kaoping_sheets::export::workbook(scheme(), &scenario, "icbc", &about()).expect("written");
    for (name, bytes) in [("核实后.json", scenario.to_json().into_bytes()), ("核实后.xlsx", workbook)] {
        let declaration = declaration::read(&bytes, name, scheme()).expect("read");
        let row = declaration.rows.iter().find(|r| r.bank == "icbc").expect("工商银行's row");
        let loans = row.figures.iter().find(|(f, _)| *f == Field::Loans).map(|(_, v)| *v);
        assert_eq!(loans, Some(declared_loans), "{name}: the declaration, not the verified 290");
        // Every other bank declares what it has.
        let cmb = declaration.rows.iter().find(|r| r.bank == "cmb").expect("招商银行's row");
        let cmb_loans = cmb.figures.iter().find(|(f, _)| *f == Field::Loans).map(|(_, v)| *v);
        assert_eq!(cmb_loans, Some(scenario.bank("cmb").and_then(|b| Field::Loans.get(b))), "{name}");
    }
}

/// Two forms of one bank that differ: the conflict asks which counts, and offers 导入其余 only when
/// another bank's declaration can go in meanwhile (the dialog has that button only then).
#[test]
fn a_conflict_offers_the_rest_only_when_there_is_one() {
    let form = |bank: &str, loans: u32| {
        let mut scenario = Scenario::new(2024);
        Field::Loans.set(scenario.bank_mut(bank), Some(Decimal::from(loans))).expect("valid");
        scenario.to_json().into_bytes()
    };
    let gather = |files: Vec<(&str, Vec<u8>)>| {
        let names: Vec<(String, usize)> = files.iter().map(|(n, b)| ((*n).to_owned(), b.len())).collect();
        let bytes: Vec<u8> = files.into_iter().flat_map(|(_, b)| b).collect();
        kaoping_sheets::gather::gather(scheme(), &Scenario::new(2024), &names, &[], &bytes).0
    };
    let alone = gather(vec![("工商银行-1.json", form("icbc", 300)), ("工商银行-2.json", form("icbc", 301))]);
    assert!(!alone.rest_possible);
    assert!(alone.problems[0].message.ends_with("请在下方选定应计入的一份"), "{}", alone.problems[0].message);
    let with_another = gather(vec![
        ("工商银行-1.json", form("icbc", 300)),
        ("工商银行-2.json", form("icbc", 301)),
        ("招商银行.json", form("cmb", 50)),
    ]);
    assert!(with_another.rest_possible);
    assert!(with_another.problems[0].message.ends_with("或先“导入其余”"), "{}", with_another.problems[0].message);
}
