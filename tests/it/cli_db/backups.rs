//! `updash db backup ...`, `db daily-backup` and the other switches on the built binary
//! against the sandbox: a key written, backed up, changed and restored reads back old; the
//! confirmations; a fresh database's maintenance mode waited out with a line per retry.

use super::{Env, fails, ok, ok_json};
use crate::support::cli::{stderr, stdout};
use serde_json::json;

fn set(env: &Env, key: &str, value: &str) {
    let out = env.run(&[
        "data",
        "sessions-prod",
        "--write",
        "exec",
        "--",
        "SET",
        key,
        value,
    ]);
    assert_eq!(stdout(&out), "OK\n", "{}", stderr(&out));
}

fn get(env: &Env, key: &str) -> String {
    ok(&env.run(&["data", "sessions-prod", "get", key]))
}

#[test]
fn backup_change_restore_reads_the_old_value_back() {
    let env = Env::start();
    set(&env, "greeting", "before");
    let made = ok(&env.run(&["db", "backup", "create", "sessions-prod", "pre-change"]));
    assert!(made.contains("created backup \"pre-change\""), "{made}");
    let list = ok(&env.run(&["db", "backup", "list", "sessions-prod"]));
    assert!(
        list.contains("pre-change") && list.contains("daily backups on"),
        "{list}"
    );
    set(&env, "greeting", "after");
    assert!(get(&env, "greeting").contains("after"));

    // Without a terminal or --yes nothing is restored.
    let err = fails(
        &env.run(&["db", "backup", "restore", "sessions-prod", "pre-change"]),
        2,
    );
    assert!(err.contains("--yes"), "{err}");
    assert!(get(&env, "greeting").contains("after"));

    let done = ok(&env.run(&[
        "db",
        "backup",
        "restore",
        "sessions-prod",
        "pre-change",
        "--yes",
    ]));
    assert!(done.contains("restored database sessions-prod"), "{done}");
    assert!(get(&env, "greeting").contains("before"));

    // An unknown backup is a usage error naming the list command.
    let err = fails(
        &env.run(&["db", "backup", "restore", "sessions-prod", "nope", "--yes"]),
        2,
    );
    assert!(err.contains("updash db backup list"), "{err}");

    let json = ok_json(&env.run(&["db", "backup", "list", "sessions-prod", "--json"]));
    let made = json
        .as_array()
        .and_then(|a| a.iter().find(|b| b["name"] == "pre-change"))
        .cloned()
        .expect("listed as the API sent it");
    assert!(made["customer_id"].is_string() && made["daily_backup"] == "false");
    let id = made["backup_id"].as_str().expect("id").to_string();
    let gone = ok_json(&env.run(&[
        "db",
        "backup",
        "delete",
        "sessions-prod",
        &id,
        "--yes",
        "--json",
    ]));
    assert_eq!(gone["deleted"], true);
    let json = ok_json(&env.run(&["db", "backup", "list", "sessions-prod", "--json"]));
    assert!(
        json.as_array()
            .is_some_and(|a| a.iter().all(|b| b["backup_id"] != id.as_str()))
    );
}

