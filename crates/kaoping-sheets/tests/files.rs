//! Files and pasted blocks as a user gives them, right and wrong: `tests/sheets/NAME.csv` (or `.tsv`)
//! is imported into worked example 1 and what the preview lists — every change, every refused cell
//! by place, and whether applying goes ahead — is compared with `NAME.expected.txt` beside it.
//! A refused file always changes nothing.
//!
//! After a deliberate change: `UPDATE_EXPECT=1 cargo test -p kaoping-sheets --test files`, then read
//! the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use kaoping_engine::{Field, Scenario, Scheme};
use kaoping_sheets::xlsx::{self, Sheet, Style, Value};
use kaoping_sheets::{paste, read_file, Update};

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("the 2024 scheme is built in")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn base() -> Scenario {
    let text =
        std::fs::read_to_string(root().join("tests/scenarios/worked-example-1.scenario.json")).expect("readable");
    Scenario::from_json(&text).expect("valid")
}

/// What a user is shown: the changes, the problems, and whether applying goes ahead.
fn report(update: &Update) -> String {
    let base = base();
    let preview = update.preview(scheme(), &base);
    let mut out = format!("banks read: {}\n", preview.banks);
    for change in &preview.changes {
        let _ = writeln!(out, "change {}  {change}", change.place);
    }
    for problem in &preview.problems {
        let _ = writeln!(out, "problem {problem}");
    }
    match update.apply(scheme(), &base) {
        Ok(after) => {
            assert!(preview.problems.is_empty());
            let _ = writeln!(out, "apply: ok{}", if after == base { ", nothing changed" } else { "" });
        }
        Err(problems) => {
            assert_eq!(problems, preview.problems, "apply refuses for exactly the problems shown");
            let _ = writeln!(out, "apply: refused, nothing changed");
        }
    }
    out
}

#[test]
fn files_as_data() {
    let dir = root().join("tests/sheets");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/sheets")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("csv" | "tsv")))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "{inputs:?}");
    for input in inputs {
        let bytes = std::fs::read(&input).expect("readable");
        let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let update = read_file(&bytes, &name, scheme());
        let expected = input.with_extension("expected.txt");
        expect_file![expected].assert_eq(&report(&update));
    }
}

/// The six figures the 全市 view shows editable, as the page passes them.
fn shown_columns() -> Vec<Field> {
    vec![
        Field::Loans,
        Field::SmeLoans,
        Field::ManufacturingLoans,
        Field::GreenLoans,
        Field::DongchuAmount,
        Field::DongchuHouseholds,
    ]
}

#[test]
fn pasted_blocks() {
    let all: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    let target = paste::Target { columns: shown_columns(), banks: all.clone() };
    let mut out = String::new();
    let cases: &[(&str, &str, &paste::Target)] = &[
        ("a 16 x 6 block by row order", &sixteen_rows(), &target),
        ("two named rows, no heading", "工商银行\t301\t126\n农业银行\t210\t118\n", &target),
        (
            "headings without a bank column, from the third row down",
            "贷款余额\t中小微贷款\n1\t2\n3\t4\n",
            &paste::Target { columns: shown_columns(), banks: all[2..].to_vec() },
        ),
        ("too wide for the columns shown", "1\t2\t3\t4\t5\t6\t7\n", &target),
        (
            "too many rows for the banks shown",
            "1\n2\n3\n",
            &paste::Target { columns: shown_columns(), banks: all[14..].to_vec() },
        ),
        ("a duplicated bank", "工商银行\t1\nicbc\t2\n", &target),
        ("text in a number cell", "工商银行\t3OO\n", &target),
        ("empty", " \t \n", &target),
        // A spreadsheet copies an empty cell as an empty line: the rows under it stay on their banks.
        ("a blank line among rows taken by order", "412.9\r\n\r\n425.2\r\n", &target),
        ("a blank line under headings", "贷款余额\n412.9\n\n425.2\n", &target),
    ];
    for (case, text, target) in cases {
        let _ = writeln!(out, "== {case}");
        out.push_str(&report(&paste::paste(text, scheme(), target)));
    }
    expect_file![root().join("tests/sheets/paste.expected.txt")].assert_eq(&out);
}

