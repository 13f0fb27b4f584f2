//! `POST /oauth/token`: the code, refresh-token and device-code grants.

use super::errors::{OAuthError, no_store_json};
use super::params::Params;
use super::scopes;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

/// The device-code grant type (RFC 8628 §3.4).
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The parameters of a form-encoded POST, or `invalid_request`.
pub(super) fn form_params(headers: &HeaderMap, body: &[u8]) -> Result<Params, OAuthError> {
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form_type {
        return Err(OAuthError::invalid_request(
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    Params::parse(body).map_err(OAuthError::invalid_request)
}

/// `POST /oauth/token` (RFC 6749 §4.1.3, §6; RFC 8628 §3.4).
pub async fn token(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    match exchange(&shared, &headers, &body) {
        Ok(resp) => resp,
        Err(e) => {
            tracing::debug!(error = e.code(), "sandbox oauth: token request refused");
            e.into_response()
        }
    }
}

fn exchange(shared: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Response, OAuthError> {
    let params = form_params(headers, body)?;
    let grant_type = params
        .require("grant_type")
        .map_err(OAuthError::invalid_request)?;
    let now = shared.now();
    let faults = shared.faults();
    let ttl = faults.token_ttl_secs;
    let mut guard = shared.state_mut();
    let oauth = &mut guard.oauth;
    let client = oauth.authenticate_client(headers, &params, &faults.client_auth_methods)?;
    let family = match grant_type {
        "authorization_code" => {
            let code = params
                .require("code")
                .map_err(OAuthError::invalid_request)?;
            oauth
                .redeem_code(
                    code,
                    &client.client_id,
                    params.get("redirect_uri"),
                    params.get("code_verifier"),
                    now,
                )
                .map_err(OAuthError::invalid_grant)?
        }
        "refresh_token" => {
            let token = params
                .require("refresh_token")
                .map_err(OAuthError::invalid_request)?;
            // Check a narrower scope before rotating, so a bad request keeps the token usable.
            let requested = match params.get("scope") {
                Some(s) => {
                    let requested = scopes::normalize(Some(s))
                        .map_err(|e| OAuthError::bad_request("invalid_scope", e))?;
                    if let Some(granted) = oauth.refresh_token_scope(token)
                        && !scopes::is_subset(&requested, granted)
                    {
                        return Err(OAuthError::bad_request(
                            "invalid_scope",
                            "a refresh may not widen the granted scope",
                        ));
                    }
                    Some(requested)
                }
                None => None,
            };
            let family = oauth
                .rotate_refresh_token(token, &client.client_id, now)
                .map_err(OAuthError::invalid_grant)?;
            if let Some(requested) = requested {
                oauth.set_family_scope(&family, requested);
            }
            family
        }
        DEVICE_CODE_GRANT => {
            let code = params
                .require("device_code")
                .map_err(OAuthError::invalid_request)?;
            oauth.poll_device(code, &client.client_id, now)?
        }
        _ => {
            return Err(OAuthError::bad_request(
                "unsupported_grant_type",
                "supported: authorization_code, refresh_token, device_code",
            ));
        }
    };
    let tokens = oauth
        .issue_tokens(
            &family,
            &shared.base_url,
            ttl,
            now,
            faults.issue_refresh_tokens,
        )
        .ok_or_else(|| OAuthError::invalid_grant("the grant's user no longer exists"))?;
    tracing::info!(client_id = %client.client_id, grant_type, "sandbox oauth: tokens issued");
    Ok(no_store_json(
        serde_json::to_value(tokens).unwrap_or_default(),
    ))
}
