//! File system work for the credentials file: owner and permission checks, repairs,
//! the lock file, and atomic writes (temp file 0600 + fsync + rename + directory fsync).

use super::error::StoreError;
use super::repair::Repair;
use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The file's mode.
pub(super) const FILE_MODE: u32 = 0o600;
/// The directory's mode.
pub(super) const DIR_MODE: u32 = 0o700;
/// Permission bits (no file type, no setuid/setgid/sticky).
const PERMISSION_BITS: u32 = 0o777;
/// The largest credentials file read: far above any real one, small enough that a wrong file
/// (a log, a disk image) is refused instead of read into memory.
pub(super) const MAX_CREDENTIALS_LEN: u64 = 8 * 1024 * 1024;

/// Which file a check is about, so a repair names it rightly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// `credentials.toml` and its directory.
    Credentials,
    /// A key file (`key`, `key.wrapped`) and its directory.
    Key,
}

/// This process's effective uid.
pub(super) fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The directory holding `path`.
pub(super) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The last path component as text (for temp and lock file names).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "credentials.toml".to_owned())
}

/// Checks an existing directory: owned by us, not wider than 0700 (repaired when it is).
///
/// Returns whether the directory exists.
pub(super) fn check_dir(
    dir: &Path,
    role: Role,
    repairs: &mut Vec<Repair>,
) -> Result<bool, StoreError> {
    // Follows a link: a config directory linked into a dotfiles checkout is common and fine.
    let meta = match fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::io("inspect the directory", dir, e)),
    };
    if !meta.is_dir() {
        return Err(StoreError::NotRegularFile {
            path: dir.to_path_buf(),
        });
    }
    check_owner(dir, meta.uid())?;
    let found = meta.mode() & PERMISSION_BITS;
    if found & !DIR_MODE != 0 {
        fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
            .map_err(|e| StoreError::io("restrict the permissions of", dir, e))?;
        let path = dir.to_path_buf();
        repairs.push(match role {
            Role::Credentials => Repair::DirMode { path, found },
            Role::Key => Repair::KeyDirMode { path, found },
        });
    }
    Ok(true)
}

/// Creates the directory (mode 0700 from the start) when missing, then checks it.
pub(super) fn ensure_dir(
    dir: &Path,
    role: Role,
    repairs: &mut Vec<Repair>,
) -> Result<(), StoreError> {
    if check_dir(dir, role, repairs)? {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| StoreError::io("create the directory", parent, e))?;
    }
    match DirBuilder::new().mode(DIR_MODE).create(dir) {
        Ok(()) => {}
        // Another process created it first: fine, it is checked below.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
        Err(e) => return Err(StoreError::io("create the directory", dir, e)),
    }
    check_dir(dir, role, repairs).map(|_| ())
}

/// Reads the file when it exists, refusing links, non-files, files of other users and files
/// longer than `max_len`, and repairing a mode wider than 0600.
pub(super) fn read_checked(
    path: &Path,
    role: Role,
    max_len: u64,
    repairs: &mut Vec<Repair>,
) -> Result<Option<String>, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(StoreError::Symlink {
                path: path.to_path_buf(),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("inspect", path, e)),
    }
    // O_NOFOLLOW closes the gap between the check above and the open.
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error(path, "open", e)),
    };
    // Checks on the open descriptor, so they are about the file actually read.
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("inspect", path, e))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegularFile {
            path: path.to_path_buf(),
        });
    }
    check_owner(path, meta.uid())?;
    let found = meta.mode() & PERMISSION_BITS;
    if found & !FILE_MODE != 0 {
        file.set_permissions(Permissions::from_mode(FILE_MODE))
            .map_err(|e| StoreError::io("restrict the permissions of", path, e))?;
        let path = path.to_path_buf();
        repairs.push(match role {
            Role::Credentials => Repair::FileMode { path, found },
            Role::Key => Repair::KeyFileMode { path, found },
        });
    }
    if meta.len() > max_len {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
            max: max_len,
        });
    }
    // Sized up front: a growing buffer would leave copies of the text (keys) behind.
    let mut text = String::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    // `take` bounds the read even if the file grows after the check above.
    file.take(max_len + 1)
        .read_to_string(&mut text)
        .map_err(|e| StoreError::io("read", path, e))?;
    if text.len() as u64 > max_len {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            len: text.len() as u64,
            max: max_len,
        });
    }
    Ok(Some(text))
}

/// Opens (creating with mode 0600) the lock file next to `path` and takes its exclusive lock,
/// waiting for another holder; the lock goes when the returned file is dropped.
pub(super) fn lock_exclusive(path: &Path) -> Result<File, StoreError> {
    let file = open_lock_file(path)?;
    file.lock()
        .map_err(|e| StoreError::io("lock", lock_path(path), e))?;
    Ok(file)
}

/// Opens (creating with mode 0600) the lock file next to `path`.
fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    let lock_path = lock_path(path);
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&lock_path)
        .map_err(|e| open_error(&lock_path, "open the lock file", e))
}

/// `credentials.toml.lock` next to `credentials.toml`.
pub(super) fn lock_path(path: &Path) -> PathBuf {
    parent_dir(path).join(format!("{}.lock", file_name(path)))
}

/// Replaces the file atomically: a 0600 temp file in the same directory, fsync, rename,
/// then fsync of the directory so the rename itself survives a crash.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    let (prefix, suffix) = temp_affixes(path);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .permissions(Permissions::from_mode(FILE_MODE))
        .tempfile_in(&dir)
        .map_err(|e| StoreError::io("create a temporary file in", &dir, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| StoreError::io("write", temp.path().to_path_buf(), e))?;
    // On failure the temp file is dropped, which removes it.
    temp.persist(path)
        .map_err(|e| StoreError::io("replace", path, e.error))?;
    File::open(&dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("sync the directory", &dir, e))
}

/// Removes a file and syncs its directory, so the removal survives a crash; a missing file
/// is fine.
pub(super) fn remove_durably(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io("remove", path, e)),
    }
    let dir = parent_dir(path);
    File::open(&dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("sync the directory", &dir, e))
}

/// Removes temp files left by a writer that was killed mid-write (call under the lock).
pub(super) fn remove_stale_temp_files(path: &Path) {
    let dir = parent_dir(path);
    let (prefix, suffix) = temp_affixes(path);
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(suffix) {
            // Best effort: a leftover temp file is harmless, only untidy.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The permission bits of an existing path (no link following), for summaries.
pub(super) fn mode_of(path: &Path) -> Option<u32> {
    fs::symlink_metadata(path)
        .ok()
        .map(|m| m.mode() & PERMISSION_BITS)
}

fn temp_affixes(path: &Path) -> (String, &'static str) {
    (format!(".{}.", file_name(path)), ".tmp")
}

fn check_owner(path: &Path, owner: u32) -> Result<(), StoreError> {
    let you = effective_uid();
    if owner == you {
        Ok(())
    } else {
        Err(StoreError::WrongOwner {
            path: path.to_path_buf(),
            owner,
            you,
        })
    }
}

fn open_error(path: &Path, action: &'static str, e: std::io::Error) -> StoreError {
    if e.raw_os_error() == Some(libc::ELOOP) {
        StoreError::Symlink {
            path: path.to_path_buf(),
        }
    } else {
        StoreError::io(action, path, e)
    }
}
