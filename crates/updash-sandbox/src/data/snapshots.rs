//! Backup snapshots: a database's keyspace as bytes, kept by backup id in
//! `backups/{backup_id}.ks` next to `state.json`, or in memory when the sandbox is ephemeral.

use super::backend::{BackendError, DbRef};
use super::keyspace_files::Files;
use crate::api::backups::Restored;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The folder of the snapshot files inside the data directory.
const FOLDER: &str = "backups";

/// The snapshots, by backup id: one place each, so a large backup is not held twice.
pub enum Snapshots {
    /// An ephemeral sandbox's, gone when it stops.
    Memory(Mutex<HashMap<String, Arc<Vec<u8>>>>),
    /// A sandbox with a data directory keeps them on disk (they survive a restart).
    Files(Files),
}

impl Snapshots {
    /// Snapshots saved under `data_dir` (in memory when ephemeral).
    pub fn open(data_dir: Option<&Path>) -> Self {
        match data_dir {
            Some(d) => Self::Files(Files::in_folder(d, FOLDER)),
            None => Self::Memory(Mutex::default()),
        }
    }

    fn kept(
        kept: &Mutex<HashMap<String, Arc<Vec<u8>>>>,
    ) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes a snapshot of `db` as backup `backup_id`; its size in bytes, or `None` when the
    /// store cannot take one.
    pub async fn take(
        &self,
        backend: &dyn super::Backend,
        db: &DbRef,
        backup_id: &str,
    ) -> Result<Option<u64>, BackendError> {
        let Some(bytes) = backend.snapshot(db).await? else {
            return Ok(None);
        };
        let size = bytes.len() as u64;
        match self {
            Self::Memory(kept) => {
                Self::kept(kept).insert(backup_id.to_string(), Arc::new(bytes));
            }
            Self::Files(files) => {
                let (files, id) = (files.clone(), backup_id.to_string());
                tokio::task::spawn_blocking(move || files.write(&id, &bytes))
                    .await
                    .map_err(|e| BackendError::Unavailable(format!("backup writer: {e}")))?
                    .map_err(|e| {
                        BackendError::Unavailable(format!("cannot save the backup: {e}"))
                    })?;
            }
        }
        Ok(Some(size))
    }

    /// Replaces `db`'s keyspace with backup `backup_id`'s snapshot.
    pub async fn restore(
        &self,
        backend: &dyn super::Backend,
        db: &DbRef,
        backup_id: &str,
    ) -> Result<Restored, BackendError> {
        let bytes = match self {
            Self::Memory(kept) => Self::kept(kept).get(backup_id).cloned(),
            Self::Files(files) => {
                let (files, id) = (files.clone(), backup_id.to_string());
                tokio::task::spawn_blocking(move || files.read(&id))
                    .await
                    .map_err(|e| BackendError::Unavailable(format!("backup reader: {e}")))?
                    .map_err(|e| BackendError::Unavailable(e.to_string()))?
                    .map(Arc::new)
            }
        };
        let Some(bytes) = bytes else {
            return Ok(Restored::NoSnapshot);
        };
        Ok(if backend.restore(db, &bytes).await? {
            Restored::Replaced
        } else {
            Restored::Unsupported
        })
    }

    /// Drops a deleted backup's snapshot.
    pub fn forget(&self, backup_id: &str) {
        match self {
            Self::Memory(kept) => {
                Self::kept(kept).remove(backup_id);
            }
            Self::Files(files) => files.remove(backup_id),
        }
    }
}
