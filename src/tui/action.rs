//! Everything that can happen to the dashboard: input, time, and finished background work.

use super::effect::RequestId;
use super::services::{DeviceSignInStarted, ServiceError, SignInStarted};
use super::toast::ToastKind;
use super::view_model::AccountRow;
use crate::upstash::{Database, DatabaseReply};
use crossterm::event::KeyEvent;

/// One input to [`update`](super::update).
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
    /// A timer fired (toast expiry); the loop already updated `App::now`.
    Tick,
    /// Advance the loading spinner (sent only while something loads).
    SpinnerTick,
    /// Quit now (a signal: SIGTERM, SIGHUP).
    Quit,
    /// Show a toast.
    Notify(ToastKind, String),
    /// Answer to `Effect::LoadAccounts`.
    AccountsLoaded {
        /// The request answered.
        request: RequestId,
        /// The accounts or why not.
        result: Result<Vec<AccountRow>, ServiceError>,
    },
    /// Answer to `Effect::LoadDatabases`.
    DatabasesLoaded {
        /// The request answered.
        request: RequestId,
        /// The databases or why not.
        result: Result<Vec<Database>, ServiceError>,
    },
    /// First answer to `Effect::StartSignIn`: the URL to open, or why it could not start.
    SignInStarted {
        /// The request answered.
        request: RequestId,
        /// The started attempt or why not.
        result: Result<SignInStarted, ServiceError>,
    },
    /// A pasted redirect URL was not accepted (the attempt keeps waiting).
    PasteRejected {
        /// The sign-in request.
        request: RequestId,
        /// Why.
        error: ServiceError,
    },
    /// An account was connected (API key verified, or sign-in finished) or it failed.
    AccountAdded {
        /// The request answered.
        request: RequestId,
        /// The new account or why not.
        result: Result<AccountRow, ServiceError>,
    },
    /// Answer to `Effect::Disconnect`: a summary of what was revoked.
    Disconnected {
        /// The request answered.
        request: RequestId,
        /// Summary or why not.
        result: Result<String, ServiceError>,
    },
    /// Answer to `Effect::UpdateAccount`: a sentence for the toast, or why not.
    AccountUpdated {
        /// The request answered.
        request: RequestId,
        /// Summary or why not.
        result: Result<String, ServiceError>,
    },
    /// The sandbox refused the typed email and password (the attempt keeps waiting).
    KeyboardSignInRejected {
        /// The sign-in request.
        request: RequestId,
        /// Why.
        error: ServiceError,
    },
    /// Answer to `Effect::Database`.
    DatabaseDone {
        /// The request answered.
        request: RequestId,
        /// What the call returned or why not.
        result: Result<DatabaseReply, ServiceError>,
    },
    /// First answer to `Effect::StartDeviceSignIn`: the code to show, or why not.
    DeviceSignInStarted {
        /// The request answered.
        request: RequestId,
        /// The started attempt or why not.
        result: Result<DeviceSignInStarted, ServiceError>,
    },
}
