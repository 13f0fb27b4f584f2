//! `protection = "passphrase"` end to end on the built binary: protect, a locked command
//! without a terminal exits 3 with the `updash unlock` hint, `unlock` from stdin serves a
//! second process without asking, `lock` forgets, a terminal is asked (pty), and the
//! dashboard asks in its own dialog instead (pty).

use super::assert_nowhere;
use crate::cli_login::{run, sandbox, updash};
use crate::support::cli::{Home, stderr, stdout};
use crate::support::pty::Pty;
use std::io::Write;
use std::process::{Output, Stdio};
use std::time::Duration;
use updash::secret::Secret;
use updash::store::Account;
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

const PASSPHRASE: &str = "correct horse battery staple";

/// `updash args...` with `input` on stdin.
fn run_with_stdin(home: &Home, url: &str, args: &[&str], input: &str) -> Output {
    let mut child = updash(home, url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("stdin");
    }
    child.wait_with_output().expect("wait")
}

fn assert_locked_exit(out: &Output) {
    assert_eq!(out.status.code(), Some(3), "{}", stderr(out));
    assert!(
        stderr(out).contains("run `updash unlock`"),
        "{}",
        stderr(out)
    );
}

/// A home with the seeded API-key account, protected by [`PASSPHRASE`].
fn protected_home(url: &str) -> Home {
    let home = Home::new();
    let mut account = Account::new("sandbox", "me", time::OffsetDateTime::now_utc());
    account.email = Some(SEEDED_EMAIL.into());
    account.api_key = Some(Secret::new(SEEDED_API_KEY));
    home.store()
        .update(|c| c.add_account(account))
        .expect("account");
    let out = run_with_stdin(
        &home,
        url,
        &[
            "store",
            "protect",
            "--with",
            "passphrase",
            "--passphrase-stdin",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("keyfile -> passphrase"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        super::names_in(&home.root().join("data/updash")),
        ["key.wrapped"],
        "the key file is gone once the wrapped key took its place"
    );
    home
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unlock_serves_other_processes_until_lock() {
    let sb = sandbox().await;
    let url = sb.url();
    let home = protected_home(url);

    // Locked, no terminal: exit 3 and the way out; status still reports, without the key.
    assert_locked_exit(&run(&home, url, &["--sandbox", "db", "list"]));
    let out = run(&home, url, &["status", "--json"]);
    assert_locked_exit(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["credentials"]["protection"]["kind"], "passphrase");
    assert_eq!(v["credentials"]["protection"]["key"], "locked");
    assert_eq!(v["accounts"][0]["label"], "me");
    let out = run(&home, url, &["config", "check", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["credentials"]["protection"]["key"], "locked");

    // A wrong passphrase is refused with exit 3.
    let out = run_with_stdin(
        &home,
        url,
        &["unlock", "--passphrase-stdin"],
        "not it at all\n",
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrong passphrase"),
        "{}",
        stderr(&out)
    );

    if let Err(why) = updash::store::kernel_keyring_check() {
        eprintln!("SKIPPED the cached-unlock part: {why}");
        let out = run_with_stdin(
            &home,
            url,
            &["unlock", "--passphrase-stdin"],
            &format!("{PASSPHRASE}\n"),
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("kernel keyring is unavailable"),
            "{}",
            stderr(&out)
        );
        sb.shutdown().await;
        return;
    }
    let out = run_with_stdin(
        &home,
        url,
        &["unlock", "--for", "5m", "--passphrase-stdin"],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("unlocked until"), "{}", stderr(&out));

    // Another process, no terminal, no passphrase: it works.
    let out = run(&home, url, &["--sandbox", "db", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("database_name"), "{}", stdout(&out));
    let out = run(&home, url, &["status", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["credentials"]["protection"]["key"], "available");

    let out = run(&home, url, &["lock"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("forgotten"), "{}", stderr(&out));
    assert_locked_exit(&run(&home, url, &["--sandbox", "db", "list"]));

    assert_nowhere(home.root(), &[SEEDED_API_KEY, PASSPHRASE]);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_command_asks_on_the_terminal() {
    let sb = sandbox().await;
    let url = sb.url();
    let home = protected_home(url);
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    for (k, v) in [
        ("HOME", home.root().to_path_buf()),
        ("XDG_CONFIG_HOME", home.root().join("config")),
        ("XDG_STATE_HOME", home.root().join("state")),
        ("XDG_DATA_HOME", home.root().join("data")),
    ] {
        cmd.env(k, v);
    }
    cmd.env("UPDASH_SANDBOX_URL", url);
    cmd.env("TERM", "xterm");
    cmd.args(["--sandbox", "db", "list"]);
    let mut pty = Pty::spawn(cmd, 120, 30);
    pty.wait_for(
        "Passphrase for the updash credentials",
        Duration::from_secs(20),
    );
    pty.send("not the passphrase\r");
    pty.wait_for("wrong passphrase, try again", Duration::from_secs(20));
    pty.send(&format!("{PASSPHRASE}\r"));
    let screen = pty.wait_for("sessions-prod", Duration::from_secs(20));
    assert!(
        !screen.contains(PASSPHRASE),
        "the passphrase was echoed: {screen}"
    );
    assert_eq!(pty.wait_exit(Duration::from_secs(20)), Some(0));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_asks_for_the_passphrase_in_its_own_dialog() {
    let sb = sandbox().await;
    let url = sb.url();
    let home = protected_home(url);
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    for (k, v) in [
        ("HOME", home.root().to_path_buf()),
        ("XDG_CONFIG_HOME", home.root().join("config")),
        ("XDG_STATE_HOME", home.root().join("state")),
        ("XDG_DATA_HOME", home.root().join("data")),
    ] {
        cmd.env(k, v);
    }
    cmd.env("UPDASH_SANDBOX_URL", url);
    cmd.env("TERM", "xterm-256color");
    cmd.args(["--sandbox"]);
    let mut pty = Pty::spawn(cmd, 100, 30);
    let screen = pty.wait_for("Unlock the credentials", Duration::from_secs(20));
    assert!(
        pty.alternate_screen(),
        "asked inside the dashboard: {screen}"
    );
    pty.send("not the passphrase\r");
    pty.wait_for("Wrong passphrase, try again", Duration::from_secs(20));
    pty.send(&format!("{PASSPHRASE}\r"));
    // Unlocked: the usable account's databases.
    let screen = pty.wait_for("Databases of ", Duration::from_secs(20));
    assert!(!screen.contains(PASSPHRASE), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(20)), Some(0));
    assert_nowhere(home.root(), &[SEEDED_API_KEY, PASSPHRASE]);
    sb.shutdown().await;
}
