//! Why connecting, logging out or re-minting failed, in words, with the CLI exit code.

use crate::auth::AuthError;
use crate::cli::exit;
use crate::store::StoreError;
use crate::upstash::ApiError;

/// A failed connect, logout, status check or re-mint.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The OAuth part (sign-in, exchange, refresh, revoke).
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// A Developer API call (minting or checking a key).
    #[error(transparent)]
    Api(ApiError),
    /// The Developer API refused the email and key pair.
    #[error(
        "Upstash refused the email {email} with this API key (HTTP 401); check both, \
         and create a new key in the Upstash console if the old one was deleted"
    )]
    KeyRefused {
        /// The email that was tried.
        email: String,
    },
    /// The provider did not say who signed in, and no email was given.
    #[error(
        "the provider did not say which email signed in; run the sign-in again with --email YOU@EXAMPLE.COM"
    )]
    EmailUnknown,
    /// The account's saved sign-in no longer works.
    #[error(
        "account {label:?} needs to sign in again: run `updash login{sandbox_flag} --account {label}`"
    )]
    NeedsSignIn {
        /// The account's label.
        label: String,
        /// " --sandbox" for sandbox accounts.
        sandbox_flag: &'static str,
    },
    /// What was asked cannot be done with this provider or account (a usage error).
    #[error("{0}")]
    Unsupported(String),
    /// The credentials file.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ConnectError {
    /// The CLI exit code: 1 service or network, 2 usage or files, 3 sign-in refused.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Auth(e) => auth_exit_code(e),
            Self::Api(e) => u8::try_from(e.exit_code()).unwrap_or(exit::SERVICE),
            Self::KeyRefused { .. } | Self::NeedsSignIn { .. } => exit::NEEDS_SIGN_IN,
            Self::EmailUnknown | Self::Unsupported(_) | Self::Store(_) => exit::USAGE,
        }
    }
}

impl From<ApiError> for ConnectError {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

/// The exit code for an OAuth failure: 3 when the sign-in itself was refused, denied, timed
/// out or must be redone; 2 when the provider's configuration (or a taken port) prevents it;
/// 1 for network and provider outages. Cancellation is the caller's business (130).
pub fn auth_exit_code(e: &AuthError) -> u8 {
    match e {
        AuthError::AccessDenied { .. }
        | AuthError::AuthorizeFailed { .. }
        | AuthError::StateMismatch
        | AuthError::BadPaste(_)
        | AuthError::TimedOut(_)
        | AuthError::Cancelled
        | AuthError::CodeRejected { .. }
        | AuthError::NeedsSignIn
        | AuthError::DeviceCodeExpired => exit::NEEDS_SIGN_IN,
        AuthError::NotConfigured(_)
        | AuthError::PortInUse { .. }
        | AuthError::Listen { .. }
        | AuthError::RedirectNotLoopback(_)
        | AuthError::InvalidClient { .. }
        | AuthError::UnauthorizedClient { .. }
        | AuthError::InvalidScope { .. }
        | AuthError::Store(_) => exit::USAGE,
        AuthError::Refused { .. } | AuthError::Network { .. } | AuthError::BadResponse { .. } => {
            exit::SERVICE
        }
    }
}
