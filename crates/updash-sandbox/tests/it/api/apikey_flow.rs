//! `POST /apikey` end to end: a real access token from the browser forms buys a key that then
//! works with Basic on `/v2`; expired and revoked tokens do not; the 37-key cap holds.

use super::{Env, error_text, send};
use serde_json::{Value, json};
use updash_sandbox::api::MAX_KEYS_PER_USER;
use updash_sandbox::test_browser::{advance_clock, obtain_tokens};
use updash_sandbox::{DEFAULT_TOKEN_TTL_SECS, PUBLIC_CLIENT_ID, SEEDED_EMAIL};

/// `POST /apikey` with `token` as Bearer; returns status and JSON body.
async fn mint(env: &Env, token: &str, name: &str) -> (u16, Value) {
    send(
        env.http
            .post(env.url("/apikey"))
            .bearer_auth(token)
            .json(&json!({ "name": name })),
    )
    .await
}

/// A fresh access token for the seeded user, through the sign-in and consent forms.
async fn access_token(env: &Env) -> String {
    let tokens = obtain_tokens(env.sandbox.url()).await;
    tokens["access_token"]
        .as_str()
        .expect("access_token in the token response")
        .to_string()
}

#[tokio::test]
async fn a_key_minted_with_a_real_access_token_lists_the_personal_databases() {
    let env = Env::start().await;
    let token = access_token(&env).await;
    let (status, body) = mint(&env, &token, "UPDASH_API_KEY_1700000000").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["email"], SEEDED_EMAIL);
    assert_eq!(body["name"], "UPDASH_API_KEY_1700000000");
    let key = body["api_key"].as_str().expect("api_key is a string");
    assert!(!key.is_empty());

    let (status, dbs) = send(
        env.http
            .get(env.url("/v2/redis/databases"))
            .basic_auth(SEEDED_EMAIL, Some(key)),
    )
    .await;
    assert_eq!(status, 200, "{dbs}");
    let dbs = dbs.as_array().expect("a JSON array");
    assert_eq!(dbs.len(), 6, "the seeded personal databases");
    assert!(dbs.iter().all(|d| d["customer_id"] == SEEDED_EMAIL));
    // The access token itself is no API key.
    let (status, _) = send(
        env.http
            .get(env.url("/v2/redis/databases"))
            .basic_auth(SEEDED_EMAIL, Some(&token)),
    )
    .await;
    assert_eq!(status, 401);
    env.stop().await;
}

#[tokio::test]
async fn an_expired_access_token_is_refused() {
    let env = Env::start().await;
    let token = access_token(&env).await;
    assert_eq!(mint(&env, &token, "in-time").await.0, 200, "valid before");
    advance_clock(env.sandbox.url(), DEFAULT_TOKEN_TTL_SECS as i64 + 1).await;
    let (status, body) = mint(&env, &token, "too-late").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(error_text(&body), "Unauthorized");
    env.stop().await;
}

#[tokio::test]
async fn a_revoked_access_token_is_refused() {
    let env = Env::start().await;
    let token = access_token(&env).await;
    assert_eq!(mint(&env, &token, "before").await.0, 200, "valid before");
    let resp = env
        .http
        .post(env.url("/oauth/revoke"))
        .form(&[
            ("client_id", PUBLIC_CLIENT_ID),
            ("token", token.as_str()),
            ("token_type_hint", "access_token"),
        ])
        .send()
        .await
        .expect("post /oauth/revoke");
    assert_eq!(resp.status(), 200);
    let (status, body) = mint(&env, &token, "after-revocation").await;
    assert_eq!(status, 401, "{body}");
    env.stop().await;
}

#[tokio::test]
async fn minting_stops_at_the_37_key_cap_with_a_clear_error() {
    let env = Env::start().await;
    let token = access_token(&env).await;
    let mut minted = 0;
    let refusal = loop {
        let (status, body) = mint(&env, &token, &format!("UPDASH_API_KEY_{minted}")).await;
        if status != 200 {
            break (status, body);
        }
        minted += 1;
        assert!(minted <= MAX_KEYS_PER_USER, "minted past the cap");
    };
    // The seeded keys count too, so fewer than 37 new ones fit, but some do.
    assert!(minted > 0 && minted < MAX_KEYS_PER_USER, "minted {minted}");
    let (status, body) = refusal;
    assert_eq!(status, 400, "{body}");
    let message = error_text(&body);
    assert!(
        message.contains("at most 37") && message.contains("limit"),
        "{message}"
    );
    // Still refused on a retry; the cap is not a transient error.
    assert_eq!(mint(&env, &token, "again").await.0, 400);
    env.stop().await;
}
