//! What every command does with the credentials store before it runs: say once on stderr
//! which modes were repaired, seal plain-text secrets, and make sure a passphrase-protected
//! key is unlocked (asking on the terminal) or stop with exit 3 and the `updash unlock` hint.

use super::exit::CliError;
use super::passphrase::{Source, TRIES};
use crate::store::{KeyAvailability, KeyError, ProtectionKind, Store, StoreError};

/// Whether the command needs the secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyNeed {
    /// It opens accounts: unlock (asking) or stop.
    Required,
    /// It can do without (`status`, environment credentials): never ask, never stop.
    Optional,
}

/// What the dashboard needs before it starts: a passphrase that was never chosen is chosen
/// on the terminal; a locked one is asked for in the dashboard's own dialog.
pub fn dashboard_need(store: &Store) -> KeyNeed {
    let passphrase_unset = store.inspect().ok().and_then(|loaded| {
        let protection = store.summary_of(&loaded).protection?;
        Some(
            protection.kind() == ProtectionKind::Passphrase
                && protection.key == KeyAvailability::NotCreated,
        )
    });
    if passphrase_unset == Some(true) {
        KeyNeed::Required
    } else {
        KeyNeed::Optional
    }
}

/// Prepares `store` for a command.
pub fn prepare(store: &Store, need: KeyNeed) -> Result<(), CliError> {
    // A file that cannot be read is the command's to report, in its own words.
    let Ok(loaded) = store.inspect() else {
        return Ok(());
    };
    let summary = store.summary_of(&loaded);
    for repair in summary.repairs.iter().filter(|r| r.is_mode()) {
        crate::errln!("updash: warning: {repair}");
    }
    let Some(protection) = summary.protection else {
        return Ok(());
    };
    let passphrase = protection.kind() == ProtectionKind::Passphrase;
    match (&protection.key, need) {
        (KeyAvailability::NotCreated, KeyNeed::Required) if passphrase => choose_passphrase(store)?,
        (KeyAvailability::Locked, KeyNeed::Required) => unlock(store)?,
        _ => {}
    }
    let key_at_hand = matches!(protection.key, KeyAvailability::Available)
        || (protection.key == KeyAvailability::NotCreated && !passphrase);
    if loaded.plain_secrets && (key_at_hand || store.needs_unlock().is_ok_and(|n| !n)) {
        // Sealing now rather than at the next change: a plain-text token must not wait for
        // one. A failure here is not this command's: it is said and the command goes on.
        if let Err(e) = store.update(|_| Ok(())) {
            crate::errln!("updash: warning: the plain-text secrets could not be sealed yet: {e}");
        }
    }
    Ok(())
}

/// Exit 3 with the way out, for a locked store and no terminal.
pub fn locked_error() -> CliError {
    CliError::needs_sign_in(
        "the credentials are sealed with a passphrase and locked, and there is no terminal to \
         ask on: run `updash unlock` (on a terminal, or with --passphrase-stdin) first",
    )
}

fn unlock(store: &Store) -> Result<(), CliError> {
    let Some(source @ Source::Terminal) = Source::pick(false) else {
        return Err(locked_error());
    };
    for attempt in 1..=TRIES {
        let passphrase = source.existing("Passphrase for the updash credentials: ")?;
        match store.unlock_with(&passphrase, None) {
            Ok(()) => return Ok(()),
            Err(StoreError::Key(KeyError::WrongPassphrase)) if attempt < TRIES => {
                crate::errln!("updash: wrong passphrase, try again");
            }
            Err(e) => return Err(store_error(e)),
        }
    }
    Err(store_error(KeyError::WrongPassphrase.into()))
}

fn choose_passphrase(store: &Store) -> Result<(), CliError> {
    let Some(source @ Source::Terminal) = Source::pick(false) else {
        return Err(CliError::needs_sign_in(
            "`[store] protection = \"passphrase\"` and no passphrase is set yet: run \
             `updash store protect --with passphrase` (on a terminal, or with \
             --passphrase-stdin) first",
        ));
    };
    crate::errln!(
        "updash: config.toml asks for passphrase protection; choose the passphrase that will \
         unlock the credentials"
    );
    let passphrase = source.new_passphrase()?;
    store
        .protect(ProtectionKind::Passphrase, Some(&passphrase))
        .map_err(store_error)?;
    store.unlock_with(&passphrase, None).map_err(store_error)
}

/// A store error as a CLI error: exit 3 for "unlock first" and a refused passphrase, else 2.
pub fn store_error(e: StoreError) -> CliError {
    if e.needs_unlock() || matches!(e, StoreError::Key(KeyError::WrongPassphrase)) {
        CliError::needs_sign_in(e)
    } else {
        CliError::usage(e)
    }
}
