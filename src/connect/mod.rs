//! The glue that turns an OAuth grant (or an existing API key) into a saved account, and
//! the account-level operations around it: log out, status, re-mint after a 401.
//!
//! Shared by the CLI and the dashboard, so nothing here prints or reads the terminal:
//! progress is reported through a [`Step`] callback, results come back as values, and every
//! error is a plain sentence ([`ConnectError`]) with the CLI exit code that fits.
//!
//! A browser sign-in, in the order a front-end calls things:
//! 1. [`crate::auth::LoginAttempt`] (or the device flow on [`crate::auth::OAuthClient`])
//!    yields an [`crate::auth::AuthCode`] (or tokens);
//! 2. [`Connector::exchange`] trades the code for tokens and learns the email;
//! 3. when [`Grant::email`] is `None`, the front-end asks the operator once;
//! 4. [`Connector::complete`] mints (or reuses) the Developer API key, verifies it, saves.
//!
//! [`Connector::finish`] does 2–4 in one call when the email is known or not needed.

mod api_key;
mod complete;
mod error;
mod grant;
mod label;
mod logout;
mod mint;
mod progress;
mod remint;
mod status;
mod terminal_sign_in;

pub use api_key::add_api_key_account;
pub use complete::{Connected, KeyOutcome};
pub use error::{ConnectError, auth_exit_code};
pub use grant::{Connector, Grant};
pub use logout::{LogoutReport, logout};
pub use progress::Step;
pub use remint::remint_after_unauthorized;
pub use status::{AccountStatus, RefreshCheck, RefreshState, StatusReport, status};
pub use terminal_sign_in::{TerminalSignIn, TerminalSignInError};
