//! Reading a request body within bounds: a size cap per listener, a deadline between two
//! pieces of the body and one for the whole body.
//!
//! The body is copied into one contiguous buffer as it arrives. Keeping the received pieces
//! instead would pin a whole read buffer per piece, so a body sent one byte per TCP segment
//! would cost kilobytes per byte.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Body as _;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::Instant;

/// How long a client may pause between two pieces of a body.
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send a whole body.
pub const BODY_TOTAL_TIMEOUT: Duration = Duration::from_secs(30);

/// A listener's body rules: the cap and the answer to a body over it.
#[derive(Clone, Copy)]
pub struct BodyLimit {
    /// The largest body accepted, in bytes.
    pub max_bytes: usize,
    /// The answer to a larger body.
    pub too_large: fn(usize) -> Response,
}

/// Why a body was not read.
enum Refused {
    TooLarge,
    TooSlow,
    Broken,
}

/// Middleware: reads the whole body within `limit` and the deadlines, then passes the
/// request on with the body in memory.
pub async fn read_body(State(limit): State<BodyLimit>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit.max_bytes as u64) {
        return (limit.too_large)(limit.max_bytes);
    }
    match collect(body, limit.max_bytes, declared).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(Refused::TooLarge) => (limit.too_large)(limit.max_bytes),
        Err(Refused::TooSlow) => error(
            StatusCode::REQUEST_TIMEOUT,
            "the request body did not arrive in time",
        ),
        Err(Refused::Broken) => error(StatusCode::BAD_REQUEST, "could not read the request body"),
    }
}

/// Copies the body's data into one buffer.
async fn collect(mut body: Body, max: usize, declared: Option<u64>) -> Result<Vec<u8>, Refused> {
    let start_capacity = declared.map_or(0, |n| (n as usize).min(64 * 1024));
    let mut out = Vec::with_capacity(start_capacity);
    let whole_deadline = Instant::now() + BODY_TOTAL_TIMEOUT;
    loop {
        let deadline = whole_deadline.min(Instant::now() + BODY_IDLE_TIMEOUT);
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx));
        let frame = match tokio::time::timeout_at(deadline, frame).await {
            Err(_) => return Err(Refused::TooSlow),
            Ok(None) => return Ok(out),
            Ok(Some(Err(_))) => return Err(Refused::Broken),
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            if out.len() + data.len() > max {
                return Err(Refused::TooLarge);
            }
            out.extend_from_slice(&data);
        }
    }
}

/// `{"error": msg}` with `status`.
pub fn error(status: StatusCode, msg: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": msg }))).into_response()
}

/// The provider API's answer to a body over its cap.
pub fn api_too_large(max: usize) -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("request body too large: the limit is {max} bytes"),
    )
}
