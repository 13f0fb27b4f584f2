//! Exchange, refresh, revoke and the device flow against the sandbox's authorization server.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use updash::auth::{
    AuthCode, AuthError, CancelToken, LoginAttempt, LoginOptions, OAuthClient, Revocation,
    TokenKind, TokenSet,
};
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::config::ProviderConfig;
use updash::secret::Secret;
use updash_sandbox::test_browser as ob;
use updash_sandbox::{
    CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, Options, SEEDED_EMAIL, Sandbox,
};

async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default()).await.unwrap()
}

fn confidential(base: &str, secret: &str) -> ProviderConfig {
    let mut p = sandbox_provider(base);
    p.client_id = Some(CONFIDENTIAL_CLIENT_ID.into());
    p.client_secret = Some(Secret::new(secret));
    p
}

/// Runs a real sign-in: our listener, the sandbox's HTML forms, the browser following the
/// redirect back to the listener. Returns the code the attempt received.
pub(crate) async fn sign_in(client: &OAuthClient, base: &str) -> AuthCode {
    let attempt = LoginAttempt::start(client, LoginOptions::default())
        .await
        .unwrap();
    let url = attempt.authorize_url().to_string();
    let (_tx, rx) = mpsc::channel(1);
    let cancel = CancelToken::new();
    let wait = tokio::spawn(async move { attempt.wait(rx, &cancel).await });
    let browser = ob::browser();
    let page = browser.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200, "authorize shows the sign-in page");
    let html = page.text().await.unwrap();
    let consent = ob::sign_in_to_consent(&browser, base, &html).await;
    let resp = ob::submit_consent(&browser, base, &consent, "allow").await;
    let back = ob::location(&resp).expect("redirect back to updash");
    // The browser's page waits for the outcome; these tests exchange the code themselves.
    let landed = tokio::spawn(async move { browser.get(&back).send().await.unwrap() });
    let mut code = wait.await.unwrap().unwrap();
    code.take_reply().connected().await;
    let landed = landed.await.unwrap();
    assert_eq!(landed.status(), 200);
    assert!(landed.text().await.unwrap().contains("Account connected"));
    code
}

pub(crate) async fn signed_in_tokens(sb: &Sandbox) -> (OAuthClient, TokenSet) {
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let code = sign_in(&client, sb.url()).await;
    let tokens = client.exchange_code(code).await.unwrap();
    (client, tokens)
}

#[tokio::test]
async fn browser_sign_in_exchanges_the_code_and_reads_the_email() {
    let sb = sandbox().await;
    let (client, tokens) = signed_in_tokens(&sb).await;
    assert!(!tokens.access_token.expose().is_empty());
    assert!(tokens.refresh_token.is_some());
    let expires = tokens.expires_at.expect("expires_at");
    let left = expires - time::OffsetDateTime::now_utc();
    assert!(
        left > time::Duration::hours(47) && left <= time::Duration::hours(48),
        "{left}"
    );
    assert!(tokens.scopes.iter().any(|s| s == "offline_access"));
    assert_eq!(tokens.email_claim().as_deref(), Some(SEEDED_EMAIL));
    assert_eq!(
        client.account_email(&tokens).await.as_deref(),
        Some(SEEDED_EMAIL)
    );
    // The token works at the provider.
    let who: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/userinfo", sb.url()))
        .bearer_auth(tokens.access_token.expose())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(who["email"], SEEDED_EMAIL);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_code_is_single_use() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let code = sign_in(&client, sb.url()).await;
    let again = AuthCode::from_parts(
        code.code().clone(),
        code_verifier_placeholder(),
        code.redirect_uri(),
    );
    client.exchange_code(code).await.unwrap();
    let err = client.exchange_code(again).await.unwrap_err();
    assert!(matches!(err, AuthError::CodeRejected { .. }), "{err:?}");
    sb.shutdown().await;
}

fn code_verifier_placeholder() -> Secret {
    Secret::new("x".repeat(43))
}

