//! The connect glue the dashboard needs (code → tokens → email → API key → saved account;
//! API-key accounts; disconnect with revocation), written directly on `auth`, `upstash` and
//! `store` until the shared `connect` module lands. Kept in one file so it swaps out whole.

use super::errors;
use crate::auth::{AuthCode, OAuthClient, Revocation, TokenKind, TokenSet};
use crate::config::{ProviderConfig, ProviderKind};
use crate::secret::Secret;
use crate::session::Session;
use crate::store::{Account, AccountId, StoreError};
use crate::tui::services::ServiceError;
use crate::upstash::{ApiCredentials, Client, ClientConfig, api_key_name, create_api_key};
use time::OffsetDateTime;

/// Exchanges the code, learns the email, mints and checks a Developer API key (Upstash-kind
/// providers), and saves the account (updating the one with the same provider and email).
pub async fn finish_sign_in(
    session: &Session,
    provider_name: &str,
    client: &OAuthClient,
    code: AuthCode,
) -> Result<AccountId, ServiceError> {
    let tokens = client.exchange_code(code).await.map_err(errors::auth)?;
    let email = client.account_email(&tokens).await;
    let provider = client.provider().clone();
    let key = match provider.kind {
        ProviderKind::Oauth => None,
        ProviderKind::Upstash => {
            let email = email.as_deref().ok_or_else(|| {
                errors::rejected("The provider did not say which email signed in")
            })?;
            Some(mint_checked(&provider, &tokens, email).await?)
        }
    };
    save(session, provider_name, email, Some(&tokens), key)
}

async fn mint_checked(
    provider: &ProviderConfig,
    tokens: &TokenSet,
    email: &str,
) -> Result<(Secret, Option<String>), ServiceError> {
    let config = api_config(provider)?;
    let now = OffsetDateTime::now_utc().unix_timestamp().max(0) as u64;
    let name = api_key_name(now);
    let minted = create_api_key(&config, &tokens.access_token, &name)
        .await
        .map_err(errors::api)?;
    verify(&config, email, &minted.api_key).await?;
    Ok((minted.api_key, Some(minted.name.unwrap_or(name))))
}

fn api_config(provider: &ProviderConfig) -> Result<ClientConfig, ServiceError> {
    let base = provider
        .api_base_url
        .as_deref()
        .ok_or_else(|| errors::rejected("This provider has no Developer API"))?;
    ClientConfig::new(base).map_err(errors::api)
}

async fn verify(config: &ClientConfig, email: &str, key: &Secret) -> Result<(), ServiceError> {
    let client =
        Client::new(config, ApiCredentials::new(email, key.clone())).map_err(errors::api)?;
    client.verify_credentials().await.map_err(|e| {
        if e.is_unauthorized() {
            errors::rejected(format!(
                "The provider refused the email {email} with this API key; check both"
            ))
        } else {
            errors::api(e)
        }
    })
}

/// Checks `email` + `key` with one API call, then saves them.
pub async fn add_api_key_account(
    session: &Session,
    provider_name: &str,
    email: &str,
    key: Secret,
) -> Result<AccountId, ServiceError> {
    let provider = session
        .providers
        .get(provider_name)
        .map_err(errors::unavailable)?;
    let email = email.trim();
    let key = Secret::new(key.expose().trim());
    verify(&api_config(&provider)?, email, &key).await?;
    save(
        session,
        provider_name,
        Some(email.to_string()),
        None,
        Some((key, None)),
    )
}

fn save(
    session: &Session,
    provider_name: &str,
    email: Option<String>,
    tokens: Option<&TokenSet>,
    key: Option<(Secret, Option<String>)>,
) -> Result<AccountId, ServiceError> {
    let now = OffsetDateTime::now_utc();
    session
        .store
        .update(|c| {
            let found = c
                .find_by_provider(provider_name)
                .find(|(_, a)| {
                    a.email.is_some()
                        && a.email.as_deref().map(str::to_lowercase)
                            == email.as_deref().map(str::to_lowercase)
                })
                .map(|(id, _)| id.clone());
            let id = match found {
                Some(id) => id,
                None => {
                    let label = unique_label(c, email.as_deref().unwrap_or(provider_name));
                    c.add_account(Account::new(provider_name, label, now))?
                }
            };
            let a = c
                .get_mut(&id)
                .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?;
            if email.is_some() {
                a.email.clone_from(&email);
            }
            if let Some((key, name)) = key {
                a.api_key = Some(key);
                a.api_key_name = name;
            }
            if let Some(tokens) = tokens {
                a.access_token = Some(tokens.access_token.clone());
                a.refresh_token = tokens.refresh_token.clone();
                a.expires_at = tokens.expires_at;
                a.scopes = tokens.scopes.clone();
            }
            a.needs_sign_in = false;
            a.updated_at = now;
            Ok(id)
        })
        .map_err(errors::store)
}

fn unique_label(c: &crate::store::Credentials, base: &str) -> String {
    let taken = |l: &str| c.accounts().any(|(_, a)| a.label == l);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|l| !taken(l))
        .unwrap_or_else(|| base.to_string())
}

/// Revokes the account's tokens where the provider can, removes it, and says what stays valid.
pub async fn disconnect(session: &Session, id: &str) -> Result<String, ServiceError> {
    let id = super::accounts::parse_id(id)?;
    let creds = session.store.load().map_err(errors::store)?.credentials;
    let account = creds
        .get(&id)
        .ok_or_else(|| errors::unavailable(format!("The account {id} is no longer stored")))?
        .clone();
    let mut notes = Vec::new();
    let tokens = [
        (account.refresh_token.as_ref(), TokenKind::RefreshToken),
        (account.access_token.as_ref(), TokenKind::AccessToken),
    ];
    if tokens.iter().any(|(t, _)| t.is_some()) {
        match session
            .providers
            .get(&account.provider)
            .and_then(|p| OAuthClient::new(&p).map_err(|e| e.to_string()))
        {
            Err(reason) => notes.push(format!("tokens not revoked ({reason})")),
            Ok(client) => {
                for (token, kind) in tokens {
                    let Some(token) = token else { continue };
                    match client.revoke(token, kind).await {
                        Ok(Revocation::Revoked) => {}
                        Ok(Revocation::NotSupported) => {
                            notes.push("the provider cannot revoke tokens".into());
                            break;
                        }
                        Err(e) => notes.push(format!("revoking failed: {e}")),
                    }
                }
            }
        }
    }
    if account.api_key.is_some() && account.provider != crate::config::SANDBOX {
        notes.push("its API key stays valid until deleted in the Upstash console".into());
    }
    session
        .store
        .update(|c| {
            c.remove_account(&id);
            Ok(())
        })
        .map_err(errors::store)?;
    let tail = if notes.is_empty() {
        " (tokens revoked)".to_string()
    } else {
        format!(" ({})", notes.join("; "))
    };
    Ok(format!("Disconnected {}{tail}", account.label))
}
