//! Reading what people type into a figure box, forgivingly.
//!
//! People copy figures from spreadsheets and type them with a Chinese input method, so the page
//! accepts `1,234.56`, full-width digits and punctuation (`１２３．４５`), surrounding spaces and a
//! trailing unit (`亿`, `亿元`, `%`, `户`, `单`, `个`, `分`). This module only rewrites the text into the
//! plain form the engine's value types read; the engine's types decide what is a valid figure.
//!
//! The page's boxes, spreadsheet cells and pasted blocks all go through [`normalize`], so a figure
//! reads the same wherever it is typed.

use rust_decimal::Decimal;

use crate::fields::{Field, Unit};

impl Unit {
    /// The unit words a typed figure may end with, longest first so that `亿元` is not left as `亿`.
    fn suffixes(self) -> &'static [&'static str] {
        match self {
            Unit::Yi => &["亿元", "亿"],
            Unit::Percent => &["%"],
            Unit::Hu => &["户", "家"],
            Unit::Dan => &["单", "个"],
            Unit::Fen => &["分"],
            Unit::Flag => &[],
        }
    }
}

impl Field {
    /// Reads what a user typed for this figure, forgivingly (see [`normalize`]), then exactly by the
    /// field's type: `Ok(None)` for an empty box, or the Chinese reason it is refused.
    pub fn read(self, text: &str) -> Result<Option<Decimal>, String> {
        if self.kind() == crate::fields::Kind::Flag {
            let text = text.trim();
            return if text.is_empty() { Ok(None) } else { self.kind().parse(text).map(Some).map_err(|e| e.zh()) };
        }
        match normalize(text, self.unit())? {
            Reading::Empty => Ok(None),
            Reading::Plain(plain) => self.kind().parse(&plain).map(Some).map_err(|e| e.zh()),
        }
    }

    /// Reads the text and stores it in `bank`; on a refusal `bank` is unchanged.
    pub fn enter(self, bank: &mut crate::fields::BankInput, text: &str) -> Result<(), String> {
        let value = self.read(text)?;
        self.set(bank, value).map_err(|e| e.zh())
    }
}

impl crate::readings::CityField {
    /// Reads what a user typed for this city figure, forgivingly (see [`normalize`]), and stores it in
    /// `city`; empty text clears it. On a refusal `city` is unchanged and the Chinese reason is returned.
    pub fn enter(self, city: &mut crate::scenario::CityOverrides, text: &str) -> Result<(), String> {
        let value = match normalize(text, self.unit())? {
            Reading::Empty => None,
            Reading::Plain(plain) => Some(crate::values::parse_exact(&plain).map_err(|e| e.zh())?),
        };
        self.set(city, value).map_err(|e| e.zh())
    }
}

/// The result of reading a box: nothing entered, or the plain text for the engine's parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The box is empty (or only spaces): the figure is not entered.
    Empty,
    /// Plain ASCII decimal text, e.g. `1234.56` or `-3`.
    Plain(String),
}

/// Rewrites typed text into plain decimal text, or says in Chinese why it cannot.
pub fn normalize(text: &str, unit: Unit) -> Result<Reading, String> {
    let halfwidth: String = text.chars().map(to_halfwidth).collect();
    let mut rest = halfwidth.trim();
    if rest.is_empty() {
        return Ok(Reading::Empty);
    }
    for suffix in unit.suffixes() {
        if let Some(stripped) = rest.strip_suffix(suffix) {
            rest = stripped.trim_end();
            break;
        }
    }
    if rest.is_empty() {
        return Err("请在单位前输入数字".to_owned());
    }
    let unsigned = rest.strip_prefix(['-', '+']).unwrap_or(rest);
    let whole = unsigned.split('.').next().unwrap_or("");
    if whole.contains(',') && !grouped_correctly(whole) {
        return Err("千位分隔符的位置不对，例如应写作 1,234.56".to_owned());
    }
    if unsigned.split('.').skip(1).any(|fraction| fraction.contains(',')) {
        return Err("小数部分不能有逗号".to_owned());
    }
    let plain: String = rest.chars().filter(|&c| c != ',').collect();
    let looks_numeric = plain.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    if !looks_numeric {
        return Err(format!("“{}”不是数字，请输入如 1,234.56 的数值", text.trim()));
    }
    Ok(Reading::Plain(plain))
}

/// Full-width forms (U+FF01–U+FF5E) map to ASCII; the ideographic space is a space; the
/// ideographic full stop and the middle dot, which Chinese input methods give for `.`, are points;
/// the ideographic comma is a comma; the various minus signs are `-`.
fn to_halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '。' | '·' => '.',
        '、' => ',',
        '−' | '–' | '—' => '-',
        other => other,
    }
}

/// `1,234,567` is grouped correctly; `12,34` and `1,,234` are not.
fn grouped_correctly(whole: &str) -> bool {
    let mut groups = whole.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgiving_forms_become_plain_text() {
        let cases: &[(&str, Unit, &str)] = &[
            ("1,234.56", Unit::Yi, "1234.56"),
            ("１２３．４５", Unit::Yi, "123.45"),
            ("  42  ", Unit::Yi, "42"),
            ("42亿", Unit::Yi, "42"),
            ("42 亿元", Unit::Yi, "42"),
            ("１，２３４．５亿", Unit::Yi, "1234.5"),
            ("12.5%", Unit::Percent, "12.5"),
            ("-0.3％", Unit::Percent, "-0.3"),
            ("1,200 户", Unit::Hu, "1200"),
            ("\u{3000}7\u{3000}", Unit::Fen, "7"),
            ("3。5", Unit::Yi, "3.5"),
        ];
        for &(text, unit, expected) in cases {
            assert_eq!(normalize(text, unit), Ok(Reading::Plain(expected.to_owned())), "{text:?}");
        }
    }

    #[test]
    fn city_figures_are_read_as_forgivingly_as_bank_figures() {
        use crate::readings::CityField;
        use crate::scenario::CityOverrides;
        for field in CityField::ALL {
            let mut city = CityOverrides::default();
            assert_eq!(field.enter(&mut city, "１２．５"), Ok(()), "{}", field.key());
            assert_eq!(field.get(&city), Some(Decimal::new(125, 1)), "{}", field.key());
            assert!(field.enter(&mut city, "12.5x").is_err(), "{}", field.key());
            assert_eq!(field.get(&city), Some(Decimal::new(125, 1)), "{}: a refusal changes nothing", field.key());
            assert_eq!(field.enter(&mut city, " "), Ok(()), "{}", field.key());
            assert_eq!(city, CityOverrides::default(), "{}", field.key());
        }
        let mut city = CityOverrides::default();
        assert!(CityField::TechNewLoansAvg.enter(&mut city, "-1").is_err(), "an amount is not negative");
    }

    #[test]
    fn empty_means_not_entered() {
        assert_eq!(normalize("", Unit::Yi), Ok(Reading::Empty));
        assert_eq!(normalize(" \u{3000} ", Unit::Yi), Ok(Reading::Empty));
    }

    #[test]
    fn nonsense_is_refused_with_a_chinese_message() {
        for text in ["abc", "12,34", "1,,234", "12亿户", "亿", "1.2,3", "12 34", "1e3亿x"] {
            let result = normalize(text, Unit::Yi);
            assert!(result.is_err(), "{text:?} should be refused, got {result:?}");
        }
        // A unit that belongs to another kind of figure is not silently dropped.
        assert!(normalize("12户", Unit::Yi).is_err());
    }
}
