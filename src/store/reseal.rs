//! Switching protection (`updash store protect --with KIND`): every secret re-sealed under a
//! new data key, atomically, under the store's lock.
//!
//! The order makes a kill at any point leave a file whose key exists:
//! 1. the file, still sealed with the old key, notes the new key as `pending`;
//! 2. the new key is put where the new protection keeps it;
//! 3. the file is rewritten under the new key, noting the old key as `retiring`;
//! 4. the old key is removed, and the note dropped.
//!
//! A later write finishes what a killed re-seal left ([`settle`]): it removes a `pending` key
//! that never became the file's key and the `retiring` keys no longer used.

use super::Store;
use super::codec;
use super::error::StoreError;
use super::key_error::KeyError;
use super::keys::Keys;
use super::protection::{KeyRef, ProtectionKind, SealHeader, passphrase};
use super::seal::{DataKey, KeyId, Sealer};
use super::secure_file;
use crate::secret::Secret;

/// What a re-seal did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    /// The protection before (`None`: nothing was sealed).
    pub from: Option<ProtectionKind>,
    /// The protection now.
    pub to: ProtectionKind,
    /// The new data key's id.
    pub key_id: KeyId,
    /// Where the new key is kept, in words.
    pub location: String,
    /// Set when the old key could not be removed yet (a later write retries): why.
    pub old_key_kept: Option<String>,
}

impl Store {
    /// Re-seals every secret under a new data key kept as `to` says (`passphrase`: the new
    /// passphrase, for `to = passphrase`), under the store's lock. The current key must be
    /// available (unlock a passphrase-protected store first).
    pub fn protect(
        &self,
        to: ProtectionKind,
        new_passphrase: Option<&Secret>,
    ) -> Result<Protected, StoreError> {
        let Some(keys) = &self.keys else {
            return Err(KeyError::PlainStore.into());
        };
        if to == ProtectionKind::Passphrase {
            passphrase::check_strength(new_passphrase.ok_or(KeyError::NoPassphrase)?)?;
        }
        let locked = self.lock_and_read()?;
        let mut repairs = locked.repairs;
        let mut old_header = locked.decoded.seal.clone();
        let old_key = match &old_header {
            Some(h) => Some(self.key_for(&locked.decoded, h, &mut repairs)?),
            None => None,
        };
        let old_sealer = old_key.as_ref().map(Sealer::new);
        let credentials = locked.decoded.open(&self.path, old_sealer.as_ref())?;
        super::log_repairs(&repairs);

        let new_key = DataKey::generate();
        if let (Some(header), Some(sealer)) = (&mut old_header, &old_sealer) {
            settle(keys, header);
            header.pending = Some(KeyRef {
                protection: to,
                key_id: new_key.id(),
            });
            self.write(&codec::render_sealed(&credentials, header, sealer)?)?;
        }
        keys.places()
            .put(to, &new_key, new_passphrase, &mut repairs)?;

        let mut header = SealHeader::new(to, &new_key);
        if let Some(old) = &old_header {
            header.retiring = old.retiring.clone();
            header.retiring.push(old.key_ref());
        }
        let sealer = Sealer::new(&new_key);
        self.write(&codec::render_sealed(&credentials, &header, &sealer)?)?;
        keys.remember(&new_key);
        if settle(keys, &mut header) {
            self.write(&codec::render_sealed(&credentials, &header, &sealer)?)?;
        }
        let old_key_kept = (!header.retiring.is_empty()).then(|| {
            "the old key could not be removed yet (see the log); the next change retries".to_owned()
        });
        Ok(Protected {
            from: old_header.map(|h| h.protection),
            to,
            key_id: new_key.id(),
            location: keys.places().describe(to),
            old_key_kept,
        })
    }

    fn write(&self, text: &str) -> Result<(), StoreError> {
        secure_file::write_atomic(&self.path, text.as_bytes())
    }
}

/// Removes keys a killed or unfinished re-seal left (call under the lock); whether `header`
/// changed and must be written. A key that cannot be removed now (keyring unreachable) stays
/// noted for the next write.
pub(super) fn settle(keys: &Keys, header: &mut SealHeader) -> bool {
    let mut changed = false;
    if let Some(pending) = header.pending.take() {
        changed = true;
        if pending.key_id != header.key_id && !remove(keys, &pending) {
            header.pending = Some(pending);
        }
    }
    let before = header.retiring.len();
    let current = header.key_id.clone();
    header
        .retiring
        .retain(|old| old.key_id != current && !remove(keys, old));
    changed || header.retiring.len() != before
}

fn remove(keys: &Keys, key: &KeyRef) -> bool {
    match keys.places().remove(key.protection, &key.key_id) {
        Ok(()) => {
            keys.forget(&key.key_id);
            true
        }
        Err(e) => {
            tracing::warn!(
                "cannot remove the old data key {} ({}) yet: {e}",
                key.key_id,
                key.protection
            );
            false
        }
    }
}
