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
    /// A key file's mode was wider than 0600; it was set to 0600.
    KeyFileMode {
        /// The key file.
        path: PathBuf,
        /// The permission bits found.
        found: u32,
    },
    /// The key directory's mode was wider than 0700; it was set to 0700.
    KeyDirMode {
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

impl Repair {
    /// Whether this repair changed a file's or directory's mode on disk (the operator must be
    /// told: something may have read the file while it was open to others).
    pub fn is_mode(&self) -> bool {
        !matches!(self, Self::DefaultAccount { .. })
    }
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
            Self::KeyFileMode { path, found } => write!(
                f,
                "key file {} had mode {found:04o} (others could read it); set it to 0600",
                path.display()
            ),
            Self::KeyDirMode { path, found } => write!(
                f,
                "key directory {} had mode {found:04o}; set it to 0700",
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
