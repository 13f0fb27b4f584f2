//! Disconnecting an account: revoke what the provider can revoke (RFC 7009), delete the
//! local secrets, and say plainly what stays valid.

use super::error::ConnectError;
use crate::account::Session;
use crate::auth::{OAuthClient, Revocation, TokenKind};
use crate::config::ProviderKind;
use crate::secret::Secret;
use crate::store::{AccountId, StoreError};

/// What a logout did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutReport {
    /// The removed account's id.
    pub id: AccountId,
    /// Its label.
    pub label: String,
    /// Its provider's name.
    pub provider_name: String,
    /// What was revoked at the provider, one sentence each.
    pub revoked: Vec<String>,
    /// What could not be revoked and stays valid, one sentence each.
    pub not_revoked: Vec<String>,
}

/// Revokes the account's refresh token (and access token) where the provider can, then
/// removes the account and its secrets from the credentials file, whatever the provider
/// answered (a failed revocation is reported, not fatal).
pub async fn logout(session: &Session, id: &AccountId) -> Result<LogoutReport, ConnectError> {
    let creds = session.store.load()?.credentials;
    let account = creds
        .get(id)
        .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?
        .clone();
    let mut revoked = Vec::new();
    let mut not_revoked = Vec::new();
    let name = &account.provider;
    let tokens: Vec<(&Secret, TokenKind, &str)> = [
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
            Err(reason) => not_revoked.push(format!(
                "the OAuth tokens could not be revoked at {name} ({reason}); they stay valid until they expire"
            )),
            Ok(client) => {
                for (token, kind, what) in tokens {
                    match client.revoke(token, kind).await {
                        Ok(Revocation::Revoked) => {
                            revoked.push(format!("the {what} was revoked at {name}"))
                        }
                        Ok(Revocation::NotSupported) => {
                            not_revoked.push(format!(
                                "{name} has no revocation endpoint, so the {what} stays valid until it expires"
                            ));
                            break;
                        }
                        Err(e) => not_revoked.push(format!(
                            "the {what} could not be revoked at {name}: {e}"
                        )),
                    }
                }
            }
        }
    }
    if account.api_key.is_some() {
        let upstash = provider
            .as_ref()
            .map(|p| p.kind == ProviderKind::Upstash)
            .unwrap_or(true);
        if upstash {
            let which = account
                .api_key_name
                .as_deref()
                .map(|n| format!("the Developer API key {n}"))
                .unwrap_or_else(|| "the Developer API key".into());
            not_revoked.push(format!(
                "{which} stays valid at Upstash until you delete it in the Upstash console \
                 (there is no API to delete keys)"
            ));
        }
    }
    session.store.update(|c| {
        c.remove_account(id);
        Ok(())
    })?;
    tracing::info!(account = %id, "connect: account removed");
    Ok(LogoutReport {
        id: id.clone(),
        label: account.label,
        provider_name: account.provider,
        revoked,
        not_revoked,
    })
}
