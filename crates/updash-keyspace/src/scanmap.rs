//! A map ordered by a fixed 64-bit hash of its keys, so a cursor can be a
//! plain integer: the hash position to resume from. A key that stays in the
//! map keeps its position whatever else is added or removed, which gives
//! SCAN's guarantee (every key present for the whole iteration is returned)
//! with work proportional to the entries visited.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry as TreeEntry;

/// Entries sharing one hash position (almost always exactly one).
enum Bucket<V> {
    One((Box<[u8]>, V)),
    Many(Vec<(Box<[u8]>, V)>),
}

impl<V> Bucket<V> {
    fn items(&self) -> &[(Box<[u8]>, V)] {
        match self {
            Bucket::One(item) => std::slice::from_ref(item),
            Bucket::Many(items) => items,
        }
    }

    fn items_mut(&mut self) -> &mut [(Box<[u8]>, V)] {
        match self {
            Bucket::One(item) => std::slice::from_mut(item),
            Bucket::Many(items) => items,
        }
    }
}

/// A stable 64-bit hash of bytes (never 0, so cursor 0 stays "start/end").
pub(crate) fn position(key: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = (key.len() as u64).wrapping_mul(K) ^ 0x243F_6A88_85A3_08D3;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // murmur3's fmix64: every input bit reaches every output bit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h.max(1)
}

/// A byte-keyed map with hash-ordered, cursor-resumable iteration.
pub(crate) struct ScanMap<V> {
    tree: BTreeMap<u64, Bucket<V>>,
    len: usize,
}

impl<V> Default for ScanMap<V> {
    fn default() -> Self {
        ScanMap {
            tree: BTreeMap::new(),
            len: 0,
        }
    }
}

impl<V> ScanMap<V> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, key: &[u8]) -> Option<&V> {
        let b = self.tree.get(&position(key))?;
        b.items().iter().find(|(k, _)| **k == *key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut V> {
        let b = self.tree.get_mut(&position(key))?;
        b.items_mut()
            .iter_mut()
            .find(|(k, _)| **k == *key)
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.get(key).is_some()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, key: &[u8], value: V) -> Option<V> {
        self.insert_at(position(key), key, value)
    }

    /// `insert` with the position already computed.
    pub fn insert_at(&mut self, pos: u64, key: &[u8], value: V) -> Option<V> {
        match self.tree.entry(pos) {
            TreeEntry::Vacant(e) => {
                e.insert(Bucket::One((key.into(), value)));
                self.len += 1;
                None
            }
            TreeEntry::Occupied(mut e) => {
                let bucket = e.get_mut();
                if let Some(slot) = bucket.items_mut().iter_mut().find(|(k, _)| **k == *key) {
                    return Some(std::mem::replace(&mut slot.1, value));
                }
                match bucket {
                    Bucket::Many(items) => items.push((key.into(), value)),
                    Bucket::One(_) => {
                        if let Bucket::One(first) =
                            std::mem::replace(bucket, Bucket::Many(Vec::with_capacity(2)))
                            && let Bucket::Many(items) = bucket
                        {
                            items.push(first);
                            items.push((key.into(), value));
                        }
                    }
                }
                self.len += 1;
                None
            }
        }
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<V> {
        let TreeEntry::Occupied(mut e) = self.tree.entry(position(key)) else {
            return None;
        };
        let idx = e.get().items().iter().position(|(k, _)| **k == *key)?;
        self.len -= 1;
        match e.get_mut() {
            Bucket::One(_) => match e.remove() {
                Bucket::One((_, v)) => Some(v),
                Bucket::Many(_) => None,
            },
            Bucket::Many(items) => {
                let (_, v) = items.swap_remove(idx);
                if items.is_empty() {
                    e.remove();
                }
                Some(v)
            }
        }
    }

    pub fn clear(&mut self) {
        self.tree.clear();
        self.len = 0;
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &V)> {
        self.tree
            .values()
            .flat_map(|b| b.items().iter().map(|(k, v)| (&**k, v)))
    }

    /// The entries stored at one hash position.
    pub fn at_position(&self, pos: u64) -> impl Iterator<Item = (&[u8], &V)> {
        self.tree
            .get(&pos)
            .into_iter()
            .flat_map(|b| b.items().iter().map(|(k, v)| (&**k, v)))
    }

    /// Visits whole buckets from `cursor` until at least `budget` entries
    /// were seen; returns the cursor to resume from (0 once done).
    pub fn scan(&self, cursor: u64, budget: usize, mut visit: impl FnMut(&[u8], &V)) -> u64 {
        let mut seen = 0;
        for (&pos, bucket) in self.tree.range(cursor..) {
            if seen >= budget {
                return pos;
            }
            for (k, v) in bucket.items() {
                visit(k, v);
                seen += 1;
            }
        }
        0
    }

    /// An entry chosen by the random number `r` (first bucket at or after
    /// `r`, wrapping), or None when empty.
    pub fn random(&self, r: u64) -> Option<(&[u8], &V)> {
        let (_, bucket) = self
            .tree
            .range(r..)
            .next()
            .or_else(|| self.tree.iter().next())?;
        let items = bucket.items();
        let (k, v) = &items[(r as usize) % items.len()];
        Some((k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_remove() {
        let mut m = ScanMap::default();
        assert_eq!(m.insert(b"a", 1), None);
        assert_eq!(m.insert(b"a", 2), Some(1));
        assert_eq!(m.get(b"a"), Some(&2));
        assert_eq!(m.len(), 1);
        assert_eq!(m.remove(b"a"), Some(2));
        assert!(m.is_empty());
        assert_eq!(m.remove(b"a"), None);
    }

    #[test]
    fn colliding_positions_share_a_bucket() {
        let mut m = ScanMap::default();
        m.insert_at(7, b"x", 1);
        m.insert_at(7, b"y", 2);
        assert_eq!(m.len(), 2);
        assert_eq!(m.at_position(7).count(), 2);
        let mut seen = Vec::new();
        assert_eq!(m.scan(0, 1, |k, _| seen.push(k.to_vec())), 0);
        assert_eq!(seen.len(), 2);
    }
}
