//! `GET /.well-known/oauth-authorization-server` (RFC 8414) and `GET /userinfo`.

use super::scopes;
use super::token::DEVICE_CODE_GRANT;
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The authorization server metadata document. Its `issuer` is the base URL, which every
/// authorization response also carries as `iss` (RFC 9207); the client authentication
/// methods are the ones in force (see `client_auth_methods` in the faults).
pub async fn metadata(State(shared): State<AppState>) -> Response {
    let base = &shared.base_url;
    let scopes: Vec<&str> = scopes::SUPPORTED.iter().map(|(name, _)| *name).collect();
    let mut auth_methods = vec!["none".to_string()];
    auth_methods.extend(shared.faults().client_auth_methods);
    Json(serde_json::json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/oauth/token"),
        "revocation_endpoint": format!("{base}/oauth/revoke"),
        "device_authorization_endpoint": format!("{base}/oauth/device/code"),
        "userinfo_endpoint": format!("{base}/userinfo"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token", DEVICE_CODE_GRANT],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "authorization_response_iss_parameter_supported": true,
        "scopes_supported": scopes,
        "audiences_supported": scopes::AUDIENCES,
    }))
    .into_response()
}

/// `GET /userinfo` with a Bearer access token: `{"sub", "email"}`.
pub async fn userinfo(State(shared): State<AppState>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let Some(token) = token else {
        return unauthorized(
            "Bearer realm=\"updash sandbox\"",
            "a Bearer access token is required",
        );
    };
    let claims = shared.state().oauth.valid_access_token(token, shared.now());
    match claims {
        Some(c) => {
            let mut resp =
                Json(serde_json::json!({"sub": c.sub, "email": c.email})).into_response();
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        None => unauthorized(
            "Bearer realm=\"updash sandbox\", error=\"invalid_token\"",
            "the access token is invalid, expired or revoked",
        ),
    }
}

fn unauthorized(challenge: &'static str, description: &str) -> Response {
    let mut resp = (
        StatusCode::UNAUTHORIZED,
        Json(serde_json::json!({"error": "invalid_token", "error_description": description})),
    )
        .into_response();
    resp.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    resp
}
