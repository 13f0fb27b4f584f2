//! The token endpoint: code exchange with PKCE, refresh rotation, client authentication.

use super::*;

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
    let (pkce, code) = public_client_code(&base).await;
    let (status, body) = exchange_code(&base, &code, REDIRECT, &Pkce::new().verifier).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    assert!(body["error_description"].is_string());
    let (status, _) = exchange_code(&base, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A missing verifier is invalid_grant too.
    let (_pkce, code) = public_client_code(&base).await;
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
async fn code_reuse_is_refused_and_revokes_what_it_issued() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    let (pkce, code) = public_client_code(&base).await;
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
    let (pkce, code) = public_client_code(&base).await;
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
