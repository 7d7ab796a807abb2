//! Writing `.xlsx` workbooks with rust_xlsxwriter: plain tables with headings, frozen panes, hidden
//! key rows, column widths that count CJK characters as two, shaded input cells with data validation,
//! and print setup on every sheet (A4 landscape, fit to the page width, heading rows repeated on each
//! page, page numbers in the footer) — so that a table printed from Excel, WPS or LibreOffice is
//! readable on a few pages.
//!
//! Numbers: rust_xlsxwriter takes a double and writes it with Rust's shortest round-trip formatting.
//! A figure is handed over as the double nearest its exact decimal text (parsed, correctly rounded),
//! and for any decimal of up to 15 significant digits that shortest writing is the decimal itself; a
//! figure with more digits than Excel keeps is written as text by the caller (`export.rs`). So the
//! file holds the exact figure, and a test reads the written XML back to check it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

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
    /// Pages across (1: fit to the page width) and down (0: as many as needed).
    pub fit: (u16, u16),
    /// Rows repeated at the top of every page (the headings), from 0, both included.
    pub repeat_rows: Option<(usize, usize)>,
    /// The page header's text, centred (the scenario and date).
    pub header: String,
}

impl Default for Print {
    fn default() -> Self {
        Print { landscape: true, fit: (1, 0), repeat_rows: None, header: String::new() }
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
    };
    match style {
        // Headings and long text wrap, so they need not set the width alone.
        Style::Header => width.min(16),
        Style::Wrap => width.min(80),
        Style::Title => 0,
        _ => width,
    }
}

/// A date `YYYY-MM-DD` for the document's properties; 2000-01-01 when it is not one, so that the
/// same sheets always make the same bytes.
fn creation_date(date: &str) -> ExcelDateTime {
    let mut parts = date.split('-').map(|p| p.parse::<u16>().ok());
    let (year, month, day) = (parts.next().flatten(), parts.next().flatten(), parts.next().flatten());
    year.zip(month)
        .zip(day)
        .and_then(|((y, m), d)| ExcelDateTime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok())
        .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok())
        .unwrap_or_default()
}

/// The bytes of an `.xlsx` workbook with these sheets; `title` and `date` go in the document
/// properties. Writing into memory fails only on sheets no caller here makes (a bad sheet name, a
/// cell past Excel's limits); that is a message, not a panic.
pub fn write(sheets: &[Sheet], title: &str, date: &str) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(title)
        .set_author("考评测算器")
        .set_creation_datetime(&creation_date(date));
    workbook.set_properties(&properties);
    let formats = Formats::new();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        write_sheet(worksheet, sheet, &formats).map_err(|e| format!("无法写出工作表“{}”：{e}", sheet.name))?;
    }
    workbook.save_to_buffer().map_err(|e| format!("无法写出工作簿：{e}"))
}

struct Formats {
    plain: Format,
    header: Format,
    fixed2: Format,
    whole: Format,
    wrap: Format,
    title: Format,
    input: Format,
    input_whole: Format,
    input_text: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_font_name("等线").set_font_size(11);
        let shade = |f: Format| f.set_background_color(Color::RGB(0xFF_F2_CC)).set_border(FormatBorder::Thin);
        Formats {
            plain: base.clone(),
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDD_EB_F7))
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin),
            fixed2: base.clone().set_num_format("#,##0.00"),
            whole: base.clone().set_num_format("#,##0"),
            wrap: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            title: base.clone().set_bold().set_font_size(14),
            input: shade(base.clone().set_num_format("#,##0.00")),
            input_whole: shade(base.clone().set_num_format("#,##0")),
            input_text: shade(base),
        }
    }

    fn of(&self, style: Style) -> &Format {
        match style {
            Style::Plain => &self.plain,
            Style::Header => &self.header,
            Style::Fixed2 => &self.fixed2,
            Style::Whole => &self.whole,
            Style::Wrap => &self.wrap,
            Style::Title => &self.title,
            Style::Input => &self.input,
            Style::InputWhole => &self.input_whole,
            Style::InputText => &self.input_text,
        }
    }
}

/// Row and column numbers as rust_xlsxwriter takes them; the sheets written here are far inside
/// Excel's limits, and one past them is the writer's error.
fn at(row: usize, column: usize) -> (u32, u16) {
    (u32::try_from(row).unwrap_or(u32::MAX), u16::try_from(column).unwrap_or(u16::MAX))
}

fn write_sheet(worksheet: &mut Worksheet, sheet: &Sheet, formats: &Formats) -> Result<(), XlsxError> {
    worksheet.set_name(&sheet.name)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, (value, style)) in row.iter().enumerate() {
            let (r, c) = at(r, c);
            let format = formats.of(*style);
            match value {
                Value::Empty if *style == Style::Plain => {}
                Value::Empty => {
                    worksheet.write_blank(r, c, format)?;
                }
                Value::Text(text) => {
                    worksheet.write_string_with_format(r, c, text, format)?;
                }
                Value::Number(n) => {
                    // The double nearest the exact decimal (Rust's parse rounds correctly).
                    let double: f64 = n.normalize().to_string().parse().unwrap_or(f64::NAN);
                    worksheet.write_number_with_format(r, c, double, format)?;
                }
            }
        }
    }
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    for column in 0..width {
        let widest =
            sheet.rows.iter().filter_map(|r| r.get(column)).map(|(v, s)| display_width(v, *s)).max().unwrap_or(0);
        let chars = (widest + 2).clamp(6, 80);
        worksheet.set_column_width(at(0, column).1, chars as f64)?;
        if sheet.hidden_columns.contains(&column) {
            worksheet.set_column_hidden(at(0, column).1)?;
        }
    }
    for &row in &sheet.hidden_rows {
        worksheet.set_row_hidden(at(row, 0).0)?;
    }
    if sheet.frozen_rows > 0 || sheet.frozen_columns > 0 {
        let (r, c) = at(sheet.frozen_rows, sheet.frozen_columns);
        worksheet.set_freeze_panes(r, c)?;
    }
    let print = &sheet.print;
    worksheet.set_paper_size(9);
    if print.landscape {
        worksheet.set_landscape();
    }
    worksheet.set_print_fit_to_pages(print.fit.0, print.fit.1);
    worksheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    worksheet.set_print_center_horizontally(true);
    if let Some((first, last)) = print.repeat_rows {
        worksheet.set_repeat_rows(at(first, 0).0, at(last, 0).0)?;
    }
    if !print.header.is_empty() {
        worksheet.set_header(format!("&C{}", print.header.replace('&', "&&")));
    }
    worksheet.set_footer("&C第 &P 页，共 &N 页");
    for validation in &sheet.validations {
        let rule = match &validation.rule {
            Rule::OneOf(items) => DataValidation::new().allow_list_strings(items)?,
            Rule::WholeBetween(low, high) => {
                DataValidation::new().allow_whole_number(DataValidationRule::Between(*low, *high))
            }
            Rule::WholeAtLeastZero => {
                DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            }
            Rule::AtLeastZero => {
                DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            }
            Rule::AboveZero => DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThan(0.0)),
            Rule::Between(low, high) => DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(f64::from(*low), f64::from(*high))),
        };
        let prompt: String = validation.prompt.chars().take(250).collect();
        let rule = rule.set_input_message(prompt.clone())?.set_error_message(prompt)?.set_error_title("填写有误")?;
        let (first, c) = at(validation.rows.0, validation.column);
        let (last, _) = at(validation.rows.1, validation.column);
        worksheet.add_data_validation(first, c, last, c, &rule)?;
    }
    Ok(())
}
