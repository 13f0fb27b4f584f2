//! `updash db list` and `updash db get`.

use super::access::Api;
use super::output::{self, Secrets};
use crate::cli::exit::CliResult;
use crate::upstash::{CredentialsMode, Database};
use clap::Args;

/// Flags of `updash db list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (an array of databases, without credentials) instead of a table.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// Show the password, tokens and Redis URL.
    #[arg(long)]
    show_secrets: bool,
    /// Print JSON instead of a detail block.
    #[arg(long)]
    json: bool,
}

/// Lists the databases.
pub async fn list(api: &Api, args: &ListArgs) -> CliResult {
    let dbs = api.databases().await?;
    if args.json {
        let shown: Vec<Database> = dbs.iter().map(Database::without_credentials).collect();
        return output::print_json(&shown);
    }
    if dbs.is_empty() {
        return output::print_text("no databases\n");
    }
    output::print_text(&output::list_table(&dbs))
}

/// Shows one database; credentials are fetched only when asked for.
pub async fn get(api: &Api, args: &GetArgs) -> CliResult {
    let secrets = Secrets::from_flag(args.show_secrets);
    let mode = match secrets {
        Secrets::Show => CredentialsMode::Show,
        Secrets::Hide => CredentialsMode::Hide,
    };
    let db = api.resolve_with(&args.database, mode).await?;
    print_database(&db, secrets, args.json)
}

/// Prints one database as JSON or a detail block.
pub fn print_database(db: &Database, secrets: Secrets, json: bool) -> CliResult {
    if json {
        output::print_json(&output::shown(db, secrets))
    } else {
        output::print_text(&output::detail(db, secrets))
    }
}
