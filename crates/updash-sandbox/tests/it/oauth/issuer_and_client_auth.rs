//! What a stricter provider does, as the sandbox plays it: every authorization response names
//! its issuer (RFC 9207) and the metadata says so; client authentication can be restricted to
//! one method (and the metadata lists only it); refresh tokens can be withheld.

use super::*;

#[tokio::test]
async fn every_authorization_response_names_the_issuer() {
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
    assert_eq!(meta["authorization_response_iss_parameter_supported"], true);

    for decision in ["allow", "deny"] {
        let browser = browser();
        let url = authorize_url(&base, PUBLIC_CLIENT_ID, REDIRECT, Some(&Pkce::new()), "s");
        let html = get_authorize(&browser, &url).await.text().await.unwrap();
        let consent = sign_in_to_consent(&browser, &base, &html).await;
        let resp = submit_consent(&browser, &base, &consent, decision).await;
        let loc = location(&resp).unwrap();
        assert_eq!(
            query_param(&loc, "iss").as_deref(),
            Some(base.as_str()),
            "{loc}"
        );
        assert_eq!(query_param(&loc, "state").as_deref(), Some("s"));
    }

    // An error redirected straight from /authorize carries it too.
    let mut url = url::Url::parse(&authorize_url(
        &base,
        PUBLIC_CLIENT_ID,
        REDIRECT,
        Some(&Pkce::new()),
        "s",
    ))
    .unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .filter(|(k, _)| k != "scope")
        .chain([("scope".to_string(), "no-such-scope".to_string())])
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let url = url.to_string();
    let resp = get_authorize(&browser(), &url).await;
    let loc = location(&resp).unwrap();
    assert_eq!(query_param(&loc, "error").as_deref(), Some("invalid_scope"));
    assert_eq!(query_param(&loc, "iss").as_deref(), Some(base.as_str()));
    sandbox.shutdown().await;
}

/// A code for the confidential client, exchanged with its secret sent by `method`.
async fn exchange_by(base: &str, method: &str) -> StatusCode {
    let code = sign_in_via_forms(base, CONFIDENTIAL_CLIENT_ID, REDIRECT, None).await;
    let http = reqwest::Client::new().post(format!("{base}/oauth/token"));
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let request = if method == "client_secret_basic" {
        http.basic_auth(CONFIDENTIAL_CLIENT_ID, Some(CONFIDENTIAL_CLIENT_SECRET))
    } else {
        form.push(("client_id", CONFIDENTIAL_CLIENT_ID));
        form.push(("client_secret", CONFIDENTIAL_CLIENT_SECRET));
        http
    };
    request.form(&form).send().await.unwrap().status()
}

#[tokio::test]
async fn client_authentication_can_be_restricted_to_one_method() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    for (only, refused) in [
        ("client_secret_post", "client_secret_basic"),
        ("client_secret_basic", "client_secret_post"),
    ] {
        set_faults(&base, serde_json::json!({"client_auth_methods": [only]})).await;
        assert_eq!(exchange_by(&base, only).await, StatusCode::OK, "{only}");
        assert_eq!(
            exchange_by(&base, refused).await,
            StatusCode::UNAUTHORIZED,
            "{refused} while only {only} is accepted"
        );
        let meta: serde_json::Value =
            reqwest::get(format!("{base}/.well-known/oauth-authorization-server"))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        assert_eq!(
            meta["token_endpoint_auth_methods_supported"],
            serde_json::json!(["none", only])
        );
    }
    // The public client is not affected.
    obtain_tokens(&base).await;
    let resp = reqwest::Client::new()
        .post(format!("{base}/_sandbox/faults"))
        .json(&serde_json::json!({"client_auth_methods": ["private_key_jwt"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn refresh_tokens_can_be_withheld() {
    let sandbox = start().await;
    let base = sandbox.url().to_string();
    set_faults(&base, serde_json::json!({"issue_refresh_tokens": false})).await;
    let tokens = obtain_tokens(&base).await;
    assert!(tokens["access_token"].is_string());
    assert!(tokens.get("refresh_token").is_none(), "{tokens}");
    set_faults(&base, serde_json::json!({"issue_refresh_tokens": true})).await;
    assert!(obtain_tokens(&base).await["refresh_token"].is_string());
    sandbox.shutdown().await;
}
