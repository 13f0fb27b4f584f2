//! The credentials store as processes see it: modes, repairs, refusals, and no secret in
//! any output. Crash safety and concurrent writers are in `processes`.

mod processes;

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use time::OffsetDateTime;
use time::macros::datetime;
use updash::secret::Secret;
use updash::store::{Account, AccountId, Repair, Store, StoreError};

pub(super) const T0: OffsetDateTime = datetime!(2025-03-04 05:06:07 UTC);
pub(super) const MARKER: &str = "SECRET-MARKER-";

pub(super) fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path().join("updash").join("credentials.toml"));
    (dir, store)
}

pub(super) fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).expect("metadata").mode() & 0o777
}

pub(super) fn secret_account(provider: &str, label: &str) -> Account {
    let mut account = Account::new(provider, label, T0);
    account.email = Some(format!("{label}@example.com"));
    account.api_key = Some(Secret::new(format!("{MARKER}key-{label}")));
    account.access_token = Some(Secret::new(format!("{MARKER}access-{label}")));
    account.refresh_token = Some(Secret::new(format!("{MARKER}refresh-{label}")));
    account.expires_at = Some(T0 + time::Duration::hours(1));
    account.scopes = vec!["offline_access".into()];
    account
}

pub(super) fn add(store: &Store, provider: &str, label: &str) -> AccountId {
    store
        .update(|c| c.add_account(secret_account(provider, label)))
        .expect("add account")
}

/// Writes a file 0600 directly (as an operator's editor would), creating the 0700 dir.
fn write_raw(store: &Store, text: &str) {
    let dir = store.path().parent().expect("parent");
    fs::create_dir_all(dir).expect("create dir");
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).expect("chmod dir");
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(store.path())
        .expect("open");
    f.write_all(text.as_bytes()).expect("write");
}

fn assert_no_secret(shown: &str) {
    assert!(!shown.contains(MARKER), "a secret leaked: {shown}");
}

#[test]
fn first_write_creates_dir_0700_and_file_0600() {
    let (_dir, store) = temp_store();
    let loaded = store.load().expect("load");
    assert!(!loaded.exists && loaded.credentials.is_empty());
    assert!(
        !store.path().parent().expect("parent").exists(),
        "load creates nothing"
    );

    let id = add(&store, "upstash", "alpha");
    assert_eq!(mode(store.path()), 0o600);
    assert_eq!(mode(store.path().parent().expect("parent")), 0o700);
    assert_eq!(mode(&store.lock_path()), 0o600);

    let loaded = store.load().expect("load");
    assert!(loaded.exists && loaded.repairs.is_empty());
    assert_eq!(loaded.credentials.default_account_id(), Some(&id));
    let text = fs::read_to_string(store.path()).expect("read");
    assert!(text.contains("version = 1") && text.contains(&format!("[accounts.{id}]")));
}

#[test]
fn wider_modes_are_repaired_and_reported() {
    let (_dir, store) = temp_store();
    add(&store, "upstash", "alpha");
    let dir = store.path().parent().expect("parent").to_path_buf();
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");

    let summary = store.summary().expect("summary");
    assert!(summary.repaired());
    assert!(summary.repairs.contains(&Repair::FileMode {
        path: store.path().to_path_buf(),
        found: 0o644
    }));
    assert!(summary.repairs.contains(&Repair::DirMode {
        path: dir.clone(),
        found: 0o755
    }));
    let shown = summary.to_string();
    assert!(shown.contains("0644") && shown.contains("0600"), "{shown}");
    assert!(shown.contains("accounts for upstash: 1"), "{shown}");
    assert_eq!(
        (summary.file_mode, summary.dir_mode),
        (Some(0o600), Some(0o700))
    );
    assert_eq!(mode(store.path()), 0o600);
    assert_eq!(mode(&dir), 0o700);

    assert!(
        store.load().expect("load").repairs.is_empty(),
        "repaired once"
    );
}

#[test]
fn corrupt_file_is_reported_with_line_and_never_overwritten() {
    let (_dir, store) = temp_store();
    let text = format!(
        "version = 1\n\n[accounts.abc]\nprovider = \"upstash\"\nlabel = = \"{MARKER}oops\"\n"
    );
    write_raw(&store, &text);

    let err = store.load().expect_err("must not parse");
    let shown = err.to_string();
    assert!(matches!(err, StoreError::Parse { line: 5, .. }), "{err:?}");
    assert!(
        shown.contains(&format!("{}:5:", store.path().display())),
        "{shown}"
    );
    assert!(shown.contains("will not overwrite"), "{shown}");
    assert_no_secret(&format!("{shown} {err:?}"));
    assert_eq!(fs::read_to_string(store.path()).expect("read"), text);

    let mut called = false;
    let err = store
        .update(|c| {
            called = true;
            c.add_account(secret_account("upstash", "new"))
        })
        .expect_err("update must refuse");
    assert!(matches!(err, StoreError::Parse { .. }), "{err:?}");
    assert!(
        !called,
        "the change is never applied to a file that does not parse"
    );
    assert_eq!(fs::read_to_string(store.path()).expect("read"), text);
    assert!(store.summary().is_err());
}

#[test]
fn failed_change_writes_nothing() {
    let (_dir, store) = temp_store();
    add(&store, "upstash", "alpha");
    let before = fs::read(store.path()).expect("read");
    let unknown = AccountId::parse("nope").expect("id");
    let err = store
        .update(|c| {
            c.add_account(secret_account("upstash", "beta"))?;
            c.set_default(&unknown)
        })
        .expect_err("unknown default");
    assert!(matches!(err, StoreError::UnknownAccount { .. }));
    assert_eq!(fs::read(store.path()).expect("read"), before);
}

