//! The real [`Services`]: the credentials store, the OAuth client, the Developer API, the
//! clipboard and the browser, for the session the dashboard runs in.
//!
//! One file per concern (the connect glue itself is `crate::account`); every call returns a `'static` future that owns what it needs, and
//! every failure comes back as a [`ServiceError`] in words (never a panic, never a secret).

mod accounts;
mod attempt_table;
mod data;
mod databases;
mod desktop;
mod device;
mod editor;
mod errors;
mod glue;
mod history;
mod products;
mod sign_in;

use super::services::{
    AccountChange, AttemptId, DataTarget, DeviceSignInStarted, RedisBatch, RedisResults,
    ServiceError, ServiceFuture, Services, SignInStarted,
};
use super::view_model::AccountRow;
use crate::account::Session;
use crate::secret::Secret;
use crate::upstash::{DatabaseCall, DatabaseReply, ProductCall, ProductReply};
use std::sync::Arc;

/// What the live services may do to this machine besides network calls.
#[derive(Debug, Clone, Copy)]
pub struct LiveOptions {
    /// Copy with OSC 52 to stdout (off in tests, where stdout is not the dashboard's).
    pub clipboard: bool,
    /// Start a browser when the policy allows (off in tests).
    pub browser: bool,
    /// How long a sign-in waits for its answer.
    pub sign_in_timeout: std::time::Duration,
    /// Poll the device flow this often instead of at the provider's interval. Tests only
    /// (`None` in real use): a provider answers `slow_down`, which the polling tolerates.
    pub device_poll_interval: Option<std::time::Duration>,
}

impl Default for LiveOptions {
    fn default() -> Self {
        Self {
            clipboard: true,
            browser: true,
            sign_in_timeout: crate::auth::DEFAULT_LOGIN_TIMEOUT,
            device_poll_interval: None,
        }
    }
}

/// The dashboard's services over a [`Session`].
pub struct LiveServices {
    session: Arc<Session>,
    options: LiveOptions,
    attempts: sign_in::Attempts,
    devices: device::DeviceAttempts,
    handles: databases::Handles,
    data: data::DataClients,
    history: Option<std::path::PathBuf>,
}

impl LiveServices {
    /// Services for `session`.
    pub fn new(session: Session, options: LiveOptions) -> Self {
        Self {
            session: Arc::new(session),
            options,
            attempts: sign_in::Attempts::default(),
            devices: device::DeviceAttempts::default(),
            handles: databases::Handles::default(),
            data: data::DataClients::default(),
            history: None,
        }
    }

    /// The same services keeping the data console's history in `path`.
    pub fn with_history(mut self, path: std::path::PathBuf) -> Self {
        self.history = Some(path);
        self
    }

    /// The session (providers and store).
    pub fn session(&self) -> &Session {
        &self.session
    }
}

impl LiveServices {
    /// A call that changes accounts: the database handles are reopened afterwards, so no
    /// call goes out with a key the change replaced.
    fn changing<T, F>(&self, f: F) -> ServiceFuture<T>
    where
        T: Send + 'static,
        F: std::future::Future<Output = Result<T, ServiceError>> + Send + 'static,
    {
        let (handles, data) = (self.handles.clone(), self.data.clone());
        boxed(async move {
            let result = f.await;
            handles.clear();
            data.clear();
            result
        })
    }
}

/// A service future from an async block.
fn boxed<T, F>(f: F) -> ServiceFuture<T>
where
    F: std::future::Future<Output = Result<T, ServiceError>> + Send + 'static,
{
    Box::pin(f)
}

impl Services for LiveServices {
    fn list_accounts(&self) -> ServiceFuture<Vec<AccountRow>> {
        let session = Arc::clone(&self.session);
        boxed(async move { accounts::list(&session) })
    }

    fn add_api_key_account(
        &self,
        provider: &str,
        email: &str,
        api_key: Secret,
    ) -> ServiceFuture<AccountRow> {
        let session = Arc::clone(&self.session);
        let (provider, email) = (provider.to_string(), email.to_string());
        self.changing(async move {
            let id = glue::add_api_key_account(&session, &provider, &email, api_key).await?;
            accounts::row(&session, &id)
        })
    }

    fn start_sign_in(&self, provider: &str) -> ServiceFuture<SignInStarted> {
        let session = Arc::clone(&self.session);
        let attempts = self.attempts.clone();
        let provider = provider.to_string();
        let timeout = self.options.sign_in_timeout;
        boxed(async move { attempts.start(&session, &provider, timeout).await })
    }

