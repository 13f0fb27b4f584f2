//! The sign-in and consent forms shared by the browser and device flows.

use super::model::{DeviceStatus, OAuthState, PendingKind};
use super::pages::{self, Value};
use super::params::Params;
use super::scopes;
use super::session::Session;
use crate::state::State as SandboxState;
use crate::{AppState, Shared};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::sync::MutexGuard;

/// The answer when a form's CSRF token is missing or wrong.
fn csrf_refused() -> Response {
    pages::message(
        StatusCode::FORBIDDEN,
        "Request refused",
        "This form was not submitted from the sign-in page of this browser session. \
         Start again from the application.",
    )
}

/// The answer when the parked request is gone or belongs to another session.
fn request_gone() -> Response {
    pages::message(
        StatusCode::BAD_REQUEST,
        "Sign-in expired",
        "This sign-in request is unknown or has expired. Start again from the application.",
    )
}

/// A posted page form whose browser session and CSRF token checked out, with the state
/// still locked for the handler.
pub(super) struct CheckedForm<'a> {
    /// The locked sandbox state.
    pub guard: MutexGuard<'a, SandboxState>,
    /// The form's fields.
    pub form: Params,
    /// The browser's existing session.
    pub session: Session,
    /// The sandbox clock when the form arrived.
    pub now: i64,
}

/// Parses a posted page form, locks the state, and checks the session and CSRF token.
/// `Err` is the page to answer with (boxed: a response is large): a malformed form, or
/// `refused()` for a missing session or a wrong token.
pub(super) fn check_form<'a>(
    shared: &'a Shared,
    headers: &HeaderMap,
    body: &[u8],
    refused: fn() -> Response,
) -> Result<CheckedForm<'a>, Box<Response>> {
    let Ok(form) = Params::parse(body) else {
        return Err(Box::new(pages::message(
            StatusCode::BAD_REQUEST,
            "Invalid request",
            "The form is malformed.",
        )));
    };
    let now = shared.now();
    let guard = shared.state_mut();
    let Some(session) = guard.oauth.existing_session(headers, now) else {
        return Err(Box::new(refused()));
    };
    if !guard.oauth.csrf_matches(&session, form.get("csrf_token")) {
        return Err(Box::new(refused()));
    }
    Ok(CheckedForm {
        guard,
        form,
        session,
        now,
    })
}

/// A redirect to `base` with `params`, `state` and the issuer appended to its query: every
/// authorization response names its issuer (RFC 9207), so a client talking to several
/// servers can tell a response from another server apart.
pub fn redirect_with(
    status: StatusCode,
    base: &str,
    params: &[(&str, &str)],
    state: Option<&str>,
    issuer: &str,
) -> Response {
    let Ok(mut url) = url::Url::parse(base) else {
        return pages::message(
            StatusCode::BAD_REQUEST,
            "Invalid redirect address",
            "The redirect_uri is not a valid URL.",
        );
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in params {
            query.append_pair(k, v);
        }
        if let Some(s) = state {
            query.append_pair("state", s);
        }
        query.append_pair("iss", issuer);
    }
    pages::redirect(status, url.as_str())
}

/// The client name shown for a parked request.
fn app_name(oauth: &OAuthState, kind: &PendingKind) -> (String, String, String, String) {
    let (client_id, scope, audience) = match kind {
        PendingKind::Authorize(r) => (r.client_id.clone(), r.scope.clone(), r.audience.clone()),
        PendingKind::Device { device } => match oauth.device_grants.get(device) {
            Some(d) => (d.client_id.clone(), d.scope.clone(), d.audience.clone()),
            None => Default::default(),
        },
    };
    let name = oauth
        .client(&client_id)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| client_id.clone());
    (name, client_id, scope, audience)
}

/// The sign-in page for parked request `request_id`.
pub fn sign_in_page(
    oauth: &OAuthState,
    session: &Session,
    request_id: &str,
    email: &str,
    error: Option<&str>,
    status: StatusCode,
    now: i64,
) -> Response {
    let Some(kind) = oauth.parked(session, request_id, now) else {
        return request_gone();
    };
    let (name, ..) = app_name(oauth, &kind);
    let csrf = oauth.csrf_token(session);
    let content = pages::fill(
        pages::SIGN_IN,
        &[
            ("app_name", Value::Text(&name)),
            ("error", pages::error_notice(error)),
            ("csrf_token", Value::Text(&csrf)),
            ("request", Value::Text(request_id)),
            ("email", Value::Text(email)),
        ],
    );
    pages::page(status, "Sign in", content)
}

