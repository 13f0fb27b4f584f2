//! `GET /.well-known/updash-sandbox` on the main listener: where the data plane listens, so
//! a client that knows only `UPDASH_SANDBOX_URL` can form each database's REST URL.

use crate::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

/// The discovery route's path.
pub const DISCOVERY_PATH: &str = "/.well-known/updash-sandbox";

/// The discovery document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discovery {
    /// The data plane's base URL, e.g. `http://127.0.0.1:41235`.
    pub data_url: String,
    /// A database's REST URL with `{database_id}` to fill in.
    pub rest_url_template: String,
    /// The store behind the data plane (`embedded` or `redis HOST:PORT`).
    pub backend: String,
}

impl Discovery {
    /// The REST URL of database `id`.
    pub fn rest_url(&self, id: &str) -> String {
        self.rest_url_template.replace("{database_id}", id)
    }
}

/// The discovery document for the sandbox `shared` describes.
pub fn document(shared: &crate::Shared) -> Discovery {
    Discovery {
        data_url: shared.data_url.clone(),
        rest_url_template: format!("{}/{{database_id}}", shared.data_url),
        backend: shared.data.backend().describe(),
    }
}

/// The handler; loopback callers only, like the control endpoints.
pub async fn get(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    if !peer.ip().is_loopback() {
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({"error": "the sandbox answers loopback callers only"})),
        )
            .into_response();
    }
    Json(document(&shared)).into_response()
}

/// Asks the sandbox at `base_url` where its data plane listens.
pub async fn discover(http: &reqwest::Client, base_url: &str) -> anyhow::Result<Discovery> {
    let url = format!("{}{DISCOVERY_PATH}", base_url.trim_end_matches('/'));
    let resp = http
        .get(&url)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach the sandbox at {base_url}: {e}"))?;
    if !resp.status().is_success() {
        anyhow::bail!(
            "the sandbox at {base_url} answered {} to {DISCOVERY_PATH}",
            resp.status()
        );
    }
    resp.json()
        .await
        .map_err(|e| anyhow::anyhow!("the sandbox's discovery document is not valid: {e}"))
}
