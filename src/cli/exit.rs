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

/// Prints the error and turns the result into the process exit code.
pub fn finish(result: CliResult) -> ExitCode {
    match result {
        Ok(()) => ExitCode::from(OK),
        Err(e) => {
            eprintln!("updash: {}", e.message);
            ExitCode::from(e.code)
        }
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
