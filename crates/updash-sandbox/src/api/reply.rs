//! Answers in the real service's shapes: `"OK"`, `{"error": ...}` objects and bare strings.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// An error answer: a status and a JSON body (an `{"error"}` object or a bare string).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: serde_json::Value,
}

impl ApiError {
    /// `{"error": msg}` with `status`.
    pub fn new(status: StatusCode, msg: impl Into<String>) -> Self {
        Self {
            status,
            body: serde_json::json!({ "error": msg.into() }),
        }
    }

    /// 400 `{"error": msg}`.
    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, msg)
    }

    /// 400 with a bare JSON string body, as the real service answers some requests.
    pub fn bad_request_bare(msg: &str) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            body: serde_json::Value::String(msg.into()),
        }
    }

    /// 401 `{"error":"Unauthorized"}`.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Unauthorized")
    }

    /// 404 `{"error":"database not found"}`.
    pub fn database_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "database not found")
    }

    /// 403 for a mutation with a read-only key; the text contains `Readonly API key` as the
    /// real refusal does (the MCP server looks for it).
    pub fn read_only() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Readonly API key cannot perform this operation",
        )
    }

    /// The status, for tests.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message of an `{"error"}` body or the bare string, for tests.
    pub fn message(&self) -> &str {
        match &self.body {
            serde_json::Value::String(s) => s,
            other => other.get("error").and_then(|v| v.as_str()).unwrap_or(""),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// What API handlers return.
pub type ApiResult = Result<Response, ApiError>;

/// The four bytes `"OK"` with `application/json`, the real service's answer to most changes.
pub fn ok() -> ApiResult {
    Ok(Json("OK").into_response())
}

/// A JSON body from a value that is already serialized (e.g. under the state lock).
pub fn json_bytes(bytes: impl Into<axum::body::Bytes>) -> ApiResult {
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        bytes.into(),
    )
        .into_response())
}

/// Middleware: axum's own refusals (a path segment that is not UTF-8, a query that does not
/// parse, a wrong method) answer in plain text or with no body; the Developer API answers
/// every error as JSON, so clients parse one shape. Such an answer is rewritten as
/// `{"error": text}`, its status and other headers (`Allow`) kept.
pub async fn json_errors(response: Response) -> Response {
    use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let plain = content_type.is_none_or(|v| v.starts_with("text/plain"));
    if !plain || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let text = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let body = serde_json::json!({ "error": text }).to_string();
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// Parses a JSON request body into `T`, with clear 400/413 errors instead of panics.
pub fn parse_body<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let bytes = body.map_err(|rejection| {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!(
                    "request body too large: the limit is {} bytes",
                    crate::serve::MAX_BODY_BYTES
                ),
            )
        } else {
            ApiError::new(status, "could not read the request body")
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "the request body must be a JSON object",
        ));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}
