//! `/_sandbox/*`: switch faults and move the clock while running (loopback callers only).

use super::{AppState, Faults};
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use std::net::SocketAddr;

/// The control routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/_sandbox/faults", get(get_faults).post(set_faults))
        .route("/_sandbox/clock", post(advance_clock))
}

fn refuse_remote(peer: SocketAddr) -> Option<Response> {
    match peer {
        addr if addr.ip().is_loopback() => None,
        _ => Some(
            (
                StatusCode::FORBIDDEN,
                Json(serde_json::json!({"error": "the sandbox control endpoints answer loopback callers only"})),
            )
                .into_response(),
        ),
    }
}

async fn get_faults(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    if let Some(r) = refuse_remote(peer) {
        return r;
    }
    Json(shared.faults()).into_response()
}

async fn set_faults(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: axum::body::Bytes,
) -> Response {
    if let Some(r) = refuse_remote(peer) {
        return r;
    }
    // Fields left out keep their current value.
    let mut current = serde_json::to_value(shared.faults()).unwrap_or_default();
    let patch: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(serde_json::Value::Object(map)) => serde_json::Value::Object(map),
        _ => return bad_request("the body must be a JSON object of fault settings"),
    };
    if let (Some(cur), Some(p)) = (current.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            cur.insert(k.clone(), v.clone());
        }
    }
    let faults: Faults = match serde_json::from_value(current) {
        Ok(f) => f,
        Err(e) => return bad_request(&format!("invalid fault settings: {e}")),
    };
    if let Err(e) = faults.validate() {
        return bad_request(&e);
    }
    tracing::info!(?faults, "sandbox: faults changed");
    shared.set_faults(faults.clone());
    Json(faults).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance_secs: i64,
}

async fn advance_clock(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: axum::body::Bytes,
) -> Response {
    if let Some(r) = refuse_remote(peer) {
        return r;
    }
    let Ok(a) = serde_json::from_slice::<Advance>(&body) else {
        return bad_request("expected {\"advance_secs\": N}");
    };
    if !(0..=10 * 365 * 86_400).contains(&a.advance_secs) {
        return bad_request("advance_secs must be between 0 and ten years");
    }
    shared.advance_clock(a.advance_secs);
    Json(serde_json::json!({"now": shared.now()})).into_response()
}

fn bad_request(msg: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"error": msg})),
    )
        .into_response()
}