/// The consent page for parked request `request_id`; the session must be signed in.
pub fn consent_page(oauth: &OAuthState, session: &Session, request_id: &str, now: i64) -> Response {
    let (Some(kind), Some((_, email))) = (
        oauth.parked(session, request_id, now),
        oauth.session_user(session),
    ) else {
        return request_gone();
    };
    let (name, client_id, scope, audience) = app_name(oauth, &kind);
    let items: String = scope
        .split(' ')
        .map(|s| {
            pages::fill(
                pages::SCOPE_ITEM,
                &[
                    ("scope", Value::Text(s)),
                    ("description", Value::Text(scopes::describe(s))),
                ],
            )
        })
        .collect();
    let csrf = oauth.csrf_token(session);
    let content = pages::fill(
        pages::CONSENT,
        &[
            ("app_name", Value::Text(&name)),
            ("client_id", Value::Text(&client_id)),
            ("email", Value::Text(&email)),
            ("scopes", Value::Html(items)),
            ("audience", Value::Text(&audience)),
            ("csrf_token", Value::Text(&csrf)),
            ("request", Value::Text(request_id)),
        ],
    );
    pages::page(StatusCode::OK, "Allow access", content)
}

/// `POST /authorize/sign-in`: checks the password, then moves on to consent.
pub async fn sign_in(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let CheckedForm {
        mut guard,
        form,
        session,
        now,
    } = match check_form(&shared, &headers, &body, csrf_refused) {
        Ok(checked) => checked,
        Err(page) => return *page,
    };
    let oauth = &mut guard.oauth;
    let Some(request_id) = form.get("request") else {
        return request_gone();
    };
    if oauth.parked(&session, request_id, now).is_none() {
        return request_gone();
    }
    let email = form.get("email").unwrap_or("").trim();
    let password = form.get("password").unwrap_or("");
    let user = oauth
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(email))
        .filter(|u| u.password_matches(password))
        .map(|u| u.sub.clone());
    let Some(user_sub) = user else {
        tracing::info!("sandbox oauth: sign-in refused (wrong email or password)");
        return sign_in_page(
            oauth,
            &session,
            request_id,
            email,
            Some("Wrong email or password."),
            StatusCode::UNAUTHORIZED,
            now,
        );
    };
    let session = oauth.sign_in(&session, &user_sub, now);
    let location = format!(
        "/authorize/consent?{}",
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("request", request_id)
            .finish()
    );
    session.set_cookie(pages::redirect(StatusCode::SEE_OTHER, &location))
}

/// `GET /authorize/consent?request=…`: the consent page after sign-in.
pub async fn consent_form(
    State(shared): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.unwrap_or_default().as_bytes()).unwrap_or_default();
    let now = shared.now();
    let guard = shared.state();
    let oauth = &guard.oauth;
    match (oauth.existing_session(&headers, now), params.get("request")) {
        (Some(session), Some(id)) => consent_page(oauth, &session, id, now),
        _ => request_gone(),
    }
}

/// `POST /authorize/consent`: Allow issues the code (or approves the device), Deny refuses.
pub async fn consent(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let CheckedForm {
        mut guard,
        form,
        session,
        now,
    } = match check_form(&shared, &headers, &body, csrf_refused) {
        Ok(checked) => checked,
        Err(page) => return *page,
    };
    let oauth = &mut guard.oauth;
    let Some(request_id) = form.get("request") else {
        return request_gone();
    };
    let (Some(kind), Some((user_sub, _))) = (
        oauth.parked(&session, request_id, now),
        oauth.session_user(&session),
    ) else {
        return request_gone();
    };
    let allow = match form.get("decision") {
        Some("allow") => true,
        Some("deny") => false,
        _ => {
            return pages::message(
                StatusCode::BAD_REQUEST,
                "Invalid request",
                "Choose Allow or Deny.",
            );
        }
    };
    oauth.unpark(request_id);
    match kind {
        PendingKind::Authorize(req) if allow => {
            let code = oauth.issue_code(&req, &user_sub, now);
            tracing::info!(client_id = %req.client_id, "sandbox oauth: authorization granted");
            redirect_with(
                StatusCode::SEE_OTHER,
                &req.redirect_uri,
                &[("code", &code)],
                req.state.as_deref(),
                &shared.base_url,
            )
        }
        PendingKind::Authorize(req) => redirect_with(
            StatusCode::SEE_OTHER,
            &req.redirect_uri,
            &[
                ("error", "access_denied"),
                ("error_description", "the user denied access"),
            ],
            req.state.as_deref(),
            &shared.base_url,
        ),
        PendingKind::Device { device } => {
            let Some(grant) = oauth.device_grants.get_mut(&device) else {
                return request_gone();
            };
            if grant.status != DeviceStatus::Pending || now >= grant.expires_at {
                return request_gone();
            }
            if allow {
                grant.status = DeviceStatus::Approved { user_sub };
                pages::message(
                    StatusCode::OK,
                    "Device connected",
                    "You can close this tab and return to your terminal.",
                )
            } else {
                grant.status = DeviceStatus::Denied;
                pages::message(
                    StatusCode::OK,
                    "Access denied",
                    "The device was not connected. You can close this tab.",
                )
            }
        }
    }
}
