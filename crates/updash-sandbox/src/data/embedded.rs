//! The embedded backend: one `updash_keyspace::Keyspace` per sandbox database, each saved
//! to its own file next to `state.json` (debounced, atomically, off the request path) and
//! swept for expired keys in small steps.

use super::backend::{Backend, BackendError, BoxFuture, Clock, DbRef, Seed};
use super::keyspace_files::Files;
use super::reply::Reply;
use super::request::Command;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use updash_keyspace::Keyspace;

/// How often expired keys are swept (each sweep removes at most the engine's budget).
const SWEEP_EVERY: Duration = Duration::from_millis(100);
/// The shortest wait between a change and its save.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(500);

/// One database: its keys and a change counter for the saver.
struct Db {
    keys: Mutex<Keyspace>,
    changes: AtomicU64,
    saved: AtomicU64,
}

impl Db {
    fn new(keys: Keyspace) -> Arc<Self> {
        Arc::new(Self {
            keys: Mutex::new(keys),
            changes: AtomicU64::new(0),
            saved: AtomicU64::new(0),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Keyspace> {
        self.keys.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn changed(&self) {
        self.changes.fetch_add(1, Ordering::Relaxed);
    }
}

/// The embedded store.
pub struct EmbeddedBackend {
    dbs: Mutex<HashMap<String, Arc<Db>>>,
    files: Option<Files>,
}

impl EmbeddedBackend {
    /// Opens the store, loading every saved keyspace from `files` (none when ephemeral).
    pub fn open(files: Option<Files>) -> anyhow::Result<Self> {
        let mut dbs = HashMap::new();
        if let Some(files) = &files {
            for (id, keys) in files.load_all()? {
                dbs.insert(id, Db::new(keys));
            }
        }
        Ok(Self {
            dbs: Mutex::new(dbs),
            files,
        })
    }

    /// The database `id`, empty when new.
    fn db(&self, id: &str) -> Arc<Db> {
        let mut dbs = self.dbs.lock().unwrap_or_else(|p| p.into_inner());
        dbs.entry(id.to_string())
            .or_insert_with(|| Db::new(Keyspace::new()))
            .clone()
    }

    fn all(&self) -> Vec<(String, Arc<Db>)> {
        let dbs = self.dbs.lock().unwrap_or_else(|p| p.into_inner());
        dbs.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// Runs `cmds` under the database's lock on a blocking thread, so a long command
    /// (FLUSHDB of a million keys) never stalls the server's other connections.
    async fn run(&self, id: &str, cmds: Vec<Command>, now_ms: u64) -> Vec<Reply> {
        let db = self.db(id);
        let count = cmds.len();
        let ran = tokio::task::spawn_blocking(move || {
            let mut keys = db.lock();
            let mut wrote = false;
            let replies: Vec<Reply> = cmds
                .iter()
                .map(|cmd| {
                    wrote |= is_write(cmd);
                    reply(keys.execute(cmd, now_ms))
                })
                .collect();
            drop(keys);
            if wrote {
                db.changed();
            }
            replies
        })
        .await;
        ran.unwrap_or_else(|_| vec![Reply::err("ERR sandbox: the command failed"); count])
    }

    /// Saves every database changed since its last save.
    async fn save_changed(&self) -> Result<(), BackendError> {
        let Some(files) = &self.files else {
            return Ok(());
        };
        for (id, db) in self.all() {
            let changes = db.changes.load(Ordering::Relaxed);
            if changes == db.saved.load(Ordering::Relaxed) {
                continue;
            }
            let (files, db2) = (files.clone(), db.clone());
            let saved = tokio::task::spawn_blocking(move || {
                // Serialized under the lock (the only pause a request may see), written
                // outside it.
                let bytes = files.encode(&db2.lock());
                files.write(&id, &bytes)
            })
            .await
            .map_err(|e| BackendError::Unavailable(format!("keyspace writer: {e}")))?;
            match saved {
                Ok(()) => db.saved.store(changes, Ordering::Relaxed),
                Err(e) => tracing::warn!("sandbox: cannot save a keyspace: {e}"),
            }
        }
        Ok(())
    }
}

/// Whether a command may change data (unknown ones never reach the backend).
fn is_write(cmd: &Command) -> bool {
    cmd.first()
        .and_then(|n| std::str::from_utf8(n).ok())
        .and_then(updash_keyspace::command_info)
        .is_some_and(|info| info.is_write())
}

/// The engine's reply as the front's.
fn reply(r: updash_keyspace::Reply) -> Reply {
    use updash_keyspace::Reply as R;
    match r {
        R::Status(s) => Reply::Status(s),
        R::Error(e) => Reply::Error(e),
        R::Int(n) => Reply::Int(n),
        R::Bulk(b) => Reply::Bulk(b),
        R::Nil | R::NilArray => Reply::Nil,
        R::Array(items) => Reply::Array(items.into_iter().map(reply).collect()),
    }
}

impl Backend for EmbeddedBackend {
    fn describe(&self) -> String {
        "embedded".into()
    }

    fn uses_slots(&self) -> bool {
        false
    }

    fn slot_count(&self) -> BoxFuture<'_, Result<u32, BackendError>> {
        Box::pin(std::future::ready(Ok(0)))
    }

    fn batch<'a>(
        &'a self,
        db: &'a DbRef,
        cmds: Vec<Command>,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<Vec<Reply>, BackendError>> {
        Box::pin(async move { Ok(self.run(&db.id, cmds, now_ms).await) })
    }

    fn atomic<'a>(
        &'a self,
        db: &'a DbRef,
        cmds: Vec<Command>,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<Vec<Reply>, BackendError>> {
        // One lock hold for the whole batch: nothing runs in between.
        self.batch(db, cmds, now_ms)
    }

    fn clear<'a>(&'a self, db: &'a DbRef) -> BoxFuture<'a, Result<(), BackendError>> {
        let d = self.db(&db.id);
        *d.lock() = Keyspace::new();
        d.changed();
        Box::pin(std::future::ready(Ok(())))
    }

    fn forget<'a>(&'a self, db: &'a DbRef) -> BoxFuture<'a, Result<(), BackendError>> {
        self.dbs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&db.id);
        if let Some(files) = &self.files {
            files.remove(&db.id);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn seed<'a>(
        &'a self,
        db: &'a DbRef,
        seed: Seed,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<(), BackendError>> {
        let d = self.db(&db.id);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                let mut keys = d.lock();
                match seed {
                    Seed::Demo => keys.seed_demo(now_ms),
                    Seed::Bulk(n) => keys.seed_bulk(n, now_ms),
                };
                drop(keys);
                d.changed();
            })
            .await
            .map_err(|e| BackendError::Unavailable(format!("seeding: {e}")))
        })
    }

    fn snapshot<'a>(
        &'a self,
        db: &'a DbRef,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, BackendError>> {
        let d = self.db(&db.id);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                let mut bytes = Vec::new();
                // Writing into memory cannot fail.
                let _ = d.lock().save(&mut bytes);
                Some(bytes)
            })
            .await
            .map_err(|e| BackendError::Unavailable(format!("snapshot: {e}")))
        })
    }

    fn restore<'a>(
        &'a self,
        db: &'a DbRef,
        snapshot: &'a [u8],
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        let d = self.db(&db.id);
        let bytes = snapshot.to_vec();
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                let keys = Keyspace::load(bytes.as_slice()).map_err(|e| {
                    BackendError::Unavailable(format!("the backup is damaged ({e:?})"))
                })?;
                *d.lock() = keys;
                d.changed();
                Ok(true)
            })
            .await
            .map_err(|e| BackendError::Unavailable(format!("restore: {e}")))?
        })
    }

    fn background(self: Arc<Self>, clock: Clock) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let mut sweep = tokio::time::interval(SWEEP_EVERY);
            let mut save = tokio::time::interval(SAVE_DEBOUNCE);
            loop {
                tokio::select! {
                    _ = sweep.tick() => {
                        let now = clock();
                        for (_, db) in self.all() {
                            if db.lock().sweep(now) > 0 {
                                db.changed();
                            }
                        }
                    }
                    _ = save.tick() => {
                        if let Err(e) = self.save_changed().await {
                            tracing::warn!("sandbox: {e}");
                        }
                    }
                }
            }
        })
    }

    fn flush(&self) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(self.save_changed())
    }
}
