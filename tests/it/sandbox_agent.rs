//! Completing the sandbox's sign-in from the keyboard (updash as the user agent).

use tokio::sync::mpsc;
use updash::auth::{AuthError, CancelToken, LoginAttempt, LoginOptions, OAuthClient};
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::secret::Secret;
use updash_sandbox::agent::{AgentError, complete_sign_in};
use updash_sandbox::{Options, SEEDED_EMAIL, SEEDED_PASSWORD, Sandbox};

/// The one client of a process: no redirects followed, as updash builds it.
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn attempt(sb: &Sandbox) -> (OAuthClient, LoginAttempt) {
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let attempt = LoginAttempt::start(&client, LoginOptions::default())
        .await
        .unwrap();
    (client, attempt)
}

#[tokio::test]
async fn keyboard_sign_in_reaches_the_listener_and_the_code_exchanges() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (client, attempt) = attempt(&sb).await;
    let url = attempt.authorize_url().to_string();
    let (_tx, rx) = mpsc::channel(1);
    let wait = tokio::spawn(async move { attempt.wait(rx, &CancelToken::new()).await });
    // The listener answers the agent (as it would a browser) once the sign-in is done.
    let agent = tokio::spawn(async move {
        complete_sign_in(
            &http(),
            &url,
            SEEDED_EMAIL,
            &Secret::new(SEEDED_PASSWORD),
            true,
        )
        .await
    });
    let mut code = wait.await.unwrap().unwrap();
    let reply = code.take_reply();
    let tokens = client.exchange_code(code).await.unwrap();
    assert_eq!(tokens.email_claim().as_deref(), Some(SEEDED_EMAIL));
    reply.connected().await;
    agent.await.unwrap().unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_password_is_said_and_the_attempt_keeps_waiting() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (_client, attempt) = attempt(&sb).await;
    let url = attempt.authorize_url().to_string();
    let err = complete_sign_in(&http(), &url, SEEDED_EMAIL, &Secret::new("nope"), true)
        .await
        .unwrap_err();
    assert!(matches!(err, AgentError::WrongPassword), "{err}");
    // A second try with the right password still completes the same attempt.
    let (_tx, rx) = mpsc::channel(1);
    let wait = tokio::spawn(async move { attempt.wait(rx, &CancelToken::new()).await });
    let agent = tokio::spawn(async move {
        complete_sign_in(
            &http(),
            &url,
            SEEDED_EMAIL,
            &Secret::new(SEEDED_PASSWORD),
            true,
        )
        .await
    });
    // The code is taken (and its page answered when it drops), so the agent is answered.
    assert!(wait.await.unwrap().is_ok());
    agent.await.unwrap().unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn deny_ends_the_attempt_as_denied() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let (_client, attempt) = attempt(&sb).await;
    let url = attempt.authorize_url().to_string();
    let (_tx, rx) = mpsc::channel(1);
    let wait = tokio::spawn(async move { attempt.wait(rx, &CancelToken::new()).await });
    complete_sign_in(
        &http(),
        &url,
        SEEDED_EMAIL,
        &Secret::new(SEEDED_PASSWORD),
        false,
    )
    .await
    .unwrap();
    let err = wait.await.unwrap().unwrap_err();
    assert!(matches!(err, AuthError::AccessDenied { .. }), "{err}");
    sb.shutdown().await;
}

#[tokio::test]
async fn refuses_anything_but_a_loopback_sandbox() {
    let err = complete_sign_in(
        &http(),
        "https://auth.upstash.com/authorize?client_id=x",
        SEEDED_EMAIL,
        &Secret::new("SECRET-MARKER-pw"),
        true,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AgentError::NotSandbox(_)), "{err}");
    assert!(!format!("{err} {err:?}").contains("SECRET-MARKER"));
}
