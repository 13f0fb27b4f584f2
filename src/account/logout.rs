//! Disconnecting an account: revoke what the provider can revoke (RFC 7009), delete the
//! local secrets, and say plainly what stays valid.
//!
//! A revocation that fails (network, provider error) keeps the account: deleting it would
//! leave tokens valid at the provider that updash can no longer revoke. `force` removes it
//! anyway, and the report says which tokens stay valid.

use super::error::ConnectError;
use crate::account::Session;
use crate::auth::{OAuthClient, Revocation, TokenKind};
use crate::config::ProviderKind;
use crate::secret::Secret;
use crate::store::{AccountId, StoreError};

/// What a logout did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutReport {
    /// The account's id.
    pub id: AccountId,
    /// Its label.
    pub label: String,
    /// Its provider's name.
    pub provider_name: String,
    /// Whether the account and its secrets were removed from the credentials file.
    pub removed: bool,
    /// What was revoked at the provider, one sentence each.
    pub revoked: Vec<String>,
    /// What stays valid by design (no revocation endpoint, the Developer API key), one
    /// sentence each.
    pub not_revoked: Vec<String>,
    /// Revocations that failed, one sentence each: those tokens are still valid.
    pub failed: Vec<String>,
    /// The tokens that are still valid because their revocation failed ("refresh token").
    pub still_valid: Vec<&'static str>,
}

/// Revokes the account's refresh token (and access token) where the provider can, then
/// removes the account and its secrets from the credentials file. When a revocation fails,
/// the account is kept (`removed: false`) unless `force`.
pub async fn logout(
    session: &Session,
    id: &AccountId,
    force: bool,
) -> Result<LogoutReport, ConnectError> {
    let creds = session.store.load()?.credentials;
    let account = creds
        .get(id)
        .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?
        .clone();
    let mut report = LogoutReport {
        id: id.clone(),
        label: account.label.clone(),
        provider_name: account.provider.clone(),
        removed: false,
        revoked: Vec::new(),
        not_revoked: Vec::new(),
        failed: Vec::new(),
        still_valid: Vec::new(),
    };
    let name = &account.provider;
    let tokens: Vec<(&Secret, TokenKind, &'static str)> = [
        (
            account.refresh_token.as_ref(),
            TokenKind::RefreshToken,
            "refresh token",
        ),
        (
            account.access_token.as_ref(),
            TokenKind::AccessToken,
            "access token",
        ),
    ]
    .into_iter()
    .filter_map(|(t, k, what)| t.map(|t| (t, k, what)))
    .collect();
    let provider = session.providers.get(name);
    if !tokens.is_empty() {
        let client = provider
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|p| OAuthClient::new(p).map_err(|e| e.to_string()));
        match client {
            Err(reason) => {
                report.failed.push(format!(
                    "the OAuth tokens could not be revoked at {name} ({reason})"
                ));
                report.still_valid = tokens.iter().map(|(_, _, what)| *what).collect();
            }
            Ok(client) => revoke_each(&client, &tokens, id, name, &mut report).await,
        }
    }
    if account.api_key.is_some() {
        let upstash = provider
            .as_ref()
            .map(|p| p.kind() == ProviderKind::Upstash)
            .unwrap_or(true);
        if upstash {
            let which = account
                .api_key_name
                .as_deref()
                .map(|n| format!("the Developer API key {n}"))
                .unwrap_or_else(|| "the Developer API key".into());
            report.not_revoked.push(format!(
                "{which} stays valid at Upstash until you delete it in the Upstash console \
                 (there is no API to delete keys)"
            ));
        }
    }
    if !report.failed.is_empty() && !force {
        return Ok(report);
    }
    session.store.update(|c| {
        c.remove_account(id);
        Ok(())
    })?;
    report.removed = true;
    crate::logging::logged_out(id, name, !report.failed.is_empty());
    Ok(report)
}

/// Revokes each token in turn, recording what happened in `report`.
async fn revoke_each(
    client: &OAuthClient,
    tokens: &[(&Secret, TokenKind, &'static str)],
    id: &AccountId,
    name: &str,
    report: &mut LogoutReport,
) {
    for (token, kind, what) in tokens {
        match client.revoke(token, *kind).await {
            Ok(Revocation::Revoked) => {
                crate::logging::revoked(id, name, what, "revoked");
                report
                    .revoked
                    .push(format!("the {what} was revoked at {name}"));
            }
            Ok(Revocation::NotSupported) => {
                crate::logging::revoked(id, name, what, "not supported");
                report.not_revoked.push(format!(
                    "{name} has no revocation endpoint, so the {what} stays valid until it expires"
                ));
                break;
            }
            Err(e) => {
                crate::logging::revoked(id, name, what, "failed");
                report
                    .failed
                    .push(format!("the {what} could not be revoked at {name}: {e}"));
                report.still_valid.push(what);
            }
        }
    }
}
