//! A sum or a product that does not fit a `Decimal`, rounded as rust_decimal rounds it, and the
//! product itself.
//!
//! rust_decimal works a sum (of figures of different scales) or a product out exactly, in up to 192
//! bits; when the result has more than 96 bits or more than 28 decimals, its `Buf24::rescale` drops
//! digits: as many as its guess from the bit length ((bits above 96) × 77 / 256 + 1), at least
//! down to scale 28, then one more while the result still does not fit, and rounds half to even on
//! everything dropped (its "sticky" remainder). When the exact result fits in 128 bits, that is one
//! division of one integer here. A rounding that carries into a 97th bit (rust_decimal then drops one
//! more digit), a result with no decimals left to drop (an overflow) and a product rounded to zero
//! are left to rust_decimal. The engine's 28-digit quotients make these roundings common: a score
//! of full marks times a share of the task, a bank's total of 18 such scores, a growth minus the
//! city average. The tests compare every result with rust_decimal bit for bit.

use rust_decimal::Decimal;

use super::parts::{pack, parts, Parts, MAX_MANTISSA, POW10};

/// The largest scale of a `Decimal`.
const MAX_SCALE: u32 = 28;

/// The `Decimal` rust_decimal makes of an exact result (`magnitude` at `scale`, which may exceed
/// 28), or `None` to leave it to rust_decimal. `magnitude` is not zero.
#[inline]
pub(crate) fn fit(magnitude: u128, scale: u32, negative: bool) -> Option<Decimal> {
    fit_parts(magnitude, scale, negative).map(|p| pack(p.magnitude, p.scale, p.negative))
}

/// [`fit`], as parts: a running sum keeps its total apart between additions.
#[inline(never)]
pub(crate) fn fit_parts(magnitude: u128, scale: u32, negative: bool) -> Option<Parts> {
    if magnitude <= MAX_MANTISSA && scale <= MAX_SCALE {
        return Some(Parts { magnitude, scale, negative });
    }
    if magnitude >> 100 == 0 && (1..=MAX_SCALE).contains(&scale) {
        // The common case (a total of 28-digit points a little beyond 96 bits): rust_decimal's guess
        // for a top bit of 96 to 99 is one digit.
        let mut quotient = magnitude / 10;
        let remainder = magnitude - quotient * 10;
        if quotient <= MAX_MANTISSA {
            if remainder > 5 || (remainder == 5 && quotient & 1 == 1) {
                quotient += 1;
            }
            return (quotient <= MAX_MANTISSA).then_some(Parts { magnitude: quotient, scale: scale - 1, negative });
        }
    }
    let mut drop = 0;
    if magnitude > MAX_MANTISSA {
        // rust_decimal's guess, from the position of the top bit (96 or more here).
        let top_bit = 127 - magnitude.leading_zeros();
        drop = (((top_bit - 96) * 77) >> 8) + 1;
        if drop > scale {
            return None;
        }
    }
    drop = drop.max(scale.saturating_sub(MAX_SCALE));
    let (mut quotient, mut remainder, mut power) = div_rem_pow10(magnitude, drop)?;
    while quotient > MAX_MANTISSA {
        // One digit more, as rust_decimal does while the result does not fit.
        if drop >= scale {
            return None;
        }
        drop += 1;
        (quotient, remainder, power) = div_rem_pow10(magnitude, drop)?;
    }
    let half = power / 2;
    if remainder > half || (remainder == half && quotient & 1 == 1) {
        quotient += 1;
    }
    if quotient > MAX_MANTISSA || quotient == 0 {
        return None;
    }
    Some(Parts { magnitude: quotient, scale: scale - drop, negative })
}

/// `magnitude / 10^k`, its remainder and 10^k. The few digits a sum or a product drops are divided
/// off word by word by a constant (a multiplication each), where a 128-bit division by a variable
/// is a call of its own. The engine's sums and products drop one to four (a total of 28-digit
/// points, full marks or a weight times a share); more, which none of its figures need, take the
/// 128-bit division, as each constant is a copy of the code (five more were 0.8 KB of the page's
/// wasm).
#[inline]
fn div_rem_pow10(magnitude: u128, k: u32) -> Option<(u128, u128, u128)> {
    let (q, r) = match k {
        1 => div_rem::<10>(magnitude),
        2 => div_rem::<100>(magnitude),
        3 => div_rem::<1_000>(magnitude),
        4 => div_rem::<10_000>(magnitude),
        _ => {
            let power = *POW10.get(k as usize)?;
            return Some((magnitude / power, magnitude % power, power));
        }
    };
    Some((q, r, POW10[k as usize]))
}

