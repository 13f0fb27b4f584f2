//! The keys loaded so far, kept compact enough for a hundred thousand names: every name in
//! one byte buffer, one small entry per key (type, time to live, size), and the entries in
//! name order. SCAN may return a key twice; a name is stored once.

use std::cmp::Ordering;

/// A key's type, as the Data tab names it (RedisJSON's `ReJSON-RL` is "json").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyType {
    /// Not known yet.
    #[default]
    Unknown,
    /// A string.
    String,
    /// A hash.
    Hash,
    /// A list.
    List,
    /// A set.
    Set,
    /// A sorted set.
    ZSet,
    /// A stream.
    Stream,
    /// A RedisJSON document.
    Json,
    /// A type the tab does not show (its name is in the header).
    Other,
}

impl KeyType {
    /// The types the type filter cycles through, after "all".
    pub const FILTERS: [KeyType; 7] = [
        KeyType::String,
        KeyType::Hash,
        KeyType::List,
        KeyType::Set,
        KeyType::ZSet,
        KeyType::Stream,
        KeyType::Json,
    ];

    /// The type of a `TYPE` (or `SCAN … WITHTYPE`) answer.
    pub fn from_redis(name: &[u8]) -> KeyType {
        match name.to_ascii_lowercase().as_slice() {
            b"string" => KeyType::String,
            b"hash" => KeyType::Hash,
            b"list" => KeyType::List,
            b"set" => KeyType::Set,
            b"zset" => KeyType::ZSet,
            b"stream" => KeyType::Stream,
            b"rejson-rl" | b"json" => KeyType::Json,
            b"" => KeyType::Unknown,
            _ => KeyType::Other,
        }
    }

    /// The name on the screen.
    pub fn label(self) -> &'static str {
        match self {
            KeyType::Unknown => "?",
            KeyType::String => "string",
            KeyType::Hash => "hash",
            KeyType::List => "list",
            KeyType::Set => "set",
            KeyType::ZSet => "zset",
            KeyType::Stream => "stream",
            KeyType::Json => "json",
            KeyType::Other => "other",
        }
    }

    /// The name `SCAN … TYPE` takes (what `TYPE` reports).
    pub fn scan_name(self) -> &'static str {
        match self {
            KeyType::Json => "ReJSON-RL",
            other => other.label(),
        }
    }

    /// The filter after `filter` (`None` is "all").
    pub fn next_filter(filter: Option<KeyType>) -> Option<KeyType> {
        match filter {
            None => Some(KeyType::FILTERS[0]),
            Some(t) => {
                let at = KeyType::FILTERS.iter().position(|f| *f == t)?;
                KeyType::FILTERS.get(at + 1).copied()
            }
        }
    }
}

/// What is known of a key's time to live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ttl {
    /// Not asked yet (or asked and not answered).
    #[default]
    Unknown,
    /// The key never expires.
    Persistent,
    /// The key expires at this Unix time, in milliseconds.
    ExpiresAt(i64),
}

/// One key's facts besides its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    start: u32,
    len: u32,
    /// Its type.
    pub kind: KeyType,
    /// Its time to live.
    pub ttl: Ttl,
    /// `MEMORY USAGE`, once read.
    pub size: Option<u64>,
    /// Time to live and size were asked for.
    pub meta_asked: bool,
    /// The key was gone when last looked at.
    pub gone: bool,
}

/// The keys loaded so far, in name order.
#[derive(Debug, Clone, Default)]
pub struct KeyStore {
    names: Vec<u8>,
    entries: Vec<Entry>,
    sorted: Vec<u32>,
}

/// Which key: an index into the store's entries (stable while the store lives).
pub type EntryId = u32;

impl KeyStore {
    /// How many keys.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether no key is loaded.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The key at `position` in name order.
    pub fn at(&self, position: usize) -> Option<EntryId> {
        self.sorted.get(position).copied()
    }

    /// The name of `id`.
    pub fn name(&self, id: EntryId) -> &[u8] {
        match self.entries.get(id as usize) {
            Some(e) => &self.names[e.start as usize..(e.start + e.len) as usize],
            None => &[],
        }
    }

    /// The facts of `id`.
    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    /// The facts of `id`, to change.
    pub fn entry_mut(&mut self, id: EntryId) -> Option<&mut Entry> {
        self.entries.get_mut(id as usize)
    }

    /// The name at `position` in name order.
    pub fn name_at(&self, position: usize) -> &[u8] {
        self.at(position).map_or(&[], |id| self.name(id))
    }

