//! Spreadsheets made by the software that makes them — openpyxl, xlsxwriter, xlwt and LibreOffice
//! (`tests/sheets/made/make.py` wrote them; the files are committed) — each one a failure of issue
//! 15: the bureau's own 报表 (title, 单位：万元, merged group headings, 序号/备注, 合计, 填表人, legal
//! names) as .xlsx, .xls, .ods and GBK/GB18030/UTF-16 CSV; percentage formats; formulas saved without
//! values; an encrypted file; a detail sheet beside the table.
//!
//! `made_files_as_data` snapshots what a user is shown for each (`NAME.expected.txt` beside it); the
//! other tests check the figures themselves, one test per class of silent misread.
//!
//! After a deliberate change: `UPDATE_EXPECT=1 cargo test -p kaoping-sheets --test made`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use kaoping_engine::{Field, Scenario, Scheme};
use kaoping_sheets::{read_file, read_file_with, MapTo, ReadOptions, Update};
use rust_decimal::Decimal;

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("the 2024 scheme is built in")
}

fn made() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/sheets/made")
}

fn read(name: &str) -> Update {
    let bytes = std::fs::read(made().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    read_file(&bytes, name, scheme())
}

fn d(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

/// A bank's figure after the update is applied to an empty scenario (all or nothing).
fn figure(update: &Update, bank: &str, field: Field) -> Option<Decimal> {
    let scenario = update.apply(scheme(), &Scenario::new(2024)).unwrap_or_else(|p| panic!("{}: {p:?}", update.source));
    scenario.bank(bank).and_then(|b| field.get(b))
}

/// What a user is shown: notes, changes, refusals, whether it applies, and what a partial import
/// would do.
fn report(update: &Update) -> String {
    let base = Scenario::new(2024);
    let preview = update.preview(scheme(), &base);
    let mut out = format!("banks read: {}\n", preview.banks);
    for note in &preview.notes {
        let _ = writeln!(out, "note {note}");
    }
    for change in &preview.changes {
        let _ = writeln!(out, "change {}  {change}", change.place);
    }
    for problem in &preview.problems {
        let _ = writeln!(out, "problem {problem}");
    }
    for unplaced in &preview.unplaced {
        let _ = writeln!(out, "unplaced {} “{}”", unplaced.place, unplaced.heading);
    }
    match update.apply(scheme(), &base) {
        Ok(_) => out.push_str("apply: ok\n"),
        Err(problems) => {
            assert_eq!(problems, preview.problems, "apply refuses for exactly the problems shown");
            out.push_str("apply: refused, nothing changed\n");
        }
    }
    if preview.rest_possible {
        let (_, refused) = update.apply_rest(scheme(), &base).expect("the rest applies");
        let _ = writeln!(out, "导入其余 {} 项 ({} refused)", preview.changes.len(), refused.len());
    } else {
        assert!(
            preview.problems.is_empty() || update.apply_rest(scheme(), &base).is_err() || preview.changes.is_empty()
        );
    }
    out
}

#[test]
fn made_files_as_data() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(made())
        .expect("tests/sheets/made")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            !name.ends_with(".py") && !name.ends_with(".expected.txt")
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 20, "{inputs:?}");
    for input in inputs {
        let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let expected = made().join(format!("{name}.expected.txt"));
        expect_file![expected].assert_eq(&report(&read(&name)));
    }
}

/// 工商银行's row of the bureau's 报表: 4,129,057.5 万元 of loans, 30%, 15% and 8% of it in the parts,
/// 1,237 households.
fn assert_icbc(update: &Update) {
    let name = &update.source;
    assert_eq!(figure(update, "icbc", Field::Loans), Some(d("412.90575")), "{name}");
    assert_eq!(figure(update, "icbc", Field::SmeLoans), Some(d("123.871725")), "{name}");
    assert_eq!(figure(update, "icbc", Field::ManufacturingLoans), Some(d("61.935862")), "{name}");
    assert_eq!(figure(update, "icbc", Field::GreenLoans), Some(d("33.03246")), "{name}");
    assert_eq!(figure(update, "icbc", Field::SmeCustomers), Some(d("1237")), "{name}: 户 are not 万元");
    assert_eq!(figure(update, "hsrcb", Field::Loans), Some(d("585.74625")), "{name}: 湖北黄石农村商业银行 is 农商行");
    assert_eq!(figure(update, "cgb", Field::Loans), Some(d("511.67175")), "{name}: 广发银行黄石分行 is its 支行");
}

