//! What can go wrong talking to the Developer API, in words an operator can act on.
//!
//! Every variant names the action that failed ("listing databases") and, where the service
//! answered, its HTTP status and its own message. Messages are scrubbed of the API key
//! before they are stored, so no variant ever holds a secret.

use std::time::Duration;

/// A failed Developer API call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// 401: the API key or access token was refused. OAuth callers refresh once and retry;
    /// otherwise the operator must sign in again.
    #[error("{action}: the credentials were refused (HTTP 401{}); sign in again", suffix(.message))]
    Unauthorized {
        /// What was being done.
        action: String,
        /// The service's message, if any.
        message: Option<String>,
    },
    /// 403: not allowed (for example a read-only API key asked to change something).
    #[error("{action}: not allowed (HTTP 403{})", suffix(.message))]
    Forbidden {
        /// What was being done.
        action: String,
        /// The service's message, if any.
        message: Option<String>,
    },
    /// 404: no such database or team.
    #[error("{action}: not found (HTTP 404{})", suffix(.message))]
    NotFound {
        /// What was being done.
        action: String,
        /// The service's message, if any.
        message: Option<String>,
    },
    /// Another 4xx: the service refused the request as sent.
    #[error("{action}: the request was refused (HTTP {status}{})", suffix(.message))]
    BadRequest {
        /// What was being done.
        action: String,
        /// The HTTP status (400, 405, 409, ...).
        status: u16,
        /// The service's message, if any.
        message: Option<String>,
    },
    /// 429: too many requests, after the retries allowed.
    #[error("{action}: too many requests (HTTP 429{}){}", suffix(.message), wait_hint(.retry_after))]
    RateLimited {
        /// What was being done.
        action: String,
        /// The service's message, if any.
        message: Option<String>,
        /// How long the service asked to wait, if it said.
        retry_after: Option<Duration>,
    },
    /// 5xx (or an unexpected non-success status): the service failed.
    #[error("{action}: the service failed (HTTP {status}{})", suffix(.message))]
    Server {
        /// What was being done.
        action: String,
        /// The HTTP status.
        status: u16,
        /// The service's message, if any.
        message: Option<String>,
    },
    /// The connection failed or broke.
    #[error("{action}: could not reach the service ({detail}); check the network and try again")]
    Network {
        /// What was being done.
        action: String,
        /// What broke (no URL credentials, no secrets).
        detail: String,
        /// Whether the request may have reached the service before the failure.
        request_sent: bool,
    },
    /// No answer in time.
    #[error("{action}: no answer within {} s", .after.as_secs_f64())]
    Timeout {
        /// What was being done.
        action: String,
        /// The timeout that ran out.
        after: Duration,
        /// Whether the request may have reached the service before the timeout.
        request_sent: bool,
    },
    /// A success response whose body could not be read.
    #[error("{action}: the response could not be read ({detail})")]
    Decode {
        /// What was being done.
        action: String,
        /// Why (position and kind; never the body's values).
        detail: String,
    },
    /// The request could not be built from what was asked (bad base URL, unknown region...).
    #[error("{action}: {message}")]
    Invalid {
        /// What was being done.
        action: String,
        /// What is wrong.
        message: String,
    },
}

/// The kind of an [`ApiError`], for matching without fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorKind {
    /// See [`ApiError::Unauthorized`].
    Unauthorized,
    /// See [`ApiError::Forbidden`].
    Forbidden,
    /// See [`ApiError::NotFound`].
    NotFound,
    /// See [`ApiError::BadRequest`].
    BadRequest,
    /// See [`ApiError::RateLimited`].
    RateLimited,
    /// See [`ApiError::Server`].
    Server,
    /// See [`ApiError::Network`].
    Network,
    /// See [`ApiError::Timeout`].
    Timeout,
    /// See [`ApiError::Decode`].
    Decode,
    /// See [`ApiError::Invalid`].
    Invalid,
}

/// Process exit code for a failed service or network call.
pub const EXIT_SERVICE: i32 = 1;
/// Process exit code for a request that was invalid as asked (usage error).
pub const EXIT_USAGE: i32 = 2;
/// Process exit code when the operator must sign in (again).
pub const EXIT_SIGN_IN: i32 = 3;

impl ApiError {
    /// The kind of failure.
    pub fn kind(&self) -> ApiErrorKind {
        match self {
            Self::Unauthorized { .. } => ApiErrorKind::Unauthorized,
            Self::Forbidden { .. } => ApiErrorKind::Forbidden,
            Self::NotFound { .. } => ApiErrorKind::NotFound,
            Self::BadRequest { .. } => ApiErrorKind::BadRequest,
            Self::RateLimited { .. } => ApiErrorKind::RateLimited,
            Self::Server { .. } => ApiErrorKind::Server,
            Self::Network { .. } => ApiErrorKind::Network,
            Self::Timeout { .. } => ApiErrorKind::Timeout,
            Self::Decode { .. } => ApiErrorKind::Decode,
            Self::Invalid { .. } => ApiErrorKind::Invalid,
        }
    }

