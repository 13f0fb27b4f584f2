//! Refresh coordination over the real credentials store and the sandbox: ahead of expiry,
//! after a 401, many tasks and several processes at once, another process's rotation, and
//! a refused refresh that marks the account without deleting anything.

use crate::auth_flows::signed_in_tokens;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;
use time::OffsetDateTime;
use updash::auth::{AuthError, OAuthClient, TokenKind, TokenRefresher, TokenSet, TokenStore};
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::secret::Secret;
use updash::store::{Account, AccountId, Store};
use updash_sandbox::{Options, Sandbox};

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("updash").join("credentials.toml"));
    (dir, store)
}

fn add_account(store: &Store, tokens: &TokenSet) -> AccountId {
    let mut a = Account::new("sandbox", "test", OffsetDateTime::now_utc());
    a.access_token = Some(tokens.access_token.clone());
    a.refresh_token = tokens.refresh_token.clone();
    a.expires_at = tokens.expires_at;
    a.scopes = tokens.scopes.clone();
    store.update(|c| c.add_account(a)).unwrap()
}

/// A client whose token endpoint refuses connections: proves no refresh was attempted.
fn offline_client() -> OAuthClient {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    OAuthClient::new(&sandbox_provider(&format!("http://127.0.0.1:{port}"))).unwrap()
}

fn stored(store: &Store, id: &AccountId) -> TokenSet {
    store.load_tokens(id).unwrap().unwrap().tokens
}

fn expire_soon(store: &Store, id: &AccountId) {
    store
        .update(|c| {
            c.get_mut(id).unwrap().expires_at =
                Some(OffsetDateTime::now_utc() + time::Duration::seconds(30));
            Ok(())
        })
        .unwrap();
}

#[tokio::test]
async fn a_fresh_token_is_used_without_refreshing() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (_client, tokens) = signed_in_tokens(&sb).await;
    let (_dir, store) = temp_store();
    let id = add_account(&store, &tokens);
    let refresher = TokenRefresher::new(store.clone());
    let got = refresher
        .access_token(&offline_client(), &id)
        .await
        .unwrap();
    assert_eq!(got, tokens.access_token);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_token_near_expiry_is_refreshed_and_the_rotation_persisted_first() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (client, tokens) = signed_in_tokens(&sb).await;
    let (_dir, store) = temp_store();
    let id = add_account(&store, &tokens);
    expire_soon(&store, &id);
    let refresher = TokenRefresher::new(store.clone());
    let got = refresher.access_token(&client, &id).await.unwrap();
    assert_ne!(got, tokens.access_token);
    let now = stored(&store, &id);
    assert_eq!(now.access_token, got);
    assert_ne!(
        now.refresh_token, tokens.refresh_token,
        "rotated token stored"
    );
    assert!(now.expires_at.unwrap() > OffsetDateTime::now_utc() + time::Duration::hours(47));
    // The stored refresh token is the live one.
    client
        .refresh(now.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_tasks_hitting_401_refresh_once() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (client, tokens) = signed_in_tokens(&sb).await;
    let (_dir, store) = temp_store();
    let id = add_account(&store, &tokens);
    let refresher = TokenRefresher::new(store.clone());
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let (r, c, id, old) = (
            refresher.clone(),
            client.clone(),
            id.clone(),
            tokens.access_token.clone(),
        );
        tasks.spawn(async move { r.after_unauthorized(&c, &id, &old).await });
    }
    let mut results = Vec::new();
    while let Some(r) = tasks.join_next().await {
        results.push(r.unwrap().unwrap());
    }
    // One refresh: everyone got the same new token (a second refresh with the rotated-away
    // token would have been refused by the sandbox's reuse detection).
    assert!(results.iter().all(|t| *t == results[0]));
    assert_ne!(results[0], tokens.access_token);
    let now = stored(&store, &id);
    assert_eq!(now.access_token, results[0]);
    assert!(!store.load_tokens(&id).unwrap().unwrap().needs_sign_in);
    sb.shutdown().await;
}

#[tokio::test]
async fn another_processes_rotation_is_used_instead_of_refreshing() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (_client, tokens) = signed_in_tokens(&sb).await;
    let (_dir, store) = temp_store();
    let id = add_account(&store, &tokens);
    // "Another process" refreshed and stored new tokens.
    let rotated = TokenSet {
        access_token: Secret::new("rotated-access"),
        refresh_token: Some(Secret::new("rotated-refresh")),
        expires_at: Some(OffsetDateTime::now_utc() + time::Duration::hours(1)),
        scopes: tokens.scopes.clone(),
    };
    store.save_tokens(&id, &rotated).unwrap();
    let refresher = TokenRefresher::new(store.clone());
    let got = refresher
        .after_unauthorized(&offline_client(), &id, &tokens.access_token)
        .await
        .unwrap();
    assert_eq!(got.expose(), "rotated-access");
    sb.shutdown().await;
}

