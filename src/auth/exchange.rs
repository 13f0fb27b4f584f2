//! Code exchange, refresh, and the account's email (JWT claim, else userinfo).

use super::attempt::AuthCode;
use super::client::OAuthClient;
use super::error::AuthError;
use super::token_error::{Stage, describe_reqwest_error, token_error};
use super::tokens::TokenSet;
use crate::secret::Secret;
use oauth2::{
    AsyncHttpClient, AuthorizationCode, HttpClientError, HttpRequest, HttpResponse,
    PkceCodeVerifier, RedirectUrl, RefreshToken, TokenResponse,
};
use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

/// Wraps the HTTP client to remember the last status, so errors can name it.
///
/// A named type rather than a closure: futures built from borrowing closures trip rustc's
/// higher-ranked `Send` inference, and callers spawn these futures on tokio tasks.
pub(crate) struct StatusRecorder {
    http: reqwest::Client,
    status: Arc<Mutex<Option<u16>>>,
}

impl StatusRecorder {
    pub(crate) fn new(http: &reqwest::Client) -> Self {
        Self {
            http: http.clone(),
            status: Arc::default(),
        }
    }

    pub(crate) fn status(&self) -> Option<u16> {
        *self.status.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<'c> AsyncHttpClient<'c> for StatusRecorder {
    type Error = HttpClientError<reqwest::Error>;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let response = self.http.call(request).await?;
            *self.status.lock().unwrap_or_else(|p| p.into_inner()) =
                Some(response.status().as_u16());
            Ok(response)
        })
    }
}

impl OAuthClient {
    /// Exchanges a sign-in's code for tokens (PKCE verifier, same redirect URI, `audience`).
    pub async fn exchange_code(&self, code: AuthCode) -> Result<TokenSet, AuthError> {
        let redirect = RedirectUrl::new(code.redirect_uri.clone())
            .map_err(|e| AuthError::NotConfigured(format!("redirect URI is not valid ({e})")))?;
        let oauth = self.token_client().await;
        let mut request = oauth
            .exchange_code(AuthorizationCode::new(code.code.expose().to_string()))
            .set_pkce_verifier(PkceCodeVerifier::new(code.verifier.expose().to_string()))
            .set_redirect_uri(Cow::Owned(redirect));
        if let Some(audience) = &self.provider.audience {
            request = request.add_extra_param("audience", audience.clone());
        }
        let recorder = StatusRecorder::new(&self.http);
        let response = request
            .request_async(&recorder)
            .await
            .map_err(|e| token_error(e, self.token_url(), Stage::Code, recorder.status()))?;
        Ok(self.tokens_from(&response, None))
    }

    /// Refreshes with `refresh_token`; keeps it when the provider returns no new one.
    /// `invalid_grant` becomes [`AuthError::NeedsSignIn`].
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet, AuthError> {
        let rt = RefreshToken::new(refresh_token.expose().to_string());
        let oauth = self.token_client().await;
        let mut request = oauth.exchange_refresh_token(&rt);
        if let Some(audience) = &self.provider.audience {
            request = request.add_extra_param("audience", audience.clone());
        }
        let recorder = StatusRecorder::new(&self.http);
        let response = request
            .request_async(&recorder)
            .await
            .map_err(|e| token_error(e, self.token_url(), Stage::Refresh, recorder.status()))?;
        Ok(self.tokens_from(&response, Some(refresh_token)))
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

    /// The token set of a token endpoint answer received now; `kept_refresh` stands in
    /// when the answer carries no new refresh token.
    pub(crate) fn tokens_from(
        &self,
        response: &impl TokenResponse,
        kept_refresh: Option<&Secret>,
    ) -> TokenSet {
        TokenSet::from_response(
            response,
            kept_refresh,
            &self.provider.scopes,
            OffsetDateTime::now_utc(),
        )
    }

    pub(crate) fn token_url(&self) -> &str {
        self.provider.token_url.as_deref().unwrap_or_default()
    }
}
