//! The table both kinds of sign-in keep their attempts in between start and finish: each
//! attempt's cancel token, what only its kind keeps, and what `finish` takes out once.

use super::errors;
use crate::auth::CancelToken;
use crate::tui::services::{AttemptId, ServiceError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// One attempt between start and finish.
pub(super) struct Entry<W, X> {
    /// Cancels the attempt's wait.
    pub cancel: CancelToken,
    /// What only this kind of attempt keeps for its whole life (e.g. the paste channel).
    pub extra: X,
    /// Taken by `finish`.
    pub waiting: Option<W>,
}

/// Attempts by id; clones share them.
pub(super) struct AttemptTable<W, X> {
    inner: Arc<Mutex<HashMap<u64, Entry<W, X>>>>,
}

impl<W, X> Clone for AttemptTable<W, X> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<W, X> Default for AttemptTable<W, X> {
    fn default() -> Self {
        Self {
            inner: Arc::default(),
        }
    }
}

impl<W, X> AttemptTable<W, X> {
    /// The table, locked (a poisoned lock is still usable: entries are replaced whole).
    pub fn lock(&self) -> MutexGuard<'_, HashMap<u64, Entry<W, X>>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps a new attempt as `id`, with a fresh cancel token.
    pub fn insert(&self, id: u64, extra: X, waiting: W) {
        let entry = Entry {
            cancel: CancelToken::new(),
            extra,
            waiting: Some(waiting),
        };
        self.lock().insert(id, entry);
    }

    /// Takes what `finish` needs and the cancel token; the returned guard removes the
    /// attempt however `finish` ends (also when its task is aborted on quit).
    pub fn take_waiting(
        &self,
        attempt: AttemptId,
    ) -> Result<(W, CancelToken, Forget<W, X>), ServiceError> {
        let (waiting, cancel) = {
            let mut map = self.lock();
            let entry = map
                .get_mut(&attempt.0)
                .ok_or_else(|| errors::unavailable("This sign-in is no longer running"))?;
            let waiting = entry
                .waiting
                .take()
                .ok_or_else(|| errors::unavailable("This sign-in is already being finished"))?;
            (waiting, entry.cancel.clone())
        };
        let forget = Forget {
            table: self.clone(),
            id: attempt.0,
        };
        Ok((waiting, cancel, forget))
    }

    /// Cancels the attempt: its wait stops and `finish` ends with `Cancelled`.
    pub fn cancel(&self, attempt: AttemptId) {
        if let Some(entry) = self.lock().get(&attempt.0) {
            entry.cancel.cancel();
        }
    }
}

/// Drops an attempt from the table when `finish` ends.
pub(super) struct Forget<W, X> {
    table: AttemptTable<W, X>,
    id: u64,
}

impl<W, X> Drop for Forget<W, X> {
    fn drop(&mut self) {
        self.table.lock().remove(&self.id);
    }
}
