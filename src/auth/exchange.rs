//! Code exchange, refresh, and the account's email (JWT claim, else userinfo).

use super::attempt::AuthCode;
use super::client::OAuthClient;
use super::error::AuthError;
use super::token_error::{Stage, describe_reqwest_error, token_error};
use super::tokens::TokenSet;
use crate::secret::Secret;
use oauth2::{
    AsyncHttpClient, AuthorizationCode, HttpRequest, PkceCodeVerifier, RedirectUrl, RefreshToken,
};
use std::borrow::Cow;
use std::sync::Mutex;
use time::OffsetDateTime;

/// Wraps the HTTP client to remember the last status, so errors can name it.
pub(crate) struct StatusRecorder<'a> {
    http: &'a reqwest::Client,
    status: Mutex<Option<u16>>,
}

impl<'a> StatusRecorder<'a> {
    pub(crate) fn new(http: &'a reqwest::Client) -> Self {
        Self {
            http,
            status: Mutex::new(None),
        }
    }

    pub(crate) async fn call(
        &self,
        request: HttpRequest,
    ) -> Result<oauth2::HttpResponse, oauth2::HttpClientError<reqwest::Error>> {
        let response = self.http.call(request).await?;
        *self.status.lock().unwrap_or_else(|p| p.into_inner()) = Some(response.status().as_u16());
        Ok(response)
    }

    pub(crate) fn status(&self) -> Option<u16> {
        *self.status.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl OAuthClient {
    /// Exchanges a sign-in's code for tokens (PKCE verifier, same redirect URI, `audience`).
    pub async fn exchange_code(&self, code: AuthCode) -> Result<TokenSet, AuthError> {
        let redirect = RedirectUrl::new(code.redirect_uri.clone())
            .map_err(|e| AuthError::NotConfigured(format!("redirect URI is not valid ({e})")))?;
        let mut request = self
            .oauth
            .exchange_code(AuthorizationCode::new(code.code.expose().to_string()))
            .set_pkce_verifier(PkceCodeVerifier::new(code.verifier.expose().to_string()))
            .set_redirect_uri(Cow::Owned(redirect));
        if let Some(audience) = &self.provider.audience {
            request = request.add_extra_param("audience", audience.clone());
        }
        let recorder = StatusRecorder::new(&self.http);
        let client = |r| recorder.call(r);
        let response = request
            .request_async(&client)
            .await
            .map_err(|e| token_error(e, self.token_url(), Stage::Code, recorder.status()))?;
        Ok(TokenSet::from_response(
            &response,
            None,
            &self.provider.scopes,
            OffsetDateTime::now_utc(),
        ))
    }

    /// Refreshes with `refresh_token`; keeps it when the provider returns no new one.
    /// `invalid_grant` becomes [`AuthError::NeedsSignIn`].
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet, AuthError> {
        let rt = RefreshToken::new(refresh_token.expose().to_string());
        let mut request = self.oauth.exchange_refresh_token(&rt);
        if let Some(audience) = &self.provider.audience {
            request = request.add_extra_param("audience", audience.clone());
        }
        let recorder = StatusRecorder::new(&self.http);
        let client = |r| recorder.call(r);
        let response = request
            .request_async(&client)
            .await
            .map_err(|e| token_error(e, self.token_url(), Stage::Refresh, recorder.status()))?;
        Ok(TokenSet::from_response(
            &response,
            Some(refresh_token),
            &self.provider.scopes,
            OffsetDateTime::now_utc(),
        ))
    }

    /// The account's email: the access token's `email` claim, else the provider's userinfo
    /// endpoint, else `None` (then ask the operator once).
    pub async fn account_email(&self, tokens: &TokenSet) -> Option<String> {
        if let Some(email) = tokens.email_claim() {
            return Some(email);
        }
        let url = self.provider.userinfo_url.as_ref()?;
        let response = match self
            .http
            .get(url)
            .bearer_auth(tokens.access_token.expose())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
        {
            Ok(r) => r,
            Err(e) => {
                tracing::debug!("auth: userinfo failed: {}", describe_reqwest_error(&e));
                return None;
            }
        };
        if !response.status().is_success() {
            tracing::debug!("auth: userinfo answered HTTP {}", response.status());
            return None;
        }
        let body: serde_json::Value = response.json().await.ok()?;
        let email = body.get("email")?.as_str()?.trim();
        (email.contains('@') && email.len() <= 320 && !email.chars().any(char::is_control))
            .then(|| email.to_string())
    }

    pub(crate) fn token_url(&self) -> &str {
        self.provider.token_url.as_deref().unwrap_or_default()
    }
}