#[tokio::test]
async fn a_refused_refresh_marks_the_account_and_deletes_nothing() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (client, tokens) = signed_in_tokens(&sb).await;
    let (_dir, store) = temp_store();
    let id = add_account(&store, &tokens);
    client
        .revoke(
            tokens.refresh_token.as_ref().unwrap(),
            TokenKind::RefreshToken,
        )
        .await
        .unwrap();
    expire_soon(&store, &id);
    let refresher = TokenRefresher::new(store.clone());
    let err = refresher.access_token(&client, &id).await.unwrap_err();
    assert_eq!(err, AuthError::NeedsSignIn);
    let after = store.load_tokens(&id).unwrap().unwrap();
    assert!(after.needs_sign_in);
    assert_eq!(
        after.tokens.refresh_token, tokens.refresh_token,
        "nothing deleted"
    );
    assert_eq!(after.tokens.access_token, tokens.access_token);
    // Later calls say so at once, without asking the provider.
    let err = refresher
        .access_token(&offline_client(), &id)
        .await
        .unwrap_err();
    assert_eq!(err, AuthError::NeedsSignIn);
    // A network failure, by contrast, marks nothing.
    let (_dir2, store2) = temp_store();
    let id2 = add_account(&store2, &tokens);
    expire_soon(&store2, &id2);
    let err = TokenRefresher::new(store2.clone())
        .access_token(&offline_client(), &id2)
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::Network { .. }), "{err:?}");
    assert!(!store2.load_tokens(&id2).unwrap().unwrap().needs_sign_in);
    sb.shutdown().await;
}

/// Child-process roles for the cross-process test; a no-op in a normal run.
const CHILD_ROLE: &str = "UPDASH_AUTH_REFRESH_CHILD";

#[test]
fn refresh_child_process() {
    if std::env::var(CHILD_ROLE).is_err() {
        return;
    }
    let var = |k: &str| std::env::var(k).unwrap();
    let store = Store::new(PathBuf::from(var("UPDASH_AUTH_STORE")));
    let id = AccountId::parse(&var("UPDASH_AUTH_ACCOUNT")).unwrap();
    let rejected = Secret::new(var("UPDASH_AUTH_REJECTED"));
    let out = PathBuf::from(var("UPDASH_AUTH_OUT"));
    let client = OAuthClient::new(&sandbox_provider(&var("UPDASH_AUTH_SANDBOX"))).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let result = rt.block_on(async {
        // Start together with the others.
        while !PathBuf::from(var("UPDASH_AUTH_GO")).exists() {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        TokenRefresher::new(store)
            .after_unauthorized(&client, &id, &rejected)
            .await
    });
    let text = match result {
        Ok(t) => format!("ok {}", t.expose()),
        Err(e) => format!("err {e}"),
    };
    std::fs::write(out, text).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_processes_hitting_401_refresh_once() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (_client, tokens) = signed_in_tokens(&sb).await;
    let (dir, store) = temp_store();
    let id = add_account(&store, &tokens);
    let go = dir.path().join("go");
    let exe = std::env::current_exe().unwrap();
    let mut children = Vec::new();
    for n in 0..3 {
        let out = dir.path().join(format!("out{n}"));
        let child = Command::new(&exe)
            .args([
                "--exact",
                "auth_refresh::refresh_child_process",
                "--test-threads=1",
                "-q",
            ])
            .env(CHILD_ROLE, "refresher")
            .env("UPDASH_AUTH_STORE", store.path())
            .env("UPDASH_AUTH_ACCOUNT", id.as_str())
            .env("UPDASH_AUTH_REJECTED", tokens.access_token.expose())
            .env("UPDASH_AUTH_SANDBOX", sb.url())
            .env("UPDASH_AUTH_GO", &go)
            .env("UPDASH_AUTH_OUT", &out)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        children.push((child, out));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    std::fs::write(&go, "").unwrap();
    let mut results = Vec::new();
    for (mut child, out) in children {
        let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
            .await
            .unwrap();
        assert!(status.success());
        results.push(std::fs::read_to_string(out).unwrap());
    }
    assert!(results.iter().all(|r| r.starts_with("ok ")), "{results:?}");
    assert!(
        results.iter().all(|r| *r == results[0]),
        "more than one refresh"
    );
    let now = stored(&store, &id);
    assert_eq!(format!("ok {}", now.access_token.expose()), results[0]);
    sb.shutdown().await;
}
