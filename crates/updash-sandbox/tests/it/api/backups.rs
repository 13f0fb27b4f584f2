//! Backups over real HTTP: the wire shape of the seeded ones, create → list → restore (the
//! keys come back) → delete, the daily switch, the fresh-database maintenance window, a
//! restart that keeps a backup, and the plan and team switches.

use super::{Env, Key, error_text, send};
use crate::data::DataEnv;
use reqwest::Method;
use serde_json::{Value, json};
use updash_sandbox::api::SEEDED_TEAM_ID;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// Developer API requests to a sandbox owned elsewhere (a [`DataEnv`]'s).
struct Api<'a> {
    sandbox: &'a Sandbox,
    http: reqwest::Client,
}

impl<'a> Api<'a> {
    fn on(sandbox: &'a Sandbox) -> Self {
        Self {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    fn req(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.sandbox.url()))
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
    }

    async fn get(&self, path: &str, _key: Key) -> (u16, Value) {
        send(self.req(Method::GET, path)).await
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.req(Method::POST, path).json(&body)).await
    }
}

/// The backups of `id`, with the personal key.
async fn backups(env: &Api<'_>, id: &str) -> Vec<Value> {
    let (status, body) = env
        .get(&format!("/v2/redis/list-backup/{id}"), Key::Personal)
        .await;
    assert_eq!(status, 200, "{body}");
    body.as_array().cloned().expect("a JSON array")
}

fn api(data: &DataEnv) -> Api<'_> {
    Api::on(&data.sandbox)
}

#[tokio::test]
async fn seeded_backups_have_the_spec_shape() {
    let env = Env::start().await;
    let id = env.list(Key::Personal).await[0]["database_id"]
        .as_str()
        .expect("id")
        .to_string();
    // The keys are seeded in the background; the snapshot sizes follow them.
    env.sandbox.shared().data.wait_seeded().await;
    let list = backups(&Api::on(&env.sandbox), &id).await;
    assert!(!list.is_empty());
    for b in &list {
        for field in ["backup_id", "database_id", "customer_id", "name", "state"] {
            assert!(b[field].is_string(), "{field} in {b}");
        }
        assert!(b["creation_time"].is_i64());
        assert!(b["backup_size"].as_i64().is_some_and(|s| s > 0), "{b}");
        assert!(["true", "false"].contains(&b["daily_backup"].as_str().unwrap_or("")));
        assert_eq!(b["database_id"], id.as_str());
        assert_eq!(b["customer_id"], SEEDED_EMAIL);
        assert_eq!(b["state"], "completed");
    }
    // Another account's database has no backups to list.
    let team_db = env.list(Key::Team).await[0]["database_id"]
        .as_str()
        .expect("id")
        .to_string();
    let (status, _) = env
        .get(&format!("/v2/redis/list-backup/{team_db}"), Key::Personal)
        .await;
    assert_eq!(status, 404);
    env.stop().await;
}

