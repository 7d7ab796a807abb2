//! Writing `.xlsx` workbooks: plain tables with headings, frozen panes, hidden key rows, column widths
//! that count CJK characters as two, shaded input cells with data validation, and print setup on
//! every sheet (A4 landscape, fit to the page width, heading rows repeated on each page, page numbers
//! in the footer) — so that a table printed from Excel, WPS or LibreOffice is readable on a few pages.
//!
//! Written here rather than with rust_xlsxwriter, on purpose and measured: rust_xlsxwriter builds for
//! wasm32 (with its `wasm` feature for the clock), but with the zip writer and the zopfli and zlib-rs
//! compressors it brings, the spreadsheet worker came to 692.6 KB gzipped, against 528.4 KB without it
//! and a budget of 600 KB (issue 15). What is written is a handful of plain parts, so they are written
//! here (about 300 lines, deflated by miniz_oxide, which the share link already uses), in the forms
//! Excel, WPS and LibreOffice open; LibreOffice printing a written workbook to PDF is a test.
//!
//! Numbers are written as their exact decimal text (`<v>1234.56</v>`), so no figure passes through a
//! float; a figure with more digits than Excel keeps is written as text by the caller (`export.rs`).

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::grid::{cell_name, column_name};

/// How a written cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Default.
    Plain,
    /// A column heading: bold on a light fill, wrapped, bordered.
    Header,
    /// A number shown with two decimals and digit grouping (`1,234.56`); the stored value is exact.
    Fixed2,
    /// A whole number shown with digit grouping.
    Whole,
    /// Long text, wrapped, top-aligned.
    Wrap,
    /// A sheet's title line: bold and larger.
    Title,
    /// A cell to fill in (the template): shaded, a number with two decimals.
    Input,
    /// A cell to fill in: shaded, a whole number.
    InputWhole,
    /// A cell to fill in: shaded, text (是/否).
    InputText,
    /// A cell to fill in: shaded, a date (the 申报表's 填报日期).
    InputDate,
    /// A line of notes: plain, and left out of the column's width, so that it runs on over the empty
    /// cells to its right instead of widening its column.
    Note,
    /// A section's heading within a sheet: bold, and like [`Style::Note`] left out of the width.
    Section,
    /// A date, shown as the spreadsheet program shows dates.
    Date,
}

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing (only the style is written).
    Empty,
    /// Text.
    Text(String),
    /// A number, written exactly (see the module's comment).
    Number(Decimal),
    /// A date, written as the day number spreadsheets keep (1900 date system).
    Date(kaoping_engine::Date),
}

/// What a range of cells accepts (Excel's data validation), with the message shown on a wrong entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// One of these texts (a drop-down list).
    OneOf(Vec<String>),
    /// A whole number between the two, both included.
    WholeBetween(i32, i32),
    /// A whole number, zero or more.
    WholeAtLeastZero,
    /// A number, zero or more.
    AtLeastZero,
    /// A number above zero.
    AboveZero,
    /// A number between the two, both included.
    Between(i32, i32),
    /// A date from 2000 to 2099.
    Date,
    /// Anything: only the prompt is shown.
    Any,
}

/// Data validation on a block of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    /// The column, from 0.
    pub column: usize,
    /// The first and last rows, from 0.
    pub rows: (usize, usize),
    /// What is accepted.
    pub rule: Rule,
    /// What the cell asks for, shown when it is selected and when an entry is refused.
    pub prompt: String,
}

/// How a sheet prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    /// Landscape (every sheet Kaoping writes is wider than tall).
    pub landscape: bool,
    /// Pages across and down (0: as many as needed). `(1, 0)`, fit to the page width, is widened
    /// to as many pages across as keep the text readable (about 200 characters a page) for a table
    /// too wide for one, with [`Print::repeat_columns`] printed on each.
    pub fit: (u16, u16),
    /// Rows repeated at the top of every page (the headings), from 0, both included.
    pub repeat_rows: Option<(usize, usize)>,
    /// Columns repeated at the left of every page (the bank), from 0, both included.
    pub repeat_columns: Option<(usize, usize)>,
    /// The page header's text, centred (the scenario and date).
    pub header: String,
}

