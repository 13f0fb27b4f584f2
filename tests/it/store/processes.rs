//! The store under real processes: a writer killed with SIGKILL at random moments, and two
//! processes adding accounts at once. Children are this test binary re-run with
//! `UPDASH_TEST_CHILD` set, which turns `child_process` from a no-op into the child's body.

use super::{MARKER, T0, add, mode, temp_store};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};
use updash::secret::Secret;
use updash::store::{Account, AccountId, Credentials, Store};

/// Names the role of a child process; unset in a normal test run.
const CHILD_ROLE: &str = "UPDASH_TEST_CHILD";
/// The credentials file a child works on.
const CHILD_STORE: &str = "UPDASH_TEST_STORE";
/// A file the child creates once it is running.
const CHILD_READY: &str = "UPDASH_TEST_READY";
/// A file the child waits for before acting (adders).
const CHILD_GO: &str = "UPDASH_TEST_GO";
/// The label an adder adds.
const CHILD_LABEL: &str = "UPDASH_TEST_LABEL";

/// The entry point of child processes; does nothing in a normal test run.
#[test]
fn child_process() {
    let Ok(role) = std::env::var(CHILD_ROLE) else {
        return;
    };
    let path = PathBuf::from(std::env::var(CHILD_STORE).expect("store path"));
    let ready = PathBuf::from(std::env::var(CHILD_READY).expect("ready path"));
    let store = Store::new(path);
    match role.as_str() {
        "writer" => run_writer(&store, &ready),
        "adder" => run_adder(&store, &ready),
        other => panic!("unknown child role {other}"),
    }
}

fn spawn_child(role: &str, store: &Store, ready: &Path, extra: &[(&str, String)]) -> Child {
    let exe = std::env::current_exe().expect("current exe");
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        "store::processes::child_process",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ])
    .env(CHILD_ROLE, role)
    .env(CHILD_STORE, store.path())
    .env(CHILD_READY, ready)
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().expect("spawn child")
}

fn wait_for_file(path: &Path, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        if let Some(status) = child.try_wait().expect("try_wait") {
            panic!("child exited before it was ready: {status}");
        }
        assert!(Instant::now() < deadline, "child never became ready");
        sleep(Duration::from_micros(300));
    }
}

/// The id of the one account the writer rewrites.
fn writer_id() -> AccountId {
    AccountId::parse("crash001").expect("id")
}

/// Version `n` of the file, different in size and shape from its neighbours.
fn writer_version(n: u64) -> Credentials {
    let mut creds = Credentials::new();
    let mut account = Account::new("sandbox", format!("version-{n}"), T0);
    account.updated_at = T0 + time::Duration::seconds(n as i64);
    account.api_key = Some(Secret::new(format!(
        "{MARKER}{n}-{}",
        "k".repeat((n % 97) as usize)
    )));
    account.scopes = (0..n % 5).map(|i| format!("scope-{i}")).collect();
    account.needs_sign_in = n % 2 == 1;
    creds.insert_account(writer_id(), account);
    if n.is_multiple_of(3) {
        let extra = AccountId::parse("extra01").expect("id");
        creds.insert_account(extra, Account::new("upstash", format!("extra-{n}"), T0));
    }
    creds
}

/// The version number of the writer's file.
fn writer_version_of(creds: &Credentials) -> Option<u64> {
    creds
        .get(&writer_id())?
        .label
        .strip_prefix("version-")?
        .parse()
        .ok()
}

fn run_writer(store: &Store, ready: &Path) {
    let mut first = true;
    loop {
        store
            .update(|c| {
                let next = writer_version_of(c).map_or(0, |n| n + 1);
                *c = writer_version(next);
                Ok(())
            })
            .expect("writer update");
        if first {
            fs::write(ready, b"").expect("ready file");
            first = false;
        }
    }
}

fn run_adder(store: &Store, ready: &Path) {
    let go = PathBuf::from(std::env::var(CHILD_GO).expect("go path"));
    let label = std::env::var(CHILD_LABEL).expect("label");
    fs::write(ready, b"").expect("ready file");
    while !go.exists() {
        std::hint::spin_loop();
    }
    add(store, "sandbox", &label);
}

#[test]
fn sigkill_mid_write_leaves_a_whole_version() {
    const KILLS: usize = 200;
    let (dir, store) = temp_store();
    let mut last = None;
    for round in 0..KILLS {
        let ready = dir.path().join(format!("ready-{round}"));
        let mut child = spawn_child("writer", &store, &ready, &[]);
        wait_for_file(&ready, &mut child);
        sleep(Duration::from_millis(rand::random_range(2..=30)));
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");

        let loaded = store
            .load()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(
            loaded.repairs.is_empty(),
            "round {round}: {:?}",
            loaded.repairs
        );
        assert_eq!(mode(store.path()), 0o600, "round {round}");
        let n = writer_version_of(&loaded.credentials).expect("a writer version");
        assert_eq!(
            loaded.credentials,
            writer_version(n),
            "round {round}: a torn version"
        );
        assert!(
            last.is_none_or(|l| n > l),
            "round {round}: version went back"
        );
        last = Some(n);
    }
    assert!(last.is_some_and(|n| n + 1 >= KILLS as u64));
}

#[test]
fn two_processes_adding_at_once_lose_nothing() {
    const ROUNDS: usize = 100;
    let (dir, store) = temp_store();
    for round in 0..ROUNDS {
        let go = dir.path().join(format!("go-{round}"));
        let labels = [format!("round-{round}-a"), format!("round-{round}-b")];
        let mut children: Vec<(Child, PathBuf)> = labels
            .iter()
            .map(|label| {
                let ready = dir.path().join(format!("ready-{label}"));
                let extra = [
                    (CHILD_GO, go.display().to_string()),
                    (CHILD_LABEL, label.clone()),
                ];
                (spawn_child("adder", &store, &ready, &extra), ready)
            })
            .collect();
        for (child, ready) in &mut children {
            wait_for_file(ready, child);
        }
        fs::write(&go, b"").expect("go file");
        for (mut child, _) in children {
            assert!(
                child.wait().expect("wait").success(),
                "round {round}: adder failed"
            );
        }
        let loaded = store.load().expect("load");
        for label in &labels {
            assert_eq!(
                loaded.credentials.find_by_label(label).count(),
                1,
                "round {round}: {label} lost"
            );
        }
        assert_eq!(loaded.credentials.len(), 2 * (round + 1));
    }
}
