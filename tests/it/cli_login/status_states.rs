//! `updash status` tells the truth about each sign-in: an expired token with no refresh token
//! and a refused refresh need sign-in (exit 3) while the API key keeps `db` working; a refresh
//! that could not be checked exits 1 with the reason; times under a minute read in seconds;
//! the hint is the command that works, and `login --account` takes that account's provider.

use super::*;
use crate::support::cli::{stderr, stdout};

async fn revoke_at_sandbox(base: &str, token: &str) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/oauth/revoke"))
        .form(&[
            ("token", token),
            ("client_id", updash_sandbox::PUBLIC_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

fn text_of(out: &std::process::Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_without_refresh_token_needs_sign_in_while_the_key_works() {
    let sb = sandbox().await;
    let home = Home::new();
    ob::set_faults(
        sb.url(),
        serde_json::json!({"issue_refresh_tokens": false, "token_ttl_secs": 2}),
    )
    .await;
    let (login, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(login.code, Some(0), "{}", login.stderr);
    assert!(field(&accounts(&home)[0], "refresh_token").is_none());
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;

    let (url, h) = (sb.url().to_string(), &home);
    let out = tokio::task::block_in_place(|| run(h, &url, &["status"]));
    assert_eq!(out.status.code(), Some(3), "{}", text_of(&out));
    let text = stdout(&out);
    for needle in [
        "no refresh token, and the token expired",
        "(works)",
        "needs sign-in: run `updash login --sandbox --account operator@example.com`",
        "the API key still works, so db commands keep working",
    ] {
        assert!(text.contains(needle), "{needle:?} in {text}");
    }
    assert!(!text.contains("state: ok"), "{text}");
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["accounts"][0]["state"], "needs-sign-in");
    assert_eq!(v["accounts"][0]["sign_in_expired"], true);
    assert_eq!(v["accounts"][0]["api_key_works"], true);
    assert_eq!(v["accounts"][0]["usable"], true);

    let out = tokio::task::block_in_place(|| run(h, &url, &["--sandbox", "db", "list"]));
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_refresh_needs_sign_in_and_db_commands_keep_working() {
    let sb = sandbox().await;
    let home = Home::new();
    let (login, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(login.code, Some(0), "{}", login.stderr);
    let refresh = field(&accounts(&home)[0], "refresh_token")
        .unwrap()
        .to_string();
    revoke_at_sandbox(sb.url(), &refresh).await;

    let (url, h) = (sb.url().to_string(), &home);
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--refresh"]));
    assert_eq!(out.status.code(), Some(3), "{}", text_of(&out));
    let text = stdout(&out);
    assert!(text.contains("refused by the provider"), "{text}");
    assert!(text.contains("the API key still works"), "{text}");
    // Its key was never refused: the db commands go on, and so does the next status.
    for _ in 0..2 {
        let out = tokio::task::block_in_place(|| run(h, &url, &["--sandbox", "db", "list"]));
        assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    }
    let out = tokio::task::block_in_place(|| run(h, &url, &["status"]));
    assert_eq!(out.status.code(), Some(3), "{}", text_of(&out));
    assert!(stdout(&out).contains("the API key still works"));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_that_cannot_be_checked_exits_1_with_the_reason() {
    let sb = sandbox().await;
    let home = Home::new();
    let (login, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(login.code, Some(0), "{}", login.stderr);
    ob::set_faults(sb.url(), serde_json::json!({"fail_rate": 1.0})).await;
    let (url, h) = (sb.url().to_string(), &home);
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--refresh"]));
    assert_eq!(out.status.code(), Some(1), "{}", text_of(&out));
    assert!(
        stdout(&out).contains("state: unknown: the refresh could not be checked"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("injected server error"),
        "the reason: {}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("state: ok"));
    // Nothing was marked: once the provider is back, the account is fine.
    ob::set_faults(sb.url(), serde_json::json!({"fail_rate": 0.0})).await;
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--refresh"]));
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_under_a_minute_reads_in_seconds() {
    let sb = sandbox().await;
    let home = Home::new();
    ob::set_faults(sb.url(), serde_json::json!({"token_ttl_secs": 59})).await;
    let (login, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(login.code, Some(0), "{}", login.stderr);
    let (url, h) = (sb.url().to_string(), &home);
    let out = tokio::task::block_in_place(|| run(h, &url, &["status"]));
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    let text = stdout(&out);
    let expiry = text
        .lines()
        .find(|l| l.contains("token expires:"))
        .unwrap_or_default();
    assert!(expiry.contains(" s)"), "{expiry}");
    assert!(!expiry.contains("0 min"), "{expiry}");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hint_names_the_provider_and_login_takes_it_from_the_account() {
    let sb = sandbox().await;
    let home = Home::new();
    let base = sb.url();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    std::fs::write(
        home.config_dir().join("config.toml"),
        format!(
            "[providers.corp]\nkind = \"upstash\"\nauthorize_url = \"{base}/authorize\"\n\
             token_url = \"{base}/oauth/token\"\nrevocation_url = \"{base}/oauth/revoke\"\n\
             client_id = \"updash\"\napi_base_url = \"{base}\"\n"
        ),
    )
    .unwrap();
    let login = |args: &'static [&'static str]| {
        let home = &home;
        async move {
            let mut child = LoginChild::spawn(updash(home, base), args);
            let back = approve(&child.next_line(), "allow").await;
            child.paste(&back);
            tokio::task::spawn_blocking(move || child.finish())
                .await
                .unwrap()
        }
    };
    let first = login(&[
        "login",
        "--no-browser",
        "--provider",
        "corp",
        "--account",
        "work",
    ])
    .await;
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let refresh = field(&accounts(&home)[0], "refresh_token")
        .unwrap()
        .to_string();
    revoke_at_sandbox(base, &refresh).await;
    let (url, h) = (base.to_string(), &home);
    let out = tokio::task::block_in_place(|| run(h, &url, &["status", "--refresh"]));
    assert_eq!(out.status.code(), Some(3), "{}", text_of(&out));
    let hint = "updash login --provider corp --account work";
    assert!(stdout(&out).contains(hint), "{}", stdout(&out));

    // The command the hint names without --provider works too: the account says which.
    let again = login(&["login", "--no-browser", "--account", "work"]).await;
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let all = accounts(&home);
    assert_eq!(all.len(), 1, "the same account was signed in again");
    assert_eq!(field(&all[0], "provider"), Some("corp"));
    let out = tokio::task::block_in_place(|| run(h, &url, &["status"]));
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));

    // Naming another provider for it is a usage error, before any browser.
    let out = tokio::task::block_in_place(|| {
        run(
            h,
            &url,
            &["login", "--provider", "upstash", "--account", "work"],
        )
    });
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert!(stderr(&out).contains("belongs to the provider \"corp\""));
    sb.shutdown().await;
}
