//! A sealed store under real processes: two writers adding at once lose nothing, and a
//! re-seal (`updash store protect`) killed with SIGKILL at random moments always leaves a
//! file whose every secret opens. Children are this test binary re-run with
//! `UPDASH_SEAL_CHILD` set, or the built `updash`.

use super::{names_in, sealed_store};
use crate::store::{MARKER, secret_account};
use crate::support::cli::Home;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};
use updash::secret::Secret;
use updash::store::{Credentials, ProtectionKind, Store};

const CHILD_ROLE: &str = "UPDASH_SEAL_CHILD";
const CHILD_ROOT: &str = "UPDASH_SEAL_ROOT";
const CHILD_LABEL: &str = "UPDASH_SEAL_LABEL";
const CHILD_ROUNDS: &str = "UPDASH_SEAL_ROUNDS";
const PASSPHRASE: &str = "a passphrase for killed re-seals";

/// The entry point of child processes; does nothing in a normal test run.
#[test]
fn seal_child_process() {
    let Ok(role) = std::env::var(CHILD_ROLE) else {
        return;
    };
    let root = PathBuf::from(std::env::var(CHILD_ROOT).expect("root"));
    let label = std::env::var(CHILD_LABEL).expect("label");
    let rounds: usize = std::env::var(CHILD_ROUNDS)
        .expect("rounds")
        .parse()
        .expect("a number");
    assert_eq!(role, "sealed-adder");
    let store = sealed_store(&root, ProtectionKind::Keyfile);
    for round in 0..rounds {
        store
            .update(|c| c.add_account(secret_account("sandbox", &format!("{label}-{round}"))))
            .expect("add");
    }
}

fn spawn_adder(root: &Path, label: &str, rounds: usize) -> Child {
    Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--exact",
            "store_seal::processes::seal_child_process",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_ROLE, "sealed-adder")
        .env(CHILD_ROOT, root)
        .env(CHILD_LABEL, label)
        .env(CHILD_ROUNDS, rounds.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child")
}

/// Every account's secrets are the ones [`secret_account`] gave it.
fn assert_all_open(creds: &Credentials) {
    for (_, account) in creds.accounts() {
        let label = &account.label;
        assert_eq!(
            account.api_key,
            Some(Secret::new(format!("{MARKER}key-{label}"))),
            "{label}"
        );
        assert_eq!(
            account.refresh_token,
            Some(Secret::new(format!("{MARKER}refresh-{label}"))),
            "{label}"
        );
    }
}

#[test]
fn two_processes_sealing_at_once_lose_nothing() {
    const ROUNDS: usize = 40;
    let dir = tempfile::tempdir().expect("temp");
    let children: Vec<Child> = ["a", "b"]
        .iter()
        .map(|label| spawn_adder(dir.path(), label, ROUNDS))
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "an adder failed");
    }
    let loaded = sealed_store(dir.path(), ProtectionKind::Keyfile)
        .load()
        .expect("load");
    assert_eq!(loaded.credentials.len(), 2 * ROUNDS);
    assert_all_open(&loaded.credentials);
    let text = std::fs::read_to_string(loaded_path(dir.path())).expect("read");
    assert!(!text.contains(MARKER));
    assert_eq!(
        names_in(&dir.path().join("data/updash")),
        ["key"],
        "one key"
    );
}

fn loaded_path(root: &Path) -> PathBuf {
    root.join("config/updash/credentials.toml")
}

/// Starts `updash store protect --with KIND`, feeding the passphrases it may ask for.
fn start_protect(home: &Home, kind: ProtectionKind) -> Child {
    let mut child = home
        .updash()
        .args([
            "store",
            "protect",
            "--with",
            kind.name(),
            "--passphrase-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn updash");
    if let Some(mut stdin) = child.stdin.take() {
        // Current passphrase (when locked), then the new one: the same here.
        let _ = stdin.write_all(format!("{PASSPHRASE}\n{PASSPHRASE}\n").as_bytes());
    }
    child
}

/// A handle that can open the file whatever protection it has now.
fn opened(home: &Home) -> Credentials {
    let store: Store = home.store();
    if store.needs_unlock().expect("read the header") {
        store
            .unlock_with(&Secret::new(PASSPHRASE), None)
            .expect("unlock");
    }
    store.load().expect("every secret opens").credentials
}

#[test]
fn a_reseal_killed_at_any_moment_leaves_every_secret_openable() {
    const KILLS: usize = 150;
    let home = Home::new();
    let store = home.store();
    for label in ["one", "two", "three"] {
        store
            .update(|c| c.add_account(secret_account("sandbox", label)))
            .expect("add");
    }
    let expected = opened(&home);
    let kinds = [ProtectionKind::Keyfile, ProtectionKind::Passphrase];
    let started = Instant::now();
    let (mut killed, mut caught_midway) = (0, 0);
    for round in 0..KILLS {
        // Mostly key rotations (fast); every few rounds a switch to or from a passphrase.
        let kind = if round % 6 < 3 { kinds[0] } else { kinds[1] };
        let mut child = start_protect(&home, kind);
        sleep(Duration::from_millis(rand::random_range(0..=60)));
        if child.try_wait().expect("try_wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(home.credentials()).expect("read");
        if text.contains("pending") || text.contains("retiring") {
            caught_midway += 1;
        }
        let now = opened(&home);
        assert_eq!(now, expected, "round {round}: the secrets changed");
        assert_all_open(&now);
    }
    // A re-seal that runs to its end tidies whatever the killed ones left.
    let mut last = start_protect(&home, ProtectionKind::Keyfile);
    let status = last.wait().expect("wait");
    let mut err = String::new();
    if let Some(mut e) = last.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert!(status.success(), "{err}");
    assert_eq!(opened(&home), expected);
    assert_eq!(names_in(&home.root().join("data/updash")), ["key"], "{err}");
    let key_lines = std::fs::read_to_string(home.root().join("data/updash/key"))
        .expect("key")
        .lines()
        .filter(|l| l.starts_with("v1 "))
        .count();
    assert_eq!(key_lines, 1, "only the file's key is left");
    assert_eq!(
        names_in(&home.config_dir()),
        ["credentials.toml", "credentials.toml.lock"]
    );
    let text = std::fs::read_to_string(home.credentials()).expect("read");
    assert!(
        !text.contains("pending") && !text.contains("retiring"),
        "{text}"
    );
    eprintln!(
        "{KILLS} re-seals, {killed} killed while running, {caught_midway} left a re-seal note, \
         in {:?}",
        started.elapsed()
    );
    assert!(killed >= KILLS / 3, "too few kills landed: {killed}");
}
