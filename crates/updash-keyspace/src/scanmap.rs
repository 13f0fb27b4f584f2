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

/// Up to this many entries live in a sorted vector: most hashes and sets
/// are tiny, and a B-tree node per tiny collection costs ~700 bytes.
const SMALL_MAX: usize = 16;

/// Entries sorted by position (small) or a B-tree of buckets (large).
enum Repr<V> {
    Small(Vec<(u64, Box<[u8]>, V)>),
    Tree(BTreeMap<u64, Bucket<V>>),
}

/// A byte-keyed map with hash-ordered, cursor-resumable iteration.
pub(crate) struct ScanMap<V> {
    repr: Repr<V>,
    len: usize,
}

impl<V> Default for ScanMap<V> {
    fn default() -> Self {
        ScanMap {
            repr: Repr::Small(Vec::new()),
            len: 0,
        }
    }
}

/// One iterator type over either representation.
enum Either<A, B> {
    A(A),
    B(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Either<A, B> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            Either::A(a) => a.next(),
            Either::B(b) => b.next(),
        }
    }
}

fn tree_insert<V>(
    tree: &mut BTreeMap<u64, Bucket<V>>,
    pos: u64,
    key: Box<[u8]>,
    value: V,
) -> Option<V> {
    match tree.entry(pos) {
        TreeEntry::Vacant(e) => {
            e.insert(Bucket::One((key, value)));
            None
        }
        TreeEntry::Occupied(mut e) => {
            let bucket = e.get_mut();
            if let Some(slot) = bucket.items_mut().iter_mut().find(|(k, _)| *k == key) {
                return Some(std::mem::replace(&mut slot.1, value));
            }
            match bucket {
                Bucket::Many(items) => items.push((key, value)),
                Bucket::One(_) => {
                    if let Bucket::One(first) =
                        std::mem::replace(bucket, Bucket::Many(Vec::with_capacity(2)))
                        && let Bucket::Many(items) = bucket
                    {
                        items.push(first);
                        items.push((key, value));
                    }
                }
            }
            None
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

    fn small_index(v: &[(u64, Box<[u8]>, V)], pos: u64, key: &[u8]) -> Option<usize> {
        let start = v.partition_point(|e| e.0 < pos);
        v[start..]
            .iter()
            .take_while(|e| e.0 == pos)
            .position(|e| *e.1 == *key)
            .map(|i| start + i)
    }

    pub fn get(&self, key: &[u8]) -> Option<&V> {
        let pos = position(key);
        match &self.repr {
            Repr::Small(v) => Self::small_index(v, pos, key).map(|i| &v[i].2),
            Repr::Tree(t) => t
                .get(&pos)?
                .items()
                .iter()
                .find(|(k, _)| **k == *key)
                .map(|(_, v)| v),
        }
    }

    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut V> {
        let pos = position(key);
        match &mut self.repr {
            Repr::Small(v) => Self::small_index(v, pos, key).map(|i| &mut v[i].2),
            Repr::Tree(t) => t
                .get_mut(&pos)?
                .items_mut()
                .iter_mut()
                .find(|(k, _)| **k == *key)
                .map(|(_, v)| v),
        }
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
        let old = match &mut self.repr {
            Repr::Small(v) => {
                if let Some(i) = Self::small_index(v, pos, key) {
                    return Some(std::mem::replace(&mut v[i].2, value));
                }
                let at = v.partition_point(|e| e.0 <= pos);
                v.insert(at, (pos, key.into(), value));
                None
            }
            Repr::Tree(t) => tree_insert(t, pos, key.into(), value),
        };
        if old.is_none() {
            self.len += 1;
            self.grow_if_needed();
        }
        old
    }

    fn grow_if_needed(&mut self) {
        if let Repr::Small(v) = &mut self.repr
            && v.len() > SMALL_MAX
        {
            let mut tree = BTreeMap::new();
            for (pos, k, val) in std::mem::take(v) {
                tree_insert(&mut tree, pos, k, val);
            }
            self.repr = Repr::Tree(tree);
        }
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<V> {
        let pos = position(key);
        let out = match &mut self.repr {
            Repr::Small(v) => Self::small_index(v, pos, key).map(|i| v.remove(i).2),
            Repr::Tree(t) => {
                let TreeEntry::Occupied(mut e) = t.entry(pos) else {
                    return None;
                };
                let idx = e.get().items().iter().position(|(k, _)| **k == *key)?;
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
        };
        if out.is_some() {
            self.len -= 1;
        }
        out
    }

    pub fn clear(&mut self) {
        self.repr = Repr::Small(Vec::new());
        self.len = 0;
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &V)> {
        match &self.repr {
            Repr::Small(v) => Either::A(v.iter().map(|(_, k, v)| (&**k, v))),
            Repr::Tree(t) => Either::B(
                t.values()
                    .flat_map(|b| b.items().iter().map(|(k, v)| (&**k, v))),
            ),
        }
    }

    /// The entries stored at one hash position.
    pub fn at_position(&self, pos: u64) -> impl Iterator<Item = (&[u8], &V)> {
        match &self.repr {
            Repr::Small(v) => Either::A(
                v.iter()
                    .filter(move |e| e.0 == pos)
                    .map(|(_, k, v)| (&**k, v)),
            ),
            Repr::Tree(t) => Either::B(
                t.get(&pos)
                    .into_iter()
                    .flat_map(|b| b.items().iter().map(|(k, v)| (&**k, v))),
            ),
        }
    }

    /// Visits whole buckets from `cursor` until at least `budget` entries
    /// were seen; returns the cursor to resume from (0 once done).
    pub fn scan(&self, cursor: u64, budget: usize, mut visit: impl FnMut(&[u8], &V)) -> u64 {
        let mut seen = 0;
        match &self.repr {
            Repr::Small(v) => {
                let start = v.partition_point(|e| e.0 < cursor);
                let mut last = None;
                for (pos, k, val) in &v[start..] {
                    if seen >= budget && last != Some(*pos) {
                        return *pos;
                    }
                    visit(k, val);
                    seen += 1;
                    last = Some(*pos);
                }
            }
            Repr::Tree(t) => {
                for (&pos, bucket) in t.range(cursor..) {
                    if seen >= budget {
                        return pos;
                    }
                    for (k, v) in bucket.items() {
                        visit(k, v);
                        seen += 1;
                    }
                }
            }
        }
        0
    }

    /// An entry chosen by the random number `r` (first bucket at or after
    /// `r`, wrapping), or None when empty.
    pub fn random(&self, r: u64) -> Option<(&[u8], &V)> {
        match &self.repr {
            Repr::Small(v) => {
                if v.is_empty() {
                    return None;
                }
                let i = v.partition_point(|e| e.0 < r);
                let (_, k, val) = &v[if i < v.len() { i } else { 0 }];
                Some((k, val))
            }
            Repr::Tree(t) => {
                let (_, bucket) = t.range(r..).next().or_else(|| t.iter().next())?;
                let items = bucket.items();
                let (k, v) = &items[(r as usize) % items.len()];
                Some((k, v))
            }
        }
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
    fn small_and_large_forms_agree() {
        let mut m = ScanMap::default();
        for i in 0..100u32 {
            m.insert(&i.to_le_bytes(), i);
            assert_eq!(m.get(&i.to_le_bytes()), Some(&i));
            let mut n = 0;
            let mut cursor = 0;
            loop {
                cursor = m.scan(cursor, 3, |_, _| n += 1);
                if cursor == 0 {
                    break;
                }
            }
            assert_eq!(n, i as usize + 1);
        }
        for i in 0..100u32 {
            assert_eq!(m.remove(&i.to_le_bytes()), Some(i));
        }
        assert!(m.is_empty());
    }

    #[test]
    fn colliding_positions_share_a_bucket() {
        let mut m = ScanMap::default();
        for i in 0..20u8 {
            m.insert(&[i], 0);
        }
        m.insert_at(7, b"x", 1);
        m.insert_at(7, b"y", 2);
        assert_eq!(m.len(), 22);
        assert_eq!(m.at_position(7).count(), 2);
        let mut seen = Vec::new();
        let next = m.scan(7, 1, |k, _| seen.push(k.to_vec()));
        assert_eq!(seen.len(), 2, "a bucket is visited whole");
        assert!(next > 7 || next == 0);
    }
}
