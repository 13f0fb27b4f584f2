//! Browser sessions (an HttpOnly, SameSite=Lax cookie), their CSRF tokens, and the
//! authorization requests waiting in them.

use super::crypto::{constant_time_eq, hash_secret, hmac_sha256, random_token};
use super::model::{BrowserSession, OAuthState, PendingKind, PendingRequest};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The session cookie's name.
pub const COOKIE: &str = "updash_sandbox_session";
/// How long a browser stays signed in.
const SESSION_TTL_SECS: i64 = 12 * 3600;
/// How long a sign-in/consent round may take.
const PENDING_TTL_SECS: i64 = 600;

/// The browser's session for this request.
pub struct Session {
    /// The raw cookie value (only ever sent back to its browser).
    id: String,
    /// Whether the cookie must be (re)sent with the response.
    pub is_new: bool,
}

impl Session {
    /// The state's key for this session.
    pub fn key(&self) -> String {
        hash_secret(&self.id)
    }

    /// Attaches the cookie to `resp` when it is new.
    pub fn set_cookie(&self, mut resp: Response) -> Response {
        if self.is_new {
            let cookie = format!(
                "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_TTL_SECS}",
                self.id
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        resp
    }
}

/// The session cookie's value from the request, if any.
fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

impl OAuthState {
    /// The request's known, unexpired session, if it has one.
    pub(super) fn existing_session(&self, headers: &HeaderMap, now: i64) -> Option<Session> {
        let id = cookie_value(headers)?;
        let known = self
            .sessions
            .get(&hash_secret(&id))
            .is_some_and(|s| now < s.expires_at);
        known.then_some(Session { id, is_new: false })
    }

    /// The request's session, or a new signed-out one.
    pub(super) fn session(&mut self, headers: &HeaderMap, now: i64) -> Session {
        if let Some(s) = self.existing_session(headers, now) {
            return s;
        }
        self.purge(now);
        let id = random_token(32);
        self.sessions.insert(
            hash_secret(&id),
            BrowserSession {
                user_sub: None,
                expires_at: now + SESSION_TTL_SECS,
            },
        );
        Session { id, is_new: true }
    }

    /// The signed-in user's `(sub, email)` of a session.
    pub(super) fn session_user(&self, session: &Session) -> Option<(String, String)> {
        let sub = self.sessions.get(&session.key())?.user_sub.clone()?;
        let user = self.users.iter().find(|u| u.sub == sub)?;
        Some((user.sub.clone(), user.email.clone()))
    }

    /// Signs `user_sub` in under a fresh session id (against session fixation), moving the
    /// session's pending requests along.
    pub(super) fn sign_in(&mut self, old: &Session, user_sub: &str, now: i64) -> Session {
        let old_key = old.key();
        self.sessions.remove(&old_key);
        let id = random_token(32);
        let new_key = hash_secret(&id);
        self.sessions.insert(
            new_key.clone(),
            BrowserSession {
                user_sub: Some(user_sub.into()),
                expires_at: now + SESSION_TTL_SECS,
            },
        );
        for p in self.pending.values_mut() {
            if p.session == old_key {
                p.session = new_key.clone();
            }
        }
        Session { id, is_new: true }
    }

    /// The CSRF token of a session: an HMAC of its id, so nothing extra is stored.
    pub(super) fn csrf_token(&self, session: &Session) -> String {
        let mac = hmac_sha256(
            self.signing_key.expose().as_bytes(),
            format!("csrf:{}", session.id).as_bytes(),
        );
        URL_SAFE_NO_PAD.encode(mac)
    }

    /// Whether `token` is the session's CSRF token (constant time).
    pub(super) fn csrf_matches(&self, session: &Session, token: Option<&str>) -> bool {
        token.is_some_and(|t| constant_time_eq(self.csrf_token(session).as_bytes(), t.as_bytes()))
    }

    /// Parks a request in a session until sign-in and consent; returns its id.
    pub(super) fn park(&mut self, session: &Session, kind: PendingKind, now: i64) -> String {
        self.purge(now);
        let id = random_token(24);
        self.pending.insert(
            hash_secret(&id),
            PendingRequest {
                session: session.key(),
                expires_at: now + PENDING_TTL_SECS,
                kind,
            },
        );
        id
    }

    /// The parked request `id` if it belongs to `session` and has not expired.
    pub(super) fn parked(&self, session: &Session, id: &str, now: i64) -> Option<PendingKind> {
        let p = self.pending.get(&hash_secret(id))?;
        let same_session = constant_time_eq(p.session.as_bytes(), session.key().as_bytes());
        (same_session && now < p.expires_at).then(|| p.kind.clone())
    }

    /// Removes a parked request once it is decided.
    pub(super) fn unpark(&mut self, id: &str) {
        self.pending.remove(&hash_secret(id));
    }
}
