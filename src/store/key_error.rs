//! What can go wrong with the data key, in words that say what to do. No variant holds a key,
//! a passphrase or a secret value.

use super::seal::{KeyId, OpenFailure};
use std::fmt;
use std::path::PathBuf;

/// The data key could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key is sealed with a passphrase and not unlocked (not cached, no prompt).
    #[error(
        "the credentials are sealed with a passphrase and locked: run `updash unlock` on a \
         terminal (or type the passphrase when a command asks), then try again"
    )]
    Locked,
    /// The passphrase did not unwrap the key.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// A passphrase was needed to create the key, and none was given.
    #[error(
        "`[store] protection = \"passphrase\"` needs a passphrase before secrets can be \
         saved: run `updash store protect --with passphrase` on a terminal"
    )]
    NoPassphrase,
    /// The passphrase given to protect the key is too short.
    #[error("the passphrase is too short: use at least {min} characters")]
    WeakPassphrase {
        /// The shortest length accepted.
        min: usize,
    },
    /// The store's protection is not a passphrase (for unlock and lock).
    #[error(
        "the credentials are not protected by a passphrase (protection: {0}); nothing to unlock"
    )]
    NotPassphrase(String),
    /// No key with this id is where the protection keeps it.
    #[error("{where_}: no data key with id {id} (the file was sealed with it)")]
    Missing {
        /// Where it was looked for.
        where_: String,
        /// The id the credentials file names.
        id: KeyId,
    },
    /// The OS keyring could not be reached, refused, or did not answer in time.
    #[error(
        "the OS keyring is unreachable ({reason}); with `protection = \"keyring\"` the data key \
         lives there. Unlock or start the keyring (on Linux a Secret Service such as GNOME \
         Keyring or KeePassXC, reached over the session D-Bus), or, where it works, move the \
         key with `updash store protect --with keyfile`"
    )]
    KeyringUnreachable {
        /// What went wrong, in the keyring's words or "no answer within 3 s".
        reason: String,
    },
    /// The kernel keyring cannot cache the unlocked key here.
    #[error(
        "the kernel keyring is unavailable here ({reason}; containers often deny the keyctl \
         calls), so an unlocked key cannot be kept between commands: each command asks for \
         the passphrase on its terminal instead"
    )]
    KernelKeyringUnavailable {
        /// What the kernel answered.
        reason: String,
    },
    /// The store was opened without a key directory, so it cannot seal.
    #[error("this store keeps secrets in plain text (it was opened without a key directory)")]
    PlainStore,
    /// A key file holds a line updash cannot read.
    #[error("{}:{line}: not a key line updash can read; the file is left as it is", path.display())]
    BadKeyFile {
        /// The key file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
    },
}

/// Why one sealed value could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsealProblem {
    /// The value is not in a sealed form updash reads.
    Malformed,
    /// A newer updash sealed it.
    UnknownVersion,
    /// It does not open under its account and field with the file's key.
    Rejected,
    /// The data key could not be had.
    Key(KeyError),
    /// The store was opened without a key (a plain store).
    NoKey,
    /// The file has sealed values but no `[seal]` table naming their key.
    NoHeader,
}

impl From<OpenFailure> for UnsealProblem {
    fn from(f: OpenFailure) -> Self {
        match f {
            OpenFailure::Malformed => Self::Malformed,
            OpenFailure::UnknownVersion => Self::UnknownVersion,
            OpenFailure::Rejected => Self::Rejected,
        }
    }
}

impl fmt::Display for UnsealProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed => f.write_str(
                "the value is not a sealed value updash can read (cut short or edited by hand?)",
            ),
            Self::UnknownVersion => {
                f.write_str("the value was sealed by a newer updash; upgrade updash")
            }
            Self::Rejected => f.write_str(
                "the value does not open with the data key for this account and field: it was \
                 moved from another account or field, changed or cut short, or the key is not \
                 the one that sealed it",
            ),
            Self::Key(e) => write!(f, "{e}"),
            Self::NoKey => f.write_str("this store was opened without a data key"),
            Self::NoHeader => f.write_str(
                "the file has sealed values but no [seal] table naming the key that sealed them",
            ),
        }
    }
}
