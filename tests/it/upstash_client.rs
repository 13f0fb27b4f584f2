//! The Developer API client against small axum servers on 127.0.0.1: retries, timeouts,
//! error kinds, create fallback and recovery, headers, and secret hygiene.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post};
use base64::Engine;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use updash::secret::Secret;
use updash::upstash::{
    ApiCredentials, ApiError, Client, ClientConfig, CreateDatabase, CredentialsMode, RetryPolicy,
    StatsPeriod, create_api_key,
};

const EMAIL: &str = "ops@example.com";
const KEY: &str = "MARKER-api-key-5f4e3d2c1b";

/// A server task that stops when dropped.
struct TestServer {
    base: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start(router: Router) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    TestServer {
        base: format!("http://{addr}"),
        task,
    }
}

fn fast_policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        max_total: Duration::from_secs(10),
    }
}

fn config(server: &TestServer, policy: RetryPolicy) -> ClientConfig {
    ClientConfig::new(&server.base)
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timeouts(Duration::from_secs(2), Duration::from_secs(5))
        .with_retry(policy)
}

fn client(server: &TestServer, policy: RetryPolicy) -> Client {
    Client::new(&config(server, policy), ApiCredentials::new(EMAIL, KEY))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn database(id: &str, name: &str) -> Value {
    json!({
        "database_id": id, "database_name": name, "region": "global", "port": 6379,
        "creation_time": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        "endpoint": format!("{name}-1.upstash.io"), "tls": true, "primary_region": "eu-west-1",
        "password": "MARKER-db-password", "rest_token": "MARKER-rest-token"
    })
}

/// Asserts no marker of a secret appears in an error's Display or Debug.
fn assert_clean(err: &ApiError) {
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("MARKER"), "secret leaked: {text}");
        assert!(!text.contains("api-key-5f4e"), "secret leaked: {text}");
    }
}

#[derive(Default)]
struct Recorder {
    hits: AtomicU32,
    headers: Mutex<Vec<HeaderMap>>,
    bodies: Mutex<Vec<Value>>,
    queries: Mutex<Vec<HashMap<String, String>>>,
    databases: Mutex<Vec<Value>>,
}

type Shared = Arc<Recorder>;

fn hit(s: &Recorder) -> u32 {
    s.hits.fetch_add(1, Ordering::SeqCst) + 1
}

fn hits(s: &Recorder) -> u32 {
    s.hits.load(Ordering::SeqCst)
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

async fn list_stored(State(s): State<Shared>) -> Response {
    axum::Json(Value::Array(locked(&s.databases).clone())).into_response()
}

#[tokio::test]
async fn sends_user_agent_basic_auth_and_query_parameters() {
    async fn record(
        State(s): State<Shared>,
        headers: HeaderMap,
        Query(q): Query<HashMap<String, String>>,
    ) -> Response {
        hit(&s);
        locked(&s.headers).push(headers);
        locked(&s.queries).push(q);
        axum::Json(database("id-1", "cache")).into_response()
    }
    async fn stats(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Response {
        locked(&s.queries).push(q);
        axum::Json(json!({"keyspace":[{"x":"t","y":3}]})).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database/{id}", get(record))
            .route("/v2/redis/stats/{id}", get(stats))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(1));
    let db = c
        .get_database("id-1", CredentialsMode::Hide)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_name, "cache");
    let s = c
        .database_stats("id-1", Some(StatsPeriod::Hours3))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.keyspace[0].y, 3.0);

    let headers = locked(&state.headers)[0].clone();
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        ua,
        Some(format!("updash/{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{EMAIL}:{KEY}"))
    );
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    assert_eq!(auth, Some(expected.as_str()));
    let queries = locked(&state.queries).clone();
    assert_eq!(
        queries[0].get("credentials").map(String::as_str),
        Some("hide")
    );
    assert_eq!(queries[1].get("period").map(String::as_str), Some("3h"));
}

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
    let err = match client(&server, fast_policy(3)).list_databases().await {
        Err(e) => e,
        Ok(_) => panic!("should fail"),
    };
    assert_eq!(hits(&state), 3);
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.to_string(),
        "listing databases: the service failed (HTTP 503: maintenance mode)"
    );
    assert_eq!(err.exit_code(), 1);
}

