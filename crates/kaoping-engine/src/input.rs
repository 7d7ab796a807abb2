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

use crate::document::Deposits;
use crate::fields::{Field, FundFigure, Kind, Unit};
use crate::values::Amount;

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
            Reading::Plain(plain) => {
                self.kind().parse(&plain).map(Some).map_err(|e| refusal(self.kind(), self.unit(), &plain, &e))
            }
        }
    }

    /// Reads the text and stores it in `bank`; on a refusal `bank` is unchanged.
    pub fn enter(self, bank: &mut crate::fields::BankInput, text: &str) -> Result<(), String> {
        let value = self.read(text)?;
        self.set(bank, value).map_err(|e| e.zh())
    }
}

impl FundFigure {
    /// Reads what a user typed for one fund's value (四(四)), as the bank figure it stands in for reads
    /// it, and stores it in `bank`; an empty box clears it (the bank's one figure counts again). On a
    /// refusal `bank` is unchanged.
    pub fn enter(self, bank: &mut crate::fields::BankInput, fund: &str, text: &str) -> Result<(), String> {
        let value = self.every().read(text)?;
        self.set(bank, fund, value).map_err(|e| e.zh())
    }
}

impl Deposits {
    /// Reads the amount typed for a fund, 亿元, forgivingly (`1,234.5`, `６０亿`), and sets it; an empty
    /// box clears it. On a refusal nothing changes.
    pub fn enter(&mut self, fund: &str, text: &str) -> Result<(), String> {
        let amount = match normalize(text, Unit::Yi)? {
            Reading::Empty => None,
            Reading::Plain(plain) => {
                Some(Amount::parse(&plain).map_err(|e| refusal(Kind::Amount, Unit::Yi, &plain, &e))?)
            }
        };
        self.funds.set(fund, amount);
        Ok(())
    }
}

