//! Drives the sandbox's authorization server like a browser and a client would: PKCE pairs,
//! the sign-in and consent forms (CSRF token read from the HTML), code exchange, device
//! approval. For tests of the sandbox and of its clients (feature `test-support`).

use crate::{PUBLIC_CLIENT_ID, SEEDED_EMAIL, SEEDED_PASSWORD};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

/// A loopback redirect URI the seeded clients accept (any port works, RFC 8252).
pub const REDIRECT: &str = "http://127.0.0.1:53682/callback";

/// A PKCE verifier and its S256 challenge.
pub struct Pkce {
    /// The code verifier (sent to the token endpoint).
    pub verifier: String,
    /// The S256 challenge (sent to /authorize).
    pub challenge: String,
}

impl Default for Pkce {
    fn default() -> Self {
        Self::new()
    }
}

impl Pkce {
    /// A fresh random pair.
    pub fn new() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Self {
            verifier,
            challenge,
        }
    }
}

/// An HTTP client that keeps cookies and never follows redirects, like a browser we watch.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("build the test browser")
}

/// The `/authorize` URL for `client_id` with scope `offline_access`, audience `upstash-api`.
pub fn authorize_url(
    base: &str,
    client_id: &str,
    redirect: &str,
    pkce: Option<&Pkce>,
    state: &str,
) -> String {
    let mut url = url::Url::parse(&format!("{base}/authorize")).expect("base URL");
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect)
            .append_pair("scope", "offline_access")
            .append_pair("audience", "upstash-api")
            .append_pair("state", state);
        if let Some(p) = pkce {
            q.append_pair("code_challenge", &p.challenge)
                .append_pair("code_challenge_method", "S256");
        }
    }
    url.to_string()
}

/// The (HTML-unescaped) value of the hidden/input field `name` in a page.
pub fn form_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(updash_common::html::unescape(&html[start..end]))
}

