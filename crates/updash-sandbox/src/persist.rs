//! Saving and loading the sandbox's state: one JSON file, written atomically, debounced.

use super::AppState;
use super::state::State;
use std::fs;
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

const FILE: &str = "state.json";
const LOCK_FILE: &str = "state.lock";
const DEBOUNCE: Duration = Duration::from_millis(100);
/// The largest state file read back: 10,000 seeded databases take about 30 MB.
const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

fn file(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Holds the data directory for one sandbox at a time; released when dropped.
pub struct DirLock {
    _file: fs::File,
}

/// Takes the data directory's lock without waiting: two sandboxes writing one state file
/// would lose each other's changes.
pub fn lock(dir: &Path) -> anyhow::Result<DirLock> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let path = dir.join(LOCK_FILE);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(DirLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => anyhow::bail!(
            "another sandbox is using {}; point UPDASH_SANDBOX_URL at it to share it, \
             or run this one with --ephemeral",
            dir.display()
        ),
        Err(fs::TryLockError::Error(e)) => {
            anyhow::bail!("cannot lock {}: {e}", path.display())
        }
    }
}

/// Loads the saved state, or `None` when there is none yet.
pub fn load(dir: &Path) -> anyhow::Result<Option<State>> {
    let path = file(dir);
    let bytes = match updash_common::bounded_file::read_limited(&path, MAX_STATE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(e) => anyhow::bail!("cannot read the sandbox state: {e}"),
    };
    let state: State = serde_json::from_slice(&bytes).map_err(|e| {
        anyhow::anyhow!(
            "sandbox state {} is damaged ({e}); move it away to start afresh",
            path.display()
        )
    })?;
    Ok(Some(state))
}

/// Writes the state: temp file, fsync, rename, directory fsync.
pub fn save(dir: &Path, state: &State) -> anyhow::Result<()> {
    write_bytes(dir, &serde_json::to_vec(state)?)
}

/// Saves shortly after every change until the task is aborted.
pub async fn flush_loop(shared: AppState, dir: PathBuf) {
    loop {
        shared.dirty.notified().await;
        tokio::time::sleep(DEBOUNCE).await;
        // Serialize under the lock, write outside it.
        let snapshot = match serde_json::to_vec(&*shared.state()) {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!("sandbox: cannot serialize state: {e}");
                continue;
            }
        };
        let dir2 = dir.clone();
        let result = tokio::task::spawn_blocking(move || write_bytes(&dir2, &snapshot)).await;
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!("sandbox: cannot save state: {e}"),
            Err(e) => tracing::warn!("sandbox: state writer failed: {e}"),
        }
    }
}

fn write_bytes(dir: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(dir, &file(dir), bytes)
}

/// Writes `bytes` to `path` inside `dir`: temp file, fsync, rename, directory fsync.
pub fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    fs::File::open(dir)?.sync_all()?;
    Ok(())
}
