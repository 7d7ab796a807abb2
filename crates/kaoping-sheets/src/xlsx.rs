//! Office Open XML workbooks (`.xlsx`), written and read over bytes in memory.
//!
//! Written here rather than with a general-purpose library because what the program writes is a
//! handful of plain tables and what it reads is cell values only. Doing both with the zip and XML of
//! this crate keeps the page small (see the README's sizes) and keeps every number exact: a number is
//! written as its decimal text and read back as the text stored in the sheet, so no figure passes
//! through a float on either side.
//!
//! The parts written are those Excel itself writes for a plain workbook (content types, package and
//! workbook relationships, workbook, styles, shared strings, one part per sheet, document
//! properties), in the forms Excel, WPS and LibreOffice all open.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::grid::{cell_name, column_name, parse_cell_name, stored_number, Cell, Grid};
use crate::xml::{attribute, escape, Scanner, Token};
use crate::{zip, Problem};

/// How a written cell looks. Each is one entry of the workbook's style sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Default.
    Plain,
    /// A column heading: bold on a light fill, wrapped.
    Header,
    /// A number shown with two decimals and digit grouping (`1,234.56`); the stored value is exact.
    Fixed2,
    /// A whole number shown with digit grouping.
    Whole,
    /// Long text, wrapped, top-aligned.
    Wrap,
    /// A sheet's title line: bold and larger.
    Title,
}

impl Style {
    fn index(self) -> usize {
        self as usize
    }
}

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing (the cell is not written).
    Empty,
    /// Text.
    Text(String),
    /// A number, written as its exact decimal text.
    Number(Decimal),
}

/// A sheet to write.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    /// The tab's name.
    pub name: String,
    /// The rows, each cell with its style.
    pub rows: Vec<Vec<(Value, Style)>>,
    /// Rows kept in view when scrolling (the header).
    pub frozen_rows: usize,
    /// Columns kept in view when scrolling (the bank's name).
    pub frozen_columns: usize,
    /// Rows hidden from view (the row of keys above a table's headings), counted from 0.
    pub hidden_rows: Vec<usize>,
    /// Columns hidden from view, counted from 0.
    pub hidden_columns: Vec<usize>,
}

/// Columns a character takes: two for CJK ideographs and full-width forms, one otherwise. Column
fn display_width(value: &Value, style: Style) -> usize {
    let width = match value {
        Value::Empty => 0,
        Value::Text(t) => t.lines().map(|l| l.chars().map(kaoping_engine::display_columns).sum()).max().unwrap_or(0),
        // Shown grouped with two decimals: the digits, a comma per three, the point and two places.
        Value::Number(n) => {
            let digits = n.trunc().abs().to_string().len();
            digits + digits / 3 + 4
        }
    };
    match style {
        // Headings and long text wrap, so they need not set the width alone.
        Style::Header => width.min(24),
        Style::Wrap => width.min(80),
        Style::Title => 0,
        _ => width,
    }
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The bytes of an `.xlsx` workbook with these sheets; `title` goes in the document properties.
pub fn write(sheets: &[Sheet], title: &str) -> Vec<u8> {
    let mut strings = SharedStrings::default();
    let sheet_parts: Vec<String> =
        sheets.iter().enumerate().map(|(i, sheet)| sheet_xml(sheet, i == 0, &mut strings)).collect();

    let mut types = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
    );
    let mut workbook = format!(
        "{DECL}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><workbookPr/><bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" windowHeight=\"15000\"/></bookViews><sheets>"
    );
    let mut workbook_rels = format!("{DECL}<Relationships xmlns=\"{PKG_REL_NS}\">");
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            types,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
        let _ = write!(workbook, "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", escape(&sheet.name));
        let _ = write!(
            workbook_rels,
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    types.push_str("</Types>");
    workbook.push_str("</sheets><calcPr calcId=\"0\"/></workbook>");
    let n = sheets.len();
    let _ = write!(
        workbook_rels,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
        n + 1,
        n + 2
    );
    let package_rels = format!(
        "{DECL}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL_NS}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
    );
    let app = format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>考评测算器</Application></Properties>"
    );
    let core = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>考评测算器</dc:creator></cp:coreProperties>",
        escape(title)
    );

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".to_owned(), types.into_bytes()),
        ("_rels/.rels".to_owned(), package_rels.into_bytes()),
        ("docProps/app.xml".to_owned(), app.into_bytes()),
        ("docProps/core.xml".to_owned(), core.into_bytes()),
        ("xl/workbook.xml".to_owned(), workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels".to_owned(), workbook_rels.into_bytes()),
        ("xl/styles.xml".to_owned(), STYLES.as_bytes().to_vec()),
        ("xl/sharedStrings.xml".to_owned(), strings.xml().into_bytes()),
    ];
    for (i, xml) in sheet_parts.into_iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml.into_bytes()));
    }
    zip::write(&parts)
}

