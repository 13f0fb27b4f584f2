//! The sandbox's authorization server over real HTTP: browser forms, token grants, device
//! flow, revocation, metadata and userinfo.

use crate::support::oauth_browser::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::StatusCode;
use updash::sandbox::{
    CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, Options, PUBLIC_CLIENT_ID, SEEDED_EMAIL,
    Sandbox,
};

async fn start() -> Sandbox {
    Sandbox::start(Options::default())
        .await
        .expect("start the sandbox")
}

async fn get_authorize(browser: &reqwest::Client, url: &str) -> reqwest::Response {
    browser.get(url).send().await.expect("get /authorize")
}

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn userinfo(base: &str, access_token: &str) -> (StatusCode, serde_json::Value) {
    let resp = reqwest::Client::new()
        .get(format!("{base}/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("get /userinfo");
    let status = resp.status();
    (status, resp.json().await.unwrap_or_default())
}

#[tokio::test]
async fn authorization_code_flow_through_the_forms() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();
    let pkce = Pkce::new();

    let page = get_authorize(
        &browser,
        &authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce), "xyz <&>"),
    )
    .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(header(&page, "cache-control"), "no-store");
    assert_eq!(header(&page, "x-frame-options"), "DENY");
    assert_eq!(header(&page, "referrer-policy"), "no-referrer");
    assert!(header(&page, "content-security-policy").contains("frame-ancestors 'none'"));
    let cookie = header(&page, "set-cookie").to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("Sign in") && html.contains("type=\"password\""));

    let consent = sign_in_to_consent(&browser, &base, &html).await;
    assert!(consent.contains("updash") && consent.contains("offline_access"));
    assert!(consent.contains(SEEDED_EMAIL));
    assert!(consent.contains("value=\"allow\"") && consent.contains("value=\"deny\""));

    let resp = submit_consent(&browser, &base, &consent, "allow").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(header(&resp, "cache-control"), "no-store");
    let loc = location(&resp).unwrap();
    assert!(loc.starts_with(REDIRECT));
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz <&>"));
    let code = query_param(&loc, "code").unwrap();

    let resp = reqwest::Client::new()
        .post(format!("{base}/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", pkce.verifier.as_str()),
            ("audience", "upstash-api"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(header(&resp, "cache-control"), "no-store");
    let tokens: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["scope"], "offline_access");
    assert_eq!(tokens["expires_in"], 172_800);
    let access = tokens["access_token"].as_str().unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap();
    assert!(!refresh.is_empty());

    let claims = jwt_claims(access);
    assert_eq!(claims["email"], SEEDED_EMAIL);
    assert_eq!(claims["aud"], "upstash-api");
    assert_eq!(claims["client_id"], PUBLIC_CLIENT_ID);
    assert_eq!(claims["scope"], "offline_access");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        172_800
    );
    assert!(claims["sub"].is_string() && claims["jti"].is_string());

    let (status, info) = userinfo(&base, access).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["email"], SEEDED_EMAIL);
    assert_eq!(info["sub"], claims["sub"]);
    let now = sandbox.shared().now();
    let email = sandbox
        .shared()
        .state()
        .oauth
        .email_for_access_token(access, now);
    assert_eq!(email.as_deref(), Some(SEEDED_EMAIL));

    // The persisted state holds no live secret, only hashes.
    let saved = serde_json::to_string(&*sandbox.shared().state()).unwrap();
    for secret in [
        access,
        refresh,
        code.as_str(),
        pkce.verifier.as_str(),
        "sandbox-secret",
    ] {
        assert!(!saved.contains(secret), "state leaks a secret");
    }

    // The signed-in session skips the sign-in page next time.
    let again = get_authorize(
        &browser,
        &authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&Pkce::new()), "s2"),
    )
    .await;
    let html = again.text().await.unwrap();
    assert!(html.contains("value=\"allow\"") && !html.contains("type=\"password\""));

    sandbox.shutdown().await;
}

