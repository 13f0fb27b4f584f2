//! Problems found on load and put right, reported so the operator knows.

use super::account::AccountId;
use std::fmt;
use std::path::PathBuf;

/// Something found wrong with the credentials file and repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// The file's mode was wider than 0600; it was set to 0600.
    FileMode {
        /// The file.
        path: PathBuf,
        /// The permission bits found.
        found: u32,
    },
    /// The directory's mode was wider than 0700; it was set to 0700.
    DirMode {
        /// The directory.
        path: PathBuf,
        /// The permission bits found.
        found: u32,
    },
    /// `default_account` named no account (or was missing); another was chosen.
    ///
    /// Only in memory until the next write.
    DefaultAccount {
        /// The default named in the file.
        found: Option<AccountId>,
        /// The default now used.
        using: Option<AccountId>,
    },
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FileMode { path, found } => write!(
                f,
                "credentials file {} had mode {found:04o} (others could read it); set it to 0600",
                path.display()
            ),
            Self::DirMode { path, found } => write!(
                f,
                "credentials directory {} had mode {found:04o}; set it to 0700",
                path.display()
            ),
            Self::DefaultAccount { found, using } => {
                match found {
                    Some(id) => write!(f, "default account `{id}` does not exist")?,
                    None => f.write_str("no default account was set")?,
                }
                match using {
                    Some(id) => write!(f, "; using `{id}`"),
                    None => f.write_str("; there are no accounts"),
                }
            }
        }
    }
}
