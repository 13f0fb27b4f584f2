//! The Redis REST data plane: every sandbox database answers the Upstash Redis REST API at
//! `http://127.0.0.1:{data_port}/{database_id}` on a listener of its own.
//!
//! The front ([`routes`]) parses requests, checks tokens and commands ([`access`]) and
//! applies Upstash's limits; a [`Backend`] stores the keys: the embedded keyspace engine or a
//! real Redis server (`--redis-url`), one logical database per sandbox database.

mod access;
pub mod backend;
mod commands;
mod discovery;
mod embedded;
mod keyspace_files;
mod redis_backend;
mod redis_compat;
mod redis_seed;
pub mod reply;
pub mod request;
mod routes;
pub mod seed;
mod snapshots;

pub use access::{MAX_KEY_BYTES, TokenKind};
pub use backend::{Backend, BackendError, DbRef};
pub use discovery::{DISCOVERY_PATH, Discovery, discover, get as discovery_route};
pub use redis_compat::SCAN_COUNT_CAP;
pub use routes::{MAX_REQUEST_BYTES, router, too_large};
pub use snapshots::Snapshots;

use crate::api::backups::Restored;
use crate::state::State;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use updash_common::secret::Secret;

/// Where the sandbox's databases keep their keys.
#[derive(Debug, Clone, Default)]
pub enum DataBackend {
    /// The embedded keyspace engine, persisted next to `state.json` unless ephemeral.
    #[default]
    Embedded,
    /// A real Redis server (`redis://HOST:PORT`, a password allowed); never printed.
    Redis(Secret),
}

/// What the data plane persists inside `state.json`: which Redis logical database each
/// sandbox database uses.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DataState {
    /// Database id → Redis logical database (`SELECT` index).
    pub redis_slots: BTreeMap<String, u32>,
}

impl DataState {
    /// The slot of `id`, assigning the lowest free one below `limit`; `true` when new.
    fn slot_for(&mut self, id: &str, limit: u32) -> Result<(u32, bool), BackendError> {
        if let Some(&slot) = self.redis_slots.get(id) {
            return Ok((slot, false));
        }
        let used: std::collections::BTreeSet<u32> = self.redis_slots.values().copied().collect();
        let slot = (0..limit).find(|s| !used.contains(s)).ok_or_else(|| {
            BackendError::NoRoom(format!(
                "the Redis server has {limit} logical databases and every one is in use by a \
                 sandbox database; restart it with a larger `--databases` or delete a database"
            ))
        })?;
        self.redis_slots.insert(id.to_string(), slot);
        Ok((slot, true))
    }
}

/// The data plane's store and what it knows of it.
pub struct DataPlane {
    backend: Arc<dyn Backend>,
    slot_count: u32,
    /// Whether a new sandbox's keys are in: data requests wait for it, the rest of the
    /// sandbox (and the dashboard's first frame) does not.
    seeded: tokio::sync::watch::Sender<bool>,
    /// Backup snapshots.
    snapshots: Snapshots,
}

impl DataPlane {
    /// Opens the chosen backend; a Redis server must answer. The embedded store keeps its
    /// files in `data_dir` (none when ephemeral).
    pub async fn open(choice: &DataBackend, data_dir: Option<&Path>) -> anyhow::Result<Self> {
        let backend: Arc<dyn Backend> = match choice {
            DataBackend::Embedded => Arc::new(embedded::EmbeddedBackend::open(
                data_dir.map(keyspace_files::Files::in_data_dir),
            )?),
            DataBackend::Redis(url) => Arc::new(
                redis_backend::RedisBackend::connect(url.expose())
                    .await
                    .map_err(|e| anyhow::anyhow!(e))?,
            ),
        };
        let slot_count = if backend.uses_slots() {
            backend
                .slot_count()
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
        } else {
            0
        };
        Ok(Self {
            backend,
            slot_count,
            seeded: tokio::sync::watch::Sender::new(false),
            snapshots: Snapshots::open(data_dir),
        })
    }

    /// The backend, e.g. for the banner.
    pub fn backend(&self) -> &Arc<dyn Backend> {
        &self.backend
    }

    /// Snapshots database `id` as backup `backup_id`; its size, or `None` when the store
    /// cannot take snapshots.
    pub async fn take_snapshot(
        &self,
        shared: &crate::Shared,
        id: &str,
        backup_id: &str,
    ) -> Result<Option<u64>, BackendError> {
        let db = self.db_ref(shared, id).await?;
        self.snapshots
            .take(self.backend.as_ref(), &db, backup_id)
            .await
    }

