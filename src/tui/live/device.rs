//! Device sign-ins in progress (RFC 8628): each attempt's device code and cancel token, kept
//! between `start_device_sign_in` and `finish_device_sign_in`.

use super::attempt_table::AttemptTable;
use super::glue;
use crate::account::Session;
use crate::account::{DeviceSignIn, Step};
use crate::auth::listener::BrowserReply;
use crate::secret::Secret;
use crate::store::AccountId;
use crate::tui::services::{AttemptId, DeviceSignInStarted, ServiceError};
use std::time::Duration;
use time::OffsetDateTime;

/// The device attempts of this dashboard; clones share them.
#[derive(Clone, Default)]
pub struct DeviceAttempts {
    table: AttemptTable<DeviceSignIn, ()>,
}

impl DeviceAttempts {
    /// Asks `provider` for a device code and user code; the attempt is known as `id`.
    pub async fn start(
        &self,
        session: &Session,
        provider: &str,
        id: u64,
    ) -> Result<DeviceSignInStarted, ServiceError> {
        let sign_in = session
            .start_device_sign_in(provider, None)
            .await
            .map_err(glue::error)?;
        let device = sign_in.device();
        let expires_in = time::Duration::try_from(device.expires_in()).unwrap_or_default();
        let started = DeviceSignInStarted {
            attempt: AttemptId(id),
            user_code: Secret::new(device.user_code()),
            verification_uri: device.verification_uri().to_string(),
            verification_uri_complete: device.verification_uri_complete().map(Secret::new),
            expires_at: OffsetDateTime::now_utc() + expires_in,
        };
        self.table.insert(id, (), sign_in);
        Ok(started)
    }

    /// Polls until approved (then saves the account), denied, expired or cancelled.
    /// `poll_every` replaces the provider's interval (tests only; see `LiveOptions`).
    pub async fn finish(
        &self,
        attempt: AttemptId,
        poll_every: Option<Duration>,
    ) -> Result<AccountId, ServiceError> {
        // `_forget` removes the attempt however this ends.
        let (sign_in, cancel, _forget) = self.table.take_waiting(attempt)?;
        let mut progress = |step: Step| tracing::debug!("dashboard device sign-in: {step}");
        let (connector, grant) = sign_in
            .wait(&cancel, None, poll_every, &mut progress)
            .await
            .map_err(glue::error)?;
        glue::save(&connector, grant, BrowserReply::none()).await
    }

    /// Cancels the attempt: its polling stops and `finish` ends with `Cancelled`.
    pub fn cancel(&self, attempt: AttemptId) {
        self.table.cancel(attempt);
    }
}
