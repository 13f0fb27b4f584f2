//! The sandbox logs no secret: a full flow (sign-in and consent forms, code exchange,
//! refresh, `/apikey`, database create and reset-password, device codes, revocation) runs
//! with every event at TRACE captured, and no token, code, verifier, CSRF token, session
//! cookie, password or API key that went over the wire appears in the capture.
//!
//! The flow runs in a child process (this test binary re-run for one test) whose global
//! subscriber is the capture: in the shared test process, other tests hitting the same
//! callsites on other threads race tracing's interest cache, so a thread-scoped capture can
//! miss events.

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracing_subscriber::fmt::MakeWriter;
use updash_sandbox::test_browser::{
    Pkce, REDIRECT, authorize_url, browser, form_field, location, query_param, submit_sign_in,
};
use updash_sandbox::{
    CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, Options, PUBLIC_CLIENT_ID, SEEDED_API_KEY,
    SEEDED_EMAIL, SEEDED_PASSWORD, Sandbox,
};

/// A wrong password typed once; it must not be logged either.
const WRONG_PASSWORD: &str = "wrong-password-7Qx2Lm";

/// Everything the subscriber writes, kept in memory.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    fn text(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// The value of the session cookie a response sets, if any.
fn session_cookie(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_string())
        .next()
}

/// Posts a form to the token endpoint; returns status and JSON.
async fn token(http: &reqwest::Client, base: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let resp = http
        .post(format!("{base}/oauth/token"))
        .form(form)
        .send()
        .await
        .expect("post /oauth/token");
    let status = resp.status();
    (status, resp.json().await.unwrap_or_default())
}

/// A string field of a JSON body, remembered as a secret.
fn take(secrets: &mut Vec<(String, String)>, label: &str, body: &Value, field: &str) -> String {
    let value = body[field]
        .as_str()
        .unwrap_or_else(|| panic!("{label}: no {field} in {body}"))
        .to_string();
    secrets.push((format!("{label} {field}"), value.clone()));
    value
}

/// Names the child's role; unset in a normal test run.
const CHILD_ROLE: &str = "UPDASH_TEST_CHILD";

#[test]
fn a_full_flow_at_trace_logs_no_secret() {
    let exe = std::env::current_exe().expect("test binary");
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "log_secrets::log_flow_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ROLE, "log_flow")
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "the child ran no test:\n{stdout}"
    );
}

/// The child's body: the whole flow under a global TRACE capture; a no-op in a normal run.
#[test]
fn log_flow_child() {
    if std::env::var(CHILD_ROLE).as_deref() != Ok("log_flow") {
        return;
    }
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the child's only subscriber");
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(full_flow(capture));
}

