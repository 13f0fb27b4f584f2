//! Why a Redis REST call failed, in words that hold no token.

use std::time::Duration;

/// A failed Redis REST call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RedisError {
    /// The token was refused (wrong, revoked by a password reset, or read-only for a write).
    #[error("the database refused the token (401); a password reset replaces it")]
    Unauthorized,
    /// Redis refused the command (`WRONGTYPE …`, `ERR wrong number of arguments …`).
    #[error("{0}")]
    Command(String),
    /// A limit of the service: request, key or record size, or the plan's request quota.
    #[error("{0}")]
    Limit(String),
    /// Too many requests; wait before the next.
    #[error("the database is rate limited (429){}", retry_after.map(|d| format!("; retry in {} s", d.as_secs())).unwrap_or_default())]
    RateLimited {
        /// The server's `Retry-After`, when given.
        retry_after: Option<Duration>,
    },
    /// The endpoint answered with an HTTP error that is not Redis's own.
    #[error("the database endpoint answered HTTP {status}{}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Http {
        /// The status.
        status: u16,
        /// The body's message, when it had one.
        message: Option<String>,
    },
    /// The endpoint could not be reached or the connection broke.
    #[error("cannot reach the database endpoint: {0}")]
    Network(String),
    /// No answer within the time allowed.
    #[error("the database endpoint did not answer within {} s", .0.as_secs_f64())]
    Timeout(Duration),
    /// The answer was larger than this client reads.
    #[error("the reply is larger than {0} bytes; ask for less (a range, a page)")]
    TooLarge(usize),
    /// The answer could not be read.
    #[error("the database endpoint answered something unreadable: {0}")]
    Decode(String),
}

impl RedisError {
    /// The error for a `{"error": text}` from the server: limits apart from other refusals.
    pub fn from_server_text(text: &str) -> Self {
        let limit = [
            "max request size exceeded",
            "max key size exceeded",
            "max single record size exceeded",
            "max requests limit exceeded",
            "max daily request limit exceeded",
        ];
        if limit.iter().any(|l| text.contains(l)) {
            RedisError::Limit(text.to_string())
        } else {
            RedisError::Command(text.to_string())
        }
    }

    /// Whether a read may be sent again after this.
    pub fn is_transient(&self) -> bool {
        match self {
            RedisError::RateLimited { .. } | RedisError::Network(_) | RedisError::Timeout(_) => {
                true
            }
            RedisError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }
}
