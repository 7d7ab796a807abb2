//! Sorting through one shared body, for the page's size.
//!
//! `slice::sort_by` and its kin are generic: every element type and every comparison gets its own
//! copy of the standard library's sort, 1.5–3.5 KB of wasm each. The page had 30-odd such copies,
//! 22 KB of its first load gzipped. The lists Kaoping sorts are short (banks, items, figures,
//! names, a simulation's draws), so here the order is found once for all of them: the standard
//! stable sort runs on the indices `0..len` with the comparison called through a pointer, and the
//! slice is then put in that order by swaps. The result is exactly the standard stable sort's
//! (equal elements keep their order); [`sort_unstable_by`] gives that same stable order.
//!
//! Use these instead of the slice methods in the crates the page links (engine, app, sheets, web).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably, as `items.sort_by(compare)` does.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    for (a, b) in swaps(order) {
        items.swap(a, b);
    }
}

/// Sorts `items` by the key `key` gives, stably, as `items.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order, stably, as `items.sort()` does.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` by `compare`. Stable, like [`sort_by`]: where `slice::sort_unstable_by` may put
/// equal elements in any order, this keeps theirs.
pub fn sort_unstable_by<T>(items: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    sort_by(items, compare);
}

/// The indices `0..len` in the order `compare` puts the elements they stand for (stably): the
/// element that belongs at position `i` is the one now at `order[i]`. Not generic, so compiled once.
#[inline(never)]
fn order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// The swaps, in turn, that put each element at its position in `order`: each cycle of the
/// permutation is followed from its first position. Not generic, so compiled once.
#[inline(never)]
fn swaps(order: Vec<usize>) -> Vec<(usize, usize)> {
    let mut placed = vec![false; order.len()];
    let mut swaps = Vec::new();
    for start in 0..order.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            // `at` holds the element that began at `start`; it takes the one it is owed, which
            // still stands where it began, as every swap so far was within other cycles or earlier
            // in this one.
            let from = order[at];
            if from == start {
                break;
            }
            swaps.push((at, from));
            at = from;
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every order of a few elements, with ties, sorts exactly as the standard stable sort does.
    #[test]
    fn the_same_order_as_the_standard_stable_sort() {
        let mut seed = 0x2024_u64;
        for len in 0..40 {
            for _ in 0..50 {
                let items: Vec<(u8, usize)> = (0..len)
                    .map(|i| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        (((seed >> 33) % 5) as u8, i)
                    })
                    .collect();
                let mut ours = items.clone();
                sort_by_key(&mut ours, |&(key, _)| key);
                let mut std = items.clone();
                std.sort_by_key(|&(key, _)| key);
                assert_eq!(ours, std);
                let mut ours = items.clone();
                sort_unstable_by(&mut ours, |a, b| b.0.cmp(&a.0));
                let mut again = items;
                again.sort_by_key(|b| std::cmp::Reverse(b.0));
                assert_eq!(ours, again);
            }
        }
    }

    #[test]
    fn sorts_owned_values_in_place() {
        let mut names = vec!["丙".to_owned(), "甲".to_owned(), "乙".to_owned(), "甲".to_owned()];
        sort(&mut names);
        let mut std = names.clone();
        std.sort();
        assert_eq!(names, std);
    }
}