#[test]
fn no_secret_in_debug_output_or_errors() {
    let (_dir, store) = temp_store();
    add(&store, "upstash", "alpha");
    add(&store, "sandbox", "beta");
    let loaded = store.load().expect("load");
    let (_, account) = loaded.credentials.accounts().next().expect("an account");
    let file = fs::read_to_string(store.path()).expect("read");
    assert!(file.contains(MARKER), "the file itself holds the secrets");

    let mut shown = vec![
        format!("{:?}", loaded.credentials),
        format!("{:#?}", loaded),
        format!("{account:?}"),
        store.summary().expect("summary").to_string(),
        format!("{:?}", store.summary().expect("summary")),
    ];
    // Every error a broken file can produce, from files full of secrets.
    let broken = [
        file.replacen("version = 1", "version = 1\nextra = 2", 1),
        file.replacen("scopes = [", "scopes = \"SECRET-MARKER-x\"\nxscopes = [", 1),
        file.replacen(
            &format!("\"{MARKER}key-alpha\""),
            &format!("{MARKER}unquoted"),
            1,
        ),
        file.replacen(
            &format!("\"{MARKER}key-alpha\""),
            &format!("\"{MARKER}open"),
            1,
        ),
        file.replacen(&format!("\"{MARKER}key-alpha\""), "[1, 2]", 1),
        file.replacen("version = 1", "version = 7", 1),
    ];
    for text in &broken {
        write_raw(&store, text);
        let err = store.load().expect_err("broken file");
        shown.push(format!("{err} {err:?}"));
        let err = store.update(|_| Ok(())).expect_err("broken file");
        shown.push(format!("{err} {err:?}"));
        assert_eq!(&fs::read_to_string(store.path()).expect("read"), text);
    }
    for s in &shown {
        assert_no_secret(s);
    }
}

#[test]
fn file_owned_by_another_user_is_refused() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("not root: cannot give a file to another user; ownership check not exercised");
        return;
    }
    let (_dir, store) = temp_store();
    add(&store, "upstash", "alpha");
    let before = fs::read(store.path()).expect("read");
    std::os::unix::fs::chown(store.path(), Some(65534), Some(65534)).expect("chown");

    let err = store.load().expect_err("must refuse");
    assert!(
        matches!(
            err,
            StoreError::WrongOwner {
                owner: 65534,
                you: 0,
                ..
            }
        ),
        "{err:?}"
    );
    let shown = err.to_string();
    assert!(shown.contains(&store.path().display().to_string()) && shown.contains("uid 65534"));
    assert!(store.update(|_| Ok(())).is_err());
    assert_eq!(fs::read(store.path()).expect("read"), before);
    assert_eq!(fs::metadata(store.path()).expect("meta").uid(), 65534);
}

#[test]
fn symlink_in_place_of_the_file_is_refused() {
    let (dir, store) = temp_store();
    let elsewhere = Store::new(dir.path().join("elsewhere").join("credentials.toml"));
    add(&elsewhere, "upstash", "alpha");
    let target_before = fs::read(elsewhere.path()).expect("read");
    fs::create_dir_all(store.path().parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(elsewhere.path(), store.path()).expect("symlink");

    let err = store.load().expect_err("must refuse");
    assert!(matches!(err, StoreError::Symlink { .. }), "{err:?}");
    assert!(err.to_string().contains("symbolic link"));
    let err = store
        .update(|c| c.add_account(secret_account("upstash", "beta")))
        .expect_err("must refuse");
    assert!(matches!(err, StoreError::Symlink { .. }), "{err:?}");
    assert!(
        fs::symlink_metadata(store.path())
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(elsewhere.path()).expect("read"), target_before);
}

#[test]
fn summary_counts_accounts_per_provider() {
    let (_dir, store) = temp_store();
    let empty = store.summary().expect("summary");
    assert!(!empty.exists && empty.file_mode.is_none() && empty.account_count() == 0);
    add(&store, "upstash", "a");
    add(&store, "upstash", "b");
    let c = add(&store, "sandbox", "c");
    store
        .update(|creds| {
            let account = creds
                .get_mut(&c)
                .ok_or(StoreError::UnknownAccount { id: c.clone() })?;
            account.clear_secrets(T0);
            Ok(())
        })
        .expect("update");
    let summary = store.summary().expect("summary");
    assert!(summary.exists && !summary.repaired());
    assert_eq!(summary.accounts_by_provider.get("upstash"), Some(&2));
    assert_eq!(summary.accounts_by_provider.get("sandbox"), Some(&1));
    assert_eq!(summary.needing_sign_in, 1);
    assert_eq!(summary.file_mode, Some(0o600));
    assert!(summary.to_string().contains("default account: a ("));
}

/// The header says comments are not kept, and that is what happens: a hand-edited value
/// survives the next write, a hand-written comment does not.
#[test]
fn values_edited_by_hand_are_kept_and_comments_are_not_as_the_header_says() {
    let (_dir, store) = temp_store();
    add(&store, "upstash", "work");
    let text = fs::read_to_string(store.path()).expect("read");
    assert!(
        text.starts_with("# updash credentials:") && text.contains("comments are not"),
        "{text}"
    );
    let edited = text
        .replace("label = \"work\"", "label = \"renamed-by-hand\"")
        .replace("[accounts.", "# my note about this account\n[accounts.");
    assert_ne!(edited, text, "the edit applies");
    fs::write(store.path(), &edited).expect("write");
    add(&store, "upstash", "second");
    let after = fs::read_to_string(store.path()).expect("read");
    assert!(after.contains("label = \"renamed-by-hand\""), "{after}");
    assert!(!after.contains("my note about this account"), "{after}");
    assert!(after.contains("comments are not"), "{after}");
}