#[tokio::test]
async fn a_restore_brings_the_backed_up_keys_back() {
    let data = DataEnv::embedded().await;
    let env = api(&data);
    let id = data.db_id.clone();
    assert_eq!(data.result(json!(["SET", "greeting", "old"])).await, "OK");
    let (status, body) = env
        .post(
            &format!("/v2/redis/create-backup/{id}"),
            json!({"name": "before-change"}),
        )
        .await;
    assert_eq!((status, body.clone()), (200, json!("OK")), "{body}");
    let made = backups(&env, &id)
        .await
        .into_iter()
        .find(|b| b["name"] == "before-change")
        .expect("listed");
    assert!(made["backup_size"].as_i64().is_some_and(|s| s > 0));
    assert_eq!(made["daily_backup"], "false");
    data.result(json!(["SET", "greeting", "new"])).await;
    data.result(json!(["SET", "added-later", "1"])).await;
    let backup_id = made["backup_id"].as_str().expect("id");
    let (status, body) = env
        .post(
            &format!("/v2/redis/restore-backup/{id}"),
            json!({"backup_id": backup_id}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(data.result(json!(["GET", "greeting"])).await, "old");
    assert_eq!(data.result(json!(["EXISTS", "added-later"])).await, 0);
    // Unknown backups and bodies without one are refused; nothing changes.
    let (status, body) = env
        .post(
            &format!("/v2/redis/restore-backup/{id}"),
            json!({"backup_id": "nope"}),
        )
        .await;
    assert_eq!(
        (status, error_text(&body).as_str()),
        (404, "backup not found")
    );
    let (status, _) = env
        .post(&format!("/v2/redis/restore-backup/{id}"), json!({}))
        .await;
    assert_eq!(status, 400);
    // Delete: gone from the list; a second delete is "not found".
    let path = format!("/v2/redis/delete-backup/{id}/{backup_id}");
    let (status, body) = send(env.req(Method::DELETE, &path)).await;
    assert_eq!((status, body), (200, json!("OK")));
    assert!(
        backups(&env, &id)
            .await
            .iter()
            .all(|b| b["backup_id"] != backup_id)
    );
    let (status, _) = send(env.req(Method::DELETE, &path)).await;
    assert_eq!(status, 404);
    data.stop().await;
}

#[tokio::test]
async fn backup_writes_need_a_name_and_a_writing_key() {
    let env = Env::start().await;
    let id = env.id_of("sessions-prod", Key::Personal).await;
    let path = format!("/v2/redis/create-backup/{id}");
    let (status, body) = env.post(&path, json!({"name": "  "})).await;
    assert_eq!(
        (status, error_text(&body).as_str()),
        (400, "backup name is required")
    );
    let (status, _) = env.post(&path, json!({"title": "x"})).await;
    assert_eq!(status, 400);
    let (status, body) = send(
        env.req(Method::POST, &path, Key::ReadOnly)
            .json(&json!({"name": "x"})),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    let (status, _) = send(env.req(
        Method::PATCH,
        &format!("/v2/redis/enable-dailybackup/{id}"),
        Key::ReadOnly,
    ))
    .await;
    assert_eq!(status, 403);
    env.stop().await;
}

#[tokio::test]
async fn daily_backup_switch_shows_on_the_database() {
    let env = Env::start().await;
    let id = env.id_of("sessions-prod", Key::Personal).await;
    for (verb, on) in [("disable", false), ("enable", true)] {
        let (status, body) = send(env.req(
            Method::PATCH,
            &format!("/v2/redis/{verb}-dailybackup/{id}"),
            Key::Personal,
        ))
        .await;
        assert_eq!((status, body), (200, json!("OK")));
        let (_, db) = env
            .get(&format!("/v2/redis/database/{id}"), Key::Personal)
            .await;
        assert_eq!(db["daily_backup_enabled"], on);
    }
    // The spec's method is PATCH.
    let (status, _) = env
        .post(&format!("/v2/redis/enable-dailybackup/{id}"), json!({}))
        .await;
    assert_eq!(status, 405);
    env.stop().await;
}

#[tokio::test]
async fn a_fresh_database_is_in_maintenance_for_the_window() {
    // The default window (3 s) is on from the start; a long one keeps a slow machine inside it.
    let env = Env::with(Options {
        faults: updash_sandbox::Faults {
            maintenance_window_secs: 600,
            ..updash_sandbox::Faults::default()
        },
        ..Options::default()
    })
    .await;
    let (status, db) = env
        .post(
            "/v2/redis/database",
            json!({"database_name": "fresh", "platform": "aws", "primary_region": "us-east-1"}),
        )
        .await;
    assert_eq!(status, 200, "{db}");
    let id = db["database_id"].as_str().expect("id");
    let path = format!("/v2/redis/create-backup/{id}");
    let (status, body) = env.post(&path, json!({"name": "first"})).await;
    assert_eq!(status, 500, "{body}");
    assert!(error_text(&body).contains("maintenance mode"), "{body}");
    // The window is a fault: turning it off lets the backup through at once.
    let faults = reqwest::Client::new()
        .post(env.url("/_sandbox/faults"))
        .json(&json!({"maintenance_window_secs": 0}))
        .send()
        .await
        .expect("faults set");
    assert_eq!(faults.status(), 200);
    let (status, body) = env.post(&path, json!({"name": "first"})).await;
    assert_eq!((status, body), (200, json!("OK")));
    let bad = reqwest::Client::new()
        .post(env.url("/_sandbox/faults"))
        .json(&json!({"maintenance_window_secs": 99_999}))
        .send()
        .await
        .expect("sent");
    assert_eq!(bad.status(), 400);
    env.stop().await;
}

#[tokio::test]
async fn backups_and_their_snapshots_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = || Options {
        data_dir: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let data = DataEnv::with(opts()).await;
    data.result(json!(["SET", "kept", "before"])).await;
    let env = api(&data);
    let (status, _) = env
        .post(
            &format!("/v2/redis/create-backup/{}", data.db_id),
            json!({"name": "keep-me"}),
        )
        .await;
    assert_eq!(status, 200);
    data.result(json!(["SET", "kept", "after"])).await;
    data.stop().await;
    let again = DataEnv::with(opts()).await;
    let env = api(&again);
    let made = backups(&env, &again.db_id)
        .await
        .into_iter()
        .find(|b| b["name"] == "keep-me")
        .expect("kept across the restart");
    let (status, _) = env
        .post(
            &format!("/v2/redis/restore-backup/{}", again.db_id),
            json!({"backup_id": made["backup_id"]}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(again.result(json!(["GET", "kept"])).await, "before");
    again.stop().await;
}

#[tokio::test]
async fn change_plan_follows_the_spec_and_refuses_going_back_to_free() {
    let env = Env::start().await;
    let id = env.id_of("sessions-prod", Key::Personal).await;
    let path = format!("/v2/redis/{id}/change-plan");
    let (status, body) = env
        .post(
            &path,
            json!({"database_id": id, "plan_name": "fixed_1gb", "auto_upgrade": true}),
        )
        .await;
    assert_eq!((status, body), (200, json!("OK")));
    let (_, db) = env
        .get(&format!("/v2/redis/database/{id}"), Key::Personal)
        .await;
    assert_eq!(db["type"], "paid");
    assert_eq!(db["auto_upgrade"], true);
    assert_eq!(db["db_memory_threshold"], 1024 * 1024 * 1024);
    let (status, body) = env.post(&path, json!({"plan_name": "free"})).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = env.post(&path, json!({"plan_name": "gold"})).await;
    assert!(
        status == 400 && error_text(&body).contains("unknown plan"),
        "{body}"
    );
    let (status, _) = env
        .post(&path, json!({"database_id": "other", "plan_name": "payg"}))
        .await;
    assert_eq!(status, 400);
    env.stop().await;
}

#[tokio::test]
async fn move_to_team_hands_the_database_and_its_backups_over() {
    let env = Env::start().await;
    let id = env.list(Key::Personal).await[0]["database_id"]
        .as_str()
        .expect("id")
        .to_string();
    let (status, body) = env
        .post(
            "/v2/redis/move-to-team",
            json!({"team_id": "no-such-team", "database_id": id}),
        )
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = env
        .post(
            "/v2/redis/move-to-team",
            json!({"team_id": SEEDED_TEAM_ID, "database_id": id}),
        )
        .await;
    assert_eq!((status, body), (200, json!("OK")));
    assert!(
        env.list(Key::Personal)
            .await
            .iter()
            .all(|d| d["database_id"] != id.as_str())
    );
    let team = env.list(Key::Team).await;
    assert!(team.iter().any(|d| d["database_id"] == id.as_str()));
    let (status, list) = env
        .get(&format!("/v2/redis/list-backup/{id}"), Key::Team)
        .await;
    assert_eq!(status, 200);
    let list = list.as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty() && list.iter().all(|b| b["customer_id"] == SEEDED_TEAM_ID));
    env.stop().await;
}

#[tokio::test]
async fn a_seeded_backup_restores_the_demo_data() {
    let data = DataEnv::embedded().await;
    let env = api(&data);
    let id = data.db_id.clone();
    let seeded = backups(&env, &id).await;
    let daily = seeded
        .iter()
        .find(|b| b["name"] == "daily")
        .expect("a seeded daily backup");
    assert!(
        daily.get("seeded").is_none(),
        "bookkeeping stays off the wire"
    );
    assert_eq!(data.result(json!(["FLUSHDB"])).await, "OK");
    assert_eq!(data.result(json!(["DBSIZE"])).await, 0);
    let (status, body) = env
        .post(
            &format!("/v2/redis/restore-backup/{id}"),
            json!({"backup_id": daily["backup_id"]}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(data.result(json!(["EXISTS", "config:app"])).await == 1);
    data.stop().await;
}
