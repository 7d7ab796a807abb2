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
        // trailing zeros kept; one with a remainder (an odd difference by 2) is `terminating`.
        let small = u32::try_from(divisor).ok().filter(|_| start >= 0)?;
        let (q, r) = div_rem_small(pa.magnitude, small);
        if r == 0 {
            return Some(pack(q, start as u32, negative));
        }
        return terminating(q, r, small, start as u32).map(|(q, scale)| pack(q, scale, negative));
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

/// `magnitude / divisor` and its remainder, for a magnitude below 2^96 and a divisor below 2^32:
/// two 64-bit divisions, as rust_decimal's `div32` divides (a 128-bit division is a call).
#[inline]
fn div_rem_small(magnitude: u128, divisor: u32) -> (u128, u32) {
    let divisor = u64::from(divisor);
    let top = (magnitude >> 32) as u64;
    let low = ((top % divisor) << 32) | u64::from(magnitude as u32);
    ((u128::from(top / divisor) << 32) | u128::from(low / divisor), (low % divisor) as u32)
}

/// rust_decimal's quotient by a 32-bit divisor whose only prime factors are 2 and 5 (a step of 2
/// or 0.2), when the division at the dividend's scale leaves a remainder: `q` and `r` are that
/// quotient and remainder, `scale` the dividend's scale less the divisor's. `None` leaves the
/// division to rust_decimal.
///
/// rust_decimal (`div_remainder_32`) then appends as many digits as its `find_scale` allows at
/// once (at most 9, never beyond scale 28, never beyond 96 bits), the remainder's digits with
/// them; for such a divisor one round brings the remainder to 0 when it appends at least as many
/// digits as the divisor has factors of 2 or of 5 (one for 2). With no room for a digit it rounds
/// half to even instead. Either way it then strips trailing zeros (`unscale`, [`strip_zeros`]),
/// so a quotient of 0.3 by 2 is 0.150 (nine digits appended, seven stripped) and one at scale 27
/// gains one digit. Here that one round is done where `find_scale`'s answer is plain from the top
/// word: no room at all, all nine digits, or every digit up to scale 28; its borderline cases,
/// a second round and an overflow are left to rust_decimal.
fn terminating(q: u128, r: u32, divisor: u32, scale: u32) -> Option<(u128, u32)> {
    let high = q >> 64;
    // How many digits `find_scale` appends: MAX_MANTISSA / 10^k bounds the quotient it scales by
    // 10^k, compared on the top word as rust_decimal compares it (its `POWER_OVERFLOW_VALUES`).
    let room = |k: usize| (MAX_MANTISSA / POW10[k]) >> 64;
    let digits = if scale == 28 || high > room(1) {
        0
    } else if scale > 19 && high < room(28 - scale as usize) {
        28 - scale
    } else if scale <= 19 && high < room(9) {
        9
    } else {
        return None;
    };
    let (mut q, scale) = if digits == 0 {
        // No room for a digit: half to even on the remainder.
        let twice = u64::from(r) << 1;
        let up = twice > u64::from(divisor) || (twice == u64::from(divisor) && q & 1 == 1);
        (q + u128::from(up), scale)
    } else {
        // 10^9 × r < 2^62: the remainder's digits in one 64-bit division, which must leave none.
        let appended = POW10[digits as usize] as u64 * u64::from(r);
        if !appended.is_multiple_of(u64::from(divisor)) {
            return None;
        }
        (q * POW10[digits as usize] + u128::from(appended / u64::from(divisor)), scale + digits)
    };
    if q > MAX_MANTISSA {
        return None;
    }
    let scale = strip_zeros(&mut q, scale as i32);
    Some((q, scale as u32))
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
///
/// Each of those steps divides by a power of ten, so a quotient that 10 does not divide (nine in
/// ten rounded quotients; every appended 5) is kept as it is: an odd one at once, an even one
/// when 5 does not divide it (2^64 leaves 1 when divided by 5, so neither does the sum of the
/// halves).
#[inline]
fn strip_zeros(q: &mut u128, scale: i32) -> i32 {
    if *q & 1 == 1 || !((*q >> 64) as u64 % 5 + *q as u64 % 5).is_multiple_of(5) {
        return scale;
    }
    strip_tens(q, scale)
}

/// [`strip_zeros`] for a quotient that ends in a zero.
#[inline(never)]
fn strip_tens(q: &mut u128, mut scale: i32) -> i32 {
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
///
/// Without its factors of 2 such a divisor is a power of 5, and every power of 5 below 2^64
/// divides 5^27 (5^28 > 2^64): one remainder where dividing out the fives took one per five.
#[inline]
fn always_terminates(divisor: u64) -> bool {
    const FIVE_TO_THE_27: u64 = 7_450_580_596_923_828_125;
    divisor != 0 && FIVE_TO_THE_27.is_multiple_of(divisor >> divisor.trailing_zeros())
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

    /// Every dividend by every divisor, as text: the engine's quotient is rust_decimal's, bit for bit.
    fn agrees_on(dividends: &[&str], divisors: &[&str]) {
        let d = |t: &str| -> Decimal { t.parse().unwrap_or_default() };
        for a in dividends {
            for b in divisors {
                let (a, b) = (d(a), d(b));
                assert_eq!(bits(checked_div(a, b)), bits(a.checked_div(b)), "{a:?} / {b:?}");
            }
        }
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
    fn a_divisor_terminates_when_its_only_factors_are_two_and_five() {
        let mut five = 1u64;
        for fives in 0..=27 {
            for twos in 0..64 {
                if let Some(divisor) = five.checked_mul(1 << twos) {
                    assert!(always_terminates(divisor), "2^{twos} × 5^{fives}");
                }
            }
            five = five.saturating_mul(5);
        }
        for divisor in [0u64, 3, 6, 7, 15, 30, 3 * 5u64.pow(26), 1_000_000_007, u64::MAX, 4230, 28054] {
            assert!(!always_terminates(divisor), "{divisor}");
        }
    }

    #[test]
    fn quotients_by_steps_of_twos_and_fives_are_rust_decimals() {
        // A growth difference by a step of 2, a disposal by 0.2: rust_decimal appends digits to a
        // quotient with a remainder by its own rule (see `terminating`), at every scale and length.
        let divisors = ["2", "0.2", "2.0", "0.02", "4", "5", "0.5", "8", "25", "0.25", "16", "125", "1024", "0.1", "1"];
        let cases_wanted = std::env::var("EXACT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
        let mut cases = Cases(0x2545_F491_4F6C_DD1D);
        for _ in 0..cases_wanted {
            let a = cases.decimal(96);
            for b in divisors {
                let b: Decimal = b.parse().unwrap_or_default();
                assert_eq!(bits(checked_div(a, b)), bits(a.checked_div(b)), "{a:?} / {b:?}");
            }
        }
        let edges = [
            "0.3",
            "3",
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000003",
            "15.242099386792041380633793601",
            "1.5242099386792041380633793601",
            "-7.9228162514264337593543950335",
            "79228162514264337593543950335",
            "7922816251426433759354395033.5",
            "7922816251426433759354395.0335",
            "79228162514264337593.543950335",
            "792281625142643375.93543950335",
        ];
        agrees_on(&edges, &divisors);
    }

    #[test]
    fn the_engines_own_quotients_and_the_edges() {
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
        agrees_on(&dividends, &divisors);
    }
}
