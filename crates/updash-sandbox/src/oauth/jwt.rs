//! Access tokens as HS256 JWTs, so a client can read the user's email from its token.

use super::crypto::{constant_time_eq, hmac_sha256};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// The claims every sandbox access token carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    /// The issuer (the sandbox's base URL).
    pub iss: String,
    /// The user's stable id.
    pub sub: String,
    /// The user's email.
    pub email: String,
    /// The audience asked for (e.g. `upstash-api`).
    pub aud: String,
    /// Space-separated granted scopes.
    pub scope: String,
    /// The client the token was issued to.
    pub client_id: String,
    /// Issued at (Unix seconds, sandbox clock).
    pub iat: i64,
    /// Expires at (Unix seconds, sandbox clock).
    pub exp: i64,
    /// The token's unique id; the state tracks revocation by it.
    pub jti: String,
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Signs `claims` with `key`.
pub fn encode(claims: &Claims, key: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(HEADER);
    // Serializing a struct of strings and integers cannot fail.
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
    let signing_input = format!("{header}.{payload}");
    let signature = URL_SAFE_NO_PAD.encode(hmac_sha256(key, signing_input.as_bytes()));
    format!("{signing_input}.{signature}")
}

/// Checks the signature and the header, then returns the claims (expiry is the caller's job).
pub fn decode(token: &str, key: &[u8]) -> Option<Claims> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let signing_input = &token[..header.len() + 1 + payload.len()];
    let expected = URL_SAFE_NO_PAD.encode(hmac_sha256(key, signing_input.as_bytes()));
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return None;
    }
    let header: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return None;
    }
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            iss: "http://127.0.0.1:1".into(),
            sub: "user-1".into(),
            email: "a@example.com".into(),
            aud: "upstash-api".into(),
            scope: "offline_access".into(),
            client_id: "updash".into(),
            iat: 10,
            exp: 20,
            jti: "j".into(),
        }
    }

    #[test]
    fn round_trips_and_rejects_tampering() {
        let token = encode(&claims(), b"key");
        assert_eq!(decode(&token, b"key"), Some(claims()));
        assert_eq!(decode(&token, b"other key"), None);
        let mut forged = claims();
        forged.email = "evil@example.com".into();
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        let parts: Vec<&str> = token.split('.').collect();
        let tampered = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
        assert_eq!(decode(&tampered, b"key"), None);
        assert_eq!(decode("a.b", b"key"), None);
        assert_eq!(decode("", b"key"), None);
        assert_eq!(decode(&format!("{token}.x"), b"key"), None);
    }
}
