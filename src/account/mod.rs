//! The account layer the CLI and the dashboard share: which account a run acts as, signing
//! in (browser, pasted address, device code, API key), the long-lived Developer API handle
//! with its re-mint-on-401 rule, status and logout.
//!
//! Nothing here prints or reads the terminal: progress is reported through a [`Step`]
//! callback, results come back as values, and every error is a plain sentence with the CLI
//! exit code that fits.
//!
//! A browser sign-in, in the order a front-end calls things:
//! 1. [`Session::start_browser_sign_in`] (or [`Session::start_device_sign_in`]) binds the
//!    listener and builds the authorize URL (or asks for a device code);
//! 2. its `wait` takes the listener's answer or a pasted address, exchanges the code and
//!    learns the email ([`Grant`]);
//! 3. when [`Grant::email`] is `None`, the front-end asks the operator once;
//! 4. [`Connector::complete`] mints (or reuses) the Developer API key, verifies it, saves;
//! 5. [`tell_browser`] answers the browser that brought the sign-in with the real outcome.

mod api;
mod connect;
mod error;
mod login_hint;
mod logout;
mod select;
mod session;
mod session_error;
mod sign_in;
mod status;
mod terminal_sign_in;

pub use api::{Api, CallError};
pub use connect::{
    Connected, Connector, Grant, KeyOutcome, Progress, Step, add_api_key_account,
    remint_after_unauthorized,
};
pub use error::{ConnectError, auth_exit_code};
pub use login_hint::LoginHint;
pub use logout::{LogoutReport, logout};
pub use select::{AccountSource, Selected, environment_credentials};
pub use session::{API_KEY_ENV, EMAIL_ENV, HTTP_TIMEOUT_ENV, Session, http_timeout_override};
pub use session_error::SessionError;
pub use sign_in::{BrowserSignIn, DeviceSignIn, tell_browser};
pub use status::{
    AccountState, AccountStatus, KeyCheck, RefreshCheck, RefreshState, StatusReport, status,
};
pub use terminal_sign_in::{TerminalSignIn, TerminalSignInError};
