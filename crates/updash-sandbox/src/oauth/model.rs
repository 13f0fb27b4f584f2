//! What the authorization server remembers. Every code and token is stored only as its
//! SHA-256 hash (access tokens only by their `jti`), so a leaked state file leaks no live
//! credential.

use super::crypto::{hash_secret, random_token};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use updash_common::secret::Secret;

/// Users, clients, codes, tokens, device codes and browser sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct OAuthState {
    /// The HS256 key access tokens are signed with; random per sandbox.
    pub(super) signing_key: Secret,
    /// Who can sign in.
    pub(super) users: Vec<User>,
    /// Registered clients.
    pub(super) clients: Vec<Client>,
    /// Authorization codes by hash.
    pub(super) codes: BTreeMap<String, AuthCode>,
    /// Grants (one sign-in's chain of refresh tokens) by id.
    pub(super) families: BTreeMap<String, TokenFamily>,
    /// Refresh tokens by hash.
    pub(super) refresh_tokens: BTreeMap<String, RefreshToken>,
    /// Access tokens by `jti`.
    pub(super) access_tokens: BTreeMap<String, AccessToken>,
    /// Device authorizations by hash of the device code.
    pub(super) device_grants: BTreeMap<String, DeviceGrant>,
    /// Browser sessions by hash of the cookie value.
    pub(super) sessions: BTreeMap<String, BrowserSession>,
    /// Authorization requests waiting for sign-in or consent, by hash of their id.
    pub(super) pending: BTreeMap<String, PendingRequest>,
    /// Recent wrong user codes at `/activate`; not persisted (a restart forgives).
    #[serde(skip)]
    pub(super) wrong_user_codes: super::guesses::WrongCodes,
}

impl Default for OAuthState {
    fn default() -> Self {
        Self::seeded()
    }
}

/// A user who can sign in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct User {
    /// Stable id, the `sub` claim.
    pub sub: String,
    /// Sign-in name and the `email` claim.
    pub email: String,
    /// Random salt for the password hash.
    pub password_salt: String,
    /// SHA-256 of salt + password.
    pub password_hash: String,
}

/// A registered OAuth client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Client {
    /// The `client_id`.
    pub client_id: String,
    /// The name shown on the consent page.
    pub name: String,
    /// SHA-256 of the secret for confidential clients; `None` for public clients.
    pub secret_hash: Option<String>,
    /// Registered redirect URIs; loopback IP entries match any port (RFC 8252 §7.3).
    pub redirect_uris: Vec<String>,
}

/// An issued authorization code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: Option<String>,
    pub user_sub: String,
    pub scope: String,
    pub audience: String,
    pub expires_at: i64,
    /// Set once the code was presented; a second use revokes `family`.
    pub used: bool,
    /// The grant its exchange started.
    pub family: Option<String>,
}

/// One grant: the tokens descending from one code or device approval.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct TokenFamily {
    pub client_id: String,
    pub user_sub: String,
    pub scope: String,
    pub audience: String,
    pub revoked: bool,
    /// When its newest refresh token expires; the family is forgotten some time after.
    pub expires_at: i64,
}

/// A refresh token (stored by hash).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RefreshToken {
    pub family: String,
    /// Set when it was exchanged; presenting it again is reuse.
    pub rotated: bool,
    pub expires_at: i64,
}

/// An access token (stored by `jti`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct AccessToken {
    pub family: String,
    pub expires_at: i64,
    pub revoked: bool,
}

/// Where a device authorization stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub(super) enum DeviceStatus {
    Pending,
    Approved { user_sub: String },
    Denied,
}

/// A device authorization (RFC 8628).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct DeviceGrant {
    /// SHA-256 of the normalized user code.
    pub user_code_hash: String,
    pub client_id: String,
    pub scope: String,
    pub audience: String,
    pub expires_at: i64,
    /// Seconds the client must wait between polls; grows by 5 on `slow_down`.
    pub interval: i64,
    pub last_poll: Option<i64>,
    pub status: DeviceStatus,
}

/// A browser session (cookie), signed in or not.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct BrowserSession {
    pub user_sub: Option<String>,
    pub expires_at: i64,
}

/// The parameters of a validated `/authorize` request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct AuthorizeRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub scope: String,
    pub audience: String,
}

/// What a pending request will finish.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum PendingKind {
    /// A browser authorization-code request.
    Authorize(AuthorizeRequest),
    /// A device authorization, by hash of its device code.
    Device { device: String },
}

/// A request waiting in one browser session for sign-in and consent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PendingRequest {
    /// Hash of the session cookie it belongs to.
    pub session: String,
    pub expires_at: i64,
    pub kind: PendingKind,
}

impl User {
    /// A user with a freshly salted password hash.
    pub fn new(sub: &str, email: &str, password: &str) -> Self {
        let salt = random_token(16);
        Self {
            sub: sub.into(),
            email: email.into(),
            password_hash: hash_secret(&format!("{salt}{password}")),
            password_salt: salt,
        }
    }

    /// Whether `password` is this user's, compared in constant time.
    pub fn password_matches(&self, password: &str) -> bool {
        let candidate = hash_secret(&format!("{}{password}", self.password_salt));
        super::crypto::constant_time_eq(candidate.as_bytes(), self.password_hash.as_bytes())
    }
}
