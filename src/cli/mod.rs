//! The command line: global flags, subcommands, and dispatch.

mod config_check;
pub mod exit;
mod sandbox_cmd;
pub(crate) mod signals;

use crate::paths::Paths;
use clap::{Parser, Subcommand};
use exit::{CliError, CliResult};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES_HELP: &str = "Exit codes: 0 ok, 1 service or network error, \
2 usage/config/credentials-file error, 3 an account needs sign-in.";

/// updash: a keyboard-first terminal dashboard for Upstash accounts.
#[derive(Debug, Parser)]
#[command(name = "updash", version, about, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Config file to read instead of $XDG_CONFIG_HOME/updash/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Log filter for $XDG_STATE_HOME/updash/updash.log (error, warn, info, debug, trace).
    #[arg(
        long,
        global = true,
        value_name = "LEVEL",
        env = "UPDASH_LOG",
        default_value = "info"
    )]
    pub log_level: String,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Inspect the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Run the embedded sandbox provider (OAuth server + Developer API) in the foreground.
    Sandbox(sandbox_cmd::SandboxArgs),
}

/// `updash config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show where config, credentials and log live, and whether they are healthy.
    Check(config_check::CheckArgs),
}

/// What every command gets: the file locations.
#[derive(Debug, Clone)]
pub struct Context {
    /// The XDG paths (with the `--config` override applied).
    pub paths: Paths,
}

/// Parses the command line and runs it; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    exit::finish(run(cli))
}

fn run(cli: Cli) -> CliResult {
    let paths = Paths::discover(cli.config.as_deref()).map_err(CliError::usage)?;
    // Logging is best effort: a command still runs when its log file cannot be opened.
    let _ = crate::logging::init(&paths.log_file(), &cli.log_level);
    tracing::debug!(command = ?std::mem::discriminant(&cli.command), "start");
    let ctx = Context { paths };
    match &cli.command {
        Command::Config(ConfigCommand::Check(args)) => config_check::run(&ctx, args),
        Command::Sandbox(args) => runtime()?.block_on(sandbox_cmd::run(&ctx, args)),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::service(format!("cannot start the async runtime: {e}")))
}