/// `magnitude / P` and the remainder, for `P` below 2^32, in 32-bit words.
#[inline(always)]
fn div_rem<const P: u64>(magnitude: u128) -> (u128, u128) {
    let mut quotient = 0u128;
    let mut remainder = 0u64;
    for shift in [96, 64, 32, 0] {
        let word = (remainder << 32) | u64::from((magnitude >> shift) as u32);
        quotient |= u128::from(word / P) << shift;
        remainder = word % P;
    }
    (quotient, u128::from(remainder))
}

/// `a × b` exactly as `a.checked_mul(b)` gives it.
#[inline]
pub(crate) fn checked_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    quick_mul(a, b).or_else(|| a.checked_mul(b))
}

#[inline]
fn quick_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (pa, pb) = (parts(a), parts(b));
    if pa.magnitude == 0 || pb.magnitude == 0 {
        // rust_decimal's product with a zero is a plain zero, whatever the scales and signs.
        return Some(Decimal::ZERO);
    }
    let product = if (pa.magnitude | pb.magnitude) >> 64 == 0 {
        u128::from(pa.magnitude as u64) * u128::from(pb.magnitude as u64)
    } else {
        pa.magnitude.checked_mul(pb.magnitude)?
    };
    let (scale, negative) = (pa.scale + pb.scale, pa.negative ^ pb.negative);
    if product <= MAX_MANTISSA && scale <= MAX_SCALE {
        return Some(pack(product, scale, negative));
    }
    fit(product, scale, negative)
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

        /// Mantissas of every length up to 96 bits, short ones with trailing zeros, the engine's
        /// whole rule numbers, every scale and sign, zeros.
        fn decimal(&mut self) -> Decimal {
            let bits = (self.next() % 97) as u32;
            let raw = ((u128::from(self.next()) << 64) | u128::from(self.next())) & MAX_MANTISSA;
            let m = match self.next() % 6 {
                0 => u128::from(self.next() % 100),
                1 => u128::from(self.next() % 100_000_000) * 10u128.pow((self.next() % 12) as u32),
                2 => MAX_MANTISSA - u128::from(self.next() % 1000),
                _ if bits == 0 => 0,
                _ => raw >> (96 - bits),
            };
            let scale = (self.next() % 29) as u32;
            Decimal::from_parts(m as u32, (m >> 32) as u32, (m >> 64) as u32, self.next().is_multiple_of(2), scale)
        }
    }

    #[test]
    fn products_are_rust_decimals_bit_for_bit() {
        let cases_wanted: u64 = std::env::var("EXACT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300_000);
        let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
        for _ in 0..cases_wanted {
            let (a, b) = (cases.decimal(), cases.decimal());
            let expected = a.checked_mul(b).map(|d| d.serialize());
            assert_eq!(checked_mul(a, b).map(|d| d.serialize()), expected, "{a:?} × {b:?}");
        }
    }

    #[test]
    fn roundings_at_the_edges_are_rust_decimals() {
        let d = |t: &str| -> Decimal { t.parse().unwrap_or_default() };
        let cases = [
            // Half to even, below and above half, and a tie broken by a digit further down.
            ("40", "0.9999999999999999999999999995"),
            ("40", "0.9999999999999999999999999985"),
            ("4", "0.1234567890123456789012345675"),
            ("4", "0.1234567890123456789012345665"),
            ("0.25", "0.0000000000000000000000000002"),
            ("0.25", "0.0000000000000000000000000006"),
            ("70", "0.9876543210987654321098765432"),
            ("79228162514264337593543950335", "1.5"),
            ("79228162514264337593543950335", "10"),
            ("7.9228162514264337593543950335", "10"),
            ("0.0000000000000001", "0.0000000000000001"),
        ];
        for (a, b) in cases {
            let (a, b) = (d(a), d(b));
            for (x, y) in [(a, b), (b, a), (-a, b), (a, -b)] {
                let expected = x.checked_mul(y).map(|v| v.serialize());
                assert_eq!(checked_mul(x, y).map(|v| v.serialize()), expected, "{x} × {y}");
            }
        }
    }
}
