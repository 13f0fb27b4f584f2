//! The sandbox's Upstash Developer API.

use super::AppState;
use axum::Router;
use serde::{Deserialize, Serialize};

/// API keys, teams and databases.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ApiState {}

impl ApiState {
    /// The personal account of `email` with its seeded databases and team, plus `extra`
    /// generated databases.
    pub fn seeded(_email: &str, _extra: usize) -> Self {
        Self {}
    }
}

/// The Developer API's routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
