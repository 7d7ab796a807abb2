//! The figures a user types, as types that carry their preconditions.
//!
//! Every figure enters the engine through one of these types, so the engine can rely on their bounds:
//! amounts are never negative and never larger than any real bank, counts are whole, a policy score is
//! one of the grades' whole numbers. The bounds are what keeps exact decimal arithmetic inside
//! `rust_decimal`'s range, which is why the engine can promise never to panic.
//!
//! Numbers are read from their text and never pass through binary floating point: `0.1` is 0.1.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Why a typed-in figure was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// The text is not a decimal number (e.g. `12,3x`, `NaN`, empty).
    NotANumber,
    /// The number has more decimal places than the figure can have.
    TooManyDecimals {
        /// The most decimal places allowed.
        max: u32,
    },
    /// The number is larger than any figure can be (more than 28 digits before the point).
    TooLarge,
    /// The number lies outside the figure's range.
    OutOfRange {
        /// Smallest allowed value.
        min: Decimal,
        /// Largest allowed value.
        max: Decimal,
    },
    /// The figure must be a whole number (a count of customers, products, …).
    NotWhole,
    /// A policy score that no grade of 二(四)1 gives (grades are whole numbers from -10 to 10).
    NotAGrade,
    /// A yes/no mark that is neither.
    NotAFlag,
    /// A number outside a setting's range whose lower end is not allowed itself (a rate above 0).
    NotAbove {
        /// The value the number must be above.
        min: Decimal,
        /// Largest allowed value.
        max: Decimal,
    },
    /// A setting's value that is none of its choices.
    NotAChoice {
        /// The choices it has.
        choices: &'static [Choice],
    },
}

impl ValueError {
    /// The message in Chinese, for the page.
    pub fn zh(&self) -> String {
        match self {
            ValueError::NotANumber => "不是有效的数字".to_owned(),
            ValueError::TooManyDecimals { max } => format!("小数位数过多（最多 {max} 位）"),
            ValueError::TooLarge => "数值过大".to_owned(),
            ValueError::OutOfRange { min, max } => {
                format!("超出允许范围（{} 至 {}）", min.normalize(), max.normalize())
            }
            ValueError::NotWhole => "须为整数".to_owned(),
            ValueError::NotAGrade => "须为 -10 至 10 之间的整数（按二(四)1的五个档次）".to_owned(),
            ValueError::NotAFlag => "须为“是”或“否”".to_owned(),
            ValueError::NotAbove { min, max } => format!("须大于 {}、不超过 {}", min.normalize(), max.normalize()),
            ValueError::NotAChoice { choices } => {
                let values: Vec<&str> = choices.iter().map(|c| c.value).collect();
                format!("不是可选值（可选：{}）", values.join("、"))
            }
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::NotANumber => f.write_str("is not a number"),
            ValueError::TooManyDecimals { max } => write!(f, "has more than {max} decimal places"),
            ValueError::TooLarge => f.write_str("is far too large"),
            ValueError::OutOfRange { min, max } => {
                write!(f, "is outside the allowed range {} to {}", min.normalize(), max.normalize())
            }
            ValueError::NotWhole => f.write_str("must be a whole number"),
            ValueError::NotAGrade => f.write_str("must be a whole number from -10 to 10 (the grades of 二(四)1)"),
            ValueError::NotAFlag => f.write_str("must be true or false"),
            ValueError::NotAbove { min, max } => {
                write!(f, "must be above {} and at most {}", min.normalize(), max.normalize())
            }
            ValueError::NotAChoice { choices } => {
                let values: Vec<&str> = choices.iter().map(|c| c.value).collect();
                write!(f, "is not a choice (expected one of: {})", values.join(", "))
            }
        }
    }
}

impl std::error::Error for ValueError {}

/// One choice of a setting: the word in the file and its label in Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Choice {
    /// The value in the `kaoping-scenario/1` file (`pro_rata`).
    pub value: &'static str,
    /// What the page, the sheet and the messages call it (`按比例折算`).
    pub label: &'static str,
}

/// The hard bounds of a setting's number: from `min` (or, when `min_excluded`, anything above it) to
/// `max`. Narrower than the value type's own bounds, and checked wherever the number is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Range {
    /// The smallest value, or the value every value must be above.
    pub min: Decimal,
    /// Whether `min` itself is refused.
    pub min_excluded: bool,
    /// The largest value.
    pub max: Decimal,
}

