//! `GET /authorize`: validates an authorization request, then shows sign-in or consent.

use super::browser;
use super::crypto::is_valid_s256_challenge;
use super::model::{AuthorizeRequest, PendingKind};
use super::pages;
use super::params::Params;
use super::scopes;
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// `GET /authorize` (RFC 6749 §4.1.1, RFC 7636 §4.3).
pub async fn authorize(
    State(shared): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = match Params::parse(query.unwrap_or_default().as_bytes()) {
        Ok(p) => p,
        Err(e) => return pages::message(StatusCode::BAD_REQUEST, "Invalid request", &e),
    };
    let now = shared.now();
    let mut guard = shared.state_mut();
    let oauth = &mut guard.oauth;

    // Without a trusted client and redirect URI there is nowhere safe to send errors.
    let Some(client_id) = params.get("client_id") else {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Invalid request",
            "The client_id parameter is missing.",
        );
    };
    let Some(client) = oauth.client(client_id).cloned() else {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Unknown application",
            "This application is not registered with the authorization server.",
        );
    };
    let Some(redirect_uri) = params.get("redirect_uri").map(str::to_string) else {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Invalid request",
            "The redirect_uri parameter is missing.",
        );
    };
    if !client.accepts_redirect(&redirect_uri) {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Invalid redirect address",
            "The redirect_uri is not registered for this application, so the sign-in stops here.",
        );
    }
    let state = params.get("state").map(str::to_string);
    let fail = |error: &str, description: &str| {
        browser::redirect_with(
            StatusCode::FOUND,
            &redirect_uri,
            &[("error", error), ("error_description", description)],
            state.as_deref(),
            &shared.base_url,
        )
    };

    match params.get("response_type") {
        Some("code") => {}
        Some(_) => {
            return fail(
                "unsupported_response_type",
                "only response_type=code is supported",
            );
        }
        None => return fail("invalid_request", "the response_type parameter is required"),
    }
    let code_challenge = match (
        params.get("code_challenge"),
        params.get("code_challenge_method"),
    ) {
        (None, None) if client.is_public() => {
            return fail(
                "invalid_request",
                "public clients must use PKCE (code_challenge with S256)",
            );
        }
        (None, None) => None,
        (None, Some(_)) => {
            return fail(
                "invalid_request",
                "code_challenge_method without code_challenge",
            );
        }
        (Some(_), None | Some("plain")) => {
            return fail(
                "invalid_request",
                "code_challenge_method must be S256; plain is not accepted",
            );
        }
        (Some(_), Some(m)) if m != "S256" => {
            return fail("invalid_request", "code_challenge_method must be S256");
        }
        (Some(c), Some(_)) if !is_valid_s256_challenge(c) => {
            return fail(
                "invalid_request",
                "code_challenge must be 43 base64url characters",
            );
        }
        (Some(c), Some(_)) => Some(c.to_string()),
    };
    let scope = match scopes::normalize(params.get("scope")) {
        Ok(s) => s,
        Err(e) => return fail("invalid_scope", &e),
    };
    let audience = match scopes::audience(params.get("audience")) {
        Ok(a) => a,
        Err(e) => return fail("invalid_request", &e),
    };

    let request = AuthorizeRequest {
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        state: state.clone(),
        code_challenge,
        scope,
        audience,
    };
    let session = oauth.session(&headers, now);
    let request_id = oauth.park(&session, PendingKind::Authorize(request), now);
    let resp = match oauth.session_user(&session) {
        Some(_) => browser::consent_page(oauth, &session, &request_id, now),
        None => browser::sign_in_page(oauth, &session, &request_id, "", None, StatusCode::OK, now),
    };
    session.set_cookie(resp)
}
