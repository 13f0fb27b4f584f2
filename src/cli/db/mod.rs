//! `updash db ...`: the account's Redis databases through the Developer API.
//!
//! Every command takes an ID or a name (an ambiguous name is a usage error listing the
//! matches), prints a table or detail block by default and JSON with `--json`, and never
//! prints a password or token unless the operator asked (`--show-secrets`, `db env`).

pub mod access;
mod change;
mod create;
mod delete;
mod env;
mod list_get;
pub mod output;
mod stats;

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

Exit codes: 0 ok, 1 service or network error, 2 usage error, 3 the account needs sign-in.";

/// `updash db ...`.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// List the account's databases.
    List(list_get::ListArgs),
    /// Show one database (password and tokens masked unless --show-secrets).
    Get(list_get::GetArgs),
    /// Create a database (--dry-run prints the request body and sends nothing).
    Create(create::CreateArgs),
    /// Rename a database.
    Rename(change::RenameArgs),
    /// Reset a database's password (the old one stops working).
    ResetPassword(change::ResetPasswordArgs),
    /// Delete a database (asks to type its name; --yes for scripts).
    Delete(delete::DeleteArgs),
    /// Usage summary: requests, bandwidth, storage, latency (--json: everything).
    Stats(stats::StatsArgs),
    /// Print a .env snippet with the REST URL, REST token and Redis URL (contains secrets).
    Env(env::EnvArgs),
    /// Replace a database's read regions (none given: remove them all).
    UpdateRegions(change::UpdateRegionsArgs),
    /// Turn eviction on or off.
    Eviction(change::EvictionArgs),
    /// Set a database's monthly budget.
    Budget(change::BudgetArgs),
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
        }
    }))
}
