//! Changing databases: delete, rename, reset password, regions, eviction, budget.

use super::{Env, Key, error_text, send};
use reqwest::Method;
use serde_json::{Value, json};

/// Asserts the exact real-service success body: the four bytes `"OK"` as JSON.
async fn assert_ok(req: reqwest::RequestBuilder) {
    let resp = req.send().await.expect("sent");
    assert_eq!(resp.status(), 200);
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(ct, "application/json");
    assert_eq!(resp.bytes().await.expect("body").as_ref(), b"\"OK\"");
}

async fn get_db(env: &Env, id: &str) -> Value {
    let (status, db) = env
        .get(&format!("/v2/redis/database/{id}"), Key::Personal)
        .await;
    assert_eq!(status, 200, "{db}");
    db
}

#[tokio::test]
async fn delete_answers_ok_then_the_database_is_gone() {
    let env = Env::start().await;
    let id = env.id_of("scratch", Key::Personal).await;
    let path = format!("/v2/redis/database/{id}");
    assert_ok(env.req(Method::DELETE, &path, Key::Personal)).await;
    let (status, _) = env.get(&path, Key::Personal).await;
    assert_eq!(status, 404);
    let (status, body) = send(env.req(Method::DELETE, &path, Key::Personal)).await;
    assert_eq!(
        (status, error_text(&body).as_str()),
        (404, "database not found")
    );
    assert_eq!(env.list(Key::Personal).await.len(), 5);
    env.stop().await;
}

