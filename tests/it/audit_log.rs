//! The audit log: the model against a recorded-style fixture, the typed client and
//! `updash audit` against the sandbox.

use crate::cli_db::{Env, fails, ok, ok_json};
use serde_json::Value;
use updash::upstash::models::decode_audit_logs;
use updash::upstash::{ApiCredentials, Client, ClientConfig};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/upstash/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn audit_logs_decode_with_unknown_fields_and_loose_types() {
    let logs = decode_audit_logs(&fixture("audit_logs.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(logs.len(), 2);
    let first = &logs[0];
    assert_eq!(first.action, Some(13));
    assert_eq!(first.action_string, "Delete Team");
    assert_eq!(first.timestamp, Some(1_764_587_058));
    assert_eq!(first.ttl, Some(1_780_311_858));
    assert_eq!(first.source, "API_KEY - system_tests");
    assert_eq!(
        first.other_entities().count(),
        0,
        "NA and empty say nothing"
    );
    let second = &logs[1];
    assert_eq!(
        second.timestamp,
        Some(1_764_500_000),
        "a number sent as text"
    );
    assert_eq!(second.action, Some(2));
    assert_eq!(second.third_entity, "", "null reads as empty");
    assert_eq!(second.readable_format, "", "missing reads as empty");
    assert_eq!(
        second.other_entities().collect::<Vec<_>>(),
        vec!["96ad0856-03b1-4ee7-9666-e81abd0349e1"]
    );
    assert!(decode_audit_logs(b"{\"error\":\"x\"}").is_err());
}

#[tokio::test]
async fn the_client_reads_entries_for_writes_done_through_the_sandbox() {
    let sandbox = Sandbox::start(Options::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let config = ClientConfig::new(sandbox.url()).unwrap_or_else(|e| panic!("{e}"));
    let client = Client::new(&config, ApiCredentials::new(SEEDED_EMAIL, SEEDED_API_KEY))
        .unwrap_or_else(|e| panic!("{e}"));
    let before = client.audit_logs().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!before.is_empty(), "the sandbox seeds entries");
    let db = client
        .list_databases()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|d| d.database_name == "scratch")
        .unwrap_or_else(|| panic!("scratch seeded"));
    client
        .rename_database(&db.database_id, "scratch-renamed")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let after = client.audit_logs().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[0].action_string, "Rename Database");
    assert_eq!(after[0].entity, "scratch");
    assert_eq!(after[0].third_entity, "scratch-renamed");
    assert_eq!(after[0].actor, SEEDED_EMAIL);
    let body = client
        .audit_logs_body()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let raw: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raw[0]["log_id"].as_str(), Some(after[0].log_id.as_str()));
    sandbox.shutdown().await;
}

#[test]
fn updash_audit_lists_filters_and_prints_json() {
    let env = Env::start();
    ok(&env.run(&["db", "rename", "scratch", "scratch-2"]));
    ok(&env.run(&["db", "delete", "scratch-2", "--yes"]));

    let text = ok(&env.run(&["audit", "--since", "1h"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("ACTION") && lines[0].contains("TIME (UTC)"),
        "{text}"
    );
    assert_eq!(
        lines.len(),
        3,
        "header and the two writes of the last hour: {text}"
    );
    assert!(
        lines[1].contains("Delete Database") && lines[1].contains("scratch-2"),
        "newest first: {text}"
    );
    assert!(lines[2].contains("Rename Database"), "{text}");
    assert!(lines[1].contains("API_KEY - sandbox-personal"), "{text}");

    let text = ok(&env.run(&["audit", "--action", "RENAME"]));
    assert!(
        text.contains("Rename Database") && !text.contains("Delete Database"),
        "{text}"
    );
    let everything = ok(&env.run(&["audit"]));
    assert!(
        everything.contains("Create Database"),
        "seeded entries: {everything}"
    );
    let text = ok(&env.run(&["audit", "--limit", "1"]));
    assert_eq!(text.lines().count(), 2, "{text}");
    let text = ok(&env.run(&["audit", "--until", "2025-01-02"]));
    assert!(
        !text.contains("Rename Database") && text.contains("Create Database"),
        "{text}"
    );
    let text = ok(&env.run(&["audit", "--since", "1h", "--action", "upgrade"]));
    assert!(text.contains("no audit log entries match"), "{text}");

    let json = ok_json(&env.run(&["audit", "--since", "1h", "--json"]));
    let list = json.as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 2, "{json}");
    assert_eq!(list[0]["action_string"], "Delete Database");
    for field in [
        "log_id",
        "customer_id",
        "ttl",
        "ip",
        "notes",
        "reason",
        "readable_format",
    ] {
        assert!(list[0].get(field).is_some(), "{field} kept as sent: {json}");
    }
    let json = ok_json(&env.run(&["audit", "--json", "--limit", "1", "--action", "rename"]));
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    assert_eq!(json[0]["third_entity"], "scratch-2");

    let err = fails(&env.run(&["audit", "--since", "yesterday"]), 2);
    assert!(
        err.starts_with("updash: ") && err.contains("RFC 3339"),
        "{err}"
    );
    let err = fails(&env.run(&["audit", "--since", "1h", "--until", "2h"]), 2);
    assert!(err.contains("swap"), "{err}");
}