impl Range {
    /// `min` to `max`, both allowed.
    pub const fn closed(min: Decimal, max: Decimal) -> Range {
        Range { min, min_excluded: false, max }
    }

    /// Above `min`, up to `max`.
    pub const fn above(min: Decimal, max: Decimal) -> Range {
        Range { min, min_excluded: true, max }
    }

    /// Whether the value lies in the range.
    pub fn contains(self, value: Decimal) -> bool {
        let low = if self.min_excluded { value > self.min } else { value >= self.min };
        low && value <= self.max
    }

    /// The value, or why it lies outside.
    pub fn check(self, value: Decimal) -> Result<Decimal, ValueError> {
        match (self.contains(value), self.min_excluded) {
            (true, _) => Ok(value),
            (false, true) => Err(ValueError::NotAbove { min: self.min, max: self.max }),
            (false, false) => Err(ValueError::OutOfRange { min: self.min, max: self.max }),
        }
    }
}

/// Reads a decimal number exactly from its text: an optional sign, digits with an optional fraction,
/// and an optional exponent (`1e3`, as JSON allows). Anything else, `NaN` and `inf` included, is refused.
///
/// A number too large or too precise for 96 bits is refused rather than rounded.
pub fn parse_exact(text: &str) -> Result<Decimal, ValueError> {
    let (mantissa, exponent) = match text.bytes().position(|b| b == b'e' || b == b'E') {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    if !is_plain_decimal(mantissa) {
        return Err(ValueError::NotANumber);
    }
    // A mantissa that does not fit 96 bits is too large or too precise for any figure of the scheme.
    let value = Decimal::from_str_exact(mantissa).map_err(|_| {
        let whole = mantissa.trim_start_matches(['+', '-']).split('.').next().unwrap_or("");
        if whole.trim_start_matches('0').len() > 28 {
            ValueError::TooLarge
        } else {
            ValueError::TooManyDecimals { max: 28 }
        }
    })?;
    let value = match exponent {
        None => value,
        Some(exponent) => {
            let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::NotANumber);
            }
            let negative = exponent.starts_with('-');
            let power: u32 = digits.parse().map_err(|_| ValueError::NotANumber)?;
            scale_by_power_of_ten(value, power, negative)?
        }
    };
    // "-0" is zero; rust_decimal would otherwise keep the sign and print "-0".
    Ok(if value.is_zero() { Decimal::ZERO } else { value })
}

/// Digits with at most one decimal point and at least one digit, after at most one sign: `12`,
/// `-0.5`, `.5`, `3.`. One pass over the bytes (every figure read goes through it).
fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mut point = false;
    let mut has_digit = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => has_digit = true,
            b'.' if !point => point = true,
            _ => return false,
        }
    }
    has_digit
}

fn scale_by_power_of_ten(value: Decimal, power: u32, negative: bool) -> Result<Decimal, ValueError> {
    if value.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let too_large = ValueError::TooLarge;
    if power > 28 {
        return Err(if negative { ValueError::TooManyDecimals { max: 28 } } else { too_large });
    }
    let factor = Decimal::from_i128_with_scale(10_i128.pow(power), 0);
    if negative {
        let scaled = value.checked_div(factor).ok_or(ValueError::TooManyDecimals { max: 28 })?;
        // Division that had to round means the text had more digits than 96 bits hold.
        match scaled.checked_mul(factor) {
            Some(back) if back == value => Ok(scaled),
            _ => Err(ValueError::TooManyDecimals { max: 28 }),
        }
    } else {
        value.checked_mul(factor).ok_or(too_large)
    }
}

fn within(value: Decimal, min: Decimal, max: Decimal, max_decimals: u32) -> Result<Decimal, ValueError> {
    if value < min || value > max {
        return Err(ValueError::OutOfRange { min, max });
    }
    let value = value.normalize();
    if value.scale() > max_decimals {
        return Err(ValueError::TooManyDecimals { max: max_decimals });
    }
    Ok(value)
}