#[tokio::test]
async fn a_wrong_verifier_is_a_plain_sentence() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let pkce = ob::Pkce::new();
    let code = ob::sign_in_via_forms(sb.url(), "updash", ob::REDIRECT, Some(&pkce)).await;
    let wrong = ob::Pkce::new();
    let err = client
        .exchange_code(AuthCode::from_parts(
            Secret::new(code.clone()),
            Secret::new(wrong.verifier.clone()),
            ob::REDIRECT,
        ))
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("the sign-in code expired or was already used; sign in again"),
        "{text}"
    );
    for secret in [&code, &wrong.verifier, &pkce.verifier] {
        assert!(!text.contains(secret.as_str()) && !format!("{err:?}").contains(secret.as_str()));
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let code = sign_in(&client, sb.url()).await;
    ob::advance_clock(sb.url(), 61).await;
    let err = client.exchange_code(code).await.unwrap_err();
    assert!(matches!(err, AuthError::CodeRejected { .. }), "{err:?}");
    assert!(err.needs_sign_in());
    sb.shutdown().await;
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let sb = sandbox().await;
    let (client, first) = signed_in_tokens(&sb).await;
    let rt1 = first.refresh_token.clone().unwrap();
    let second = client.refresh(&rt1).await.unwrap();
    let rt2 = second.refresh_token.clone().unwrap();
    assert_ne!(second.access_token, first.access_token);
    assert_ne!(rt2, rt1, "the sandbox rotates refresh tokens");
    assert!(second.expires_at.is_some());
    let third = client.refresh(&rt2).await.unwrap();
    assert!(third.refresh_token.is_some());
    sb.shutdown().await;
}

#[tokio::test]
async fn revoke_then_refresh_is_refused_with_needs_sign_in() {
    let sb = sandbox().await;
    let (client, tokens) = signed_in_tokens(&sb).await;
    let rt = tokens.refresh_token.clone().unwrap();
    assert_eq!(
        client.revoke(&rt, TokenKind::RefreshToken).await.unwrap(),
        Revocation::Revoked
    );
    let err = client.refresh(&rt).await.unwrap_err();
    assert_eq!(err, AuthError::NeedsSignIn);
    assert!(err.to_string().contains("sign in again"));
    // A provider without a revocation endpoint says so instead of failing.
    let mut p = sandbox_provider(sb.url());
    p.revocation_url = None;
    let no_revoke = OAuthClient::new(&p).unwrap();
    assert_eq!(
        no_revoke
            .revoke(&rt, TokenKind::RefreshToken)
            .await
            .unwrap(),
        Revocation::NotSupported
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn the_confidential_client_signs_in_and_a_wrong_secret_is_explained() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&confidential(sb.url(), CONFIDENTIAL_CLIENT_SECRET)).unwrap();
    let code = sign_in(&client, sb.url()).await;
    let tokens = client.exchange_code(code).await.unwrap();
    let rt = tokens.refresh_token.clone().unwrap();
    let refreshed = client.refresh(&rt).await.unwrap();
    assert_eq!(
        client
            .revoke(
                refreshed.refresh_token.as_ref().unwrap(),
                TokenKind::RefreshToken
            )
            .await
            .unwrap(),
        Revocation::Revoked
    );
    let wrong = OAuthClient::new(&confidential(sb.url(), "not-the-secret")).unwrap();
    let code = sign_in(&wrong, sb.url()).await;
    let err = wrong.exchange_code(code).await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidClient { .. }), "{err:?}");
    assert!(err.to_string().contains("check client_id / client secret"));
    assert!(!format!("{err} {err:?}").contains("not-the-secret"));
    sb.shutdown().await;
}

#[tokio::test]
async fn the_device_flow_honours_slow_down() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let device = client.device_start().await.unwrap();
    assert_eq!(device.interval(), Duration::from_secs(5));
    assert!(device.verification_uri().ends_with("/activate"));
    let user_code = device.user_code().to_string();
    // Sleep a fiftieth of each interval: the sandbox answers slow_down, and the interval
    // asked for grows by 5 s each time.
    let asked: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let recorded = asked.clone();
    let sleep = move |d: Duration| {
        recorded.lock().unwrap().push(d);
        tokio::time::sleep(d / 50)
    };
    let approve = {
        let base = sb.url().to_string();
        let asked = asked.clone();
        async move {
            while asked.lock().unwrap().len() < 3 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            assert_eq!(
                ob::answer_device_code(&base, &user_code, "allow").await,
                200
            );
        }
    };
    let cancel = CancelToken::new();
    let (tokens, ()) = tokio::join!(
        client.device_wait_with_sleep(&device, &cancel, sleep),
        approve
    );
    let tokens = tokens.unwrap();
    assert_eq!(tokens.email_claim().as_deref(), Some(SEEDED_EMAIL));
    let asked = asked.lock().unwrap().clone();
    assert!(asked.len() >= 3, "{asked:?}");
    for pair in asked.windows(2) {
        assert_eq!(pair[1], pair[0] + Duration::from_secs(5), "{asked:?}");
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn the_device_flow_reports_denial_and_cancel() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let device = client.device_start().await.unwrap();
    assert_eq!(
        ob::answer_device_code(sb.url(), device.user_code(), "deny").await,
        200
    );
    let cancel = CancelToken::new();
    let fast = |d: Duration| tokio::time::sleep(d / 100);
    let err = client
        .device_wait_with_sleep(&device, &cancel, fast)
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::AccessDenied { .. }), "{err:?}");

    let device = client.device_start().await.unwrap();
    let cancel = CancelToken::new();
    let c = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        c.cancel();
    });
    let err = client.device_wait(&device, &cancel).await.unwrap_err();
    assert_eq!(err, AuthError::Cancelled);
    sb.shutdown().await;
}

