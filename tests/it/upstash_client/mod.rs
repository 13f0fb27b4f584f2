//! The Developer API client against small axum servers on 127.0.0.1: retries, timeouts,
//! error kinds, create fallback and recovery, headers, and secret hygiene.
//! This file holds the harness; each sibling file one concern.

mod bodies;
mod calls;
mod create;
mod errors;
mod retries;
mod sandbox_backups;

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
        .with_timeout(Duration::from_secs(5))
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

/// A server with `create` at `POST /v2/redis/database` and the recorded databases at
/// `GET /v2/redis/databases`, so a client can look for what a lost create made.
async fn start_create_and_list<H, T>(state: &Shared, create: H) -> TestServer
where
    H: axum::handler::Handler<T, Shared>,
    T: 'static,
{
    start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .route("/v2/redis/databases", get(list_stored))
            .with_state(state.clone()),
    )
    .await
}

/// The error of a call that must fail.
#[track_caller]
fn failure<T>(result: Result<T, ApiError>) -> ApiError {
    match result {
        Err(e) => e,
        Ok(_) => panic!("should fail"),
    }
}
