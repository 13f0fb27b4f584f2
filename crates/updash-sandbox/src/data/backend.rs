//! What stores a sandbox database's keys: the embedded keyspace or a real Redis server.
//!
//! The REST front parses, authorizes and checks every command before a backend sees it, so a
//! backend only runs commands and reports Redis's replies.

use super::reply::Reply;
use super::request::Command;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The sandbox clock in Unix milliseconds.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// A boxed future a backend returns (the trait stays object-safe).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The database a command runs in: its sandbox id and, for Redis, its logical database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbRef {
    /// The sandbox database id.
    pub id: String,
    /// The Redis logical database (`SELECT` index) it maps to; 0 for the embedded backend.
    pub slot: u32,
}

/// Why a backend could not run a command at all (as opposed to a Redis error reply).
#[derive(Debug, Clone, thiserror::Error)]
pub enum BackendError {
    /// The store cannot be reached or refused the connection; the text names no secret.
    #[error("ERR sandbox: the Redis server is unavailable ({0})")]
    Unavailable(String),
    /// The store has no room for another database.
    #[error("ERR sandbox: {0}")]
    NoRoom(String),
}

/// Demo data for a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// A few keys of every type, so the data browser is worth opening.
    Demo,
    /// This many small string keys, for scale tests.
    Bulk(usize),
}

/// A store for the sandbox's databases.
pub trait Backend: Send + Sync {
    /// A short name for the banner and logs (`embedded`, `redis 127.0.0.1:6379`).
    fn describe(&self) -> String;

    /// Whether databases need a logical database (`slot`) assigned before use.
    fn uses_slots(&self) -> bool;

    /// How many slots the store has (`CONFIG GET databases`), when it uses slots.
    fn slot_count(&self) -> BoxFuture<'_, Result<u32, BackendError>>;

    /// Runs one command.
    fn execute<'a>(
        &'a self,
        db: &'a DbRef,
        cmd: Command,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<Reply, BackendError>> {
        Box::pin(async move {
            let mut replies = self.batch(db, vec![cmd], now_ms).await?;
            Ok(replies.pop().unwrap_or(Reply::Nil))
        })
    }

    /// Runs commands in order, not atomically (a pipeline): one reply each.
    fn batch<'a>(
        &'a self,
        db: &'a DbRef,
        cmds: Vec<Command>,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<Vec<Reply>, BackendError>>;

    /// Runs commands as one transaction (MULTI/EXEC): nothing else runs in between. A
    /// command that fails at run time does not stop the others.
    fn atomic<'a>(
        &'a self,
        db: &'a DbRef,
        cmds: Vec<Command>,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<Vec<Reply>, BackendError>>;

    /// Empties a database: a new one starts empty, a deleted one leaves nothing behind.
    fn clear<'a>(&'a self, db: &'a DbRef) -> BoxFuture<'a, Result<(), BackendError>>;

    /// Forgets a deleted database (drops its keys and, for the embedded store, its file).
    fn forget<'a>(&'a self, db: &'a DbRef) -> BoxFuture<'a, Result<(), BackendError>> {
        self.clear(db)
    }

    /// Fills a new database with demo or bulk data.
    fn seed<'a>(
        &'a self,
        db: &'a DbRef,
        seed: Seed,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<(), BackendError>>;

    /// Background work until aborted: expiry sweeps, debounced saving. None by default.
    fn background(self: Arc<Self>, clock: Clock) -> BoxFuture<'static, ()> {
        let _ = clock;
        Box::pin(std::future::ready(()))
    }

    /// The database's whole keyspace as bytes (a backup's snapshot); `None` when this store
    /// cannot take one (a real Redis server: its backups keep only their records).
    fn snapshot<'a>(
        &'a self,
        db: &'a DbRef,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, BackendError>> {
        let _ = db;
        Box::pin(std::future::ready(Ok(None)))
    }

    /// Replaces the database's keyspace with a [`Backend::snapshot`]; `false` when this
    /// store cannot restore one.
    fn restore<'a>(
        &'a self,
        db: &'a DbRef,
        snapshot: &'a [u8],
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        let _ = (db, snapshot);
        Box::pin(std::future::ready(Ok(false)))
    }

    /// Saves unsaved changes now (at shutdown). Nothing by default.
    fn flush(&self) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(std::future::ready(Ok(())))
    }
}
