//! `db rename`, `db reset-password`, `db delete`, `db update-regions`, `db eviction`,
//! `db budget`.

use super::{Env, assert_no_secrets, fails, ok, ok_json};

#[test]
fn rename_text_and_json() {
    let env = Env::start();
    let id = env.database("rate-limiter")["database_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let text = ok(&env.run(&["db", "rename", "rate-limiter", "limiter"]));
    assert!(
        text.contains("from \"rate-limiter\" to \"limiter\""),
        "{text}"
    );
    assert_eq!(env.ids_named("limiter"), vec![id.clone()]);
    let json = ok_json(&env.run(&["db", "rename", &id, "limiter-2", "--json"]));
    assert_eq!(json["database_name"], "limiter-2");
    assert!(json.get("password").is_none());
}

#[test]
fn reset_password_hides_the_new_one_unless_asked() {
    let env = Env::start();
    let old = env.database("analytics-events")["password"].clone();
    let text = ok(&env.run(&["db", "reset-password", "analytics-events"]));
    let new = env.database("analytics-events")["password"].clone();
    assert_ne!(old, new);
    assert!(text.contains("updash db env"), "{text}");
    let new_pw = new.as_str().expect("pw").to_owned();
    assert_no_secrets(&[&text, &env.home.log_text()], &[&new_pw]);

    let json = ok_json(&env.run(&["db", "reset-password", "analytics-events", "--json"]));
    assert!(json.get("password").is_none(), "{json}");
    let json = ok_json(&env.run(&[
        "db",
        "reset-password",
        "analytics-events",
        "--show-secrets",
        "--json",
    ]));
    assert_eq!(
        json["password"],
        env.database("analytics-events")["password"]
    );
}

#[test]
fn delete_needs_yes_without_a_terminal() {
    let env = Env::start();
    let err = fails(&env.run(&["db", "delete", "sessions-prod"]), 2);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.ids_named("sessions-prod").len(), 1);

    let text = ok(&env.run(&["db", "delete", "sessions-prod", "--yes"]));
    assert!(
        text.contains("deleted database \"sessions-prod\""),
        "{text}"
    );
    assert!(env.ids_named("sessions-prod").is_empty());

    let id = env.ids_named("rate-limiter").remove(0);
    let json = ok_json(&env.run(&["db", "delete", &id, "--yes", "--json"]));
    assert_eq!(json["deleted"], true);
    assert_eq!(json["database_id"], id.as_str());
    assert!(env.ids_named("rate-limiter").is_empty());
    // Deleting by an ambiguous name deletes nothing.
    fails(&env.run(&["db", "delete", "cache", "--yes"]), 2);
    assert_eq!(env.ids_named("cache").len(), 2);
}

#[test]
fn regions_eviction_and_budget() {
    let env = Env::start();
    let text = ok(&env.run(&["db", "update-regions", "sessions-prod", "eu-west-1"]));
    assert!(text.contains("read regions now: eu-west-1"), "{text}");
    assert_eq!(
        env.database("sessions-prod")["read_regions"],
        serde_json::json!(["eu-west-1"])
    );
    let json = ok_json(&env.run(&["db", "update-regions", "sessions-prod", "--json"]));
    assert_eq!(json["read_regions"], serde_json::json!([]));
    let err = fails(
        &env.run(&["db", "update-regions", "sessions-prod", "atlantis-1"]),
        1,
    );
    assert!(err.contains("atlantis-1"), "{err}");

    let text = ok(&env.run(&["db", "eviction", "sessions-prod", "off"]));
    assert!(text.contains("eviction off"), "{text}");
    assert_eq!(env.database("sessions-prod")["eviction"], false);
    let json = ok_json(&env.run(&["db", "eviction", "sessions-prod", "on", "--json"]));
    assert_eq!(json["eviction"], true);
    fails(&env.run(&["db", "eviction", "sessions-prod", "maybe"]), 2);

    let text = ok(&env.run(&["db", "budget", "sessions-prod", "500"]));
    assert!(text.contains("budget now 500"), "{text}");
    let json = ok_json(&env.run(&["db", "budget", "sessions-prod", "750", "--json"]));
    assert_eq!(json["budget"], 750);
}
