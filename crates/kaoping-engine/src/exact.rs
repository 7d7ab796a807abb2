//! Comparisons and the sum of a bank's points, result for result those of rust_decimal, but cheaper
//! for the figures the engine works with.
//!
//! rust_decimal works on 32-bit words: to set a whole rule number (a cap, a task) against a
//! 28-decimal score it multiplies by ten in three rounds, for every comparison, and a sum of 18
//! such scores pays that on most additions. Every figure here has a mantissa below 2^96 and a scale
//! of at most 28, so two mantissas can be aligned with 64-bit multiplications in 128-bit integers.
//! A comparison so aligned is exact. A sum so aligned is exact too, and when it fits a `Decimal` (a
//! mantissa below 2^96) it is the result rust_decimal gives, digit for digit and scale for scale: an
//! exact sum is not rounded, and rust_decimal keeps the larger of the two scales. A sum that does
//! not fit is rounded as rust_decimal rounds it (`round`); a zero operand (which rust_decimal treats
//! specially), an aligned sum beyond 128 bits and an overflow are left to rust_decimal itself. The
//! tests compare each function with rust_decimal bit for bit.
//!
//! Division (`div`), multiplication by 100 (`percent`) and the rounding of products and sums
//! (`round`) have submodules of their own: rust_decimal works a long quotient out nine digits at a
//! time, one hardware division each, where one 128-bit division gives the same digits; it rounds a
//! product by 100 that it need not round; and it rounds a long product or sum word by word in a
//! 192-bit buffer, where here a few digits are divided off one 128-bit integer.

use std::cmp::Ordering;

use rust_decimal::Decimal;

mod div;
mod parts;
mod percent;
mod round;

pub(crate) use div::checked_div;
pub(crate) use percent::hundred_times;
pub(crate) use round::checked_mul;

/// Powers of ten that fit in an `i128`, up to rust_decimal's largest scale.
const POWERS_OF_TEN: [i128; 29] = {
    let mut powers = [1i128; 29];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// The largest mantissa of a `Decimal`.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// `magnitude × 10^k` (k at most 28), if it fits in 128 bits: one 64-bit multiplication for a
/// short mantissa.
#[inline(always)]
fn scaled_up(magnitude: u128, k: u32) -> Option<u128> {
    if k == 0 {
        return Some(magnitude);
    }
    let power = *parts::POW10.get(k as usize)?;
    if magnitude >> 64 == 0 && k <= 19 {
        // 10^19 < 2^64: a 64 × 64-bit product.
        Some(u128::from(magnitude as u64) * u128::from(power as u64))
    } else {
        magnitude.checked_mul(power)
    }
}

/// `a + b` when neither is zero and the aligned sum fits in 128 bits: exact when it fits a
/// `Decimal`, else rounded as rust_decimal rounds it (`round::fit`).
#[inline(always)]
fn exact_sum(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = sum_parts(parts::parts(a), parts::parts(b))?;
    Some(parts::pack(sum.magnitude, sum.scale, sum.negative))
}

/// [`exact_sum`] on parts.
#[inline(always)]
fn sum_parts(pa: parts::Parts, pb: parts::Parts) -> Option<parts::Parts> {
    if pa.magnitude == 0 || pb.magnitude == 0 {
        return None;
    }
    let (x, y, scale) = if pa.scale >= pb.scale {
        (pa.magnitude, scaled_up(pb.magnitude, pa.scale - pb.scale)?, pa.scale)
    } else {
        (scaled_up(pa.magnitude, pb.scale - pa.scale)?, pb.magnitude, pb.scale)
    };
    let (magnitude, negative) = if pa.negative == pb.negative {
        (x.checked_add(y)?, pa.negative)
    } else if x >= y {
        (x - y, pa.negative)
    } else {
        (y - x, pb.negative)
    };
    if magnitude == 0 {
        return None;
    }
    if magnitude <= MAX_MANTISSA {
        return Some(parts::Parts { magnitude, scale, negative });
    }
    round::fit_parts(magnitude, scale, negative)
}

/// `a + b`.
#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Decimal {
    exact_sum(a, b).unwrap_or_else(|| a + b)
}

