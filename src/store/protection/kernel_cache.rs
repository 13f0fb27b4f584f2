//! The unlocked data key of `protection = "passphrase"`, cached in the kernel's per-user
//! keyring (`@u`) with a timeout: one `updash unlock` serves every session of the user until
//! it expires or `updash lock` forgets it. The passphrase itself is never cached.
//!
//! The entry is a `user` key named `updash:data-key:<key id>`, readable by the user's
//! processes (not only by its possessor, since another SSH session does not possess it).

use crate::store::key_error::KeyError;
use crate::store::seal::{DataKey, KeyId};
use std::time::Duration;

fn description(id: &KeyId) -> String {
    format!("updash:data-key:{id}")
}

#[cfg(target_os = "linux")]
mod imp {
    use super::*;
    use crate::store::seal::KEY_LEN;
    use linux_keyutils::{
        Key, KeyError as KernelError, KeyPermissionsBuilder, KeyRing, KeyRingIdentifier, Permission,
    };
    use zeroize::Zeroizing;

    fn unavailable(e: KernelError) -> KeyError {
        let reason = match e {
            KernelError::Unknown(libc::ENOSYS) => "keyctl is not supported by this kernel".into(),
            KernelError::PermissionDenied | KernelError::AccessDenied => "keyctl was denied".into(),
            KernelError::QuotaExceeded => "the user's key quota is used up".into(),
            other => format!("keyctl failed: {other:?}"),
        };
        KeyError::KernelKeyringUnavailable { reason }
    }

    fn user_ring() -> Result<KeyRing, KeyError> {
        KeyRing::from_special_id(KeyRingIdentifier::User, true).map_err(unavailable)
    }

    fn find(id: &KeyId) -> Result<Option<Key>, KeyError> {
        match user_ring()?.search(&description(id)) {
            Ok(key) => Ok(Some(key)),
            Err(
                KernelError::KeyDoesNotExist | KernelError::KeyExpired | KernelError::KeyRevoked,
            ) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    pub(in crate::store) fn store(
        id: &KeyId,
        key: &DataKey,
        ttl: Duration,
    ) -> Result<(), KeyError> {
        let user = user_ring()?;
        let secs = usize::try_from(ttl.as_secs().max(1)).unwrap_or(usize::MAX);
        let perms = KeyPermissionsBuilder::builder()
            .posessor(Permission::ALL)
            .user(Permission::VIEW | Permission::READ | Permission::SEARCH | Permission::SETATTR)
            .build();
        // Built in this process's own keyring and linked into @u only once its timeout is set,
        // so a crash in between never leaves a key without an expiry in @u.
        let staging = KeyRing::from_special_id(KeyRingIdentifier::Process, true);
        let (entry, staged) = match &staging {
            Ok(ring) => (ring.add_key(&description(id), &key.bytes()[..]), true),
            Err(_) => (user.add_key(&description(id), &key.bytes()[..]), false),
        };
        let entry = entry.map_err(unavailable)?;
        let configured = entry
            .set_perms(perms)
            .and_then(|()| entry.set_timeout(secs))
            .and_then(|()| if staged { user.link_key(entry) } else { Ok(()) });
        if let Err(e) = configured {
            let _ = entry.invalidate();
            return Err(unavailable(e));
        }
        if let (true, Ok(ring)) = (staged, &staging) {
            // The process keyring goes with the process anyway.
            let _ = ring.unlink_key(entry);
        }
        Ok(())
    }

    pub(in crate::store) fn fetch(id: &KeyId) -> Result<Option<DataKey>, KeyError> {
        let Some(entry) = find(id)? else {
            return Ok(None);
        };
        let mut buf = Zeroizing::new([0u8; 2 * KEY_LEN]);
        let len = match entry.read(&mut *buf) {
            Ok(len) => len,
            Err(
                KernelError::KeyExpired | KernelError::KeyRevoked | KernelError::KeyDoesNotExist,
            ) => {
                return Ok(None);
            }
            Err(e) => return Err(unavailable(e)),
        };
        Ok(buf
            .get(..len)
            .and_then(DataKey::from_bytes)
            .filter(|k| &k.id() == id))
    }

    pub(in crate::store) fn forget(id: &KeyId) -> Result<bool, KeyError> {
        let Some(entry) = find(id)? else {
            return Ok(false);
        };
        entry.invalidate().map_err(unavailable)?;
        Ok(true)
    }

    pub(in crate::store) fn check() -> Result<(), KeyError> {
        user_ring()?.metadata().map(|_| ()).map_err(unavailable)
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::*;

    fn unavailable() -> KeyError {
        KeyError::KernelKeyringUnavailable {
            reason: "the kernel keyring exists only on Linux".into(),
        }
    }

    pub(in crate::store) fn store(_: &KeyId, _: &DataKey, _: Duration) -> Result<(), KeyError> {
        Err(unavailable())
    }

    pub(in crate::store) fn fetch(_: &KeyId) -> Result<Option<DataKey>, KeyError> {
        Ok(None)
    }

    pub(in crate::store) fn forget(_: &KeyId) -> Result<bool, KeyError> {
        Ok(false)
    }

    pub(in crate::store) fn check() -> Result<(), KeyError> {
        Err(unavailable())
    }
}

/// Caches the unlocked key `id` for `ttl`.
pub(in crate::store) fn store(id: &KeyId, key: &DataKey, ttl: Duration) -> Result<(), KeyError> {
    imp::store(id, key, ttl)
}

/// The cached key `id`, if it is unlocked.
pub(in crate::store) fn fetch(id: &KeyId) -> Result<Option<DataKey>, KeyError> {
    imp::fetch(id)
}

/// Forgets the cached key `id`; whether there was one.
pub(in crate::store) fn forget(id: &KeyId) -> Result<bool, KeyError> {
    imp::forget(id)
}

/// Whether the kernel keyring can be used here.
pub(in crate::store) fn check() -> Result<(), KeyError> {
    imp::check()
}