    /// The exit code the CLI should use: 3 needs sign-in, 2 invalid request, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Unauthorized { .. } => EXIT_SIGN_IN,
            Self::Invalid { .. } => EXIT_USAGE,
            _ => EXIT_SERVICE,
        }
    }

    /// Whether the caller should refresh its token (OAuth) or ask for a new sign-in.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::Unauthorized { .. })
    }

    /// Whether the service said the API key is read-only.
    pub fn is_read_only_key(&self) -> bool {
        self.service_message()
            .is_some_and(|m| m.to_ascii_lowercase().contains("readonly"))
    }

    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Unauthorized { .. } => Some(401),
            Self::Forbidden { .. } => Some(403),
            Self::NotFound { .. } => Some(404),
            Self::RateLimited { .. } => Some(429),
            Self::BadRequest { status, .. } | Self::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service's own message, when it sent one.
    pub fn service_message(&self) -> Option<&str> {
        match self {
            Self::Unauthorized { message, .. }
            | Self::Forbidden { message, .. }
            | Self::NotFound { message, .. }
            | Self::BadRequest { message, .. }
            | Self::RateLimited { message, .. }
            | Self::Server { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// What was being done when it failed.
    pub fn action(&self) -> &str {
        match self {
            Self::Unauthorized { action, .. }
            | Self::Forbidden { action, .. }
            | Self::NotFound { action, .. }
            | Self::BadRequest { action, .. }
            | Self::RateLimited { action, .. }
            | Self::Server { action, .. }
            | Self::Network { action, .. }
            | Self::Timeout { action, .. }
            | Self::Decode { action, .. }
            | Self::Invalid { action, .. } => action,
        }
    }

    /// Whether the request may have been carried out although no answer arrived
    /// (a timeout or broken connection after sending, or a 5xx).
    pub fn response_lost(&self) -> bool {
        match self {
            Self::Network { request_sent, .. } | Self::Timeout { request_sent, .. } => {
                *request_sent
            }
            Self::Server { .. } => true,
            _ => false,
        }
    }

    /// Whether the request certainly did not take effect and can be sent again even when
    /// it is not idempotent (429, or a connection that never opened).
    pub fn certainly_not_processed(&self) -> bool {
        match self {
            Self::RateLimited { .. } => true,
            Self::Network { request_sent, .. } | Self::Timeout { request_sent, .. } => {
                !*request_sent
            }
            _ => false,
        }
    }

    /// A copy whose action is replaced (used to add what happened afterwards).
    pub(crate) fn with_action(mut self, new_action: String) -> Self {
        match &mut self {
            Self::Unauthorized { action, .. }
            | Self::Forbidden { action, .. }
            | Self::NotFound { action, .. }
            | Self::BadRequest { action, .. }
            | Self::RateLimited { action, .. }
            | Self::Server { action, .. }
            | Self::Network { action, .. }
            | Self::Timeout { action, .. }
            | Self::Decode { action, .. }
            | Self::Invalid { action, .. } => *action = new_action,
        }
        self
    }

    /// Builds a decode error from serde's, keeping only what is safe to show: serde's text
    /// can quote values from the body, so only "missing field" messages are kept verbatim.
    pub(crate) fn decode(action: &str, err: &serde_json::Error) -> Self {
        let text = err.to_string();
        let detail = if text.starts_with("missing field") {
            text
        } else {
            let what = match err.classify() {
                serde_json::error::Category::Io => "read error",
                serde_json::error::Category::Syntax => "not valid JSON",
                serde_json::error::Category::Data => "unexpected shape",
                serde_json::error::Category::Eof => "body ends early",
            };
            format!("{what} at line {}, column {}", err.line(), err.column())
        };
        Self::Decode {
            action: action.to_owned(),
            detail,
        }
    }
}

fn suffix(message: &Option<String>) -> String {
    match message {
        Some(m) if !m.is_empty() => format!(": {m}"),
        _ => String::new(),
    }
}

fn wait_hint(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!("; try again in {} s", d.as_secs().max(1)),
        None => "; try again later".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_action_status_and_message() {
        let e = ApiError::BadRequest {
            action: "creating database \"a\"".into(),
            status: 400,
            message: Some("name taken".into()),
        };
        assert_eq!(
            e.to_string(),
            "creating database \"a\": the request was refused (HTTP 400: name taken)"
        );
        assert_eq!(e.exit_code(), EXIT_SERVICE);
        let u = ApiError::Unauthorized {
            action: "listing databases".into(),
            message: None,
        };
        assert_eq!(
            u.to_string(),
            "listing databases: the credentials were refused (HTTP 401); sign in again"
        );
        assert_eq!(u.exit_code(), EXIT_SIGN_IN);
    }

    #[test]
    fn decode_errors_never_quote_values() {
        let err = match serde_json::from_str::<Vec<String>>(r#"["a", 5]"#) {
            Err(e) => e,
            Ok(_) => panic!("should fail"),
        };
        let e = ApiError::decode("x", &err);
        assert!(!e.to_string().contains('5') || e.to_string().contains("column"));
        assert!(e.to_string().contains("unexpected shape"));
    }
}
