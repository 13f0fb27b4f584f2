//! `updash search …`: the account's Search indexes.

use super::index::{
    self, ConfirmedArgs, EnvArgs, GetArgs, ListArgs, RenameArgs, StatsArgs, TransferArgs,
};
use crate::cli::confirm;
use crate::cli::db::access::Api;
use crate::cli::exit::CliResult;
use crate::upstash::products::{SEARCH_PLANS, SEARCH_REGIONS};
use crate::upstash::{CreateSearchIndex, IndexKind, ProductCall};
use clap::{Args, Subcommand};

/// The `updash search --help` epilogue.
pub const HELP: &str = "An index is named by its ID or its name. Tokens are printed only with \
--show-secrets and by `search env`. Deleting, resetting tokens and transferring ask to type \
the index's name on a terminal; scripts pass --yes. Every write takes --dry-run, which prints \
the request and sends nothing.

Exit codes: 0 ok, 1 service or network error, 2 usage error, 3 the account needs sign-in.

Examples:
  updash search list
  updash search create --name docs --region eu-west-1 --plan payg
  updash search env docs >> .env";

/// `updash search …`.
#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// List the account's Search indexes.
    #[command(
        after_help = "Examples:\n  updash search list\n  updash search list --json | jq -r '.[].name'"
    )]
    List(ListArgs),
    /// Show one index: region, plan, limits (tokens masked).
    #[command(
        after_help = "Examples:\n  updash search get catalog\n  updash search get catalog --json"
    )]
    Get(GetArgs),
    /// Create an index (--dry-run prints the request body and sends nothing).
    #[command(
        after_help = "Examples:\n  updash search create --name docs --region eu-west-1 --plan payg\n  updash search create --name docs --region us-central1 --plan free --dry-run"
    )]
    Create(CreateArgs),
    /// Rename an index.
    #[command(after_help = "Example:\n  updash search rename catalog docs")]
    Rename(RenameArgs),
    /// Reset an index's tokens (asks to type its name; --yes for scripts).
    #[command(
        after_help = "Examples:\n  updash search reset-password catalog\n  updash search reset-password catalog --yes --show-secrets"
    )]
    ResetPassword(ConfirmedArgs),
    /// Delete an index (asks to type its name; --yes for scripts).
    #[command(
        after_help = "Examples:\n  updash search delete scratch\n  updash search delete scratch --yes"
    )]
    Delete(ConfirmedArgs),
    /// Move an index to a team (asks to type its name; --yes for scripts).
    #[command(after_help = "Example:\n  updash search transfer catalog \"Platform team\" --yes")]
    Transfer(TransferArgs),
    /// Usage of one index over a period, or of all indexes without one.
    #[command(
        after_help = "Examples:\n  updash search stats catalog --period 7d\n  updash search stats --json"
    )]
    Stats(StatsArgs),
    /// Print a .env snippet: UPSTASH_SEARCH_REST_URL and _TOKEN (contains secrets).
    #[command(after_help = "Example:\n  updash search env catalog >> .env")]
    Env(EnvArgs),
}

/// Flags of `updash search create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The index name (1 to 64 letters, digits, `-` or `_`).
    #[arg(long, value_parser = index::new_name)]
    name: String,
    /// eu-west-1 or us-central1.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(SEARCH_REGIONS))]
    region: String,
    /// free, payg or fixed.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(SEARCH_PLANS))]
    plan: String,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the new index as the API sent it (JSON, tokens masked unless --show-secrets).
    #[arg(long)]
    json: bool,
    /// Print the new tokens.
    #[arg(long)]
    show_secrets: bool,
}

/// Checks that need no network, before an account is selected or a sandbox started.
pub fn precheck(cmd: &SearchCommand) -> CliResult {
    match cmd {
        SearchCommand::ResetPassword(a) if !a.dry_run => {
            confirm::possible(a.yes, "reset the tokens")
        }
        SearchCommand::Delete(a) if !a.dry_run => confirm::possible(a.yes, "delete"),
        SearchCommand::Transfer(a) if !a.dry_run => confirm::possible(a.yes, "transfer"),
        SearchCommand::Create(a) if a.dry_run => index::dry_run(&create_call(a)),
        _ => Ok(()),
    }
}

/// Whether `precheck` already did all the command does.
pub fn done_offline(cmd: &SearchCommand) -> bool {
    matches!(cmd, SearchCommand::Create(a) if a.dry_run)
}

fn create_call(a: &CreateArgs) -> ProductCall {
    ProductCall::CreateSearchIndex {
        request: CreateSearchIndex {
            name: a.name.clone(),
            region: a.region.clone(),
            plan: a.plan.clone(),
        },
    }
}

/// Runs a `search` command on the account.
pub async fn run(api: &Api, cmd: &SearchCommand) -> CliResult {
    let kind = IndexKind::Search;
    match cmd {
        SearchCommand::List(a) => index::list(api, kind, a).await,
        SearchCommand::Get(a) => index::get(api, kind, a).await,
        SearchCommand::Create(a) => {
            index::create(api, kind, &create_call(a), a.json, a.show_secrets).await
        }
        SearchCommand::Rename(a) => index::rename(api, kind, a).await,
        SearchCommand::ResetPassword(a) => index::reset_password(api, kind, a).await,
        SearchCommand::Delete(a) => index::delete(api, kind, a).await,
        SearchCommand::Transfer(a) => index::transfer(api, kind, a).await,
        SearchCommand::Stats(a) => index::stats(api, kind, a).await,
        SearchCommand::Env(a) => index::env(api, kind, a).await,
    }
}