macro_rules! bounded_decimal {
    ($(#[$doc:meta])* $name:ident, min = $min:expr, max = $max:expr, decimals = $decimals:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(Decimal);

        impl $name {
            /// Smallest value the type holds.
            pub const MIN: Decimal = $min;
            /// Largest value the type holds.
            pub const MAX: Decimal = $max;
            /// Most decimal places the type holds.
            pub const DECIMALS: u32 = $decimals;

            /// Checks a value against the type's bounds.
            pub fn new(value: Decimal) -> Result<Self, ValueError> {
                within(value, Self::MIN, Self::MAX, Self::DECIMALS).map(Self)
            }

            /// Reads the value exactly from its text (see [`parse_exact`]).
            pub fn parse(text: &str) -> Result<Self, ValueError> {
                Self::new(parse_exact(text)?)
            }

            /// The value.
            pub fn get(self) -> Decimal {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(text: &str) -> Result<Self, ValueError> {
                Self::parse(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.0)
            }
        }
    };
}

bounded_decimal!(
    /// An amount in 亿元 (1亿 = 100,000,000 yuan): a balance, an increment target, a disposal.
    /// Never negative; at most 8 decimal places (to the yuan); at most 1亿亿元, far beyond any bank.
    Amount,
    min = Decimal::ZERO,
    max = Decimal::from_parts(100_000_000, 0, 0, false, 0),
    decimals = 8
);

bounded_decimal!(
    /// A target issued by the city in 亿元 (二(四)4's programmes): above zero, since a zero target would
    /// make any figure a success; at most 8 decimal places, at most 1亿亿元.
    Target,
    min = Decimal::from_parts(1, 0, 0, false, 8),
    max = Decimal::from_parts(100_000_000, 0, 0, false, 0),
    decimals = 8
);

bounded_decimal!(
    /// A percentage: an interest rate, a growth rate, a target growth rate (e.g. `15` is 15%).
    /// From -10,000% to 10,000%, at most 8 decimal places.
    Percent,
    min = Decimal::from_parts(10_000, 0, 0, true, 0),
    max = Decimal::from_parts(10_000, 0, 0, false, 0),
    decimals = 8
);

bounded_decimal!(
    /// A public-fund depositing department's own score of a bank, for the 30% part of 四(四): 0 to 100.
    DepartmentScore,
    min = Decimal::ZERO,
    max = Decimal::ONE_HUNDRED,
    decimals = 4
);

/// A count of customers, households or products: a whole number from 0 to 100,000,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Count(u32);

impl Count {
    /// The largest count accepted.
    pub const MAX: u32 = 100_000_000;

    /// Checks a count against its bounds.
    pub fn new(value: u32) -> Result<Self, ValueError> {
        if value > Self::MAX {
            return Err(ValueError::OutOfRange { min: Decimal::ZERO, max: Decimal::from(Self::MAX) });
        }
        Ok(Self(value))
    }

    /// Reads a count from its text; `3.0` is 3, `3.5` is refused.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        Self::of(parse_exact(text)?)
    }

    /// A count from a decimal that must be whole; `3.0` is 3, `3.5` is refused.
    pub fn of(value: Decimal) -> Result<Self, ValueError> {
        if value.fract() != Decimal::ZERO {
            return Err(ValueError::NotWhole);
        }
        if value < Decimal::ZERO || value > Decimal::from(Self::MAX) {
            return Err(ValueError::OutOfRange { min: Decimal::ZERO, max: Decimal::from(Self::MAX) });
        }
        let whole =
            value.to_u32().ok_or(ValueError::OutOfRange { min: Decimal::ZERO, max: Decimal::from(Self::MAX) })?;
        Self::new(whole)
    }

    /// The count.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The count as a decimal, for arithmetic.
    pub fn decimal(self) -> Decimal {
        Decimal::from(self.0)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl serde::Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.0)
    }
}

/// The panel's grade of 二(四)1 (金融政策争取、落实): a whole number from -10 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PolicyScore(i8);

impl PolicyScore {
    /// Checks a score against the grades.
    pub fn new(value: i8) -> Result<Self, ValueError> {
        if (-10..=10).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ValueError::NotAGrade)
        }
    }

    /// Reads a score from its text; `7.5` is refused (no grade gives it).
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        Self::of(parse_exact(text)?)
    }

    /// A score from a decimal that must be one of the grades; `7.5` is refused.
    pub fn of(value: Decimal) -> Result<Self, ValueError> {
        if value.fract() != Decimal::ZERO || value < Decimal::from(-10) || value > Decimal::TEN {
            return Err(ValueError::NotAGrade);
        }
        let whole = value.to_i8().ok_or(ValueError::NotAGrade)?;
        Self::new(whole)
    }

    /// The score.
    pub fn get(self) -> i8 {
        self.0
    }

    /// The score as a decimal, for arithmetic.
    pub fn decimal(self) -> Decimal {
        Decimal::from(self.0)
    }
}

