//! The accounts pane's actions on real stored accounts: set default, rename, refresh the
//! token now, switch the active account, disconnect (the refresh token is refused after).

use super::Live;
use reqwest::StatusCode;
use time::{Duration, OffsetDateTime};
use updash::secret::Secret;
use updash::store::{Account, Store};
use updash_sandbox::test_browser::{obtain_tokens, refresh};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL, SEEDED_TEAM_API_KEY};

fn refresh_token_of(store: &Store, label: &str) -> Option<String> {
    let creds = store.load().expect("loads").credentials;
    creds
        .accounts()
        .find(|(_, a)| a.label == label)
        .and_then(|(_, a)| a.refresh_token.as_ref().map(|t| t.expose().to_string()))
}

/// The seeded user's account "me", signed in with `tokens` (fresh from the sandbox) and
/// holding `api_key`.
fn signed_in_me(tokens: &serde_json::Value, api_key: &str, now: OffsetDateTime) -> Account {
    let text = |k: &str| tokens[k].as_str().expect("token field").to_string();
    let mut me = Account::new("sandbox", "me", now);
    me.email = Some(SEEDED_EMAIL.into());
    me.api_key = Some(Secret::new(api_key));
    me.api_key_name = Some("UPDASH_API_KEY_1".into());
    me.access_token = Some(Secret::new(text("access_token")));
    me.refresh_token = Some(Secret::new(text("refresh_token")));
    me.expires_at = Some(now + Duration::hours(1));
    me
}

#[tokio::test]
async fn set_default_rename_refresh_switch_and_disconnect() {
    let (sandbox, home, store) = Live::prepare().await;
    let tokens = obtain_tokens(sandbox.url()).await;
    let text = |k: &str| tokens[k].as_str().expect("token field").to_string();
    let now = OffsetDateTime::now_utc();
    store
        .update(|c| {
            c.add_account(signed_in_me(&tokens, SEEDED_API_KEY, now))?;
            let mut team = Account::new("sandbox", "team", now);
            team.email = Some(SEEDED_EMAIL.into());
            team.api_key = Some(Secret::new(SEEDED_TEAM_API_KEY));
            c.add_account(team)?;
            Ok(())
        })
        .expect("store prepared");
    let first_refresh = text("refresh_token");
    let live = Live::open(sandbox, home, store.clone());
    let h = &live.harness;
    // It opens on the default account's databases; this test works in Accounts.
    h.wait_for("Databases of ").await;
    h.key("2");
    let screen = h.wait_for("Accounts (2)").await;
    assert!(screen.contains("key UPDASH_API_KEY_1"), "{screen}");
    assert!(screen.contains("valid"), "token health shown: {screen}");

    // Set default.
    h.key("j");
    h.key("s");
    h.wait_for("team is now the default account").await;
    let creds = store.load().expect("loads").credentials;
    let (_, default) = creds.default_account().expect("a default");
    assert_eq!(default.label, "team");

    // Rename.
    h.key("e");
    h.wait_for("Rename team").await;
    h.key("ctrl-u");
    live.type_text("ops");
    h.key("enter");
    h.wait_for("team is now called ops").await;
    assert!(live.accounts().iter().any(|a| a.label == "ops"));

    // Refresh now: the refresh token rotates.
    h.key("k");
    h.key("t");
    h.wait_for("Token of me refreshed").await;
    let rotated = refresh_token_of(&store, "me").expect("still has a refresh token");
    assert_ne!(rotated, first_refresh, "the token was refreshed");

    // Switch account: the databases pane follows.
    h.key("j");
    h.key("enter");
    h.wait_for("Databases of ops").await;
    h.key("2");

    // Disconnect (asks first); the provider refuses the refresh token afterwards.
    h.key("k");
    h.key("d");
    h.wait_for("Disconnect me").await;
    h.key("y");
    h.wait_for("Disconnected me").await;
    assert_eq!(live.accounts().len(), 1);
    let (status, body) = refresh(live.sandbox.url(), &rotated).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], "invalid_grant", "{body}");
    live.stop().await;
}

#[tokio::test]
async fn a_refused_key_is_re_minted_when_the_databases_load() {
    let (sandbox, home, store) = Live::prepare().await;
    let tokens = obtain_tokens(sandbox.url()).await;
    let now = OffsetDateTime::now_utc();
    store
        .update(|c| {
            // A key the service does not know: deleted in the console.
            c.add_account(signed_in_me(&tokens, "deleted-key", now))?;
            Ok(())
        })
        .expect("store prepared");
    let live = Live::open(sandbox, home, store.clone());
    let h = &live.harness;
    h.wait_for("me").await;
    h.key("3");
    h.wait_for("sessions-prod").await;
    let account = live.accounts().into_iter().next().expect("the account");
    let key = account.api_key.expect("a key").expose().to_string();
    assert_ne!(key, "deleted-key", "a new key was minted and saved");
    assert!(!account.needs_sign_in);
    live.stop().await;
}

#[tokio::test]
async fn a_disconnect_whose_revocation_fails_keeps_the_account() {
    let (sandbox, home, store) = Live::prepare().await;
    let tokens = obtain_tokens(sandbox.url()).await;
    let now = OffsetDateTime::now_utc();
    store
        .update(|c| c.add_account(signed_in_me(&tokens, SEEDED_API_KEY, now)))
        .expect("store prepared");
    updash_sandbox::test_browser::set_faults(sandbox.url(), serde_json::json!({"fail_rate": 1.0}))
        .await;
    let live = Live::open(sandbox, home, store.clone());
    let h = &live.harness;
    h.wait_for("Databases of me").await;
    h.key("2");
    h.wait_for("Accounts (1)").await;
    h.key("d");
    h.wait_for("Disconnect me").await;
    h.key("y");
    let screen = h.wait_for("me was kept").await;
    assert!(screen.contains("could not be revoked"), "{screen}");
    assert_eq!(live.accounts().len(), 1, "nothing was removed");
    live.stop().await;
}
