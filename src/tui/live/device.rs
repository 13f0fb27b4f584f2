//! Device sign-ins in progress (RFC 8628): each attempt's device code and cancel token, kept
//! between `start_device_sign_in` and `finish_device_sign_in`.

use super::{errors, glue};
use crate::auth::{CancelToken, DeviceAuthorization, OAuthClient};
use crate::secret::Secret;
use crate::session::Session;
use crate::store::AccountId;
use crate::tui::services::{AttemptId, DeviceSignInStarted, ServiceError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use time::OffsetDateTime;

/// One attempt between start and finish.
struct DeviceAttempt {
    cancel: CancelToken,
    /// Taken by `finish`.
    waiting: Option<Waiting>,
}

/// What `finish` needs to poll and save the account.
struct Waiting {
    device: DeviceAuthorization,
    client: OAuthClient,
    provider_name: String,
}

/// The device attempts of this dashboard; clones share them.
#[derive(Clone, Default)]
pub struct DeviceAttempts {
    inner: Arc<Mutex<HashMap<u64, DeviceAttempt>>>,
}

impl DeviceAttempts {
    fn lock(&self) -> MutexGuard<'_, HashMap<u64, DeviceAttempt>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Asks `provider` for a device code and user code; the attempt is known as `id`.
    pub async fn start(
        &self,
        session: &Session,
        provider: &str,
        id: u64,
    ) -> Result<DeviceSignInStarted, ServiceError> {
        let config = session
            .providers
            .get(provider)
            .map_err(errors::unavailable)?;
        let client = OAuthClient::new(&config).map_err(errors::auth)?;
        if !client.supports_device_flow() {
            return Err(errors::rejected(format!(
                "{provider} has no device sign-in (no device_authorization_url); sign in in the \
                 browser instead"
            )));
        }
        let device = client.device_start().await.map_err(errors::auth)?;
        let expires_in = time::Duration::try_from(device.expires_in()).unwrap_or_default();
        let started = DeviceSignInStarted {
            attempt: AttemptId(id),
            user_code: Secret::new(device.user_code()),
            verification_uri: device.verification_uri().to_string(),
            verification_uri_complete: device.verification_uri_complete().map(Secret::new),
            expires_at: OffsetDateTime::now_utc() + expires_in,
        };
        let attempt = DeviceAttempt {
            cancel: CancelToken::new(),
            waiting: Some(Waiting {
                device,
                client,
                provider_name: provider.to_string(),
            }),
        };
        self.lock().insert(id, attempt);
        Ok(started)
    }

    /// Polls until approved (then saves the account), denied, expired or cancelled.
    /// `poll_every` replaces the provider's interval (tests only; see `LiveOptions`).
    pub async fn finish(
        &self,
        session: &Session,
        attempt: AttemptId,
        poll_every: Option<Duration>,
    ) -> Result<AccountId, ServiceError> {
        let (waiting, cancel) = {
            let mut map = self.lock();
            let entry = map
                .get_mut(&attempt.0)
                .ok_or_else(|| errors::unavailable("This sign-in is no longer running"))?;
            let waiting = entry
                .waiting
                .take()
                .ok_or_else(|| errors::unavailable("This sign-in is already being finished"))?;
            (waiting, entry.cancel.clone())
        };
        // Removes the attempt however this ends (also when the task is aborted on quit).
        let _forget = Forget {
            attempts: self.clone(),
            id: attempt.0,
        };
        let Waiting {
            device,
            client,
            provider_name,
        } = waiting;
        let tokens = match poll_every {
            None => client.device_wait(&device, &cancel).await,
            Some(every) => {
                client
                    .device_wait_with_sleep(&device, &cancel, |_| tokio::time::sleep(every))
                    .await
            }
        }
        .map_err(errors::auth)?;
        glue::finish_device_sign_in(session, &provider_name, &client, tokens).await
    }

    /// Cancels the attempt: its polling stops and `finish` ends with `Cancelled`.
    pub fn cancel(&self, attempt: AttemptId) {
        if let Some(entry) = self.lock().get(&attempt.0) {
            entry.cancel.cancel();
        }
    }
}

/// Drops an attempt from the map when `finish` ends.
struct Forget {
    attempts: DeviceAttempts,
    id: u64,
}

impl Drop for Forget {
    fn drop(&mut self) {
        self.attempts.lock().remove(&self.id);
    }
}
