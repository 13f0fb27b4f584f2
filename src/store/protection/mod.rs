//! Where the data key lives: the protection the operator chooses, and the record of it in
//! credentials.toml.
//!
//! Every protection holds keys by id and only ever adds or removes one key at a time, never
//! replaces one: a re-seal puts the new key beside the old, switches the file, and only then
//! removes the old key, so a crash at any point leaves a file whose key can be found.

pub(super) mod kernel_cache;
mod keyfile;
pub(super) mod keyring;
pub(super) mod passphrase;

use super::error::StoreError;
use super::repair::Repair;
use super::seal::{DataKey, KeyId};
use super::secure_file::{self, Role};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use zeroize::Zeroizing;

/// How the data key is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProtectionKind {
    /// A key file in `$XDG_DATA_HOME/updash/key`, apart from the config directory.
    #[default]
    Keyfile,
    /// The OS keyring (Secret Service, macOS Keychain).
    Keyring,
    /// Wrapped with a key derived from a passphrase (Argon2id); unlocked keys are cached in
    /// the kernel's per-user keyring.
    Passphrase,
}

impl ProtectionKind {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::Keyfile, Self::Keyring, Self::Passphrase];

    /// The kind's name in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Keyfile => "keyfile",
            Self::Keyring => "keyring",
            Self::Passphrase => "passphrase",
        }
    }
}

impl fmt::Display for ProtectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ProtectionKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| "use keyfile, keyring or passphrase".to_owned())
    }
}

/// One key: which protection holds it, and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRef {
    /// Where it is kept.
    pub protection: ProtectionKind,
    /// Its id.
    pub key_id: KeyId,
}

/// The `[seal]` table of credentials.toml: which key seals the file. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealHeader {
    /// Where the data key is kept.
    pub protection: ProtectionKind,
    /// The data key's id.
    pub key_id: KeyId,
    /// A key a re-seal was about to add; removed by the next write if the re-seal stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<KeyRef>,
    /// Keys a finished re-seal replaced; removed by the next write that can reach them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retiring: Vec<KeyRef>,
}

impl SealHeader {
    /// A header for `key` kept by `protection`.
    pub fn new(protection: ProtectionKind, key: &DataKey) -> Self {
        Self {
            protection,
            key_id: key.id(),
            pending: None,
            retiring: Vec::new(),
        }
    }

    /// The key this header names.
    pub fn key_ref(&self) -> KeyRef {
        KeyRef {
            protection: self.protection,
            key_id: self.key_id.clone(),
        }
    }
}

/// Where key material lives on disk: `$XDG_DATA_HOME/updash` (0700).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KeyPlaces {
    dir: PathBuf,
}

impl KeyPlaces {
    /// Key material in `dir`.
    pub(super) fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The key file of `protection = "keyfile"`.
    pub(super) fn keyfile(&self) -> PathBuf {
        self.dir.join("key")
    }

    /// The passphrase-wrapped key file of `protection = "passphrase"`.
    pub(super) fn wrapped(&self) -> PathBuf {
        self.dir.join("key.wrapped")
    }

    /// Removes temp files of a key write that was killed (call under the store's lock).
    pub(super) fn remove_stale_temp_files(&self) {
        secure_file::remove_stale_temp_files(&self.keyfile());
        secure_file::remove_stale_temp_files(&self.wrapped());
    }

    /// Where `kind` keeps a key, in words.
    pub(super) fn describe(&self, kind: ProtectionKind) -> String {
        match kind {
            ProtectionKind::Keyfile => self.keyfile().display().to_string(),
            ProtectionKind::Keyring => format!("the OS keyring (service `{}`)", keyring::SERVICE),
            ProtectionKind::Passphrase => format!(
                "{} (wrapped with your passphrase; unlocked keys cached in the kernel keyring)",
                self.wrapped().display()
            ),
        }
    }