    /// Replaces database `id`'s keys with backup `backup_id`'s snapshot.
    pub async fn restore_snapshot(
        &self,
        shared: &crate::Shared,
        id: &str,
        backup_id: &str,
    ) -> Result<Restored, BackendError> {
        let db = self.db_ref(shared, id).await?;
        self.snapshots
            .restore(self.backend.as_ref(), &db, backup_id)
            .await
    }

    /// Replaces database `id`'s keys with the demo data (what a seeded backup holds).
    pub async fn reseed_demo(
        &self,
        shared: &crate::Shared,
        id: &str,
        now_ms: u64,
    ) -> Result<Restored, BackendError> {
        let db = self.db_ref(shared, id).await?;
        self.backend.clear(&db).await?;
        self.backend.seed(&db, backend::Seed::Demo, now_ms).await?;
        Ok(Restored::Replaced)
    }

    /// The size of database `id`'s keys as a snapshot, without keeping it (`None` when the
    /// store takes none).
    pub async fn snapshot_size(
        &self,
        shared: &crate::Shared,
        id: &str,
    ) -> Result<Option<u64>, BackendError> {
        let db = self.db_ref(shared, id).await?;
        Ok(self.backend.snapshot(&db).await?.map(|b| b.len() as u64))
    }

    /// Drops a deleted backup's snapshot.
    pub fn forget_snapshot(&self, backup_id: &str) {
        self.snapshots.forget(backup_id);
    }

    /// Checks that the store can hold the databases `state` already maps.
    pub fn check_room(&self, state: &State) -> anyhow::Result<()> {
        if !self.backend.uses_slots() {
            return Ok(());
        }
        if let Some(max) = state.data.redis_slots.values().max()
            && *max >= self.slot_count
        {
            anyhow::bail!(
                "the Redis server ({}) has {} logical databases, but this sandbox's state uses \
                 logical database {max}; start redis-server with `--databases {}` or more",
                self.backend.describe(),
                self.slot_count,
                max + 1
            );
        }
        Ok(())
    }

    /// Lets the data requests in: the new sandbox's keys are seeded (or it had its own).
    pub fn mark_seeded(&self) {
        self.seeded.send_replace(true);
    }

    /// Waits until the keys of a new sandbox are seeded.
    pub async fn wait_seeded(&self) {
        let mut seeded = self.seeded.subscribe();
        let _ = seeded.wait_for(|done| *done).await;
    }

    /// The database `id` as the backend addresses it; a new Redis slot is emptied first.
    pub async fn db_ref(&self, shared: &crate::Shared, id: &str) -> Result<DbRef, BackendError> {
        if !self.backend.uses_slots() {
            return Ok(DbRef {
                id: id.to_string(),
                slot: 0,
            });
        }
        let (slot, fresh) = {
            let known = shared.state().data.redis_slots.get(id).copied();
            match known {
                Some(slot) => (slot, false),
                None => shared.state_mut().data.slot_for(id, self.slot_count)?,
            }
        };
        let db = DbRef {
            id: id.to_string(),
            slot,
        };
        if fresh {
            self.backend.clear(&db).await?;
        }
        Ok(db)
    }

    /// Drops a deleted database's keys (and its Redis slot) in the background.
    pub fn forget(&self, shared: &crate::Shared, id: &str) {
        let slot = shared.state_mut().data.redis_slots.remove(id);
        let db = DbRef {
            id: id.to_string(),
            slot: slot.unwrap_or(0),
        };
        if self.backend.uses_slots() && slot.is_none() {
            return; // never used: nothing stored
        }
        let backend = self.backend.clone();
        tokio::spawn(async move {
            if let Err(e) = backend.forget(&db).await {
                tracing::warn!(database_id = %db.id, "sandbox: cannot drop a deleted database's keys: {e}");
            }
        });
    }

    /// Starts the backend's background work (expiry sweeps, saving); stop it with `abort`.
    pub fn start_tasks(&self, shared: crate::AppState) -> tokio::task::JoinHandle<()> {
        let clock: backend::Clock = Arc::new(move || shared.now_ms());
        tokio::spawn(self.backend.clone().background(clock))
    }

    /// Saves whatever the backend has not saved yet (at shutdown).
    pub async fn flush_all(&self) {
        if let Err(e) = self.backend.flush().await {
            tracing::warn!("sandbox: cannot save the keyspaces: {e}");
        }
    }
}
