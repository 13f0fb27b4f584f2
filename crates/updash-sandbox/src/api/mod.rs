//! The sandbox's Upstash Developer API: `POST /apikey` and the `/v2` Redis and team endpoints.
//!
//! Shapes and quirks follow the real service: `"OK"` bodies, the int64-max "unlimited"
//! sentinel, string booleans, and error bodies that are either `{"error": ...}` or a bare
//! JSON string. Each API key acts on one account (personal or one team) and sees only that
//! account's databases; other accounts' databases answer 404 as if they did not exist.

pub mod audit;
mod auth;
mod create;
mod keys;
pub mod model;
pub mod plans;
mod record;
mod redis;
mod reply;
mod seed;
mod stats;
mod teams;
mod validate;

pub use auth::Caller;
pub use create::{CreateBody, REGIONAL_DEPRECATED, create_database};
pub use keys::{MAX_KEYS_PER_USER, MintedKey, mint_api_key};
pub use reply::ApiError;
pub use seed::SEEDED_DATABASES;

use super::AppState;
use axum::Router;
use axum::routing::{get, patch, post};
use model::{ApiKey, DatabaseTable, Team};
use serde::{Deserialize, Serialize};

/// The seeded team's id (the `customer_id` of its databases).
pub const SEEDED_TEAM_ID: &str = "7c0b4d4e-3a1f-4c56-9d2b-5e8f1a6b2c90";
/// The seeded team's name.
pub const SEEDED_TEAM_NAME: &str = "Platform team";
/// The seeded team's members besides its owner (the seeded user): email and role.
pub const SEEDED_TEAM_MEMBERS: &[(&str, &str)] =
    &[("alice@example.com", "admin"), ("bob@example.com", "dev")];
/// A read-only Developer API key seeded for the seeded user's personal account.
pub const SEEDED_READONLY_API_KEY: &str = "sandbox-readonly-api-key";

/// API keys, teams and databases. Missing fields load empty, so older state files still open.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiState {
    /// Every account's databases, in creation order.
    pub databases: DatabaseTable,
    /// Teams with their members.
    pub teams: Vec<Team>,
    /// API keys (hashed).
    pub api_keys: Vec<ApiKey>,
    /// Audit log entries of every account, oldest first.
    pub audit_logs: Vec<audit::AuditLog>,
}

/// The Developer API's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/apikey", post(keys::post_apikey))
        .route("/v2/redis/databases", get(redis::list))
        .route("/v2/redis/database", post(redis::create))
        .route(
            "/v2/redis/database/{id}",
            get(redis::get).delete(redis::delete),
        )
        .route("/v2/redis/rename/{id}", post(redis::rename))
        .route("/v2/redis/reset-password/{id}", post(redis::reset_password))
        .route("/v2/redis/stats/{id}", get(redis::stats))
        .route("/v2/redis/update-regions/{id}", post(redis::update_regions))
        .route(
            "/v2/redis/enable-eviction/{id}",
            post(redis::set_eviction::<true>),
        )
        .route(
            "/v2/redis/disable-eviction/{id}",
            post(redis::set_eviction::<false>),
        )
        .route(
            "/v2/redis/enable-autoupgrade/{id}",
            post(redis::set_autoupgrade::<true>),
        )
        .route(
            "/v2/redis/disable-autoupgrade/{id}",
            post(redis::set_autoupgrade::<false>),
        )
        .route("/v2/redis/enable-tls/{id}", post(redis::enable_tls))
        .route("/v2/redis/update-budget/{id}", patch(redis::update_budget))
        .route("/v2/teams", get(teams::list))
        .route("/v2/teams/{team_id}", get(teams::members))
        .route("/auditlogs", get(audit::list))
        .route("/v2/auditlogs", get(audit::list))
        .layer(axum::middleware::map_response(reply::json_errors))
}
