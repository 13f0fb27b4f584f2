//! A sealed file opens with its key, and every wrong key or damaged value is a clear error
//! naming the account and field, with the file left byte for byte as it was.

use super::sealed_store;
use crate::store::{MARKER, secret_account};
use std::fs;
use std::path::Path;
use updash::store::{
    AccountId, KeyError, ProtectionKind, SecretField, Store, StoreError, UnsealProblem,
};

/// A home with two sealed accounts; returns the store, their ids and the sealed text.
fn sealed_home(root: &Path) -> (Store, AccountId, AccountId, String) {
    let store = sealed_store(root, ProtectionKind::Keyfile);
    let a = store
        .update(|c| c.add_account(secret_account("upstash", "alpha")))
        .expect("add alpha");
    let b = store
        .update(|c| c.add_account(secret_account("upstash", "beta")))
        .expect("add beta");
    let text = fs::read_to_string(store.path()).expect("read");
    (store, a, b, text)
}

/// A fresh handle (nothing cached in memory) on the store at `root`.
fn fresh(root: &Path) -> Store {
    sealed_store(root, ProtectionKind::Keyfile)
}

/// The stored (sealed) text of one field of one account.
fn stored(text: &str, id: &AccountId, field: &str) -> String {
    let table: toml::Table = toml::from_str(text).expect("toml");
    table["accounts"][id.as_str()][field]
        .as_str()
        .expect("a string")
        .to_owned()
}

/// `text` with one account's field set to `value`.
fn with_value(text: &str, id: &AccountId, field: &str, value: &str) -> String {
    let mut table: toml::Table = toml::from_str(text).expect("toml");
    let account = table["accounts"][id.as_str()]
        .as_table_mut()
        .expect("account table")
        .clone();
    let mut account = account;
    account.insert(field.into(), toml::Value::String(value.into()));
    if let Some(accounts) = table.get_mut("accounts").and_then(|a| a.as_table_mut()) {
        accounts.insert(id.as_str().into(), toml::Value::Table(account));
    }
    toml::to_string(&table).expect("render")
}

/// Loading and updating both fail with an error naming `account` and `field` (when given),
/// and the file stays byte for byte as it was.
fn assert_refused(root: &Path, account: &str, field: Option<SecretField>) -> StoreError {
    assert_refused_naming(root, &[account], field)
}

/// [`assert_refused`] where the error may name any of `accounts` (a key problem is reported
/// against the first sealed value).
fn assert_refused_naming(root: &Path, accounts: &[&str], field: Option<SecretField>) -> StoreError {
    let store = fresh(root);
    let before = fs::read(store.path()).expect("read");
    let err = store.load().expect_err("load must fail");
    let shown = format!("{err} {err:?}");
    let named = |text: &str| accounts.iter().any(|a| text.contains(a));
    assert!(named(&shown), "{shown}");
    if let Some(field) = field {
        assert!(shown.contains(field.name()), "{shown}");
    }
    assert!(!shown.contains(MARKER), "a secret leaked: {shown}");
    assert!(shown.contains("left as it is"), "{shown}");
    let err2 = fresh(root)
        .update(|c| c.add_account(secret_account("upstash", "gamma")))
        .expect_err("update must fail");
    assert!(named(&err2.to_string()), "{err2}");
    assert_eq!(
        fs::read(store.path()).expect("read"),
        before,
        "file changed"
    );
    err
}

#[test]
fn the_right_key_opens_every_secret_and_the_file_holds_none() {
    let dir = tempfile::tempdir().expect("temp");
    let (_, a, b, text) = sealed_home(dir.path());
    assert!(!text.contains(MARKER), "{text}");
    assert!(
        text.contains("version = 2") && text.contains("[seal]"),
        "{text}"
    );
    let loaded = fresh(dir.path()).load().expect("load");
    for (id, label) in [(&a, "alpha"), (&b, "beta")] {
        let account = loaded.credentials.get(id).expect("account");
        assert_eq!(
            account.api_key.as_ref().map(|s| s.expose().to_owned()),
            Some(format!("{MARKER}key-{label}"))
        );
        assert_eq!(
            account
                .refresh_token
                .as_ref()
                .map(|s| s.expose().to_owned()),
            Some(format!("{MARKER}refresh-{label}"))
        );
    }
    let key = dir.path().join("data/updash/key");
    assert_eq!(super::super::store::mode(&key), 0o600);
    assert_eq!(super::super::store::mode(key.parent().expect("dir")), 0o700);
}

