//! Error kinds that callers act on, and secret hygiene.

use super::*;

#[tokio::test]
async fn unauthorized_is_distinct_and_not_retried() {
    async fn refuse(State(s): State<Shared>) -> Response {
        hit(&s);
        (StatusCode::UNAUTHORIZED, r#"{"error":"Unauthorized"}"#).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/databases", get(refuse))
            .with_state(state.clone()),
    )
    .await;
    let err = match client(&server, fast_policy(4)).verify_credentials().await {
        Err(e) => e,
        Ok(_) => panic!("should be refused"),
    };
    assert!(err.is_unauthorized());
    assert_eq!(err.exit_code(), 3);
    assert_eq!(
        err.to_string(),
        "checking the email and API key: the credentials were refused (HTTP 401: Unauthorized); sign in again"
    );
    assert_eq!(hits(&state), 1);
}

#[tokio::test]
async fn secrets_never_appear_in_errors() {
    // The server echoes what it was sent (the Authorization header, the key) in its errors.
    async fn echo(headers: HeaderMap) -> Response {
        let auth = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let decoded = auth
            .strip_prefix("Basic ")
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        (
            StatusCode::BAD_REQUEST,
            format!(r#"{{"error":"bad credentials {decoded}"}}"#),
        )
            .into_response()
    }
    async fn echo_500() -> Response {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("key {KEY} broke"),
        )
            .into_response()
    }
    async fn bad_shape() -> Response {
        // A credential of the wrong type next to a malformed field: decode must not quote it.
        (
            StatusCode::OK,
            r#"{"database_id":"x","database_name":["MARKER-in-body"]}"#,
        )
            .into_response()
    }
    let server = start(
        Router::new()
            .route("/v2/redis/databases", get(echo))
            .route("/v2/teams", get(echo_500))
            .route("/v2/redis/database/{id}", get(bad_shape))
            .route("/apikey", post(echo_500)),
    )
    .await;
    let c = client(&server, fast_policy(2));
    let errors = vec![
        c.list_databases().await.err(),
        c.list_teams().await.err(),
        c.get_database("x", CredentialsMode::Show).await.err(),
        create_api_key(&config(&server, fast_policy(1)), &Secret::new(KEY), "k")
            .await
            .err(),
    ];
    for err in &errors {
        let err = err
            .as_ref()
            .unwrap_or_else(|| panic!("each call should fail"));
        assert_clean(err);
    }
    // The echoes really happened and were scrubbed, not merely absent.
    let first = errors[0]
        .as_ref()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        first.contains("bad credentials ops@example.com:[redacted]"),
        "{first}"
    );
    assert!(
        !format!("{c:?}").contains("MARKER"),
        "client Debug redacts the key"
    );
}
