//! `updash logout [ACCOUNT] [--force]`: revoke what the provider can, remove the account's
//! secrets; when a revocation fails the account is kept (exit 1) unless `--force`.

use super::Context;
use super::exit::{CliError, CliResult};
use crate::account::{API_KEY_ENV, EMAIL_ENV};
use crate::account::{LogoutReport, logout};
use crate::config::SANDBOX;
use crate::store::{AccountId, Credentials};
use clap::Args;

const LOGOUT_HELP: &str = "\
The refresh and access tokens are revoked at the provider where it can (RFC 7009), then the \
account and its secrets are removed. When a revocation fails (network, provider error) the \
account is kept, so it can be retried: exit 1, naming the tokens that are still valid; \
--force removes it anyway. A Developer API key stays valid at Upstash until it is deleted in \
the Upstash console.

Examples:
  updash --account work logout
  updash --account old logout --force";

/// Flags of `updash logout`.
#[derive(Debug, Args)]
#[command(after_help = LOGOUT_HELP)]
pub struct LogoutArgs {
    /// The account (id, label or email); default: --account, else the default account
    /// (with --sandbox: the sandbox account).
    #[arg(value_name = "ACCOUNT")]
    pub account: Option<String>,
    /// Remove the account even when its tokens could not be revoked (they stay valid).
    #[arg(long)]
    pub force: bool,
}

/// Runs `updash logout`.
pub async fn run(ctx: &Context, args: &LogoutArgs) -> CliResult {
    ctx.with_session(|session| async move {
        let creds = session.store.load().map_err(CliError::usage)?.credentials;
        let query = args.account.as_deref().or(ctx.account.as_deref());
        let id = pick(&creds, query, session.sandbox_mode)?;
        let report = logout(&session, &id, args.force)
            .await
            .map_err(|e| CliError {
                code: e.exit_code(),
                message: e.to_string(),
            })?;
        if !report.removed {
            return Err(kept(&report, &id));
        }
        let forced = if report.failed.is_empty() {
            ""
        } else {
            " anyway (--force)"
        };
        crate::outln!(
            "Logged out of {:?} [{}] ({}): the account and its secrets were removed{forced} from {}.",
            report.label,
            report.id,
            report.provider_name,
            session.store.path().display()
        );
        for line in &report.revoked {
            crate::outln!("  revoked: {line}");
        }
        for line in &report.failed {
            crate::outln!("  not revoked: {line}");
        }
        if !report.still_valid.is_empty() {
            crate::outln!(
                "  still valid: the {} (until it expires, or it is revoked at {})",
                report.still_valid.join(" and the "),
                report.provider_name
            );
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

/// Exit 1: what failed, which tokens are still valid, and the two ways on.
fn kept(report: &LogoutReport, id: &AccountId) -> CliError {
    let mut message = format!(
        "the account {:?} [{id}] was kept, because revoking its tokens failed:",
        report.label
    );
    for line in &report.failed {
        message.push_str(&format!("\n  {line}"));
    }
    message.push_str(&format!(
        "\nstill valid at {}: the {}",
        report.provider_name,
        report.still_valid.join(" and the ")
    ));
    message.push_str(&format!(
        "\ntry again later, or run `updash logout --force {}` to remove it anyway (those tokens then stay valid until they expire)",
        report.id
    ));
    CliError::service(message)
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