/// Why a clean number is refused, in words for a figure of this kind and unit rather than as a bare
/// range.
fn refusal(kind: Kind, unit: Unit, plain: &str, error: &crate::values::ValueError) -> String {
    use crate::values::ValueError;
    let negative =
        plain.starts_with('-') && plain.trim_start_matches(['-', '0', '.']).chars().any(|c| c.is_ascii_digit());
    match (kind, error) {
        (Kind::Amount | Kind::Target, ValueError::OutOfRange { .. }) if negative => "金额不能为负数".to_owned(),
        (Kind::Target, ValueError::OutOfRange { .. }) => "目标任务须大于 0".to_owned(),
        (Kind::Count, ValueError::OutOfRange { .. }) if negative => "户数、单数不能为负数".to_owned(),
        (Kind::Count, ValueError::NotWhole) => "须为整数".to_owned(),
        (Kind::Amount | Kind::Target, ValueError::TooManyDecimals { .. }) => {
            "小数位数过多：金额最多 8 位小数（即精确到元）".to_owned()
        }
        (Kind::Amount | Kind::Target | Kind::Count, ValueError::OutOfRange { .. } | ValueError::TooLarge) => {
            format!("数值过大，请核对单位（{}）", unit.symbol())
        }
        (Kind::Department, ValueError::OutOfRange { .. }) => "须在 0 至 100 分之间".to_owned(),
        (Kind::Percent, ValueError::OutOfRange { .. }) => "百分数超出 −10000% 至 10000% 的范围".to_owned(),
        _ => error.zh(),
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
    // The first character that belongs in no number is named before any other problem: in `12,3x`
    // the problem is the `x`, not where the comma stands.
    if let Some(bad) = rest.chars().find(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | ','))) {
        return Err(match bad {
            ' ' => "数字中间不能有空格".to_owned(),
            'e' | 'E' => "请直接写出数字，不用科学计数法（如 1e3）".to_owned(),
            other if unit.suffixes().is_empty() => format!("“{other}” 不是数字"),
            other => format!("“{other}” 不是数字（可带单位：{}）", unit.suffixes().join("、")),
        });
    }
    let unsigned = rest.strip_prefix(['-', '+']).unwrap_or(rest);
    if unsigned.contains(['-', '+']) {
        return Err("正负号只能写在数字最前面".to_owned());
    }
    if unsigned.matches('.').count() > 1 {
        return Err("小数点多于一个".to_owned());
    }
    let whole = unsigned.split('.').next().unwrap_or("");
    if whole.contains(',') && !grouped_correctly(whole) {
        return Err("千位分隔符的位置不对，例如应写作 1,234.56".to_owned());
    }
    if unsigned.split('.').skip(1).any(|fraction| fraction.contains(',')) {
        return Err("小数部分不能有逗号".to_owned());
    }
    let plain: String = rest.chars().filter(|&c| c != ',').collect();
    if !plain.chars().any(|c| c.is_ascii_digit()) {
        return Err("请输入数字，如 1,234.56".to_owned());
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
    fn a_funds_score_and_amount_are_typed_as_the_figures_they_stand_for() {
        let mut bank = crate::fields::BankInput::new("icbc");
        let score = FundFigure::DepartmentScore;
        assert_eq!(score.enter(&mut bank, "fiscal", "９２分"), Ok(()));
        assert_eq!(score.get(&bank, "fiscal"), Some(Decimal::from(92)));
        assert_eq!(score.enter(&mut bank, "fiscal", "101"), Err("须在 0 至 100 分之间".to_owned()));
        assert_eq!(score.get(&bank, "fiscal"), Some(Decimal::from(92)), "a refusal changes nothing");
        assert_eq!(score.enter(&mut bank, "fiscal", " "), Ok(()));
        assert!(score.is_blank(&bank), "an empty box clears the fund's own score");
        let mut deposits = Deposits::default();
        assert_eq!(deposits.enter("fiscal", "1,234.5亿"), Ok(()));
        assert_eq!(deposits.funds.get("fiscal").map(Amount::get), Some(Decimal::new(12345, 1)));
        assert_eq!(deposits.enter("fiscal", "-3"), Err("金额不能为负数".to_owned()));
        assert_eq!(
            deposits.enter("fiscal", "0.123456789"),
            Err("小数位数过多：金额最多 8 位小数（即精确到元）".to_owned())
        );
        assert_eq!(deposits.funds.get("fiscal").map(Amount::get), Some(Decimal::new(12345, 1)));
        assert_eq!(deposits.enter("fiscal", ""), Ok(()));
        assert!(deposits.is_empty());
    }

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
        use crate::document::CityOverrides;
        use crate::readings::CityField;
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
        let cases: &[(&str, &str)] = &[
            ("abc", "“a” 不是数字（可带单位：亿元、亿）"),
            ("12,3x", "“x” 不是数字（可带单位：亿元、亿）"),
            ("12,34", "千位分隔符的位置不对，例如应写作 1,234.56"),
            ("1,,234", "千位分隔符的位置不对，例如应写作 1,234.56"),
            ("12亿户", "“亿” 不是数字（可带单位：亿元、亿）"),
            ("亿", "请在单位前输入数字"),
            ("1.2,3", "小数部分不能有逗号"),
            ("12 34", "数字中间不能有空格"),
            ("1e3", "请直接写出数字，不用科学计数法（如 1e3）"),
            ("1.2.3", "小数点多于一个"),
            ("1-2", "正负号只能写在数字最前面"),
            ("-", "请输入数字，如 1,234.56"),
        ];
        for (text, message) in cases {
            assert_eq!(normalize(text, Unit::Yi), Err((*message).to_owned()), "{text:?}");
        }
        // A unit that belongs to another kind of figure is not silently dropped.
        assert!(normalize("12户", Unit::Yi).is_err());
    }

    #[test]
    fn refusals_say_what_is_wrong_for_the_figure() {
        let cases: &[(Field, &str, &str)] = &[
            (Field::Loans, "-5", "金额不能为负数"),
            (Field::Loans, "1.123456789", "小数位数过多：金额最多 8 位小数（即精确到元）"),
            (Field::Loans, "3,000,000,000", "数值过大，请核对单位（亿元）"),
            (Field::StartupTarget, "0", "目标任务须大于 0"),
            (Field::SmeCustomers, "-3", "户数、单数不能为负数"),
            (Field::SmeCustomers, "3.5", "须为整数"),
            (Field::DepartmentScore, "101", "须在 0 至 100 分之间"),
            (Field::PolicyScore, "7.5", "须为 -10 至 10 之间的整数（按二(四)1的五个档次）"),
        ];
        for (field, text, message) in cases {
            assert_eq!(field.read(text), Err((*message).to_owned()), "{field:?} {text:?}");
        }
        assert_eq!(Field::Loans.read("-0"), Ok(Some(Decimal::ZERO)), "minus zero is zero");
    }
}
