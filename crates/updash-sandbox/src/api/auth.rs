//! Who is calling: HTTP Basic `EMAIL:API_KEY` for `/v2`, a Bearer access token for `/apikey`.

use super::ApiState;
use super::model::Database;
use super::reply::ApiError;
use axum::http::{HeaderMap, header};
use base64::Engine;
use sha2::{Digest, Sha256};

/// The account a request acts on, from its API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The user's email (the Basic username).
    pub email: String,
    /// The account the key acts on: the email (personal) or a team id.
    pub customer_id: String,
    /// Whether the key may only read.
    pub read_only: bool,
    /// The key's name (audit entries say which key did what).
    pub key_name: String,
}

impl Caller {
    /// Refuses a change when the key is read-only.
    pub fn may_write(&self) -> Result<(), ApiError> {
        if self.read_only {
            Err(ApiError::read_only())
        } else {
            Ok(())
        }
    }

    /// The caller's database `id`; other accounts' databases are "not found".
    pub fn own_database<'a>(
        &self,
        state: &'a ApiState,
        id: &str,
    ) -> Result<&'a Database, ApiError> {
        state
            .databases
            .get(id)
            .filter(|d| d.customer_id == self.customer_id)
            .ok_or_else(ApiError::database_not_found)
    }
}

/// Hex SHA-256 of an API key, the form keys are stored in.
pub fn key_hash(key: &str) -> String {
    super::record::hex(&Sha256::digest(key.as_bytes()))
}

/// The caller of a `/v2` request, or 401 `{"error":"Unauthorized"}`.
pub fn caller(state: &ApiState, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let (email, key) = basic_pair(headers).ok_or_else(ApiError::unauthorized)?;
    let hash = key_hash(&key);
    let found = state
        .api_keys
        .iter()
        .find(|k| k.key_sha256 == hash && k.email.eq_ignore_ascii_case(&email))
        .ok_or_else(ApiError::unauthorized)?;
    Ok(Caller {
        email: found.email.clone(),
        customer_id: found.customer_id.clone(),
        read_only: found.read_only,
        key_name: found.name.clone(),
    })
}

/// The `(email, key)` of an `Authorization: Basic` header.
fn basic_pair(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (email, key) = text.split_once(':')?;
    if email.is_empty() || key.is_empty() {
        return None;
    }
    Some((email.to_string(), key.to_string()))
}

/// The token of an `Authorization: Bearer` header.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(value).expect("test header"),
        );
        h
    }

    #[test]
    fn seeded_personal_key_is_accepted_and_email_is_case_insensitive() {
        let state = ApiState::seeded(crate::SEEDED_EMAIL, 0);
        let pair = base64::engine::general_purpose::STANDARD
            .encode(format!("OPERATOR@example.com:{}", crate::SEEDED_API_KEY));
        let c = caller(&state, &headers(&format!("Basic {pair}"))).expect("caller");
        assert_eq!(c.customer_id, crate::SEEDED_EMAIL);
        assert!(!c.read_only);
    }

    #[test]
    fn malformed_headers_are_unauthorized() {
        let state = ApiState::seeded(crate::SEEDED_EMAIL, 0);
        for h in ["Basic", "Basic !!!", "Bearer x", "Basic Og==", ""] {
            let err = caller(&state, &headers(h)).expect_err(h);
            assert_eq!(err.status(), axum::http::StatusCode::UNAUTHORIZED);
        }
        assert_eq!(bearer(&headers("Bearer  abc ")), Some("abc".into()));
        assert_eq!(bearer(&headers("Basic abc")), None);
    }
}
