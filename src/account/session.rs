//! A run's session: its providers, its credentials store, whether it is on the sandbox, and
//! the Developer API client of a selected account.

use super::{AccountSource, Selected, SessionError, TerminalSignIn};
use crate::config::Providers;
use crate::store::Store;
use crate::upstash::{ApiCredentials, Client, ClientConfig};
use std::sync::Arc;

/// The environment variable with the account email for `UPSTASH_API_KEY`.
pub const EMAIL_ENV: &str = "UPSTASH_EMAIL";
/// The environment variable with a Developer API key; used instead of stored accounts.
pub const API_KEY_ENV: &str = "UPSTASH_API_KEY";

/// Overrides the per-request HTTP timeout of Developer API calls, in seconds (fractions
/// allowed, e.g. `0.5`): for slow links, and for tests.
pub const HTTP_TIMEOUT_ENV: &str = "UPDASH_HTTP_TIMEOUT_SECS";

/// The timeout from [`HTTP_TIMEOUT_ENV`], when set to a positive number of seconds.
pub fn http_timeout_override() -> Result<Option<std::time::Duration>, SessionError> {
    let Ok(text) = std::env::var(HTTP_TIMEOUT_ENV) else {
        return Ok(None);
    };
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 3_600.0 => {
            Ok(Some(std::time::Duration::from_secs_f64(secs)))
        }
        _ => Err(SessionError::Provider(format!(
            "{HTTP_TIMEOUT_ENV} must be a number of seconds above 0 and at most 3600 \
             (e.g. 5 or 0.5), not {:?}",
            text.trim()
        ))),
    }
}

/// The providers, the credentials store, and whether this run is on the sandbox.
#[derive(Clone)]
pub struct Session {
    /// The providers of this run.
    pub providers: Providers,
    /// The credentials store.
    pub store: Store,
    /// `--sandbox`: prefer sandbox accounts, and send environment credentials to the sandbox.
    pub sandbox_mode: bool,
    /// A provider's sign-in from the terminal, when this run's wiring offers one.
    pub terminal_sign_in: Option<Arc<dyn TerminalSignIn>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("providers", &self.providers)
            .field("store", &self.store)
            .field("sandbox_mode", &self.sandbox_mode)
            .field(
                "terminal_sign_in",
                &self
                    .terminal_sign_in
                    .as_ref()
                    .map(|t| t.provider().to_string()),
            )
            .finish()
    }
}

impl Session {
    /// A session over `providers` and `store`.
    pub fn new(providers: Providers, store: Store, sandbox_mode: bool) -> Self {
        Self {
            providers,
            store,
            sandbox_mode,
            terminal_sign_in: None,
        }
    }

    /// The same session offering `sign_in` for its provider.
    pub fn with_terminal_sign_in(mut self, sign_in: Arc<dyn TerminalSignIn>) -> Self {
        self.terminal_sign_in = Some(sign_in);
        self
    }

    /// The Developer API client for a selected account.
    pub fn client_for(&self, selected: &Selected) -> Result<Client, SessionError> {
        let base =
            selected
                .provider
                .api_base_url
                .as_deref()
                .ok_or_else(|| SessionError::NotUpstash {
                    label: selected.label.clone(),
                    provider: selected.provider_name.clone(),
                })?;
        let mut config = ClientConfig::new(base)
            .map_err(SessionError::Api)?
            .with_rest_url(selected.provider.rest_url.clone());
        if let Some(timeout) = http_timeout_override()? {
            config = config.with_timeout(timeout);
        }
        let creds = ApiCredentials::new(selected.email.clone(), selected.api_key.clone());
        Client::new(&config, creds).map_err(SessionError::Api)
    }

    /// Marks a stored account as needing sign-in (after the service refused its key).
    pub fn mark_needs_sign_in(&self, selected: &Selected) -> Result<(), SessionError> {
        let AccountSource::Stored(id) = &selected.source else {
            return Ok(());
        };
        self.store.update(|creds| {
            if let Some(account) = creds.get_mut(id) {
                account.needs_sign_in = true;
                account.updated_at = time::OffsetDateTime::now_utc();
            }
            Ok(())
        })?;
        Ok(())
    }
}
