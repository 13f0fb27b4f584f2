//! Request ids: every service call a tab starts is tagged with one, its answer carries it
//! back, and only the answer to the latest request of a kind is taken (stale ones drop).

use super::tab::Tab;

/// Tags a request: the tab that asked (its answer goes there) and a number that only grows,
/// so an old answer never matches a new request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId {
    /// The tab that asked.
    pub tab: Tab,
    /// The request's number, unique in a run.
    pub n: u64,
}

/// The latest request of one kind; answers to any other request are stale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending(Option<RequestId>);

impl Pending {
    /// Marks `request` as the one whose answer is awaited.
    pub fn start(&mut self, request: RequestId) {
        self.0 = Some(request);
    }

    /// Whether an answer is awaited.
    pub fn is_loading(&self) -> bool {
        self.0.is_some()
    }

    /// Accepts the answer to `request` if it is the awaited one (and stops waiting).
    pub fn finish(&mut self, request: RequestId) -> bool {
        if self.0 == Some(request) {
            self.0 = None;
            true
        } else {
            false
        }
    }
}