impl Default for Print {
    fn default() -> Self {
        Print { landscape: true, fit: (1, 0), repeat_rows: None, repeat_columns: None, header: String::new() }
    }
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
    /// Print setup.
    pub print: Print,
    /// Data validation of input cells.
    pub validations: Vec<Validation>,
}

/// The columns a value takes when shown: two for each CJK ideograph or full-width form.
fn display_width(value: &Value, style: Style) -> usize {
    let width = match value {
        Value::Empty => 0,
        Value::Text(t) => t.lines().map(|l| l.chars().map(kaoping_engine::display_columns).sum()).max().unwrap_or(0),
        // Shown grouped with two decimals: the digits, a comma per three, the point and two places.
        Value::Number(n) => {
            let digits = n.trunc().abs().to_string().len();
            digits + digits / 3 + 4
        }
        Value::Date(_) => 10,
    };
    match style {
        // Headings and long text wrap, so they need not set the width alone.
        Style::Header => width.min(10),
        Style::Wrap => width.min(80),
        Style::Title | Style::Note | Style::Section => 0,
        _ => width,
    }
}

/// Text for XML: the five special characters escaped, control characters XML cannot hold dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A date `YYYY-MM-DD` for the document's properties, or none when it is not one.
fn creation_date(date: &str) -> Option<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let ok = parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| format!("{date}T00:00:00Z"))
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The bytes of an `.xlsx` workbook with these sheets; `title` and `date` (`YYYY-MM-DD`) go in the
/// document properties, so the same sheets always make the same bytes. A sheet name Excel would
/// refuse (empty, over 31 characters, or with `[]:*?/\`) is an error, not a damaged file.
pub fn write(sheets: &[Sheet], title: &str, date: &str) -> Result<Vec<u8>, String> {
    for sheet in sheets {
        let bad = sheet.name.is_empty()
            || sheet.name.chars().count() > 31
            || sheet.name.contains(['[', ']', ':', '*', '?', '/', '\\']);
        if bad {
            return Err(format!("工作表名“{}”不合 Excel 的要求", sheet.name));
        }
    }
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
    let mut names = String::new();
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
        // The heading rows and the bank column printed on every page.
        let quoted = escape(&sheet.name.replace('\'', "''"));
        let mut titles = Vec::new();
        if let Some((first, last)) = sheet.print.repeat_columns {
            titles.push(format!("'{quoted}'!${}:${}", column_name(first), column_name(last)));
        }
        if let Some((first, last)) = sheet.print.repeat_rows {
            titles.push(format!("'{quoted}'!${}:${}", first + 1, last + 1));
        }
        if !titles.is_empty() {
            let _ = write!(
                names,
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">{}</definedName>",
                titles.join(",")
            );
        }
    }
    types.push_str("</Types>");
    workbook.push_str("</sheets>");
    if !names.is_empty() {
        let _ = write!(workbook, "<definedNames>{names}</definedNames>");
    }
    workbook.push_str("<calcPr calcId=\"0\"/></workbook>");
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
    let created = creation_date(date)
        .map(|d| format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:created>"))
        .unwrap_or_default();
    let core = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>考评测算器</dc:creator>{created}</cp:coreProperties>",
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
    Ok(zip(&parts))
}

impl Style {
    /// The style's place among the `cellXfs` of [`STYLES`].
    fn index(self) -> usize {
        self as usize
    }
}

