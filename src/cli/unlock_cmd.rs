//! `updash unlock [--for DURATION]` and `updash lock`: the passphrase-protected data key,
//! unlocked into the kernel's per-user keyring for a while, or forgotten.

use super::Context;
use super::exit::{CliError, CliResult};
use super::passphrase::{Source, TRIES};
use super::store_gate::store_error;
use crate::config::parse_duration;
use crate::store::{KeyError, ProtectionKind, StoreError};
use clap::Args;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const UNLOCK_HELP: &str = "\
Derives the key from the passphrase (Argon2id) and caches the unlocked data key - never the \
passphrase - in the kernel's per-user keyring until it expires, so every updash of this user \
(every SSH session) opens the credentials without asking. While unlocked, any process of the \
same user can read the cached key; `updash lock` forgets it.

Exit codes: 0 unlocked; 2 not passphrase-protected, no terminal and no --passphrase-stdin, or \
no kernel keyring here; 3 wrong passphrase.

Examples:
  updash unlock
  updash unlock --passphrase-stdin < passphrase.txt";

/// Flags of `updash unlock`.
#[derive(Debug, Args)]
#[command(after_help = UNLOCK_HELP)]
pub struct UnlockArgs {
    /// How long the key stays unlocked (e.g. 15m, 1h, 1h30m, 1d; default `[store] unlock_for`
    /// or 1h; at most 7d).
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub duration: Option<std::time::Duration>,
    /// Read the passphrase from the first line of stdin instead of the terminal.
    #[arg(long)]
    pub passphrase_stdin: bool,
}

/// Runs `updash unlock`.
pub fn run_unlock(ctx: &Context, args: &UnlockArgs) -> CliResult {
    let (store, config) = ctx.store()?;
    let header = store.inspect().map_err(store_error)?.seal;
    match header.as_ref().map(|h| h.protection) {
        Some(ProtectionKind::Passphrase) => {}
        other => {
            let kind = other.map_or("none yet: nothing is sealed".to_owned(), |k| k.to_string());
            return Err(store_error(KeyError::NotPassphrase(kind).into()));
        }
    }
    crate::store::kernel_keyring_check().map_err(CliError::usage)?;
    let source = Source::pick(args.passphrase_stdin).ok_or_else(|| {
        CliError::usage(
            "there is no terminal to ask the passphrase on: run `updash unlock` on one, or pipe \
             the passphrase with --passphrase-stdin",
        )
    })?;
    let ttl = args.duration.unwrap_or(config.store.unlock_for);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let passphrase = source.existing("Passphrase for the updash credentials: ")?;
        match store.unlock_with(&passphrase, Some(ttl)) {
            Ok(()) => break,
            Err(StoreError::Key(KeyError::WrongPassphrase))
                if source.can_retry() && attempt < TRIES =>
            {
                crate::errln!("updash: wrong passphrase, try again");
            }
            Err(e) => return Err(store_error(e)),
        }
    }
    let until = OffsetDateTime::now_utc() + ttl;
    let until = until.format(&Rfc3339).unwrap_or_default();
    crate::errln!(
        "updash: unlocked until {until}: every updash of this user opens the credentials \
         without asking until then; `updash lock` forgets the key sooner"
    );
    Ok(())
}

/// Runs `updash lock`.
pub fn run_lock(ctx: &Context) -> CliResult {
    let (store, _) = ctx.store()?;
    let forgot = store.lock().map_err(store_error)?;
    if forgot {
        crate::errln!("updash: locked: the unlocked key is forgotten");
    } else {
        crate::errln!("updash: nothing was unlocked");
    }
    Ok(())
}
