//! `protection = "keyring"` against keyring-core's mock store (in memory, shared by every
//! entry of the process), and a clear message when no keyring answers.
//!
//! One test: the default credential store is process-wide.

use super::{names_in, sealed_store};
use crate::store::{MARKER, secret_account};
use updash::store::{KeyError, ProtectionKind, StoreError};

#[test]
fn the_keyring_keeps_the_key_and_protect_moves_it_out_and_back() {
    let mock = keyring_core::mock::Store::new().expect("mock store");
    keyring_core::set_default_store(mock);
    let dir = tempfile::tempdir().expect("temp");
    let store = sealed_store(dir.path(), ProtectionKind::Keyring);
    let id = store
        .update(|c| c.add_account(secret_account("upstash", "alpha")))
        .expect("add");
    let text = std::fs::read_to_string(store.path()).expect("read");
    assert!(
        text.contains("protection = \"keyring\"") && !text.contains(MARKER),
        "{text}"
    );
    assert!(
        names_in(&dir.path().join("data/updash")).is_empty(),
        "no key on disk with the keyring"
    );
    let loaded = sealed_store(dir.path(), ProtectionKind::Keyring)
        .load()
        .expect("a fresh handle finds the key in the keyring");
    let key_id = loaded
        .seal
        .as_ref()
        .map(|h| h.key_id.clone())
        .expect("sealed");
    assert!(
        loaded
            .credentials
            .get(&id)
            .is_some_and(|a| a.api_key.is_some())
    );
    let entry = || keyring_core::Entry::new("updash", &format!("data key {key_id}"));
    assert!(entry().and_then(|e| e.get_secret()).is_ok());

    let status = store.summary().expect("summary");
    let protection = status.protection.expect("protection");
    assert_eq!(protection.in_use, Some(ProtectionKind::Keyring));
    assert_eq!(protection.key.word(), "available");

    // To the key file: the keyring entry goes once the file no longer needs it.
    let done = store
        .protect(ProtectionKind::Keyfile, None)
        .expect("protect");
    assert_eq!(done.from, Some(ProtectionKind::Keyring));
    assert!(done.old_key_kept.is_none());
    assert!(matches!(
        entry().and_then(|e| e.get_secret()),
        Err(keyring_core::Error::NoEntry)
    ));
    assert_eq!(names_in(&dir.path().join("data/updash")), ["key"]);
    // And back: the key file goes.
    store
        .protect(ProtectionKind::Keyring, None)
        .expect("protect back");
    assert!(names_in(&dir.path().join("data/updash")).is_empty());
    let loaded = sealed_store(dir.path(), ProtectionKind::Keyfile)
        .load()
        .expect("the file, not the config, says where the key is");
    assert_eq!(
        loaded.credentials.get(&id).and_then(|a| a.api_key.clone()),
        Some(updash::secret::Secret::new(format!("{MARKER}key-alpha")))
    );

    // Without the mock, updash turns to the platform's keyring: where none answers (no
    // D-Bus session, as in CI) the error says what to do; where one does, it lacks the key.
    keyring_core::unset_default_store();
    let err = sealed_store(dir.path(), ProtectionKind::Keyring)
        .load()
        .expect_err("the key is not in any real keyring");
    let shown = err.to_string();
    if matches!(err, StoreError::Key(KeyError::KeyringUnreachable { .. })) {
        assert!(shown.contains("OS keyring is unreachable"), "{shown}");
        assert!(shown.contains("protect --with keyfile"), "{shown}");
    } else {
        eprintln!("a real OS keyring answered here; the unreachable message was not exercised");
        assert!(err.is_key_unavailable(), "{err:?}");
    }
}
