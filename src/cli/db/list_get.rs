//! `updash db list` and `updash db get`.

use super::access::Api;
use super::output::{self, Secrets};
use crate::cli::exit::CliResult;
use crate::upstash::raw::{self, RawRecord};
use crate::upstash::{CredentialsMode, Database};
use clap::Args;

/// Flags of `updash db list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print the databases as the API sent them (JSON; credentials masked unless
    /// --show-secrets) instead of a table.
    #[arg(long)]
    json: bool,
    /// With --json: the passwords and tokens as sent.
    #[arg(long, requires = "json")]
    show_secrets: bool,
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
    /// Print the database as the API sent it (JSON) instead of a detail block.
    #[arg(long)]
    json: bool,
}

/// Lists the databases.
pub async fn list(api: &Api, args: &ListArgs) -> CliResult {
    if args.json {
        let mut body = api
            .call(async |c| c.list_databases_arriving().await)
            .await?;
        let masked = match Secrets::from_flag(args.show_secrets) {
            Secrets::Show => &[][..],
            Secrets::Hide => raw::SECRET_FIELDS,
        };
        return output::print_arriving_records("listing databases", &mut body, masked).await;
    }
    let dbs = api.databases().await?;
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
    if args.json {
        let found = api.resolve_raw(&args.database, mode).await?;
        return output::print_json(&mask(found.record()?, secrets));
    }
    let db = api.resolve_with(&args.database, mode).await?;
    print_database(&db, secrets, false)
}

/// A database record with its credentials masked unless they are to be shown.
fn mask(record: RawRecord<'_>, secrets: Secrets) -> RawRecord<'_> {
    match secrets {
        Secrets::Show => record,
        Secrets::Hide => record.masking(raw::SECRET_FIELDS),
    }
}

/// Prints one database as JSON or a detail block.
pub fn print_database(db: &Database, secrets: Secrets, json: bool) -> CliResult {
    if json {
        output::print_json(&output::shown(db, secrets))
    } else {
        output::print_text(&output::detail(db, secrets))
    }
}
