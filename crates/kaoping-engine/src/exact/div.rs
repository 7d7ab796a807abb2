//! Division, result for result rust_decimal's `checked_div`, in one 128-bit division where
//! rust_decimal needs five or more hardware divisions.
//!
//! For a divisor whose mantissa fits in 64 bits, rust_decimal divides the 96-bit mantissa word by
//! word and then, while there is a remainder, appends up to nine digits at a time (as many as the
//! quotient has room for, up to a scale of 28); at the end it rounds the last digit half to even
//! and strips trailing zeros in steps of 8, 4, 2 and 1 (the step of 8 only when the low 32 bits
//! are zero). So whenever the quotient at scale 28 fits in 96 bits and the division does not come
//! out exact, rust_decimal's quotient is the one at scale 28, rounded and stripped: here the
//! dividend times the power of ten that brings the quotient to scale 28, divided once, rounded on
//! the remainder and stripped the same way. That is every quotient of a growth rate, a share of a
//! task and a mean the engine works out. A divisor whose quotients always come out exact (its
//! only prime factors are 2 and 5: a step of 2, 0.1, 0.2), a quotient that comes out exact, one of
//! 8 or more (no room for 28 decimals) and a divisor of more than 64 bits are left to rust_decimal,
//! so every result stays its own. The tests compare it with rust_decimal bit for bit.

use rust_decimal::Decimal;

use super::parts::{pack, parts, Parts, MAX_MANTISSA, POW10};

/// `a / b` exactly as `a.checked_div(b)` gives it (`None` for a zero divisor or an overflow).
#[inline]
pub(crate) fn checked_div(a: Decimal, b: Decimal) -> Option<Decimal> {
    match quick(a, b) {
        Some(quotient) => Some(quotient),
        None => a.checked_div(b),
    }
}

/// The quotient, or `None` to leave the division to rust_decimal.
#[inline]
fn quick(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (pa, pb) = (parts(a), parts(b));
    if pb.magnitude == 0 {
        return None;
    }
    if pb.magnitude >> 64 != 0 {
        return quick_long(pa, pb);
    }
    if pa.magnitude == 0 {
        return Some(Decimal::ZERO);
    }
    let divisor = pb.magnitude as u64;
    let negative = pa.negative ^ pb.negative;
    let start = pa.scale as i32 - pb.scale as i32;
    if always_terminates(divisor) {
        // A division that comes out exact at the dividend's scale or above (an even growth
        // difference by a step of 2, a rate decrease by 0.1) ends there in rust_decimal, its
        // trailing zeros kept; any other is left to it.
        let q = pa.magnitude / u128::from(divisor);
        if start >= 0 && q * u128::from(divisor) == pa.magnitude {
            return Some(pack(q, start as u32, negative));
        }
        return None;
    }
    // To scale 28 in one division, when the quotient there fits and is not exact.
    // `28 - start` is 0 to 56; a power beyond the table could not be multiplied into 128 bits.
    let power = POW10.get((28 - start) as usize).copied();
    let product = |power: u128| {
        if (pa.magnitude | power) >> 64 == 0 {
            Some(u128::from(pa.magnitude as u64) * u128::from(power as u64))
        } else {
            pa.magnitude.checked_mul(power)
        }
    };
    if let Some(dividend) = power.and_then(product) {
        let q = dividend / u128::from(divisor);
        let r = (dividend - q * u128::from(divisor)) as u64;
        if r != 0 && q <= MAX_MANTISSA {
            let twice = u128::from(r) << 1;
            let q = q + u128::from(twice > u128::from(divisor) || (twice == u128::from(divisor) && q & 1 == 1));
            if q > MAX_MANTISSA {
                return None;
            }
            let mut q = q;
            let scale = strip_zeros(&mut q, 28);
            return Some(pack(q, scale as u32, negative));
        }
    }
    None
}

