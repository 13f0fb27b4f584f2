//! `POST /oauth/revoke` (RFC 7009).

use super::errors::{OAuthError, no_store_json};
use super::token::form_params;
use crate::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

/// Revokes a refresh token (with its whole grant) or one access token. Unknown tokens and
/// tokens of other clients get 200 too, so the endpoint reveals nothing (RFC 7009 §2.2).
pub async fn revoke(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let params = match form_params(&headers, &body) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let allowed = shared.faults().client_auth_methods;
    let mut guard = shared.state_mut();
    let oauth = &mut guard.oauth;
    let client = match oauth.authenticate_client(&headers, &params, &allowed) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let Some(token) = params.get("token") else {
        return OAuthError::invalid_request("the `token` parameter is required").into_response();
    };
    // Both kinds are looked up whatever `token_type_hint` says (allowed by §2.1): a lookup
    // is a hash-map probe, and a refresh token is never a valid JWT.
    let found = oauth.revoke_refresh_token(token, &client.client_id)
        || oauth.revoke_access_token(token, &client.client_id);
    tracing::info!(client_id = %client.client_id, found, "sandbox oauth: revocation request");
    no_store_json(serde_json::json!({}))
}
