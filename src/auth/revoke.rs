//! Token revocation (RFC 7009), done by hand: the oauth2 crate refuses non-https revocation
//! URLs, and the sandbox (a valid provider) serves plain http on loopback. The config already
//! allows plain http only for loopback hosts.

use super::client::OAuthClient;
use super::error::{AuthError, sanitize_description};
use super::token_error::{Stage, describe_reqwest_error, endpoint_label, from_error_code};
use crate::config::TokenAuthMethod;
use crate::secret::Secret;

/// Which kind of token is revoked (sent as `token_type_hint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A refresh token (revoking it ends the whole grant at most providers).
    RefreshToken,
    /// An access token.
    AccessToken,
}

/// What revocation achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// The provider accepted the revocation.
    Revoked,
    /// The provider has no revocation endpoint; the token stays valid until it expires.
    NotSupported,
}

impl OAuthClient {
    /// Revokes `token` at the provider's revocation endpoint, if it has one.
    pub async fn revoke(&self, token: &Secret, kind: TokenKind) -> Result<Revocation, AuthError> {
        let Some(url) = &self.provider.revocation_url else {
            return Ok(Revocation::NotSupported);
        };
        let hint = match kind {
            TokenKind::RefreshToken => "refresh_token",
            TokenKind::AccessToken => "access_token",
        };
        let mut form = vec![("token", token.expose()), ("token_type_hint", hint)];
        let mut request = self.http.post(url);
        // RFC 7009 §2.1: the client authenticates as at the token endpoint.
        match (&self.client_secret, self.token_auth_method().await) {
            (Some(secret), Some(TokenAuthMethod::ClientSecretBasic)) => {
                // RFC 6749 §2.3.1: Basic credentials are form-urlencoded first.
                let enc = |s: &str| {
                    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                };
                request = request.basic_auth(enc(&self.client_id), Some(enc(secret.expose())));
            }
            (Some(secret), _) => {
                form.push(("client_id", &self.client_id));
                form.push(("client_secret", secret.expose()));
            }
            (None, _) => form.push(("client_id", &self.client_id)),
        }
        let response = request
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| AuthError::Network {
                endpoint: endpoint_label(url),
                reason: describe_reqwest_error(&e),
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(Revocation::Revoked);
        }
        let body: Option<serde_json::Value> = response.json().await.ok();
        let code = body
            .as_ref()
            .and_then(|b| b.get("error"))
            .and_then(|e| e.as_str())
            .map(str::to_string);
        match code {
            Some(code) => {
                let description = body
                    .as_ref()
                    .and_then(|b| b.get("error_description"))
                    .and_then(|d| d.as_str())
                    .and_then(sanitize_description);
                Err(from_error_code(&code, description, Stage::Code))
            }
            None => Err(AuthError::BadResponse {
                endpoint: endpoint_label(url),
                reason: format!("HTTP {}, not an OAuth error answer", status.as_u16()),
            }),
        }
    }
}
