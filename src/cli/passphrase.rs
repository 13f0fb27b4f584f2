//! Asking for the credentials passphrase: on the terminal with echo off, or one line at a
//! time from stdin (`--passphrase-stdin`), never as an argument.

use super::exit::CliError;
use crate::secret::Secret;
use std::io::{BufRead, IsTerminal, Read};

/// How many times a terminal is asked again after a wrong passphrase.
pub const TRIES: usize = 3;
/// The longest line read from stdin.
const MAX_LINE: usize = 4096;

/// Where passphrases come from.
pub enum Source {
    /// The terminal, echo off.
    Terminal,
    /// Lines of stdin, in the order a terminal would ask.
    Stdin,
}

impl Source {
    /// `--passphrase-stdin` → stdin; else the terminal when stdin is one; else `None`.
    pub fn pick(stdin_flag: bool) -> Option<Self> {
        if stdin_flag {
            Some(Self::Stdin)
        } else if std::io::stdin().is_terminal() {
            Some(Self::Terminal)
        } else {
            None
        }
    }

    /// Whether a wrong answer can be asked again.
    pub fn can_retry(&self) -> bool {
        matches!(self, Self::Terminal)
    }

    /// Asks for an existing passphrase.
    pub fn existing(&self, prompt: &str) -> Result<Secret, CliError> {
        match self {
            Self::Terminal => hidden(prompt),
            Self::Stdin => line(),
        }
    }

    /// Asks for a new passphrase (twice on a terminal, to catch a typo).
    pub fn new_passphrase(&self) -> Result<Secret, CliError> {
        match self {
            Self::Stdin => line(),
            Self::Terminal => {
                let first = hidden("New passphrase for the updash credentials: ")?;
                let again = hidden("The same passphrase again: ")?;
                if first != again {
                    return Err(CliError::usage(
                        "the two passphrases differ; nothing changed",
                    ));
                }
                Ok(first)
            }
        }
    }
}

fn hidden(prompt: &str) -> Result<Secret, CliError> {
    rpassword::prompt_password(prompt)
        .map(Secret::new)
        .map_err(|e| CliError::usage(format!("cannot read the passphrase from the terminal: {e}")))
}

fn line() -> Result<Secret, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(MAX_LINE as u64)
        .read_line(&mut text)
        .map_err(|e| CliError::usage(format!("cannot read the passphrase from stdin: {e}")))?;
    let trimmed = text.trim_end_matches(['\r', '\n']).to_owned();
    // The raw line held the passphrase too.
    zeroize::Zeroize::zeroize(&mut text);
    if trimmed.is_empty() {
        return Err(CliError::usage("no passphrase on stdin"));
    }
    Ok(Secret::new(trimmed))
}
