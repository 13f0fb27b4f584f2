//! `updash store protect [--with KIND]`: re-seal every secret under a new data key kept by
//! another (or the same) protection.

use super::Context;
use super::exit::CliResult;
use super::passphrase::Source;
use super::store_gate::{locked_error, store_error};
use crate::store::ProtectionKind;
use clap::{Args, Subcommand};

const PROTECT_HELP: &str = "\
Every secret is re-sealed under a fresh data key, atomically and under the store's lock; the \
old key is removed once the file no longer needs it. `keyfile` keeps the key in \
$XDG_DATA_HOME/updash/key, `keyring` in the OS keyring, `passphrase` wrapped with a key \
derived from a passphrase you choose (Argon2id). Protecting again with the same kind rotates \
the key.

With --passphrase-stdin, stdin gives the passphrases one per line, in the order a terminal \
would ask them: the current one (only if the credentials are passphrase-protected and \
locked), then the new one (only for --with passphrase).

Examples:
  updash store protect --with keyring
  updash store protect --with passphrase --passphrase-stdin < new-passphrase.txt";

/// `updash store ...`.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Re-seal the secrets under a new key kept by PROTECTION (keyfile, keyring, passphrase).
    Protect(ProtectArgs),
}

/// Flags of `updash store protect`.
#[derive(Debug, Args)]
#[command(after_help = PROTECT_HELP)]
pub struct ProtectArgs {
    /// keyfile, keyring or passphrase; default: `[store] protection` of config.toml.
    #[arg(long = "with", value_name = "PROTECTION")]
    pub with: Option<ProtectionKind>,
    /// Read passphrases from stdin (one per line) instead of the terminal.
    #[arg(long)]
    pub passphrase_stdin: bool,
}

/// Runs `updash store ...`.
pub fn run(ctx: &Context, cmd: &StoreCommand) -> CliResult {
    let StoreCommand::Protect(args) = cmd;
    let (store, config) = ctx.store()?;
    let to = args.with.unwrap_or(config.store.protection);
    let source = Source::pick(args.passphrase_stdin);
    if store.needs_unlock().map_err(store_error)? {
        let source = source.as_ref().ok_or_else(locked_error)?;
        let current = source.existing("Current passphrase for the updash credentials: ")?;
        store.unlock_with(&current, None).map_err(store_error)?;
    }
    let new_passphrase = match (to, &source) {
        (ProtectionKind::Passphrase, Some(source)) => Some(source.new_passphrase()?),
        (ProtectionKind::Passphrase, None) => {
            return Err(super::exit::CliError::usage(
                "there is no terminal to ask the new passphrase on: run this on one, or pipe \
                 it with --passphrase-stdin",
            ));
        }
        _ => None,
    };
    let done = store
        .protect(to, new_passphrase.as_ref())
        .map_err(store_error)?;
    let from = done.from.map_or("plain text".to_owned(), |k| k.to_string());
    crate::errln!(
        "updash: secrets re-sealed ({from} -> {}) under a new data key ({}), kept in {}",
        done.to,
        done.key_id,
        done.location
    );
    if let Some(why) = &done.old_key_kept {
        crate::errln!("updash: warning: {why}");
    }
    if done.to != config.store.protection {
        crate::errln!(
            "updash: note: config.toml says `[store] protection = \"{}\"`; set it to \"{}\" to \
             match (it decides how a new credentials file is sealed)",
            config.store.protection,
            done.to
        );
    }
    if done.to == ProtectionKind::Passphrase {
        crate::errln!(
            "updash: run `updash unlock` to open the credentials without typing the passphrase \
             for a while"
        );
    }
    Ok(())
}
