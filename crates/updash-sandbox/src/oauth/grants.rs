//! Issuing, rotating, validating and revoking codes and tokens.

use super::crypto::{hash_secret, random_token};
use super::jwt::{self, Claims};
use super::model::{
    AccessToken, AuthCode, AuthorizeRequest, OAuthState, RefreshToken, TokenFamily,
};
use serde::Serialize;

/// How long an authorization code lives.
pub const CODE_TTL_SECS: i64 = 60;
/// How long a refresh token lives (extended on every rotation).
pub const REFRESH_TTL_SECS: i64 = 30 * 86_400;
/// How long a used code is remembered after expiry so that a late replay still revokes.
const USED_CODE_MEMORY_SECS: i64 = 600;

/// A successful token response (RFC 6749 §5.1).
#[derive(Serialize)]
pub struct TokenResponse {
    /// The JWT access token.
    pub access_token: String,
    /// The rotating refresh token (none when the sandbox is told to grant none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Granted scopes.
    pub scope: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
}

impl OAuthState {
    /// Issues a single-use code for an approved request.
    pub(super) fn issue_code(
        &mut self,
        req: &AuthorizeRequest,
        user_sub: &str,
        now: i64,
    ) -> String {
        let code = random_token(32);
        self.codes.insert(
            hash_secret(&code),
            AuthCode {
                client_id: req.client_id.clone(),
                redirect_uri: req.redirect_uri.clone(),
                code_challenge: req.code_challenge.clone(),
                user_sub: user_sub.into(),
                scope: req.scope.clone(),
                audience: req.audience.clone(),
                expires_at: now + CODE_TTL_SECS,
                used: false,
                family: None,
            },
        );
        code
    }

