//! One stored account: who it is, which provider, and its secrets.

use crate::secret::Secret;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use time::OffsetDateTime;

/// Longest account id accepted from a hand-edited file.
const MAX_ID_LEN: usize = 64;

/// The stable id of an account: the key of its table in the file (`[accounts.<id>]`).
///
/// updash generates 8 lowercase hex characters; a hand-edited file may use any
/// 1–64 characters of `[A-Za-z0-9_-]` (a bare TOML key, so the file stays readable).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    /// Checks and wraps an id; `None` when it has characters or a length the file does not allow.
    pub fn parse(id: &str) -> Option<Self> {
        let valid = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        valid.then(|| Self(id.to_owned()))
    }

    /// A fresh random id (8 lowercase hex characters).
    pub fn generate() -> Self {
        let n: u32 = rand::random();
        Self(format!("{n:08x}"))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AccountId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        // The id is never a secret, but keep the message free of the value anyway: a token
        // pasted on the wrong line must not be echoed back.
        Self::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(
                "invalid account id: use 1 to 64 characters from A-Z, a-z, 0-9, '-', '_'",
            )
        })
    }
}

/// One account: provider, identity, secrets and sign-in state.
///
/// `Debug` is safe to print: every secret is a [`Secret`] and prints `[redacted]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The provider's name as in config.toml (`upstash`, `sandbox`, ...).
    pub provider: String,
    /// The operator's name for the account, shown in the UI.
    pub label: String,
    /// The account email (the Developer API's Basic-auth user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The team the account acts for, when not the personal account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The Developer API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<Secret>,
    /// The name the API key was created with (`UPDASH_API_KEY_<unix time>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_name: Option<String>,
    /// The OAuth access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
    /// The OAuth refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// When the access token expires (absolute, RFC 3339 in the file).
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<OffsetDateTime>,
    /// The scopes the provider granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// When the account was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When the account was last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The account cannot be used until it signs in again: its API key was refused, or (an
    /// account without one) its OAuth sign-in no longer works.
    #[serde(default)]
    pub needs_sign_in: bool,
    /// The provider no longer accepts the OAuth sign-in (a refresh was refused, or the access
    /// token expired with no refresh token). An API key keeps working; only a new key can no
    /// longer be made with the tokens.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sign_in_expired: bool,
}

/// Checks a label an operator gives an account: at least one visible character, and none
/// that would be escaped when printed (controls, zero-width and bidi characters), so the
/// label shown is the label typed.
pub fn check_label(label: &str) -> Result<(), String> {
    if label.trim().is_empty() {
        return Err("a label needs at least one visible character".into());
    }
    let shown = crate::output::sanitize(label);
    if shown != label {
        return Err(format!(
            "the label \"{shown}\" has control or invisible characters; use visible ones"
        ));
    }
    Ok(())
}

impl Account {
    /// A new account with no secrets yet, created and updated at `now`.
    pub fn new(provider: impl Into<String>, label: impl Into<String>, now: OffsetDateTime) -> Self {
        Self {
            provider: provider.into(),
            label: label.into(),
            email: None,
            team: None,
            api_key: None,
            api_key_name: None,
            access_token: None,
            refresh_token: None,
            expires_at: None,
            scopes: Vec::new(),
            created_at: now,
            updated_at: now,
            needs_sign_in: false,
            sign_in_expired: false,
        }
    }

    /// Drops every secret and marks the account as needing sign-in (logout, revoked grant).
    pub fn clear_secrets(&mut self, now: OffsetDateTime) {
        self.api_key = None;
        self.api_key_name = None;
        self.access_token = None;
        self.refresh_token = None;
        self.expires_at = None;
        self.needs_sign_in = true;
        self.sign_in_expired = true;
        self.updated_at = now;
    }
}