/// [`quick`] for a divisor of more than 64 bits (a share of a total, a total against the top one):
/// the same quotient at scale 28, from a dividend of up to 223 bits divided in two 64-bit steps.
#[inline(never)]
fn quick_long(pa: Parts, pb: Parts) -> Option<Decimal> {
    if pa.magnitude == 0 {
        return Some(Decimal::ZERO);
    }
    let divisor = pb.magnitude;
    if always_terminates_long(divisor) {
        return None;
    }
    let start = pa.scale as i32 - pb.scale as i32;
    let power = *POW10.get((28 - start) as usize)?;
    let (high, low) = wide_mul(pa.magnitude, power);
    // The quotient has at most 96 bits: the dividend's top 128 bits are below the divisor.
    if high >= divisor {
        return None;
    }
    let (q, r) = div_wide(high, low, divisor);
    if r == 0 || q > MAX_MANTISSA {
        return None;
    }
    // r < divisor < 2^96: doubling it cannot overflow.
    let twice = r << 1;
    let q = q + u128::from(twice > divisor || (twice == divisor && q & 1 == 1));
    if q > MAX_MANTISSA {
        return None;
    }
    let mut q = q;
    let scale = strip_zeros(&mut q, 28);
    Some(pack(q, scale as u32, pa.negative ^ pb.negative))
}

/// `a × b` as 256 bits: (high, low).
#[inline]
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = ((a >> 64) as u64 as u128, a as u64 as u128);
    let (b1, b0) = ((b >> 64) as u64 as u128, b as u64 as u128);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    // The middle column: at most three 64-bit parts, so it fits in 128 bits with its carries.
    let middle = (p00 >> 64) + (p01 as u64 as u128) + (p10 as u64 as u128);
    let low = (middle << 64) | (p00 as u64 as u128);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, low)
}

/// `(high · 2^128 + low) / divisor` and its remainder, for `high < divisor` and a divisor of more
/// than 64 bits: long division in 64-bit digits (Knuth's algorithm D), on the divisor shifted so
/// that its top bit is set.
fn div_wide(high: u128, low: u128, divisor: u128) -> (u128, u128) {
    let shift = divisor.leading_zeros();
    let d = divisor << shift;
    // `high < divisor`, so the shifted dividend still fits in 256 bits.
    let (high, low) = if shift == 0 { (high, low) } else { ((high << shift) | (low >> (128 - shift)), low << shift) };
    let (q1, r) = div_step(high, (low >> 64) as u64, d);
    let (q0, r) = div_step(r, low as u64, d);
    ((u128::from(q1) << 64) | u128::from(q0), r >> shift)
}

/// One digit of [`div_wide`]: `(top · 2^64 + next) / d` for `top < d` and `d`'s top bit set, which
/// is below 2^64; and the remainder.
#[inline]
fn div_step(top: u128, next: u64, d: u128) -> (u64, u128) {
    let d1 = (d >> 64) as u64;
    let d0 = d as u64;
    let top_digit = (top >> 64) as u64;
    // The estimate from the top digits is at most two too large (the divisor is normalized).
    let mut q = if top_digit >= d1 { u64::MAX } else { (top / u128::from(d1)) as u64 };
    // top · 2^64 + next − q · d, as a borrow word and 128 bits.
    let p0 = u128::from(q) * u128::from(d0);
    let p1 = u128::from(q) * u128::from(d1) + (p0 >> 64);
    let product_low = (p1 << 64) | (p0 as u64 as u128);
    let product_top = (p1 >> 64) as u64;
    let dividend_low = (top << 64) | u128::from(next);
    let (mut r, borrow) = dividend_low.overflowing_sub(product_low);
    let mut over = i128::from(top_digit) - i128::from(product_top) - i128::from(borrow);
    while over < 0 {
        q -= 1;
        let (sum, carry) = r.overflowing_add(d);
        r = sum;
        over += i128::from(carry);
    }
    (q, r)
}

/// [`always_terminates`] for a divisor of more than 64 bits.
#[inline]
fn always_terminates_long(mut divisor: u128) -> bool {
    divisor >>= divisor.trailing_zeros();
    // 2^64 leaves 1 when divided by 5: the remainder by 5 from the two 64-bit halves.
    while ((divisor >> 64) as u64 % 5 + divisor as u64 % 5).is_multiple_of(5) {
        divisor /= 5;
    }
    divisor == 1
}

/// rust_decimal's `unscale`: trailing zeros off a quotient that had a remainder, eight at a time
/// while the low 32 bits are zero, then four, two and one, never below scale 0.
fn strip_zeros(q: &mut u128, mut scale: i32) -> i32 {
    while *q as u32 == 0 && scale >= 8 && divide_exactly::<100_000_000>(q) {
        scale -= 8;
    }
    if *q as u32 & 0xF == 0 && scale >= 4 && divide_exactly::<10_000>(q) {
        scale -= 4;
    }
    if *q as u32 & 0x3 == 0 && scale >= 2 && divide_exactly::<100>(q) {
        scale -= 2;
    }
    if *q as u32 & 0x1 == 0 && scale >= 1 && divide_exactly::<10>(q) {
        scale -= 1;
    }
    scale
}

