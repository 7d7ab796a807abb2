//! Generators the property tests share (`mod strategies;`): figures as a user would enter them.

use kaoping_engine::{Amount, Count};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// An amount in 亿元 with two decimals, from 0 to `max` 亿, or nothing entered.
pub fn amount(max: i64) -> impl Strategy<Value = Option<Amount>> {
    prop::option::of((0..=max * 100).prop_map(|cents| Amount::new(Decimal::new(cents, 2)).expect("in range")))
}

/// A count from 0 to `max`, or nothing entered.
pub fn count(max: u32) -> impl Strategy<Value = Option<Count>> {
    prop::option::of((0..=max).prop_map(|n| Count::new(n).expect("in range")))
}