#[tokio::test]
async fn reset_password_and_create_are_not_retried_on_server_errors() {
    async fn failing(State(s): State<Shared>) -> Response {
        hit(&s);
        (StatusCode::BAD_GATEWAY, "Bad Gateway").into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/reset-password/{id}", post(failing))
            .route("/v2/redis/database", post(failing))
            .route("/v2/redis/databases", get(list_stored))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(4));
    let err = match c.reset_password("id-1").await {
        Err(e) => e,
        Ok(_) => panic!("should fail"),
    };
    assert!(
        matches!(err, ApiError::Server { status: 502, .. }),
        "{err:?}"
    );
    assert_eq!(hits(&state), 1);

    let err = match c
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
    {
        Err(e) => e,
        Ok(_) => panic!("should fail"),
    };
    assert_eq!(hits(&state), 2, "create sent once, not retried");
    assert_eq!(
        err.to_string(),
        "creating database \"cache\" (checked afterwards: no database of that name appeared): \
         the service failed (HTTP 502: Bad Gateway)"
    );
}

#[tokio::test]
async fn create_falls_back_to_the_legacy_body_on_400() {
    async fn create(State(s): State<Shared>, body: Bytes) -> Response {
        hit(&s);
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        locked(&s.bodies).push(body.clone());
        if body.get("platform").is_some() {
            return (StatusCode::BAD_REQUEST, r#""unknown field: platform""#).into_response();
        }
        axum::Json(database("id-new", "cache")).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .with_state(state.clone()),
    )
    .await;
    let mut req = CreateDatabase::new("cache", "eu-west-1");
    req.read_regions = vec!["us-east-1".into()];
    req.plan = Some("payg".into());
    let db = client(&server, fast_policy(3))
        .create_database(&req)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-new");
    assert_eq!(
        db.password.as_ref().map(|p| p.expose()),
        Some("MARKER-db-password")
    );
    let bodies = locked(&state.bodies).clone();
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        bodies[0],
        req.request_body().unwrap_or_else(|e| panic!("{e}"))
    );
    assert_eq!(
        bodies[1],
        json!({"database_name":"cache","region":"global","primary_region":"eu-west-1",
               "read_regions":["us-east-1"],"plan":"payg"})
    );
}

#[tokio::test]
async fn create_refused_by_both_forms_reports_the_first_reason() {
    async fn create(State(s): State<Shared>, body: Bytes) -> Response {
        let n = hit(&s);
        let _ = body;
        (
            StatusCode::BAD_REQUEST,
            format!(r#"{{"error":"refusal {n}"}}"#),
        )
            .into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .with_state(state.clone()),
    )
    .await;
    let err = match client(&server, fast_policy(3))
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
    {
        Err(e) => e,
        Ok(_) => panic!("should fail"),
    };
    assert_eq!(hits(&state), 2);
    assert_eq!(err.service_message(), Some("refusal 1"));
}

/// The server creates the database, then answers 502: the client finds it instead of
/// sending create again.
#[tokio::test]
async fn create_after_a_502_finds_the_database_instead_of_creating_twice() {
    async fn create(State(s): State<Shared>, body: Bytes) -> Response {
        hit(&s);
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let name = body["database_name"].as_str().unwrap_or("").to_owned();
        locked(&s.databases).push(database("id-made", &name));
        (StatusCode::BAD_GATEWAY, "upstream reset").into_response()
    }
    let state = Shared::default();
    locked(&state.databases).push(database("id-other", "other"));
    let server = start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .route("/v2/redis/databases", get(list_stored))
            .with_state(state.clone()),
    )
    .await;
    let db = client(&server, fast_policy(4))
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-made");
    assert_eq!(hits(&state), 1);
    assert_eq!(locked(&state.databases).len(), 2);
}

/// The server creates the database but answers too late: the timeout is a lost response.
#[tokio::test]
async fn create_after_a_timeout_finds_the_database() {
    async fn create(State(s): State<Shared>) -> Response {
        hit(&s);
        locked(&s.databases).push(database("id-slow", "cache"));
        tokio::time::sleep(Duration::from_secs(3)).await;
        axum::Json(database("id-slow", "cache")).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .route("/v2/redis/databases", get(list_stored))
            .with_state(state.clone()),
    )
    .await;
    let cfg = config(&server, fast_policy(4))
        .with_timeouts(Duration::from_secs(1), Duration::from_millis(300));
    let c = Client::new(&cfg, ApiCredentials::new(EMAIL, KEY)).unwrap_or_else(|e| panic!("{e}"));
    let db = c
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-slow");
    assert_eq!(hits(&state), 1);
}

