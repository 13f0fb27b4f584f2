//! Everything that can happen to the dashboard: input, time, and finished background work.

use super::request::RequestId;
use super::services::{DeviceSignInStarted, RedisResults, ServiceError, SignInStarted};
use super::toast::ToastKind;
use super::view_model::AccountRow;
use crate::upstash::{Database, DatabaseReply, ProductReply};
use crossterm::event::KeyEvent;

/// One input to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// First action of a run: load what the screens need.
    Start,
    /// A key was pressed (key releases never become actions).
    Key(KeyEvent),
    /// Text pasted with bracketed paste.
    Paste(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// A timer fired (toast expiry, automatic refresh); the loop already updated `App::now`.
    Tick,
    /// Advance the loading spinner (sent only while something loads).
    SpinnerTick,
    /// The terminal was handed back (after an external editor): draw every cell again.
    Redraw,
    /// Quit now (a signal: SIGTERM, SIGHUP).
    Quit,
    /// Show a toast.
    Notify(ToastKind, String),
    /// A service answered a request; the answer goes to the tab that asked.
    Answer {
        /// The request answered.
        request: RequestId,
        /// What it answered.
        answer: Answer,
    },
}

/// What a service answered, by the effect that asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// To `Effect::LoadAccounts`: the accounts or why not.
    AccountsLoaded(Result<Vec<AccountRow>, ServiceError>),
    /// To `Effect::LoadDatabases`: the databases or why not.
    DatabasesLoaded(Result<Vec<Database>, ServiceError>),
    /// First answer to `Effect::StartSignIn`: the URL to open, or why it could not start.
    SignInStarted(Result<SignInStarted, ServiceError>),
    /// A pasted redirect URL was not accepted (the attempt keeps waiting).
    PasteRejected(ServiceError),
    /// An account was connected (API key verified, or sign-in finished) or it failed.
    AccountAdded(Result<AccountRow, ServiceError>),
    /// To `Effect::Disconnect`: a summary of what was revoked, or why not.
    Disconnected(Result<String, ServiceError>),
    /// To `Effect::UpdateAccount`: a sentence for the toast, or why not.
    AccountUpdated(Result<String, ServiceError>),
    /// The sandbox refused the typed email and password (the attempt keeps waiting).
    KeyboardSignInRejected(ServiceError),
    /// To `Effect::Database`: what the call returned or why not.
    DatabaseDone(Result<DatabaseReply, ServiceError>),
    /// First answer to `Effect::StartDeviceSignIn`: the code to show, or why not.
    DeviceSignInStarted(Result<DeviceSignInStarted, ServiceError>),
    /// To `Effect::Unlock`: unlocked, or why not (a wrong passphrase is `Rejected`).
    Unlocked(Result<(), ServiceError>),
    /// To `Effect::Redis`: one result per command, or why the request failed as a whole.
    RedisDone(Result<RedisResults, ServiceError>),
    /// To `Effect::EditText`: the edited text (`None`: left unchanged), or why not.
    Edited(Result<Option<String>, ServiceError>),
    /// To `Effect::LoadHistory`: the command line's history, oldest first.
    HistoryLoaded(Result<Vec<String>, ServiceError>),
    /// To `Effect::Product`: what the call returned or why not.
    ProductDone(Result<ProductReply, ServiceError>),
}
