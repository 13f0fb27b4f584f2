//! The seam between the dashboard and the outside world (store, OAuth, Developer API,
//! clipboard, browser). The run loop calls it to execute [`Effect`](super::Effect)s; the real
//! implementation wires `store`, `auth` and `upstash`; tests may substitute their own.

use super::db_calls;
use super::view_model::AccountRow;
use crate::secret::Secret;
use crate::upstash::{Client, CreateDatabase, Database, DatabaseStats, StatsPeriod, Team};
use futures::future::BoxFuture;
use std::fmt;
use time::OffsetDateTime;

/// Why a service call failed, in words fit for the screen (never holds a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// What kind of failure, so the UI can react (e.g. offer sign-in).
    pub kind: ServiceErrorKind,
    /// One sentence for the operator.
    pub message: String,
}

/// Kinds of service failures the dashboard treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceErrorKind {
    /// The account must sign in again (refresh failed, key revoked).
    NeedsSignIn,
    /// The input was rejected (bad API key, bad pasted URL, state mismatch).
    Rejected,
    /// The network or the service failed; retrying may help.
    Unavailable,
    /// The operation was cancelled (sign-in cancelled or timed out).
    Cancelled,
}

impl ServiceError {
    /// A failure of `kind` with `message`.
    pub fn new(kind: ServiceErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ServiceError {}

/// Identifies one sign-in attempt inside the services (listener, state, verifier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttemptId(pub u64);

/// A browser sign-in that has started: what the operator needs to finish it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInStarted {
    /// The attempt, for paste / wait / cancel.
    pub attempt: AttemptId,
    /// The authorize URL to open (holds no secret: state and challenge are public).
    pub authorize_url: String,
    /// Port of the loopback listener on 127.0.0.1, when one runs.
    pub listener_port: Option<u16>,
    /// When the attempt gives up.
    pub expires_at: OffsetDateTime,
}

/// A device sign-in that has started (RFC 8628): the code to show and where to enter it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSignInStarted {
    /// The attempt, for finish / cancel (shares the id space of browser attempts).
    pub attempt: AttemptId,
    /// The code the operator types on the other device (short-lived; kept out of logs).
    pub user_code: Secret,
    /// Where to type it.
    pub verification_uri: String,
    /// The same page with the code filled in, when the provider gives one (holds the code).
    pub verification_uri_complete: Option<Secret>,
    /// When the code expires.
    pub expires_at: OffsetDateTime,
}

/// A future returned by a service call.
pub type ServiceFuture<T> = BoxFuture<'static, Result<T, ServiceError>>;