    /// The key `id` as `kind` keeps it; for a passphrase, only an unlocked (cached) key.
    pub(super) fn fetch(
        &self,
        kind: ProtectionKind,
        id: &KeyId,
        repairs: &mut Vec<Repair>,
    ) -> Result<DataKey, StoreError> {
        match kind {
            ProtectionKind::Keyfile => keyfile::fetch(&self.keyfile(), id, repairs),
            ProtectionKind::Keyring => keyring::fetch(id),
            ProtectionKind::Passphrase => match kernel_cache::fetch(id) {
                Ok(Some(key)) => Ok(key),
                Ok(None) => Err(super::key_error::KeyError::Locked.into()),
                Err(e) => {
                    tracing::debug!("kernel keyring: {e}");
                    Err(super::key_error::KeyError::Locked.into())
                }
            },
        }
    }

    /// Adds `key` where `kind` keeps keys (a passphrase protection needs the passphrase).
    pub(super) fn put(
        &self,
        kind: ProtectionKind,
        key: &DataKey,
        passphrase: Option<&Secret>,
        repairs: &mut Vec<Repair>,
    ) -> Result<(), StoreError> {
        match kind {
            ProtectionKind::Keyfile => keyfile::add(&self.keyfile(), key, repairs),
            ProtectionKind::Keyring => keyring::put(key),
            ProtectionKind::Passphrase => {
                let passphrase = passphrase.ok_or(super::key_error::KeyError::NoPassphrase)?;
                passphrase::add(&self.wrapped(), key, passphrase, repairs)
            }
        }
    }

    /// Removes key `id` from where `kind` keeps it (and forgets a cached unlocked copy).
    pub(super) fn remove(&self, kind: ProtectionKind, id: &KeyId) -> Result<(), StoreError> {
        match kind {
            ProtectionKind::Keyfile => keyfile::remove(&self.keyfile(), id),
            ProtectionKind::Keyring => keyring::remove(id),
            ProtectionKind::Passphrase => {
                // Best effort: an unlocked copy expires by itself.
                let _ = kernel_cache::forget(id);
                passphrase::remove(&self.wrapped(), id)
            }
        }
    }

    /// A key already in the key file, to reuse when a file is sealed for the first time (so a
    /// first seal killed after writing the key does not leave an unused key behind).
    pub(super) fn reusable(
        &self,
        kind: ProtectionKind,
        repairs: &mut Vec<Repair>,
    ) -> Result<Option<DataKey>, StoreError> {
        match kind {
            ProtectionKind::Keyfile => Ok(
                keyfile::read_keys(&self.keyfile(), repairs)?.and_then(|k| k.into_iter().next())
            ),
            ProtectionKind::Keyring | ProtectionKind::Passphrase => Ok(None),
        }
    }
}

/// Lines of a key-material file: (1-based line number, text), zeroed when dropped.
type KeyLines = Vec<(usize, Zeroizing<String>)>;

/// Reads a key-material file: `Some(lines)` (1-based line number, text) without comments and
/// blank lines, `None` when it does not exist. The text is zeroed when dropped.
fn read_lines(
    path: &Path,
    max_len: u64,
    repairs: &mut Vec<Repair>,
) -> Result<Option<KeyLines>, StoreError> {
    if !secure_file::check_dir(&secure_file::parent_dir(path), Role::Key, repairs)? {
        return Ok(None);
    }
    let Some(text) = secure_file::read_checked(path, Role::Key, max_len, repairs)? else {
        return Ok(None);
    };
    let text = Zeroizing::new(text);
    Ok(Some(
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .map(|(i, l)| (i, Zeroizing::new(l.to_owned())))
            .collect(),
    ))
}

/// Writes a key-material file atomically (0600 in a 0700 directory), or removes it when there
/// are no lines left.
fn write_lines(
    path: &Path,
    header: &str,
    lines: &[Zeroizing<String>],
    repairs: &mut Vec<Repair>,
) -> Result<(), StoreError> {
    if lines.is_empty() {
        return secure_file::remove_durably(path);
    }
    secure_file::ensure_dir(&secure_file::parent_dir(path), Role::Key, repairs)?;
    let mut text = Zeroizing::new(String::from(header));
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    secure_file::write_atomic(path, text.as_bytes())
}
