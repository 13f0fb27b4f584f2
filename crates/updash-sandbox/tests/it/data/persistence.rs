//! Keyspaces on disk: kept across a restart (saved shortly after a change, not only at
//! shutdown), nothing written when ephemeral, a million seeded keys that start fast and are
//! not seeded again, and damaged or strange files refused with a clear error.

use super::DataEnv;
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};
use updash_sandbox::{Options, Sandbox};

fn persisted(dir: &Path) -> Options {
    Options {
        data_dir: Some(dir.to_path_buf()),
        ..Options::default()
    }
}

#[tokio::test]
async fn keys_survive_a_restart_and_are_saved_soon_after_a_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = DataEnv::with(persisted(dir.path())).await;
    env.cmd(json!(["FLUSHDB"])).await;
    assert_eq!(
        env.result(json!(["SET", "kept", "yes", "EX", 1000])).await,
        "OK"
    );
    assert_eq!(env.result(json!(["HSET", "h", "a", 1])).await, 1);
    let file = dir
        .path()
        .join("keyspaces")
        .join(format!("{}.ks", env.db_id));
    let deadline = Instant::now() + Duration::from_secs(5);
    while !file.exists() {
        assert!(
            Instant::now() < deadline,
            "no keyspace file at {}",
            file.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let db_id = env.db_id.clone();
    env.stop().await;
    let again = DataEnv::with(persisted(dir.path())).await;
    assert_eq!(again.db_id, db_id);
    assert_eq!(again.result(json!(["GET", "kept"])).await, "yes");
    assert_eq!(again.result(json!(["HGET", "h", "a"])).await, "1");
    let ttl = again.result(json!(["TTL", "kept"])).await;
    assert!(ttl.as_i64().is_some_and(|t| t > 990), "{ttl}");
    again.stop().await;
}

#[tokio::test]
async fn a_million_seeded_keys_start_fast_and_are_not_seeded_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let env = DataEnv::with(Options {
        seed_keys: 1_000_000,
        ..persisted(dir.path())
    })
    .await;
    let first_start = started.elapsed();
    let name = env.sandbox.seed_keys_database().expect("named").to_string();
    assert!(name.contains(&env.db_id), "{name}");
    let size = env.result(json!(["DBSIZE"])).await.as_i64().expect("int");
    assert!(size >= 1_000_000, "{size}");
    let page = env.result(json!(["SCAN", 0, "COUNT", 5000])).await;
    let keys = page[1].as_array().map_or(0, Vec::len);
    assert!(
        (1..=1000).contains(&keys),
        "one SCAN examines at most 1,000 keys: {keys}"
    );
    assert_eq!(env.result(json!(["SET", "after", "seeding"])).await, "OK");
    env.stop().await;
    let started = Instant::now();
    let again = DataEnv::with(Options {
        seed_keys: 1_000_000,
        ..persisted(dir.path())
    })
    .await;
    let second_start = started.elapsed();
    assert!(
        again.sandbox.seed_keys_database().is_none(),
        "not seeded twice"
    );
    assert_eq!(again.result(json!(["DBSIZE"])).await, size + 1);
    // Generous bounds against a start gone wrong (seeding twice, reading key by key); the
    // data plane's figures are in benches/data_plane.rs.
    assert!(
        first_start < Duration::from_secs(120) && second_start < Duration::from_secs(60),
        "start took {first_start:?}, restart {second_start:?}"
    );
    again.stop().await;
}

#[tokio::test]
async fn a_damaged_or_strange_keyspace_file_stops_the_start_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    Sandbox::start(persisted(dir.path()))
        .await
        .expect("first start")
        .shutdown()
        .await;
    let keyspaces = dir.path().join("keyspaces");
    std::fs::create_dir_all(&keyspaces).expect("folder");
    let damaged = keyspaces.join("0000-damaged.ks");
    std::fs::write(&damaged, b"not a keyspace").expect("write");
    let err = Sandbox::start(persisted(dir.path()))
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("damaged"), "{err}");
    std::fs::remove_file(&damaged).expect("remove");
    let fifo = keyspaces.join("0000-fifo.ks");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let started = Instant::now();
        let err = Sandbox::start(persisted(dir.path()))
            .await
            .err()
            .expect("refused");
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
        std::fs::remove_file(&fifo).expect("remove");
    }
    std::fs::remove_file(dir.path().join("state.json")).expect("remove state");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("state.json")).expect("link");
    let err = Sandbox::start(persisted(dir.path()))
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

/// Names the child's role; unset in a normal test run.
const CHILD_ROLE: &str = "UPDASH_SANDBOX_TEST_CHILD";

#[test]
fn an_ephemeral_sandbox_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = std::env::current_exe().expect("test binary");
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "data::persistence::ephemeral_child",
            "--nocapture",
        ])
        .env(CHILD_ROLE, "ephemeral")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("TMPDIR", dir.path().join("none"))
        .current_dir(dir.path())
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "child failed:\n{stdout}");
    assert!(
        stdout.contains("1 passed"),
        "the child ran no test:\n{stdout}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "an ephemeral sandbox wrote {left:?}");
}

/// The child's body: an ephemeral sandbox taking writes; a no-op in a normal run.
#[test]
fn ephemeral_child() {
    if std::env::var(CHILD_ROLE).as_deref() != Ok("ephemeral") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let env = DataEnv::embedded().await;
        assert_eq!(env.result(json!(["SET", "k", "v"])).await, "OK");
        tokio::time::sleep(Duration::from_millis(1200)).await; // past the save debounce
        env.stop().await;
    });
}