/// A raw server that records the create, then closes the connection without answering.
#[tokio::test]
async fn create_after_a_dropped_connection_finds_the_database() {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let posts = Arc::new(AtomicU32::new(0));
    let posts_seen = posts.clone();
    let task = tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let posts = posts_seen.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut len = 0;
                // One request per connection is enough: read its head (and small body).
                while let Ok(n) = sock.read(&mut buf[len..]).await {
                    if n == 0 {
                        return;
                    }
                    len += n;
                    if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                if buf.starts_with(b"POST") {
                    posts.fetch_add(1, Ordering::SeqCst);
                    return; // drop the connection: the response is lost
                }
                let body = json!([database("id-dropped", "cache")]).to_string();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
            });
        }
    });
    let server = TestServer {
        base: format!("http://{addr}"),
        task,
    };
    let db = client(&server, fast_policy(4))
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-dropped");
    assert_eq!(posts.load(Ordering::SeqCst), 1);
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
    let cfg = config(&server, fast_policy(2))
        .with_timeouts(Duration::from_secs(1), Duration::from_millis(200));
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

#[tokio::test]
async fn delete_that_gets_404_after_a_lost_response_is_done() {
    async fn del(State(s): State<Shared>) -> Response {
        if hit(&s) == 1 {
            // Deleted, but the answer is lost.
            return (StatusCode::BAD_GATEWAY, "").into_response();
        }
        (StatusCode::NOT_FOUND, r#"{"error":"database not found"}"#).into_response()
    }
    async fn missing() -> Response {
        (StatusCode::NOT_FOUND, r#"{"message":"database not found"}"#).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database/{id}", delete(del))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(3));
    c.delete_database("id-1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hits(&state), 2);
    // A plain 404 (no lost response before it) is NotFound.
    let state2 = Shared::default();
    let server2 = start(
        Router::new()
            .route("/v2/redis/database/{id}", delete(missing))
            .with_state(state2),
    )
    .await;
    let err = match client(&server2, fast_policy(3))
        .delete_database("nope")
        .await
    {
        Err(e) => e,
        Ok(()) => panic!("should be not found"),
    };
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "deleting database nope: not found (HTTP 404: database not found)"
    );
}

#[tokio::test]
async fn ok_and_empty_bodies_are_success_and_writes_send_their_bodies() {
    async fn ok_text(State(s): State<Shared>, body: Bytes) -> Response {
        hit(&s);
        if let Ok(v) = serde_json::from_slice::<Value>(&body) {
            locked(&s.bodies).push(v);
        }
        (StatusCode::OK, r#""OK""#).into_response()
    }
    async fn empty(State(s): State<Shared>) -> Response {
        hit(&s);
        StatusCode::OK.into_response()
    }
    async fn get_one() -> Response {
        axum::Json(database("id-1", "renamed")).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/enable-eviction/{id}", post(ok_text))
            .route("/v2/redis/disable-eviction/{id}", post(empty))
            .route("/v2/redis/update-budget/{id}", patch(ok_text))
            .route("/v2/redis/update-regions/{id}", post(ok_text))
            .route("/v2/redis/rename/{id}", post(ok_text))
            .route("/v2/redis/database/{id}", get(get_one))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(1));
    let check = |r: Result<(), ApiError>| r.unwrap_or_else(|e| panic!("{e}"));
    check(c.enable_eviction("id-1").await);
    check(c.disable_eviction("id-1").await);
    check(c.update_budget("id-1", 360).await);
    check(c.update_regions("id-1", &["us-east-1".to_owned()]).await);
    let db = c
        .rename_database("id-1", "renamed")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        db.database_name, "renamed",
        "an OK answer is followed by a read"
    );
    assert_eq!(hits(&state), 5);
    assert_eq!(
        locked(&state.bodies).clone(),
        vec![
            json!({"budget": 360}),
            json!({"read_regions": ["us-east-1"]}),
            json!({"name": "renamed"}),
        ]
    );
}

#[tokio::test]
async fn api_key_is_minted_with_a_bearer_token() {
    async fn mint(headers: HeaderMap, body: Bytes) -> Response {
        let auth = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        if auth != Some("Bearer MARKER-access-token") {
            return (StatusCode::UNAUTHORIZED, r#"{"error":"Unauthorized"}"#).into_response();
        }
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        axum::Json(json!({"api_key": "MARKER-new-key", "name": body["name"]})).into_response()
    }
    let server = start(Router::new().route("/apikey", post(mint))).await;
    let cfg = config(&server, fast_policy(3));
    let key = create_api_key(
        &cfg,
        &Secret::new("MARKER-access-token"),
        "UPDASH_API_KEY_1",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key.api_key.expose(), "MARKER-new-key");
    assert_eq!(key.name.as_deref(), Some("UPDASH_API_KEY_1"));
    let err = match create_api_key(&cfg, &Secret::new("MARKER-expired"), "k").await {
        Err(e) => e,
        Ok(_) => panic!("should be refused"),
    };
    assert!(err.is_unauthorized(), "{err:?}");
    assert_clean(&err);
}
