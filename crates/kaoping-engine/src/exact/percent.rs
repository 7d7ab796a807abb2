//! Times 100 (a ratio to a percentage), result for result rust_decimal's `checked_mul` by 100.
//!
//! A product by 100 that does not fit 96 bits is scaled down by rust_decimal by one or two digits
//! (its guess from the product's bit length, then one more while it does not fit); both are zeros
//! of the 100, so the division is exact and nothing is rounded: the mantissa times 10 or 1 at a
//! scale one or two lower. Here that is worked out on one 128-bit integer. A product rust_decimal
//! would have to round or report as an overflow is left to it.

use rust_decimal::Decimal;

use super::parts::{pack, parts, MAX_MANTISSA};

/// `value × 100` exactly as `value.checked_mul(100)` gives it.
#[inline]
pub(crate) fn hundred_times(value: Decimal) -> Option<Decimal> {
    quick(value).or_else(|| value.checked_mul(Decimal::ONE_HUNDRED))
}

#[inline]
fn quick(value: Decimal) -> Option<Decimal> {
    let p = parts(value);
    if p.magnitude == 0 {
        return Some(Decimal::ZERO);
    }
    // Below 2^96 × 100 < 2^103: no overflow.
    let product = p.magnitude * 100;
    if product <= MAX_MANTISSA {
        return Some(pack(product, p.scale, p.negative));
    }
    // rust_decimal's guess of the digits to drop: (bits above 96) × 77 / 256 + 1, here 1 or 2.
    let top_bit = 127 - product.leading_zeros() as i32;
    let mut digits = (((top_bit - 96) * 77) >> 8) + 1;
    let mut mantissa = if digits == 1 { p.magnitude * 10 } else { p.magnitude };
    if mantissa > MAX_MANTISSA {
        // One more digit, still a zero of the 100.
        digits += 1;
        mantissa = p.magnitude;
    }
    if digits > 2 || digits > p.scale as i32 {
        return None;
    }
    Some(pack(mantissa, p.scale - digits as u32, p.negative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_times_is_rust_decimals_bit_for_bit() {
        let cases_wanted: u64 = std::env::var("EXACT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300_000);
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..cases_wanted {
            let bits = (next() % 97) as u32;
            let raw = ((u128::from(next()) << 64) | u128::from(next())) & MAX_MANTISSA;
            let m = match next() % 4 {
                0 => MAX_MANTISSA - u128::from(next() % 1000),
                1 => (MAX_MANTISSA / 100) + u128::from(next() % 1000) - 500,
                _ if bits == 0 => 0,
                _ => raw >> (96 - bits),
            };
            let value = Decimal::from_parts(
                m as u32,
                (m >> 32) as u32,
                (m >> 64) as u32,
                next() % 2 == 0,
                (next() % 29) as u32,
            );
            let expected = value.checked_mul(Decimal::ONE_HUNDRED).map(|d| d.serialize());
            assert_eq!(hundred_times(value).map(|d| d.serialize()), expected, "{value:?} × 100");
        }
    }
}
