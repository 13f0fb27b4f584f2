//! `updash logout [ACCOUNT]`: revoke what the provider can, remove the account's secrets.

use super::Context;
use super::exit::{CliError, CliResult};
use crate::account::logout;
use crate::account::{API_KEY_ENV, EMAIL_ENV};
use crate::config::SANDBOX;
use crate::store::{AccountId, Credentials};
use clap::Args;

/// Flags of `updash logout`.
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The account (id, label or email); default: --account, else the default account
    /// (with --sandbox: the sandbox account).
    #[arg(value_name = "ACCOUNT")]
    pub account: Option<String>,
}

/// Runs `updash logout`.
pub async fn run(ctx: &Context, args: &LogoutArgs) -> CliResult {
    ctx.with_session(|session| async move {
        let creds = session.store.load().map_err(CliError::usage)?.credentials;
        let query = args.account.as_deref().or(ctx.account.as_deref());
        let id = pick(&creds, query, session.sandbox_mode)?;
        let report = logout(&session, &id).await.map_err(|e| CliError {
            code: e.exit_code(),
            message: e.to_string(),
        })?;
        crate::outln!(
            "Logged out of {:?} [{}] ({}): the account and its secrets were removed from {}.",
            report.label,
            report.id,
            report.provider_name,
            session.store.path().display()
        );
        for line in &report.revoked {
            crate::outln!("  revoked: {line}");
        }
        for line in &report.not_revoked {
            crate::outln!("  not revoked: {line}");
        }
        if std::env::var_os(EMAIL_ENV).is_some() && std::env::var_os(API_KEY_ENV).is_some() {
            crate::outln!(
                "  note: {EMAIL_ENV} and {API_KEY_ENV} are still set; commands keep using them"
            );
        }
        Ok(())
    })
    .await
}

fn pick(creds: &Credentials, query: Option<&str>, sandbox: bool) -> Result<AccountId, CliError> {
    if let Some(q) = query {
        return creds.resolve(q).cloned().map_err(CliError::usage);
    }
    let found = if sandbox {
        creds
            .default_account()
            .filter(|(_, a)| a.provider == SANDBOX)
            .or_else(|| {
                creds
                    .find_by_provider(SANDBOX)
                    .min_by_key(|(_, a)| a.created_at)
            })
            .map(|(id, _)| id.clone())
    } else {
        creds.default_account_id().cloned()
    };
    found.ok_or_else(|| CliError::usage("no account is stored, so there is nothing to log out"))
}