/// The style sheet: fonts (regular, bold, bold 14), fills (the two Excel requires, a light blue),
/// and one cell format per [`Style`], in that order. 4 and 3 are Excel's built-in `#,##0.00` and
/// `#,##0` formats.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"14\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>",
    "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>",
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>",
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"6\">",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>"
);

#[derive(Default)]
struct SharedStrings {
    index: HashMap<String, usize>,
    list: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn add(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        self.list.push(text.to_owned());
        self.index.insert(text.to_owned(), self.list.len() - 1);
        self.list.len() - 1
    }

    fn xml(&self) -> String {
        let mut out =
            format!("{DECL}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">", self.uses, self.list.len());
        for text in &self.list {
            let _ = write!(out, "<si><t xml:space=\"preserve\">{}</t></si>", escape(text));
        }
        out.push_str("</sst>");
        out
    }
}

fn sheet_xml(sheet: &Sheet, selected: bool, strings: &mut SharedStrings) -> String {
    let mut out = format!("{DECL}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    let (rows, cols) = (sheet.frozen_rows, sheet.frozen_columns);
    let _ =
        write!(out, "<sheetViews><sheetView {}workbookViewId=\"0\">", if selected { "tabSelected=\"1\" " } else { "" });
    if rows > 0 || cols > 0 {
        let top_left = cell_name(rows, cols);
        let pane = match (rows > 0, cols > 0) {
            (true, true) => "bottomRight",
            (true, false) => "bottomLeft",
            _ => "topRight",
        };
        let x = if cols > 0 { format!("xSplit=\"{cols}\" ") } else { String::new() };
        let y = if rows > 0 { format!("ySplit=\"{rows}\" ") } else { String::new() };
        let _ = write!(
            out,
            "<pane {x}{y}topLeftCell=\"{top_left}\" activePane=\"{pane}\" state=\"frozen\"/><selection pane=\"{pane}\" activeCell=\"{top_left}\" sqref=\"{top_left}\"/>"
        );
    }
    out.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");

    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    if width > 0 {
        out.push_str("<cols>");
        for column in 0..width {
            let widest =
                sheet.rows.iter().filter_map(|r| r.get(column)).map(|(v, s)| display_width(v, *s)).max().unwrap_or(0);
            let chars = (widest + 2).clamp(6, 80);
            let hidden = if sheet.hidden_columns.contains(&column) { " hidden=\"1\"" } else { "" };
            let n = column + 1;
            let _ = write!(out, "<col min=\"{n}\" max=\"{n}\" width=\"{chars}\" customWidth=\"1\"{hidden}/>");
        }
        out.push_str("</cols>");
    }

    out.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let hidden = if sheet.hidden_rows.contains(&r) { " hidden=\"1\"" } else { "" };
        let _ = write!(out, "<row r=\"{}\"{hidden}>", r + 1);
        for (c, (value, style)) in row.iter().enumerate() {
            let name = format!("{}{}", column_name(c), r + 1);
            let s = style.index();
            match value {
                Value::Empty if *style == Style::Plain => {}
                Value::Empty => {
                    let _ = write!(out, "<c r=\"{name}\" s=\"{s}\"/>");
                }
                Value::Text(text) => {
                    let i = strings.add(text);
                    let _ = write!(out, "<c r=\"{name}\" s=\"{s}\" t=\"s\"><v>{i}</v></c>");
                }
                Value::Number(n) => {
                    let _ = write!(out, "<c r=\"{name}\" s=\"{s}\"><v>{}</v></c>", n.normalize());
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
    out
}

// ---------------------------------------------------------------------------------------------------
// Reading

/// A sheet bigger than this is not a table of banks: refused rather than laid out in memory.
const MAX_ROWS: usize = 5000;
const MAX_COLUMNS: usize = 500;

fn not_a_workbook() -> Problem {
    Problem::file("文件不是有效的 Excel 工作簿（.xlsx）：缺少工作簿内容，可能已损坏或是其他类型的压缩包")
}

fn text_of(bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|_| Problem::file("工作簿中的 XML 不是 UTF-8 编码，无法读取"))
}

fn xml_problem(part: &str) -> Problem {
    Problem::file(format!("工作簿已损坏（{part} 不是完整的 XML）"))
}

/// Resolves a relationship target against the folder of the part that names it.
fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The relationships of a part: id → (type, target resolved).
fn relationships(archive: &mut zip::Archive<'_>, part: &str) -> Result<Vec<(String, String, String)>, Problem> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let Some(bytes) = archive.read(&rels)? else { return Ok(Vec::new()) };
    let text = text_of(bytes)?;
    let mut scanner = Scanner::new(&text);
    let mut out = Vec::new();
    for token in scanner.by_ref() {
        if let Token::Open { name: "Relationship", attributes, .. } = token {
            let get = |key| attribute(attributes, key).map(|v| v.into_owned()).unwrap_or_default();
            out.push((get("Id"), get("Type"), resolve(dir, &get("Target"))));
        }
    }
    if scanner.failed() {
        return Err(xml_problem(&rels));
    }
    Ok(out)
}

/// Every sheet of a workbook, in tab order, with each cell's stored value.
pub fn read(bytes: &[u8]) -> Result<Vec<Grid>, Problem> {
    let mut archive = zip::Archive::open(bytes)?;
    let workbook_part = relationships(&mut archive, "")?
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, _, target)| target)
        .unwrap_or_else(|| "xl/workbook.xml".to_owned());
    let workbook = archive.read(&workbook_part)?.ok_or_else(not_a_workbook)?;
    let workbook = text_of(workbook)?;
    let rels = relationships(&mut archive, &workbook_part)?;
    let dir = workbook_part.rsplit_once('/').map_or("", |(d, _)| d);

    let strings_part = rels
        .iter()
        .find(|(_, kind, _)| kind.ends_with("/sharedStrings"))
        .map(|(_, _, target)| target.clone())
        .unwrap_or_else(|| resolve(dir, "sharedStrings.xml"));
    let styles_part = rels
        .iter()
        .find(|(_, kind, _)| kind.ends_with("/styles"))
        .map(|(_, _, target)| target.clone())
        .unwrap_or_else(|| resolve(dir, "styles.xml"));
    let percent = match archive.read(&styles_part)? {
        Some(bytes) => percent_styles(&text_of(bytes)?),
        None => Vec::new(),
    };
    let strings = match archive.read(&strings_part)? {
        Some(bytes) => shared_strings(&text_of(bytes)?).ok_or_else(|| xml_problem(&strings_part))?,
        None => Vec::new(),
    };

    let mut sheets = Vec::new();
    let mut scanner = Scanner::new(&workbook);
    for token in scanner.by_ref() {
        if let Token::Open { name: "sheet", attributes, .. } = token {
            let name = attribute(attributes, "name").map(|v| v.into_owned()).unwrap_or_default();
            let id = attribute(attributes, "id").map(|v| v.into_owned()).unwrap_or_default();
            if let Some((_, _, target)) = rels.iter().find(|(rid, _, _)| *rid == id) {
                sheets.push((name, target.clone()));
            }
        }
    }
    if scanner.failed() {
        return Err(xml_problem(&workbook_part));
    }
    if sheets.is_empty() {
        return Err(not_a_workbook());
    }
    let mut grids = Vec::new();
    for (name, part) in sheets {
        // A chart sheet or a missing part has no cells to read.
        let Some(bytes) = archive.read(&part)? else { continue };
        let text = text_of(bytes)?;
        grids.push(sheet_grid(&name, &text, &strings, &percent)?);
    }
    Ok(grids)
}

/// The shared strings: each `<si>` is the text of its `<t>` runs, phonetic guides (`<rPh>`) left out.
fn shared_strings(xml: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut in_phonetic) = (false, false);
    let mut scanner = Scanner::new(xml);
    for token in scanner.by_ref() {
        match token {
            Token::Open { name: "si", empty, .. } => {
                if empty {
                    out.push(String::new());
                } else {
                    current = Some(String::new());
                }
            }
            Token::Close { name: "si" } => out.push(current.take().unwrap_or_default()),
            Token::Open { name: "t", empty: false, .. } => in_t = true,
            Token::Close { name: "t" } => in_t = false,
            Token::Open { name: "rPh", empty: false, .. } => in_phonetic = true,
            Token::Close { name: "rPh" } => in_phonetic = false,
            Token::Text(text) if in_t && !in_phonetic => {
                if let Some(current) = current.as_mut() {
                    current.push_str(&text);
                }
            }
            _ => {}
        }
    }
    (!scanner.failed()).then_some(out)
}

/// The cells of one sheet.
/// Which cell formats show a number as a percentage: Excel's built-in 9 (`0%`) and 10 (`0.00%`), and
/// any custom format with a `%` outside quotes. A user who types `3.5%` into Excel gets the number
/// 0.035 in such a format; the figure meant is 3.5.
fn percent_styles(xml: &str) -> Vec<bool> {
    let mut custom: Vec<(String, bool)> = Vec::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    for token in Scanner::new(xml) {
        match token {
            Token::Open { name: "numFmt", attributes, .. } => {
                let id = attribute(attributes, "numFmtId").map(|v| v.into_owned()).unwrap_or_default();
                let code = attribute(attributes, "formatCode").unwrap_or_default();
                let mut quoted = false;
                let has_percent = code.chars().any(|c| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == '%' && !quoted
                });
                custom.push((id, has_percent));
            }
            Token::Open { name: "cellXfs", empty: false, .. } => in_cell_xfs = true,
            Token::Close { name: "cellXfs" } => in_cell_xfs = false,
            Token::Open { name: "xf", attributes, .. } if in_cell_xfs => {
                let id = attribute(attributes, "numFmtId").map(|v| v.into_owned()).unwrap_or_default();
                let percent = matches!(id.as_str(), "9" | "10") || custom.iter().any(|(c, p)| *c == id && *p);
                formats.push(percent);
            }
            _ => {}
        }
    }
    formats
}