    fn finish_sign_in(&self, attempt: AttemptId) -> ServiceFuture<AccountRow> {
        let session = Arc::clone(&self.session);
        let attempts = self.attempts.clone();
        self.changing(async move {
            let id = attempts.finish(attempt).await?;
            accounts::row(&session, &id)
        })
    }

    fn paste_redirect(&self, attempt: AttemptId, url: Secret) -> ServiceFuture<()> {
        let result = self.attempts.paste(attempt, &url);
        boxed(async move { result })
    }

    fn cancel_sign_in(&self, attempt: AttemptId) {
        // Ids are shared, so the attempt is in at most one of the two.
        self.attempts.cancel(attempt);
        self.devices.cancel(attempt);
    }

    fn disconnect(&self, account_id: &str) -> ServiceFuture<String> {
        let session = Arc::clone(&self.session);
        let id = account_id.to_string();
        self.changing(async move { glue::disconnect(&session, &id).await })
    }

    fn copy_to_clipboard(&self, text: &str) -> Result<(), ServiceError> {
        desktop::copy(self.options.clipboard, text)
    }

    fn open_browser(&self, url: &str) -> ServiceFuture<bool> {
        let result = desktop::open_browser(self.options.browser, url);
        boxed(async move { result })
    }

    fn update_account(&self, account_id: &str, change: AccountChange) -> ServiceFuture<String> {
        let session = Arc::clone(&self.session);
        let id = account_id.to_string();
        self.changing(async move {
            match change {
                AccountChange::SetDefault => accounts::set_default(&session, &id),
                AccountChange::Rename(label) => accounts::rename(&session, &id, &label),
                AccountChange::RefreshToken => accounts::refresh_token(&session, &id).await,
            }
        })
    }

    fn keyboard_sign_in(
        &self,
        authorize_url: &str,
        email: &str,
        password: Secret,
    ) -> ServiceFuture<()> {
        let session = Arc::clone(&self.session);
        let (url, email) = (authorize_url.to_string(), email.to_string());
        boxed(async move { sign_in::keyboard(&session, &url, &email, &password).await })
    }

    fn database(&self, account_id: &str, call: DatabaseCall) -> ServiceFuture<DatabaseReply> {
        let session = Arc::clone(&self.session);
        let handles = self.handles.clone();
        let id = account_id.to_string();
        boxed(async move { databases::run(&session, &handles, &id, call).await })
    }

    fn product(&self, account_id: &str, call: ProductCall) -> ServiceFuture<ProductReply> {
        let session = Arc::clone(&self.session);
        let handles = self.handles.clone();
        let id = account_id.to_string();
        boxed(async move { products::run(&session, &handles, &id, call).await })
    }

    fn redis(&self, target: &DataTarget, batch: RedisBatch) -> ServiceFuture<RedisResults> {
        let session = Arc::clone(&self.session);
        let (handles, clients) = (self.handles.clone(), self.data.clone());
        let target = target.clone();
        boxed(async move { data::run(&session, &handles, &clients, &target, &batch).await })
    }

    fn unlock(&self, passphrase: Secret) -> ServiceFuture<()> {
        let store = self.session.store.clone();
        boxed(async move { accounts::unlock(store, passphrase).await })
    }

    fn edit_text(&self, text: &str) -> Result<Option<String>, ServiceError> {
        editor::edit(text)
    }

    fn console_history(&self) -> ServiceFuture<Vec<String>> {
        let path = self.history.clone();
        boxed(async move {
            let Some(path) = path else {
                return Ok(Vec::new());
            };
            tokio::task::spawn_blocking(move || history::load(&path))
                .await
                .map_err(|e| errors::unavailable(e.to_string()))?
        })
    }

    fn remember_command(&self, line: &str) -> ServiceFuture<()> {
        let path = self.history.clone();
        let line = line.to_string();
        boxed(async move {
            let Some(path) = path else {
                return Ok(());
            };
            tokio::task::spawn_blocking(move || history::append(&path, &line))
                .await
                .map_err(|e| errors::unavailable(e.to_string()))?
        })
    }

    fn start_device_sign_in(&self, provider: &str) -> ServiceFuture<DeviceSignInStarted> {
        let session = Arc::clone(&self.session);
        let devices = self.devices.clone();
        let provider = provider.to_string();
        let id = self.attempts.next_id();
        boxed(async move { devices.start(&session, &provider, id).await })
    }

    fn finish_device_sign_in(&self, attempt: AttemptId) -> ServiceFuture<AccountRow> {
        let session = Arc::clone(&self.session);
        let devices = self.devices.clone();
        let poll_every = self.options.device_poll_interval;
        self.changing(async move {
            let id = devices.finish(attempt, poll_every).await?;
            accounts::row(&session, &id)
        })
    }
}