async fn full_flow(capture: Capture) {
    let sandbox = Sandbox::start(Options::default()).await.expect("sandbox");
    let base = sandbox.url().to_string();
    let http = reqwest::Client::new();
    let mut secrets: Vec<(String, String)> = vec![
        ("seeded API key".into(), SEEDED_API_KEY.into()),
        ("client secret".into(), CONFIDENTIAL_CLIENT_SECRET.into()),
        ("wrong password".into(), WRONG_PASSWORD.into()),
    ];

    // The browser part: authorize, a wrong password, the right one, consent.
    let pkce = Pkce::new();
    secrets.push(("PKCE verifier".into(), pkce.verifier.clone()));
    let browser = browser();
    let page = browser
        .get(authorize_url(
            &base,
            PUBLIC_CLIENT_ID,
            REDIRECT,
            Some(&pkce),
            "st-log",
        ))
        .send()
        .await
        .expect("get /authorize");
    secrets.extend(session_cookie(&page).map(|c| ("first session cookie".into(), c)));
    let html = page.text().await.expect("sign-in page");
    let csrf = form_field(&html, "csrf_token").expect("csrf_token");
    let request = form_field(&html, "request").expect("request");
    secrets.push(("sign-in CSRF token".into(), csrf.clone()));
    secrets.push(("parked request id".into(), request.clone()));
    let refused = submit_sign_in(&browser, &base, &html, SEEDED_EMAIL, WRONG_PASSWORD).await;
    assert_ne!(refused.status(), StatusCode::SEE_OTHER);
    let signed_in = submit_sign_in(&browser, &base, &html, SEEDED_EMAIL, SEEDED_PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    secrets.extend(session_cookie(&signed_in).map(|c| ("signed-in session cookie".into(), c)));
    let consent_path = location(&signed_in).expect("consent location");
    let consent_html = browser
        .get(format!("{base}{consent_path}"))
        .send()
        .await
        .expect("consent page")
        .text()
        .await
        .expect("consent body");
    let consent_csrf = form_field(&consent_html, "csrf_token").expect("consent csrf");
    let consent_request = form_field(&consent_html, "request").expect("consent request");
    secrets.push(("consent CSRF token".into(), consent_csrf.clone()));
    let allowed = browser
        .post(format!("{base}/authorize/consent"))
        .form(&[
            ("csrf_token", consent_csrf.as_str()),
            ("request", consent_request.as_str()),
            ("decision", "allow"),
        ])
        .send()
        .await
        .expect("consent");
    let code = query_param(&location(&allowed).expect("redirect"), "code").expect("code");
    secrets.push(("authorization code".into(), code.clone()));

    // Tokens: exchange, refresh, a replayed code, a wrong client secret.
    let (status, tokens) = token(
        &http,
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &pkce.verifier),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let first_access = take(&mut secrets, "first", &tokens, "access_token");
    let first_refresh = take(&mut secrets, "first", &tokens, "refresh_token");
    let (status, refreshed) = token(
        &http,
        &base,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("refresh_token", &first_refresh),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");
    let access = take(&mut secrets, "refreshed", &refreshed, "access_token");
    let refresh = take(&mut secrets, "refreshed", &refreshed, "refresh_token");
    for jwt in [&first_access, &access] {
        let signature = jwt.rsplit('.').next().unwrap_or_default().to_string();
        secrets.push(("access token signature".into(), signature));
    }
    let (status, _) = token(
        &http,
        &base,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", CONFIDENTIAL_CLIENT_ID),
            ("client_secret", "wrong-client-secret-Pz81"),
            ("refresh_token", &refresh),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    secrets.push((
        "wrong client secret".into(),
        "wrong-client-secret-Pz81".into(),
    ));

    // A Developer API key from the access token, then databases with it.
    let minted: Value = http
        .post(format!("{base}/apikey"))
        .bearer_auth(&access)
        .json(&json!({"name": "UPDASH_API_KEY_LOGS"}))
        .send()
        .await
        .expect("post /apikey")
        .json()
        .await
        .expect("apikey JSON");
    let api_key = take(&mut secrets, "minted", &minted, "api_key");
    let created: Value = http
        .post(format!("{base}/v2/redis/database"))
        .basic_auth(SEEDED_EMAIL, Some(&api_key))
        .json(&json!({"database_name": "log-check", "platform": "aws", "primary_region": "eu-west-1"}))
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("create JSON");
    for field in ["password", "rest_token", "read_only_rest_token"] {
        take(&mut secrets, "created database", &created, field);
    }
    let id = created["database_id"].as_str().expect("database_id");
    let reset: Value = http
        .post(format!("{base}/v2/redis/reset-password/{id}"))
        .basic_auth(SEEDED_EMAIL, Some(&api_key))
        .send()
        .await
        .expect("reset-password")
        .json()
        .await
        .expect("reset JSON");
    take(&mut secrets, "reset database", &reset, "password");
    let listed = http
        .get(format!("{base}/v2/redis/databases"))
        .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
        .send()
        .await
        .expect("list");
    assert_eq!(listed.status(), StatusCode::OK);

    // Device codes, one poll, and the revocation of the grant.
    let device: Value = http
        .post(format!("{base}/oauth/device/code"))
        .form(&[("client_id", PUBLIC_CLIENT_ID), ("scope", "offline_access")])
        .send()
        .await
        .expect("device code")
        .json()
        .await
        .expect("device JSON");
    let device_code = take(&mut secrets, "device", &device, "device_code");
    take(&mut secrets, "device", &device, "user_code");
    let (status, _) = token(
        &http,
        &base,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("device_code", &device_code),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let revoked = http
        .post(format!("{base}/oauth/revoke"))
        .form(&[("client_id", PUBLIC_CLIENT_ID), ("token", refresh.as_str())])
        .send()
        .await
        .expect("revoke");
    assert_eq!(revoked.status(), StatusCode::OK);
    sandbox.shutdown().await;

    let log = capture.text();
    // The capture really saw the flow, at the levels that matter.
    for expected in [
        "tokens issued",
        "sign-in refused",
        "API key minted",
        "database created",
        "revocation request",
        "TRACE",
    ] {
        assert!(
            log.contains(expected),
            "no {expected:?} in the capture:\n{log}"
        );
    }
    for (label, secret) in &secrets {
        assert!(secret.len() >= 8, "{label} is too short to search for");
        assert!(!log.contains(secret.as_str()), "the log holds the {label}");
    }
    // The seeded password is a common word, so look for it as a value.
    for shape in [
        format!("\"{SEEDED_PASSWORD}\""),
        format!("={SEEDED_PASSWORD}"),
        format!("password: {SEEDED_PASSWORD}"),
    ] {
        assert!(
            !log.contains(&shape),
            "the log holds the seeded password as {shape}"
        );
    }
}
