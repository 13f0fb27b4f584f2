//! Device sign-ins in progress (RFC 8628): each attempt's device code and cancel token, kept
//! between `start_device_sign_in` and `finish_device_sign_in`.

use super::attempt_table::AttemptTable;
use super::{errors, glue};
use crate::account::Session;
use crate::auth::{DeviceAuthorization, OAuthClient};
use crate::secret::Secret;
use crate::store::AccountId;
use crate::tui::services::{AttemptId, DeviceSignInStarted, ServiceError};
use std::time::Duration;
use time::OffsetDateTime;

/// What `finish` needs to poll and save the account.
struct Waiting {
    device: DeviceAuthorization,
    client: OAuthClient,
    provider_name: String,
}

/// The device attempts of this dashboard; clones share them.
#[derive(Clone, Default)]
pub struct DeviceAttempts {
    table: AttemptTable<Waiting, ()>,
}

impl DeviceAttempts {
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
        let waiting = Waiting {
            device,
            client,
            provider_name: provider.to_string(),
        };
        self.table.insert(id, (), waiting);
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
        // `_forget` removes the attempt however this ends.
        let (waiting, cancel, _forget) = self.table.take_waiting(attempt)?;
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
        self.table.cancel(attempt);
    }
}
