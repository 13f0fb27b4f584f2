//! The connect glue in-process: two processes refreshing one account 50 times at the same
//! moment, and re-minting a key after the Developer API refused the old one.

use crate::auth_flows::sign_in;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use updash::account::Session;
use updash::account::{ConnectError, Connector, KeyOutcome, remint_after_unauthorized};
use updash::auth::{OAuthClient, TokenRefresher, TokenStore};
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::config::{Config, Providers};
use updash::store::{AccountId, Store};
use updash::upstash::{ApiCredentials, Client, ClientConfig};
use updash_sandbox::{Options, SEEDED_EMAIL, Sandbox};

const ROUNDS: usize = 50;
const CHILD_ROLE: &str = "UPDASH_CONNECT_REFRESH_CHILD";

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("updash").join("credentials.toml"));
    (dir, store)
}

/// A real sign-in through the sandbox's forms, saved by the connect glue.
async fn connected(sb: &Sandbox, store: &Store) -> (Connector, AccountId) {
    let connector = Connector::new(
        store.clone(),
        "sandbox",
        sandbox_provider(sb.url()),
        Some("work".into()),
    )
    .unwrap();
    let code = sign_in(&connector.client, sb.url()).await;
    let done = connector.finish(code, None, &mut |_| {}).await.unwrap();
    assert!(matches!(done.key, KeyOutcome::Minted { .. }));
    (connector, done.id)
}

/// Waits until `dir/<round>.<n>` exists for both processes.
fn barrier(dir: &Path, round: usize, me: usize) {
    std::fs::write(dir.join(format!("{round}.{me}")), "").unwrap();
    let start = Instant::now();
    while !(0..2).all(|n| dir.join(format!("{round}.{n}")).exists()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the other process is gone"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn refresh_rounds_child_process() {
    if std::env::var(CHILD_ROLE).is_err() {
        return;
    }
    let var = |k: &str| std::env::var(k).unwrap();
    let store = Store::new(PathBuf::from(var("UPDASH_CONNECT_STORE")));
    let id = AccountId::parse(&var("UPDASH_CONNECT_ACCOUNT")).unwrap();
    let dir = PathBuf::from(var("UPDASH_CONNECT_DIR"));
    let me: usize = var("UPDASH_CONNECT_ME").parse().unwrap();
    let client = OAuthClient::new(&sandbox_provider(&var("UPDASH_CONNECT_SANDBOX"))).unwrap();
    let refresher = TokenRefresher::new(store.clone());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut failures = Vec::new();
    for round in 0..ROUNDS {
        let seen = store.load_tokens(&id).unwrap().unwrap().tokens.access_token;
        barrier(&dir, round, me);
        // Both processes were just told "401" for the same token, at the same moment.
        if let Err(e) = rt.block_on(refresher.after_unauthorized(&client, &id, &seen)) {
            failures.push(format!("round {round}: {e}"));
        }
    }
    std::fs::write(dir.join(format!("out{me}")), failures.join("\n")).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_refreshing_50_times_lose_no_sign_in() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (dir, store) = temp_store();
    let (connector, id) = connected(&sb, &store).await;
    let first = store.load_tokens(&id).unwrap().unwrap().tokens;
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let children: Vec<_> = (0..2)
        .map(|me| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "connect::refresh_rounds_child_process",
                    "--test-threads=1",
                    "-q",
                ])
                .env(CHILD_ROLE, "1")
                .env("UPDASH_CONNECT_STORE", store.path())
                .env("UPDASH_CONNECT_ACCOUNT", id.as_str())
                .env("UPDASH_CONNECT_DIR", dir.path())
                .env("UPDASH_CONNECT_ME", me.to_string())
                .env("UPDASH_CONNECT_SANDBOX", sb.url())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
            .await
            .unwrap();
        assert!(status.success());
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    for me in 0..2 {
        let out = std::fs::read_to_string(dir.path().join(format!("out{me}"))).unwrap();
        assert!(out.is_empty(), "process {me}: {out}");
    }
    // Exactly one refresh per round: the loser of each race used the winner's tokens.
    let state = serde_json::to_value(&*sb.shared().state()).unwrap();
    let rotated = state["oauth"]["refresh_tokens"]
        .as_object()
        .unwrap()
        .values()
        .filter(|t| t["rotated"] == true)
        .count();
    assert_eq!(rotated, ROUNDS);
    let last = store.load_tokens(&id).unwrap().unwrap();
    assert!(!last.needs_sign_in, "no sign-in lost");
    assert_ne!(last.tokens.refresh_token, first.refresh_token, "rotated");
    // The stored refresh token is the live one.
    connector
        .client
        .refresh(last.tokens.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_is_reminted_with_refreshed_tokens() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (_dir, store) = temp_store();
    let (_connector, id) = connected(&sb, &store).await;
    let session = Session::new(
        Providers::new(Config::default(), Some(sandbox_provider(sb.url()))),
        store.clone(),
        true,
    );
    let selected = session.select(None).unwrap();
    let old_name = store
        .load()
        .unwrap()
        .credentials
        .get(&id)
        .unwrap()
        .api_key_name
        .clone()
        .unwrap();
    // The key is deleted in the console: the Developer API now answers 401.
    sb.shared()
        .state_mut()
        .api
        .api_keys
        .retain(|k| k.name != old_name);
    let base = sb.url().to_string();
    let verify = |key: updash::secret::Secret| {
        let base = base.clone();
        async move {
            Client::new(
                &ClientConfig::new(&base).unwrap(),
                ApiCredentials::new(SEEDED_EMAIL, key),
            )
            .unwrap()
            .verify_credentials()
            .await
        }
    };
    assert!(
        verify(selected.api_key.clone())
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    let fresh = remint_after_unauthorized(&session, &selected)
        .await
        .unwrap();
    assert_ne!(fresh.api_key, selected.api_key);
    verify(fresh.api_key.clone()).await.unwrap();
    let account = store.load().unwrap().credentials.get(&id).unwrap().clone();
    assert_eq!(account.api_key.as_ref(), Some(&fresh.api_key));
    assert!(account.api_key_name.is_some());
    assert!(!account.needs_sign_in);
    // A second caller holding the old key gets the new one without another mint.
    let count = sb.shared().state().api.api_keys.len();
    let again = remint_after_unauthorized(&session, &selected)
        .await
        .unwrap();
    assert_eq!(again.api_key, fresh.api_key);
    assert_eq!(sb.shared().state().api.api_keys.len(), count);

    // Without a usable refresh token it asks for a sign-in.
    store
        .update(|c| {
            c.get_mut(&id).unwrap().refresh_token = None;
            Ok(())
        })
        .unwrap();
    let err = remint_after_unauthorized(&session, &fresh)
        .await
        .unwrap_err();
    assert!(matches!(err, ConnectError::NeedsSignIn { .. }), "{err}");
    assert_eq!(err.exit_code(), 3);
    sb.shutdown().await;
}