/// Everything the dashboard asks of the outside world.
///
/// Async calls return `'static` futures so the run loop can run them on tokio tasks; each
/// result comes back to `update` as an action tagged with the request that asked for it.
pub trait Services: Send + Sync + 'static {
    /// The current time; the run loop stamps it on the app before every update.
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    /// Lists the connected accounts.
    fn list_accounts(&self) -> ServiceFuture<Vec<AccountRow>>;

    /// Verifies an email + Developer API key pair with one API call, then saves the account.
    fn add_api_key_account(
        &self,
        provider: &str,
        email: &str,
        api_key: Secret,
    ) -> ServiceFuture<AccountRow>;

    /// Starts a browser sign-in (listener, state, PKCE) and returns the URL to open.
    fn start_sign_in(&self, provider: &str) -> ServiceFuture<SignInStarted>;

    /// Waits until the attempt completes (callback on the listener or a pasted URL), then
    /// exchanges the code, saves the account and returns it.
    fn finish_sign_in(&self, attempt: AttemptId) -> ServiceFuture<AccountRow>;

    /// Hands the URL the browser ended on to the attempt (the paste fallback).
    fn paste_redirect(&self, attempt: AttemptId, url: Secret) -> ServiceFuture<()>;

    /// Cancels the attempt: stops its listener; its `finish_sign_in` ends with `Cancelled`.
    fn cancel_sign_in(&self, attempt: AttemptId);

    /// Revokes what can be revoked and deletes the account's local secrets; the answer says
    /// what could and could not be revoked.
    fn disconnect(&self, account_id: &str) -> ServiceFuture<String>;

    /// Copies text to the operator's clipboard (OSC 52 through the terminal).
    fn copy_to_clipboard(&self, text: &str) -> Result<(), ServiceError>;

    /// Opens a URL in the system browser; `Ok(false)` when none can open here.
    fn open_browser(&self, url: &str) -> ServiceFuture<bool>;

    // Issue 6: accounts actions and the sandbox keyboard sign-in. Defaults refuse, so a
    // test double only implements what it needs.

    /// Makes the account the default one; the answer is a sentence for the operator.
    fn set_default(&self, _account_id: &str) -> ServiceFuture<String> {
        unsupported("setting the default account")
    }

    /// Changes the account's label; the answer is a sentence for the operator.
    fn rename_account(&self, _account_id: &str, _label: &str) -> ServiceFuture<String> {
        unsupported("renaming accounts")
    }

    /// Refreshes the account's OAuth token now; the answer says until when it is valid.
    fn refresh_token(&self, _account_id: &str) -> ServiceFuture<String> {
        unsupported("refreshing tokens")
    }

    /// Signs in at the sandbox behind `authorize_url` from the terminal (updash acts as the
    /// browser; sandbox only); the attempt then completes through its listener.
    fn keyboard_sign_in(
        &self,
        _authorize_url: &str,
        _email: &str,
        _password: Secret,
    ) -> ServiceFuture<()> {
        unsupported("signing in from the terminal")
    }

    // ---- Database operations (the Databases pane and the creation wizard) ----
    // Only `database_client` must be implemented; the calls default to that client.

    /// The Developer API client of a connected account (`Session::client_for`).
    fn database_client(&self, account_id: &str) -> Result<Client, ServiceError>;

    /// Lists the databases of an account (credentials included, as the API sends them).
    fn list_databases(&self, account_id: &str) -> ServiceFuture<Vec<Database>> {
        db_calls::list_databases(self.database_client(account_id))
    }

    /// Reads one database with its credentials.
    fn get_database(&self, account_id: &str, id: &str) -> ServiceFuture<Database> {
        db_calls::get_database(self.database_client(account_id), id)
    }

    /// Reads a database's usage over `period`.
    fn database_stats(
        &self,
        account_id: &str,
        id: &str,
        period: StatsPeriod,
    ) -> ServiceFuture<DatabaseStats> {
        db_calls::database_stats(self.database_client(account_id), id, period)
    }

    /// Creates a database. With `not_before` (Unix seconds: a retry after a lost answer),
    /// first looks for a database of that name created since then and returns it instead.
    fn create_database(
        &self,
        account_id: &str,
        request: CreateDatabase,
        not_before: Option<i64>,
    ) -> ServiceFuture<Database> {
        db_calls::create_database(self.database_client(account_id), request, not_before)
    }

    /// Renames a database.
    fn rename_database(&self, account_id: &str, id: &str, name: &str) -> ServiceFuture<Database> {
        db_calls::rename_database(self.database_client(account_id), id, name)
    }

    /// Resets a database's password; returns it with the new credentials.
    fn reset_password(&self, account_id: &str, id: &str) -> ServiceFuture<Database> {
        db_calls::reset_password(self.database_client(account_id), id)
    }

    /// Replaces a database's read regions.
    fn update_read_regions(
        &self,
        account_id: &str,
        id: &str,
        read_regions: Vec<String>,
    ) -> ServiceFuture<()> {
        db_calls::update_read_regions(self.database_client(account_id), id, read_regions)
    }

    /// Turns eviction on or off.
    fn set_eviction(&self, account_id: &str, id: &str, on: bool) -> ServiceFuture<()> {
        db_calls::set_eviction(self.database_client(account_id), id, on)
    }

    /// Deletes a database.
    fn delete_database(&self, account_id: &str, id: &str) -> ServiceFuture<()> {
        db_calls::delete_database(self.database_client(account_id), id)
    }

    /// Lists the teams the account belongs to.
    fn list_teams(&self, account_id: &str) -> ServiceFuture<Vec<Team>> {
        db_calls::list_teams(self.database_client(account_id))
    }

    // Issue 6: the device flow.

    /// Starts a device sign-in at `provider` (RFC 8628): the user code and where to enter it.
    fn start_device_sign_in(&self, _provider: &str) -> ServiceFuture<DeviceSignInStarted> {
        unsupported("signing in with a code")
    }

    /// Polls until the operator approves on the other device (at the provider's interval,
    /// slowing down when told), then saves the account and returns it; denial, expiry and
    /// `cancel_sign_in` end it with an error.
    fn finish_device_sign_in(&self, _attempt: AttemptId) -> ServiceFuture<AccountRow> {
        unsupported("signing in with a code")
    }
}

/// The answer of a service that does not offer `what`.
fn unsupported<T: Send + 'static>(what: &str) -> ServiceFuture<T> {
    let error = ServiceError::new(
        ServiceErrorKind::Unavailable,
        format!("{what} is not available here"),
    );
    Box::pin(futures::future::ready(Err(error)))
}
