//! The device authorization grant (RFC 8628): codes, the `/activate` page, and polling.

use super::browser::{self, CheckedForm, check_form};
use super::crypto::{hash_secret, random_token};
use super::errors::{OAuthError, no_store_json};
use super::model::{DeviceGrant, DeviceStatus, OAuthState, PendingKind};
use super::pages::{self, Value};
use super::params::Params;
use super::scopes;
use super::session::Session;
use crate::AppState;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rand::Rng;
use std::net::SocketAddr;

/// How long a device code lives.
pub const DEVICE_CODE_TTL_SECS: i64 = 600;
/// The initial polling interval.
pub const POLL_INTERVAL_SECS: i64 = 5;
/// User-code letters: consonants only (no vowels, so no words; no look-alikes), RFC 8628 §6.1.
const USER_CODE_ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

/// A fresh user code like `BCDF-GHJK`.
fn new_user_code() -> String {
    let mut rng = rand::rng();
    let chars: String = (0..8)
        .map(|_| USER_CODE_ALPHABET[rng.random_range(0..USER_CODE_ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A typed user code without separators or case, or `None` if it cannot be one.
fn normalize_user_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == 8 && code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b))).then_some(code)
}

/// `POST /oauth/device/code` (RFC 8628 §3.1–3.2).
pub async fn device_authorization(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let params = match super::token::form_params(&headers, &body) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let now = shared.now();
    let allowed = shared.faults().client_auth_methods;
    let mut guard = shared.state_mut();
    let oauth = &mut guard.oauth;
    let client = match oauth.authenticate_client(&headers, &params, &allowed) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let scope = match scopes::normalize(params.get("scope")) {
        Ok(s) => s,
        Err(e) => return OAuthError::bad_request("invalid_scope", e).into_response(),
    };
    let audience = match scopes::audience(params.get("audience")) {
        Ok(a) => a,
        Err(e) => return OAuthError::invalid_request(e).into_response(),
    };
    oauth.purge(now);
    let device_code = random_token(32);
    let user_code = new_user_code();
    let normalized = normalize_user_code(&user_code).unwrap_or_default();
    oauth.device_grants.insert(
        hash_secret(&device_code),
        DeviceGrant {
            user_code_hash: hash_secret(&normalized),
            client_id: client.client_id,
            scope,
            audience,
            expires_at: now + DEVICE_CODE_TTL_SECS,
            interval: POLL_INTERVAL_SECS,
            last_poll: None,
            status: DeviceStatus::Pending,
        },
    );
    let verification_uri = format!("{}/activate", shared.base_url);
    let complete = format!("{verification_uri}?user_code={user_code}");
    no_store_json(serde_json::json!({
        "device_code": device_code,
        "user_code": user_code,
        "verification_uri": verification_uri,
        "verification_uri_complete": complete,
        "expires_in": DEVICE_CODE_TTL_SECS,
        "interval": POLL_INTERVAL_SECS,
    }))
}

fn activate_page(
    oauth: &OAuthState,
    session: &Session,
    code: &str,
    error: Option<&str>,
) -> Response {
    let csrf = oauth.csrf_token(session);
    let content = pages::fill(
        pages::ACTIVATE,
        &[
            ("csrf_token", Value::Text(&csrf)),
            ("user_code", Value::Text(code)),
            ("error", pages::error_notice(error)),
        ],
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    session.set_cookie(pages::page(status, "Connect a device", content))
}

/// `GET /activate[?user_code=…]`: the code entry form, prefilled from the complete URI.
pub async fn activate_form(
    State(shared): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.unwrap_or_default().as_bytes()).unwrap_or_default();
    let typed: String = params
        .get("user_code")
        .unwrap_or("")
        .chars()
        .take(32)
        .collect();
    let now = shared.now();
    let mut guard = shared.state_mut();
    let oauth = &mut guard.oauth;
    let session = oauth.session(&headers, now);
    activate_page(oauth, &session, &typed, None)
}

