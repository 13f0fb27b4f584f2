//! The data key of one store: found where its protection keeps it, kept in memory while the
//! process runs (shared by every clone of the store), and made on first need.

use super::error::StoreError;
use super::key_error::KeyError;
use super::key_status::{KeyAvailability, ProtectionStatus};
use super::protection::{KeyPlaces, KeyRef, ProtectionKind, SealHeader, kernel_cache, passphrase};
use super::repair::Repair;
use super::seal::{DataKey, KeyId};
use crate::secret::Secret;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// The key material of a sealed store.
#[derive(Debug)]
pub(super) struct Keys {
    places: KeyPlaces,
    configured: ProtectionKind,
    /// Keys this process has opened (by id), so each is fetched or unlocked once.
    cache: Mutex<Vec<DataKey>>,
}

impl Keys {
    /// Keys kept in `dir` (`$XDG_DATA_HOME/updash`), first sealed with `configured`.
    pub(super) fn new(dir: PathBuf, configured: ProtectionKind) -> Self {
        Self {
            places: KeyPlaces::new(dir),
            configured,
            cache: Mutex::new(Vec::new()),
        }
    }

    /// The protection config.toml asks for.
    pub(super) fn configured(&self) -> ProtectionKind {
        self.configured
    }

    /// Where keys are kept.
    pub(super) fn places(&self) -> &KeyPlaces {
        &self.places
    }

    /// The key `key`: from memory, else from where its protection keeps it.
    pub(super) fn get(
        &self,
        key: &KeyRef,
        repairs: &mut Vec<Repair>,
    ) -> Result<DataKey, StoreError> {
        if let Some(found) = self.cached(&key.key_id) {
            return Ok(found);
        }
        let found = self.places.fetch(key.protection, &key.key_id, repairs)?;
        self.remember(&found);
        Ok(found)
    }

    /// Keeps `key` in memory for the rest of the process.
    pub(super) fn remember(&self, key: &DataKey) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if !cache.iter().any(|k| k.id() == key.id()) {
            cache.push(key.clone());
        }
    }

    /// Drops key `id` from memory.
    pub(super) fn forget(&self, id: &KeyId) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.retain(|k| &k.id() != id);
    }

    fn cached(&self, id: &KeyId) -> Option<DataKey> {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.iter().find(|k| &k.id() == id).cloned()
    }

    /// The key and header for a file sealed for the first time, with the configured
    /// protection: a key already in the key file is reused, else one is made and stored.
    pub(super) fn first_key(
        &self,
        passphrase: Option<&Secret>,
        repairs: &mut Vec<Repair>,
    ) -> Result<(SealHeader, DataKey), StoreError> {
        let kind = self.configured;
        if kind == ProtectionKind::Passphrase && passphrase.is_none() {
            return Err(KeyError::NoPassphrase.into());
        }
        let key = match self.places.reusable(kind, repairs)? {
            Some(key) => key,
            None => {
                let key = DataKey::generate();
                self.places.put(kind, &key, passphrase, repairs)?;
                key
            }
        };
        self.remember(&key);
        Ok((SealHeader::new(kind, &key), key))
    }

    /// Unwraps the key `header` names with `passphrase`, keeps it in memory, and with
    /// `cache_for` also in the kernel keyring for that long.
    pub(super) fn unlock(
        &self,
        header: &SealHeader,
        passphrase: &Secret,
        cache_for: Option<Duration>,
    ) -> Result<(), StoreError> {
        if header.protection != ProtectionKind::Passphrase {
            return Err(KeyError::NotPassphrase(header.protection.to_string()).into());
        }
        let mut repairs = Vec::new();
        let key = passphrase::unwrap(
            &self.places.wrapped(),
            &header.key_id,
            passphrase,
            &mut repairs,
        )?;
        self.remember(&key);
        if let Some(ttl) = cache_for {
            kernel_cache::store(&header.key_id, &key, ttl)?;
        }
        Ok(())
    }

    /// Forgets the unlocked key `header` names, here and in the kernel keyring; whether the
    /// kernel had it.
    pub(super) fn lock(&self, header: &SealHeader) -> Result<bool, StoreError> {
        self.forget(&header.key_id);
        if header.protection != ProtectionKind::Passphrase {
            return Ok(false);
        }
        Ok(kernel_cache::forget(&header.key_id)?)
    }

    /// What can be said about the key of a file with `header` (`None`: nothing sealed yet),
    /// trying to fetch it but never asking for anything.
    pub(super) fn status(
        &self,
        header: Option<&SealHeader>,
        plain_secrets: bool,
        repairs: &mut Vec<Repair>,
    ) -> ProtectionStatus {
        let kind = header.map_or(self.configured, |h| h.protection);
        let key = match header {
            None => KeyAvailability::NotCreated,
            Some(h) => self.probe(h, repairs),
        };
        ProtectionStatus {
            in_use: header.map(|h| h.protection),
            configured: self.configured,
            key_id: header.map(|h| h.key_id.clone()),
            key,
            location: self.places.describe(kind),
            plain_secrets,
        }
    }

    fn probe(&self, header: &SealHeader, repairs: &mut Vec<Repair>) -> KeyAvailability {
        match self.get(&header.key_ref(), repairs) {
            Ok(_) => KeyAvailability::Available,
            Err(StoreError::Key(KeyError::Locked)) => {
                match passphrase::holds(&self.places.wrapped(), &header.key_id, repairs) {
                    Ok(true) => KeyAvailability::Locked,
                    Ok(false) => KeyAvailability::Unavailable(
                        KeyError::Missing {
                            where_: format!(
                                "the wrapped-key file {}",
                                self.places.wrapped().display()
                            ),
                            id: header.key_id.clone(),
                        }
                        .to_string(),
                    ),
                    Err(e) => KeyAvailability::Unavailable(e.to_string()),
                }
            }
            Err(e) => KeyAvailability::Unavailable(e.to_string()),
        }
    }
}
