//! Big keys: a sample of the keyspace (SCAN pages, then `MEMORY USAGE` of each key in one
//! pipeline per page), with the biggest keys and the memory per type and per top-level
//! prefix. It runs page by page, shows its progress, and stops when the operator says so.

use super::keys::KeyType;
use std::collections::HashMap;

/// Keys sampled at most.
pub const SAMPLE: u64 = 10_000;
/// Biggest keys listed.
pub const TOP: usize = 50;
/// Prefixes listed.
pub const TOP_PREFIXES: usize = 10;

/// Where the sampling is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Asking for the next page or its sizes.
    Running,
    /// Every key of the sample was measured.
    Done,
    /// Stopped by the operator.
    Stopped,
    /// A request failed (in words).
    Failed(String),
}

/// Memory of a group of keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Keys.
    pub keys: u64,
    /// Bytes.
    pub bytes: u64,
}

/// A sample of the keyspace and what it found.
#[derive(Debug, Clone)]
pub struct BigKeys {
    /// This run (answers to an earlier one are dropped).
    pub run: u64,
    /// SCAN's cursor.
    pub cursor: String,
    /// Keys measured.
    pub sampled: u64,
    /// `DBSIZE`, once known.
    pub dbsize: Option<u64>,
    /// Where it is.
    pub progress: Progress,
    /// The biggest keys, biggest first: bytes, type, name.
    pub top: Vec<(u64, KeyType, Vec<u8>)>,
    /// Memory per type.
    pub per_type: Vec<(KeyType, Tally)>,
    /// Memory per top-level prefix (the name up to its first delimiter).
    per_prefix: HashMap<Vec<u8>, Tally>,
    /// The selected biggest key.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

impl BigKeys {
    /// A sampling that starts now.
    pub fn new(run: u64, dbsize: Option<u64>) -> Self {
        Self {
            run,
            cursor: "0".into(),
            sampled: 0,
            dbsize,
            progress: Progress::Running,
            top: Vec::new(),
            per_type: Vec::new(),
            per_prefix: HashMap::new(),
            selected: 0,
            offset: 0,
        }
    }

    /// The next SCAN (every type, with types).
    pub fn scan_command(&self) -> Vec<String> {
        ["SCAN", &self.cursor, "COUNT", "1000", "WITHTYPE"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// Counts measured keys in: (name, type, bytes).
    pub fn add(&mut self, measured: Vec<(Vec<u8>, KeyType, u64)>, delimiters: &[String]) {
        for (name, kind, bytes) in measured {
            self.sampled += 1;
            match self.per_type.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, t)) => {
                    t.keys += 1;
                    t.bytes += bytes;
                }
                None => self.per_type.push((kind, Tally { keys: 1, bytes })),
            }
            let prefix = top_prefix(&name, delimiters).to_vec();
            let tally = self.per_prefix.entry(prefix).or_default();
            tally.keys += 1;
            tally.bytes += bytes;
            let at = self.top.partition_point(|(b, _, _)| *b >= bytes);
            if at < TOP {
                self.top.insert(at, (bytes, kind, name));
                self.top.truncate(TOP);
            }
        }
        self.per_type
            .sort_by_key(|(_, t)| std::cmp::Reverse(t.bytes));
    }

    /// Whether another page is wanted after this one.
    pub fn wants_more(&self) -> bool {
        self.cursor != "0" && self.sampled < SAMPLE && self.progress == Progress::Running
    }

    /// The prefixes holding the most memory, most first.
    pub fn top_prefixes(&self) -> Vec<(&[u8], Tally)> {
        let mut all: Vec<(&[u8], Tally)> = self
            .per_prefix
            .iter()
            .map(|(p, t)| (p.as_slice(), *t))
            .collect();
        all.sort_by(|a, b| b.1.bytes.cmp(&a.1.bytes).then(a.0.cmp(b.0)));
        all.truncate(TOP_PREFIXES);
        all
    }
}

/// The name up to and including its first delimiter (the whole name when it has none).
pub fn top_prefix<'a>(name: &'a [u8], delimiters: &[String]) -> &'a [u8] {
    (0..name.len())
        .find_map(|i| {
            delimiters
                .iter()
                .find(|d| name[i..].starts_with(d.as_bytes()))
                .map(|d| &name[..i + d.len()])
        })
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_keep_the_biggest_first() {
        let colon = vec![":".to_string()];
        let mut big = BigKeys::new(1, Some(4));
        big.add(
            vec![
                (b"a:1".to_vec(), KeyType::String, 10),
                (b"a:2".to_vec(), KeyType::Hash, 300),
                (b"b".to_vec(), KeyType::String, 50),
            ],
            &colon,
        );
        assert_eq!(big.top[0].2, b"a:2");
        assert_eq!(big.top[2].2, b"a:1");
        assert_eq!(
            big.per_type[0],
            (
                KeyType::Hash,
                Tally {
                    keys: 1,
                    bytes: 300
                }
            )
        );
        let prefixes = big.top_prefixes();
        assert_eq!(
            prefixes[0],
            (
                &b"a:"[..],
                Tally {
                    keys: 2,
                    bytes: 310
                }
            )
        );
        assert_eq!(prefixes[1].0, b"b");
    }
}
