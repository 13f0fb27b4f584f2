//! What can go wrong with the credentials file, in words that say what to do.
//!
//! No variant ever holds a secret: parse errors keep only line, column and a cleaned reason
//! (quoted values are cut out), never the source line the TOML parser would quote.

use super::account::AccountId;
use super::fields::SecretField;
use super::key_error::{KeyError, UnsealProblem};
use std::io;
use std::ops::Range;
use std::path::PathBuf;

/// Longest backtick-quoted word kept in a parse reason (field names are short; tokens are not).
const MAX_KEPT_WORD: usize = 32;

/// An error of the credentials store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file system operation failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done ("read", "create the directory", ...).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// A symbolic link sits where the file (or lock file) should be.
    #[error(
        "{} is a symbolic link; updash does not follow links for credentials. \
         Replace it with the regular file it points to, then run again",
        path.display()
    )]
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// Something other than a regular file sits where the file should be.
    #[error(
        "{} is not a regular file; move it away so updash can keep credentials there",
        path.display()
    )]
    NotRegularFile {
        /// The path.
        path: PathBuf,
    },
    /// The file or its directory belongs to another user.
    #[error(
        "{} is owned by uid {owner}, not by you (uid {you}); updash refuses to use it. \
         Check who created it, then remove it or `chown` it to yourself",
        path.display()
    )]
    WrongOwner {
        /// The file or directory.
        path: PathBuf,
        /// Its owner's uid.
        owner: u32,
        /// This process's effective uid.
        you: u32,
    },
    /// The file is not valid TOML or does not match the schema.
    #[error(
        "{}:{line}:{column}: cannot read the credentials file: {reason}. \
         Fix it by hand or move it away to start over; updash will not overwrite it",
        path.display()
    )]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// The parser's reason, with quoted values removed.
        reason: String,
    },
    /// The file was written by a newer updash with a schema this one does not know.
    #[error(
        "{} has schema version {found}, but this updash understands only version {supported}; \
         upgrade updash (the file is left as it is)",
        path.display()
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: i64,
        /// The version this updash reads and writes.
        supported: u32,
    },
    /// The file is far larger than any credentials or key file.
    #[error(
        "{} is {len} bytes, more than the {max} bytes updash reads; is it the right file?",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its length.
        len: u64,
        /// The most updash reads.
        max: u64,
    },
    /// A sealed value could not be opened; nothing was written.
    #[error(
        "{}: cannot open the {field} of account {account}: {problem}. \
         The file is left as it is",
        path.display()
    )]
    Unseal {
        /// The credentials file.
        path: PathBuf,
        /// The account: its label and id.
        account: String,
        /// The field.
        field: SecretField,
        /// Why.
        problem: UnsealProblem,
    },
    /// The data key could not be had (locked, keyring unreachable, wrong passphrase, ...).
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The credentials could not be turned into TOML (a bug; nothing was written).
    #[error("cannot write the credentials as TOML: {reason}")]
    Serialize {
        /// The serializer's reason.
        reason: String,
    },
    /// No account has this id.
    #[error("no account with id `{id}`; `updash status` lists the accounts")]
    UnknownAccount {
        /// The id asked for.
        id: AccountId,
    },
    /// No account matches an id, label or email.
    #[error("no account matches `{query}` (by id, label or email); `updash status` lists them")]
    AccountNotFound {
        /// What the operator typed.
        query: String,
    },
    /// Several accounts match a label or email.
    #[error(
        "`{query}` matches {} accounts ({}); use the account id instead",
        ids.len(),
        ids.iter().map(AccountId::as_str).collect::<Vec<_>>().join(", ")
    )]
    AmbiguousAccount {
        /// What the operator typed.
        query: String,
        /// The ids of the matching accounts.
        ids: Vec<AccountId>,
    },
    /// No unused account id was found (practically impossible).
    #[error("could not generate an unused account id; try again")]
    NoFreeId,
}

impl StoreError {
    /// Whether the error only means "the data key is not available now" (locked, keyring
    /// unreachable): the file is fine, and what needs no secret can still be shown.
    pub fn is_key_unavailable(&self) -> bool {
        let key = match self {
            Self::Key(k) => k,
            Self::Unseal {
                problem: UnsealProblem::Key(k),
                ..
            } => k,
            _ => return false,
        };
        matches!(
            key,
            KeyError::Locked | KeyError::KeyringUnreachable { .. } | KeyError::Missing { .. }
        )
    }

    /// Whether the operator must unlock the credentials (passphrase protection) first: the
    /// dashboard shows its passphrase dialog and calls [`super::Store::unlock_with`].
    pub fn needs_unlock(&self) -> bool {
        matches!(
            self,
            Self::Key(KeyError::Locked)
                | Self::Unseal {
                    problem: UnsealProblem::Key(KeyError::Locked),
                    ..
                }
        )
    }

    /// An I/O error with its action and path.
    pub(super) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// A parse error located in `text`, with a reason that cannot carry a secret.
    pub(super) fn parse(
        path: impl Into<PathBuf>,
        text: &str,
        span: Option<Range<usize>>,
        message: &str,
    ) -> Self {
        let (line, column) = line_and_column(text, span.map_or(0, |s| s.start));
        Self::Parse {
            path: path.into(),
            line,
            column,
            reason: clean_reason(message),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The parser's reason on one line, with every double-quoted value and every long
/// backtick-quoted word replaced by `…`: serde quotes unexpected values
/// (`invalid type: string "…"`), and a value may be a token.
fn clean_reason(message: &str) -> String {
    let one_line = message
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ");
    let mut out = String::with_capacity(one_line.len());
    let mut rest = one_line.as_str();
    while let Some(start) = rest.find(['"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(len) = after.find(quote) else {
            // Unbalanced quote: drop everything after it rather than risk a value.
            out.push(quote);
            out.push('…');
            return out;
        };
        let inner = &after[..len];
        let keep = quote == '`' && inner.len() <= MAX_KEPT_WORD;
        out.push(quote);
        out.push_str(if keep { inner } else { "…" });
        out.push(quote);
        rest = &after[len + 1..];
    }
    out.push_str(rest);
    out.trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_reason_cuts_values() {
        let r = clean_reason("invalid type: string \"SECRET-MARKER-1\", expected a sequence");
        assert_eq!(r, "invalid type: string \"…\", expected a sequence");
        let r = clean_reason("unknown field `labl`, expected one of `provider`, `label`");
        assert_eq!(
            r,
            "unknown field `labl`, expected one of `provider`, `label`"
        );
        let long = format!("unknown field `{}`", "x".repeat(40));
        assert_eq!(clean_reason(&long), "unknown field `…`");
        assert_eq!(clean_reason("bad \"SECRET-MARKER-2"), "bad \"…");
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        let x = text.find('x').unwrap_or(0);
        assert_eq!(line_and_column(text, x), (2, 6));
        assert_eq!(line_and_column(text, 10_000), (3, 1));
    }
}