/// A stored number times 100, worked out on its decimal text.
fn hundredfold(text: &str) -> Option<String> {
    let plain = Cell::Number(stored_number(text)).text().into_owned();
    let value: Decimal = plain.parse().ok()?;
    value.checked_mul(Decimal::ONE_HUNDRED).map(|v| v.normalize().to_string())
}

fn sheet_grid(name: &str, xml: &str, strings: &[String], percent: &[bool]) -> Result<Grid, Problem> {
    let mut grid = Grid { name: name.to_owned(), rows: Vec::new() };
    let (mut row, mut column) = (0usize, 0usize);
    // The cell being read: its place, type, and the text of `<v>` or of `<is><t>`.
    let mut cell: Option<(usize, usize, String, bool)> = None;
    let mut value = String::new();
    let mut inline = String::new();
    let (mut in_v, mut in_t, mut in_phonetic) = (false, false, false);
    let mut first_row = true;
    let mut scanner = Scanner::new(xml);
    let too_big =
        || Problem::file(format!("工作表“{name}”太大（超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列），不是填报表格"));
    for token in scanner.by_ref() {
        match token {
            Token::Open { name: "row", attributes, .. } => {
                row = match attribute(attributes, "r").and_then(|r| r.parse::<usize>().ok()) {
                    Some(r) if r > 0 => r - 1,
                    _ if first_row => 0,
                    _ => row + 1,
                };
                first_row = false;
                column = 0;
            }
            Token::Open { name: "c", attributes, empty } => {
                if let Some((r, c)) = attribute(attributes, "r").and_then(|r| parse_cell_name(&r)) {
                    row = r;
                    column = c;
                }
                let kind = attribute(attributes, "t").map(|t| t.into_owned()).unwrap_or_default();
                let style = attribute(attributes, "s").and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
                if !empty {
                    cell = Some((row, column, kind, percent.get(style).copied().unwrap_or(false)));
                    value.clear();
                    inline.clear();
                }
                column += 1;
            }
            Token::Open { name: "v", empty: false, .. } => in_v = true,
            Token::Close { name: "v" } => in_v = false,
            Token::Open { name: "t", empty: false, .. } => in_t = true,
            Token::Close { name: "t" } => in_t = false,
            Token::Open { name: "rPh", empty: false, .. } => in_phonetic = true,
            Token::Close { name: "rPh" } => in_phonetic = false,
            Token::Text(text) if in_v => value.push_str(&text),
            Token::Text(text) if in_t && !in_phonetic => inline.push_str(&text),
            Token::Close { name: "c" } => {
                let Some((r, c, kind, shown_as_percent)) = cell.take() else { continue };
                let stored = match kind.as_str() {
                    "s" => value
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| strings.get(i))
                        .map_or(Cell::Error("#REF!".to_owned()), |t| Cell::Text(t.clone())),
                    "inlineStr" => Cell::Text(inline.clone()),
                    "str" | "d" => Cell::Text(value.clone()),
                    "b" => Cell::Bool(value.trim() == "1"),
                    "e" => Cell::Error(value.clone()),
                    _ if value.trim().is_empty() => Cell::Empty,
                    _ if shown_as_percent => Cell::Number(hundredfold(&value).unwrap_or_else(|| stored_number(&value))),
                    _ => Cell::Number(stored_number(&value)),
                };
                if stored == Cell::Empty {
                    continue;
                }
                if r >= MAX_ROWS || c >= MAX_COLUMNS {
                    return Err(too_big());
                }
                if grid.rows.len() <= r {
                    grid.rows.resize(r + 1, Vec::new());
                }
                if let Some(cells) = grid.rows.get_mut(r) {
                    if cells.len() <= c {
                        cells.resize(c + 1, Cell::Empty);
                    }
                    if let Some(slot) = cells.get_mut(c) {
                        *slot = stored;
                    }
                }
            }
            _ => {}
        }
    }
    if scanner.failed() {
        return Err(xml_problem(&format!("工作表“{name}”")));
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> (Value, Style) {
        (Value::Text(t.to_owned()), Style::Plain)
    }

    #[test]
    fn written_cells_read_back_exactly() {
        let sheet = Sheet {
            name: "全市 & <表>".to_owned(),
            rows: vec![
                vec![text("银行"), text("贷款余额（亿元）"), text("TRUE")],
                vec![
                    text("工商银行"),
                    (Value::Number(Decimal::new(1234567_12345678, 8)), Style::Fixed2),
                    (Value::Empty, Style::Plain),
                    text("a\"b<c>&d\n第二行"),
                ],
                vec![],
                vec![(Value::Empty, Style::Plain), (Value::Number(Decimal::new(-5, 3)), Style::Whole)],
            ],
            frozen_rows: 1,
            frozen_columns: 1,
            hidden_rows: vec![0],
            hidden_columns: vec![],
        };
        let bytes = write(&[sheet, Sheet { name: "说明".to_owned(), ..Sheet::default() }], "测试");
        let grids = read(&bytes).expect("own workbook reads");
        assert_eq!(grids.len(), 2);
        let g = &grids[0];
        assert_eq!(g.name, "全市 & <表>");
        assert_eq!(g.cell(0, 1), &Cell::Text("贷款余额（亿元）".to_owned()));
        assert_eq!(g.cell(1, 1), &Cell::Number("1234567.12345678".to_owned()));
        assert_eq!(g.cell(1, 2), &Cell::Empty);
        assert_eq!(g.cell(1, 3), &Cell::Text("a\"b<c>&d\n第二行".to_owned()));
        assert_eq!(g.cell(3, 1), &Cell::Number("-0.005".to_owned()));
        assert!(grids[1].rows.is_empty());
    }

    #[test]
    fn cells_as_other_programs_write_them() {
        // Shared strings with rich-text runs and a phonetic guide, inline strings, booleans, errors,
        // formulas with cached values, cells without an `r`, a namespace prefix.
        let strings = r#"<sst xmlns="m"><si><t>工商</t></si><si><r><t>中</t></r><r><rPr/><t xml:space="preserve">国 银行</t></r><rPh><t>ちゅうごく</t></rPh></si></sst>"#;
        let sheet = r#"<x:worksheet xmlns:x="m"><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c><x:f>A1*2</x:f><x:v>2.5E-2</x:v></x:c><x:c t="str"><x:f>"a"</x:f><x:v>a</x:v></x:c><x:c s="3"/></x:row></x:sheetData></x:worksheet>"#;
        let strings = shared_strings(strings).expect("well formed");
        assert_eq!(strings, ["工商", "中国 银行"]);
        let g = sheet_grid("表", sheet, &strings, &[]).expect("reads");
        let row = &g.rows[1];
        assert_eq!(
            row[1..],
            [
                Cell::Text("中国 银行".to_owned()),
                Cell::Text("内联".to_owned()),
                Cell::Bool(true),
                Cell::Error("#DIV/0!".to_owned()),
                Cell::Number("2.5E-2".to_owned()),
                Cell::Text("a".to_owned()),
            ]
        );
        assert_eq!(row[5].text(), "0.025");
    }

    #[test]
    fn a_number_shown_as_a_percentage_reads_as_the_percentage_typed() {
        let styles = r#"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.000%"/><numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="4"/></cellXfs></styleSheet>"#;
        let percent = percent_styles(styles);
        assert_eq!(percent, [false, true, true, false, false]);
        let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>3.5000000000000003E-2</v></c><c r="B1" s="2"><v>0.0395</v></c><c r="C1" s="3"><v>3.5</v></c><c r="D1" s="4"><v>0.035</v></c></row></sheetData></worksheet>"#;
        let g = sheet_grid("表", sheet, &[], &percent).expect("reads");
        let texts: Vec<String> = g.rows[0].iter().map(|c| c.text().into_owned()).collect();
        assert_eq!(texts, ["3.5", "3.95", "3.5", "0.035"]);
    }

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/worksheets", "../sharedStrings.xml"), "xl/sharedStrings.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }
}