#[tokio::test]
async fn the_device_code_expires() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let device = client.device_start().await.unwrap();
    ob::advance_clock(sb.url(), 601).await;
    let cancel = CancelToken::new();
    let err = client
        .device_wait_with_sleep(&device, &cancel, |d| tokio::time::sleep(d / 100))
        .await
        .unwrap_err();
    assert_eq!(err, AuthError::DeviceCodeExpired);
    sb.shutdown().await;
}

#[tokio::test]
async fn network_and_non_json_answers_are_sentences() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client =
        OAuthClient::new(&sandbox_provider(&format!("http://127.0.0.1:{closed}"))).unwrap();
    let err = client.refresh(&Secret::new("RT-MARKER")).await.unwrap_err();
    assert!(matches!(err, AuthError::Network { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("could not reach the provider at http://127.0.0.1:")
    );
    assert!(err.is_transient());

    let sb = sandbox().await;
    let mut p = sandbox_provider(sb.url());
    // An endpoint that answers HTML, not a token answer.
    p.token_url = Some(format!("{}/activate", sb.url()));
    let client = OAuthClient::new(&p).unwrap();
    let err = client.refresh(&Secret::new("RT-MARKER")).await.unwrap_err();
    assert!(matches!(err, AuthError::BadResponse { .. }), "{err:?}");
    assert!(err.to_string().contains("/activate"), "{err}");
    assert!(!format!("{err} {err:?}").contains("RT-MARKER"));
    sb.shutdown().await;
}

#[tokio::test]
async fn no_secret_reaches_an_error_or_a_debug_print() {
    const M: &str = "MARKER-";
    let sb = sandbox().await;
    let mut shown = Vec::<String>::new();
    let mut show = |s: String| shown.push(s);
    let public = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let secret = format!("{M}client-secret");
    let confidential_client = OAuthClient::new(&confidential(sb.url(), &secret)).unwrap();
    show(format!("{confidential_client:?}"));
    let code = AuthCode::from_parts(
        Secret::new(format!("{M}code")),
        Secret::new(format!("{M}verifier-{}", "v".repeat(40))),
        ob::REDIRECT,
    );
    show(format!("{code:?}"));
    let e = public.exchange_code(code).await.unwrap_err();
    show(format!("{e} {e:?}"));
    let e = public
        .refresh(&Secret::new(format!("{M}refresh")))
        .await
        .unwrap_err();
    show(format!("{e} {e:?}"));
    let e = confidential_client
        .refresh(&Secret::new(format!("{M}refresh")))
        .await
        .unwrap_err();
    show(format!("{e} {e:?}"));
    let e = confidential_client
        .revoke(&Secret::new(format!("{M}token")), TokenKind::AccessToken)
        .await
        .unwrap_err();
    show(format!("{e} {e:?}"));
    let (_client, tokens) = signed_in_tokens(&sb).await;
    show(format!("{tokens:?}"));
    let attempt = LoginAttempt::start(&public, LoginOptions::default())
        .await
        .unwrap();
    show(format!("{attempt:?}"));
    let checker = attempt.paste_checker();
    show(format!(
        "{:?}",
        checker.check(&format!("?code={M}pasted&state=x"))
    ));
    show(format!("{:?}", checker.check(&format!("{M}bare"))));
    let device = public.device_start().await.unwrap();
    show(format!("{device:?}"));
    for s in &shown {
        assert!(!s.contains(M), "a secret leaked: {s}");
        assert!(!s.contains(tokens.access_token.expose()));
        assert!(!s.contains(device.user_code()), "user code in {s}");
    }
    sb.shutdown().await;
}
