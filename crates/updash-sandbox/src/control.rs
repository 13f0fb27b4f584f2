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

/// A refusal: a status and an `{"error": ...}` body.
type Refusal = (StatusCode, Json<serde_json::Value>);

/// A control answer: `Err` is a refusal (remote caller or bad body), so `?` can end a handler.
type Reply = Result<Response, Refusal>;

/// Refuses callers that are not on this machine.
fn loopback_only(peer: SocketAddr) -> Result<(), Refusal> {
    if peer.ip().is_loopback() {
        return Ok(());
    }
    Err((
        StatusCode::FORBIDDEN,
        Json(
            serde_json::json!({"error": "the sandbox control endpoints answer loopback callers only"}),
        ),
    ))
}

async fn get_faults(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Reply {
    loopback_only(peer)?;
    Ok(Json(shared.faults()).into_response())
}

async fn set_faults(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: axum::body::Bytes,
) -> Reply {
    loopback_only(peer)?;
    // Fields left out keep their current value.
    let mut current = serde_json::to_value(shared.faults()).unwrap_or_default();
    let patch: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&body)
        .map_err(|_| bad_request("the body must be a JSON object of fault settings"))?;
    if let Some(cur) = current.as_object_mut() {
        cur.extend(patch);
    }
    let faults: Faults = serde_json::from_value(current)
        .map_err(|e| bad_request(&format!("invalid fault settings: {e}")))?;
    faults.validate().map_err(|e| bad_request(&e))?;
    tracing::info!(?faults, "sandbox: faults changed");
    shared.set_faults(faults.clone());
    Ok(Json(faults).into_response())
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
) -> Reply {
    loopback_only(peer)?;
    let a: Advance =
        serde_json::from_slice(&body).map_err(|_| bad_request("expected {\"advance_secs\": N}"))?;
    if !(0..=10 * 365 * 86_400).contains(&a.advance_secs) {
        return Err(bad_request("advance_secs must be between 0 and ten years"));
    }
    shared.advance_clock(a.advance_secs);
    Ok(Json(serde_json::json!({"now": shared.now()})).into_response())
}

fn bad_request(msg: &str) -> Refusal {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"error": msg})),
    )
}
