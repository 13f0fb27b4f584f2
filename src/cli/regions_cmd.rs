//! `updash regions`: the regions a database can use.

use super::exit::{CliError, CliResult};
use crate::upstash::regions::REGIONS;
use clap::Args;

/// Flags of `updash regions`.
#[derive(Debug, Args)]
pub struct RegionsArgs {
    /// Only this platform (aws or gcp).
    #[arg(long, value_parser = ["aws", "gcp"])]
    platform: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Prints the region table.
pub fn run(args: &RegionsArgs) -> CliResult {
    let regions: Vec<_> = REGIONS
        .iter()
        .filter(|r| args.platform.as_deref().is_none_or(|p| p == r.platform))
        .collect();
    if args.json {
        let list: Vec<_> = regions
            .iter()
            .map(|r| serde_json::json!({"code": r.code, "platform": r.platform, "location": r.location}))
            .collect();
        crate::output::print_json(&list).map_err(CliError::output)?;
    } else {
        let rows: Vec<Vec<String>> = regions
            .iter()
            .map(|r| {
                vec![
                    r.code.to_string(),
                    r.platform.to_string(),
                    r.location.to_string(),
                ]
            })
            .collect();
        crate::output::term::out(&super::table::render(
            &["REGION", "PLATFORM", "LOCATION"],
            &rows,
        ))
        .map_err(CliError::output)?;
    }
    Ok(())
}
