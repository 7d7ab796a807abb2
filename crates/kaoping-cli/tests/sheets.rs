//! Workbooks, CSV tables, share links and comparisons through the `kaoping` command, as a user runs
//! it: what is exported imports back as the same scenario; a bad workbook lists every refused cell on
//! stderr and prints no scenario; and the exported workbook, opened by LibreOffice, shows the numbers
//! `kaoping score` gives, and saved again by LibreOffice imports without a change.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rust_decimal::{Decimal, RoundingStrategy};

fn kaoping(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaoping")).args(args).stdin(Stdio::null()).output().expect("kaoping runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scenario(name: &str) -> String {
    format!("{}/../../tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

const SCENARIOS: [&str; 5] = [
    "full-16-banks.scenario.json",
    "overrides-and-green-rate.scenario.json",
    "settings-switched.scenario.json",
    "veto-and-last-place.scenario.json",
    "worked-example-1.scenario.json",
];

/// A folder of its own for one test's files, emptied first.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kaoping-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn workbook_export_then_import_gives_the_identical_scenario() {
    let dir = scratch("xlsx");
    for name in SCENARIOS {
        let book = path(&dir, &name.replace(".json", ".xlsx"));
        let out = kaoping(&["export", &scenario(name), "--xlsx", &book]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let imported = kaoping(&["import", &book]);
        assert!(imported.status.success(), "{name}: {}", text(&imported.stderr));
        // The same scenario: its JSON as the engine writes it, read and written again.
        let back = path(&dir, "back.json");
        std::fs::write(&back, &imported.stdout).expect("writable");
        let again = kaoping(&["import", &book, "--into", &back]);
        assert_eq!(text(&again.stdout), text(&imported.stdout), "{name}: importing into itself changes nothing");
        assert_same_scenario(&back, &scenario(name));
    }
}

/// Two scenario files hold the same scenario: the share links the engine makes of them are equal.
fn assert_same_scenario(a: &str, b: &str) {
    let (x, y) = (kaoping(&["link", a]), kaoping(&["link", b]));
    assert!(x.status.success() && y.status.success(), "{}{}", text(&x.stderr), text(&y.stderr));
    assert_eq!(text(&x.stdout), text(&y.stdout), "{a} and {b} differ");
}

#[test]
fn csv_export_then_import_into_the_settings_gives_the_identical_scenario() {
    let dir = scratch("csv");
    for name in SCENARIOS {
        let table = path(&dir, &name.replace(".json", ".csv"));
        let out = kaoping(&["export", &scenario(name), "--csv", &table]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let bytes = std::fs::read(&table).expect("written");
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark");
        // A CSV table carries the banks' figures; settings and city figures come from --into.
        let original: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(scenario(name)).expect("readable")).expect("JSON");
        let mut settings_only = original.clone();
        settings_only["banks"] = serde_json::json!([]);
        let into = path(&dir, "settings-only.json");
        std::fs::write(&into, settings_only.to_string()).expect("writable");
        let imported = kaoping(&["import", &table, "--into", &into]);
        assert!(imported.status.success(), "{name}: {}", text(&imported.stderr));
        let back = path(&dir, "back.json");
        std::fs::write(&back, &imported.stdout).expect("writable");
        assert_same_scenario(&back, &scenario(name));
    }
}

#[test]
fn the_template_is_the_baseline_as_a_workbook() {
    let dir = scratch("template");
    let book = path(&dir, "填报模板.xlsx");
    let out = kaoping(&["template", "--xlsx", &book]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let imported = kaoping(&["import", &book]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    let back = path(&dir, "back.json");
    std::fs::write(&back, &imported.stdout).expect("writable");
    let baseline = path(&dir, "baseline.json");
    std::fs::write(&baseline, kaoping(&["template"]).stdout).expect("writable");
    assert_same_scenario(&back, &baseline);

    let from = path(&dir, "from.xlsx");
    let out = kaoping(&["template", "--xlsx", &from, "--from", &scenario("worked-example-1.scenario.json")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let imported = kaoping(&["import", &from, "--into", &scenario("worked-example-1.scenario.json")]);
    std::fs::write(&back, &imported.stdout).expect("writable");
    assert_same_scenario(&back, &scenario("worked-example-1.scenario.json"));
}

#[test]
fn a_bad_table_lists_every_refused_cell_and_prints_no_scenario() {
    let dir = scratch("bad");
    let table = path(&dir, "填报.csv");
    std::fs::write(
        &table,
        "银行,贷款余额（亿元）,中小微贷款（亿元）\n工商银行,12.3x,100\n火星银行,1,2\n工商银行,3,4\n",
    )
    .expect("writable");
    let out = kaoping(&["import", &table, "--into", &scenario("worked-example-1.scenario.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no scenario on stdout");
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("kaoping: {table}: 填报.csv!B2：贷款余额填的“12.3x”有误：“x” 不是数字（可带单位：亿元、亿）"),
            format!("kaoping: {table}: 填报.csv!A3：没有“火星银行”这家参评银行，该行未读取（可填银行简称、全称、法定名称或代码，如 工商银行、中国工商银行股份有限公司黄石分行、icbc）"),
            format!("kaoping: {table}: 填报.csv!A4：工商银行重复出现（第 2 行已有），每家银行只能填一行，该行未读取"),
        ],
        "{stderr}"
    );
    let not_a_book = path(&dir, "scenario.xlsx");
    std::fs::write(&not_a_book, b"PK\x03\x04 not really").expect("writable");
    let out = kaoping(&["import", &not_a_book]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim_end(),
        format!("kaoping: {not_a_book}: 文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或不完整：请在 Excel/WPS 中打开后另存为 .xlsx 再导入")
    );

    // --partial imports the rest and lists (and with --refused writes) what it left out.
    let refused = path(&dir, "未导入.csv");
    let out = kaoping(&[
        "import",
        &table,
        "--into",
        &scenario("worked-example-1.scenario.json"),
        "--partial",
        "--refused",
        &refused,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let imported: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    let icbc = imported["banks"].as_array().expect("banks").iter().find(|b| b["id"] == "icbc").expect("icbc");
    assert_eq!(icbc["sme_loans"], serde_json::json!("100"), "the readable cell of the row is imported");
    assert!(text(&out.stderr).contains("以上 3 处未导入，其余已导入"), "{}", text(&out.stderr));
    let list = std::fs::read_to_string(&refused).expect("the refused list");
    assert!(list.starts_with("\u{feff}文件,位置,原因\r\n填报.csv,填报.csv!B2,"), "{list}");
}

#[test]
fn an_unknown_heading_is_named_and_placed_with_map() {
    let dir = scratch("map");
    let table = path(&dir, "报表.csv");
    std::fs::write(&table, "单位：万元\n银行名称,各项贷款合计,附注2\n中国工商银行股份有限公司黄石分行,4005600,x\n")
        .expect("writable");
    let out = kaoping(&["import", &table]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("列名“各项贷款合计”无法识别") && stderr.contains("--map"), "{stderr}");
    let out = kaoping(&["import", &table, "--map", "各项贷款合计=loans", "--map", "附注2=ignore"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let imported: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a scenario");
    assert_eq!(imported["banks"][0]["loans"], serde_json::json!("400.56"), "万元 from the 单位 line, exactly");
    let out = kaoping(&["import", &table, "--map", "各项贷款合计=nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("不是数据代码"), "{}", text(&out.stderr));
}

#[test]
fn diff_shows_every_bank_and_the_band_moves() {
    let (a, b) = (scenario("worked-example-1.scenario.json"), scenario("veto-and-last-place.scenario.json"));
    let out = kaoping(&["diff", &a, &b, "--json", "--bank", "icbc"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["format"], "kaoping-diff/1");
    assert_eq!(value["banks"].as_array().map(Vec::len), Some(16));
    assert_eq!(value["bank"]["id"], "icbc");
    let table = text(&kaoping(&["diff", &a, &a]).stdout);
    assert_eq!(table.lines().count(), 17, "a heading and 16 banks:\n{table}");
    assert!(!table.contains('↑') && !table.contains('↓'), "nothing moves against itself");
    let out = kaoping(&["diff", &a, &b, "--bank", "nobank"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Decimal text from a CSV cell or a result file, rounded to two places half up as the page shows it.
fn two_places(text: &str) -> Option<Decimal> {
    let plain: String = text.trim().trim_matches('"').chars().filter(|&c| c != ',').collect();
    plain.parse::<Decimal>().ok().map(|d| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// LibreOffice's `soffice`, if installed (`cargo xtask test` installs libreoffice-calc-nogui).
fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[test]
fn libreoffice_opens_the_workbook_and_shows_the_scores() {
    let Some(soffice) = soffice() else {
        eprintln!(
            "SKIPPED libreoffice_opens_the_workbook_and_shows_the_scores: LibreOffice (soffice) is not installed here; \
             `cargo xtask test` installs Debian's libreoffice-calc-nogui and runs it"
        );
        return;
    };
    let dir = scratch("libreoffice");
    let name = "full-16-banks.scenario.json";
    let book = path(&dir, "全市.xlsx");
    assert!(kaoping(&["export", &scenario(name), "--xlsx", &book]).status.success());
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    // Field separator, text delimiter, UTF-8, from line 1; values as stored, not as shown; the
    // second sheet (得分: the points, total and rank under their hidden key row).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2";
    let out = Command::new(&soffice)
        .args([&profile, "--headless", "--norestore", "--convert-to", filter, "--outdir"])
        .arg(&dir)
        .arg(&book)
        .output()
        .expect("soffice runs");
    let csv_path = dir.join("全市-得分.csv");
    assert!(csv_path.is_file(), "LibreOffice converted nothing: {}{}", text(&out.stdout), text(&out.stderr));
    let converted = std::fs::read_to_string(&csv_path).expect("UTF-8 CSV");
    let rows: Vec<Vec<String>> = converted.lines().map(split_csv).collect();
    // The hidden first row holds the column keys.
    let keys = rows.first().expect("a key row");
    let column = |key: &str| keys.iter().position(|k| k == key).unwrap_or_else(|| panic!("column {key}"));
    let scored = kaoping(&["score", &scenario(name)]);
    let result: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("result JSON");
    let banks = result["banks"].as_array().expect("banks");
    assert_eq!(rows.len(), 2 + banks.len(), "keys, headings and one row per bank");
    let mut compared = 0;
    for (bank, row) in banks.iter().zip(&rows[2..]) {
        let mut check = |key: &str, expected: &serde_json::Value| {
            let cell = row.get(column(key)).map(String::as_str).unwrap_or("");
            match expected.as_str() {
                Some(number) => {
                    assert_eq!(
                        two_places(cell),
                        two_places(number),
                        "{} {key}: sheet {cell:?}, score {number}",
                        bank["id"]
                    );
                    compared += 1;
                }
                None => assert_eq!(cell, "不适用", "{} {key}", bank["id"]),
            }
        };
        check("total", &bank["total"]);
        for (item, points) in bank["items"].as_object().expect("items") {
            check(&format!("points.{item}"), points);
        }
        let rank = row.get(column("rank")).map(String::as_str).unwrap_or("");
        match bank["rank"].as_u64() {
            Some(r) => assert_eq!(rank, r.to_string()),
            None => assert_eq!(rank, "不适用"),
        }
    }
    assert!(compared > 16 * 18, "{compared} numbers compared");

    // Saved again by LibreOffice (its own shared strings, styles and number text), the workbook
    // imports into the scenario it came from without a single change.
    let resaved = dir.join("resaved");
    let out = Command::new(&soffice)
        .args([&profile, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir"])
        .arg(&resaved)
        .arg(&book)
        .output()
        .expect("soffice runs");
    let again = resaved.join("全市.xlsx");
    assert!(again.is_file(), "LibreOffice saved nothing: {}{}", text(&out.stdout), text(&out.stderr));
    let into = kaoping(&["import", &again.to_string_lossy(), "--into", &scenario(name)]);
    assert!(into.status.success(), "{}", text(&into.stderr));
    let unchanged = kaoping(&["import", &book, "--into", &scenario(name)]);
    assert_eq!(text(&into.stdout), text(&unchanged.stdout), "the resaved workbook changes nothing");
}

/// The exported workbook printed by LibreOffice: a few pages, the first one 结果 with every bank, its
/// total and rank, and every page numbered.
#[test]
fn libreoffice_prints_the_workbook_on_a_few_pages_with_every_bank_on_the_first() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED libreoffice_prints_the_workbook…: LibreOffice (soffice) is not installed here");
        return;
    };
    let pdftotext = |args: &[&str]| Command::new("pdftotext").args(args).output();
    if pdftotext(&["-v"]).is_err() {
        eprintln!("SKIPPED libreoffice_prints_the_workbook…: pdftotext (poppler-utils) is not installed here");
        return;
    }
    let dir = scratch("print");
    let name = "full-16-banks.scenario.json";
    let book = path(&dir, "测算.xlsx");
    assert!(kaoping(&["export", &scenario(name), "--xlsx", &book]).status.success());
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new(&soffice)
        .args([&profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&book)
        .output()
        .expect("soffice runs");
    let pdf = path(&dir, "测算.pdf");
    assert!(Path::new(&pdf).is_file(), "LibreOffice printed nothing: {}{}", text(&out.stdout), text(&out.stderr));
    let all = pdftotext(&["-layout", &pdf, "-"]).expect("pdftotext runs");
    let all = text(&all.stdout);
    let pages = all.matches('\u{c}').count();
    assert!((5..=14).contains(&pages), "{pages} pages");
    let first = text(&pdftotext(&["-layout", "-f", "1", "-l", "1", &pdf, "-"]).expect("pdftotext runs").stdout);
    assert!(first.contains("结果") && first.contains("总分") && first.contains("名次"), "{first}");
    assert!(first.contains(&format!("第 1 页，共 {pages} 页")), "{first}");
    let scored = kaoping(&["score", &scenario(name)]);
    let result: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("result JSON");
    let scheme = kaoping_engine::Scheme::builtin(2024).expect("built-in");
    for bank in result["banks"].as_array().expect("banks") {
        let id = bank["id"].as_str().expect("an id");
        let short = &scheme.banks[scheme.bank_index(id).expect("a bank")].short_name;
        let line = first
            .lines()
            .find(|l| l.trim_start().starts_with(short.as_str()))
            .unwrap_or_else(|| panic!("{short} on page 1:\n{first}"));
        if let Some(total) = bank["total"].as_str() {
            let shown = two_places(total).expect("a total").to_string();
            assert!(line.contains(&shown), "{short}: {shown} in {line}");
        }
    }
}

/// One line of LibreOffice's CSV: comma-separated, text in double quotes.
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().map(|s| s.push('"')).unwrap_or_default();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().map(|s| s.push(c)).unwrap_or_default(),
        }
    }
    cells
}

#[test]
fn a_share_link_opens_as_the_same_scenario_and_a_cut_one_is_refused() {
    let file = scenario("overrides-and-green-rate.scenario.json");
    let made = kaoping(&["link", &file]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let fragment = text(&made.stdout).trim().to_owned();
    let opened = kaoping(&["open-link", &format!("http://intranet/kaoping/{fragment}")]);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    let dir = scratch("link");
    let back = path(&dir, "back.json");
    std::fs::write(&back, &opened.stdout).expect("writable");
    assert_same_scenario(&back, &file);

    let cut = kaoping(&["open-link", &fragment[..fragment.len() - 5]]);
    assert_eq!(cut.status.code(), Some(2));
    assert!(cut.stdout.is_empty());
    assert_eq!(
        text(&cut.stderr).trim_end(),
        "kaoping: link: 链接已损坏或不完整（可能复制时被截断），请让对方重新复制完整的链接"
    );
}
