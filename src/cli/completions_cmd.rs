//! `updash completions SHELL`: the completion script for a shell, on stdout.

use super::Cli;
use super::exit::{CliError, CliResult};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Flags of `updash completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  updash completions bash > ~/.local/share/bash-completion/completions/updash"
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

/// Writes the script.
pub fn run(args: &CompletionsArgs) -> CliResult {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "updash", &mut out);
    super::db::output::print_text(&String::from_utf8_lossy(&out))
        .map_err(|e| CliError::service(e.message))
}
