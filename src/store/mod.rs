//! The credentials store: `credentials.toml` with accounts, tokens and API keys.
//!
//! The file lives in a 0700 directory with mode 0600 from the moment it exists; every write
//! is a temp file + fsync + rename + directory fsync, and every read-modify-write holds an
//! exclusive lock on `credentials.toml.lock`, so concurrent updash processes never lose each
//! other's changes. Unknown fields are rejected (a typo in a hand-edited file must not
//! silently drop a setting), and a file that does not parse is never overwritten.
//!
//! Secret fields are sealed at rest (see [`seal`]) under a random data key that the chosen
//! protection keeps apart from the file ([`ProtectionKind`]); everything else stays readable,
//! so [`Store::inspect`] and [`Store::summary`] need no key. A plain-text file is sealed on
//! its next write.

mod account;
mod codec;
mod credentials;
mod error;
mod fields;
mod key_error;
mod key_status;
mod keys;
mod protection;
mod repair;
mod reseal;
pub mod seal;
mod secure_file;
mod summary;

pub use account::{Account, AccountId, check_label};
pub use codec::PresentSecrets;
pub use credentials::{Credentials, PLAIN_SCHEMA_VERSION, SCHEMA_VERSION};
pub use error::StoreError;
pub use fields::SecretField;
pub use key_error::{KeyError, UnsealProblem};
pub use key_status::{KeyAvailability, ProtectionStatus};
pub use protection::keyring::TIMEOUT as KEYRING_TIMEOUT;
pub use protection::passphrase::MIN_PASSPHRASE_CHARS;
pub use protection::{KeyRef, ProtectionKind, SealHeader};
pub use repair::Repair;
pub use reseal::Protected;
pub use summary::Summary;

use codec::Decoded;
use keys::Keys;
use seal::{DataKey, Sealer};
use secure_file::Role;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Parses credentials.toml text as loading the file does (schema, version, normalisation)
/// and returns the accounts with their secrets left out, and which secrets each has: for
/// checks and the fuzz target, which must never need a key.
pub fn parse_credentials(
    path: &Path,
    text: &str,
) -> Result<(Credentials, PresentSecrets), StoreError> {
    let mut repairs = Vec::new();
    Ok(codec::parse(path, text, &mut repairs)?.withhold())
}

/// A handle on one credentials file and its key; cheap to clone, holds no open file. Clones
/// share the data key once it is opened or unlocked.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// `None`: a plain store, which writes secrets in plain text (tests and tools).
    keys: Option<Arc<Keys>>,
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
    /// The `[seal]` table: which key seals the file (`None`: nothing sealed yet).
    pub seal: Option<SealHeader>,
    /// Whether some secrets are stored in plain text (sealed on the next write).
    pub plain_secrets: bool,
    /// Set when the secrets were left out ([`Store::inspect`]): the fields each account has.
    pub withheld: Option<PresentSecrets>,
}

