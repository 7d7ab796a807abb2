//! A `Decimal` taken apart into a 128-bit magnitude, a scale and a sign, and put back together:
//! the form the rest of `exact` computes on (one integer where rust_decimal has three 32-bit words).

use rust_decimal::Decimal;

/// The largest mantissa of a `Decimal`.
pub(crate) const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// 10^0 … 10^38, every power of ten below 2^128.
pub(crate) const POW10: [u128; 39] = {
    let mut powers = [1u128; 39];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// A `Decimal`'s magnitude (below 2^96), scale (0 to 28) and sign.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parts {
    pub magnitude: u128,
    pub scale: u32,
    pub negative: bool,
}

/// The parts of a `Decimal` (read from its 16 bytes: flags, then the low, middle and high words).
#[inline(always)]
pub(crate) fn parts(value: Decimal) -> Parts {
    let bytes = value.serialize();
    let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let flags = word(0);
    Parts {
        magnitude: u128::from(word(4)) | (u128::from(word(8)) << 32) | (u128::from(word(12)) << 64),
        scale: (flags >> 16) & 0xFF,
        negative: flags >> 31 == 1,
    }
}

/// The `Decimal` of a magnitude below 2^96 and a scale of at most 28. A zero is positive, as
/// rust_decimal's `from_parts` makes it.
#[inline(always)]
pub(crate) fn pack(magnitude: u128, scale: u32, negative: bool) -> Decimal {
    debug_assert!(magnitude <= MAX_MANTISSA && scale <= 28);
    Decimal::from_parts(magnitude as u32, (magnitude >> 32) as u32, (magnitude >> 64) as u32, negative, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apart_and_together_again() {
        for text in ["0", "-0.000", "1", "-1.5", "79228162514264337593543950335", "-0.0000000000000000000000000001"] {
            let value: Decimal = text.parse().unwrap_or_default();
            let p = parts(value);
            assert_eq!(p.magnitude, value.mantissa().unsigned_abs(), "{text}");
            assert_eq!(p.scale, value.scale(), "{text}");
            assert_eq!(p.negative, value.is_sign_negative(), "{text}");
            let expected = Decimal::from_parts(
                p.magnitude as u32,
                (p.magnitude >> 32) as u32,
                (p.magnitude >> 64) as u32,
                p.negative,
                p.scale,
            );
            assert_eq!(pack(p.magnitude, p.scale, p.negative).serialize(), expected.serialize(), "{text}");
        }
    }
}
