//! The browser part: /authorize validation, sign-in and consent forms, CSRF.

use super::*;

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
    let (pkce, code) = public_client_code(&base).await;
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