#[test]
fn the_bureau_report_reads_in_every_format_with_its_units() {
    for name in [
        "bureau-openpyxl.xlsx",
        "bureau-libreoffice.xlsx",
        "bureau-libreoffice.xls",
        "bureau-xlwt.xls",
        "bureau-libreoffice.ods",
        "bureau-gbk.csv",
        "bureau-gb18030.csv",
        "bureau-utf16.csv",
    ] {
        let update = read(name);
        assert_eq!(update.problems, [], "{name}");
        let preview = update.preview(scheme(), &Scenario::new(2024));
        assert_eq!(preview.banks, 16, "{name}: every bank, by its legal name");
        assert_icbc(&update);
    }
}

/// Units: a 万元 table read as 亿元 was the worst silent misread (400.56 亿元 became 4,005,600).
/// Every amount column's unit is settled before a cell is read: stated in the heading, stated once
/// for the table, or nowhere (亿元, with a figure no bank could hold refused); two units refuse.
#[test]
fn units_are_converted_or_refused_never_guessed() {
    let update = read("units-ambiguous.xlsx");
    let refused: Vec<&str> = update.problems.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(refused, ["填报!B3"], "the loans column has no unit of its own and two in the sheet");
    assert!(update.problems[0].message.contains("万元") && update.problems[0].message.contains("亿元"));
    let (rest, _) = update.apply_rest(scheme(), &Scenario::new(2024)).expect("the rest");
    let bank = rest.bank("icbc").expect("icbc");
    assert_eq!(Field::SmeLoans.get(bank), Some(d("120.5")), "its own heading says 亿元");
    assert_eq!(Field::Loans.get(bank), None, "refused, not read as 4,005,600 亿元");

    // The same loans figure without any unit in the sheet: no bank of one city holds 400万亿.
    let csv = "银行,贷款余额\n工商银行,4005600\n";
    let update = read_file(csv.as_bytes(), "无单位.csv", scheme());
    assert!(update.problems[0].message.contains("万元"), "{:?}", update.problems);
    // With the unit in the heading or the 单位 line, it converts exactly.
    for csv in ["银行,贷款余额（万元）\n工商银行,4005600\n", "单位：万元\n银行,贷款余额\n工商银行,4005600\n"]
    {
        let update = read_file(csv.as_bytes(), "万元.csv", scheme());
        assert_eq!(figure(&update, "icbc", Field::Loans), Some(d("400.56")), "{csv}");
    }
    // A cell whose own unit contradicts its column's.
    let update = read_file("银行,贷款余额（万元）\n工商银行,400.56亿\n".as_bytes(), "x.csv", scheme());
    assert!(update.problems[0].message.contains("亿元") && update.problems[0].message.contains("万元"));
}

/// Percentages: a rate typed as 4.31% is stored as 0.0431 and must read 4.31; LibreOffice's
/// `0.00\%` shows the stored 3.69 as 3.69% and must read 3.69 (it came in as 369).
#[test]
fn percentages_read_as_shown_in_every_format() {
    for name in [
        "rates-openpyxl.xlsx",
        "rates-libreoffice.xlsx",
        "rates-libreoffice.ods",
        "rates-libreoffice.xls",
        "rates-xlwt.xls",
    ] {
        let update = read(name);
        assert_eq!(update.problems, [], "{name}");
        assert_eq!(figure(&update, "icbc", Field::SmeRateStart), Some(d("4.31")), "{name}: 0.0431 shown as 4.31%");
        assert_eq!(figure(&update, "icbc", Field::SmeRate), Some(d("3.95")), "{name}: 0.00\\% is a literal");
        assert_eq!(figure(&update, "abc", Field::SmeRate), Some(d("3.69")), "{name}");
    }
}

