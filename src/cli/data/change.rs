//! `updash data DB ttl|del|exec`: the commands that may change data. Each write needs
//! `--write` and is printed on stderr before it is sent; `del` also asks on a terminal.

use super::{Writes, redis_error};
use crate::cli::db::output::print_text;
use crate::cli::exit::{CliError, CliResult};
use crate::output::{quoted, reply_text};
use crate::redis::{Reply, RestClient};
use clap::Args;
use std::io::{BufRead, IsTerminal, Write};

/// Flags of `updash data ttl`.
#[derive(Debug, Args)]
pub struct TtlArgs {
    /// The key.
    key: String,
    /// Expire the key in this many seconds (needs --write).
    #[arg(value_name = "SECS", conflicts_with = "persist")]
    seconds: Option<u64>,
    /// Remove the key's expiry (needs --write).
    #[arg(long)]
    persist: bool,
}

/// Flags of `updash data del`.
#[derive(Debug, Args)]
pub struct DelArgs {
    /// The keys.
    #[arg(required = true, value_name = "KEY")]
    keys: Vec<String>,
    /// Delete without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,
}

/// Flags of `updash data exec`.
#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The command and its arguments, after `--` (e.g. `-- HGET user:1 name`).
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CMD"
    )]
    command: Vec<String>,
}

/// Runs `updash data ttl`: shows the time to live, or sets or removes it.
pub async fn ttl(client: &RestClient, args: &TtlArgs, writes: Writes) -> CliResult {
    let key = args.key.as_str();
    let command: Vec<String> = match (args.seconds, args.persist) {
        (Some(secs), _) => vec!["EXPIRE".into(), key.into(), secs.to_string()],
        (None, true) => vec!["PERSIST".into(), key.into()],
        (None, false) => vec!["TTL".into(), key.into()],
    };
    writes.check(&command)?;
    let reply = client.command(&command).await.map_err(redis_error)?;
    let n = reply.as_int().unwrap_or(0);
    let text = match (command[0].as_str(), n) {
        ("TTL", -2) | ("EXPIRE", 0) => {
            return Err(CliError::service(format!(
                "no key {}",
                quoted(key.as_bytes())
            )));
        }
        ("TTL", -1) => "no expiry\n".to_string(),
        ("TTL", secs) => format!("{secs}\n"),
        ("EXPIRE", _) => format!("expires in {} s\n", args.seconds.unwrap_or(0)),
        ("PERSIST", 1) => "expiry removed\n".to_string(),
        _ => "no expiry to remove (or no such key)\n".to_string(),
    };
    print_text(&text)
}

/// Refuses early when `del` cannot be confirmed: no `--yes` and stdin is not a terminal,
/// or writes are off.
pub fn check_confirmation_possible(args: &DelArgs, write: bool) -> CliResult {
    if !write {
        return Err(CliError::usage(
            "sending UNLINK: refused, updash data is read-only; add --write to send it",
        ));
    }
    if args.yes || std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(CliError::usage(
        "refusing to delete without confirmation: stdin is not a terminal; pass --yes",
    ))
}

/// Runs `updash data del`: asks (unless `--yes`), then UNLINKs the keys.
pub async fn del(client: &RestClient, args: &DelArgs, writes: Writes) -> CliResult {
    let mut command = vec!["UNLINK".to_string()];
    command.extend(args.keys.iter().cloned());
    writes.check(&command)?;
    if !args.yes {
        confirm(args.keys.len())?;
    }
    let reply = client.command(&command).await.map_err(redis_error)?;
    print_text(&format!(
        "deleted {} of {} keys\n",
        reply.as_int().unwrap_or(0),
        args.keys.len()
    ))
}

/// Asks on the terminal to type `yes`; anything else cancels (exit 2).
fn confirm(count: usize) -> CliResult {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "This deletes {count} key(s) and their values. Type yes to go on: "
    );
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::usage(format!("cannot read the confirmation: {e}")))?;
    if line.trim() == "yes" {
        Ok(())
    } else {
        Err(CliError::usage("not confirmed; nothing was deleted"))
    }
}

/// Runs `updash data exec`: one command (a write only with `--write`), the reply printed as
/// redis-cli does; a Redis error is the command's error.
pub async fn exec(client: &RestClient, args: &ExecArgs, writes: Writes) -> CliResult {
    writes.check(&args.command)?;
    let reply: Reply = client.command(&args.command).await.map_err(redis_error)?;
    print_text(&reply_text(&reply))
}
