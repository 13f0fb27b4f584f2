//! `updash data DB ...`: a database's keys and values over the Upstash Redis REST API.
//!
//! Read-only unless `--write`: the read allow-list decides, and every write is printed on
//! stderr before it is sent. The database comes from the account (its REST URL from the
//! provider, its token from the Developer API, kept in memory only), or from `--url` with
//! `--token-stdin` / `UPSTASH_REDIS_REST_URL` + `UPSTASH_REDIS_REST_TOKEN` with no account.

mod bigkeys;
mod change;
mod get;
mod scan;
mod target;

use super::Context;
use super::exit::{CliError, CliResult};
use crate::output::sanitize;
use crate::redis::{RedisError, RestClient, is_read};
use clap::{Args, Subcommand};

/// The `updash data --help` epilogue.
pub const HELP: &str = "The database is named by its ID or name, like `updash db`. Without \
an account: --url URL --token-stdin, or UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN \
in the environment (then leave DB out).

Read-only by default: commands that change data need --write, and each is printed on \
stderr before it is sent.

Examples:
  updash data sessions-prod scan --match 'session:*' --limit 100
  updash data sessions-prod get session:42
  updash data sessions-prod --write ttl session:42 3600
  updash data sessions-prod exec -- DBSIZE

Exit codes: 0 ok, 1 service, network or Redis error, 2 usage (or a write without --write), \
3 the account needs sign-in.";

/// `updash data`.
#[derive(Debug, Args)]
#[command(subcommand_precedence_over_arg = true, after_help = HELP)]
pub struct DataArgs {
    /// The database ID or name (leave out with --url or UPSTASH_REDIS_REST_URL).
    #[arg(value_name = "DB")]
    database: Option<String>,
    /// A database's REST URL instead of an account's database.
    #[arg(long, value_name = "URL", global = true)]
    url: Option<String>,
    /// Read the REST token for --url from stdin (never an argument).
    #[arg(long, global = true)]
    token_stdin: bool,
    /// Allow commands that change data.
    #[arg(long, global = true)]
    write: bool,
    /// What to do.
    #[command(subcommand)]
    command: DataCommand,
}

/// The `data` subcommands.
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// List keys with their type and time to live (SCAN, never KEYS).
    #[command(
        after_help = "Example:\n  updash data sessions-prod scan --match 'session:*' --limit 100"
    )]
    Scan(scan::ScanArgs),
    /// Show a key's value, whatever its type.
    #[command(after_help = "Example:\n  updash data sessions-prod get user:1")]
    Get(get::GetArgs),
    /// Show a key's time to live, or set it (SECS or --persist; needs --write).
    #[command(
        after_help = "Examples:\n  updash data sessions-prod ttl session:abc\n  updash data sessions-prod --write ttl session:abc 3600"
    )]
    Ttl(change::TtlArgs),
    /// Delete keys (needs --write; asks on a terminal unless --yes).
    #[command(
        after_help = "Example:\n  updash data sessions-prod --write del session:abc session:def"
    )]
    Del(change::DelArgs),
    /// Send one command and print the reply as redis-cli does.
    #[command(
        after_help = "Examples:\n  updash data sessions-prod exec -- HGET user:1 name\n  updash data sessions-prod --write exec -- SET greeting hello"
    )]
    Exec(change::ExecArgs),
    /// The largest keys by MEMORY USAGE, from a sample of the keyspace.
    #[command(after_help = "Example:\n  updash data sessions-prod bigkeys")]
    Bigkeys(bigkeys::BigkeysArgs),
}

/// Runs a `data` command.
pub fn run(ctx: &Context, args: &DataArgs) -> CliResult {
    if let DataCommand::Del(del) = &args.command {
        change::check_confirmation_possible(del, args.write)?;
    }
    let direct = target::direct(args)?;
    super::runtime()?.block_on(async {
        match direct {
            Some(client) => dispatch(&client, args).await,
            None => {
                let query = args.database.clone().ok_or_else(|| {
                    CliError::usage(
                        "name a database (ID or name), or give --url with --token-stdin",
                    )
                })?;
                ctx.with_session(|session| async move {
                    let client = target::of_account(&session, ctx, &query).await?;
                    dispatch(&client, args).await
                })
                .await
            }
        }
    })
}

async fn dispatch(client: &RestClient, args: &DataArgs) -> CliResult {
    let writer = Writes(args.write);
    match &args.command {
        DataCommand::Scan(a) => scan::scan(client, a).await,
        DataCommand::Get(a) => get::get(client, a).await,
        DataCommand::Ttl(a) => change::ttl(client, a, writer).await,
        DataCommand::Del(a) => change::del(client, a, writer).await,
        DataCommand::Exec(a) => change::exec(client, a, writer).await,
        DataCommand::Bigkeys(a) => bigkeys::bigkeys(client, a).await,
    }
}

/// Whether writes were allowed with `--write`.
#[derive(Debug, Clone, Copy)]
pub struct Writes(bool);

impl Writes {
    /// Refuses a command that is not a read unless writes are on; prints an allowed write
    /// on stderr before it is sent.
    pub fn check<S: AsRef<str>>(self, command: &[S]) -> CliResult {
        if is_read(command) {
            return Ok(());
        }
        let shown = command
            .iter()
            .map(|a| crate::output::quoted(a.as_ref().as_bytes()))
            .collect::<Vec<_>>()
            .join(" ");
        if !self.0 {
            let name = command.first().map_or("", |n| n.as_ref());
            return Err(CliError::usage(format!(
                "sending {}: refused, updash data is read-only; add --write to send it",
                sanitize(&name.to_ascii_uppercase())
            )));
        }
        crate::errln!("> {shown}");
        Ok(())
    }
}

/// A Redis REST failure as the CLI reports it.
pub fn redis_error(e: RedisError) -> CliError {
    let message = sanitize(&e.to_string()).into_owned();
    match e {
        RedisError::Unauthorized => CliError::needs_sign_in(message),
        _ => CliError::service(message),
    }
}