    /// Where `name` is in name order: `Ok` if loaded, else where it would go.
    pub fn position(&self, name: &[u8]) -> Result<usize, usize> {
        self.sorted.binary_search_by(|id| self.name(*id).cmp(name))
    }

    /// The key named `name`, if loaded.
    pub fn find(&self, name: &[u8]) -> Option<EntryId> {
        self.position(name).ok().and_then(|p| self.at(p))
    }

    /// The first position at or after `from` whose name does not start with `prefix`
    /// (names with a common prefix sit together in name order).
    pub fn prefix_end(&self, from: usize, to: usize, prefix: &[u8]) -> usize {
        let to = to.min(self.sorted.len());
        let from = from.min(to);
        from + self.sorted[from..to].partition_point(|id| self.name(*id).starts_with(prefix))
    }

    /// Adds one page of keys (name, type); returns how many were new. A name already
    /// loaded keeps its facts, its type updated.
    pub fn add_page(&mut self, mut page: Vec<(Vec<u8>, KeyType)>) -> usize {
        page.sort_by(|a, b| a.0.cmp(&b.0));
        page.dedup_by(|a, b| a.0 == b.0);
        let mut fresh: Vec<u32> = Vec::with_capacity(page.len());
        for (name, kind) in page {
            if let Some(id) = self.find(&name) {
                if let Some(e) = self.entries.get_mut(id as usize)
                    && kind != KeyType::Unknown
                {
                    e.kind = kind;
                }
                continue;
            }
            // A name or a buffer beyond 4 GB cannot be indexed: such a page is cut short.
            let (Ok(start), Ok(len), Ok(id)) = (
                u32::try_from(self.names.len()),
                u32::try_from(name.len()),
                u32::try_from(self.entries.len()),
            ) else {
                break;
            };
            self.names.extend_from_slice(&name);
            self.entries.push(Entry {
                start,
                len,
                kind,
                ttl: Ttl::Unknown,
                size: None,
                meta_asked: false,
                gone: false,
            });
            fresh.push(id);
        }
        let added = fresh.len();
        if added > 0 {
            self.merge(fresh);
        }
        added
    }

    /// Merges ids already in name order into `sorted`.
    fn merge(&mut self, fresh: Vec<u32>) {
        let old = std::mem::take(&mut self.sorted);
        let mut merged = Vec::with_capacity(old.len() + fresh.len());
        let (mut a, mut b) = (old.into_iter().peekable(), fresh.into_iter().peekable());
        loop {
            let take_old = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => self.name(*x).cmp(self.name(*y)) != Ordering::Greater,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_old { a.next() } else { b.next() };
            merged.extend(next);
        }
        self.sorted = merged;
    }

    /// Forgets the key at `position` (deleted or renamed away); its entry stays unused.
    pub fn remove_at(&mut self, position: usize) {
        if position < self.sorted.len() {
            self.sorted.remove(position);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(names: &[&str]) -> Vec<(Vec<u8>, KeyType)> {
        names
            .iter()
            .map(|n| (n.as_bytes().to_vec(), KeyType::String))
            .collect()
    }

    #[test]
    fn pages_merge_in_name_order_once_each() {
        let mut store = KeyStore::default();
        assert_eq!(store.add_page(page(&["b", "d", "b"])), 2);
        assert_eq!(store.add_page(page(&["c", "a", "d"])), 2);
        let names: Vec<&[u8]> = (0..store.len()).map(|p| store.name_at(p)).collect();
        assert_eq!(names, [b"a", b"b", b"c", b"d"]);
        assert_eq!(store.position(b"c"), Ok(2));
        assert_eq!(store.position(b"bb"), Err(2));
        let id = store.find(b"d").expect("loaded");
        assert_eq!(store.name(id), b"d");
        store.remove_at(0);
        assert_eq!(store.name_at(0), b"b");
    }

    #[test]
    fn names_with_a_prefix_sit_together() {
        let mut store = KeyStore::default();
        store.add_page(page(&["a:1", "a:2", "a;", "b:1", "a"]));
        assert_eq!(store.prefix_end(1, store.len(), b"a:"), 3);
        assert_eq!(KeyType::from_redis(b"ReJSON-RL"), KeyType::Json);
        assert_eq!(KeyType::Json.scan_name(), "ReJSON-RL");
        assert_eq!(KeyType::next_filter(None), Some(KeyType::String));
        assert_eq!(KeyType::next_filter(Some(KeyType::Json)), None);
    }
}
