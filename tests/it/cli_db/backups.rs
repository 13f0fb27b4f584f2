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
    let env = Env::start();
    env.faults(json!({"maintenance_window_secs": 2}));
    ok(&env.run(&[
        "db",
        "create",
        "--name",
        "fresh-one",
        "--region",
        "us-east-1",
    ]));
    let out = env.run(&["db", "backup", "create", "fresh-one", "first"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("maintenance mode") && err.contains("attempt 2"),
        "{err}"
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