/// `q /= P` when `P` divides `q` (a mantissa below 2^96), by 64-bit divisions by a constant.
#[inline]
fn divide_exactly<const P: u64>(q: &mut u128) -> bool {
    let top = (*q >> 32) as u64;
    let low = ((top % P) << 32) | u64::from(*q as u32);
    if !low.is_multiple_of(P) {
        return false;
    }
    *q = (u128::from(top / P) << 32) | u128::from(low / P);
    true
}

/// Whether every quotient by this mantissa terminates (its only prime factors are 2 and 5): then
/// rust_decimal stops at the quotient's last digit, which one division to 28 decimals cannot tell.
#[inline]
fn always_terminates(mut divisor: u64) -> bool {
    divisor >>= divisor.trailing_zeros();
    while divisor.is_multiple_of(5) {
        divisor /= 5;
    }
    divisor == 1
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

        /// A mantissa of any length up to 96 bits, often a short decimal-looking one with zeros.
        fn mantissa(&mut self, max_bits: u32) -> u128 {
            let raw = ((u128::from(self.next()) << 64) | u128::from(self.next())) & MAX_MANTISSA;
            let bits = (self.next() % u64::from(max_bits + 1)) as u32;
            match self.next() % 6 {
                0 => u128::from(self.next() % 100_000) * 10u128.pow((self.next() % 10) as u32),
                1 => MAX_MANTISSA - u128::from(self.next() % 1000),
                _ if bits == 0 => 0,
                _ => raw >> (96 - bits),
            }
        }

        fn decimal(&mut self, max_bits: u32) -> Decimal {
            let m = self.mantissa(max_bits).min(MAX_MANTISSA);
            let scale = (self.next() % 29) as u32;
            Decimal::from_parts(m as u32, (m >> 32) as u32, (m >> 64) as u32, self.next().is_multiple_of(2), scale)
        }
    }

    fn bits(value: Option<Decimal>) -> Option<[u8; 16]> {
        value.map(|d| d.serialize())
    }

    #[test]
    fn quotients_are_rust_decimals_bit_for_bit() {
        let cases_wanted = std::env::var("EXACT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400_000);
        let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
        for _ in 0..cases_wanted {
            let a = cases.decimal(96);
            let long = cases.next().is_multiple_of(4);
            let b = cases.decimal(if long { 64 } else { 33 });
            assert_eq!(bits(checked_div(a, b)), bits(a.checked_div(b)), "{a:?} / {b:?}");
            // A divisor of any length up to 96 bits (a total, a sum of composites).
            let b = cases.decimal(96);
            assert_eq!(bits(checked_div(a, b)), bits(a.checked_div(b)), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn the_engines_own_quotients_and_the_edges() {
        let d = |t: &str| -> Decimal { t.parse().unwrap_or_default() };
        let dividends = [
            "0",
            "-0",
            "1",
            "-1",
            "0.51",
            "43.95",
            "5.54",
            "12.33",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "15.242099386792041380633793600",
            "0.1524209938679204138063379360",
            "100",
            "0.00",
            "4294967295",
            "12345678901234567890.12345678",
            "1000000000000000000000000000",
            "65.123456789012345678901234567",
            "73.921718748053403518297016377",
        ];
        let divisors = [
            "1",
            "2",
            "0.1",
            "0.2",
            "15",
            "3",
            "7",
            "256.05",
            "38.41",
            "4294967295",
            "0.0000000000000000000000000001",
            "-2",
            "100",
            "1.0",
            "0",
            "4294967296",
            "0.3",
            // Divisors of more than 64 bits: a bank's total, the top total, a sum of composites.
            "73.921718748053403518297016378",
            "99.999999999999999999999999999",
            "1232.4012345678901234567890123",
            "18446744073709551616",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000003",
        ];
        for a in dividends {
            for b in divisors {
                let (a, b) = (d(a), d(b));
                assert_eq!(bits(checked_div(a, b)), bits(a.checked_div(b)), "{a:?} / {b:?}");
            }
        }
    }
}
