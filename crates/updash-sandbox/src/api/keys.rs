//! `POST /apikey`: trade an OAuth access token for a Developer API key.

use super::ApiState;
use super::auth::{bearer, key_hash};
use super::model::ApiKey;
use super::reply::{ApiError, ApiResult};
use crate::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use updash_common::secret::Secret;

/// How many API keys one user may hold (the real service's default).
pub const MAX_KEYS_PER_USER: usize = 37;
/// The longest key name accepted.
pub const MAX_KEY_NAME_CHARS: usize = 128;

/// The answer to `POST /apikey`.
///
/// The real service documents only `api_key`; the sandbox also returns `name` and `email`
/// (the user the token belongs to), which a client may use but must not require.
#[derive(Debug, Clone, Serialize)]
pub struct MintedKey {
    /// The new key; shown once, never stored in the clear.
    pub api_key: Secret,
    /// The name given.
    pub name: String,
    /// The owner's email, the Basic username to use with the key.
    pub email: String,
}

#[derive(Deserialize)]
struct MintRequest {
    name: String,
}

/// Mints a personal-account key named `name` for `email`.
///
/// Errors: 400 for an empty, too long or control-character name; 409 when the user already
/// has a key with that name; 400 when the user already holds [`MAX_KEYS_PER_USER`] keys.
pub fn mint_api_key(
    state: &mut ApiState,
    email: &str,
    name: &str,
    now: i64,
) -> Result<MintedKey, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_KEY_NAME_CHARS {
        return Err(ApiError::bad_request(format!(
            "API key name must be 1 to {MAX_KEY_NAME_CHARS} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "API key name must not contain control characters",
        ));
    }
    let mine = || {
        state
            .api_keys
            .iter()
            .filter(|k| k.email.eq_ignore_ascii_case(email))
    };
    if mine().any(|k| k.name == name) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("an API key named \"{name}\" already exists; key names must be unique"),
        ));
    }
    if mine().count() >= MAX_KEYS_PER_USER {
        return Err(ApiError::bad_request(format!(
            "API key limit reached: a user can have at most {MAX_KEYS_PER_USER} keys; delete one in the console first"
        )));
    }
    let key = super::record::api_key(&mut rand::rng());
    state.add_key(name, email, email, key.expose(), false, now);
    Ok(MintedKey {
        api_key: key,
        name: name.to_string(),
        email: email.to_string(),
    })
}

impl ApiState {
    /// Stores a key (hashed) for `email` acting on `customer_id`.
    pub fn add_key(
        &mut self,
        name: &str,
        email: &str,
        customer_id: &str,
        key: &str,
        read_only: bool,
        now: i64,
    ) {
        self.api_keys.push(ApiKey {
            name: name.to_string(),
            email: email.to_string(),
            customer_id: customer_id.to_string(),
            key_sha256: key_hash(key),
            read_only,
            created_at: now,
        });
    }
}

/// `POST /apikey` with `Authorization: Bearer <access token>` and `{"name": ...}`.
pub async fn post_apikey(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let now = shared.now();
    let token = bearer(&headers).ok_or_else(ApiError::unauthorized)?;
    let email = shared
        .state()
        .oauth
        .email_for_access_token(&token, now)
        .ok_or_else(ApiError::unauthorized)?;
    let req: MintRequest = super::reply::parse_body(body)?;
    let mut guard = shared.state_mut();
    let minted = mint_api_key(&mut guard.api, &email, &req.name, now)?;
    let subject = super::audit::Subject::new(&minted.name, "");
    let action = super::audit::AuditAction::CREATE_API_KEY;
    super::audit::record_as(
        &mut guard.api,
        &email,
        &email,
        "OAUTH",
        action,
        subject,
        now,
    );
    drop(guard);
    tracing::info!(key_name = %minted.name, "sandbox: API key minted");
    Ok(Json(minted).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SEEDED_EMAIL;

    #[test]
    fn minted_key_authenticates_as_the_personal_account() {
        let mut state = ApiState::seeded(SEEDED_EMAIL, 0);
        let minted = mint_api_key(&mut state, SEEDED_EMAIL, "UPDASH_API_KEY_1", 1).expect("mint");
        assert_eq!(minted.email, SEEDED_EMAIL);
        let hash = key_hash(minted.api_key.expose());
        let stored = state
            .api_keys
            .iter()
            .find(|k| k.key_sha256 == hash)
            .expect("stored");
        assert_eq!(stored.customer_id, SEEDED_EMAIL);
        assert!(
            !serde_json::to_string(&state)
                .expect("json")
                .contains(minted.api_key.expose())
        );
    }

    #[test]
    fn names_are_unique_per_user() {
        let mut state = ApiState::seeded(SEEDED_EMAIL, 0);
        mint_api_key(&mut state, SEEDED_EMAIL, "dup", 1).expect("first");
        let err = mint_api_key(&mut state, SEEDED_EMAIL, "dup", 2).expect_err("second");
        assert_eq!(err.status(), StatusCode::CONFLICT);
        assert!(err.message().contains("unique"), "{}", err.message());
        // Another user may use the same name.
        mint_api_key(&mut state, "someone@example.com", "dup", 3).expect("other user");
    }

    #[test]
    fn at_most_37_keys_per_user() {
        let mut state = ApiState::default();
        let email = "new@example.com";
        for i in 0..MAX_KEYS_PER_USER {
            mint_api_key(&mut state, email, &format!("k{i}"), 1).expect("under the cap");
        }
        let err = mint_api_key(&mut state, email, "one-too-many", 1).expect_err("cap");
        assert_eq!(err.status(), StatusCode::BAD_REQUEST);
        assert!(err.message().contains("at most 37"), "{}", err.message());
    }

    #[test]
    fn seeded_keys_count_towards_the_cap() {
        let mut state = ApiState::seeded(SEEDED_EMAIL, 0);
        let seeded = state
            .api_keys
            .iter()
            .filter(|k| k.email == SEEDED_EMAIL)
            .count();
        for i in 0..MAX_KEYS_PER_USER - seeded {
            mint_api_key(&mut state, SEEDED_EMAIL, &format!("k{i}"), 1).expect("under the cap");
        }
        assert!(mint_api_key(&mut state, SEEDED_EMAIL, "last", 1).is_err());
    }

    #[test]
    fn bad_names_are_refused() {
        let mut state = ApiState::default();
        for name in ["", "   ", "a\u{7}b", &"x".repeat(129)] {
            let err = mint_api_key(&mut state, "a@b.c", name, 1).expect_err("bad name");
            assert_eq!(err.status(), StatusCode::BAD_REQUEST);
        }
    }
}
