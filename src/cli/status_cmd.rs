//! `updash status [--json] [--refresh]`: every account, its tokens, and where secrets live.

use super::Context;
use super::exit::{CliError, CliResult, NEEDS_SIGN_IN};
use super::time_left;
use crate::account::{API_KEY_ENV, EMAIL_ENV};
use crate::account::{
    AccountState, AccountStatus, KeyCheck, RefreshCheck, RefreshState, StatusReport, status,
};
use crate::store::{KeyAvailability, ProtectionStatus};
use clap::Args;
use serde_json::{Value, json};
use std::time::Duration;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Tokens expiring within this window are refreshed by `status` (proving the refresh works).
const REFRESH_WINDOW: Duration = Duration::from_secs(10 * 60);

const STATUS_HELP: &str = "\
OAuth accounts whose access token expires within 10 minutes (or has expired) are refreshed \
through the provider, and the rotated tokens saved; --refresh refreshes every OAuth account \
with a refresh token, to prove it still works. A refused refresh, or an expired token with \
no refresh token, means the account needs sign-in; an Upstash account's API key is then \
checked with one call, and `db` commands keep working while it does.

Exit codes: 0 every account is usable and signed in; 1 a refresh or key could not be \
checked (network, service), with the reason; 2 the credentials file is broken; 3 an account \
needs sign-in, or there is no account and no UPSTASH_EMAIL/UPSTASH_API_KEY.

Examples:
  updash status
  updash status --refresh --json";

/// Flags of `updash status`.
#[derive(Debug, Args)]
#[command(after_help = STATUS_HELP)]
pub struct StatusArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Refresh every OAuth account now (not only those close to expiry).
    #[arg(long)]
    pub refresh: bool,
}

/// Runs `updash status`.
pub async fn run(ctx: &Context, args: &StatusArgs) -> CliResult {
    ctx.with_session_as(super::store_gate::KeyNeed::Optional, |session| async move {
        let check = if args.refresh {
            RefreshCheck::Force
        } else {
            RefreshCheck::IfExpiring(REFRESH_WINDOW)
        };
        let report = status(&session, check)
            .await
            .map_err(|e| CliError { code: e.exit_code(), message: e.to_string() })?;
        if args.json {
            crate::output::print_json(&to_json(&report)).map_err(CliError::output)?;
        } else {
            crate::output::term::out(&to_text(&report)).map_err(CliError::output)?;
        }
        if let Some(why) = &report.secrets_unavailable {
            let locked = report
                .credentials
                .protection
                .as_ref()
                .is_some_and(|p| p.key == KeyAvailability::Locked);
            return Err(if locked {
                super::store_gate::locked_error()
            } else {
                CliError::usage(format!("the secrets cannot be opened: {why}"))
            });
        }
        if report.any_needs_sign_in() {
            return Err(CliError::needs_sign_in("an account needs to sign in again (see above)"));
        }
        let unknown = report.unknown();
        if !unknown.is_empty() {
            let lines: Vec<String> = unknown
                .iter()
                .map(|(a, why)| format!("account {:?}: {why}", a.label))
                .collect();
            return Err(CliError::service(lines.join("\n")));
        }
        if report.accounts.is_empty() && report.environment_email.is_none() {
            return Err(CliError {
                code: NEEDS_SIGN_IN,
                message: "no account yet: run `updash login` (or `updash --sandbox login` to try the sandbox)".into(),
            });
        }
        Ok(())
    })
    .await
}

fn mode(m: Option<u32>) -> Value {
    m.map_or(Value::Null, |m| Value::String(format!("{m:04o}")))
}

fn rfc3339(t: Option<OffsetDateTime>) -> Option<String> {
    t.and_then(|t| t.format(&Rfc3339).ok())
}

fn to_json(r: &StatusReport) -> Value {
    let accounts: Vec<Value> = r
        .accounts
        .iter()
        .map(|a| {
            json!({
                "id": a.id.as_str(),
                "label": a.label,
                "provider": a.provider_name,
                "email": a.email,
                "team": a.team,
                "default": a.is_default,
                "expires_at": rfc3339(a.expires_at),
                "refresh": a.refresh.word(),
                "refresh_detail": match &a.refresh { RefreshState::Failed(d) => Some(d.clone()), _ => None },
                "sign_in_expired": a.sign_in_expired,
                "api_key": a.has_api_key,
                "api_key_name": a.api_key_name,
                "api_key_works": match &a.key_check {
                    KeyCheck::Works => Some(true),
                    KeyCheck::Refused => Some(false),
                    KeyCheck::NotChecked | KeyCheck::Failed(_) => None,
                },
                "usable": a.usable(),
                "needs_sign_in": a.needs_sign_in,
                "state": a.state.word(),
                "state_detail": match &a.state { AccountState::Unknown(d) => Some(d.clone()), _ => None },
                "login": a.needs_sign_in.then(|| a.login.to_string()),
            })
        })
        .collect();
    json!({
        "credentials": {
            "path": r.credentials.path.display().to_string(),
            "exists": r.credentials.exists,
            "mode": mode(r.credentials.file_mode),
            "dir_mode": mode(r.credentials.dir_mode),
            "protection": r.credentials.protection.as_ref().map(protection_json),
            "secrets_unavailable": r.secrets_unavailable,
        },
        "environment": {
            "in_use": r.environment_email.is_some(),
            "email": r.environment_email,
        },
        "accounts": accounts,
        "needs_sign_in": r.any_needs_sign_in(),
    })
}

