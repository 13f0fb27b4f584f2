//! `updash db ...`: the account's Redis databases through the Developer API.
//!
//! Every command takes an ID or a name (an ambiguous name is a usage error listing the
//! matches), prints a table or detail block by default and JSON with `--json`, and never
//! prints a password or token unless the operator asked (`--show-secrets`, `db env`).

pub mod access;
mod backup;
mod change;
mod create;
mod delete;
mod env;
mod list_get;
pub mod output;
mod stats;
mod switches;

use super::Context;
use super::exit::CliResult;
use access::Api;
use clap::Subcommand;

/// The `updash db --help` epilogue: names, secrets, exit codes and the timeout override.
pub const HELP: &str = "A database is named by its ID or its name; a name two databases \
share is refused (exit 2) with the IDs to use instead. Passwords and tokens are printed only \
with --show-secrets and by `db env`.

Environment: UPSTASH_EMAIL and UPSTASH_API_KEY act as that account instead of a stored one; \
UPDASH_HTTP_TIMEOUT_SECS (e.g. 5 or 0.5) replaces the 30 s limit on each HTTP request.

Exit codes: 0 ok, 1 service or network error, 2 usage error, 3 the account needs sign-in.

Examples:
  updash db list
  updash db get sessions-prod --json
  updash db create --name cache-eu --region eu-west-1";

/// `updash db ...`.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// List the account's databases.
    #[command(
        after_help = "Examples:\n  updash db list\n  updash db list --json | jq -r '.[].database_name'"
    )]
    List(list_get::ListArgs),
    /// Show one database (password and tokens masked unless --show-secrets).
    #[command(
        after_help = "Examples:\n  updash db get sessions-prod\n  updash db get sessions-prod --show-secrets --json"
    )]
    Get(list_get::GetArgs),
    /// Create a database (--dry-run prints the request body and sends nothing).
    #[command(
        after_help = "Examples:\n  updash db create --name cache-eu --region eu-west-1 --read-region us-east-1\n  updash db create --name cache-eu --region eu-west-1 --dry-run"
    )]
    Create(create::CreateArgs),
    /// Rename a database.
    #[command(after_help = "Example:\n  updash db rename cache cache-old")]
    Rename(change::RenameArgs),
    /// Reset a database's password (the old one stops working).
    #[command(after_help = "Example:\n  updash db reset-password sessions-prod")]
    ResetPassword(change::ResetPasswordArgs),
    /// Delete a database (asks to type its name; --yes for scripts).
    #[command(
        after_help = "Examples:\n  updash db delete scratch\n  updash db delete scratch --yes"
    )]
    Delete(delete::DeleteArgs),
    /// Usage summary: requests, bandwidth, storage, latency (--json: everything).
    #[command(
        after_help = "Examples:\n  updash db stats sessions-prod --period 1d\n  updash db stats sessions-prod --json"
    )]
    Stats(stats::StatsArgs),
    /// Print a .env snippet with the REST URL, REST token and Redis URL (contains secrets).
    #[command(after_help = "Example:\n  updash db env sessions-prod >> .env")]
    Env(env::EnvArgs),
    /// Replace a database's read regions (none given: remove them all).
    #[command(
        after_help = "Examples:\n  updash db update-regions sessions-prod us-west-2 eu-west-1\n  updash db update-regions sessions-prod"
    )]
    UpdateRegions(change::UpdateRegionsArgs),
    /// Turn eviction on or off.
    #[command(after_help = "Example:\n  updash db eviction cache on")]
    Eviction(change::EvictionArgs),
    /// Set a database's monthly budget.
    #[command(after_help = "Example:\n  updash db budget sessions-prod 50")]
    Budget(change::BudgetArgs),
    /// A database's backups: list, create, restore, delete.
    #[command(
        subcommand,
        after_help = "Examples:\n  updash db backup list sessions-prod\n  updash db backup create sessions-prod before-migration"
    )]
    Backup(backup::BackupCommand),
    /// Turn daily backups on or off.
    #[command(after_help = "Example:\n  updash db daily-backup sessions-prod on")]
    DailyBackup(backup::DailyArgs),
    /// Turn TLS on (it cannot be turned off).
    #[command(after_help = "Example:\n  updash db enable-tls sessions-prod")]
    EnableTls(switches::TlsArgs),
    /// Turn automatic plan upgrade on or off.
    #[command(after_help = "Example:\n  updash db auto-upgrade sessions-prod on")]
    AutoUpgrade(switches::AutoUpgradeArgs),
    /// Move a database to another plan.
    #[command(after_help = "Example:\n  updash db change-plan sessions-prod fixed_1gb")]
    ChangePlan(switches::ChangePlanArgs),
    /// Move a database to a team (asks first; --yes for scripts).
    #[command(
        after_help = "Example:\n  updash db move-to-team sessions-prod \"Platform team\" --yes"
    )]
    MoveToTeam(switches::MoveToTeamArgs),
}

/// Runs a `db` command. Checks that need no network (create's validation, delete's
/// confirmation rules) run before an account is selected or the sandbox started.
pub fn run(ctx: &Context, cmd: &DbCommand) -> CliResult {
    let request = match cmd {
        DbCommand::Create(args) => {
            let request = create::request(args)?;
            if args.dry_run {
                return create::dry_run(&request);
            }
            Some(request)
        }
        DbCommand::Delete(args) => {
            delete::check_confirmation_possible(args)?;
            None
        }
        _ => None,
    };
    super::runtime()?.block_on(ctx.with_session(|session| async move {
        let api = Api::open(session, ctx.account.as_deref())?;
        match (cmd, request) {
            (DbCommand::List(a), _) => list_get::list(&api, a).await,
            (DbCommand::Get(a), _) => list_get::get(&api, a).await,
            (DbCommand::Create(a), Some(request)) => create::create(&api, a, &request).await,
            (DbCommand::Create(_), None) => Ok(()),
            (DbCommand::Rename(a), _) => change::rename(&api, a).await,
            (DbCommand::ResetPassword(a), _) => change::reset_password(&api, a).await,
            (DbCommand::Delete(a), _) => delete::delete(&api, a).await,
            (DbCommand::Stats(a), _) => stats::stats(&api, a).await,
            (DbCommand::Env(a), _) => env::env(&api, a).await,
            (DbCommand::UpdateRegions(a), _) => change::update_regions(&api, a).await,
            (DbCommand::Eviction(a), _) => change::eviction(&api, a).await,
            (DbCommand::Budget(a), _) => change::budget(&api, a).await,
            (DbCommand::Backup(c), _) => backup::run(&api, c).await,
            (DbCommand::DailyBackup(a), _) => backup::daily(&api, a).await,
            (DbCommand::EnableTls(a), _) => switches::enable_tls(&api, a).await,
            (DbCommand::AutoUpgrade(a), _) => switches::auto_upgrade(&api, a).await,
            (DbCommand::ChangePlan(a), _) => switches::change_plan(&api, a).await,
            (DbCommand::MoveToTeam(a), _) => switches::move_to_team(&api, a).await,
        }
    }))
}
