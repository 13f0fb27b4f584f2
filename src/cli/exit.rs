//! Exit codes and the error type every command returns.

use std::process::ExitCode;

/// Success.
pub const OK: u8 = 0;
/// The service or the network failed.
pub const SERVICE: u8 = 1;
/// The command line, the config file or the credentials file is wrong.
pub const USAGE: u8 = 2;
/// An account needs to sign in (again).
pub const NEEDS_SIGN_IN: u8 = 3;
/// The terminal hung up (128 + SIGHUP): a dropped SSH connection, a closed window.
pub const HANG_UP: u8 = 129;

/// A failed command: what to tell the operator and which exit code to use.
#[derive(Debug)]
pub struct CliError {
    /// The exit code.
    pub code: u8,
    /// One or more lines for stderr; never holds a secret.
    pub message: String,
}

impl CliError {
    /// A usage, config or credentials-file error (exit 2).
    pub fn usage(message: impl std::fmt::Display) -> Self {
        Self {
            code: USAGE,
            message: message.to_string(),
        }
    }

    /// A service or network error (exit 1).
    pub fn service(message: impl std::fmt::Display) -> Self {
        Self {
            code: SERVICE,
            message: message.to_string(),
        }
    }

    /// Output could not be written (exit 1; a terminal that hung up turns it into 129).
    pub fn output(e: std::io::Error) -> Self {
        Self::service(format!("cannot write output: {e}"))
    }

    /// The command was ended by `signal`: its exit code, and `message` (none when empty).
    pub fn ended(signal: crate::cli::signals::Termination, message: impl Into<String>) -> Self {
        Self {
            code: signal.exit_code(),
            message: message.into(),
        }
    }

    /// An account needs sign-in (exit 3).
    pub fn needs_sign_in(message: impl std::fmt::Display) -> Self {
        Self {
            code: NEEDS_SIGN_IN,
            message: message.to_string(),
        }
    }
}

/// What a command returns.
pub type CliResult = Result<(), CliError>;

/// Prints the error (sanitised, as everything printed) and turns the result into the process
/// exit code. A session whose terminal hung up exits 129 whatever the command's result: its
/// output was lost.
pub fn finish(result: CliResult) -> ExitCode {
    let code = match result {
        Ok(()) => OK,
        Err(e) => {
            if !e.message.is_empty() {
                crate::errln!("updash: {}", one_line(&e.message));
            }
            e.code
        }
    };
    if crate::output::term::hung_up() {
        tracing::info!("the terminal hung up; exit {HANG_UP}");
        return ExitCode::from(HANG_UP);
    }
    ExitCode::from(code)
}

/// An error's lines joined with "; " when they fit one terminal line (what failed, why, what
/// to do); a longer message keeps its lines.
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    const FITS: usize = 160;
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let joined = lines.join("; ");
    if lines.len() > 1 && joined.chars().count() <= FITS {
        std::borrow::Cow::Owned(joined)
    } else {
        std::borrow::Cow::Borrowed(message)
    }
}

impl From<crate::account::SessionError> for CliError {
    fn from(e: crate::account::SessionError) -> Self {
        Self {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

impl From<crate::upstash::ApiError> for CliError {
    fn from(e: crate::upstash::ApiError) -> Self {
        Self {
            code: u8::try_from(e.exit_code()).unwrap_or(SERVICE),
            message: e.to_string(),
        }
    }
}