/// Formulas saved without their values (openpyxl, xlwt) or with placeholder zeros and a
/// recalculation flag (xlsxwriter) are refused by cell, never read as blank or 0; once a spreadsheet
/// program has saved them (LibreOffice), their values read.
#[test]
fn formulas_without_values_are_refused_by_name() {
    for name in ["formulas-openpyxl.xlsx", "formulas-xlsxwriter.xlsx", "formulas-xlwt.xls"] {
        let update = read(name);
        let places: Vec<&str> = update.problems.iter().map(|p| p.place.as_str()).collect();
        assert_eq!(places, ["填报!D2", "填报!D3", "填报!D4"], "{name}");
        assert!(update.problems.iter().all(|p| p.message.contains("请在 Excel/WPS 中打开并保存后再导入")), "{name}");
        assert!(update.apply(scheme(), &Scenario::new(2024)).is_err(), "{name}: all or nothing");
    }
    let update = read("formulas-libreoffice.xlsx");
    assert_eq!(figure(&update, "icbc", Field::Loans), Some(d("354")), "102 + 52 + 200, as LibreOffice saved it");
}

#[test]
fn numbers_come_out_as_the_decimals_shown() {
    for name in ["awkward-numbers-libreoffice.xlsx", "awkward-numbers-openpyxl.xlsx"] {
        let bytes = std::fs::read(made().join(name)).expect("readable");
        let grids = kaoping_sheets::read_grids(&bytes, name).expect("a workbook");
        // Above the 1亿亿元 an amount may be, so refused as a figure; as a cell it is exact.
        assert_eq!(grids[0].cell(1, 3), &kaoping_sheets::Cell::Number("123456789.123456".to_owned()), "{name}");
        if name.contains("openpyxl") {
            assert!(matches!(grids[0].cell(1, 2), kaoping_sheets::Cell::Formula(_)), "{name}: no value saved");
            continue;
        }
        let update = read(name);
        assert_eq!(update.problems.len(), 1, "{name}: {:?}", update.problems);
        let (rest, _) = update.apply_rest(scheme(), &Scenario::new(2024)).expect("the rest");
        let figure = |bank: &str, field: Field| rest.bank(bank).and_then(|b| field.get(b));
        assert_eq!(figure("icbc", Field::Loans), Some(d("1.1")), "{name}");
        assert_eq!(figure("icbc", Field::GreenLoans), Some(d("0.3")), "{name}: 0.1 + 0.2 as shown");
        assert_eq!(figure("icbc", Field::SmeRate), Some(d("4.31")), "{name}");
        assert_eq!(figure("abc", Field::GreenLoans), Some(d("2.675")), "{name}");
        assert_eq!(figure("abc", Field::Inclusive), Some(d("0.00000001")), "{name}");
        assert_eq!(figure("abc", Field::SmeRate), Some(d("3.5")), "{name}: 0% shows 4%, means 3.5%");
    }
}

#[test]
fn an_encrypted_file_says_so() {
    let update = read("encrypted.xlsx");
    assert_eq!(update.problems.len(), 1);
    assert!(update.problems[0].message.contains("文件设有打开密码"), "{:?}", update.problems);
}

#[test]
fn a_long_detail_sheet_beside_the_table_is_left_alone() {
    let update = read("detail-beside.xlsx");
    assert_eq!(update.problems, []);
    assert_eq!(figure(&update, "abc", Field::Loans), Some(d("301")));
}

#[test]
fn a_heading_placed_by_the_user() {
    let csv = "银行,各项贷款合计（万元）,附注2\n工商银行,4005600,x\n";
    let update = read_file(csv.as_bytes(), "映射.csv", scheme());
    let unplaced: Vec<&str> = update.unplaced.iter().map(|u| u.heading.as_str()).collect();
    assert_eq!(unplaced, ["各项贷款合计（万元）", "附注2"]);
    assert!(update.problems[0].message.contains("各项贷款合计（万元）"));
    let options = ReadOptions {
        mapping: vec![
            ("各项贷款合计（万元）".to_owned(), MapTo::Figure(Field::Loans)),
            ("附注2".to_owned(), MapTo::Ignore),
        ],
    };
    let update = read_file_with(csv.as_bytes(), "映射.csv", scheme(), &options);
    assert_eq!(update.problems, []);
    assert_eq!(figure(&update, "icbc", Field::Loans), Some(d("400.56")), "a mapped heading keeps its unit");
}
