//! Turns the oauth2 crate's errors into plain sentences (RFC 6749 §5.2, network, non-JSON).

use super::error::{AuthError, sanitize_description};
use oauth2::{ErrorResponseType, HttpClientError, RequestTokenError, StandardErrorResponse};

/// Which request failed; the same `error` code means different things at each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Authorization-code exchange.
    Code,
    /// Refresh-token grant.
    Refresh,
    /// Device authorization or device-code polling.
    Device,
}

/// The error type of token requests made with reqwest.
pub(crate) type TokenRequestError<T> =
    RequestTokenError<HttpClientError<reqwest::Error>, StandardErrorResponse<T>>;

/// Maps an oauth2 error at `endpoint` (`status`: the HTTP status if one came back).
pub(crate) fn token_error<
    T: ErrorResponseType + AsRef<str> + std::fmt::Display + Send + Sync + 'static,
>(
    err: TokenRequestError<T>,
    endpoint: &str,
    stage: Stage,
    status: Option<u16>,
) -> AuthError {
    let endpoint = endpoint_label(endpoint);
    match err {
        RequestTokenError::ServerResponse(resp) => {
            let description = resp
                .error_description()
                .and_then(|d| sanitize_description(d));
            from_error_code(resp.error().as_ref(), description, stage)
        }
        RequestTokenError::Request(e) => AuthError::Network {
            endpoint,
            reason: describe_http_client_error(&e),
        },
        RequestTokenError::Parse(e, _body) => {
            // The body may hold tokens; only the shape of the problem is reported.
            let what = match e.inner().classify() {
                serde_json::error::Category::Data => {
                    let path = e.path().to_string();
                    if path == "." {
                        "JSON without the fields an OAuth answer needs".to_string()
                    } else {
                        format!("JSON with a missing or wrong field near `{path}`")
                    }
                }
                _ => "not JSON".to_string(),
            };
            AuthError::BadResponse {
                endpoint,
                reason: with_status(what, status),
            }
        }
        RequestTokenError::Other(msg) => AuthError::BadResponse {
            endpoint,
            reason: with_status(msg, status),
        },
    }
}

/// Maps an RFC 6749 / RFC 8628 / RFC 7009 `error` code to a sentence.
pub(crate) fn from_error_code(code: &str, description: Option<String>, stage: Stage) -> AuthError {
    match (code, stage) {
        ("invalid_grant", Stage::Refresh) => AuthError::NeedsSignIn,
        ("invalid_grant", _) => AuthError::CodeRejected { description },
        ("invalid_client", _) => AuthError::InvalidClient { description },
        ("unauthorized_client", _) => AuthError::UnauthorizedClient { description },
        ("access_denied", _) => AuthError::AccessDenied { description },
        ("invalid_scope", _) => AuthError::InvalidScope { description },
        ("expired_token", Stage::Device) => AuthError::DeviceCodeExpired,
        _ => AuthError::Refused {
            code: sanitize_description(code)
                .unwrap_or_else(|| "(empty)".into())
                .chars()
                .take(64)
                .collect(),
            description,
        },
    }
}

fn with_status(what: String, status: Option<u16>) -> String {
    match status {
        Some(s) => format!("HTTP {s}, {what}"),
        None => what,
    }
}

/// The endpoint without query or fragment, for messages.
pub(crate) fn endpoint_label(endpoint: &str) -> String {
    match url::Url::parse(endpoint) {
        Ok(mut u) => {
            u.set_query(None);
            u.set_fragment(None);
            let _ = u.set_password(None);
            let _ = u.set_username("");
            u.to_string()
        }
        Err(_) => "(invalid URL)".into(),
    }
}

fn describe_http_client_error(e: &HttpClientError<reqwest::Error>) -> String {
    match e {
        HttpClientError::Reqwest(e) => describe_reqwest_error(e),
        HttpClientError::Io(e) => e.to_string(),
        HttpClientError::Http(e) => e.to_string(),
        HttpClientError::Other(s) => s.clone(),
        _ => "the request failed".into(),
    }
}

/// A reqwest error in words: its kind and the innermost cause, never the URL's query.
pub(crate) fn describe_reqwest_error(e: &reqwest::Error) -> String {
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        causes.push(s.to_string());
        source = s.source();
    }
    let innermost = causes.last().cloned().unwrap_or_default();
    let lower = causes.join(" ").to_lowercase();
    let mut reason = if e.is_timeout() {
        "the request timed out".to_string()
    } else if e.is_connect() {
        format!("could not connect ({innermost})")
    } else if innermost.is_empty() {
        "the request failed".to_string()
    } else {
        innermost
    };
    if lower.contains("certificate") || lower.contains("unknown issuer") {
        reason.push_str(
            "; TLS verification failed: if a proxy inspects HTTPS here, install its CA certificate in the system trust store",
        );
    }
    reason
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_sentences() {
        assert_eq!(
            from_error_code("invalid_grant", None, Stage::Code).to_string(),
            "the sign-in code expired or was already used; sign in again"
        );
        assert_eq!(
            from_error_code("invalid_grant", None, Stage::Refresh),
            AuthError::NeedsSignIn
        );
        assert!(
            from_error_code("invalid_client", None, Stage::Code)
                .to_string()
                .contains("check client_id / client secret")
        );
        assert!(matches!(
            from_error_code("expired_token", None, Stage::Device),
            AuthError::DeviceCodeExpired
        ));
        let other = from_error_code("temporarily_unavailable", Some("busy".into()), Stage::Code);
        assert!(other.is_transient());
        assert!(other.to_string().contains("busy"));
    }

    #[test]
    fn endpoint_labels_drop_query_and_credentials() {
        assert_eq!(
            endpoint_label("https://u:p@auth.example.com/token?x=1#f"),
            "https://auth.example.com/token"
        );
    }
}
