//! `updash db create`: checked locally first (exit 2), `--dry-run` prints the exact body.

use super::access::Api;
use super::list_get::print_database;
use super::output::{self, Secrets};
use crate::cli::exit::{CliError, CliResult};
use crate::upstash::CreateDatabase;
use clap::Args;

/// Flags of `updash db create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The database name.
    #[arg(long)]
    name: String,
    /// The primary region, e.g. us-east-1 (see `updash regions`).
    #[arg(long, value_name = "REGION")]
    region: String,
    /// A read region (repeat for more); must be on the primary region's platform.
    #[arg(long = "read-region", value_name = "REGION")]
    read_regions: Vec<String>,
    /// aws or gcp; derived from the primary region when left out.
    #[arg(long, value_parser = ["aws", "gcp"])]
    platform: Option<String>,
    /// The plan: free, payg, fixed_250mb, ... (the account's default when left out).
    #[arg(long)]
    plan: Option<String>,
    /// Turn eviction on.
    #[arg(long)]
    eviction: bool,
    /// The monthly budget (sent as given).
    #[arg(long)]
    budget: Option<u64>,
    /// Print the request body that would be sent, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the new database's password and tokens.
    #[arg(long)]
    show_secrets: bool,
    /// Print the new database as JSON.
    #[arg(long)]
    json: bool,
}

/// The request these flags describe, checked locally (a usage error when wrong).
pub fn request(args: &CreateArgs) -> Result<CreateDatabase, CliError> {
    let request = CreateDatabase {
        name: args.name.trim().to_owned(),
        primary_region: args.region.trim().to_owned(),
        read_regions: args
            .read_regions
            .iter()
            .map(|r| r.trim().to_owned())
            .collect(),
        platform: args.platform.clone(),
        plan: args.plan.clone(),
        eviction: args.eviction.then_some(true),
        budget: args.budget,
    };
    request.validate().map_err(CliError::usage)?;
    Ok(request)
}

/// Prints the body `create` would send first.
pub fn dry_run(request: &CreateDatabase) -> CliResult {
    let body = request.request_body_json().map_err(CliError::usage)?;
    output::print_text(&format!("{body}\n"))
}

/// Creates the database (at most once, even when a response is lost) and prints it.
pub async fn create(api: &Api, args: &CreateArgs, request: &CreateDatabase) -> CliResult {
    let db = api.call(async |c| c.create_database(request).await).await?;
    tracing::info!(database = %db.database_id, "database created");
    let secrets = Secrets::from_flag(args.show_secrets);
    if !args.json {
        output::print_text(&format!(
            "created database {:?} ({}) in {}\n",
            db.database_name,
            db.database_id,
            db.display_region()
        ))?;
    }
    print_database(&db, secrets, args.json)
}
