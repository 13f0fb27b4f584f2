//! What a connect is doing right now, for a spinner or a status line.

/// One step of turning a grant into a saved account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Trading the authorization code for tokens.
    Exchanging,
    /// Asking the provider who signed in (token claim or userinfo).
    LearningEmail,
    /// Checking the account's existing Developer API key.
    CheckingExistingKey,
    /// Minting a Developer API key with this name.
    MintingKey(String),
    /// Checking a key with one Developer API call.
    VerifyingKey,
    /// Writing the credentials file.
    Saving,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Exchanging => f.write_str("exchanging the sign-in code for tokens"),
            Self::LearningEmail => f.write_str("asking the provider for the account's email"),
            Self::CheckingExistingKey => f.write_str("checking the account's existing API key"),
            Self::MintingKey(name) => write!(f, "creating the Developer API key {name}"),
            Self::VerifyingKey => f.write_str("checking the API key with one API call"),
            Self::Saving => f.write_str("saving the account"),
        }
    }
}

/// A progress callback: `&mut |step| ...`.
pub type Progress<'a> = &'a mut (dyn FnMut(Step) + Send);
