//! `GET /auditlogs`: entries for writes done through the API, per account, newest first.

use super::{Env, Key, send};
use reqwest::Method;
use serde_json::{Value, json};
use updash_sandbox::SEEDED_EMAIL;
use updash_sandbox::api::SEEDED_TEAM_ID;

async fn logs(env: &Env, path: &str, key: Key) -> Vec<Value> {
    let (status, body) = env.get(path, key).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().cloned().expect("a JSON array")
}

#[tokio::test]
async fn writes_are_recorded_for_the_keys_account_newest_first() {
    let env = Env::start().await;
    let seeded = logs(&env, "/auditlogs", Key::Personal).await;
    assert!(!seeded.is_empty(), "seeded entries");
    assert!(seeded.iter().all(|l| l["customer_id"] == SEEDED_EMAIL));
    let team_before = logs(&env, "/auditlogs", Key::Team).await;
    assert!(
        team_before
            .iter()
            .all(|l| l["customer_id"] == SEEDED_TEAM_ID)
    );

    let id = env.id_of("scratch", Key::Personal).await;
    let (status, body) = env
        .post(
            &format!("/v2/redis/rename/{id}"),
            json!({"name": "scratch-2"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = send(env.req(
        Method::DELETE,
        &format!("/v2/redis/database/{id}"),
        Key::Personal,
    ))
    .await;
    assert_eq!(status, 200);

    let after = logs(&env, "/auditlogs", Key::Personal).await;
    assert_eq!(after.len(), seeded.len() + 2);
    let (newest, renamed) = (&after[0], &after[1]);
    assert_eq!(newest["action_string"], "Delete Database");
    assert_eq!(newest["entity"], "scratch-2");
    assert_eq!(newest["secondary_entity"], id.as_str());
    assert_eq!(newest["source"], "API_KEY - sandbox-personal");
    assert_eq!(newest["actor"], SEEDED_EMAIL);
    assert_eq!(renamed["action_string"], "Rename Database");
    assert_eq!(renamed["entity"], "scratch");
    assert_eq!(renamed["third_entity"], "scratch-2");
    for field in [
        "log_id",
        "customer_id",
        "actor",
        "timestamp",
        "action",
        "action_string",
        "source",
        "entity",
        "secondary_entity",
        "third_entity",
        "readable_format",
        "ip",
        "ttl",
        "reason",
        "notes",
    ] {
        assert!(newest.get(field).is_some(), "{field} missing: {newest}");
    }
    assert!(newest["timestamp"].as_i64() >= renamed["timestamp"].as_i64());
    // The other account saw nothing of it; the /v2 spelling answers the same.
    assert_eq!(logs(&env, "/auditlogs", Key::Team).await, team_before);
    assert_eq!(logs(&env, "/v2/auditlogs", Key::Personal).await, after);
    env.stop().await;
}

#[tokio::test]
async fn refused_writes_and_reads_leave_no_entry_and_a_bad_key_is_unauthorized() {
    let env = Env::start().await;
    let before = logs(&env, "/auditlogs", Key::Personal).await;
    let id = env.id_of("scratch", Key::Personal).await;
    let (status, _) = send(
        env.req(
            Method::POST,
            &format!("/v2/redis/rename/{id}"),
            Key::ReadOnly,
        )
        .json(&json!({"name": "nope"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = env
        .get(&format!("/v2/redis/database/{id}"), Key::Personal)
        .await;
    assert_eq!(status, 200);
    assert_eq!(logs(&env, "/auditlogs", Key::ReadOnly).await, before);
    let (status, _) = send(
        env.http
            .get(env.url("/auditlogs"))
            .basic_auth(SEEDED_EMAIL, Some("wrong")),
    )
    .await;
    assert_eq!(status, 401);
    env.stop().await;
}