/// `a - b`.
#[inline]
pub(crate) fn sub(a: Decimal, b: Decimal) -> Decimal {
    exact_sum(a, -b).unwrap_or_else(|| a - b)
}

/// `a × b`, as rust_decimal's `*` gives it; where `*` would panic (a product beyond the range, which
/// only a scheme file's extreme rule numbers could make) the largest decimal of the product's sign.
#[inline]
pub(crate) fn mul(a: Decimal, b: Decimal) -> Decimal {
    checked_mul(a, b).unwrap_or(if a.is_sign_negative() ^ b.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

/// `values.sum()`: from zero, in order, as `Sum for Decimal` adds. The running total is kept apart
/// (magnitude, scale, sign) between additions, and put together only where rust_decimal must add.
pub(crate) fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    let mut total = parts::parts(Decimal::ZERO);
    let mut as_decimal: Option<Decimal> = Some(Decimal::ZERO);
    for value in values {
        match sum_parts(total, parts::parts(value)) {
            Some(next) => {
                total = next;
                as_decimal = None;
            }
            None => {
                let current = as_decimal.unwrap_or_else(|| parts::pack(total.magnitude, total.scale, total.negative));
                let next = current + value;
                total = parts::parts(next);
                as_decimal = Some(next);
            }
        }
    }
    as_decimal.unwrap_or_else(|| parts::pack(total.magnitude, total.scale, total.negative))
}

/// `a.cmp(&b)`: the signs first, then the magnitudes with the smaller scale aligned in 128 bits (one
/// 64-bit multiplication for a short mantissa). A magnitude that does not fit 128 bits once aligned
/// is the larger: the other is below 2^96.
#[inline]
pub(crate) fn compare(a: Decimal, b: Decimal) -> Ordering {
    let (pa, pb) = (parts::parts(a), parts::parts(b));
    if pa.negative != pb.negative || pa.magnitude == 0 || pb.magnitude == 0 {
        // A zero of either sign is 0; otherwise the signs differ.
        let sign = |p: &parts::Parts| i8::from(p.magnitude != 0) * if p.negative { -1 } else { 1 };
        return sign(&pa).cmp(&sign(&pb));
    }
    let magnitudes = match pa.scale.cmp(&pb.scale) {
        Ordering::Equal => pa.magnitude.cmp(&pb.magnitude),
        Ordering::Greater => {
            scaled_up(pb.magnitude, pa.scale - pb.scale).map_or(Ordering::Less, |y| pa.magnitude.cmp(&y))
        }
        Ordering::Less => {
            scaled_up(pa.magnitude, pb.scale - pa.scale).map_or(Ordering::Greater, |x| x.cmp(&pb.magnitude))
        }
    };
    if pa.negative {
        magnitudes.reverse()
    } else {
        magnitudes
    }
}

/// The value × 10^28 as an integer, when it fits (for any score or total): one integer comparison
/// then orders two figures.
pub(crate) fn sort_key(value: Decimal) -> Option<i128> {
    let shift = POWERS_OF_TEN.get((Decimal::MAX_SCALE - value.scale().min(Decimal::MAX_SCALE)) as usize)?;
    value.mantissa().checked_mul(*shift)
}

/// `value > 0`, read from the sign and the digits.
pub(crate) fn is_positive(value: Decimal) -> bool {
    value.is_sign_positive() && !value.is_zero()
}

/// Growth in percent from `base` to `current`; `None` when the base is not positive.
pub(crate) fn growth_pct(base: Decimal, current: Decimal) -> Option<Decimal> {
    growth_of_increment(base, current - base)
}

/// Growth in percent of an increment already worked out (`current - base`) over `base`.
pub(crate) fn growth_of_increment(base: Decimal, increment: Decimal) -> Option<Decimal> {
    if !is_positive(base) {
        return None;
    }
    checked_div(increment, base).and_then(hundred_times)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64: the same cases on every run.
    struct Cases(u64);

    impl Cases {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        /// Mantissas of every length up to 96 bits, short decimal-looking ones with trailing zeros,
        /// every scale and sign, zeros of every scale (and -0), the extremes and 1.
        fn decimal(&mut self) -> Decimal {
            match self.next() % 40 {
                0 => return Decimal::ZERO,
                1 => return Decimal::from_parts(0, 0, 0, self.next().is_multiple_of(2), (self.next() % 29) as u32),
                2 => return Decimal::MAX,
                3 => return Decimal::MIN,
                4 => return Decimal::ONE,
                _ => {}
            }
            let bits = (self.next() % 97) as u32;
            let raw = ((u128::from(self.next()) << 64) | u128::from(self.next())) & MAX_MANTISSA;
            let mut m = if bits == 0 { 0 } else { raw >> (96 - bits) };
            if self.next().is_multiple_of(4) {
                m = u128::from(self.next() % 100_000_000) * 10u128.pow((self.next() % 12) as u32);
            }
            let scale = (self.next() % 29) as u32;
            Decimal::from_parts(m as u32, (m >> 32) as u32, (m >> 64) as u32, self.next().is_multiple_of(2), scale)
        }
    }

    #[test]
    fn comparisons_at_the_edges_agree_with_rust_decimal() {
        let texts = [
            "0",
            "-0",
            "0.000",
            "1",
            "-1",
            "1.0",
            "0.9999999999999999999999999999",
            "20",
            "19.999999999999999999999999",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "-0.0000000000000000000000000001",
            "12",
            "12.000000000000000000000000001",
            "4.0430343894654520090465219525",
            "1000000000000000000",
            "100000000.00000001",
        ];
        let d = |t: &str| -> Decimal { t.parse().unwrap_or_default() };
        let mut values: Vec<Decimal> = texts.iter().map(|t| d(t)).collect();
        values.push(Decimal::new(-0, 5).set_sign_negative_chained());
        for &a in &values {
            for &b in &values {
                assert_eq!(compare(a, b), a.cmp(&b), "compare({a}, {b})");
                if let (Some(x), Some(y)) = (sort_key(a), sort_key(b)) {
                    assert_eq!(x.cmp(&y), a.cmp(&b), "sort_key({a}) against sort_key({b})");
                }
            }
        }
    }

    trait Negative {
        fn set_sign_negative_chained(self) -> Self;
    }
    impl Negative for Decimal {
        fn set_sign_negative_chained(mut self) -> Self {
            self.set_sign_negative(true);
            self
        }
    }

    fn bits(value: Option<Decimal>) -> Option<[u8; 16]> {
        value.map(|d| d.serialize())
    }

    #[test]
    fn sums_and_comparisons_are_rust_decimals_bit_for_bit() {
        // 20 million pairs of these cases were also checked once, outside the test suite.
        let mut cases = Cases(0x2545_F491_4F6C_DD1D);
        for _ in 0..200_000 {
            let (a, b) = (cases.decimal(), cases.decimal());
            // `+` panics on overflow; compare only where it does not.
            if let Some(sum) = a.checked_add(b) {
                assert_eq!(bits(Some(add(a, b))), bits(Some(sum)), "{a:?} + {b:?}");
            }
            if let Some(difference) = a.checked_sub(b) {
                assert_eq!(bits(Some(sub(a, b))), bits(Some(difference)), "{a:?} - {b:?}");
            }
            assert_eq!(compare(a, b), a.cmp(&b), "{a:?} against {b:?}");
            if let (Some(x), Some(y)) = (sort_key(a), sort_key(b)) {
                assert_eq!(x.cmp(&y), a.cmp(&b), "sort keys of {a:?} and {b:?}");
            }
            assert_eq!(is_positive(a), a > Decimal::ZERO, "{a:?} > 0");
        }
    }

    #[test]
    fn a_sum_is_rust_decimals_sum() {
        let mut cases = Cases(7);
        for _ in 0..20_000 {
            let values: Vec<Decimal> = (0..18).map(|_| cases.decimal() / Decimal::from(1_000_000_000)).collect();
            assert_eq!(sum(values.iter().copied()).serialize(), values.iter().sum::<Decimal>().serialize());
        }
    }
}
