//! Why no account could be used, in words, with the CLI exit code that fits.

use crate::store::StoreError;
use crate::upstash::ApiError;

/// Why a command cannot act as an account.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// No account is stored (for this mode).
    #[error("{0}")]
    NoAccount(String),
    /// The account must sign in (again).
    #[error("account {label:?} needs to sign in again: run `{hint}`")]
    NeedsSignIn {
        /// The account's label.
        label: String,
        /// The command that signs it in again.
        hint: super::LoginHint,
    },
    /// The account's provider has no Developer API.
    #[error(
        "account {label:?} ({provider}) holds OAuth tokens only; it has no Upstash Developer API"
    )]
    NotUpstash {
        /// The account's label.
        label: String,
        /// Its provider.
        provider: String,
    },
    /// The provider cannot be used in this run.
    #[error("{0}")]
    Provider(String),
    /// Only one of `UPSTASH_EMAIL` and `UPSTASH_API_KEY` is set.
    #[error("set both UPSTASH_EMAIL and UPSTASH_API_KEY, or neither")]
    HalfEnvironment,
    /// The credentials file.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The Developer API.
    #[error(transparent)]
    Api(ApiError),
}

impl SessionError {
    /// The CLI exit code: 3 needs sign-in, 2 usage/files, 1 service.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::NoAccount(_) | Self::NeedsSignIn { .. } => 3,
            Self::NotUpstash { .. }
            | Self::Provider(_)
            | Self::HalfEnvironment
            | Self::Store(_) => 2,
            Self::Api(e) => u8::try_from(e.exit_code()).unwrap_or(1),
        }
    }
}