#[test]
fn a_fresh_database_is_backed_up_after_its_maintenance_mode() {
    use std::io::BufRead;
    let env = Env::start();
    // In maintenance until the test ends it, however slow the machine is.
    env.faults(json!({"maintenance_window_secs": 600}));
    ok(&env.run(&[
        "db",
        "create",
        "--name",
        "fresh-one",
        "--region",
        "us-east-1",
    ]));
    let mut child = env
        .bare()
        .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
        .args(["--sandbox", "db", "backup", "create", "fresh-one", "first"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("updash");
    let mut err = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut first = String::new();
    err.read_line(&mut first).expect("a line on stderr");
    assert!(
        first.starts_with("updash: ")
            && first.contains("maintenance mode")
            && first.contains("attempt 2"),
        "{first}"
    );
    // The maintenance ends: the next retry goes through.
    env.faults(json!({"maintenance_window_secs": 0}));
    let out = child.wait_with_output().expect("updash ends");
    assert!(out.status.success(), "{first}");
    assert!(
        stdout(&out).contains("created backup \"first\""),
        "{}",
        stdout(&out)
    );
    let list = ok(&env.run(&["db", "backup", "list", "fresh-one"]));
    assert!(list.contains("first"), "{list}");
}

#[test]
fn daily_backup_and_the_other_switches_show_in_get() {
    let env = Env::start();
    let off = ok(&env.run(&["db", "daily-backup", "sessions-prod", "off"]));
    assert!(off.contains("daily backups off"), "{off}");
    assert_eq!(env.database("sessions-prod")["daily_backup_enabled"], false);
    let text = ok(&env.run(&["db", "auto-upgrade", "sessions-prod", "on"]));
    assert!(
        text.contains("auto upgrade") && text.contains("on"),
        "{text}"
    );
    assert_eq!(env.database("sessions-prod")["auto_upgrade"], true);
    // The service refuses a switch already in place; the error says what failed.
    let err = fails(&env.run(&["db", "auto-upgrade", "sessions-prod", "on"]), 1);
    assert!(
        err.starts_with("updash: ") && err.contains("already enabled"),
        "{err}"
    );
    ok(&env.run(&["db", "enable-tls", "sessions-prod"]));
    let json = ok_json(&env.run(&["db", "change-plan", "sessions-prod", "fixed_1gb", "--json"]));
    assert_eq!(json["type"], "paid");
    assert!(json.get("password").is_none());
    let err = fails(&env.run(&["db", "change-plan", "sessions-prod", "gold"]), 2);
    assert!(err.contains("fixed_1gb"), "{err}");
}

#[test]
fn move_to_team_asks_then_moves() {
    let env = Env::start();
    let err = fails(
        &env.run(&["db", "move-to-team", "rate-limiter", "Platform team"]),
        2,
    );
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.ids_named("rate-limiter").len(), 1);
    let err = fails(
        &env.run(&[
            "db",
            "move-to-team",
            "rate-limiter",
            "No such team",
            "--yes",
        ]),
        2,
    );
    assert!(err.contains("updash team list"), "{err}");
    let done = ok(&env.run(&[
        "db",
        "move-to-team",
        "rate-limiter",
        "Platform team",
        "--yes",
    ]));
    assert!(done.contains("to team Platform team"), "{done}");
    assert!(env.ids_named("rate-limiter").is_empty());
}

/// `updash --sandbox ARGS` on a terminal (a pty), as the seeded personal account.
fn on_terminal(env: &Env, args: &[&str]) -> crate::support::pty::Pty {
    let root = env.home.root();
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", root);
    cmd.env("XDG_CONFIG_HOME", root.join("config"));
    cmd.env("XDG_STATE_HOME", root.join("state"));
    cmd.env("XDG_DATA_HOME", root.join("data"));
    cmd.env("UPDASH_SANDBOX_URL", &env.url);
    cmd.env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL);
    cmd.env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY);
    cmd.arg("--sandbox");
    cmd.args(args);
    crate::support::pty::Pty::spawn(cmd, 120, 30)
}

#[test]
fn restore_on_a_terminal_shows_what_is_overwritten_and_needs_the_name() {
    let env = Env::start();
    set(&env, "greeting", "before");
    ok(&env.run(&["db", "backup", "create", "sessions-prod", "pre-change"]));
    set(&env, "greeting", "after");
    let long = std::time::Duration::from_secs(20);
    let args = ["db", "backup", "restore", "sessions-prod", "pre-change"];

    let mut pty = on_terminal(&env, &args);
    let prompt = pty.wait_for("to confirm:", long);
    assert!(
        prompt.contains("replaces ALL data of database \"sessions-prod\"")
            && prompt.contains("backup \"pre-change\""),
        "{prompt}"
    );
    pty.send("sessions\r");
    assert_eq!(pty.wait_exit(long), Some(2));
    assert!(get(&env, "greeting").contains("after"), "nothing restored");

    let mut pty = on_terminal(&env, &args);
    pty.wait_for("to confirm:", long);
    pty.send("sessions-prod\r");
    pty.wait_for("restored database sessions-prod", long);
    assert_eq!(pty.wait_exit(long), Some(0));
    assert!(get(&env, "greeting").contains("before"));

    // Deleting a backup asks y/N.
    let mut pty = on_terminal(
        &env,
        &["db", "backup", "delete", "sessions-prod", "pre-change"],
    );
    pty.wait_for("[y/N]", long);
    pty.send("y\r");
    pty.wait_for("deleted backup \"pre-change\"", long);
    assert_eq!(pty.wait_exit(long), Some(0));
}