impl fmt::Display for PolicyScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl serde::Serialize for PolicyScore {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i8(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_parsing() {
        let cases: &[(&str, Result<&str, ValueError>)] = &[
            ("0.1", Ok("0.1")),
            ("300.00", Ok("300.00")),
            ("-0", Ok("0")),
            ("-0.00", Ok("0")),
            ("+5", Ok("5")),
            (".5", Ok("0.5")),
            ("5.", Ok("5")),
            ("1e3", Ok("1000")),
            ("1.5E-2", Ok("0.015")),
            ("1e30", Err(ValueError::TooLarge)),
            ("1e-29", Err(ValueError::TooManyDecimals { max: 28 })),
            ("NaN", Err(ValueError::NotANumber)),
            ("inf", Err(ValueError::NotANumber)),
            ("", Err(ValueError::NotANumber)),
            (".", Err(ValueError::NotANumber)),
            ("12,3x", Err(ValueError::NotANumber)),
            ("1 000", Err(ValueError::NotANumber)),
            ("1e", Err(ValueError::NotANumber)),
            ("0x10", Err(ValueError::NotANumber)),
            // The one-pass check of the mantissa: one sign, one point, one digit at least.
            ("+", Err(ValueError::NotANumber)),
            ("-.", Err(ValueError::NotANumber)),
            ("+-1", Err(ValueError::NotANumber)),
            ("--1", Err(ValueError::NotANumber)),
            ("1.2.3", Err(ValueError::NotANumber)),
            ("1..2", Err(ValueError::NotANumber)),
            ("1-2", Err(ValueError::NotANumber)),
            (" 1", Err(ValueError::NotANumber)),
            ("１２", Err(ValueError::NotANumber)),
            ("-.5", Ok("-0.5")),
            ("2.5e1", Ok("25.0")),
            ("2.5e1.0", Err(ValueError::NotANumber)),
            ("123456789012345678901234567890", Err(ValueError::TooLarge)),
            ("0.12345678901234567890123456789", Err(ValueError::TooManyDecimals { max: 28 })),
        ];
        for (text, expected) in cases {
            let got = parse_exact(text).map(|d| d.to_string());
            assert_eq!(got, expected.clone().map(str::to_owned), "parsing {text:?}");
        }
    }

    /// The one-pass check against the plain statement of the rule (split at the first point), on
    /// every string of up to five characters from the characters that matter.
    #[test]
    fn plain_decimal_check_matches_its_statement() {
        fn stated(text: &str) -> bool {
            let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
            let (whole, fraction) = match digits.split_once('.') {
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (digits, None),
            };
            let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
            let has_digit = !whole.is_empty() || fraction.is_some_and(|f| !f.is_empty());
            has_digit && all_digits(whole) && fraction.is_none_or(all_digits)
        }
        let alphabet = ['+', '-', '.', '0', '7', 'e', ' ', '１'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            for text in &longer {
                assert_eq!(is_plain_decimal(text), stated(text), "{text:?}");
            }
            texts = longer;
        }
    }

    #[test]
    fn bounded_types_refuse_what_no_bank_has() {
        assert!(Amount::parse("-1").is_err(), "a balance is never negative");
        assert!(Amount::parse("1.123456789").is_err(), "amounts are to the yuan");
        assert_eq!(Amount::parse("1.12345678").map(Amount::get), Ok(Decimal::new(112_345_678, 8)));
        assert_eq!(Count::parse("3.0").map(Count::get), Ok(3));
        assert_eq!(Count::parse("3.5"), Err(ValueError::NotWhole));
        assert_eq!(PolicyScore::parse("-10").map(PolicyScore::get), Ok(-10));
        assert_eq!(PolicyScore::parse("7.5"), Err(ValueError::NotAGrade));
        assert_eq!(PolicyScore::parse("11"), Err(ValueError::NotAGrade));
        // From a decimal as from its text.
        assert_eq!(Count::of(Decimal::new(30, 1)).map(Count::get), Ok(3));
        assert_eq!(Count::of(Decimal::new(-1, 0)), Count::parse("-1"));
        assert_eq!(PolicyScore::of(Decimal::new(-100, 1)).map(PolicyScore::get), Ok(-10));
        assert_eq!(PolicyScore::of(Decimal::new(75, 1)), Err(ValueError::NotAGrade));
        assert!(DepartmentScore::parse("100.5").is_err());
    }
}