#[test]
fn a_wrong_key_is_refused_naming_the_account() {
    let dir = tempfile::tempdir().expect("temp");
    sealed_home(dir.path());
    let other = tempfile::tempdir().expect("temp");
    sealed_home(other.path());
    fs::copy(
        other.path().join("data/updash/key"),
        dir.path().join("data/updash/key"),
    )
    .expect("swap the key");
    let err = assert_refused_naming(dir.path(), &["\"alpha\"", "\"beta\""], None);
    assert!(
        matches!(
            err,
            StoreError::Unseal {
                problem: UnsealProblem::Key(KeyError::Missing { .. }),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("holds another key"), "{err}");
}

#[test]
fn a_missing_key_file_is_refused_naming_the_account() {
    let dir = tempfile::tempdir().expect("temp");
    sealed_home(dir.path());
    fs::remove_file(dir.path().join("data/updash/key")).expect("remove key");
    let err = assert_refused_naming(dir.path(), &["\"alpha\"", "\"beta\""], None);
    assert!(err.to_string().contains("is missing"), "{err}");
    assert!(
        !dir.path().join("data/updash/key").exists(),
        "a refused update must not make a new key"
    );
}

#[test]
fn a_value_moved_to_another_account_does_not_open() {
    let dir = tempfile::tempdir().expect("temp");
    let (store, a, b, text) = sealed_home(dir.path());
    let moved = with_value(&text, &b, "api_key", &stored(&text, &a, "api_key"));
    fs::write(store.path(), moved).expect("write");
    let err = assert_refused(
        dir.path(),
        &format!("\"beta\" ({b})"),
        Some(SecretField::ApiKey),
    );
    assert!(
        matches!(
            err,
            StoreError::Unseal {
                problem: UnsealProblem::Rejected,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("moved from another account"),
        "{err}"
    );
}

#[test]
fn a_value_moved_to_another_field_does_not_open() {
    let dir = tempfile::tempdir().expect("temp");
    let (store, a, _, text) = sealed_home(dir.path());
    let moved = with_value(
        &text,
        &a,
        "refresh_token",
        &stored(&text, &a, "access_token"),
    );
    fs::write(store.path(), moved).expect("write");
    assert_refused(dir.path(), &a.to_string(), Some(SecretField::RefreshToken));
}

#[test]
fn a_truncated_value_does_not_open() {
    let dir = tempfile::tempdir().expect("temp");
    let (store, a, _, text) = sealed_home(dir.path());
    let value = stored(&text, &a, "access_token");
    for cut in [1, 4, 20, value.len() - "sealed:v1:".len()] {
        let damaged = with_value(&text, &a, "access_token", &value[..value.len() - cut]);
        fs::write(store.path(), damaged).expect("write");
        let err = assert_refused(dir.path(), &a.to_string(), Some(SecretField::AccessToken));
        assert!(
            matches!(
                err,
                StoreError::Unseal {
                    problem: UnsealProblem::Rejected | UnsealProblem::Malformed,
                    ..
                }
            ),
            "{cut}: {err:?}"
        );
    }
}

#[test]
fn a_plain_store_refuses_sealed_values_and_a_sealed_store_reads_plain_ones() {
    let dir = tempfile::tempdir().expect("temp");
    let (store, _, _, text) = sealed_home(dir.path());
    let err = Store::new(store.path()).load().expect_err("no key");
    assert!(err.to_string().contains("without a data key"), "{err}");
    assert_eq!(fs::read_to_string(store.path()).expect("read"), text);

    let plain_dir = tempfile::tempdir().expect("temp");
    let plain = Store::new(plain_dir.path().join("config/updash/credentials.toml"));
    let id = crate::store::add(&plain, "upstash", "plain");
    let sealed = fresh(plain_dir.path());
    let loaded = sealed.load().expect("a sealed store reads plain text");
    assert!(loaded.plain_secrets && loaded.seal.is_none());
    assert!(loaded.credentials.get(&id).is_some());
}
