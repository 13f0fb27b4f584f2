//! Other ways to connect (a confidential `oauth` provider, an existing API key), logout
//! with revocation, and `status`.

use super::*;
use crate::support::cli::{stderr, stdout};
use updash_sandbox::{
    CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, SEEDED_API_KEY, SEEDED_EMAIL,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confidential_oauth_provider_saves_tokens_and_no_key() {
    let sb = sandbox().await;
    let home = Home::new();
    let base = sb.url();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    std::fs::write(
        home.config_dir().join("config.toml"),
        format!(
            "[providers.conf]\nkind = \"oauth\"\nauthorize_url = \"{base}/authorize\"\n\
             token_url = \"{base}/oauth/token\"\nrevocation_url = \"{base}/oauth/revoke\"\n\
             client_id = \"{CONFIDENTIAL_CLIENT_ID}\"\nclient_secret_env = \"CONF_SECRET\"\n\
             scopes = [\"offline_access\"]\naudience = \"upstash-api\"\n"
        ),
    )
    .unwrap();
    let mut cmd = updash(&home, base);
    cmd.env("CONF_SECRET", CONFIDENTIAL_CLIENT_SECRET);
    let mut child = LoginChild::spawn(cmd, &["login", "--provider", "conf", "--no-browser"]);
    let back = approve(&child.next_line(), "allow").await;
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert!(
        ended.stderr.contains("OAuth tokens were saved"),
        "{}",
        ended.stderr
    );
    let accounts = accounts(&home);
    assert_eq!(accounts.len(), 1);
    let a = &accounts[0];
    assert_eq!(field(a, "provider"), Some("conf"));
    assert_eq!(field(a, "email"), Some(SEEDED_EMAIL));
    assert!(field(a, "access_token").is_some() && field(a, "refresh_token").is_some());
    assert!(
        field(a, "api_key").is_none(),
        "an oauth provider gets no API key"
    );
    assert!(minted_keys(&sb).is_empty());
    sb.shutdown().await;
}

fn login_with_key(home: &Home, url: &str, key: &str) -> std::process::Output {
    let mut child = updash(home, url)
        .args([
            "--sandbox",
            "login",
            "--email",
            SEEDED_EMAIL,
            "--api-key-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{key}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_api_key_is_checked_then_saved() {
    let sb = sandbox().await;
    let home = Home::new();
    let url = sb.url().to_string();
    let h = &home;
    let good = tokio::task::block_in_place(|| login_with_key(h, &url, SEEDED_API_KEY));
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    assert!(stdout(&good).contains("checked"), "{}", stdout(&good));
    let accounts = accounts(&home);
    assert_eq!(accounts.len(), 1);
    assert_eq!(field(&accounts[0], "api_key"), Some(SEEDED_API_KEY));
    assert_eq!(field(&accounts[0], "provider"), Some("sandbox"));
    assert!(field(&accounts[0], "access_token").is_none());
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_api_key_is_refused_and_nothing_saved() {
    let sb = sandbox().await;
    let home = Home::new();
    let url = sb.url().to_string();
    let h = &home;
    let bad = tokio::task::block_in_place(|| login_with_key(h, &url, "not-a-real-key"));
    assert_eq!(bad.status.code(), Some(3), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("refused the email"),
        "{}",
        stderr(&bad)
    );
    assert!(!stderr(&bad).contains("not-a-real-key"));
    assert!(accounts(&home).is_empty());
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_revokes_the_refresh_token_and_removes_the_account() {
    let sb = sandbox().await;
    let home = Home::new();
    let (ended, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let refresh = field(&accounts(&home)[0], "refresh_token")
        .unwrap()
        .to_string();
    let (url, h) = (sb.url().to_string(), &home);
    let out = tokio::task::block_in_place(|| run(h, &url, &["--sandbox", "logout"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("revoked: the refresh token was revoked at sandbox"),
        "{text}"
    );
    assert!(
        text.contains("stays valid at Upstash until you delete it"),
        "{text}"
    );
    assert!(
        accounts(&home).is_empty(),
        "the account is gone from the file"
    );
    let (status, body) = ob::refresh(sb.url(), &refresh).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_grant");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_reports_accounts_refreshes_and_exits_3_when_sign_in_is_needed() {
    let sb = sandbox().await;
    let home = Home::new();
    let (ended, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let (url, h) = (sb.url().to_string(), &home);

    let out = tokio::task::block_in_place(|| run(h, &url, &["status"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in [
        "mode 0600",
        "provider: sandbox",
        SEEDED_EMAIL,
        "(default)",
        "not needed yet",
        "UPDASH_API_KEY_",
        "state: ok",
    ] {
        assert!(text.contains(needle), "{needle:?} in {text}");
    }

    // --refresh proves the refresh works and saves the rotation.
    let before = field(&accounts(&home)[0], "refresh_token")
        .unwrap()
        .to_string();
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--json", "--refresh"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["credentials"]["mode"], "0600");
    assert_eq!(v["environment"]["in_use"], false);
    let a = &v["accounts"][0];
    assert_eq!(a["provider"], "sandbox");
    assert_eq!(a["email"], SEEDED_EMAIL);
    assert_eq!(a["default"], true);
    assert_eq!(a["refresh"], "ok");
    assert_eq!(a["api_key"], true);
    assert_eq!(a["needs_sign_in"], false);
    assert!(a["expires_at"].is_string());
    let after = field(&accounts(&home)[0], "refresh_token")
        .unwrap()
        .to_string();
    assert_ne!(before, after, "the rotated refresh token was saved");

    // Environment credentials are mentioned.
    let out = tokio::task::block_in_place(|| {
        updash(h, &url)
            .args(["status"])
            .env("UPSTASH_EMAIL", "env@example.com")
            .env("UPSTASH_API_KEY", "whatever")
            .output()
            .unwrap()
    });
    assert!(
        stdout(&out).contains(
            "UPSTASH_EMAIL=env@example.com and UPSTASH_API_KEY are set; commands use them"
        ),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("whatever"));

    // Revoked elsewhere: the refresh is refused, the account needs sign-in, exit 3.
    let (status, _) = revoke(sb.url(), &after).await;
    assert_eq!(status, 200);
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--refresh"]));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("needs sign-in: run `updash login --sandbox --account"),
        "{}",
        stdout(&out)
    );
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--json"]));
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["needs_sign_in"], true);
    assert_eq!(v["accounts"][0]["needs_sign_in"], true);
    sb.shutdown().await;
}

async fn revoke(base: &str, token: &str) -> (u16, String) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/oauth/revoke"))
        .form(&[
            ("token", token),
            ("token_type_hint", "refresh_token"),
            ("client_id", updash_sandbox::PUBLIC_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    (
        resp.status().as_u16(),
        resp.text().await.unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_device_flow_connects_after_approval() {
    let sb = sandbox().await;
    let home = Home::new();
    let child = LoginChild::spawn(
        updash(&home, sb.url()),
        &["--sandbox", "login", "--device", "--timeout", "60"],
    );
    child.wait_stderr("Waiting for approval");
    let text = child.stderr_now();
    assert!(
        text.contains(&format!("open {}/activate", sb.url())),
        "{text}"
    );
    let code = text
        .lines()
        .skip_while(|l| !l.contains("enter the code"))
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.contains("enter the code"))
        .unwrap()
        .to_string();
    assert_eq!(ob::answer_device_code(sb.url(), &code, "allow").await, 200);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let accounts = accounts(&home);
    assert_eq!(accounts.len(), 1);
    assert_eq!(field(&accounts[0], "email"), Some(SEEDED_EMAIL));
    assert!(field(&accounts[0], "api_key").is_some());
    sb.shutdown().await;
}
