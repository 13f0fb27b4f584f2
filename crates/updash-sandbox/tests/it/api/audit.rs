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

/// Sends `method path` with `body` and `key`, and checks the status.
async fn write(env: &Env, method: Method, path: &str, body: Value, key: Key, want: u16) -> Value {
    let (status, answer) = send(env.req(method, path, key).json(&body)).await;
    assert_eq!(status, want, "{path}: {answer}");
    answer
}

#[tokio::test]
async fn backup_plan_and_product_writes_record_one_entry_each_and_refusals_none() {
    let env = Env::start().await;
    let before = logs(&env, "/v2/auditlogs", Key::Personal).await;
    let none = json!({});
    let db = env.id_of("sessions-prod", Key::Personal).await;

    // Refused writes first: a read-only key, an unknown id, a bad body. None leaves an entry.
    let refused = [
        (
            Method::POST,
            format!("/v2/redis/create-backup/{db}"),
            json!({"name": "x"}),
            Key::ReadOnly,
            403,
        ),
        (
            Method::DELETE,
            format!("/v2/redis/delete-backup/{db}/no-such-backup"),
            none.clone(),
            Key::Personal,
            404,
        ),
        (
            Method::PATCH,
            format!("/v2/redis/disable-dailybackup/{db}"),
            none.clone(),
            Key::ReadOnly,
            403,
        ),
        (
            Method::POST,
            format!("/v2/redis/{db}/change-plan"),
            json!({"plan_name": "gold"}),
            Key::Personal,
            400,
        ),
        (
            Method::POST,
            "/v2/vector/index/no-such-index/rename".into(),
            json!({"name": "x"}),
            Key::Personal,
            404,
        ),
        (
            Method::POST,
            "/v2/search".into(),
            json!({"name": "x", "region": "eu-west-1", "type": "free"}),
            Key::ReadOnly,
            403,
        ),
        (
            Method::POST,
            "/v2/qstash/rotate-token/no-such-qstash".into(),
            none.clone(),
            Key::Personal,
            404,
        ),
    ];
    for (method, path, body, key, want) in refused {
        write(&env, method, &path, body, key, want).await;
    }
    assert_eq!(logs(&env, "/v2/auditlogs", Key::Personal).await, before);

    // Backups: create, restore, delete, and the daily switch.
    let path = format!("/v2/redis/create-backup/{db}");
    write(
        &env,
        Method::POST,
        &path,
        json!({"name": "audited"}),
        Key::Personal,
        200,
    )
    .await;
    let (_, list) = env
        .get(&format!("/v2/redis/list-backup/{db}"), Key::Personal)
        .await;
    let backup = list
        .as_array()
        .and_then(|l| l.iter().find(|b| b["name"] == "audited"))
        .and_then(|b| b["backup_id"].as_str())
        .expect("the new backup is listed")
        .to_string();
    let path = format!("/v2/redis/restore-backup/{db}");
    write(
        &env,
        Method::POST,
        &path,
        json!({"backup_id": backup}),
        Key::Personal,
        200,
    )
    .await;
    let path = format!("/v2/redis/delete-backup/{db}/{backup}");
    write(
        &env,
        Method::DELETE,
        &path,
        none.clone(),
        Key::Personal,
        200,
    )
    .await;
    let path = format!("/v2/redis/disable-dailybackup/{db}");
    write(&env, Method::PATCH, &path, none.clone(), Key::Personal, 200).await;
    let path = format!("/v2/redis/{db}/change-plan");
    write(
        &env,
        Method::POST,
        &path,
        json!({"plan_name": "fixed_1gb"}),
        Key::Personal,
        200,
    )
    .await;

    // Vector: create, rename, delete; Search: create; QStash: rotate the token.
    let vector = json!({"name": "audit-vec", "region": "us-east-1",
        "similarity_function": "COSINE", "dimension_count": 8});
    let made = write(
        &env,
        Method::POST,
        "/v2/vector/index",
        vector,
        Key::Personal,
        200,
    )
    .await;
    let vid = made["id"].as_str().expect("id").to_string();
    let path = format!("/v2/vector/index/{vid}/rename");
    write(
        &env,
        Method::POST,
        &path,
        json!({"name": "audit-vec-2"}),
        Key::Personal,
        200,
    )
    .await;
    let path = format!("/v2/vector/index/{vid}");
    write(
        &env,
        Method::DELETE,
        &path,
        none.clone(),
        Key::Personal,
        200,
    )
    .await;
    let search = json!({"name": "audit-search", "region": "eu-west-1", "type": "free"});
    let made = write(&env, Method::POST, "/v2/search", search, Key::Personal, 200).await;
    let sid = made["id"].as_str().expect("id").to_string();
    let (_, qstash) = env.get("/v2/qstash/users", Key::Personal).await;
    let (qid, region) = qstash
        .as_array()
        .and_then(|q| q.first())
        .map(|q| {
            (
                q["id"].as_str().unwrap_or_default().to_string(),
                q["region"].clone(),
            )
        })
        .expect("a QStash");
    let path = format!("/v2/qstash/rotate-token/{qid}");
    write(&env, Method::POST, &path, none.clone(), Key::Personal, 200).await;

    let after = logs(&env, "/v2/auditlogs", Key::Personal).await;
    let new: Vec<&Value> = after[..after.len() - before.len()].iter().rev().collect();
    // What was done, to what (name, id), and the detail.
    let got: Vec<Value> = new
        .iter()
        .map(|l| {
            json!([
                l["action_string"],
                l["entity"],
                l["secondary_entity"],
                l["third_entity"]
            ])
        })
        .collect();
    let want = vec![
        json!(["Create Backup", "sessions-prod", db, "audited"]),
        json!(["Restore Backup", "sessions-prod", db, "audited"]),
        json!(["Delete Backup", "sessions-prod", db, "audited"]),
        json!(["Disable Daily Backup", "sessions-prod", db, ""]),
        json!(["Change Plan", "sessions-prod", db, "fixed_1gb"]),
        json!(["Create Vector Index", "audit-vec", vid, ""]),
        json!(["Rename Vector Index", "audit-vec", vid, "audit-vec-2"]),
        json!(["Delete Vector Index", "audit-vec-2", vid, ""]),
        json!(["Create Search Index", "audit-search", sid, ""]),
        json!(["Rotate QStash Token", region, qid, ""]),
    ];
    assert_eq!(got, want);
    assert!(
        new.iter()
            .all(|l| l["source"] == "API_KEY - sandbox-personal")
    );
    // The codes continue after the older ones, one per kind.
    let codes: std::collections::HashSet<i64> =
        new.iter().filter_map(|l| l["action"].as_i64()).collect();
    assert_eq!(codes.len(), new.len());
    assert!(codes.iter().all(|c| *c > 13), "{codes:?}");
    env.stop().await;
}
