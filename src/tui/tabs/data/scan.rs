//! Walking the keyspace with SCAN (never KEYS): the pattern and type filter, the cursor, and
//! the round-trip budget. A fetch keeps calling SCAN until it found what it wants; a sparse
//! match pauses after [`MAX_EMPTY_CALLS`] calls that found nothing, until the operator says
//! go on. Upstash examines about [`COUNT`] keys per call whatever COUNT says.

use super::keys::KeyType;
use crate::redis::Reply;

/// Keys examined per SCAN call (Upstash's cap).
pub const COUNT: u64 = 1000;
/// SCAN calls in a row that found nothing before the scan pauses.
pub const MAX_EMPTY_CALLS: u32 = 20;

/// Where the walk through the keyspace is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The glob sent as MATCH (`*`: every key).
    pub pattern: String,
    /// The type filter (`None`: every type).
    pub type_filter: Option<KeyType>,
    /// The cursor of the next call.
    pub cursor: String,
    /// The cursor came back to 0: every key was seen.
    pub done: bool,
    /// SCAN calls made.
    pub calls: u64,
    /// Calls in a row that found nothing.
    pub empty_calls: u32,
    /// Stopped by the budget; a key goes on.
    pub paused: bool,
    /// `DBSIZE`, once read.
    pub dbsize: Option<u64>,
    /// Keys the running fetch still wants before it stops (0: no fetch running).
    pub wanted: usize,
}

impl Scan {
    /// A walk from the start.
    pub fn new(pattern: &str, type_filter: Option<KeyType>) -> Self {
        Self {
            pattern: if pattern.is_empty() { "*" } else { pattern }.to_string(),
            type_filter,
            cursor: "0".into(),
            done: false,
            calls: 0,
            empty_calls: 0,
            paused: false,
            dbsize: None,
            wanted: 0,
        }
    }

    /// The SCAN command of the next call: `WITHTYPE` (Upstash) gives each key's type unless a
    /// type filter is set, which goes as `TYPE`.
    pub fn command(&self) -> Vec<String> {
        let mut command = vec![
            "SCAN".to_string(),
            self.cursor.clone(),
            "MATCH".into(),
            self.pattern.clone(),
            "COUNT".into(),
            COUNT.to_string(),
        ];
        match self.type_filter {
            Some(t) => command.extend(["TYPE".to_string(), t.scan_name().to_string()]),
            None => command.push("WITHTYPE".into()),
        }
        command
    }

    /// Whether a fetch is running.
    pub fn fetching(&self) -> bool {
        self.wanted > 0
    }

    /// Whether another fetch may start (not done, not paused, none running).
    pub fn can_fetch(&self) -> bool {
        !self.done && !self.paused && !self.fetching()
    }

    /// Starts a fetch that stops once `wanted` keys were found (or the budget runs out).
    pub fn start_fetch(&mut self, wanted: usize) {
        self.paused = false;
        self.empty_calls = 0;
        self.wanted = wanted.max(1);
    }

    /// Takes one SCAN reply: the next cursor and the page's keys with their types. Returns
    /// `None` when the reply is not a SCAN page.
    pub fn take_page(&mut self, reply: &Reply) -> Option<Vec<(Vec<u8>, KeyType)>> {
        let parts = reply.as_array()?;
        let cursor = parts.first()?.as_text()?;
        let items = parts.get(1)?.as_array()?;
        let page: Vec<(Vec<u8>, KeyType)> = match self.type_filter {
            Some(t) => items
                .iter()
                .filter_map(|k| Some((k.as_bytes()?.to_vec(), t)))
                .collect(),
            None => items
                .chunks(2)
                .filter_map(|pair| {
                    let key = pair.first()?.as_bytes()?.to_vec();
                    let kind = pair.get(1).and_then(Reply::as_bytes).unwrap_or_default();
                    Some((key, KeyType::from_redis(kind)))
                })
                .collect(),
        };
        self.calls += 1;
        self.done = cursor == "0";
        self.cursor = cursor;
        Some(page)
    }

    /// After a page that added `found` keys: whether the fetch calls SCAN again. Stops when
    /// it has what it wanted, at the end, or (pausing) after too many empty calls.
    pub fn go_on_after(&mut self, found: usize) -> bool {
        if found > 0 {
            self.empty_calls = 0;
        } else {
            self.empty_calls += 1;
        }
        self.wanted = self.wanted.saturating_sub(found);
        if self.done || self.wanted == 0 {
            self.wanted = 0;
            return false;
        }
        if self.empty_calls >= MAX_EMPTY_CALLS {
            self.paused = true;
            self.wanted = 0;
            return false;
        }
        true
    }

    /// Keys examined so far (about: each call examines up to [`COUNT`]).
    pub fn scanned(&self) -> u64 {
        let seen = self.calls * COUNT;
        self.dbsize.map_or(seen, |n| seen.min(n))
    }

    /// Keys left to examine (about), when the database's size is known.
    pub fn to_go(&self) -> Option<u64> {
        self.dbsize.map(|n| n.saturating_sub(self.scanned()))
    }

    /// Whether a pattern or a type filter narrows the walk.
    pub fn filtered(&self) -> bool {
        self.pattern != "*" || self.type_filter.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(cursor: &str, keys: &[&str]) -> Reply {
        let items = keys
            .iter()
            .flat_map(|k| {
                [
                    Reply::Bytes(k.as_bytes().to_vec()),
                    Reply::Bytes(b"hash".to_vec()),
                ]
            })
            .collect();
        Reply::Array(vec![
            Reply::Bytes(cursor.as_bytes().to_vec()),
            Reply::Array(items),
        ])
    }

    #[test]
    fn commands_carry_the_pattern_and_type() {
        let scan = Scan::new("session:*", None);
        assert_eq!(
            scan.command(),
            [
                "SCAN",
                "0",
                "MATCH",
                "session:*",
                "COUNT",
                "1000",
                "WITHTYPE"
            ]
        );
        let scan = Scan::new("", Some(KeyType::Json));
        assert_eq!(
            scan.command()[3..],
            ["*", "COUNT", "1000", "TYPE", "ReJSON-RL"]
        );
    }

    #[test]
    fn a_sparse_match_pauses_after_the_budget() {
        let mut scan = Scan::new("nothing:*", None);
        scan.start_fetch(10);
        for n in 1..MAX_EMPTY_CALLS {
            let keys = scan.take_page(&page(&n.to_string(), &[])).expect("page");
            assert!(keys.is_empty());
            assert!(scan.go_on_after(0), "call {n}");
        }
        scan.take_page(&page("77", &[])).expect("page");
        assert!(!scan.go_on_after(0));
        assert!(scan.paused && !scan.can_fetch());
        scan.dbsize = Some(100_000);
        assert_eq!(scan.scanned(), 20_000);
        assert_eq!(scan.to_go(), Some(80_000));
        scan.start_fetch(1);
        let keys = scan.take_page(&page("0", &["a", "b"])).expect("page");
        assert_eq!(keys[1], (b"b".to_vec(), KeyType::Hash));
        assert!(!scan.go_on_after(2));
        assert!(scan.done && !scan.paused);
    }
}
