//! Backup snapshots: a database's keyspace as bytes, kept by backup id in memory and, unless
//! the sandbox is ephemeral, in `backups/{backup_id}.ks` next to `state.json`.

use super::backend::{BackendError, DbRef};
use super::keyspace_files::Files;
use crate::api::backups::Restored;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The folder of the snapshot files inside the data directory.
const FOLDER: &str = "backups";

/// The snapshots, by backup id.
#[derive(Default)]
pub struct Snapshots {
    kept: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    files: Option<Files>,
}

impl Snapshots {
    /// Snapshots saved under `data_dir` (none when ephemeral: memory only).
    pub fn open(data_dir: Option<&Path>) -> Self {
        Self {
            kept: Mutex::default(),
            files: data_dir.map(|d| Files::in_folder(d, FOLDER)),
        }
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
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
        if let Some(files) = &self.files {
            let (files, id, data) = (files.clone(), backup_id.to_string(), bytes.clone());
            tokio::task::spawn_blocking(move || files.write(&id, &data))
                .await
                .map_err(|e| BackendError::Unavailable(format!("backup writer: {e}")))?
                .map_err(|e| BackendError::Unavailable(format!("cannot save the backup: {e}")))?;
        }
        self.kept().insert(backup_id.to_string(), Arc::new(bytes));
        Ok(Some(size))
    }

    /// Replaces `db`'s keyspace with backup `backup_id`'s snapshot.
    pub async fn restore(
        &self,
        backend: &dyn super::Backend,
        db: &DbRef,
        backup_id: &str,
    ) -> Result<Restored, BackendError> {
        let kept = self.kept().get(backup_id).cloned();
        let bytes = match (kept, &self.files) {
            (Some(b), _) => b,
            (None, Some(files)) => match files.read(backup_id) {
                Ok(Some(b)) => Arc::new(b),
                Ok(None) => return Ok(Restored::NoSnapshot),
                Err(e) => return Err(BackendError::Unavailable(e.to_string())),
            },
            (None, None) => return Ok(Restored::NoSnapshot),
        };
        Ok(if backend.restore(db, &bytes).await? {
            Restored::Replaced
        } else {
            Restored::Unsupported
        })
    }

    /// Drops a deleted backup's snapshot.
    pub fn forget(&self, backup_id: &str) {
        self.kept().remove(backup_id);
        if let Some(files) = &self.files {
            files.remove(backup_id);
        }
    }
}
