//! `protection = "keyring"`: the data key in the OS keyring (Secret Service on Linux and the
//! BSDs, the login Keychain on macOS), through `keyring-core`.
//!
//! A keyring can hang (a locked collection waiting for a prompt nobody sees over SSH, a dead
//! D-Bus), so every call runs on a worker thread and is given up after [`TIMEOUT`]; the
//! thread is left to finish or block on its own.

use crate::store::error::StoreError;
use crate::store::key_error::KeyError;
use crate::store::seal::{DataKey, KeyId};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;
use zeroize::Zeroizing;

/// The keyring service name of every updash entry.
pub const SERVICE: &str = "updash";
/// How long one keyring call may take.
pub const TIMEOUT: Duration = Duration::from_secs(3);

/// Serialises the one-time choice of the platform store.
static STORE_INIT: Mutex<()> = Mutex::new(());

/// The entry's user name: one entry per key id, so a re-seal adds beside the old key.
fn user(id: &KeyId) -> String {
    format!("data key {id}")
}

/// The key `id` from the keyring.
pub(super) fn fetch(id: &KeyId) -> Result<DataKey, StoreError> {
    let user = user(id);
    let bytes = call(move || keyring_core::Entry::new(SERVICE, &user)?.get_secret())?;
    let bytes = Zeroizing::new(bytes.map_err(|e| match e {
        keyring_core::Error::NoEntry => KeyError::Missing {
            where_: format!("the OS keyring (service `{SERVICE}`)"),
            id: id.clone(),
        },
        other => unreachable_error(&other),
    })?);
    DataKey::from_bytes(&bytes)
        .filter(|k| &k.id() == id)
        .ok_or_else(|| {
            KeyError::Missing {
                where_: format!("the OS keyring (service `{SERVICE}`) holds another value"),
                id: id.clone(),
            }
            .into()
        })
}

/// Stores `key` under its id.
pub(super) fn put(key: &DataKey) -> Result<(), StoreError> {
    let user = user(&key.id());
    let bytes = Zeroizing::new(key.bytes().to_vec());
    call(move || keyring_core::Entry::new(SERVICE, &user)?.set_secret(&bytes))?
        .map_err(|e| unreachable_error(&e).into())
}

/// Deletes the entry of key `id` (a missing entry is fine).
pub(super) fn remove(id: &KeyId) -> Result<(), StoreError> {
    let user = user(id);
    match call(move || keyring_core::Entry::new(SERVICE, &user)?.delete_credential())? {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(e) => Err(unreachable_error(&e).into()),
    }
}

/// Runs `f` on a worker thread against the default store (choosing the platform's store the
/// first time); the outer error is "no answer in time" or "no store".
fn call<T: Send + 'static>(
    f: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> Result<keyring_core::Result<T>, KeyError> {
    run_with_timeout(TIMEOUT, move || ensure_store().map(|()| f()))?
}

/// Runs `f` on its own thread and waits at most `timeout` for its answer.
pub(crate) fn run_with_timeout<T: Send + 'static>(
    timeout: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, KeyError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("updash-keyring".into())
        .spawn(move || {
            // The receiver may have given up; then the answer has nowhere to go.
            let _ = tx.send(f());
        })
        .map_err(|e| KeyError::KeyringUnreachable {
            reason: format!("cannot start a thread: {e}"),
        })?;
    rx.recv_timeout(timeout)
        .map_err(|_| KeyError::KeyringUnreachable {
            reason: format!("no answer within {} s", timeout.as_secs()),
        })
}

/// Makes sure a default credential store is set: tests set a mock one; otherwise the
/// platform's.
fn ensure_store() -> Result<(), KeyError> {
    let _guard = STORE_INIT.lock().unwrap_or_else(|p| p.into_inner());
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    let store = platform_store().map_err(|e| unreachable_error(&e))?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(all(unix, not(target_os = "macos")))]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(dbus_secret_service_keyring_store::Store::new()?)
}

/// A keyring error in words. Keyring errors name services and D-Bus failures, never the
/// secret, but they can run long: keep the first line.
fn unreachable_error(e: &keyring_core::Error) -> KeyError {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("unknown error");
    KeyError::KeyringUnreachable {
        reason: first.chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_that_hangs_is_given_up() {
        let started = std::time::Instant::now();
        let answer = run_with_timeout(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(2));
        });
        assert!(matches!(answer, Err(KeyError::KeyringUnreachable { .. })));
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(run_with_timeout(Duration::from_secs(1), || 7).ok(), Some(7));
    }
}
