//! Revocation, the metadata document and userinfo.

use super::*;

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
