//! Side effects `update` asks for; the run loop executes them through `Services`.

use super::request::RequestId;
use super::services::{AccountChange, AttemptId, DataTarget, RedisBatch};
use crate::secret::Secret;
use crate::upstash::{DatabaseCall, ProductCall};
use time::OffsetDateTime;

/// One side effect. Each async one reports back with an answer carrying the same
/// [`RequestId`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Leave the dashboard.
    Quit,
    /// Wake the loop at this time (toast expiry); it sends `Action::Tick`.
    WakeAt(OffsetDateTime),
    /// Load the account list → `Answer::AccountsLoaded`.
    LoadAccounts {
        /// The request.
        request: RequestId,
    },
    /// Load one account's databases → `Answer::DatabasesLoaded`.
    LoadDatabases {
        /// The request.
        request: RequestId,
        /// The account.
        account_id: String,
    },
    /// Verify and save an email + API key account → `Answer::AccountAdded`.
    AddApiKeyAccount {
        /// The request.
        request: RequestId,
        /// Provider name.
        provider: String,
        /// The account email.
        email: String,
        /// The Developer API key.
        api_key: Secret,
    },
    /// Start a browser sign-in → `Answer::SignInStarted`, then, once it completes,
    /// `Answer::AccountAdded` with the same request.
    StartSignIn {
        /// The request.
        request: RequestId,
        /// Provider name.
        provider: String,
    },
    /// Feed a pasted redirect URL to an attempt → `Answer::PasteRejected` if it fails.
    PasteRedirect {
        /// The sign-in request the attempt belongs to.
        request: RequestId,
        /// The attempt.
        attempt: AttemptId,
        /// What the operator pasted (holds the code).
        url: Secret,
    },
    /// Cancel a sign-in attempt (no answer).
    CancelSignIn {
        /// The attempt.
        attempt: AttemptId,
    },
    /// Disconnect an account → `Answer::Disconnected`.
    Disconnect {
        /// The request.
        request: RequestId,
        /// The account.
        account_id: String,
    },
    /// Copy text to the clipboard (OSC 52); a failure comes back as an error toast.
    CopyToClipboard(String),
    /// Open a URL in the system browser; a failure comes back as a toast.
    OpenBrowser(String),
    /// Change an account (default, label, token refresh) → `Answer::AccountUpdated`.
    UpdateAccount {
        /// The request.
        request: RequestId,
        /// The account.
        account_id: String,
        /// What changes.
        change: AccountChange,
    },
    /// Sign in at the sandbox from the terminal (updash plays the browser) →
    /// `Answer::KeyboardSignInRejected` if refused; success completes the attempt.
    KeyboardSignIn {
        /// The sign-in request the attempt belongs to.
        request: RequestId,
        /// The attempt's authorize URL.
        authorize_url: String,
        /// The sandbox user's email.
        email: String,
        /// The sandbox user's password.
        password: Secret,
    },
    /// A database call of an account → `Answer::DatabaseDone`.
    Database {
        /// The request.
        request: RequestId,
        /// The account.
        account_id: String,
        /// What to do.
        call: DatabaseCall,
    },
    /// A Vector, Search or QStash call of an account → `Answer::ProductDone`.
    Product {
        /// The request.
        request: RequestId,
        /// The account.
        account_id: String,
        /// What to do.
        call: ProductCall,
    },
    /// Start a device sign-in → `Answer::DeviceSignInStarted`, then, once it is approved
    /// (or denied, expired, cancelled), `Answer::AccountAdded` with the same request.
    /// Cancel it with `Effect::CancelSignIn`.
    StartDeviceSignIn {
        /// The request.
        request: RequestId,
        /// Provider name.
        provider: String,
    },
    /// Unlock the passphrase-protected credentials → `Answer::Unlocked`.
    Unlock {
        /// The request.
        request: RequestId,
        /// The passphrase as typed.
        passphrase: Secret,
    },
    /// Edit text in `$EDITOR` (the dashboard gives the terminal to the editor meanwhile) →
    /// `Answer::Edited`.
    EditText {
        /// The request.
        request: RequestId,
        /// The text to start from.
        text: String,
    },
    /// Read the command line's history → `Answer::HistoryLoaded`.
    LoadHistory {
        /// The request.
        request: RequestId,
    },
    /// Add a line to the command line's history (a failure comes back as a toast).
    AppendHistory(String),
    /// Redis commands for one database → `Answer::RedisDone`.
    Redis {
        /// The request.
        request: RequestId,
        /// The database.
        target: DataTarget,
        /// The commands.
        batch: RedisBatch,
    },
}
