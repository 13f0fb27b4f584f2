//! Everything that can go wrong while connecting an account, as plain sentences.
//!
//! No variant ever holds a token, code, verifier, state or client secret: only what the
//! provider said in words (its `error` code and `error_description`), port numbers and URLs of
//! endpoints.

use std::time::Duration;

/// A failed sign-in, exchange, refresh, revoke or device flow, worded for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// The provider's config lacks what OAuth sign-in needs.
    #[error("this provider cannot do OAuth sign-in: {0}")]
    NotConfigured(String),
    /// The provider's fixed redirect port is taken by another program.
    #[error(
        "port {port} on {host} is already in use, and the provider only accepts sign-ins that come back to {redirect_uri}; \
         stop the program using port {port}, or sign in with --no-browser and paste the address the browser ends on, \
         or listen elsewhere with --callback-port and forward {port} to it"
    )]
    PortInUse {
        /// The port that is taken.
        port: u16,
        /// The address it was bound on (127.0.0.1 or ::1).
        host: String,
        /// The registered redirect URI that needs it.
        redirect_uri: String,
    },
    /// The loopback listener could not start for another reason.
    #[error("cannot listen for the sign-in on {addr}: {reason}")]
    Listen {
        /// Where it tried to listen.
        addr: String,
        /// What the system said.
        reason: String,
    },
    /// The redirect URI points somewhere updash cannot listen.
    #[error(
        "the provider's redirect_uri {0} is not a loopback http address, so updash cannot receive the sign-in there; \
         sign in with --no-browser and paste the address the browser ends on"
    )]
    RedirectNotLoopback(String),
    /// A callback (or pasted address) whose `state` is missing or belongs to another attempt.
    #[error(
        "this sign-in answer does not belong to the sign-in updash started (its state does not match); \
         start the sign-in again from updash and use the newest link"
    )]
    StateMismatch,
    /// A sign-in answer naming another issuer than this provider's (RFC 9207): it may come
    /// from another server (a mix-up), so its code is not used.
    #[error(
        "the sign-in answer came from the issuer {received}, but this provider's issuer is {expected}; \
         updash refused it (another server may be answering for this sign-in, or `issuer` in config.toml is wrong)"
    )]
    IssuerMismatch {
        /// The provider's issuer.
        expected: String,
        /// The `iss` the answer carried (cleaned for display).
        received: String,
    },
    /// The provider promises `iss` in every sign-in answer (its metadata), and this one has none.
    #[error(
        "the sign-in answer does not name its issuer, although the provider {expected} says every answer does; \
         updash refused it (another server may be answering for this sign-in)"
    )]
    IssuerMissing {
        /// The provider's issuer.
        expected: String,
    },
    /// A pasted text that is not a sign-in answer.
    #[error("{0}")]
    BadPaste(String),
    /// The operator (or the provider) refused access.
    #[error("access was denied at the provider{}", describe(.description))]
    AccessDenied {
        /// The provider's explanation, if any.
        description: Option<String>,
    },
    /// The provider redirected back with another RFC 6749 §4.1.2.1 error.
    #[error("the provider ended the sign-in with the error {code}{}", describe(.description))]
    AuthorizeFailed {
        /// The `error` parameter.
        code: String,
        /// The `error_description` parameter.
        description: Option<String>,
    },
    /// Nothing came back in time.
    #[error("the sign-in was not completed within {} seconds; start it again", .0.as_secs())]
    TimedOut(Duration),
    /// The operator cancelled.
    #[error("the sign-in was cancelled")]
    Cancelled,
    /// `invalid_grant` at the code exchange: code expired, reused, or PKCE/redirect mismatch.
    #[error("the sign-in code expired or was already used; sign in again{}", describe(.description))]
    CodeRejected {
        /// The provider's explanation, if any.
        description: Option<String>,
    },
    /// `invalid_grant` at refresh: the saved sign-in is no longer valid.
    #[error(
        "the provider no longer accepts this account's saved sign-in (it expired or was revoked); sign in again"
    )]
    NeedsSignIn,
    /// `invalid_client`.
    #[error(
        "the provider refused this app's client credentials (check client_id / client secret){}",
        describe(.description)
    )]
    InvalidClient {
        /// The provider's explanation, if any.
        description: Option<String>,
    },
    /// `unauthorized_client`.
    #[error(
        "the provider does not allow this app to sign in this way (unauthorized_client){}",
        describe(.description)
    )]
    UnauthorizedClient {
        /// The provider's explanation, if any.
        description: Option<String>,
    },
    /// `invalid_scope`.
    #[error("the provider refused the requested scopes{}", describe(.description))]
    InvalidScope {
        /// The provider's explanation, if any.
        description: Option<String>,
    },
    /// Any other RFC 6749 §5.2 error answer.
    #[error("the provider refused the request with the error {code}{}", describe(.description))]
    Refused {
        /// The `error` field.
        code: String,
        /// The `error_description` field.
        description: Option<String>,
    },
    /// The device code ran out before the operator approved it.
    #[error("the device code expired before the sign-in was approved; start again")]
    DeviceCodeExpired,
    /// The credentials store could not be read or written.
    #[error("could not use the credentials file: {0}")]
    Store(String),
    /// The endpoint could not be reached.
    #[error("could not reach the provider at {endpoint}: {reason}")]
    Network {
        /// The endpoint URL (no query).
        endpoint: String,
        /// What failed, in words.
        reason: String,
    },
    /// The endpoint answered something that is not a valid OAuth answer.
    #[error("the provider at {endpoint} gave an answer updash cannot use: {reason}")]
    BadResponse {
        /// The endpoint URL (no query).
        endpoint: String,
        /// What was wrong with it.
        reason: String,
    },
}

/// ` (description)` or nothing.
fn describe(description: &Option<String>) -> String {
    match description {
        Some(d) if !d.is_empty() => format!(" ({d})"),
        _ => String::new(),
    }
}

/// Makes provider-supplied text safe to show: through the one sanitiser (control, zero-width
/// and bidi characters escaped), at most 300 characters.
pub(crate) fn sanitize_description(text: &str) -> Option<String> {
    let cleaned: String = crate::output::sanitize(text.trim())
        .chars()
        .take(300)
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

impl AuthError {
    /// Whether the operator must sign in again (the saved grant is gone or refused).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, Self::NeedsSignIn | Self::CodeRejected { .. })
    }

    /// Whether trying again later may succeed (network trouble, provider-side outage).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network { .. } => true,
            Self::Refused { code, .. } => {
                code == "temporarily_unavailable" || code == "server_error"
            }
            _ => false,
        }
    }
}