fn sixteen_rows() -> String {
    (0..16).map(|i| format!("{}\t{}\t{}\t{}\t{}\t{}\n", 100 + i, 50 + i, 10 + i, 20 + i, 5 + i, 100 + i)).collect()
}

fn workbook_with(cells: Vec<Vec<&str>>) -> Vec<u8> {
    let rows =
        cells.into_iter().map(|r| r.into_iter().map(|t| (Value::Text(t.to_owned()), Style::Plain)).collect()).collect();
    xlsx::write(&[Sheet { name: "填报".to_owned(), rows, ..Sheet::default() }], "t", "2024-12-31").expect("written")
}

/// A zip archive holding a Word document's part: another Office program's file.
fn other_zip() -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let _ = zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default());
    let _ = zip.write_all(b"<w:document/>");
    zip.finish().expect("a zip").into_inner()
}

#[test]
fn workbooks_and_files_that_are_not_tables() {
    let text_cells = workbook_with(vec![
        vec!["bank", "loans", "sme_customers"],
        vec!["银行", "贷款余额（亿元）", "中小微户数（户）"],
        vec!["工商银行", "1,234.56", "１２００"],
        vec!["农业银行", "三百", "12.5"],
    ]);
    // A zip archive with no worksheet in it, as another Office program's file is to this reader.
    let other_zip = other_zip();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let big = vec![b'1'; 20 * 1024 * 1024];
    let mut truncated = text_cells.clone();
    truncated.truncate(text_cells.len() / 2);
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("text in number cells of a workbook", "填报.xlsx", text_cells),
        ("a zip archive with no worksheet", "报告.xlsx", other_zip),
        ("a workbook cut in half", "填报.xlsx", truncated),
        ("an image", "图片.xlsx", png),
        ("a damaged .xls", "旧表.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec()),
        ("a 20 MB file", "大文件.csv", big),
        ("a scenario file", "情景.json", b"{\"format\": \"kaoping-scenario/1\"}".to_vec()),
        ("GBK text", "gbk.csv", vec![0xD2, 0xF8, 0xD0, 0xD0, b',', b'1', b'\n']),
    ];
    let mut out = String::new();
    for (case, name, bytes) in cases {
        let _ = writeln!(out, "== {case} ({name})");
        out.push_str(&report(&read_file(&bytes, name, scheme())));
    }
    expect_file![root().join("tests/sheets/workbooks.expected.txt")].assert_eq(&out);
}

/// A workbook as a user's spreadsheet program writes it: Kaoping's template opened in LibreOffice,
/// 农发行's 贷款余额 changed to 400.5, and saved again as .xlsx (LibreOffice's own zip, shared strings,
/// styles and number formats; `tests/sheets/seeds/libreoffice-saved.xlsx`, also a fuzzing seed).
#[test]
fn a_template_saved_again_by_libreoffice_reads_back() {
    let bytes = std::fs::read(root().join("tests/sheets/seeds/libreoffice-saved.xlsx")).expect("readable");
    let baseline = Scenario::new(2024);
    let update = read_file(&bytes, "libreoffice-saved.xlsx", scheme());
    let preview = update.preview(scheme(), &baseline);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.banks, 16, "every bank's row is read");
    let after = update.apply(scheme(), &baseline).expect("applies");
    let loans = |s: &Scenario| s.bank("adbc").and_then(|b| Field::Loans.get(b));
    assert_eq!(loans(&after), Some(rust_decimal::Decimal::new(4005, 1)));
    // Every other figure is the template's (the on-task baseline, every field present): Kaoping's own
    // template, read the same way, differs from it only in that one cell.
    let own = std::fs::read(root().join("tests/sheets/seeds/kaoping-template.xlsx")).expect("readable");
    let template = read_file(&own, "kaoping-template.xlsx", scheme()).apply(scheme(), &baseline).expect("applies");
    let changed: Vec<_> = read_file(&bytes, "libreoffice-saved.xlsx", scheme()).preview(scheme(), &template).changes;
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].place, "填报!B3");
}