/// The style sheet: fonts (regular, bold, bold 14), fills (the two Excel requires, a light blue for
/// headings, a light yellow for cells to fill in), borders (none, thin), and one cell format per
/// [`Style`], in that order. 4 and 3 are Excel's built-in `#,##0.00` and `#,##0` formats.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"14\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>",
    "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>",
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill>",
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF2CC\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>",
    "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>",
    "<border><left style=\"thin\"><color rgb=\"FFA6A6A6\"/></left><right style=\"thin\"><color rgb=\"FFA6A6A6\"/></right>",
    "<top style=\"thin\"><color rgb=\"FFA6A6A6\"/></top><bottom style=\"thin\"><color rgb=\"FFA6A6A6\"/></bottom><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"13\">",
    // Plain, Header, Fixed2, Whole, Wrap, Title
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    // Input, InputWhole, InputText: shaded and bordered
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\"/>",
    "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyFill=\"1\" applyBorder=\"1\"/>",
    // InputDate: shaded, bordered, Excel's built-in date format 14; Note: plain
    "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    // Section: bold
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    // Date: Excel's built-in date format 14
    "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
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

/// One data validation as `<dataValidation>`.
fn validation_xml(validation: &Validation) -> String {
    let (kind, operator, formulas) = match &validation.rule {
        Rule::OneOf(items) => ("list", "", format!("<formula1>\"{}\"</formula1>", escape(&items.join(",")))),
        Rule::WholeBetween(low, high) => {
            ("whole", "", format!("<formula1>{low}</formula1><formula2>{high}</formula2>"))
        }
        Rule::WholeAtLeastZero => ("whole", " operator=\"greaterThanOrEqual\"", "<formula1>0</formula1>".to_owned()),
        Rule::AtLeastZero => ("decimal", " operator=\"greaterThanOrEqual\"", "<formula1>0</formula1>".to_owned()),
        Rule::AboveZero => ("decimal", " operator=\"greaterThan\"", "<formula1>0</formula1>".to_owned()),
        Rule::Between(low, high) => ("decimal", "", format!("<formula1>{low}</formula1><formula2>{high}</formula2>")),
        // 2000-01-01 to 2099-12-31 as day numbers.
        Rule::Date => ("date", "", "<formula1>36526</formula1><formula2>73050</formula2>".to_owned()),
        Rule::Any => ("none", "", String::new()),
    };
    // Excel shows at most 255 characters of a prompt.
    let prompt: String = validation.prompt.chars().take(250).collect();
    let range = format!(
        "{}:{}",
        cell_name(validation.rows.0, validation.column),
        cell_name(validation.rows.1, validation.column)
    );
    format!(
        "<dataValidation type=\"{kind}\"{operator} allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"填写有误\" error=\"{p}\" prompt=\"{p}\" sqref=\"{range}\">{formulas}</dataValidation>",
        p = escape(&prompt)
    )
}