/// `POST /activate`: finds the device by its user code, then sign-in or consent.
pub async fn activate(
    State(shared): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let CheckedForm {
        mut guard,
        form,
        session,
        now,
    } = match check_form(&shared, &headers, &body, browser_csrf_refused) {
        Ok(checked) => checked,
        Err(page) => return *page,
    };
    let oauth = &mut guard.oauth;
    let sources = [
        format!("ip:{}", peer.ip()),
        format!("session:{}", session.key()),
    ];
    if let Some(wait) = oauth.wrong_user_codes.locked_for(&sources, now) {
        return too_many_wrong_codes(wait);
    }
    let typed: String = form
        .get("user_code")
        .unwrap_or("")
        .chars()
        .take(32)
        .collect();
    let device = normalize_user_code(&typed).and_then(|code| {
        let wanted = hash_secret(&code);
        oauth
            .device_grants
            .iter()
            .find(|(_, d)| {
                d.user_code_hash == wanted
                    && d.status == DeviceStatus::Pending
                    && now < d.expires_at
            })
            .map(|(k, _)| k.clone())
    });
    let Some(device) = device else {
        oauth.wrong_user_codes.record(&sources, now);
        tracing::info!("sandbox oauth: wrong user code at /activate");
        return activate_page(
            oauth,
            &session,
            &typed,
            Some("That code is not valid or has expired."),
        );
    };
    let request_id = oauth.park(&session, PendingKind::Device { device }, now);
    match oauth.session_user(&session) {
        Some(_) => browser::consent_page(oauth, &session, &request_id, now),
        None => browser::sign_in_page(oauth, &session, &request_id, "", None, StatusCode::OK, now),
    }
}

/// 429 with a page saying why and when to try again.
fn too_many_wrong_codes(wait_secs: i64) -> Response {
    let mut resp = pages::message(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many attempts",
        &format!(
            "Too many wrong codes were entered from this browser or address. \
             Wait {wait_secs} seconds, then check the code on your device and try again."
        ),
    );
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait_secs));
    resp
}

fn browser_csrf_refused() -> Response {
    pages::message(
        StatusCode::FORBIDDEN,
        "Request refused",
        "This form was not submitted from this browser session. Open the activation page again.",
    )
}

impl OAuthState {
    /// One poll of the token endpoint with a device code: the grant's family once approved.
    pub(super) fn poll_device(
        &mut self,
        device_code: &str,
        client_id: &str,
        now: i64,
    ) -> Result<String, OAuthError> {
        let key = hash_secret(device_code);
        let Some(grant) = self.device_grants.get_mut(&key) else {
            return Err(OAuthError::invalid_grant("unknown device code"));
        };
        if grant.client_id != client_id {
            return Err(OAuthError::invalid_grant(
                "the device code was issued to another client",
            ));
        }
        if now >= grant.expires_at {
            return Err(OAuthError::bad_request(
                "expired_token",
                "the device code expired; start again",
            ));
        }
        match grant.status.clone() {
            DeviceStatus::Pending => {
                let too_soon = grant
                    .last_poll
                    .is_some_and(|last| now - last < grant.interval);
                grant.last_poll = Some(now);
                if too_soon {
                    grant.interval += 5;
                    return Err(OAuthError::bad_request(
                        "slow_down",
                        format!(
                            "polling too fast; wait at least {} seconds between requests",
                            grant.interval
                        ),
                    ));
                }
                Err(OAuthError::bad_request(
                    "authorization_pending",
                    "the user has not finished yet",
                ))
            }
            DeviceStatus::Denied => Err(OAuthError::bad_request(
                "access_denied",
                "the user denied access",
            )),
            DeviceStatus::Approved { user_sub } => {
                let (scope, audience) = (grant.scope.clone(), grant.audience.clone());
                // A device code yields tokens once.
                self.device_grants.remove(&key);
                Ok(self.new_family(client_id, &user_sub, &scope, &audience, now))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_have_the_advertised_shape() {
        let code = new_user_code();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert!(normalize_user_code(&code).is_some());
        assert_eq!(
            normalize_user_code(" bcdf-ghjk ").as_deref(),
            Some("BCDFGHJK")
        );
        assert_eq!(
            normalize_user_code("ABCD-EFGH"),
            None,
            "vowels are never issued"
        );
        assert_eq!(normalize_user_code("BCD"), None);
    }
}