impl Store {
    /// A plain store at `path`: it reads plain and writes plain text, and cannot open sealed
    /// values. For tests and tools that prepare files; updash itself uses [`Store::sealed`].
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            keys: None,
        }
    }

    /// A store at `path` whose secrets are sealed under a data key kept in `key_dir`
    /// (`$XDG_DATA_HOME/updash`) or where `protection` says; touches nothing on disk.
    pub fn sealed(
        path: impl Into<PathBuf>,
        key_dir: impl Into<PathBuf>,
        protection: ProtectionKind,
    ) -> Self {
        Self {
            path: path.into(),
            keys: Some(Arc::new(Keys::new(key_dir.into(), protection))),
        }
    }

    /// The sealed store of these XDG paths: `credentials.toml` in the config directory, key
    /// material in the data directory.
    pub fn for_paths(paths: &crate::paths::Paths, protection: ProtectionKind) -> Self {
        Self::sealed(paths.credentials_file(), paths.key_dir(), protection)
    }

    /// The credentials file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock file next to it.
    pub fn lock_path(&self) -> PathBuf {
        secure_file::lock_path(&self.path)
    }

    /// The protection config.toml asks for; `None` for a plain store.
    pub fn configured_protection(&self) -> Option<ProtectionKind> {
        self.keys.as_ref().map(|k| k.configured())
    }

    /// Reads the file and opens every secret (without locking: writes are atomic renames, so
    /// a read sees one whole version). Repairs wide modes; creates nothing when the file is
    /// missing. Needs the data key when something is sealed.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let mut repairs = Vec::new();
        let Some((decoded, plain_secrets)) = self.read(&mut repairs)? else {
            return Ok(self.empty(repairs));
        };
        let seal = decoded.seal.clone();
        let credentials = match self.sealer_for(&decoded, &mut repairs) {
            Ok(sealer) => decoded.open(&self.path, sealer.as_ref())?,
            // A re-seal may have switched keys between the read and the key lookup: a second
            // read sees the file that goes with the keys now in place.
            Err(e) if e.is_key_unavailable() && seal.is_some() => {
                let Some((again, _)) = self.read(&mut repairs)? else {
                    return Ok(self.empty(repairs));
                };
                if again.seal.as_ref().map(|h| &h.key_id) == seal.as_ref().map(|h| &h.key_id) {
                    return Err(e);
                }
                let sealer = self.sealer_for(&again, &mut repairs)?;
                return self.load_decoded(again, sealer, repairs, plain_secrets);
            }
            Err(e) => return Err(e),
        };
        Ok(Loaded {
            credentials,
            repairs,
            exists: true,
            seal,
            plain_secrets,
            withheld: None,
        })
    }

    /// Reads the file without the data key: every secret left out, with which fields each
    /// account has. Repairs wide modes; creates nothing.
    pub fn inspect(&self) -> Result<Loaded, StoreError> {
        let mut repairs = Vec::new();
        let Some((decoded, plain_secrets)) = self.read(&mut repairs)? else {
            return Ok(self.empty(repairs));
        };
        let seal = decoded.seal.clone();
        let (credentials, present) = decoded.withhold();
        Ok(Loaded {
            credentials,
            repairs,
            exists: true,
            seal,
            plain_secrets,
            withheld: Some(present),
        })
    }

    /// Locks the file, re-reads it, applies `f`, and writes the result atomically.
    ///
    /// Nothing is written when `f` fails, when the file does not parse or a secret does not
    /// open, or when nothing changed (and a plain-text file got nothing to seal). Repairs made
    /// on the way are logged as warnings.
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
        let locked = self.lock_and_read()?;
        let mut repairs = locked.repairs;
        let Some(keys) = &self.keys else {
            let mut credentials = locked.decoded.open(&self.path, None)?;
            log_repairs(&repairs);
            let value = f(&mut credentials)?;
            let new_text = codec::render_plain(&credentials)?;
            if locked.old_text.as_deref() != Some(new_text.as_str()) {
                secure_file::write_atomic(&self.path, new_text.as_bytes())?;
            }
            return Ok(value);
        };
        let mut dirty = locked.old_text.is_none() || locked.decoded.has_plain_secrets();
        let (mut header, key) = match locked.decoded.seal.clone() {
            Some(header) => {
                let key = self.key_for(&locked.decoded, &header, &mut repairs)?;
                (header, key)
            }
            None => {
                dirty = true;
                keys.first_key(None, &mut repairs)?
            }
        };
        let sealer = Sealer::new(&key);
        let mut credentials = locked.decoded.open(&self.path, Some(&sealer))?;
        dirty |= reseal::settle(keys, &mut header);
        dirty |= repairs.iter().any(|r| !r.is_mode());
        log_repairs(&repairs);
        let before = credentials.clone();
        let value = f(&mut credentials)?;
        if dirty || credentials != before {
            let text = codec::render_sealed(&credentials, &header, &sealer)?;
            secure_file::write_atomic(&self.path, text.as_bytes())?;
        }
        Ok(value)
    }

    /// A summary without secrets, for `config check` and `status`; needs no key.
    pub fn summary(&self) -> Result<Summary, StoreError> {
        let loaded = self.inspect()?;
        Ok(self.summary_of(&loaded))
    }

    /// The summary of a snapshot, with what can be said of its protection and key (trying to
    /// fetch the key, never asking for anything).
    pub fn summary_of(&self, loaded: &Loaded) -> Summary {
        let mut summary = Summary::new(&self.path, loaded);
        if let Some(keys) = &self.keys {
            let mut repairs = Vec::new();
            summary.protection =
                Some(keys.status(loaded.seal.as_ref(), loaded.plain_secrets, &mut repairs));
            summary.repairs.extend(repairs);
        }
        summary
    }

    /// Whether the secrets can be opened only after an unlock (passphrase protection, key not
    /// unlocked here or in the kernel keyring). Reads the file's `[seal]` table only.
    pub fn needs_unlock(&self) -> Result<bool, StoreError> {
        let (Some(keys), Some(header)) = (&self.keys, self.inspect()?.seal) else {
            return Ok(false);
        };
        if header.protection != ProtectionKind::Passphrase {
            return Ok(false);
        }
        let mut repairs = Vec::new();
        match keys.get(&header.key_ref(), &mut repairs) {
            Ok(_) => Ok(false),
            Err(e) if e.needs_unlock() => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// Unlocks passphrase-protected secrets: derives the key-encryption key from `passphrase`
    /// (Argon2id, about a second: call it off the UI thread), keeps the data key in this
    /// process for every clone of the store, and with `cache_for` also in the kernel keyring
    /// so other processes of the user need no passphrase until it expires.
    ///
    /// Errors: [`KeyError::WrongPassphrase`], [`KeyError::NotPassphrase`], and with
    /// `cache_for` [`KeyError::KernelKeyringUnavailable`] (the key is still unlocked here).
    pub fn unlock_with(
        &self,
        passphrase: &crate::secret::Secret,
        cache_for: Option<Duration>,
    ) -> Result<(), StoreError> {
        let header = self.header()?;
        let Some(keys) = &self.keys else {
            return Err(KeyError::NotPassphrase("none (plain store)".into()).into());
        };
        keys.unlock(&header, passphrase, cache_for)
    }

    /// Forgets the unlocked key (this process and the kernel keyring); whether the kernel
    /// keyring had it.
    pub fn lock(&self) -> Result<bool, StoreError> {
        let (Some(keys), Some(header)) = (&self.keys, self.inspect()?.seal) else {
            return Ok(false);
        };
        keys.lock(&header)
    }

    /// The `[seal]` table of a sealed file.
    fn header(&self) -> Result<SealHeader, StoreError> {
        self.inspect()?
            .seal
            .ok_or_else(|| KeyError::NotPassphrase("none yet (nothing is sealed)".into()).into())
    }

    fn empty(&self, repairs: Vec<Repair>) -> Loaded {
        Loaded {
            credentials: Credentials::new(),
            repairs,
            exists: false,
            seal: None,
            plain_secrets: false,
            withheld: None,
        }
    }

    fn load_decoded(
        &self,
        decoded: Decoded,
        sealer: Option<Sealer>,
        repairs: Vec<Repair>,
        plain_secrets: bool,
    ) -> Result<Loaded, StoreError> {
        let seal = decoded.seal.clone();
        Ok(Loaded {
            credentials: decoded.open(&self.path, sealer.as_ref())?,
            repairs,
            exists: true,
            seal,
            plain_secrets,
            withheld: None,
        })
    }

    /// The parsed file and whether it holds plain-text secrets; `None` when it is missing.
    fn read(&self, repairs: &mut Vec<Repair>) -> Result<Option<(Decoded, bool)>, StoreError> {
        let dir = secure_file::parent_dir(&self.path);
        if !secure_file::check_dir(&dir, Role::Credentials, repairs)? {
            return Ok(None);
        }
        let max = secure_file::MAX_CREDENTIALS_LEN;
        let Some(text) = secure_file::read_checked(&self.path, Role::Credentials, max, repairs)?
        else {
            return Ok(None);
        };
        let decoded = codec::parse(&self.path, &text, repairs)?;
        let plain = decoded.has_plain_secrets();
        Ok(Some((decoded, plain)))
    }

    /// The sealer for a parsed file: `None` when nothing in it is sealed.
    fn sealer_for(
        &self,
        decoded: &Decoded,
        repairs: &mut Vec<Repair>,
    ) -> Result<Option<Sealer>, StoreError> {
        if decoded.first_sealed().is_none() {
            return Ok(None);
        }
        match (&self.keys, &decoded.seal) {
            (Some(_), Some(header)) => {
                Ok(Some(Sealer::new(&self.key_for(decoded, header, repairs)?)))
            }
            // Opening with no sealer names the first sealed value and why.
            (None, _) => Ok(None),
            (Some(_), None) => Err(self.unseal_error(decoded, UnsealProblem::NoHeader)),
        }
    }

    /// The key `header` names; a missing or unreadable key is reported against the first
    /// sealed value, so the operator learns which account is affected.
    fn key_for(
        &self,
        decoded: &Decoded,
        header: &SealHeader,
        repairs: &mut Vec<Repair>,
    ) -> Result<DataKey, StoreError> {
        let Some(keys) = &self.keys else {
            return Err(self.unseal_error(decoded, UnsealProblem::NoKey));
        };
        keys.get(&header.key_ref(), repairs).map_err(|e| match e {
            StoreError::Key(k @ (KeyError::Missing { .. } | KeyError::BadKeyFile { .. })) => {
                self.unseal_error(decoded, UnsealProblem::Key(k))
            }
            other => other,
        })
    }

    fn unseal_error(&self, decoded: &Decoded, problem: UnsealProblem) -> StoreError {
        match decoded.first_sealed() {
            Some((account, field)) => StoreError::Unseal {
                path: self.path.clone(),
                account,
                field,
                problem,
            },
            None => match problem {
                UnsealProblem::Key(k) => StoreError::Key(k),
                // Only reached for a sealed value, so never in practice; still an error, not a
                // panic.
                other => StoreError::Parse {
                    path: self.path.clone(),
                    line: 1,
                    column: 1,
                    reason: other.to_string(),
                },
            },
        }
    }

    /// Creates the directory, takes the lock, removes stale temp files and reads the file.
    fn lock_and_read(&self) -> Result<LockedRead, StoreError> {
        let mut repairs = Vec::new();
        let dir = secure_file::parent_dir(&self.path);
        secure_file::ensure_dir(&dir, Role::Credentials, &mut repairs)?;
        let lock = secure_file::lock_exclusive(&self.path)?;
        secure_file::remove_stale_temp_files(&self.path);
        if let Some(keys) = &self.keys {
            keys.places().remove_stale_temp_files();
        }
        let max = secure_file::MAX_CREDENTIALS_LEN;
        let old_text = secure_file::read_checked(&self.path, Role::Credentials, max, &mut repairs)?;
        let decoded = match &old_text {
            Some(text) => codec::parse(&self.path, text, &mut repairs)?,
            None => Decoded::empty(),
        };
        Ok(LockedRead {
            _lock: lock,
            old_text,
            decoded,
            repairs,
        })
    }
}

/// The file read under its lock (held until this is dropped).
struct LockedRead {
    _lock: std::fs::File,
    old_text: Option<String>,
    decoded: Decoded,
    repairs: Vec<Repair>,
}

/// The text a write puts in the file for `credentials`, sealed under `key` kept as
/// `protection` (no I/O): for benchmarks and tools.
pub fn seal_text(
    credentials: &Credentials,
    protection: ProtectionKind,
    key: &DataKey,
) -> Result<String, StoreError> {
    codec::render_sealed(
        credentials,
        &SealHeader::new(protection, key),
        &Sealer::new(key),
    )
}

/// The credentials in a file's `text` (said to come from `path`), sealed values opened with
/// `key` (no I/O): for benchmarks and tools.
pub fn open_text(path: &Path, text: &str, key: &DataKey) -> Result<Credentials, StoreError> {
    codec::parse(path, text, &mut Vec::new())?.open(path, Some(&Sealer::new(key)))
}

/// Whether the kernel keyring can cache an unlocked key here (Linux, keyctl allowed).
pub fn kernel_keyring_check() -> Result<(), KeyError> {
    protection::kernel_cache::check()
}

fn log_repairs(repairs: &[Repair]) {
    for repair in repairs {
        tracing::warn!("{repair}");
    }
}

#[cfg(test)]
mod tests;
