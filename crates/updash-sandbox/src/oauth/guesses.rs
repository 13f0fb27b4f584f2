//! A brake on guessing device user codes at `/activate`: after too many wrong codes in a
//! minute from one browser session or one IP address, further tries are refused for a while.
//!
//! A user code has 20^8 values, but a device code lives ten minutes and nothing else stops
//! a script from typing codes as fast as the sandbox answers.

use std::collections::{BTreeMap, VecDeque};

/// Wrong codes allowed per window from one session or one address.
pub const MAX_WRONG_CODES: usize = 10;
/// The window wrong codes are counted over, in seconds (sandbox clock).
pub const WINDOW_SECS: i64 = 60;
/// Most sources tracked at once; the stalest is forgotten past this, so memory stays bounded.
const MAX_SOURCES: usize = 4096;

/// Recent wrong codes by source (`ip:…` or `session:…`). Kept in memory only.
#[derive(Debug, Clone, Default)]
pub struct WrongCodes {
    by_source: BTreeMap<String, VecDeque<i64>>,
}

impl WrongCodes {
    /// Seconds until any of `sources` may try again, or `None` when none is locked out.
    pub fn locked_for(&mut self, sources: &[String], now: i64) -> Option<i64> {
        self.forget_old(now);
        sources
            .iter()
            .filter_map(|s| self.by_source.get(s))
            .filter(|times| times.len() >= MAX_WRONG_CODES)
            .filter_map(|times| times.front())
            .map(|oldest| (oldest + WINDOW_SECS - now).max(1))
            .max()
    }

    /// Counts one wrong code against each of `sources`.
    pub fn record(&mut self, sources: &[String], now: i64) {
        self.forget_old(now);
        for source in sources {
            if !self.by_source.contains_key(source) && self.by_source.len() >= MAX_SOURCES {
                let stalest = self
                    .by_source
                    .iter()
                    .min_by_key(|(_, t)| t.back().copied().unwrap_or(i64::MIN))
                    .map(|(k, _)| k.clone());
                if let Some(k) = stalest {
                    self.by_source.remove(&k);
                }
            }
            let times = self.by_source.entry(source.clone()).or_default();
            times.push_back(now);
            // Only the last MAX_WRONG_CODES matter for the decision.
            while times.len() > MAX_WRONG_CODES {
                times.pop_front();
            }
        }
    }

    fn forget_old(&mut self, now: i64) {
        self.by_source.retain(|_, times| {
            while times.front().is_some_and(|t| now - t >= WINDOW_SECS) {
                times.pop_front();
            }
            !times.is_empty()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn locks_after_ten_wrong_codes_in_a_minute_then_lifts() {
        let mut w = WrongCodes::default();
        let me = sources(&["ip:127.0.0.1", "session:a"]);
        for i in 0..MAX_WRONG_CODES as i64 {
            assert_eq!(w.locked_for(&me, 100 + i), None, "try {i}");
            w.record(&me, 100 + i);
        }
        assert_eq!(w.locked_for(&me, 110), Some(50));
        // Another session from the same address is locked too; another address is not.
        assert!(w.locked_for(&sources(&["ip:127.0.0.1"]), 110).is_some());
        assert_eq!(
            w.locked_for(&sources(&["ip:10.0.0.2", "session:b"]), 110),
            None
        );
        // The oldest wrong code ages out after the window.
        assert_eq!(w.locked_for(&me, 160), None);
    }

    #[test]
    fn slow_guessing_is_not_locked() {
        let mut w = WrongCodes::default();
        let me = sources(&["ip:127.0.0.1"]);
        for i in 0..30 {
            assert_eq!(w.locked_for(&me, i * 7), None);
            w.record(&me, i * 7);
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let mut w = WrongCodes::default();
        for i in 0..MAX_SOURCES + 10 {
            w.record(&[format!("session:{i}")], 1);
        }
        assert!(w.by_source.len() <= MAX_SOURCES);
    }
}
