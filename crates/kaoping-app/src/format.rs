//! How numbers are written on the page: two decimals rounded half-up by the engine's one rounding
//! function, thousands separators, and a unit. Figures with decimals are written by the engine's own
//! `format_fixed2`, so a figure here always matches the same figure in the command line's output.

use kaoping_engine::{round2, Unit};
use rust_decimal::Decimal;

/// The unit as written after a number: a space before a word (`45.54 分`), none before `%`.
fn suffix(unit: Unit) -> String {
    match unit {
        Unit::Percent | Unit::Flag => unit.symbol().to_owned(),
        _ => format!(" {}", unit.symbol()),
    }
}

/// Counts (户, 单) are whole: they are written without decimals.
fn is_whole(unit: Unit) -> bool {
    matches!(unit, Unit::Hu | Unit::Dan)
}

/// A figure with two decimals (half-up) and thousands separators: `1,234.57`.
pub fn fixed2(value: Decimal) -> String {
    kaoping_engine::format_fixed2(value)
}

/// A whole figure with thousands separators: `12,345`. Counts never have fractions; anything else
/// that reaches here is rounded half-up to two places first, so nothing is hidden.
pub fn whole(value: Decimal) -> String {
    let rounded = round2(value).normalize();
    kaoping_engine::group_digits(&rounded.to_string())
}

/// A figure as its unit is written without the unit: whole for counts, else two decimals.
pub fn number(value: Decimal, unit: Unit) -> String {
    if is_whole(unit) {
        whole(value)
    } else {
        fixed2(value)
    }
}

/// A figure and its unit, e.g. `45.54 分`, `12,345 户`.
pub fn with_unit(value: Decimal, unit: Unit) -> String {
    format!("{}{}", number(value, unit), suffix(unit))
}

/// Like [`with_unit`], with `—` for a figure that does not exist (a growth rate over a zero base).
pub fn maybe(value: Option<Decimal>, unit: Unit) -> String {
    value.map_or_else(|| "—".to_owned(), |v| with_unit(v, unit))
}

/// Like [`fixed2`], with `—` for a figure that does not exist.
pub fn maybe_fixed2(value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), fixed2)
}

/// What still counts after a refused entry, worded from the figure's unit: `仍按 300.00 亿元计算`,
/// `仍按任务 294.46 亿元计算` (an annex figure left empty counts as exactly on task), or `仍为空`.
/// `value` is the figure the scenario holds; `on_task` the figure the engine assumes when it holds none.
pub fn still_counting(value: Option<Decimal>, on_task: Option<Decimal>, unit: Unit) -> String {
    match (value, on_task) {
        (Some(value), _) => format!("仍按 {}计算", with_unit(value, unit)),
        (None, Some(task)) => format!("仍按任务 {}计算", with_unit(task, unit)),
        (None, None) => "仍为空".to_owned(),
    }
}

/// What the page writes for a figure that does not apply, such as a disqualified bank's rank, band,
/// interview or share.
pub const NOT_APPLICABLE: &str = "不适用";

/// A figure as it is put back into an input box: exact, without separators or trailing zeros, so
/// that editing it changes only what the user touches.
pub fn plain(value: Decimal) -> String {
    let value = value.normalize();
    if value.is_zero() {
        "0".to_owned()
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn figures_have_two_decimals_half_up_and_separators() {
        let cases: &[(&str, &str)] = &[
            ("0", "0.00"),
            ("2.345", "2.35"), // half-up, not banker's (which gives 2.34)
            ("2.355", "2.36"),
            ("-2.345", "-2.35"), // half away from zero
            ("1234567.891", "1,234,567.89"),
            ("999.995", "1,000.00"),
            ("-0.001", "0.00"), // no negative zero
            ("45.5", "45.50"),
        ];
        for &(input, expected) in cases {
            assert_eq!(fixed2(d(input)), expected, "fixed2({input})");
        }
    }

    #[test]
    fn units_and_counts() {
        assert_eq!(with_unit(d("12345"), Unit::Hu), "12,345 户");
        assert_eq!(with_unit(d("45.544"), Unit::Fen), "45.54 分");
        assert_eq!(with_unit(d("15"), Unit::Percent), "15.00%");
        assert_eq!(maybe(None, Unit::Yi), "—");
        assert_eq!(plain(d("294.4500")), "294.45");
    }

    #[test]
    fn what_still_counts_is_worded_from_the_unit() {
        let cases: &[(Option<&str>, Option<&str>, Unit, &str)] = &[
            (Some("300"), None, Unit::Yi, "仍按 300.00 亿元计算"),
            (None, Some("294.46"), Unit::Yi, "仍按任务 294.46 亿元计算"),
            (Some("294.5"), Some("1"), Unit::Yi, "仍按 294.50 亿元计算"),
            (Some("1200"), None, Unit::Hu, "仍按 1,200 户计算"),
            (Some("4.2"), None, Unit::Percent, "仍按 4.20%计算"),
            (None, None, Unit::Fen, "仍为空"),
        ];
        for &(value, on_task, unit, expected) in cases {
            assert_eq!(still_counting(value.map(d), on_task.map(d), unit), expected, "{value:?} {on_task:?}");
        }
    }
}
