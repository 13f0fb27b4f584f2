//! The embedded keyspaces on disk: `keyspaces/{database_id}.ks` next to `state.json`, one
//! file per database, written atomically and read back with a size limit.

use std::fs;
use std::path::{Path, PathBuf};
use updash_common::bounded_file::read_limited;
use updash_keyspace::Keyspace;

/// The folder inside the data directory.
const FOLDER: &str = "keyspaces";
/// The file extension.
const EXTENSION: &str = "ks";
/// The largest keyspace file read back (a million small keys take about 40 MB).
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Where the keyspaces live.
#[derive(Debug, Clone)]
pub struct Files {
    dir: PathBuf,
}

/// Whether `id` is safe as a file name (database ids are UUIDs).
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Files {
    /// The keyspace folder of the sandbox data directory `data_dir`.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self::in_folder(data_dir, FOLDER)
    }

    /// The folder `folder` of the sandbox data directory (backups keep theirs apart).
    pub fn in_folder(data_dir: &Path, folder: &str) -> Self {
        Self {
            dir: data_dir.join(folder),
        }
    }

    /// One saved file's bytes; `None` when there is none.
    pub fn read(&self, id: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(id) else {
            return Ok(None);
        };
        read_limited(&path, MAX_FILE_BYTES)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))
    }

    fn path(&self, id: &str) -> Option<PathBuf> {
        valid_id(id).then(|| self.dir.join(format!("{id}.{EXTENSION}")))
    }

    /// Every saved keyspace, by database id.
    pub fn load_all(&self) -> anyhow::Result<Vec<(String, Keyspace)>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => anyhow::bail!("cannot list {}: {e}", self.dir.display()),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".ks"))
                .filter(|id| valid_id(id))
            else {
                continue; // temp files and strangers
            };
            let bytes = read_limited(&path, MAX_FILE_BYTES)
                .map_err(|e| anyhow::anyhow!("cannot read a saved keyspace: {e}"))?
                .unwrap_or_default();
            let keys = Keyspace::load(bytes.as_slice()).map_err(|e| {
                anyhow::anyhow!(
                    "the saved keyspace {} is damaged ({e:?}); move it away to start it empty",
                    path.display()
                )
            })?;
            out.push((id.to_string(), keys));
        }
        Ok(out)
    }

    /// The bytes `write` stores for `keys`.
    pub fn encode(&self, keys: &Keyspace) -> Vec<u8> {
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let _ = keys.save(&mut bytes);
        bytes
    }

    /// Stores one database's bytes atomically.
    pub fn write(&self, id: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self
            .path(id)
            .ok_or_else(|| anyhow::anyhow!("not a database id: {id:?}"))?;
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)?;
        crate::persist::write_atomic(&self.dir, &path, bytes)
    }

    /// Deletes a database's file, if any.
    pub fn remove(&self, id: &str) {
        if let Some(path) = self.path(id)
            && let Err(e) = fs::remove_file(&path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!("sandbox: cannot remove {}: {e}", path.display());
        }
    }
}
