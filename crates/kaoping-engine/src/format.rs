//! Figures for display: the one rounding of the engine and the way every figure is written.
//!
//! The engine itself never rounds: ranks use exact totals. These are for showing a figure, in the
//! engine's own sentences, the command line's tables, the workbook and the page.

use rust_decimal::{Decimal, RoundingStrategy};

/// The one display rounding of the engine: two decimals, half away from zero (四舍五入).
///
/// The engine itself never rounds: ranks use exact totals. Use this only to show a figure.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A figure with two decimals and thousands separators: `1,234.50`.
pub fn format_fixed2(value: Decimal) -> String {
    group_digits(&format!("{:.2}", round2(value)))
}

/// A figure of the public funds' placement as every view shows it: two decimals, or all of its own
/// where it has more. A fund typed to the 万元 (`18.7654` 亿元) is placed to the 万元, so that its
/// banks' parts, each shown with its digits, add up to the amount shown above them (`18.7654`, not
/// `18.77` over parts that add up to `18.71`).
pub fn format_shown(value: Decimal) -> String {
    if value.scale() <= 2 {
        format_fixed2(value)
    } else {
        group_digits(&value.to_string())
    }
}

/// Puts thousands separators into the whole part of a plain decimal text (`-1234567.5` becomes
/// `-1,234,567.5`). Zero is written without a sign: `-0.00` would read as a loss where there is none.
pub fn group_digits(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if digits.chars().all(|c| c == '0' || c == '.') { "" } else { sign };
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Columns a character takes in a terminal or a spreadsheet cell: two for CJK ideographs and
/// full-width forms, else one. The command line's tables and the workbook's column widths both count
/// with it.
pub fn display_columns(c: char) -> usize {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' => 2,
        _ => 1,
    }
}

/// An amount for display: two decimals, separators, and its unit (`1,234.50 亿元`).
pub fn format_amount(value: Decimal, unit: &str) -> String {
    format!("{} {unit}", format_fixed2(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn rounding_is_half_up_not_bankers() {
        let cases = [("2.345", "2.35"), ("2.355", "2.36"), ("-2.345", "-2.35"), ("0.125", "0.13"), ("1", "1")];
        for (input, expected) in cases {
            assert_eq!(round2(d(input)), d(expected), "round2({input})");
        }
    }

    #[test]
    fn a_placed_figure_keeps_the_digits_it_was_placed_to() {
        let cases = [
            ("60", "60.00"),
            ("3.5", "3.50"),
            ("1234.5", "1,234.50"),
            ("18.7654", "18.7654"),
            ("1.2300", "1.2300"),
            ("12345.678", "12,345.678"),
        ];
        for (input, expected) in cases {
            assert_eq!(format_shown(d(input)), expected, "format_shown({input})");
        }
    }
}
