//! Logging to `$XDG_STATE_HOME/updash/updash.log`; never to the terminal.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::Mutex;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Why logging could not start.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The level is not a tracing filter: a usage error (exit 2).
    #[error(
        "invalid log level {level:?} (use error, warn, info, debug, trace, or a filter such as updash=debug): {reason}"
    )]
    BadLevel {
        /// What was given.
        level: String,
        /// The parser's reason.
        reason: String,
    },
    /// The log file cannot be used; the command runs on without a log.
    #[error("{0}")]
    Unusable(String),
}

/// Checks `level` (a level such as `info`, or `target=level` pairs such as `updash=debug`;
/// no regular expressions, so no regex engine in the binary).
pub fn filter(level: &str) -> Result<Targets, LogError> {
    let bad = |reason: String| LogError::BadLevel {
        level: level.to_string(),
        reason,
    };
    // Targets takes any word as a target name; a target is a Rust module path here.
    for directive in level.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let target = directive.split_once('=').map_or(directive, |(t, _)| t);
        let is_level = directive
            .parse::<tracing::level_filters::LevelFilter>()
            .is_ok();
        let is_path = !target.is_empty()
            && target
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
        if !is_level && !is_path {
            return Err(bad(format!(
                "{directive:?} is neither a level nor target=level"
            )));
        }
    }
    level
        .parse()
        .map_err(|e: tracing_subscriber::filter::ParseError| bad(e.to_string()))
}

/// Starts the file logger with `filter`.
///
/// The file is opened without following a link (a link planted at the log's path would
/// otherwise make updash append to whatever it points at) and is kept private (0600, owned
/// by this user). When it cannot be used the command still runs, and the reason is returned
/// so the caller can say so once.
pub fn init(log_file: &Path, filter: Targets) -> Result<(), LogError> {
    let unusable = |what: String| LogError::Unusable(what);
    if let Some(dir) = log_file.parent() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| {
                unusable(format!(
                    "cannot create log directory {}: {e}",
                    dir.display()
                ))
            })?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(log_file)
        .map_err(|e| {
            let why = if e.raw_os_error() == Some(libc::ELOOP) {
                "it is a symbolic link".to_string()
            } else {
                e.to_string()
            };
            unusable(format!(
                "cannot open log file {}: {why}",
                log_file.display()
            ))
        })?;
    let meta = file.metadata().map_err(|e| {
        unusable(format!(
            "cannot inspect log file {}: {e}",
            log_file.display()
        ))
    })?;
    if !meta.is_file() {
        return Err(unusable(format!(
            "log file {} is not a regular file",
            log_file.display()
        )));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if meta.uid() != unsafe { libc::geteuid() } {
        return Err(unusable(format!(
            "log file {} belongs to another user",
            log_file.display()
        )));
    }
    if meta.mode() & 0o077 != 0 {
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| unusable(format!("cannot make {} private: {e}", log_file.display())))?;
    }
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(Mutex::new(file))
        .with_ansi(false);
    tracing_subscriber::registry()
        .with(layer.with_filter(filter))
        .try_init()
        .map_err(|e| unusable(format!("logger already set: {e}")))
}

// The sign-in lifecycle at `info`: one line per event with the account id and the provider's
// name, never a token, code or key.

/// An account was signed in (a new or updated account was saved); `how`: browser, device…
pub fn signed_in(account: &impl std::fmt::Display, provider: &str, how: &str) {
    tracing::info!(account = %account, provider, how, "lifecycle: signed in");
}

/// A token refresh succeeded; `rotated`: the provider sent a new refresh token.
pub fn refreshed(account: &impl std::fmt::Display, provider: &str, rotated: bool) {
    tracing::info!(account = %account, provider, rotated, "lifecycle: token refreshed");
}

/// A token (`kind`: "refresh token", "access token") was revoked at the provider, or not.
pub fn revoked(account: &impl std::fmt::Display, provider: &str, kind: &str, outcome: &str) {
    tracing::info!(account = %account, provider, token = kind, outcome, "lifecycle: revocation");
}

/// An account was removed from the credentials file; `forced`: although a revocation failed.
pub fn logged_out(account: &impl std::fmt::Display, provider: &str, forced: bool) {
    tracing::info!(account = %account, provider, forced, "lifecycle: logged out");
}
