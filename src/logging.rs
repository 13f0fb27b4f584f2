//! Logging to `$XDG_STATE_HOME/updash/updash.log`; never to the terminal.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Mutex;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Starts the file logger at `level` (a tracing filter such as `info` or `updash=debug`).
///
/// Logging is best effort: when the log file cannot be opened the command still runs, and the
/// reason is returned so the caller can mention it once.
pub fn init(log_file: &Path, level: &str) -> Result<(), String> {
    // Targets: a level, or `target=level` pairs; no regular expressions to carry along.
    let filter: Targets = level
        .parse()
        .map_err(|e| format!("invalid log level {level:?}: {e}"))?;
    if let Some(dir) = log_file.parent() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| format!("cannot create log directory {}: {e}", dir.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(log_file)
        .map_err(|e| format!("cannot open log file {}: {e}", log_file.display()))?;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(Mutex::new(file))
        .with_ansi(false);
    tracing_subscriber::registry()
        .with(layer.with_filter(filter))
        .try_init()
        .map_err(|e| format!("logger already set: {e}"))
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
