//! The seam between the dashboard and the outside world (store, OAuth, Developer API,
//! clipboard, browser). The run loop calls it to execute [`Effect`](super::Effect)s; the real
//! implementation wires `store`, `auth` and `upstash`; tests may substitute their own.

use super::view_model::AccountRow;
use crate::redis::{RedisError, Reply};
use crate::secret::Secret;
use crate::upstash::{DatabaseCall, DatabaseReply, ProductCall, ProductReply};
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
        // Messages quote providers and files; every screen shows them as they are here.
        let message = message.into();
        let message = match crate::output::sanitize(&message) {
            std::borrow::Cow::Borrowed(_) => message,
            std::borrow::Cow::Owned(shown) => shown,
        };
        Self { kind, message }
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

/// A change to a connected account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    /// Make it the default account.
    SetDefault,
    /// Give it a new label.
    Rename(String),
    /// Refresh its OAuth token now.
    RefreshToken,
}

/// Which database's data a Redis call is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DataTarget {
    /// The account the database belongs to.
    pub account_id: String,
    /// The database.
    pub database_id: String,
}

/// Redis commands sent in one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedisBatch {
    /// The commands, each a name and its arguments.
    pub commands: Vec<Vec<String>>,
    /// Run them as one transaction (MULTI/EXEC) instead of a pipeline.
    pub atomic: bool,
}

/// One result per command of a [`RedisBatch`].
pub type RedisResults = Vec<Result<Reply, RedisError>>;

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

    /// Changes an account (default, label, token refresh); the answer is a sentence for the
    /// operator. Refused unless implemented, so a test double implements only what it needs.
    fn update_account(&self, _account_id: &str, _change: AccountChange) -> ServiceFuture<String> {
        unsupported("changing accounts")
    }

    /// Signs in from the terminal at the pages behind `authorize_url`, when the run offers it
    /// (the sandbox's); the attempt then completes through its listener.
    fn keyboard_sign_in(
        &self,
        _authorize_url: &str,
        _email: &str,
        _password: Secret,
    ) -> ServiceFuture<()> {
        unsupported("signing in from the terminal")
    }

    /// Runs a Developer API call on the account's databases (a refused key is re-minted
    /// once for accounts connected with OAuth).
    fn database(&self, account_id: &str, call: DatabaseCall) -> ServiceFuture<DatabaseReply>;

    /// Sends Redis commands to one database over its REST API in one request (a pipeline,
    /// or a transaction when `atomic`); one result per command. The database's REST token
    /// comes from the Developer API on first use, stays in memory, and is fetched again once
    /// when the endpoint refuses it (a password reset replaced it).
    fn redis(&self, _target: &DataTarget, _batch: RedisBatch) -> ServiceFuture<RedisResults> {
        unsupported("browsing data")
    }

    /// Unlocks passphrase-protected credentials with `passphrase` for this process; a wrong
    /// one is `Rejected`.
    fn unlock(&self, _passphrase: Secret) -> ServiceFuture<()> {
        unsupported("unlocking the credentials")
    }

    /// Opens `text` in the operator's `$EDITOR` (`$VISUAL` first) and returns what was
    /// saved, or `None` when it was left unchanged. Blocks while the editor runs: the run
    /// loop hands it the terminal and draws nothing meanwhile.
    fn edit_text(&self, _text: &str) -> Result<Option<String>, ServiceError> {
        Err(ServiceError::new(
            ServiceErrorKind::Unavailable,
            "editing in $EDITOR is not available here",
        ))
    }

    /// The data console's history, oldest first (none unless implemented).
    fn console_history(&self) -> ServiceFuture<Vec<String>> {
        Box::pin(futures::future::ready(Ok(Vec::new())))
    }

    /// Adds a line to the data console's history (kept nowhere unless implemented).
    fn remember_command(&self, _line: &str) -> ServiceFuture<()> {
        Box::pin(futures::future::ready(Ok(())))
    }

    /// Runs a Developer API call on the account's Vector indexes, Search indexes or QStash
    /// (one entry point for every product call, like [`Services::database`]).
    fn product(&self, _account_id: &str, _call: ProductCall) -> ServiceFuture<ProductReply> {
        unsupported("Vector, Search and QStash")
    }

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