    /// Redeems a code for `client_id`: checks single use, expiry, redirect URI and PKCE, and
    /// returns the new grant's id. Presenting a used code revokes the grant it started.
    pub(super) fn redeem_code(
        &mut self,
        code: &str,
        client_id: &str,
        redirect_uri: Option<&str>,
        verifier: Option<&str>,
        now: i64,
    ) -> Result<String, &'static str> {
        use super::crypto::{is_valid_verifier, pkce_s256_matches};
        let key = hash_secret(code);
        let Some(record) = self.codes.get_mut(&key) else {
            return Err("unknown authorization code");
        };
        if record.client_id != client_id {
            return Err("the code was issued to another client");
        }
        if record.used {
            if let Some(family) = record.family.clone() {
                self.revoke_family(&family);
                tracing::warn!("sandbox oauth: authorization code replayed; its grant is revoked");
            }
            return Err("the authorization code was already used");
        }
        // Any presentation consumes the code, so a failed guess cannot be retried.
        record.used = true;
        if now >= record.expires_at {
            return Err("the authorization code expired");
        }
        if redirect_uri != Some(record.redirect_uri.as_str()) {
            return Err("redirect_uri differs from the one in the authorization request");
        }
        match (&record.code_challenge, verifier) {
            (Some(challenge), Some(v))
                if is_valid_verifier(v) && pkce_s256_matches(v, challenge) => {}
            (Some(_), Some(_)) => {
                return Err("code_verifier does not match the code_challenge");
            }
            (Some(_), None) => {
                return Err("code_verifier is required");
            }
            // A verifier without a challenge is a PKCE downgrade attempt (RFC 9700 §2.1.1).
            (None, Some(_)) => {
                return Err(
                    "code_verifier sent but the authorization request had no code_challenge",
                );
            }
            (None, None) => {}
        }
        let (client_id, user_sub, scope, audience) = (
            record.client_id.clone(),
            record.user_sub.clone(),
            record.scope.clone(),
            record.audience.clone(),
        );
        let family = self.new_family(&client_id, &user_sub, &scope, &audience, now);
        if let Some(record) = self.codes.get_mut(&key) {
            record.family = Some(family.clone());
        }
        Ok(family)
    }

    /// Starts a new grant.
    pub(super) fn new_family(
        &mut self,
        client_id: &str,
        user_sub: &str,
        scope: &str,
        audience: &str,
        now: i64,
    ) -> String {
        let id = random_token(16);
        self.families.insert(
            id.clone(),
            TokenFamily {
                client_id: client_id.into(),
                user_sub: user_sub.into(),
                scope: scope.into(),
                audience: audience.into(),
                revoked: false,
                expires_at: now + REFRESH_TTL_SECS,
            },
        );
        id
    }

    /// Issues a fresh access token in `family`, and a refresh token when `with_refresh`.
    pub(super) fn issue_tokens(
        &mut self,
        family_id: &str,
        issuer: &str,
        ttl: u64,
        now: i64,
        with_refresh: bool,
    ) -> Option<TokenResponse> {
        self.purge(now);
        let family = self.families.get_mut(family_id)?;
        family.expires_at = now + REFRESH_TTL_SECS;
        let family = family.clone();
        let email = self
            .users
            .iter()
            .find(|u| u.sub == family.user_sub)?
            .email
            .clone();
        let ttl_i64 = i64::try_from(ttl).unwrap_or(i64::MAX / 4);
        let claims = Claims {
            iss: issuer.into(),
            sub: family.user_sub.clone(),
            email,
            aud: family.audience.clone(),
            scope: family.scope.clone(),
            client_id: family.client_id.clone(),
            iat: now,
            exp: now.saturating_add(ttl_i64),
            jti: random_token(16),
        };
        let access_token = jwt::encode(&claims, self.signing_key.expose().as_bytes());
        self.access_tokens.insert(
            claims.jti.clone(),
            AccessToken {
                family: family_id.into(),
                expires_at: claims.exp,
                revoked: false,
            },
        );
        let refresh_token = with_refresh.then(|| random_token(32));
        if let Some(token) = &refresh_token {
            self.refresh_tokens.insert(
                hash_secret(token),
                RefreshToken {
                    family: family_id.into(),
                    rotated: false,
                    expires_at: now + REFRESH_TTL_SECS,
                },
            );
        }
        Some(TokenResponse {
            access_token,
            refresh_token,
            expires_in: ttl,
            scope: family.scope,
            token_type: "Bearer",
        })
    }

    /// Rotates a refresh token of `client_id`, returning its family. Presenting an already
    /// rotated token revokes the whole family (RFC 9700 §4.14.2).
    pub(super) fn rotate_refresh_token(
        &mut self,
        token: &str,
        client_id: &str,
        now: i64,
    ) -> Result<String, &'static str> {
        let key = hash_secret(token);
        let Some(record) = self.refresh_tokens.get(&key).cloned() else {
            return Err("unknown refresh token");
        };
        let Some(family) = self.families.get(&record.family) else {
            return Err("unknown refresh token");
        };
        if family.client_id != client_id {
            return Err("the refresh token was issued to another client");
        }
        if family.revoked {
            return Err("the refresh token was revoked");
        }
        if record.rotated {
            self.revoke_family(&record.family);
            tracing::warn!("sandbox oauth: rotated refresh token replayed; its grant is revoked");
            return Err("the refresh token was already used; the grant is revoked");
        }
        if now >= record.expires_at {
            return Err("the refresh token expired");
        }
        if let Some(r) = self.refresh_tokens.get_mut(&key) {
            r.rotated = true;
        }
        Ok(record.family)
    }

    /// The granted scope of a refresh token's family.
    pub(super) fn refresh_token_scope(&self, token: &str) -> Option<&str> {
        let record = self.refresh_tokens.get(&hash_secret(token))?;
        self.families.get(&record.family).map(|f| f.scope.as_str())
    }

    /// Narrows a family's scope (a refresh request may ask for fewer scopes).
    pub(super) fn set_family_scope(&mut self, family: &str, scope: String) {
        if let Some(f) = self.families.get_mut(family) {
            f.scope = scope;
        }
    }

    /// Revokes a grant: its refresh tokens and access tokens stop working.
    pub(super) fn revoke_family(&mut self, family: &str) {
        if let Some(f) = self.families.get_mut(family) {
            f.revoked = true;
        }
        for token in self.access_tokens.values_mut() {
            if token.family == family {
                token.revoked = true;
            }
        }
    }

    /// Revokes a refresh token's family if it belongs to `client_id`; `true` if it was one.
    pub(super) fn revoke_refresh_token(&mut self, token: &str, client_id: &str) -> bool {
        let Some(record) = self.refresh_tokens.get(&hash_secret(token)).cloned() else {
            return false;
        };
        if self
            .families
            .get(&record.family)
            .is_some_and(|f| f.client_id == client_id)
        {
            self.revoke_family(&record.family);
        }
        true
    }

    /// Revokes one access token if it is valid-looking and belongs to `client_id`.
    pub(super) fn revoke_access_token(&mut self, token: &str, client_id: &str) -> bool {
        let Some(claims) = jwt::decode(token, self.signing_key.expose().as_bytes()) else {
            return false;
        };
        if claims.client_id != client_id {
            return true;
        }
        if let Some(record) = self.access_tokens.get_mut(&claims.jti) {
            record.revoked = true;
        }
        true
    }

    /// The claims of an access token that is correctly signed, unexpired and unrevoked.
    pub(super) fn valid_access_token(&self, token: &str, now: i64) -> Option<Claims> {
        let claims = jwt::decode(token, self.signing_key.expose().as_bytes())?;
        if now >= claims.exp {
            return None;
        }
        let record = self.access_tokens.get(&claims.jti)?;
        let family = self.families.get(&record.family)?;
        if record.revoked || family.revoked || now >= record.expires_at {
            return None;
        }
        Some(claims)
    }

    /// Forgets what has expired, so the state does not grow without bound.
    pub(super) fn purge(&mut self, now: i64) {
        self.codes
            .retain(|_, c| now < c.expires_at + USED_CODE_MEMORY_SECS);
        self.access_tokens.retain(|_, t| now < t.expires_at);
        self.families.retain(|_, f| now < f.expires_at);
        let families = &self.families;
        self.refresh_tokens
            .retain(|_, t| families.contains_key(&t.family));
        self.device_grants.retain(|_, d| now < d.expires_at);
        self.sessions.retain(|_, s| now < s.expires_at);
        self.pending.retain(|_, p| now < p.expires_at);
    }
}
