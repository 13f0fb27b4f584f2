//! `login` and `logout` say what is true: the browser's page follows the real outcome, an
//! answer from another issuer is refused, configuration refusals exit 2, the way to paste back
//! is shown whenever no browser opened, a sign-in without a refresh token is warned about, and
//! a failed revocation keeps the account unless `--force`.

use super::*;
use crate::support::cli::{stderr, stdout};

/// The browser follows `back` to updash's listener; the page it lands on, once it comes.
fn land(back: String) -> tokio::task::JoinHandle<String> {
    tokio::spawn(async move {
        ob::browser()
            .get(back)
            .timeout(std::time::Duration::from_secs(30))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_sees_connected_only_once_the_account_is_saved() {
    let sb = sandbox().await;
    let home = Home::new();
    let child = LoginChild::no_browser(&home, sb.url(), &[]);
    let back = approve(&child.next_line(), "allow").await;
    let page = land(back).await.unwrap();
    assert!(page.contains("Account connected"), "{page}");
    // By the time the page says so, the account and its key are saved.
    assert_eq!(accounts(&home).len(), 1, "saved before the page");
    assert_eq!(minted_keys(&sb).len(), 1);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert!(!ended.stderr.contains("granted no refresh token"));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_sees_the_error_when_the_exchange_fails() {
    let sb = sandbox().await;
    let home = Home::new();
    let child = LoginChild::no_browser(&home, sb.url(), &[]);
    let back = approve(&child.next_line(), "allow").await;
    ob::advance_clock(sb.url(), 120).await;
    let page = land(back).await.unwrap();
    assert!(page.contains("Sign-in failed"), "{page}");
    assert!(page.contains("expired"), "{page}");
    assert!(!page.contains("Account connected"), "{page}");
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(3), "{}", ended.stderr);
    assert!(accounts(&home).is_empty());
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_sees_the_error_when_the_account_cannot_be_saved() {
    let sb = sandbox().await;
    let home = Home::new();
    home.store()
        .update(|c| {
            let mut other =
                updash::store::Account::new("upstash", "work", time::OffsetDateTime::now_utc());
            other.email = Some("someone@example.com".into());
            other.api_key = Some(updash::secret::Secret::new("a-key"));
            c.add_account(other).map(|_| ())
        })
        .unwrap();
    let child = LoginChild::no_browser(&home, sb.url(), &["--account", "work"]);
    let back = approve(&child.next_line(), "allow").await;
    let page = land(back).await.unwrap();
    assert!(page.contains("Sign-in failed"), "{page}");
    assert!(page.contains("already names another account"), "{page}");
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    sb.shutdown().await;
}

/// `back` with its `iss` replaced by `iss` (or removed).
fn with_iss(back: &str, iss: Option<&str>) -> String {
    let mut url = url::Url::parse(back).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .filter(|(k, _)| k != "iss")
        .chain(iss.map(|i| ("iss".to_string(), i.to_string())))
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_from_another_issuer_is_refused_with_exit_3() {
    let sb = sandbox().await;
    let home = Home::new();
    for (iss, says) in [
        (
            Some("https://evil.example"),
            "came from the issuer https://evil.example",
        ),
        (None, "does not name its issuer"),
    ] {
        let mut child = LoginChild::no_browser(&home, sb.url(), &[]);
        let back = approve(&child.next_line(), "allow").await;
        child.paste(&with_iss(&back, iss));
        let ended = tokio::task::spawn_blocking(move || child.finish())
            .await
            .unwrap();
        assert_eq!(ended.code, Some(3), "{}", ended.stderr);
        assert!(ended.stderr.contains(says), "{}", ended.stderr);
        assert!(accounts(&home).is_empty(), "nothing saved");
        assert!(minted_keys(&sb).is_empty(), "the code was never used");
    }
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_refusals_exit_2_and_denial_exits_3() {
    let sb = sandbox().await;
    let home = Home::new();
    let base = sb.url();
    // invalid_scope, from the provider itself: a scope it does not know.
    std::fs::create_dir_all(home.config_dir()).unwrap();
    std::fs::write(
        home.config_dir().join("config.toml"),
        format!(
            "[providers.corp]\nkind = \"upstash\"\nauthorize_url = \"{base}/authorize\"\n\
             token_url = \"{base}/oauth/token\"\nclient_id = \"updash\"\n\
             api_base_url = \"{base}\"\nscopes = [\"no-such-scope\"]\n"
        ),
    )
    .unwrap();
    let mut child = LoginChild::spawn(
        updash(&home, base),
        &["login", "--no-browser", "--provider", "corp"],
    );
    let refused = ob::browser().get(child.next_line()).send().await.unwrap();
    child.paste(&ob::location(&refused).expect("redirected with the error"));
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    assert!(ended.stderr.contains("refused the requested scopes"));

    // unauthorized_client and invalid_client, as another provider would answer; and denial.
    for (error, code, says) in [
        ("unauthorized_client", 2, "does not allow this app"),
        ("invalid_client", 2, "client credentials"),
        ("access_denied", 3, "denied"),
    ] {
        let mut child = LoginChild::no_browser(&home, base, &[]);
        let authorize = url::Url::parse(&child.next_line()).unwrap();
        let param = |name: &str| {
            authorize
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
                .unwrap()
        };
        let mut back = url::Url::parse(&param("redirect_uri")).unwrap();
        back.query_pairs_mut()
            .append_pair("error", error)
            .append_pair("state", &param("state"))
            .append_pair("iss", base);
        child.paste(back.as_str());
        let ended = tokio::task::spawn_blocking(move || child.finish())
            .await
            .unwrap();
        assert_eq!(ended.code, Some(code), "{error}: {}", ended.stderr);
        assert!(ended.stderr.contains(says), "{error}: {}", ended.stderr);
    }
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_says_how_to_paste_back_whenever_no_browser_opened() {
    let sb = sandbox().await;
    let home = Home::new();
    // Not over SSH, no display: no browser can open here.
    let child = LoginChild::spawn(updash(&home, sb.url()), &["--sandbox", "login"]);
    child.wait_stderr("Waiting for the sign-in");
    let text = child.stderr_now();
    assert!(text.contains("Not opening a browser"), "{text}");
    assert!(
        text.contains("paste here the address the browser ends on"),
        "{text}"
    );
    assert!(!text.contains("ssh -L"), "{text}");
    drop(child);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_warns_when_no_refresh_token_was_granted() {
    let sb = sandbox().await;
    let home = Home::new();
    ob::set_faults(sb.url(), serde_json::json!({"issue_refresh_tokens": false})).await;
    let (ended, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert!(
        ended.stderr.contains(
            "warning: sandbox granted no refresh token, although updash asked for offline_access"
        ),
        "{}",
        ended.stderr
    );
    assert!(
        ended
            .stderr
            .contains("ends when the access token expires (in ")
    );
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_revocation_keeps_the_account_unless_forced() {
    let sb = sandbox().await;
    let home = Home::new();
    let (login, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(login.code, Some(0), "{}", login.stderr);
    ob::set_faults(sb.url(), serde_json::json!({"fail_rate": 1.0})).await;
    let (url, h) = (sb.url().to_string(), &home);

    let out = tokio::task::block_in_place(|| run(h, &url, &["--sandbox", "logout"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stderr(&out);
    for needle in [
        "was kept, because revoking its tokens failed",
        "the refresh token could not be revoked at sandbox",
        "still valid at sandbox: the refresh token and the access token",
        "logout --force",
    ] {
        assert!(text.contains(needle), "{needle:?} in {text}");
    }
    assert_eq!(accounts(&home).len(), 1, "the account is kept");

    let out = tokio::task::block_in_place(|| run(h, &url, &["--sandbox", "logout", "--force"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("removed anyway (--force)"), "{text}");
    assert!(
        text.contains("still valid: the refresh token and the access token"),
        "{text}"
    );
    assert!(accounts(&home).is_empty());
    let log = home.log_text();
    assert!(log.contains("lifecycle: revocation"), "{log}");
    assert!(log.contains("outcome=\"failed\""), "{log}");
    assert!(log.contains("forced=true"), "{log}");
    sb.shutdown().await;
}
