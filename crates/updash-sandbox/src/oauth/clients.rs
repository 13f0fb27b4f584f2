//! Registered clients: redirect URI matching and client authentication (RFC 6749 §2.3).

use super::crypto::{constant_time_eq, hash_secret};
use super::errors::OAuthError;
use super::model::{Client, OAuthState};
use super::params::Params;
use crate::{CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, PUBLIC_CLIENT_ID};
use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Redirect URIs every seeded client has registered.
const SEEDED_REDIRECT_URIS: [&str; 3] = [
    "http://127.0.0.1/callback",
    "http://[::1]/callback",
    "http://localhost:3000",
];

/// The two seeded clients: public `updash` (PKCE required) and confidential.
pub(super) fn seeded() -> Vec<Client> {
    let redirect_uris: Vec<String> = SEEDED_REDIRECT_URIS.iter().map(|s| s.to_string()).collect();
    vec![
        Client {
            client_id: PUBLIC_CLIENT_ID.into(),
            name: "updash".into(),
            secret_hash: None,
            redirect_uris: redirect_uris.clone(),
        },
        Client {
            client_id: CONFIDENTIAL_CLIENT_ID.into(),
            name: "updash (confidential)".into(),
            secret_hash: Some(hash_secret(CONFIDENTIAL_CLIENT_SECRET)),
            redirect_uris,
        },
    ]
}

impl Client {
    /// Whether the client is public (no secret, PKCE required).
    pub fn is_public(&self) -> bool {
        self.secret_hash.is_none()
    }

    /// Whether `uri` is registered: an exact match, or a loopback IP URI that differs from a
    /// registered one only in its port (RFC 8252 §7.3).
    pub fn accepts_redirect(&self, uri: &str) -> bool {
        if self.redirect_uris.iter().any(|r| r == uri) {
            return true;
        }
        let Ok(mut parsed) = url::Url::parse(uri) else {
            return false;
        };
        // Only canonical spellings, so odd forms cannot slip through normalization.
        if parsed.as_str() != uri || parsed.scheme() != "http" || parsed.fragment().is_some() {
            return false;
        }
        let loopback_ip = match parsed.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        };
        if !loopback_ip || parsed.set_port(None).is_err() {
            return false;
        }
        self.redirect_uris.iter().any(|r| r == parsed.as_str())
    }

    fn secret_matches(&self, secret: &str) -> bool {
        match &self.secret_hash {
            Some(hash) => constant_time_eq(hash_secret(secret).as_bytes(), hash.as_bytes()),
            None => false,
        }
    }
}

impl OAuthState {
    /// The registered client `client_id`.
    pub(super) fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }

    /// Authenticates the calling client from the Basic header or the form
    /// (`client_secret_basic` / `client_secret_post`, each only when listed in `allowed`;
    /// public clients send only `client_id`).
    pub(super) fn authenticate_client(
        &self,
        headers: &HeaderMap,
        params: &Params,
        allowed: &[String],
    ) -> Result<Client, OAuthError> {
        let basic = basic_credentials(headers)?;
        let via_basic = basic.is_some();
        let (client_id, secret) = match basic {
            Some((id, secret)) => {
                if params.get("client_secret").is_some() {
                    return Err(OAuthError::invalid_request(
                        "use one client authentication method, not both Basic and client_secret",
                    ));
                }
                if params.get("client_id").is_some_and(|body_id| body_id != id) {
                    return Err(OAuthError::invalid_request(
                        "client_id in the body differs from the Basic credentials",
                    ));
                }
                (id, Some(secret))
            }
            None => {
                let id = params.get("client_id").ok_or_else(|| {
                    OAuthError::invalid_client("client authentication is required", false)
                })?;
                (
                    id.to_string(),
                    params.get("client_secret").map(str::to_string),
                )
            }
        };
        let Some(client) = self.client(&client_id) else {
            return Err(OAuthError::invalid_client("unknown client", via_basic));
        };
        let method = if via_basic {
            "client_secret_basic"
        } else {
            "client_secret_post"
        };
        if secret.is_some() && !allowed.iter().any(|m| m == method) {
            return Err(OAuthError::invalid_client(
                format!(
                    "this server does not accept {method}; it accepts {}",
                    allowed.join(", ")
                ),
                via_basic,
            ));
        }
        match (client.is_public(), secret) {
            (true, None) => Ok(client.clone()),
            (true, Some(_)) => Err(OAuthError::invalid_client(
                "this client is public and has no secret",
                via_basic,
            )),
            (false, Some(secret)) if client.secret_matches(&secret) => Ok(client.clone()),
            (false, Some(_)) => Err(OAuthError::invalid_client(
                "client authentication failed",
                via_basic,
            )),
            (false, None) => Err(OAuthError::invalid_client(
                "this client must authenticate with its secret",
                via_basic,
            )),
        }
    }
}

/// The `(client_id, secret)` of an `Authorization: Basic` header, if one was sent.
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let malformed = || OAuthError::invalid_client("malformed Basic credentials", true);
    let value = value.to_str().map_err(|_| malformed())?;
    let Some((scheme, encoded)) = value.split_once(' ') else {
        return Err(malformed());
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(OAuthError::invalid_client(
            "only Basic client authentication is supported in the Authorization header",
            true,
        ));
    }
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| malformed())?;
    let decoded = String::from_utf8(decoded).map_err(|_| malformed())?;
    let (id, secret) = decoded.split_once(':').ok_or_else(malformed)?;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    let unescape = |s: &str| -> Option<String> {
        url::form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    match (unescape(id), unescape(secret)) {
        (Some(id), Some(secret)) if !id.is_empty() => Ok(Some((id, secret))),
        _ => Err(malformed()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_match_any_port_others_exactly() {
        let client = &seeded()[0];
        assert!(client.accepts_redirect("http://127.0.0.1:49152/callback"));
        assert!(client.accepts_redirect("http://[::1]:8080/callback"));
        assert!(client.accepts_redirect("http://127.0.0.1/callback"));
        assert!(client.accepts_redirect("http://localhost:3000"));
        assert!(!client.accepts_redirect("http://localhost:3001"));
        assert!(!client.accepts_redirect("http://localhost:4000/callback"));
        assert!(!client.accepts_redirect("http://127.0.0.1:8080/other"));
        assert!(!client.accepts_redirect("https://127.0.0.1:8080/callback"));
        assert!(!client.accepts_redirect("http://127.0.0.1:8080/callback?x=1"));
        assert!(!client.accepts_redirect("http://127.0.0.1:8080/callback#f"));
        assert!(!client.accepts_redirect("http://127.0.0.1:8080/./callback"));
        assert!(!client.accepts_redirect("http://evil.example/callback"));
    }
}
