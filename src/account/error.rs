//! Why connecting, logging out or re-minting failed, in words, with the CLI exit code.

/// Exit code: the service or the network failed.
const SERVICE: u8 = 1;
/// Exit code: usage, configuration or credentials-file error.
const USAGE: u8 = 2;
/// Exit code: a sign-in is needed (refused, denied, expired, timed out).
const NEEDS_SIGN_IN: u8 = 3;

use super::LoginHint;
use crate::auth::AuthError;
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
    /// The label asked for already names another account.
    #[error(
        "the label {label:?} already names another account ({holder}); choose another with \
         --account, or `updash logout {label}` first"
    )]
    LabelTaken {
        /// The label.
        label: String,
        /// Who has it (email, else provider).
        holder: String,
    },
    /// The account's saved sign-in no longer works.
    #[error("account {label:?} needs to sign in again: run `{hint}`")]
    NeedsSignIn {
        /// The account's label.
        label: String,
        /// The command that signs it in again.
        hint: LoginHint,
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
            Self::Api(e) => u8::try_from(e.exit_code()).unwrap_or(SERVICE),
            Self::KeyRefused { .. } | Self::NeedsSignIn { .. } => NEEDS_SIGN_IN,
            Self::EmailUnknown
            | Self::LabelTaken { .. }
            | Self::Unsupported(_)
            | Self::Store(_) => USAGE,
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
        | AuthError::IssuerMismatch { .. }
        | AuthError::IssuerMissing { .. }
        | AuthError::BadPaste(_)
        | AuthError::TimedOut(_)
        | AuthError::Cancelled
        | AuthError::CodeRejected { .. }
        | AuthError::NeedsSignIn
        | AuthError::DeviceCodeExpired => NEEDS_SIGN_IN,
        AuthError::NotConfigured(_)
        | AuthError::PortInUse { .. }
        | AuthError::Listen { .. }
        | AuthError::RedirectNotLoopback(_)
        | AuthError::InvalidClient { .. }
        | AuthError::UnauthorizedClient { .. }
        | AuthError::InvalidScope { .. }
        | AuthError::Store(_) => USAGE,
        AuthError::Refused { .. } | AuthError::Network { .. } | AuthError::BadResponse { .. } => {
            SERVICE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn exit_codes_follow_the_help() {
        assert_eq!(
            auth_exit_code(&AuthError::AccessDenied { description: None }),
            3
        );
        assert_eq!(
            auth_exit_code(&AuthError::TimedOut(Duration::from_secs(1))),
            3
        );
        assert_eq!(
            auth_exit_code(&AuthError::CodeRejected { description: None }),
            3
        );
        assert_eq!(auth_exit_code(&AuthError::NotConfigured("x".into())), 2);
        let port = AuthError::PortInUse {
            port: 3000,
            host: "127.0.0.1".into(),
            redirect_uri: "http://localhost:3000".into(),
        };
        assert_eq!(auth_exit_code(&port), 2);
        let net = AuthError::Network {
            endpoint: "http://127.0.0.1:1/oauth/token".into(),
            reason: "refused".into(),
        };
        assert_eq!(auth_exit_code(&net), 1);
        assert_eq!(ConnectError::EmailUnknown.exit_code(), 2);
        assert_eq!(
            ConnectError::KeyRefused {
                email: "a@b.c".into()
            }
            .exit_code(),
            3
        );
    }
}
