//! Everything written comes back as it was: every scenario file of `tests/scenarios/` through the
//! workbook, the fill-in template, the CSV table, a block pasted from that table, and a share link.

use std::path::{Path, PathBuf};

use kaoping_engine::{BankInput, Field, Scenario, Scheme, FIELDS};
use kaoping_sheets::export::{self, About};
use kaoping_sheets::{link, paste, read_file};

fn scheme() -> &'static Scheme {
    Scheme::builtin(2024).expect("the 2024 scheme is built in")
}

fn scenarios() -> Vec<(String, Scenario)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scenarios")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "the scenario files are there");
    let mut out: Vec<(String, Scenario)> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable");
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (name.clone(), Scenario::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}")))
        })
        .collect();
    // One with a name, a note and figures past Excel's 15 digits, written as text to stay exact.
    let mut named = out[0].1.clone();
    named.name = Some("一季度预测 & \"对比\"".to_owned());
    named.note = Some("按 3 月末数据\n第二行".to_owned());
    let _ = Field::Loans.set(named.bank_mut("icbc"), Some("12345678.12345678".parse().expect("decimal")));
    let _ = Field::Vetoed.set(named.bank_mut("cib"), Some(rust_decimal::Decimal::ONE));
    // One marked with the scheme it was made under (issue 18): the mark comes back too.
    named.mark_scheme(scheme());
    out.push(("named".to_owned(), named));
    out
}

fn about() -> About {
    About { date: "2024-12-31".to_owned(), version: "0.1.0".to_owned() }
}

/// The same scenario, field for field and in its written form (so `300.00` stays `300.00`).
fn assert_identical(back: &Scenario, original: &Scenario, case: &str) {
    let mut expected = original.clone();
    expected.banks.retain(|b| !b.is_empty());
    assert_eq!(back.to_json(), expected.to_json(), "{case}: written form");
    assert_eq!(back, &expected, "{case}");
}

/// The scenario without the figures the 全市 table holds (the field table's): what a CSV file or a
/// pasted block of that table is read into. The banks' per-fund scores of 四(四) are not in that table
/// (they are on the workbook's 资金存放 sheet), so they stay as they are.
fn without_figures(scenario: &Scenario) -> Scenario {
    let mut base = scenario.clone();
    for bank in &mut base.banks {
        *bank = BankInput { department_scores: bank.department_scores.clone(), ..BankInput::new(&bank.id) };
    }
    base.banks.retain(|b| !b.is_empty());
    base
}

#[test]
fn workbook_export_then_import_gives_the_identical_scenario() {
    for (case, scenario) in scenarios() {
        let bytes = export::workbook(scheme(), &scenario, "icbc", &about()).expect("written");
        let update = read_file(&bytes, "导出.xlsx", scheme());
        assert_eq!(update.problems, [], "{case}");
        let back = update.apply(scheme(), &Scenario::new(2024)).expect("no problems");
        assert_identical(&back, &scenario, &case);
        // Into the scenario itself: nothing to change.
        let preview = update.preview(scheme(), &scenario);
        assert_eq!(preview.changes, [], "{case}");
        assert_eq!(preview.banks, 16);
    }
}

#[test]
fn template_filled_in_imports_the_figures() {
    for (case, scenario) in scenarios() {
        let bytes = export::template(scheme(), &scenario, &about()).expect("written");
        let update = read_file(&bytes, "填报模板.xlsx", scheme());
        assert_eq!(update.problems, [], "{case}");
        // The template carries figures only: settings, city figures, name and note come from the base.
        let mut base = scenario.clone();
        base.banks.clear();
        let back = update.apply(scheme(), &base).expect("no problems");
        assert_identical(&back, &scenario, &case);
    }
}