#[tokio::test]
async fn deny_redirects_with_access_denied_and_state() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();
    let url = authorize_url(
        &base,
        PUBLIC_CLIENT_ID,
        REDIRECT,
        Some(&Pkce::new()),
        "keep-me",
    );
    let html = get_authorize(&browser, &url).await.text().await.unwrap();
    let consent = sign_in_to_consent(&browser, &base, &html).await;
    let resp = submit_consent(&browser, &base, &consent, "deny").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let loc = location(&resp).unwrap();
    assert_eq!(query_param(&loc, "error").as_deref(), Some("access_denied"));
    assert_eq!(query_param(&loc, "state").as_deref(), Some("keep-me"));
    assert_eq!(query_param(&loc, "code"), None);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn wrong_password_shows_the_form_again() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();
    let url = authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&Pkce::new()), "s");
    let html = get_authorize(&browser, &url).await.text().await.unwrap();
    let resp = submit_sign_in(&browser, &base, &html, "<b>operator@example.com", "nope").await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(location(&resp), None);
    let again = resp.text().await.unwrap();
    assert!(again.contains("Wrong email or password"));
    assert!(again.contains("type=\"password\""));
    assert!(
        again.contains("&lt;b&gt;operator@example.com"),
        "echoed email is escaped"
    );
    // The form still works afterwards.
    sign_in_to_consent(&browser, &base, &again).await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn pkce_is_required_s256_only_and_checked() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();

    // Public client without PKCE, and with `plain`: error redirects carrying the state.
    let no_pkce = authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, None, "s1");
    let resp = get_authorize(&browser, &no_pkce).await;
    assert_eq!(resp.status(), StatusCode::FOUND);
    let loc = location(&resp).unwrap();
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    assert_eq!(query_param(&loc, "state").as_deref(), Some("s1"));
    assert!(query_param(&loc, "error_description").is_some());
    let plain = format!(
        "{}&code_challenge={}&code_challenge_method=plain",
        authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, None, "s2"),
        "a".repeat(43)
    );
    let loc = location(&get_authorize(&browser, &plain).await).unwrap();
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    assert!(
        query_param(&loc, "error_description")
            .unwrap()
            .contains("S256")
    );

    // Other authorize errors also redirect.
    let bad_type = authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&Pkce::new()), "s3")
        .replace("response_type=code", "response_type=token");
    let loc = location(&get_authorize(&browser, &bad_type).await).unwrap();
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("unsupported_response_type")
    );
    let bad_scope = authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&Pkce::new()), "s4")
        .replace("scope=offline_access", "scope=admin");
    let loc = location(&get_authorize(&browser, &bad_scope).await).unwrap();
    assert_eq!(query_param(&loc, "error").as_deref(), Some("invalid_scope"));
    assert_eq!(query_param(&loc, "state").as_deref(), Some("s4"));

    // A wrong verifier is invalid_grant, and the code is spent.
    let pkce = Pkce::new();
    let code = sign_in_via_forms(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce)).await;
    let (status, body) = exchange_code(&base, &code, REDIRECT, &Pkce::new().verifier).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    assert!(body["error_description"].is_string());
    let (status, _) = exchange_code(&base, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A missing verifier is invalid_grant too.
    let pkce = Pkce::new();
    let code = sign_in_via_forms(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce)).await;
    let (status, body) = token_request(
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn redirect_uri_mismatch_shows_an_error_page_and_never_redirects() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();
    for redirect in [
        "http://evil.example/callback",
        "http://localhost:3001",
        "http://127.0.0.1:8080/other",
    ] {
        let url = authorize_url(&base, PUBLIC_CLIENT_ID, redirect, Some(&Pkce::new()), "s");
        let resp = get_authorize(&browser, &url).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{redirect}");
        assert_eq!(location(&resp), None);
        assert!(resp.text().await.unwrap().contains("redirect"));
    }
    // Registered exact and loopback-any-port forms are accepted.
    for redirect in ["http://localhost:3000", "http://[::1]:40000/callback"] {
        let url = authorize_url(&base, PUBLIC_CLIENT_ID, redirect, Some(&Pkce::new()), "s");
        assert_eq!(
            get_authorize(&browser, &url).await.status(),
            StatusCode::OK,
            "{redirect}"
        );
    }
    // At the token endpoint, a different redirect_uri is invalid_grant.
    let pkce = Pkce::new();
    let code = sign_in_via_forms(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce)).await;
    let (status, body) =
        exchange_code(&base, &code, "http://127.0.0.1:1/callback", &pkce.verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn unknown_client_shows_an_error_page() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();
    let url = authorize_url(&base, "nobody", REDIRECT, Some(&Pkce::new()), "s");
    let resp = get_authorize(&browser, &url).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(location(&resp), None);
    assert_eq!(header(&resp, "x-frame-options"), "DENY");
    assert!(resp.text().await.unwrap().contains("not registered"));
    let resp = get_authorize(
        &browser,
        &format!("{base}/authorize?client_id=a&client_id=b"),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn code_reuse_is_refused_and_revokes_what_it_issued() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let pkce = Pkce::new();
    let code = sign_in_via_forms(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce)).await;
    let (status, tokens) = exchange_code(&base, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, StatusCode::OK);
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(userinfo(&base, access).await.0, StatusCode::OK);

    let (status, body) = exchange_code(&base, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert_eq!(userinfo(&base, access).await.0, StatusCode::UNAUTHORIZED);
    let (status, body) = refresh(&base, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn expired_code_is_refused() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let pkce = Pkce::new();
    let code = sign_in_via_forms(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&pkce)).await;
    advance_clock(&base, 61).await;
    let (status, body) = exchange_code(&base, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let first = obtain_tokens(&base).await;
    let r1 = first["refresh_token"].as_str().unwrap();

    let (status, second) = refresh(&base, r1).await;
    assert_eq!(status, StatusCode::OK);
    let r2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2, "rotated");
    let a2 = second["access_token"].as_str().unwrap();
    assert_eq!(jwt_claims(a2)["email"], SEEDED_EMAIL);
    assert_eq!(second["expires_in"], 172_800);

    // Another client cannot use it.
    let (status, body) = token_request(
        &base,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", CONFIDENTIAL_CLIENT_ID),
            ("client_secret", CONFIDENTIAL_CLIENT_SECRET),
            ("refresh_token", r2),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    // Reusing the rotated r1 revokes everything: r2 and the access tokens.
    let (status, body) = refresh(&base, r1).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert_eq!(refresh(&base, r2).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(userinfo(&base, a2).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        userinfo(&base, first["access_token"].as_str().unwrap())
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn confidential_client_authenticates_with_post_or_basic() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let http = reqwest::Client::new();
    let code_for = || sign_in_via_forms(&base, CONFIDENTIAL_CLIENT_ID, REDIRECT, None);

    // client_secret_post, good secret.
    let code = code_for().await;
    let (status, body) = token_request(
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CONFIDENTIAL_CLIENT_ID),
            ("client_secret", CONFIDENTIAL_CLIENT_SECRET),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        jwt_claims(body["access_token"].as_str().unwrap())["client_id"],
        CONFIDENTIAL_CLIENT_ID
    );

    // client_secret_post, bad or missing secret: 401 without a Basic challenge.
    for secret in [Some("wrong"), None] {
        let code = code_for().await;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("client_id", CONFIDENTIAL_CLIENT_ID),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
        ];
        if let Some(s) = secret {
            form.push(("client_secret", s));
        }
        let resp = http
            .post(format!("{base}/oauth/token"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(header(&resp, "www-authenticate"), "");
        assert_eq!(header(&resp, "cache-control"), "no-store");
        let body: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(body["error"], "invalid_client");
    }

    // client_secret_basic, good and bad.
    for (secret, expected) in [
        (CONFIDENTIAL_CLIENT_SECRET, StatusCode::OK),
        ("wrong", StatusCode::UNAUTHORIZED),
    ] {
        let code = code_for().await;
        let resp = http
            .post(format!("{base}/oauth/token"))
            .basic_auth(CONFIDENTIAL_CLIENT_ID, Some(secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), expected);
        if expected == StatusCode::UNAUTHORIZED {
            assert!(header(&resp, "www-authenticate").starts_with("Basic"));
            let body: serde_json::Value = resp.json().await.unwrap();
            assert_eq!(body["error"], "invalid_client");
        }
    }

    // Garbage Basic credentials are invalid_client, not a crash.
    let resp = http
        .post(format!("{base}/oauth/token"))
        .header(
            "authorization",
            format!("Basic {}", STANDARD.encode("no-colon")),
        )
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    sandbox.shutdown().await;
}

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

#[tokio::test]
async fn revoked_refresh_token_is_refused_and_its_access_tokens_die() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let http = reqwest::Client::new();
    let tokens = obtain_tokens(&base).await;
    let refresh_token = tokens["refresh_token"].as_str().unwrap();
    let access = tokens["access_token"].as_str().unwrap();

    let revoke = |token: String| {
        http.post(format!("{base}/oauth/revoke"))
            .form(&[
                ("client_id", PUBLIC_CLIENT_ID.to_string()),
                ("token", token),
            ])
            .send()
    };
    let resp = revoke(refresh_token.to_string()).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (status, body) = refresh(&base, refresh_token).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert_eq!(userinfo(&base, access).await.0, StatusCode::UNAUTHORIZED);

    // Revoking an access token alone.
    let other = obtain_tokens(&base).await;
    let access = other["access_token"].as_str().unwrap();
    assert_eq!(userinfo(&base, access).await.0, StatusCode::OK);
    assert_eq!(
        revoke(access.to_string()).await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(userinfo(&base, access).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        refresh(&base, other["refresh_token"].as_str().unwrap())
            .await
            .0,
        StatusCode::OK
    );

    // Unknown tokens: still 200. Bad client auth: 401.
    assert_eq!(
        revoke("nonsense".into()).await.unwrap().status(),
        StatusCode::OK
    );
    let resp = http
        .post(format!("{base}/oauth/revoke"))
        .basic_auth(CONFIDENTIAL_CLIENT_ID, Some("wrong"))
        .form(&[("token", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn metadata_document_lists_the_endpoints() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let meta: serde_json::Value =
        reqwest::get(format!("{base}/.well-known/oauth-authorization-server"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(meta["issuer"], base);
    assert_eq!(meta["authorization_endpoint"], format!("{base}/authorize"));
    assert_eq!(meta["token_endpoint"], format!("{base}/oauth/token"));
    assert_eq!(meta["revocation_endpoint"], format!("{base}/oauth/revoke"));
    assert_eq!(
        meta["device_authorization_endpoint"],
        format!("{base}/oauth/device/code")
    );
    assert_eq!(meta["userinfo_endpoint"], format!("{base}/userinfo"));
    assert_eq!(
        meta["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let grants = meta["grant_types_supported"].as_array().unwrap();
    for g in [
        "authorization_code",
        "refresh_token",
        "urn:ietf:params:oauth:grant-type:device_code",
    ] {
        assert!(grants.iter().any(|x| x == g), "{g}");
    }
    let auth = meta["token_endpoint_auth_methods_supported"]
        .as_array()
        .unwrap();
    assert!(auth.iter().any(|x| x == "client_secret_basic"));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn userinfo_needs_a_valid_unexpired_token() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let resp = reqwest::get(format!("{base}/userinfo")).await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(header(&resp, "www-authenticate").starts_with("Bearer"));
    assert_eq!(
        userinfo(&base, "not.a.jwt").await.0,
        StatusCode::UNAUTHORIZED
    );

    let tokens = obtain_tokens(&base).await;
    let access = tokens["access_token"].as_str().unwrap();
    // A tampered signature is refused.
    let tampered = format!("{}x", &access[..access.len() - 1]);
    assert_eq!(userinfo(&base, &tampered).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(userinfo(&base, access).await.0, StatusCode::OK);
    advance_clock(&base, 172_801).await;
    assert_eq!(userinfo(&base, access).await.0, StatusCode::UNAUTHORIZED);
    let now = sandbox.shared().now();
    assert_eq!(
        sandbox
            .shared()
            .state()
            .oauth
            .email_for_access_token(access, now),
        None
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn csrf_token_missing_or_wrong_is_refused() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let browser = browser();
    let url = authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&Pkce::new()), "s");
    let html = get_authorize(&browser, &url).await.text().await.unwrap();
    let request = form_field(&html, "request").unwrap();
    for csrf in [None, Some("wrong")] {
        let mut form = vec![
            ("request", request.as_str()),
            ("email", SEEDED_EMAIL),
            ("password", "sandbox"),
        ];
        if let Some(c) = csrf {
            form.push(("csrf_token", c));
        }
        let resp = browser
            .post(format!("{base}/authorize/sign-in"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::FORBIDDEN);
        assert_eq!(location(&resp), None);
    }
    // A valid token from another browser's session does not carry over.
    let other = self::browser();
    let other_html = get_authorize(&other, &url).await.text().await.unwrap();
    let resp = submit_sign_in(&browser, &base, &other_html, SEEDED_EMAIL, "sandbox").await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    // Consent with a wrong token is refused too, and Allow does nothing.
    let consent = sign_in_to_consent(&browser, &base, &html).await;
    let request = form_field(&consent, "request").unwrap();
    let resp = browser
        .post(format!("{base}/authorize/consent"))
        .form(&[
            ("request", request.as_str()),
            ("csrf_token", "x"),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(location(&resp), None);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn malformed_token_requests_get_clear_400s() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let http = reqwest::Client::new();
    let resp = http
        .post(format!("{base}/oauth/token"))
        .json(&serde_json::json!({"grant_type": "authorization_code"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");

    let resp = http
        .post(format!("{base}/oauth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=refresh_token&grant_type=authorization_code&client_id=updash")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    let (status, body) = token_request(&base, &[("client_id", PUBLIC_CLIENT_ID)]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    let (status, body) = token_request(
        &base,
        &[("grant_type", "password"), ("client_id", PUBLIC_CLIENT_ID)],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unsupported_grant_type"))
    );
    let (status, body) = token_request(
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "nobody"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
    let (status, body) = token_request(
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("code", "\u{0}\u{ffff}"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn grants_survive_a_restart_with_persisted_state() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        data_dir: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let sandbox = Sandbox::start(opts.clone()).await.unwrap();
    let tokens = obtain_tokens(sandbox.url()).await;
    sandbox.shutdown().await;

    let saved = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    assert!(!saved.contains(tokens["refresh_token"].as_str().unwrap()));
    assert!(!saved.contains(tokens["access_token"].as_str().unwrap()));

    let sandbox = Sandbox::start(opts).await.unwrap();
    let base = sandbox.url().to_string();
    let access = tokens["access_token"].as_str().unwrap();
    let (status, info) = userinfo(&base, access).await;
    assert_eq!(
        (status, info["email"].as_str()),
        (StatusCode::OK, Some(SEEDED_EMAIL))
    );
    let (status, _) = refresh(&base, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    sandbox.shutdown().await;
}
