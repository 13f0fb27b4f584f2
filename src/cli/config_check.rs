//! `updash config check`: where the files live and whether they are healthy.

use super::Context;
use super::exit::{CliError, CliResult};
use crate::config::Config;
use clap::Args;

/// Flags of `updash config check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs the check; exits 2 when a file is broken.
pub fn run(ctx: &Context, args: &CheckArgs) -> CliResult {
    let config = Config::load(&ctx.paths.config_file);
    let _ = (config, args);
    Err(CliError::usage("not yet"))
}
