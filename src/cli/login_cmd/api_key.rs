//! `updash login --email E --api-key-stdin`: an account from an existing Developer API key.

use super::input::{prompt_hidden, prompt_visible, read_key_from_pipe, stdin_is_terminal};
use super::{LoginArgs, connect_error, connected_message};
use crate::account::Session;
use crate::account::add_api_key_account;
use crate::cli::Context;
use crate::cli::exit::{CliError, CliResult};
use crate::config::ProviderConfig;
use crate::secret::Secret;

/// Reads the email (flag or prompt) and the key (pipe or hidden prompt), checks, saves.
pub async fn run(
    ctx: &Context,
    args: &LoginArgs,
    session: &Session,
    name: &str,
    provider: &ProviderConfig,
) -> CliResult {
    let terminal = stdin_is_terminal();
    let email = match &args.email {
        Some(e) => e.clone(),
        None if terminal => prompt_visible("Account email: ")
            .ok()
            .filter(|e| !e.is_empty())
            .ok_or_else(|| CliError::usage("no email was given"))?,
        None => {
            return Err(CliError::usage(
                "give the account's email with --email when the key comes on stdin",
            ));
        }
    };
    let key = if terminal {
        prompt_hidden("Developer API key (not shown): ")
    } else {
        read_key_from_pipe()
    }
    .map_err(|e| CliError::usage(format!("cannot read the API key from stdin: {e}")))?;
    if key.is_empty() {
        return Err(CliError::usage(
            "no API key was given on stdin (pipe it in, e.g. `pass upstash | updash login --email E --api-key-stdin`)",
        ));
    }
    crate::errln!("Checking the key with one Upstash API call...");
    let connected = add_api_key_account(
        &session.store,
        name,
        provider,
        &email,
        Secret::new(key),
        ctx.account.clone(),
        &mut |_| {},
    )
    .await
    .map_err(connect_error)?;
    crate::outln!("{}", connected_message(&connected));
    Ok(())
}
