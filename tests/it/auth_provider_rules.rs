//! What the provider says about itself, held to: the issuer of a sign-in answer (RFC 9207),
//! from the config or the metadata, and the way a confidential client authenticates at the
//! token endpoint (`client_secret_basic` / `client_secret_post`), against the sandbox.

use crate::auth_flows::sign_in;
use std::time::Duration;
use tokio::sync::mpsc;
use updash::auth::{
    AuthCode, AuthError, CancelToken, LoginAttempt, LoginOptions, OAuthClient, Revocation,
    TokenKind,
};
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::config::{ProviderConfig, TokenAuthMethod};
use updash::secret::Secret;
use updash_sandbox::test_browser as ob;
use updash_sandbox::{CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, Options, Sandbox};

async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default()).await.unwrap()
}

fn confidential(base: &str, method: Option<TokenAuthMethod>) -> ProviderConfig {
    let mut p = sandbox_provider(base);
    p.client_id = Some(CONFIDENTIAL_CLIENT_ID.into());
    p.client_secret = Some(Secret::new(CONFIDENTIAL_CLIENT_SECRET));
    p.token_endpoint_auth_method = method;
    p
}

/// Starts an attempt, approves it in the sandbox's forms, and returns the address the
/// sandbox redirects to (not followed) with the attempt's wait.
async fn approved(
    client: &OAuthClient,
    base: &str,
) -> (
    String,
    tokio::task::JoinHandle<Result<AuthCode, AuthError>>,
    mpsc::Sender<String>,
) {
    let attempt = LoginAttempt::start(client, LoginOptions::default())
        .await
        .unwrap();
    let url = attempt.authorize_url().to_string();
    let (tx, rx) = mpsc::channel(1);
    let wait = tokio::spawn(async move { attempt.wait(rx, &CancelToken::new()).await });
    let browser = ob::browser();
    let html = browser
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let consent = ob::sign_in_to_consent(&browser, base, &html).await;
    let resp = ob::submit_consent(&browser, base, &consent, "allow").await;
    (ob::location(&resp).unwrap(), wait, tx)
}

/// `url` with its `iss` parameter replaced by `iss` (or removed with `None`).
fn with_iss(url: &str, iss: Option<&str>) -> String {
    let mut url = url::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .filter(|(k, _)| k != "iss")
        .chain(iss.map(|i| ("iss".to_string(), i.to_string())))
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url.to_string()
}

/// The browser brings `url` back to the listener; returns how the attempt ended and the page.
async fn bring_back(
    url: String,
    wait: tokio::task::JoinHandle<Result<AuthCode, AuthError>>,
) -> (Result<AuthCode, AuthError>, String) {
    let page = tokio::spawn(async move {
        ob::browser()
            .get(url)
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    let result = wait.await.unwrap();
    let page = match &result {
        // Nothing exchanged here: answer the browser so the page comes.
        Ok(_) => String::new(),
        Err(_) => page.await.unwrap(),
    };
    (result, page)
}

#[tokio::test]
async fn an_answer_naming_another_issuer_is_refused() {
    let sb = sandbox().await;
    let client = OAuthClient::new(&sandbox_provider(sb.url())).unwrap();
    let (back, wait, _tx) = approved(&client, sb.url()).await;
    assert_eq!(
        ob::query_param(&back, "iss").as_deref(),
        Some(sb.url()),
        "the sandbox names itself"
    );
    let (result, page) = bring_back(with_iss(&back, Some("https://evil.example")), wait).await;
    let err = result.unwrap_err();
    assert!(matches!(err, AuthError::IssuerMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains("https://evil.example"), "{err}");
    assert!(page.contains("Sign-in failed"), "{page}");
    sb.shutdown().await;
}

#[tokio::test]
async fn without_an_issuer_in_the_config_the_metadata_names_it_and_promises_iss() {
    let sb = sandbox().await;
    let mut provider = sandbox_provider(sb.url());
    provider.issuer = None;
    let client = OAuthClient::new(&provider).unwrap();
    let metadata = client.metadata().await.expect("the sandbox has metadata");
    assert_eq!(metadata.issuer, sb.url());
    assert!(metadata.iss_parameter_supported);

    // Another issuer: refused.
    let (back, wait, _tx) = approved(&client, sb.url()).await;
    let (result, _) = bring_back(with_iss(&back, Some("http://127.0.0.1:1")), wait).await;
    assert!(
        matches!(result, Err(AuthError::IssuerMismatch { .. })),
        "{result:?}"
    );

    // No issuer at all, although the metadata promises one: refused.
    let (back, wait, tx) = approved(&client, sb.url()).await;
    tx.send(with_iss(&back, None)).await.unwrap();
    let err = wait.await.unwrap().unwrap_err();
    assert!(matches!(err, AuthError::IssuerMissing { .. }), "{err:?}");
    assert!(
        err.to_string().contains("does not name its issuer"),
        "{err}"
    );

    // The right one: the code.
    let (back, wait, tx) = approved(&client, sb.url()).await;
    tx.send(back).await.unwrap();
    let code = wait.await.unwrap().unwrap();
    client.exchange_code(code).await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn a_configured_issuer_is_held_to_even_when_the_metadata_disagrees() {
    let sb = sandbox().await;
    let mut provider = sandbox_provider(sb.url());
    provider.issuer = Some("https://login.example.com".into());
    let client = OAuthClient::new(&provider).unwrap();
    let (back, wait, tx) = approved(&client, sb.url()).await;
    tx.send(back).await.unwrap();
    let err = wait.await.unwrap().unwrap_err();
    assert!(matches!(err, AuthError::IssuerMismatch { .. }), "{err:?}");
    assert!(
        err.to_string().contains("https://login.example.com"),
        "{err}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn the_metadata_moves_a_confidential_client_to_client_secret_post() {
    let sb = sandbox().await;
    ob::set_faults(
        sb.url(),
        serde_json::json!({"client_auth_methods": ["client_secret_post"]}),
    )
    .await;
    let client = OAuthClient::new(&confidential(sb.url(), None)).unwrap();
    assert_eq!(
        client.token_auth_method().await,
        Some(TokenAuthMethod::ClientSecretPost)
    );
    let code = sign_in(&client, sb.url()).await;
    let tokens = client.exchange_code(code).await.unwrap();
    let refreshed = client
        .refresh(tokens.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    let rt = refreshed.refresh_token.as_ref().unwrap();
    assert_eq!(
        client.revoke(rt, TokenKind::RefreshToken).await.unwrap(),
        Revocation::Revoked
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn the_configured_method_is_used_as_configured() {
    let sb = sandbox().await;
    ob::set_faults(
        sb.url(),
        serde_json::json!({"client_auth_methods": ["client_secret_basic"]}),
    )
    .await;
    let basic = OAuthClient::new(&confidential(
        sb.url(),
        Some(TokenAuthMethod::ClientSecretBasic),
    ))
    .unwrap();
    let code = sign_in(&basic, sb.url()).await;
    basic.exchange_code(code).await.unwrap();

    let post = OAuthClient::new(&confidential(
        sb.url(),
        Some(TokenAuthMethod::ClientSecretPost),
    ))
    .unwrap();
    let code = sign_in(&post, sb.url()).await;
    let err = post.exchange_code(code).await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidClient { .. }), "{err:?}");
    assert!(err.to_string().contains("client_secret_post"), "{err}");
    assert!(!format!("{err:?}").contains(CONFIDENTIAL_CLIENT_SECRET));
    sb.shutdown().await;
}
