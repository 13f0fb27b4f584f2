//! The device authorization grant: codes, /activate, polling.

use super::*;

async fn device_code(base: &str) -> serde_json::Value {
    let resp = reqwest::Client::new()
        .post(format!("{base}/oauth/device/code"))
        .form(&[("client_id", PUBLIC_CLIENT_ID), ("scope", "offline_access")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

async fn poll(base: &str, device_code: &str) -> (StatusCode, serde_json::Value) {
    token_request(
        base,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("device_code", device_code),
        ],
    )
    .await
}

#[tokio::test]
async fn device_flow_pending_slow_down_approve() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let dc = device_code(&base).await;
    let user_code = dc["user_code"].as_str().unwrap();
    assert_eq!(user_code.len(), 9);
    assert_eq!(&user_code[4..5], "-");
    assert_eq!(dc["verification_uri"], format!("{base}/activate"));
    assert_eq!(
        dc["verification_uri_complete"],
        format!("{base}/activate?user_code={user_code}")
    );
    assert_eq!(
        (dc["expires_in"].as_i64(), dc["interval"].as_i64()),
        (Some(600), Some(5))
    );
    let device = dc["device_code"].as_str().unwrap();

    let (status, body) = poll(&base, device).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("authorization_pending"))
    );
    let (_, body) = poll(&base, device).await;
    assert_eq!(body["error"], "slow_down");
    // The interval is now 10 s: 6 s later is too fast (and makes it 15 s); 16 s later is fine.
    advance_clock(&base, 6).await;
    assert_eq!(poll(&base, device).await.1["error"], "slow_down");
    advance_clock(&base, 16).await;
    assert_eq!(
        poll(&base, device).await.1["error"],
        "authorization_pending"
    );

    // The complete URI prefills the code.
    let page = browser()
        .get(dc["verification_uri_complete"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(form_field(&page, "user_code").as_deref(), Some(user_code));

    // A typed code is matched without case or dash.
    let typed = user_code.replace('-', "").to_lowercase();
    assert_eq!(
        answer_device_code(&base, &typed, "allow").await,
        StatusCode::OK
    );
    advance_clock(&base, 20).await;
    let (status, tokens) = poll(&base, device).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(
        jwt_claims(tokens["access_token"].as_str().unwrap())["email"],
        SEEDED_EMAIL
    );
    assert!(tokens["refresh_token"].is_string());
    // The device code is spent.
    advance_clock(&base, 20).await;
    assert_eq!(poll(&base, device).await.1["error"], "invalid_grant");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn device_flow_denied_expired_and_bad_codes() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();

    let denied = device_code(&base).await;
    assert_eq!(
        answer_device_code(&base, denied["user_code"].as_str().unwrap(), "deny").await,
        StatusCode::OK
    );
    let (status, body) = poll(&base, denied["device_code"].as_str().unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("access_denied"))
    );

    let expiring = device_code(&base).await;
    advance_clock(&base, 601).await;
    let (_, body) = poll(&base, expiring["device_code"].as_str().unwrap()).await;
    assert_eq!(body["error"], "expired_token");

    // An unknown user code shows the form again with an error.
    let browser = browser();
    let page = browser
        .get(format!("{base}/activate"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = form_field(&page, "csrf_token").unwrap();
    let resp = browser
        .post(format!("{base}/activate"))
        .form(&[("csrf_token", csrf.as_str()), ("user_code", "<ZZZZ>")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let html = resp.text().await.unwrap();
    assert!(html.contains("not valid") && html.contains("&lt;ZZZZ&gt;"));

    let (_, body) = poll(&base, "no-such-code").await;
    assert_eq!(body["error"], "invalid_grant");
    sandbox.shutdown().await;
}

/// Opens `/activate` in a fresh browser; returns the browser and its CSRF token.
async fn activation_browser(base: &str) -> (reqwest::Client, String) {
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
    (browser, csrf)
}

async fn type_code(
    browser: &reqwest::Client,
    base: &str,
    csrf: &str,
    code: &str,
) -> reqwest::Response {
    browser
        .post(format!("{base}/activate"))
        .form(&[("csrf_token", csrf), ("user_code", code)])
        .send()
        .await
        .expect("post /activate")
}

#[tokio::test]
async fn activate_refuses_guessing_after_ten_wrong_codes_a_minute() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let real = device_code(&base).await;
    let real_code = real["user_code"].as_str().unwrap();

    let (browser, csrf) = activation_browser(&base).await;
    for i in 0..10 {
        let resp = type_code(&browser, &base, &csrf, "BCDF-GHJK").await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "wrong code {i}");
    }
    // The eleventh try is refused whatever it is, even the right code.
    let resp = type_code(&browser, &base, &csrf, real_code).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: i64 = header(&resp, "retry-after")
        .parse()
        .expect("Retry-After seconds");
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    assert!(header(&resp, "content-type").starts_with("text/html"));
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("Too many attempts") && html.contains("Wait"),
        "{html}"
    );

    // A new browser session from the same address does not get around it.
    let (other, other_csrf) = activation_browser(&base).await;
    assert_eq!(
        type_code(&other, &base, &other_csrf, real_code)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    // A minute later the right code works again.
    advance_clock(&base, 61).await;
    let resp = type_code(&browser, &base, &csrf, real_code).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(
        form_field(&html, "password").is_some() || html.contains("Sign in"),
        "{html}"
    );
    sandbox.shutdown().await;
}
