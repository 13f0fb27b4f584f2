//! The credentials store: `credentials.toml` with accounts, tokens and API keys.
//!
//! The file lives in a 0700 directory with mode 0600 from the moment it exists; every write
//! is a temp file + fsync + rename + directory fsync, and every read-modify-write holds an
//! exclusive lock on `credentials.toml.lock`, so concurrent updash processes never lose each
//! other's changes. Unknown fields are rejected (a typo in a hand-edited file must not
//! silently drop a setting), and a file that does not parse is never overwritten.

mod account;
mod credentials;
mod error;
mod repair;
mod secure_file;
mod summary;

pub use account::{Account, AccountId};
pub use credentials::{Credentials, SCHEMA_VERSION};
pub use error::StoreError;
pub use repair::Repair;
pub use summary::Summary;

use fd_lock::RwLock;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The first lines of every file updash writes.
const FILE_HEADER: &str = "# updash credentials: API keys and tokens. Keep this file private (mode 0600).\n\
                           # Written by updash; edits by hand are kept, but unknown fields are rejected.\n\n";

/// A handle on one credentials file; cheap, holds no open file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

/// A read-only snapshot of the file, with what was repaired while reading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The accounts.
    pub credentials: Credentials,
    /// Problems found and put right (modes, a dangling default); print them to the operator.
    pub repairs: Vec<Repair>,
    /// Whether the file exists (a missing file is an empty store).
    pub exists: bool,
}

impl Store {
    /// A store at `path` (normally `Paths::credentials_file()`); touches nothing on disk.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The credentials file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock file next to it.
    pub fn lock_path(&self) -> PathBuf {
        secure_file::lock_path(&self.path)
    }

    /// Reads the file without locking (writes are atomic renames, so a read sees one whole
    /// version). Repairs wide modes; creates nothing when the file is missing.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let mut repairs = Vec::new();
        if !secure_file::check_dir(&secure_file::parent_dir(&self.path), &mut repairs)? {
            return Ok(Loaded {
                credentials: Credentials::new(),
                repairs,
                exists: false,
            });
        }
        let text = secure_file::read_checked(&self.path, &mut repairs)?;
        let exists = text.is_some();
        let credentials = match text {
            Some(text) => parse(&self.path, &text, &mut repairs)?,
            None => Credentials::new(),
        };
        Ok(Loaded {
            credentials,
            repairs,
            exists,
        })
    }

    /// Locks the file, re-reads it, applies `f`, and writes the result atomically.
    ///
    /// Nothing is written when `f` fails, when the file does not parse, or when `f` changed
    /// nothing. Repairs made on the way are logged as warnings.
    pub fn update<T>(
        &self,
        f: impl FnOnce(&mut Credentials) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.try_update(f)
    }

    /// [`Store::update`] with the caller's own error type.
    pub fn try_update<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Credentials) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut repairs = Vec::new();
        secure_file::ensure_dir(&secure_file::parent_dir(&self.path), &mut repairs)?;
        let mut lock = RwLock::new(secure_file::open_lock_file(&self.path)?);
        let _guard = lock
            .write()
            .map_err(|e| StoreError::io("lock", self.lock_path(), e))?;
        secure_file::remove_stale_temp_files(&self.path);
        let old_text = secure_file::read_checked(&self.path, &mut repairs)?;
        let mut credentials = match &old_text {
            Some(text) => parse(&self.path, text, &mut repairs)?,
            None => Credentials::new(),
        };
        for repair in &repairs {
            tracing::warn!("{repair}");
        }
        let value = f(&mut credentials)?;
        let new_text = render(&credentials)?;
        if old_text.as_deref() != Some(new_text.as_str()) {
            secure_file::write_atomic(&self.path, new_text.as_bytes())?;
        }
        Ok(value)
    }

    /// A summary without secrets, for `config check` and `status`.
    pub fn summary(&self) -> Result<Summary, StoreError> {
        let loaded = self.load()?;
        Ok(Summary::new(&self.path, &loaded))
    }
}

/// Parses the file's text: version first (so a newer file gets a clear message), then the
/// full schema. A file holding only whitespace and comments is an empty store.
fn parse(path: &Path, text: &str, repairs: &mut Vec<Repair>) -> Result<Credentials, StoreError> {
    /// Reads only `version`, ignoring every other field.
    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<i64>,
    }
    let to_error = |e: toml::de::Error| StoreError::parse(path, text, e.span(), e.message());
    let probe: VersionProbe = toml::from_str(text).map_err(to_error)?;
    match probe.version {
        None if is_blank(text) => return Ok(Credentials::new()),
        Some(found) if found != i64::from(SCHEMA_VERSION) => {
            return Err(StoreError::UnsupportedVersion {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        _ => {}
    }
    let mut credentials: Credentials = toml::from_str(text).map_err(to_error)?;
    repairs.extend(credentials.normalize());
    Ok(credentials)
}

/// Whether the text has nothing but whitespace and comments.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#'))
}

/// The file's text for these credentials.
fn render(credentials: &Credentials) -> Result<String, StoreError> {
    let body = toml::to_string(credentials).map_err(|e| StoreError::Serialize {
        // toml's serializer errors name types, not values.
        reason: e.to_string(),
    })?;
    Ok(format!("{FILE_HEADER}{body}"))
}

#[cfg(test)]
mod tests;
