//! The pages the browser lands on, from `assets/callback/`, with every interpolated value
//! HTML-escaped, and the headers that keep them out of caches and referrers.

use crate::html::{Value, fill};
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};

const CONNECTED: &str = include_str!("../../../assets/callback/connected.html");
const FAILED: &str = include_str!("../../../assets/callback/failed.html");

/// "Account connected — you can close this tab."
pub fn connected() -> Response<String> {
    page(StatusCode::OK, CONNECTED.to_string())
}

/// A failure page: `title`, `message` and a next step, all escaped.
pub fn failed(status: StatusCode, title: &str, message: &str, next: &str) -> Response<String> {
    let body = fill(
        FAILED,
        &[
            ("title", Value::Text(title)),
            ("message", Value::Text(message)),
            ("next", Value::Text(next)),
        ],
    );
    page(status, body)
}

/// 404 for anything that is not the callback (favicon, probes).
pub fn not_found() -> Response<String> {
    failed(
        StatusCode::NOT_FOUND,
        "Not found",
        "This address is not part of the updash sign-in.",
        "",
    )
}

fn page(status: StatusCode, body: String) -> Response<String> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
        (header::CONNECTION, "close"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_page_escapes_and_has_headers() {
        let r = failed(
            StatusCode::BAD_REQUEST,
            "T<i>",
            "<img src=x onerror=1>",
            "n",
        );
        assert!(r.body().contains("&lt;img src=x onerror=1&gt;"));
        assert!(!r.body().contains("<img"));
        assert!(!r.body().contains("{{"));
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
        assert_eq!(r.headers()[header::REFERRER_POLICY], "no-referrer");
    }

    #[test]
    fn pages_load_nothing_from_outside() {
        for body in [CONNECTED, FAILED] {
            assert!(!body.contains("http://") && !body.contains("https://"));
            assert!(!body.contains("<script"));
        }
    }
}
