//! The sandbox's OAuth 2.0 authorization server: authorization code with PKCE (RFC 6749,
//! 7636), loopback redirects (RFC 8252), refresh rotation, revocation (RFC 7009), metadata
//! (RFC 8414), device flow (RFC 8628), and sign-in/consent pages.

mod authorize;
mod browser;
mod clients;
mod crypto;
mod device;
mod discovery;
mod errors;
mod grants;
mod guesses;
mod jwt;
mod model;
mod pages;
mod params;
mod revoke;
mod scopes;
pub(crate) mod session;
mod token;

pub use jwt::Claims;
pub use model::OAuthState;

use super::AppState;
use axum::Router;
use axum::routing::{get, post};
use updash_common::secret::Secret;

impl OAuthState {
    /// The seeded user and the two registered clients, with a fresh signing key.
    pub fn seeded() -> Self {
        Self {
            signing_key: Secret::new(crypto::random_token(32)),
            users: vec![model::User::new(
                "user_sandbox_operator",
                super::SEEDED_EMAIL,
                super::SEEDED_PASSWORD,
            )],
            clients: clients::seeded(),
            codes: Default::default(),
            families: Default::default(),
            refresh_tokens: Default::default(),
            access_tokens: Default::default(),
            device_grants: Default::default(),
            sessions: Default::default(),
            pending: Default::default(),
            wrong_user_codes: Default::default(),
        }
    }

    /// The email of the user an unexpired, unrevoked access token belongs to.
    pub fn email_for_access_token(&self, token: &str, now: i64) -> Option<String> {
        self.access_token_claims(token, now).map(|c| c.email)
    }

    /// The claims of an unexpired, unrevoked access token signed by this sandbox.
    pub fn access_token_claims(&self, token: &str, now: i64) -> Option<Claims> {
        self.valid_access_token(token, now)
    }
}

/// The authorization server's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/authorize", get(authorize::authorize))
        .route("/authorize/sign-in", post(browser::sign_in))
        .route(
            "/authorize/consent",
            get(browser::consent_form).post(browser::consent),
        )
        .route(
            "/activate",
            get(device::activate_form).post(device::activate),
        )
        .route("/oauth/token", post(token::token))
        .route("/oauth/revoke", post(revoke::revoke))
        .route("/oauth/device/code", post(device::device_authorization))
        .route("/userinfo", get(discovery::userinfo))
        .route(
            "/.well-known/oauth-authorization-server",
            get(discovery::metadata),
        )
}
