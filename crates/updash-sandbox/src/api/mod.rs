//! The sandbox's Upstash Developer API: `POST /apikey` and the `/v2` Redis and team endpoints.
//!
//! Shapes and quirks follow the real service: `"OK"` bodies, the int64-max "unlimited"
//! sentinel, string booleans, and error bodies that are either `{"error": ...}` or a bare
//! JSON string. Each API key acts on one account (personal or one team) and sees only that
//! account's databases; other accounts' databases answer 404 as if they did not exist.

pub mod audit;
mod auth;
pub mod backups;
mod create;
mod indexes;
mod keys;
mod list_bodies;
pub mod model;
mod plan_team;
pub mod plans;
pub mod product_model;
mod product_rules;
mod product_seed;
mod product_stats;
mod qstash;
mod record;
mod redis;
mod reply;
mod search;
mod seed;
mod stats;
mod teams;
mod validate;
mod vector;

pub use auth::Caller;
pub use create::{CreateBody, REGIONAL_DEPRECATED, create_database};
pub use keys::{MAX_KEYS_PER_USER, MintedKey, mint_api_key};
pub use list_bodies::ListBodies;
pub use product_seed::{PERSONAL_VECTOR, SEARCH as SEEDED_SEARCH, TEAM_VECTOR};
pub use qstash::IPV4_BLOCKS;
pub use reply::ApiError;
pub use seed::SEEDED_DATABASES;

use super::AppState;
use axum::Router;
use axum::routing::{get, patch, post};
use model::{ApiKey, DatabaseTable, Team};
use product_model::{SearchIndex, VectorIndex};
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
    /// Every database's backups, in creation order.
    pub backups: Vec<backups::Backup>,
    /// Every account's Vector indexes, in creation order.
    pub vector_indexes: Vec<product_model::VectorIndex>,
    /// Every account's Search indexes, in creation order.
    pub search_indexes: Vec<product_model::SearchIndex>,
    /// Every account's QStash, one per region.
    pub qstash: Vec<product_model::QStashUser>,
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
        .route("/v2/redis/list-backup/{id}", get(backups::list))
        .route("/v2/redis/create-backup/{id}", post(backups::create))
        .route("/v2/redis/restore-backup/{id}", post(backups::restore))
        .route(
            "/v2/redis/delete-backup/{id}/{backup_id}",
            axum::routing::delete(backups::delete),
        )
        .route(
            "/v2/redis/enable-dailybackup/{id}",
            patch(redis::set_daily_backup::<true>),
        )
        .route(
            "/v2/redis/disable-dailybackup/{id}",
            patch(redis::set_daily_backup::<false>),
        )
        .route("/v2/redis/{id}/change-plan", post(plan_team::change_plan))
        .route("/v2/redis/move-to-team", post(plan_team::move_to_team))
        .merge(products_router())
        .route("/v2/teams", get(teams::list))
        .route("/v2/teams/{team_id}", get(teams::members))
        .route("/auditlogs", get(audit::list))
        .route("/v2/auditlogs", get(audit::list))
        .layer(axum::middleware::map_response(reply::json_errors))
}

/// The Vector, Search and QStash routes.
fn products_router() -> Router<AppState> {
    Router::new()
        .route(
            "/v2/vector/index",
            get(indexes::list::<VectorIndex>).post(vector::create),
        )
        .route(
            "/v2/vector/index/stats",
            get(indexes::totals::<VectorIndex>),
        )
        .route(
            "/v2/vector/index/{id}",
            get(indexes::get::<VectorIndex>).delete(indexes::delete::<VectorIndex>),
        )
        .route(
            "/v2/vector/index/{id}/rename",
            post(indexes::rename::<VectorIndex>),
        )
        .route(
            "/v2/vector/index/{id}/reset-password",
            post(indexes::reset_password::<VectorIndex>),
        )
        .route("/v2/vector/index/{id}/setplan", post(vector::set_plan))
        .route(
            "/v2/vector/index/{id}/transfer",
            post(indexes::transfer::<VectorIndex>),
        )
        .route(
            "/v2/vector/index/{id}/stats",
            get(indexes::stats::<VectorIndex>),
        )
        .route(
            "/v2/search",
            get(indexes::list::<SearchIndex>).post(search::create),
        )
        .route("/v2/search/stats", get(indexes::totals::<SearchIndex>))
        .route(
            "/v2/search/{id}",
            get(indexes::get::<SearchIndex>).delete(indexes::delete::<SearchIndex>),
        )
        .route(
            "/v2/search/{id}/rename",
            post(indexes::rename::<SearchIndex>),
        )
        .route(
            "/v2/search/{id}/reset-password",
            post(indexes::reset_password::<SearchIndex>),
        )
        .route(
            "/v2/search/{id}/transfer",
            post(indexes::transfer::<SearchIndex>),
        )
        .route("/v2/search/{id}/stats", get(indexes::stats::<SearchIndex>))
        .route("/v2/qstash/users", get(qstash::list))
        .route("/v2/qstash/user/{id}", get(qstash::get))
        .route("/v2/qstash/rotate-token/{id}", post(qstash::rotate_token))
        .route("/v2/qstash/set-plan/{id}", post(qstash::set_plan))
        .route("/v2/qstash/stats/{id}", get(qstash::stats))
        .route("/v2/qstash/ipv4", get(qstash::ipv4))
        .route("/v2/qstash/move-to-team", post(qstash::move_to_team))
        .route(
            "/v2/qstash/update-budget/{id}",
            patch(qstash::update_budget),
        )
        .route(
            "/v2/qstash/enable-prodpack/{id}",
            post(qstash::set_prod_pack::<true>),
        )
        .route(
            "/v2/qstash/disable-prodpack/{id}",
            post(qstash::set_prod_pack::<false>),
        )
}
