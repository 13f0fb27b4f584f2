//! Who may call what: Basic pairs, `/apikey` bearers, read-only keys, teams.

use super::{Env, Key, error_text, send};
use reqwest::Method;
use serde_json::json;
use updash_sandbox::api::{SEEDED_TEAM_ID, SEEDED_TEAM_NAME};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL, SEEDED_TEAM_API_KEY};

#[tokio::test]
async fn bad_basic_pairs_are_401_with_a_json_error() {
    let env = Env::start().await;
    let url = env.url("/v2/redis/databases");
    let cases = [
        env.http.get(&url),
        env.http
            .get(&url)
            .basic_auth(SEEDED_EMAIL, Some("wrong-key")),
        env.http
            .get(&url)
            .basic_auth("other@example.com", Some(SEEDED_API_KEY)),
        env.http.get(&url).basic_auth(SEEDED_EMAIL, None::<&str>),
        env.http.get(&url).bearer_auth(SEEDED_API_KEY),
        env.http
            .get(&url)
            .header("Authorization", "Basic %%%not-base64"),
    ];
    for req in cases {
        let (status, body) = send(req).await;
        assert_eq!(status, 401);
        assert_eq!(body, json!({"error": "Unauthorized"}));
    }
    // Every /v2 endpoint checks, including the ones that change things.
    let (status, _) = send(
        env.http
            .post(env.url("/v2/redis/database"))
            .json(&json!({})),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = send(env.http.get(env.url("/v2/teams"))).await;
    assert_eq!(status, 401);
    env.stop().await;
}

#[tokio::test]
async fn apikey_needs_a_valid_bearer_access_token() {
    let env = Env::start().await;
    let url = env.url("/apikey");
    let body = json!({"name": "UPDASH_API_KEY_1700000000"});
    let cases = [
        env.http.post(&url).json(&body),
        env.http
            .post(&url)
            .bearer_auth("not-a-real-access-token")
            .json(&body),
        env.http
            .post(&url)
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
            .json(&body),
    ];
    for req in cases {
        let (status, body) = send(req).await;
        assert_eq!(status, 401);
        assert_eq!(error_text(&body), "Unauthorized");
    }
    env.stop().await;
}

#[tokio::test]
async fn read_only_key_reads_but_cannot_change() {
    let env = Env::start().await;
    assert_eq!(env.list(Key::ReadOnly).await.len(), 6);
    let id = env.id_of("scratch", Key::ReadOnly).await;
    for (method, path) in [
        (Method::DELETE, format!("/v2/redis/database/{id}")),
        (Method::POST, format!("/v2/redis/reset-password/{id}")),
        (Method::POST, "/v2/redis/database".to_string()),
    ] {
        let (status, body) = send(env.req(method, &path, Key::ReadOnly).json(&json!({}))).await;
        assert_eq!(status, 403, "{path}");
        assert!(error_text(&body).contains("Readonly API key"), "{body}");
    }
    assert_eq!(env.list(Key::Personal).await.len(), 6);
    env.stop().await;
}

#[tokio::test]
async fn teams_and_members() {
    let env = Env::start().await;
    for key in [Key::Personal, Key::Team] {
        let (status, body) = env.get("/v2/teams", key).await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!([{"team_id": SEEDED_TEAM_ID, "team_name": SEEDED_TEAM_NAME,
                    "copy_cc": true, "member_role": "owner"}])
        );
    }
    let (status, body) = env
        .get(&format!("/v2/teams/{SEEDED_TEAM_ID}"), Key::Team)
        .await;
    assert_eq!(status, 200);
    let members = body.as_array().expect("array");
    assert_eq!(members.len(), 3);
    assert_eq!(members[0]["member_email"], SEEDED_EMAIL);
    assert_eq!(members[0]["member_role"], "owner");
    assert!(members.iter().all(|m| m["team_name"] == SEEDED_TEAM_NAME
        && m["team_id"] == SEEDED_TEAM_ID
        && m["copy_cc"].is_boolean()));
    let (status, body) = env.get("/v2/teams/no-such-team", Key::Personal).await;
    assert_eq!(
        (status, error_text(&body).as_str()),
        (404, "team not found")
    );
    // The team key uses the person's own email as the Basic username.
    let (status, _) = send(
        env.http
            .get(env.url("/v2/redis/databases"))
            .basic_auth(SEEDED_TEAM_ID, Some(SEEDED_TEAM_API_KEY)),
    )
    .await;
    assert_eq!(status, 401);
    env.stop().await;
}
