//! The device authorization grant (RFC 8628): show a user code and a verification URI, then
//! poll at the interval, slowing down by 5 s on `slow_down`.

use super::cancel::CancelToken;
use super::client::OAuthClient;
use super::error::AuthError;
use super::exchange::StatusRecorder;
use super::token_error::{Stage, token_error};
use super::tokens::TokenSet;
use oauth2::{Scope, StandardDeviceAuthorizationResponse};
use std::future::Future;
use std::time::Duration;

/// A started device sign-in: what to show the operator.
#[derive(Debug, Clone)]
pub struct DeviceAuthorization {
    inner: StandardDeviceAuthorizationResponse,
}

impl DeviceAuthorization {
    /// The code the operator types at the verification URI (show it).
    pub fn user_code(&self) -> &str {
        self.inner.user_code().secret()
    }

    /// Where to type it.
    pub fn verification_uri(&self) -> &str {
        self.inner.verification_uri().as_str()
    }

    /// The verification URI with the code filled in, if the provider gives one.
    pub fn verification_uri_complete(&self) -> Option<&str> {
        self.inner
            .verification_uri_complete()
            .map(|u| u.secret().as_str())
    }

    /// How long the codes live.
    pub fn expires_in(&self) -> Duration {
        self.inner.expires_in()
    }

    /// The initial polling interval.
    pub fn interval(&self) -> Duration {
        self.inner.interval()
    }
}

impl OAuthClient {
    /// Asks the provider for a device code and user code (with scopes and `audience`).
    pub async fn device_start(&self) -> Result<DeviceAuthorization, AuthError> {
        let endpoint = self
            .provider
            .device_authorization_url
            .clone()
            .ok_or_else(|| AuthError::NotConfigured("it has no device_authorization_url".into()))?;
        let oauth = self.token_client().await;
        let mut request = oauth
            .exchange_device_code()
            .map_err(|e| AuthError::NotConfigured(e.to_string()))?
            .add_scopes(self.provider.scopes.iter().cloned().map(Scope::new));
        if let Some(audience) = &self.provider.audience {
            request = request.add_extra_param("audience", audience.clone());
        }
        let recorder = StatusRecorder::new(&self.http);
        let inner: StandardDeviceAuthorizationResponse = request
            .request_async(&recorder)
            .await
            .map_err(|e| token_error(e, &endpoint, Stage::Device, recorder.status()))?;
        Ok(DeviceAuthorization { inner })
    }

    /// Polls until the operator approves (tokens), denies, the code expires, or `cancel`.
    pub async fn device_wait(
        &self,
        device: &DeviceAuthorization,
        cancel: &CancelToken,
    ) -> Result<TokenSet, AuthError> {
        self.device_wait_with_sleep(device, cancel, tokio::time::sleep)
            .await
    }

    /// [`OAuthClient::device_wait`] with the sleep between polls supplied (it receives the
    /// interval in force, which grows by 5 s on each `slow_down`).
    pub async fn device_wait_with_sleep<S, SF>(
        &self,
        device: &DeviceAuthorization,
        cancel: &CancelToken,
        sleep: S,
    ) -> Result<TokenSet, AuthError>
    where
        S: Fn(Duration) -> SF,
        SF: Future<Output = ()>,
    {
        let oauth = self.token_client().await;
        let mut request = oauth.exchange_device_access_token(&device.inner);
        if let Some(audience) = &self.provider.audience {
            request = request.add_extra_param("audience", audience.clone());
        }
        let recorder = StatusRecorder::new(&self.http);
        let poll = request.request_async(&recorder, sleep, None);
        let response = tokio::select! {
            r = poll => r.map_err(|e| token_error(e, self.token_url(), Stage::Device, recorder.status()))?,
            _ = cancel.cancelled() => return Err(AuthError::Cancelled),
        };
        Ok(self.tokens_from(&response, None))
    }
}