/// A query parameter of a redirect's `Location`.
pub fn query_param(location: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(location).ok()?;
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The `Location` header of a response.
pub fn location(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Posts the sign-in form found in `page_html` with `email` and `password`.
pub async fn submit_sign_in(
    browser: &reqwest::Client,
    base: &str,
    page_html: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = form_field(page_html, "csrf_token").expect("csrf_token in the sign-in page");
    let request = form_field(page_html, "request").expect("request in the sign-in page");
    browser
        .post(format!("{base}/authorize/sign-in"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("request", request.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("post the sign-in form")
}

/// Posts the consent form found in `page_html` with `decision` (`allow` or `deny`).
pub async fn submit_consent(
    browser: &reqwest::Client,
    base: &str,
    page_html: &str,
    decision: &str,
) -> reqwest::Response {
    let csrf = form_field(page_html, "csrf_token").expect("csrf_token in the consent page");
    let request = form_field(page_html, "request").expect("request in the consent page");
    browser
        .post(format!("{base}/authorize/consent"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("request", request.as_str()),
            ("decision", decision),
        ])
        .send()
        .await
        .expect("post the consent form")
}

/// Signs the seeded user in (after a sign-in page) and returns the consent page's HTML.
pub async fn sign_in_to_consent(browser: &reqwest::Client, base: &str, page_html: &str) -> String {
    let resp = submit_sign_in(browser, base, page_html, SEEDED_EMAIL, SEEDED_PASSWORD).await;
    assert_eq!(
        resp.status(),
        StatusCode::SEE_OTHER,
        "sign-in redirects to consent"
    );
    let consent_path = location(&resp).expect("Location after sign-in");
    let consent = browser
        .get(format!("{base}{consent_path}"))
        .send()
        .await
        .expect("get the consent page");
    assert_eq!(consent.status(), StatusCode::OK);
    consent.text().await.expect("consent page body")
}

/// Runs the whole browser part for a fresh browser: authorize, sign in as the seeded user,
/// allow; checks `state` comes back and returns the authorization code.
pub async fn sign_in_via_forms(
    base: &str,
    client_id: &str,
    redirect: &str,
    pkce: Option<&Pkce>,
) -> String {
    let browser = browser();
    let state = "st-123";
    let page = browser
        .get(authorize_url(base, client_id, redirect, pkce, state))
        .send()
        .await
        .expect("get /authorize");
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "authorize shows the sign-in page"
    );
    let html = page.text().await.expect("sign-in page body");
    let consent = sign_in_to_consent(&browser, base, &html).await;
    let resp = submit_consent(&browser, base, &consent, "allow").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let loc = location(&resp).expect("redirect back to the app");
    assert!(loc.starts_with(redirect), "redirected to {loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some(state));
    query_param(&loc, "code").expect("code in the redirect")
}

/// A fresh PKCE pair and the code the public client got with it through the browser forms.
pub async fn public_client_code(base: &str) -> (Pkce, String) {
    let pkce = Pkce::new();
    let code = sign_in_via_forms(base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce)).await;
    (pkce, code)
}

/// Posts a form to the token endpoint; returns the status and the JSON body.
pub async fn token_request(base: &str, form: &[(&str, &str)]) -> (StatusCode, serde_json::Value) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/oauth/token"))
        .form(form)
        .send()
        .await
        .expect("post /oauth/token");
    let status = resp.status();
    (status, resp.json().await.unwrap_or_default())
}

/// Exchanges a code for the public client.
pub async fn exchange_code(
    base: &str,
    code: &str,
    redirect: &str,
    verifier: &str,
) -> (StatusCode, serde_json::Value) {
    token_request(
        base,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("code", code),
            ("redirect_uri", redirect),
            ("code_verifier", verifier),
        ],
    )
    .await
}

/// Tokens for the seeded user through the public client's full browser flow: the JSON token
/// response (`access_token`, `refresh_token`, ...).
pub async fn obtain_tokens(base: &str) -> serde_json::Value {
    let (pkce, code) = public_client_code(base).await;
    let (status, body) = exchange_code(base, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, StatusCode::OK, "code exchange: {body}");
    body
}

/// Refreshes with the public client.
pub async fn refresh(base: &str, refresh_token: &str) -> (StatusCode, serde_json::Value) {
    token_request(
        base,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("refresh_token", refresh_token),
        ],
    )
    .await
}

/// Opens `/activate`, types `user_code`, signs in as the seeded user and answers consent
/// with `decision`; returns the final page's status.
pub async fn answer_device_code(base: &str, user_code: &str, decision: &str) -> StatusCode {
    let browser = browser();
    let page = browser
        .get(format!("{base}/activate"))
        .send()
        .await
        .expect("get /activate")
        .text()
        .await
        .expect("activate page body");
    let csrf = form_field(&page, "csrf_token").expect("csrf_token in the activate page");
    let sign_in = browser
        .post(format!("{base}/activate"))
        .form(&[("csrf_token", csrf.as_str()), ("user_code", user_code)])
        .send()
        .await
        .expect("post /activate");
    assert_eq!(sign_in.status(), StatusCode::OK);
    let html = sign_in.text().await.expect("sign-in page body");
    let consent = sign_in_to_consent(&browser, base, &html).await;
    submit_consent(&browser, base, &consent, decision)
        .await
        .status()
}

/// Changes the sandbox's faults with `patch` (fields left out keep their value).
pub async fn set_faults(base: &str, patch: serde_json::Value) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/_sandbox/faults"))
        .json(&patch)
        .send()
        .await
        .expect("post /_sandbox/faults");
    assert_eq!(resp.status(), StatusCode::OK, "faults {patch}");
}

/// Moves the sandbox clock forward.
pub async fn advance_clock(base: &str, secs: i64) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/_sandbox/clock"))
        .json(&serde_json::json!({ "advance_secs": secs }))
        .send()
        .await
        .expect("post /_sandbox/clock");
    assert_eq!(resp.status(), StatusCode::OK);
}

/// The claims of a JWT, decoded without checking the signature (tests read them as updash does).
pub fn jwt_claims(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).expect("a JWT has three parts");
    let bytes = URL_SAFE_NO_PAD.decode(payload).expect("base64url payload");
    serde_json::from_slice(&bytes).expect("JSON claims")
}
