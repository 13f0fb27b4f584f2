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
pub fn json_bytes(bytes: Vec<u8>) -> ApiResult {
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response())
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
