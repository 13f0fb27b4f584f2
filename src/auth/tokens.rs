//! The tokens an account holds, and the email read from an access token.

use crate::secret::Secret;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use oauth2::TokenResponse;
use std::time::Duration;
use time::OffsetDateTime;

/// The largest token updash will try to decode as a JWT.
const MAX_JWT_LEN: usize = 64 * 1024;

/// Tokens from the token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    /// The access token (a Bearer token for the provider's APIs).
    pub access_token: Secret,
    /// The refresh token, if the provider issued one.
    pub refresh_token: Option<Secret>,
    /// When the access token expires (absolute; from `expires_in` at receipt).
    pub expires_at: Option<OffsetDateTime>,
    /// The scopes granted (the requested ones when the provider does not say).
    pub scopes: Vec<String>,
}

impl TokenSet {
    /// Builds a token set from an oauth2 response received at `now`; `previous_refresh` is
    /// kept when the response carries no new refresh token.
    pub(crate) fn from_response<R: TokenResponse>(
        response: &R,
        previous_refresh: Option<&Secret>,
        requested_scopes: &[String],
        now: OffsetDateTime,
    ) -> Self {
        let expires_at = response
            .expires_in()
            .and_then(|d| time::Duration::try_from(d).ok())
            .and_then(|d| now.checked_add(d));
        let scopes = match response.scopes() {
            Some(s) => s.iter().map(|s| s.to_string()).collect(),
            None => requested_scopes.to_vec(),
        };
        Self {
            access_token: Secret::new(response.access_token().secret().clone()),
            refresh_token: response
                .refresh_token()
                .map(|t| Secret::new(t.secret().clone()))
                .or_else(|| previous_refresh.cloned()),
            expires_at,
            scopes,
        }
    }

    /// Whether the access token expires within `skew` of `now` (unknown expiry: never).
    pub fn expires_within(&self, skew: Duration, now: OffsetDateTime) -> bool {
        match self.expires_at {
            Some(at) => {
                let skew = time::Duration::try_from(skew).unwrap_or(time::Duration::ZERO);
                at - skew <= now
            }
            None => false,
        }
    }

    /// The `email` claim of the access token, when it is a JWT that has one.
    pub fn email_claim(&self) -> Option<String> {
        email_from_jwt(self.access_token.expose())
    }
}

/// Reads the `email` claim of a JWT's payload without verifying the signature (the token
/// came straight from the token endpoint over TLS); `None` for anything that is not one.
pub fn email_from_jwt(token: &str) -> Option<String> {
    if token.len() > MAX_JWT_LEN {
        return None;
    }
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let email = claims.get("email")?.as_str()?.trim();
    let plausible = email.len() <= 320
        && email.contains('@')
        && !email.chars().any(|c| c.is_control() || c.is_whitespace());
    plausible.then(|| email.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256"}"#),
            URL_SAFE_NO_PAD.encode(claims.as_bytes())
        )
    }

    #[test]
    fn reads_the_email_claim() {
        assert_eq!(
            email_from_jwt(&jwt(r#"{"sub":"u1","email":"op@example.com"}"#)).as_deref(),
            Some("op@example.com")
        );
    }

    #[test]
    fn bad_tokens_give_none_and_never_panic() {
        let cases = [
            String::new(),
            "opaque-token".into(),
            "a.b".into(),
            "a.b.c.d".into(),
            "x.!!!.y".into(),
            jwt("not json"),
            jwt(r#"{"email":42}"#),
            jwt(r#"{"email":"no-at-sign"}"#),
            jwt(r#"{"email":"a@b\nc"}"#),
            jwt(r#"["email"]"#),
            "a.".repeat(100_000),
            format!("h.{}.s", "é".repeat(10)),
        ];
        for c in &cases {
            assert_eq!(email_from_jwt(c), None, "{:?}", &c[..c.len().min(40)]);
        }
    }

    #[test]
    fn expiry_with_skew() {
        let now = OffsetDateTime::now_utc();
        let mut t = TokenSet {
            access_token: Secret::new("a"),
            refresh_token: None,
            expires_at: Some(now + time::Duration::seconds(30)),
            scopes: vec![],
        };
        assert!(t.expires_within(Duration::from_secs(60), now));
        assert!(!t.expires_within(Duration::from_secs(10), now));
        t.expires_at = None;
        assert!(!t.expires_within(Duration::from_secs(60), now));
    }
}
