//! The command line: global flags, subcommands, and dispatch.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// updash: a terminal dashboard for Upstash accounts.
#[derive(Debug, Parser)]
#[command(name = "updash", version, about, long_about = None)]
pub struct Cli {
    /// Config file to read instead of $XDG_CONFIG_HOME/updash/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Log filter (error, warn, info, debug, trace, or a tracing directive).
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
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Parses the command line and runs it; returns the process exit code.
pub fn main() -> ExitCode {
    let _cli = Cli::parse();
    ExitCode::SUCCESS
}
