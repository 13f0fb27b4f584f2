//! Switchable faults and limits for reliability tests: latency, 5xx, 429, lost responses,
//! token lifetime, and the stricter habits of other providers (client authentication by one
//! method only, no refresh tokens).

use super::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The faults in force. Every field is optional in `POST /_sandbox/faults`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Delay added to every request.
    pub latency_ms: u64,
    /// Share of requests (0.0 to 1.0) answered with 500; spread evenly, deterministic.
    pub fail_rate: f64,
    /// Requests per second allowed; more get 429 with `Retry-After`. 0 means no limit.
    pub rate_limit: u32,
    /// Lifetime of new access tokens.
    pub token_ttl_secs: u64,
    /// Share of writes (any method but GET) whose response is lost: the handler runs and
    /// its change is kept, then the client gets a 502 instead. Spread evenly, deterministic.
    pub lose_response_rate: f64,
    /// How a confidential client may authenticate at the token, revocation and device
    /// endpoints (`client_secret_basic`, `client_secret_post`); the metadata advertises
    /// exactly these. Some providers accept only one.
    pub client_auth_methods: Vec<String>,
    /// Whether token responses carry a refresh token (a provider may grant none, even when
    /// `offline_access` was asked).
    pub issue_refresh_tokens: bool,
    /// How long a new database answers create-backup with 500 "maintenance mode", as a
    /// fresh database of the real service does for a while. 0 turns it off.
    pub maintenance_window_secs: u64,
}

/// The default maintenance window of a new database: short, so demos and tests see it and
/// move on.
pub const DEFAULT_MAINTENANCE_WINDOW_SECS: u64 = 3;

/// The client authentication methods a confidential client may use.
pub const CLIENT_AUTH_METHODS: [&str; 2] = ["client_secret_basic", "client_secret_post"];

impl Default for Faults {
    fn default() -> Self {
        Self {
            latency_ms: 0,
            fail_rate: 0.0,
            rate_limit: 0,
            token_ttl_secs: super::DEFAULT_TOKEN_TTL_SECS,
            lose_response_rate: 0.0,
            client_auth_methods: CLIENT_AUTH_METHODS.map(String::from).to_vec(),
            issue_refresh_tokens: true,
            maintenance_window_secs: DEFAULT_MAINTENANCE_WINDOW_SECS,
        }
    }
}

impl Faults {
    /// Checks ranges; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.fail_rate) || self.fail_rate.is_nan() {
            return Err("fail_rate must be between 0.0 and 1.0".into());
        }
        if !(0.0..=1.0).contains(&self.lose_response_rate) || self.lose_response_rate.is_nan() {
            return Err("lose_response_rate must be between 0.0 and 1.0".into());
        }
        if self.latency_ms > 600_000 {
            return Err("latency_ms must be at most 600000".into());
        }
        if self.maintenance_window_secs > 3_600 {
            return Err("maintenance_window_secs must be at most 3600".into());
        }
        if self.token_ttl_secs == 0 {
            return Err("token_ttl_secs must be at least 1".into());
        }
        if self.client_auth_methods.is_empty()
            || self
                .client_auth_methods
                .iter()
                .any(|m| !CLIENT_AUTH_METHODS.contains(&m.as_str()))
        {
            return Err(format!(
                "client_auth_methods must list one or more of {}",
                CLIENT_AUTH_METHODS.join(", ")
            ));
        }
        Ok(())
    }
}

/// Per-sandbox counters behind `fail_rate` and `rate_limit`.
#[derive(Default)]
pub struct Counters {
    requests: AtomicU64,
    writes: AtomicU64,
    window: Mutex<Option<(Instant, u32)>>,
}

/// Middleware: applies the faults to every request except the control endpoints.
pub async fn apply(State(shared): State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/_sandbox/") {
        return next.run(req).await;
    }
    let faults = shared.faults();
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.rate_limit > 0 && !admit(&shared.counters, faults.rate_limit) {
        let mut resp = (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(serde_json::json!({"error": "Too many requests, slow down"})),
        )
            .into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return resp;
    }
    if faults.fail_rate > 0.0 && falls_due(&shared.counters.requests, faults.fail_rate) {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(serde_json::json!({"error": "sandbox: injected server error"})),
        )
            .into_response();
    }
    let lose = faults.lose_response_rate > 0.0
        && req.method() != axum::http::Method::GET
        && falls_due(&shared.counters.writes, faults.lose_response_rate);
    let response = next.run(req).await;
    if lose {
        // The change happened; only the answer is lost, as when a proxy drops it.
        return (
            StatusCode::BAD_GATEWAY,
            axum::Json(serde_json::json!({"error": "sandbox: injected lost response"})),
        )
            .into_response();
    }
    response
}

/// Counts one more request on `counter`; true when it is one of the `rate` share to hit:
/// request n is hit when the running total of hits due crosses a whole number.
fn falls_due(counter: &AtomicU64, rate: f64) -> bool {
    let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
    let due = |k: u64| (k as f64 * rate).floor() as u64;
    due(n) > due(n - 1)
}

/// A fixed one-second window counter.
fn admit(counters: &Counters, limit: u32) -> bool {
    let mut window = counters.window.lock().unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    match window.as_mut() {
        Some((start, count)) if now.duration_since(*start) < Duration::from_secs(1) => {
            *count += 1;
            *count <= limit
        }
        _ => {
            *window = Some((now, 1));
            true
        }
    }
}
