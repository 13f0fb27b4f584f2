//! Config errors that say where the problem is and what was expected.

use std::path::{Path, PathBuf};

/// Why the config file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read config file {}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        reason: String,
    },
    /// The file is not valid TOML, has an unknown key, or a value of the wrong type.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A value parses but makes no sense (missing endpoint, bad URL, ...).
    #[error("{}:{line}:{column}: [{table}] {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the table (0 when unknown).
        line: usize,
        /// 1-based column.
        column: usize,
        /// The table, e.g. `providers.acme`.
        table: String,
        /// What is wrong.
        reason: String,
    },
}

impl ConfigError {
    /// Wraps a TOML error; only its message is kept, never the source line, which could hold
    /// a client secret.
    pub(super) fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> Self {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        Self::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    }

    pub(super) fn invalid(path: &Path, at: (usize, usize), provider: &str, reason: &str) -> Self {
        Self::Invalid {
            path: path.to_path_buf(),
            line: at.0,
            column: at.1,
            table: format!("providers.{provider}"),
            reason: reason.to_string(),
        }
    }
}

/// The 1-based line and column of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}