/// The protection as JSON (shared with `config check`).
pub(super) fn protection_json(p: &ProtectionStatus) -> Value {
    json!({
        "kind": p.kind().name(),
        "sealed": p.in_use.is_some(),
        "configured": p.configured.name(),
        "key_id": p.key_id.as_ref().map(|k| k.as_str()),
        "key": p.key.word(),
        "key_available": p.key == KeyAvailability::Available,
        "key_detail": match &p.key { KeyAvailability::Unavailable(why) => Some(why.clone()), _ => None },
        "key_location": p.location,
        "plain_secrets": p.plain_secrets,
    })
}

fn to_text(r: &StatusReport) -> String {
    let c = &r.credentials;
    let fmt_mode = |m: Option<u32>| m.map_or_else(|| "-".to_string(), |m| format!("{m:04o}"));
    let mut out = if c.exists {
        format!(
            "secrets: {} (mode {}, directory {})\n",
            c.path.display(),
            fmt_mode(c.file_mode),
            fmt_mode(c.dir_mode)
        )
    } else {
        format!("secrets: {} (not created yet)\n", c.path.display())
    };
    if let Some(p) = &c.protection {
        out.push_str(&format!("{p}\n"));
    }
    if let Some(email) = &r.environment_email {
        out.push_str(&format!(
            "environment: {EMAIL_ENV}={email} and {API_KEY_ENV} are set; commands use them \
             instead of stored accounts (unless --account is given)\n"
        ));
    }
    if r.accounts.is_empty() {
        out.push_str("accounts: none\n");
    }
    for a in &r.accounts {
        out.push('\n');
        out.push_str(&account_text(a));
    }
    out
}

fn account_text(a: &AccountStatus) -> String {
    let dash = || "-".to_string();
    let expiry = match a.expires_at {
        Some(at) => {
            let when = rfc3339(Some(at)).unwrap_or_else(dash);
            format!(
                "{when} ({})",
                time_left::until(at - OffsetDateTime::now_utc())
            )
        }
        None => dash(),
    };
    let refresh = match &a.refresh {
        RefreshState::NotOAuth => "no OAuth tokens (API-key account)".to_string(),
        RefreshState::NoRefreshToken => {
            "no refresh token: sign in again when the token expires".into()
        }
        RefreshState::Expired => "no refresh token, and the token expired".into(),
        RefreshState::NotChecked => {
            "not needed yet (token valid beyond 10 min; --refresh to check)".into()
        }
        RefreshState::Refreshed => "works (refreshed just now)".into(),
        RefreshState::Refused => "refused by the provider".into(),
        RefreshState::Failed(why) => format!("could not be checked: {why}"),
    };
    let key = match (a.has_api_key, &a.api_key_name) {
        (true, Some(name)) => name.clone(),
        (true, None) => "yes".into(),
        (false, _) => "none".into(),
    };
    let key = match &a.key_check {
        KeyCheck::NotChecked => key,
        KeyCheck::Works => format!("{key} (works)"),
        KeyCheck::Refused => format!("{key} (refused by the Developer API)"),
        KeyCheck::Failed(why) => format!("{key} (could not be checked: {why})"),
    };
    let state = match &a.state {
        AccountState::Ok => "ok".to_string(),
        AccountState::NeedsSignIn if a.key_check == KeyCheck::Works => format!(
            "needs sign-in: run `{}`; the sign-in expired, but the API key still works, \
             so db commands keep working until it is refused",
            a.login
        ),
        AccountState::NeedsSignIn => format!("needs sign-in: run `{}`", a.login),
        AccountState::Unknown(why) => format!("unknown: {why}"),
    };
    format!(
        "{}{} [{}]{}\n  provider: {}\n  email: {}\n  team: {}\n  token expires: {}\n  refresh: {}\n  api key: {}\n  state: {}\n",
        if a.is_default { "* " } else { "  " },
        a.label,
        a.id,
        if a.is_default { " (default)" } else { "" },
        a.provider_name,
        a.email.clone().unwrap_or_else(dash),
        a.team.clone().unwrap_or_else(dash),
        expiry,
        refresh,
        key,
        state
    )
}
