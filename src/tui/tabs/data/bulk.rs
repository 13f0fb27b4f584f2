//! Deleting every key of a pattern: count the matches first (SCAN to the end), make the
//! operator type the pattern, then walk the keyspace again and `UNLINK` each page's matches
//! in one command, showing progress; esc stops after the request in flight.

use super::scan::Scan;
use crate::tui::text_input::TextInput;

/// Where a bulk delete is.
#[derive(Debug, Clone)]
pub enum Phase {
    /// Counting the matches.
    Counting,
    /// Waiting for the pattern to be typed.
    Confirm(TextInput),
    /// Deleting page by page.
    Deleting,
    /// Finished: every match deleted.
    Done,
    /// Stopped by the operator.
    Stopped,
    /// A request failed (in words).
    Failed(String),
}

/// A bulk delete of the keys matching a pattern (and the type filter).
#[derive(Debug, Clone)]
pub struct Bulk {
    /// This run (answers to an earlier one are dropped).
    pub run: u64,
    /// The walk through the keyspace of the current phase.
    pub walk: Scan,
    /// Where it is.
    pub phase: Phase,
    /// Matches counted.
    pub matched: u64,
    /// Keys deleted.
    pub deleted: u64,
}

impl Bulk {
    /// A bulk delete of what `scan` matches (pattern and type), starting to count.
    pub fn new(run: u64, scan: &Scan) -> Self {
        let mut walk = Scan::new(&scan.pattern, scan.type_filter);
        walk.dbsize = scan.dbsize;
        Self {
            run,
            walk,
            phase: Phase::Counting,
            matched: 0,
            deleted: 0,
        }
    }

    /// Starts the second walk, the one that deletes.
    pub fn start_deleting(&mut self) {
        let dbsize = self.walk.dbsize;
        self.walk = Scan::new(&self.walk.pattern, self.walk.type_filter);
        self.walk.dbsize = dbsize;
        self.phase = Phase::Deleting;
    }

    /// Whether the typed text is the pattern.
    pub fn confirmed(&self) -> bool {
        matches!(&self.phase, Phase::Confirm(input) if input.value() == self.walk.pattern)
    }

    /// Whether a request of this run is still wanted.
    pub fn running(&self) -> bool {
        matches!(self.phase, Phase::Counting | Phase::Deleting)
    }

    /// What is deleted, in words: "keys matching session:*" or "hash keys matching …".
    pub fn what(&self) -> String {
        let pattern = crate::output::sanitize(&self.walk.pattern).into_owned();
        match self.walk.type_filter {
            Some(t) => format!("{} keys matching {pattern}", t.label()),
            None => format!("keys matching {pattern}"),
        }
    }
}