#[tokio::test]
async fn rename_returns_the_database_and_validates_the_name() {
    let env = Env::start().await;
    let id = env.id_of("scratch", Key::Personal).await;
    let path = format!("/v2/redis/rename/{id}");
    let (status, db) = env.post(&path, json!({"name": "scratch-2"})).await;
    assert_eq!(status, 200, "{db}");
    assert_eq!(db["database_name"], "scratch-2");
    assert_eq!(db["database_id"], id.as_str());
    assert!(db["password"].is_string());
    assert_eq!(get_db(&env, &id).await["database_name"], "scratch-2");
    for (body, words) in [
        (json!({"name": ""}), "1 to 64"),
        (json!({"name": "a b"}), "letter, digit"),
        (json!({}), "missing field `name`"),
        (json!({"name": 7}), "invalid type"),
    ] {
        let (status, answer) = env.post(&path, body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert!(error_text(&answer).contains(words), "{answer}");
    }
    let (status, _) = env
        .post("/v2/redis/rename/missing", json!({"name": "x"}))
        .await;
    assert_eq!(status, 404);
    env.stop().await;
}

#[tokio::test]
async fn reset_password_changes_every_credential() {
    let env = Env::start().await;
    let id = env.id_of("cache", Key::Personal).await;
    let before = get_db(&env, &id).await;
    let (status, after) = send(env.req(
        Method::POST,
        &format!("/v2/redis/reset-password/{id}"),
        Key::Personal,
    ))
    .await;
    assert_eq!(status, 200, "{after}");
    for field in ["password", "rest_token", "read_only_rest_token"] {
        assert!(after[field].is_string());
        assert_ne!(before[field], after[field], "{field}");
    }
    assert_eq!(get_db(&env, &id).await["password"], after["password"]);
    env.stop().await;
}

#[tokio::test]
async fn update_regions_replaces_the_read_regions() {
    let env = Env::start().await;
    let id = env.id_of("sessions-prod", Key::Personal).await;
    let path = format!("/v2/redis/update-regions/{id}");
    assert_ok(
        env.req(Method::POST, &path, Key::Personal)
            .json(&json!({"read_regions": ["ap-south-1"]})),
    )
    .await;
    let db = get_db(&env, &id).await;
    assert_eq!(db["read_regions"], json!(["ap-south-1"]));
    assert_eq!(db["all_members"], json!(["us-east-1", "ap-south-1"]));
    for (body, words) in [
        (
            json!({"read_regions": ["us-east-1"]}),
            "cannot also be a read region",
        ),
        (json!({"read_regions": ["europe-west1"]}), "platform"),
        (json!({"read_regions": ["eu-west-1", "eu-west-1"]}), "twice"),
        (json!({"read_regions": "eu-west-1"}), "invalid JSON body"),
    ] {
        let (status, answer) = env.post(&path, body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert!(error_text(&answer).contains(words), "{answer}");
    }
    // Free databases keep at most one read region.
    let free = env.id_of("scratch", Key::Personal).await;
    let (status, answer) = env
        .post(
            &format!("/v2/redis/update-regions/{free}"),
            json!({"read_regions": ["us-west-2", "eu-west-1"]}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(error_text(&answer).contains("at most one read region"));
    env.stop().await;
}

#[tokio::test]
async fn eviction_autoupgrade_and_tls_switches() {
    let env = Env::start().await;
    let id = env.id_of("rate-limiter", Key::Personal).await;
    assert_eq!(get_db(&env, &id).await["eviction"], false);
    let on = format!("/v2/redis/enable-eviction/{id}");
    assert_ok(env.req(Method::POST, &on, Key::Personal)).await;
    let db = get_db(&env, &id).await;
    assert_eq!(
        (&db["eviction"], &db["db_eviction"]),
        (&json!(true), &json!(true))
    );
    assert_ok(env.req(
        Method::POST,
        &format!("/v2/redis/disable-eviction/{id}"),
        Key::Personal,
    ))
    .await;
    assert_eq!(get_db(&env, &id).await["eviction"], false);
    let up = format!("/v2/redis/enable-autoupgrade/{id}");
    assert_ok(env.req(Method::POST, &up, Key::Personal)).await;
    let (status, answer) = send(env.req(Method::POST, &up, Key::Personal)).await;
    assert_eq!(status, 400);
    assert!(error_text(&answer).contains("already enabled"));
    let (status, db) = send(env.req(
        Method::POST,
        &format!("/v2/redis/enable-tls/{id}"),
        Key::Personal,
    ))
    .await;
    assert_eq!((status, &db["tls"]), (200, &json!(true)));
    let (status, _) = send(env.req(
        Method::POST,
        "/v2/redis/enable-eviction/missing",
        Key::Personal,
    ))
    .await;
    assert_eq!(status, 404);
    env.stop().await;
}

#[tokio::test]
async fn update_budget_is_a_patch() {
    let env = Env::start().await;
    let id = env.id_of("sessions-prod", Key::Personal).await;
    let path = format!("/v2/redis/update-budget/{id}");
    assert_ok(
        env.req(Method::PATCH, &path, Key::Personal)
            .json(&json!({"budget": 500})),
    )
    .await;
    assert_eq!(get_db(&env, &id).await["budget"], 500);
    for (body, words) in [
        (json!({"budget": -3}), "must be zero or more"),
        (json!({"budget": "ten"}), "invalid JSON body"),
        (json!({}), "missing field `budget`"),
    ] {
        let (status, answer) = send(env.req(Method::PATCH, &path, Key::Personal).json(&body)).await;
        assert_eq!(status, 400, "{body}");
        assert!(error_text(&answer).contains(words), "{answer}");
    }
    let free = env.id_of("scratch", Key::Personal).await;
    let (status, answer) = send(
        env.req(
            Method::PATCH,
            &format!("/v2/redis/update-budget/{free}"),
            Key::Personal,
        )
        .json(&json!({"budget": 10})),
    )
    .await;
    assert_eq!(status, 400);
    assert!(error_text(&answer).contains("free database"));
    env.stop().await;
}

#[tokio::test]
async fn the_list_follows_every_change_and_each_account_sees_its_own() {
    let env = Env::start().await;
    let names = |list: &[Value]| -> Vec<String> {
        list.iter()
            .filter_map(|d| d["database_name"].as_str().map(str::to_owned))
            .collect()
    };
    let before = env.list(Key::Personal).await;
    let team = env.list(Key::Team).await;
    assert_eq!(
        env.list(Key::Personal).await,
        before,
        "a repeated list is the same"
    );
    let id = env.id_of("scratch", Key::Personal).await;
    let (status, _) = env
        .post(
            &format!("/v2/redis/rename/{id}"),
            json!({"name": "scratch-3"}),
        )
        .await;
    assert_eq!(status, 200);
    let after = names(&env.list(Key::Personal).await);
    assert!(after.contains(&"scratch-3".to_owned()), "{after:?}");
    assert!(!after.contains(&"scratch".to_owned()), "{after:?}");
    assert_eq!(
        env.list(Key::Team).await,
        team,
        "the team's list is its own"
    );
    assert_ne!(names(&before), names(&team));
    env.stop().await;
}
