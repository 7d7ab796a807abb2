//! A short map kept as a sorted list, for the page's size.
//!
//! `BTreeMap` brings 5–6 KB of wasm for each key and value type it holds; the maps a scenario keeps
//! beside its banks (each bank's source, each bank's verified figures) have at most one entry per
//! bank or figure, a few dozen at most, so a list kept in order of key does the same work with a
//! few hundred bytes. Entries are in order of key, so that two maps with the same entries are
//! equal (and hash alike) whatever order they were set in, and iterate as a `BTreeMap` would.

use std::borrow::Borrow;

/// Values by key, kept in order of key, at most one per key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ByKey<K, V>(Vec<(K, V)>);

impl<K, V> Default for ByKey<K, V> {
    fn default() -> Self {
        ByKey(Vec::new())
    }
}

impl<K: Ord, V> ByKey<K, V> {
    /// The empty map.
    pub fn new() -> Self {
        ByKey(Vec::new())
    }

    /// Where `key` is or would go: `Ok` at its entry, `Err` where it would be inserted.
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        match self.0.iter().position(|(k, _)| k.borrow() >= key) {
            Some(i) if self.0[i].0.borrow() == key => Ok(i),
            Some(i) => Err(i),
            None => Err(self.0.len()),
        }
    }

    /// The value for `key`, if there is one.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// The value for `key`, to change, if there is one.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets the value for `key`; the value it had, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value for `key`, to change, set to the default first if there was none.
    pub fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Takes the value for `key` away; the value, if there was one.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }
}

impl<K, V> ByKey<K, V> {
    /// Every entry, in order of key.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Every value, in order of key.
    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many keys have a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no key has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes every entry away.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<'a, K, V> IntoIterator for &'a ByKey<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Any run of inserts and removals leaves the same entries, in the same order, as a `BTreeMap`.
    #[test]
    fn the_same_entries_as_a_btree_map() {
        let mut seed = 0x17_u64;
        let mut ours: ByKey<String, u32> = ByKey::new();
        let mut std: BTreeMap<String, u32> = BTreeMap::new();
        for step in 0..2000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let key = format!("k{}", (seed >> 33) % 13);
            match (seed >> 40) % 4 {
                0 => assert_eq!(ours.remove(key.as_str()), std.remove(&key)),
                1 => {
                    *ours.get_or_default(key.clone()) += step;
                    *std.entry(key).or_default() += step;
                }
                _ => assert_eq!(ours.insert(key.clone(), step), std.insert(key, step)),
            }
            assert!(ours.iter().eq(std.iter()));
            assert_eq!(ours.len(), std.len());
        }
        assert!(!ours.is_empty());
        assert!(ours.contains_key("k3") == std.contains_key("k3"));
        ours.clear();
        assert!(ours.is_empty());
    }
}
