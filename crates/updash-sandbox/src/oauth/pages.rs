//! The HTML pages: templates from `assets/sandbox/` filled by placeholder replacement, with
//! every echoed value HTML-escaped, served with anti-framing and no-cache headers.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use updash_common::html::{Value, fill};

const LAYOUT: &str = include_str!("../../assets/pages/layout.html");
/// The sign-in form.
pub const SIGN_IN: &str = include_str!("../../assets/pages/sign_in.html");
/// The consent form.
pub const CONSENT: &str = include_str!("../../assets/pages/consent.html");
/// The device-code entry form.
pub const ACTIVATE: &str = include_str!("../../assets/pages/activate.html");
/// A heading and a sentence (errors, "done" pages).
pub const MESSAGE: &str = include_str!("../../assets/pages/message.html");
/// An error box inside a form page.
pub const ERROR_NOTICE: &str = include_str!("../../assets/pages/error_notice.html");
/// One scope in the consent page's list.
pub const SCOPE_ITEM: &str = include_str!("../../assets/pages/scope_item.html");

/// The Content-Security-Policy: inline styles only, nothing loaded, never framed.
/// (No `form-action`: browsers apply it to the redirect back to the app.)
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                   frame-ancestors 'none'";

/// An error box, or nothing when `message` is `None`.
pub fn error_notice(message: Option<&str>) -> Value<'static> {
    Value::Html(match message {
        Some(m) => fill(ERROR_NOTICE, &[("message", Value::Text(m))]),
        None => String::new(),
    })
}

/// A full page: `content` inside the layout, with the security headers.
pub fn page(status: StatusCode, title: &str, content: String) -> Response {
    let body = fill(
        LAYOUT,
        &[
            ("title", Value::Text(title)),
            ("content", Value::Html(content)),
        ],
    );
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    secure(resp)
}

/// A page with a heading and one sentence.
pub fn message(status: StatusCode, heading: &str, text: &str) -> Response {
    page(
        status,
        heading,
        fill(
            MESSAGE,
            &[
                ("heading", Value::Text(heading)),
                ("message", Value::Text(text)),
            ],
        ),
    )
}

/// A `303 See Other` (after a form) or `302 Found` redirect, with the security headers.
pub fn redirect(status: StatusCode, location: &str) -> Response {
    let Ok(value) = HeaderValue::from_str(location) else {
        return message(
            StatusCode::BAD_REQUEST,
            "Cannot redirect",
            "The redirect address is not valid.",
        );
    };
    let mut resp = status.into_response();
    resp.headers_mut().insert(header::LOCATION, value);
    secure(resp)
}

/// Adds the headers every authorization page and redirect carries.
pub fn secure(mut resp: Response) -> Response {
    let headers = resp.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_escapes_text_and_does_not_rescan_values() {
        let out = fill(
            "<p>{{a}}|{{b}}|{{missing}}</p>",
            &[
                ("a", Value::Text("<script>\"x\"&'{{b}}")),
                ("b", Value::Html("<b>ok</b>".into())),
            ],
        );
        assert_eq!(
            out,
            "<p>&lt;script&gt;&quot;x&quot;&amp;&#39;{{b}}|<b>ok</b>|</p>"
        );
    }

    #[test]
    fn templates_load_no_external_resources() {
        for t in [LAYOUT, SIGN_IN, CONSENT, ACTIVATE, MESSAGE] {
            assert!(!t.contains("http://") && !t.contains("https://") && !t.contains("<script"));
        }
    }
}
