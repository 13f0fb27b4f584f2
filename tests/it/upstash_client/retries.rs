//! Retries: Retry-After, 5xx, timeouts, refused connections.

use super::*;

#[tokio::test]
async fn rate_limit_waits_for_retry_after() {
    async fn limited(State(s): State<Shared>) -> Response {
        if hit(&s) == 1 {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "1")],
                r#"{"error":"too many requests"}"#,
            )
                .into_response();
        }
        axum::Json(json!([])).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/databases", get(limited))
            .with_state(state.clone()),
    )
    .await;
    let started = Instant::now();
    let dbs = client(&server, fast_policy(3))
        .list_databases()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(dbs.is_empty());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(hits(&state), 2);
}

#[tokio::test]
async fn rate_limit_that_outlasts_the_attempts_is_reported() {
    async fn limited(State(s): State<Shared>) -> Response {
        hit(&s);
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "0")],
            "slow down",
        )
            .into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/teams", get(limited))
            .with_state(state.clone()),
    )
    .await;
    let err = match client(&server, fast_policy(2)).list_teams().await {
        Err(e) => e,
        Ok(_) => panic!("should be rate limited"),
    };
    assert!(matches!(err, ApiError::RateLimited { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "listing teams: too many requests (HTTP 429: slow down); try again in 1 s"
    );
    assert_eq!(hits(&state), 2);
}

#[tokio::test]
async fn server_errors_are_retried_then_reported() {
    async fn failing(State(s): State<Shared>) -> Response {
        hit(&s);
        (
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"error":"maintenance mode"}"#,
        )
            .into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/databases", get(failing))
            .with_state(state.clone()),
    )
    .await;
    let err = failure(client(&server, fast_policy(3)).list_databases().await);
    assert_eq!(hits(&state), 3);
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.to_string(),
        "listing databases: the service failed (HTTP 503: maintenance mode)"
    );
    assert_eq!(err.exit_code(), 1);
}

#[tokio::test]
async fn request_timeout_is_reported_as_timeout() {
    async fn slow(State(s): State<Shared>) -> Response {
        hit(&s);
        tokio::time::sleep(Duration::from_secs(3)).await;
        axum::Json(json!([])).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/databases", get(slow))
            .with_state(state.clone()),
    )
    .await;
    let cfg = config(&server, fast_policy(2)).with_timeout(Duration::from_millis(200));
    let c = Client::new(&cfg, ApiCredentials::new(EMAIL, KEY)).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let err = match c.list_databases().await {
        Err(e) => e,
        Ok(_) => panic!("should time out"),
    };
    assert!(
        matches!(
            err,
            ApiError::Timeout {
                request_sent: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "listing databases: no answer within 0.2 s");
    assert_eq!(hits(&state), 2, "a read is retried after a timeout");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    drop(listener);
    let cfg = ClientConfig::new(&format!("http://{addr}"))
        .unwrap_or_else(|e| panic!("{e}"))
        .with_retry(fast_policy(2));
    let c = Client::new(&cfg, ApiCredentials::new(EMAIL, KEY)).unwrap_or_else(|e| panic!("{e}"));
    let err = match c.list_teams().await {
        Err(e) => e,
        Ok(_) => panic!("nothing listens"),
    };
    assert!(
        matches!(
            err,
            ApiError::Network {
                request_sent: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("listing teams: could not reach the service")
    );
    assert_clean(&err);
}