#[test]
fn csv_export_then_import_gives_the_identical_figures() {
    for (case, scenario) in scenarios() {
        let text = export::city_csv(scheme(), &scenario);
        assert!(text.starts_with('\u{feff}'), "UTF-8 with a byte-order mark");
        let update = read_file(text.as_bytes(), "全市.csv", scheme());
        assert_eq!(update.problems, [], "{case}");
        let base = without_figures(&scenario);
        assert_identical(&update.apply(scheme(), &base).expect("no problems"), &scenario, &case);
    }
}

#[test]
fn a_block_pasted_from_the_exported_table_gives_the_identical_figures() {
    let all_banks: Vec<String> = scheme().banks.iter().map(|b| b.id.clone()).collect();
    let every_field: Vec<Field> = FIELDS.iter().map(|f| f.field).collect();
    for (case, scenario) in scenarios() {
        // As Excel puts it on the clipboard: the cells tab-separated, quoted where they must be.
        let rows = export::city_rows(scheme(), &scenario);
        let block: String = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        if c.contains(['\t', '\n', '"']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
                    + "\r\n"
            })
            .collect();
        let base = without_figures(&scenario);
        let target = paste::Target { columns: every_field.clone(), banks: all_banks.clone() };
        let update = paste::paste(&block, scheme(), &target);
        assert_eq!(update.problems, [], "{case}");
        assert_identical(&update.apply(scheme(), &base).expect("no problems"), &scenario, &case);

        // Without the heading row, and without the bank column: 16 rows in the order shown.
        let figures: Vec<usize> = (1..=FIELDS.len()).collect();
        let bare: String = rows[1..]
            .iter()
            .map(|r| figures.iter().map(|&i| r[i].replace('\n', " ")).collect::<Vec<_>>().join("\t") + "\n")
            .collect();
        let update = paste::paste(&bare, scheme(), &target);
        assert_eq!(update.problems, [], "{case}: by row order");
        assert_identical(&update.apply(scheme(), &base).expect("no problems"), &scenario, &case);
    }
}

#[test]
fn share_link_then_open_gives_the_identical_scenario() {
    for (case, scenario) in scenarios() {
        let fragment = link::share_fragment(&scenario);
        assert!(fragment.starts_with("#s=1."), "{fragment}");
        assert!(fragment.len() < 8000, "{case}: {} characters", fragment.len());
        let url = format!("http://intranet.example/kaoping/index.html{fragment}");
        assert_eq!(link::open_fragment(&url).expect("opens"), scenario, "{case}");
        assert_eq!(link::bank(&url), None, "{case}: a link without a bank names none");
        // With the bank the sender has open: the same scenario, and the bank.
        let at = format!("http://intranet.example/kaoping/index.html{}", link::share_fragment_at(&scenario, "icbc"));
        assert_eq!(link::open_fragment(&at).expect("opens"), scenario, "{case}");
        assert_eq!(link::bank(&at).as_deref(), Some("icbc"), "{case}");
    }
}

#[test]
fn a_cut_or_changed_link_says_so_and_opens_nothing() {
    let scenario = &scenarios()[0].1;
    let fragment = link::share_fragment(scenario);
    for cut in 0..fragment.len() - 1 {
        let result = link::open_fragment(&fragment[..cut]);
        assert!(result.is_err(), "cut at {cut} opened");
    }
    assert_eq!(
        link::open_fragment(&fragment[..fragment.len() - 3]).expect_err("cut").zh(),
        "链接已损坏或不完整（可能复制时被截断），请让对方重新复制完整的链接"
    );
    let changed = fragment.replacen('A', "B", 1);
    assert!(link::open_fragment(&changed).is_err(), "a changed character is caught by the checksum");
    let newer = fragment.replacen("s=1.", "s=2.", 1);
    assert_eq!(
        link::open_fragment(&newer).expect_err("newer").zh(),
        "此链接由较新版本的考评测算器生成（链接格式 2），当前版本只能打开格式 1 的链接，请使用新版本打开"
    );
    assert_eq!(link::open_fragment("http://x/index.html").expect_err("none"), link::LinkError::NoScenario);
}
