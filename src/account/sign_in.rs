//! Signing in at a provider, for the CLI and the dashboard alike: start a browser sign-in
//! (listener bound, authorize URL built) or a device sign-in (codes issued), wait for the
//! answer, exchange it and learn the email. The front-end shows what it is given, asks for
//! an email when the provider does not say it, then calls [`Connector::complete`].

use super::{ConnectError, Connector, Grant, Progress, Session};
use crate::auth::listener::BrowserReply;
use crate::auth::{
    AuthError, CancelToken, DeviceAuthorization, LoginAttempt, LoginOptions, PasteChecker,
};
use std::time::Duration;
use tokio::sync::mpsc;

/// A browser sign-in under way.
pub struct BrowserSignIn {
    connector: Connector,
    attempt: LoginAttempt,
}

/// A device sign-in (RFC 8628) under way.
pub struct DeviceSignIn {
    connector: Connector,
    device: DeviceAuthorization,
}

impl Session {
    /// The connector for `provider`, saving the account under `label` when given.
    pub fn connector(
        &self,
        provider: &str,
        label: Option<String>,
    ) -> Result<Connector, ConnectError> {
        let config = self
            .providers
            .get(provider)
            .map_err(ConnectError::Unsupported)?;
        Connector::new(self.store.clone(), provider, config, label)
    }

    /// Binds the loopback listener and builds the authorize URL.
    pub async fn start_browser_sign_in(
        &self,
        provider: &str,
        label: Option<String>,
        options: LoginOptions,
    ) -> Result<BrowserSignIn, ConnectError> {
        let connector = self.connector(provider, label)?;
        let attempt = LoginAttempt::start(&connector.client, options).await?;
        Ok(BrowserSignIn { connector, attempt })
    }

    /// Asks the provider for a device code and the code the operator types elsewhere.
    pub async fn start_device_sign_in(
        &self,
        provider: &str,
        label: Option<String>,
    ) -> Result<DeviceSignIn, ConnectError> {
        let connector = self.connector(provider, label)?;
        if !connector.client.supports_device_flow() {
            return Err(ConnectError::Unsupported(format!(
                "provider {provider:?} has no device sign-in (no device_authorization_url); \
                 sign in with the browser instead"
            )));
        }
        let device = connector.client.device_start().await?;
        Ok(DeviceSignIn { connector, device })
    }
}

impl BrowserSignIn {
    /// The provider's name and settings, the label to save under, the OAuth client.
    pub fn connector(&self) -> &Connector {
        &self.connector
    }

    /// The address to open in a browser (state and challenge are public; no secret).
    pub fn authorize_url(&self) -> &str {
        self.attempt.authorize_url().as_str()
    }

    /// The loopback listener's port, when one runs.
    pub fn listener_port(&self) -> Option<u16> {
        self.attempt.port()
    }

    /// The port of the registered redirect URI (what an `ssh -L` forwards).
    pub fn redirect_port(&self) -> u16 {
        self.attempt.redirect_port()
    }

    /// Checks a pasted address against this attempt before it is handed to [`Self::wait`].
    pub fn paste_checker(&self) -> PasteChecker {
        self.attempt.paste_checker()
    }

    /// Waits for the listener's answer or a pasted address, then exchanges the code and
    /// learns the email. The browser that brought the answer is told at once when the
    /// exchange fails; otherwise it waits for the caller to send the returned reply once the
    /// account is saved (see [`tell_browser`]).
    pub async fn wait(
        self,
        pastes: mpsc::Receiver<String>,
        cancel: &CancelToken,
        progress: Progress<'_>,
    ) -> Result<(Connector, Grant, BrowserReply), ConnectError> {
        let mut code = self.attempt.wait(pastes, cancel).await?;
        let reply = code.take_reply();
        match self.connector.exchange(code, progress).await {
            Ok(grant) => Ok((self.connector, grant, reply)),
            Err(e) => {
                reply.failed(e.to_string()).await;
                Err(e)
            }
        }
    }
}

/// Tells the browser that brought a sign-in how it ended: "connected" only once the
/// account is saved, else the error in words.
pub async fn tell_browser<T>(reply: BrowserReply, result: &Result<T, ConnectError>) {
    match result {
        Ok(_) => reply.connected().await,
        Err(e) => reply.failed(e.to_string()).await,
    }
}

impl DeviceSignIn {
    /// The provider's name and settings, the label to save under, the OAuth client.
    pub fn connector(&self) -> &Connector {
        &self.connector
    }

    /// The device's codes and where to type them.
    pub fn device(&self) -> &DeviceAuthorization {
        &self.device
    }

    /// Polls until the operator approves on the other device (at the provider's interval,
    /// or `poll_every` in tests), then learns the email. Denial, expiry, `limit` (capped by
    /// the code's own lifetime) and `cancel` end it with an error.
    pub async fn wait(
        self,
        cancel: &CancelToken,
        limit: Option<Duration>,
        poll_every: Option<Duration>,
        progress: Progress<'_>,
    ) -> Result<(Connector, Grant), ConnectError> {
        let limit = limit.map_or(self.device.expires_in(), |l| {
            l.min(self.device.expires_in())
        });
        let client = &self.connector.client;
        let poll = async {
            match poll_every {
                None => client.device_wait(&self.device, cancel).await,
                Some(every) => {
                    client
                        .device_wait_with_sleep(&self.device, cancel, |_| tokio::time::sleep(every))
                        .await
                }
            }
        };
        let tokens = match tokio::time::timeout(limit, poll).await {
            Ok(tokens) => tokens?,
            Err(_) => return Err(AuthError::TimedOut(limit).into()),
        };
        let grant = self.connector.grant(tokens, progress).await;
        Ok((self.connector, grant))
    }
}