fn sheet_xml(sheet: &Sheet, selected: bool, strings: &mut SharedStrings) -> String {
    let mut out = format!("{DECL}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    let fit = sheet.print.fit != (0, 0);
    if fit {
        out.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    }
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
    let widths: Vec<usize> = (0..width)
        .map(|column| {
            let widest =
                sheet.rows.iter().filter_map(|r| r.get(column)).map(|(v, s)| display_width(v, *s)).max().unwrap_or(0);
            (widest + 2).clamp(6, 80)
        })
        .collect();
    if width > 0 {
        out.push_str("<cols>");
        for (column, chars) in widths.iter().enumerate() {
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
                Value::Date(date) => {
                    let _ = write!(out, "<c r=\"{name}\" s=\"{s}\"><v>{}</v></c>", date.spreadsheet_serial());
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");
    if !sheet.validations.is_empty() {
        let _ = write!(out, "<dataValidations count=\"{}\">", sheet.validations.len());
        for validation in &sheet.validations {
            out.push_str(&validation_xml(validation));
        }
        out.push_str("</dataValidations>");
    }
    let print = &sheet.print;
    let shown: usize =
        widths.iter().enumerate().filter(|(c, _)| !sheet.hidden_columns.contains(c)).map(|(_, w)| w).sum();
    let across = if print.fit == (1, 0) { u16::try_from(shown.div_ceil(200).max(1)).unwrap_or(1) } else { print.fit.0 };
    out.push_str("<printOptions horizontalCentered=\"1\"/>");
    out.push_str("<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>");
    let _ = write!(
        out,
        "<pageSetup paperSize=\"9\" orientation=\"{}\"{}/>",
        if print.landscape { "landscape" } else { "portrait" },
        if fit { format!(" fitToWidth=\"{across}\" fitToHeight=\"{}\"", print.fit.1) } else { String::new() }
    );
    out.push_str("<headerFooter>");
    if !print.header.is_empty() {
        let _ = write!(out, "<oddHeader>&amp;C{}</oddHeader>", escape(&print.header.replace('&', "&&")));
    }
    out.push_str("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>");
    out
}

// ---------------------------------------------------------------------------------------------------
// The zip container: every part deflated by miniz_oxide, UTF-8 names, a fixed timestamp
// (1980-01-01), so the same workbook gives the same bytes.

/// CRC-32 (IEEE) one byte at a time, with the 1 KB table built at compile time: a workbook is a few
/// kilobytes, and the page is smaller without crc32fast's 16 KB of slicing tables.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &b| CRC_TABLE[usize::from((crc as u8) ^ b)] ^ (crc >> 8))
}

fn u16le(value: usize) -> [u8; 2] {
    u16::try_from(value).unwrap_or(u16::MAX).to_le_bytes()
}

fn u32le(value: usize) -> [u8; 4] {
    u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes()
}

/// A zip archive of the given parts, in order.
fn zip<N: AsRef<str>>(parts: &[(N, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in parts {
        let name = name.as_ref();
        let crc = crc32(data);
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let offset = out.len();
        // Flag bit 11: the name is UTF-8. Time 0, date 0x21: 1980-01-01 00:00.
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
            buf.extend_from_slice(&0x0800u16.to_le_bytes());
            buf.extend_from_slice(&8u16.to_le_bytes()); // deflate
            buf.extend_from_slice(&0u16.to_le_bytes());
            buf.extend_from_slice(&0x21u16.to_le_bytes());
            buf.extend_from_slice(&crc.to_le_bytes());
            buf.extend_from_slice(&u32le(packed.len()));
            buf.extend_from_slice(&u32le(data.len()));
            buf.extend_from_slice(&u16le(name.len()));
            buf.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&u32le(offset));
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&u16le(parts.len()));
    out.extend_from_slice(&u16le(parts.len()));
    out.extend_from_slice(&u32le(central.len()));
    out.extend_from_slice(&u32le(central_offset));
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_cells_and_print_setup_read_back() {
        let text = |t: &str| (Value::Text(t.to_owned()), Style::Plain);
        let sheet = Sheet {
            name: "全市 & <表>".to_owned(),
            rows: vec![
                vec![text("银行"), text("贷款余额（亿元）")],
                vec![
                    text("工商银行"),
                    (Value::Number(Decimal::new(1234567_12345678, 8)), Style::Fixed2),
                    (Value::Number("0.3".parse().expect("decimal")), Style::Input),
                    (Value::Number("1.1".parse().expect("decimal")), Style::Input),
                ],
            ],
            frozen_rows: 1,
            print: Print { repeat_rows: Some((0, 0)), header: "测试 & 页眉".to_owned(), ..Print::default() },
            validations: vec![Validation {
                column: 1,
                rows: (1, 1),
                rule: Rule::OneOf(vec!["是".to_owned(), "否".to_owned()]),
                prompt: "填“是”或“否”".to_owned(),
            }],
            ..Sheet::default()
        };
        let bytes = write(&[sheet], "测试", "2024-12-31").expect("written");
        let grids = crate::read_grids(&bytes, "t.xlsx").expect("own workbook reads");
        let g = &grids[0];
        assert_eq!(g.name, "全市 & <表>");
        assert_eq!(g.cell(1, 1), &crate::Cell::Number("1234567.12345678".to_owned()));
        assert_eq!(g.cell(1, 2), &crate::Cell::Number("0.3".to_owned()));
        assert_eq!(g.cell(1, 3), &crate::Cell::Number("1.1".to_owned()));
        assert!(write(&[Sheet { name: "a/b".to_owned(), ..Sheet::default() }], "t", "").is_err());
    }
}
