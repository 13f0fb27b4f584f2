//! The sandbox's OAuth 2.0 authorization server.

use super::AppState;
use axum::Router;
use serde::{Deserialize, Serialize};

/// Users, clients, codes, tokens and device codes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OAuthState {}

impl OAuthState {
    /// The seeded user and the two registered clients.
    pub fn seeded() -> Self {
        Self {}
    }

    /// The email of the user an unexpired, unrevoked access token belongs to.
    pub fn email_for_access_token(&self, _token: &str, _now: i64) -> Option<String> {
        None
    }
}

/// The authorization server's routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
