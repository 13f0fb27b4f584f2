//! Every account's state for `updash status` and the dashboard's accounts view: provider,
//! identity, token expiry, whether a refresh works, where the secrets live.
//!
//! Whether a refresh works is learned by refreshing, through [`TokenRefresher`] (so a
//! rotation is persisted first, one refresh at a time across processes): always with
//! [`RefreshCheck::Force`], else only for tokens that expire within the window.

use super::error::ConnectError;
use crate::account::{API_KEY_ENV, EMAIL_ENV, Session};
use crate::auth::{AuthError, OAuthClient, TokenRefresher};
use crate::config::ProviderKind;
use crate::store::{AccountId, SecretField, StoreError, Summary};
use std::time::Duration;
use time::OffsetDateTime;

/// When `status` refreshes an account's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshCheck {
    /// Never; report what is stored.
    Never,
    /// When the access token expires within this window (or has expired).
    IfExpiring(Duration),
    /// Always (proves the refresh token works; rotates it).
    Force,
}

/// What the refresh check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshState {
    /// The account holds no OAuth tokens (API-key account).
    NotOAuth,
    /// It has an access token but no refresh token: sign in again when it expires.
    NoRefreshToken,
    /// Not tried: the access token is valid beyond the window.
    NotChecked,
    /// A refresh succeeded (the new tokens are saved).
    Refreshed,
    /// The provider refused the refresh: the account needs a new sign-in.
    Refused,
    /// The refresh could not be tried or failed for another reason (network, provider).
    Failed(String),
}

impl RefreshState {
    /// A short word for tables and JSON.
    pub fn word(&self) -> &'static str {
        match self {
            Self::NotOAuth => "no-oauth",
            Self::NoRefreshToken => "no-refresh-token",
            Self::NotChecked => "not-checked",
            Self::Refreshed => "ok",
            Self::Refused => "refused",
            Self::Failed(_) => "failed",
        }
    }
}

/// One account's state, without secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    /// Its id.
    pub id: AccountId,
    /// Its label.
    pub label: String,
    /// Its provider's name.
    pub provider_name: String,
    /// Its email.
    pub email: Option<String>,
    /// The team it acts for.
    pub team: Option<String>,
    /// Whether it is the default account.
    pub is_default: bool,
    /// When its access token expires (after any refresh).
    pub expires_at: Option<OffsetDateTime>,
    /// Whether it holds a Developer API key.
    pub has_api_key: bool,
    /// The key's name, when updash minted it.
    pub api_key_name: Option<String>,
    /// What the refresh check found.
    pub refresh: RefreshState,
    /// Whether it needs a new sign-in (after the check).
    pub needs_sign_in: bool,
}

/// The whole picture.
#[derive(Debug, Clone)]
pub struct StatusReport {
    /// Every stored account, ordered by id.
    pub accounts: Vec<AccountStatus>,
    /// Where the secrets live, with the file's and directory's modes.
    pub credentials: Summary,
    /// `UPSTASH_EMAIL`, when it and `UPSTASH_API_KEY` are both set (commands use them).
    pub environment_email: Option<String>,
    /// Why the secrets could not be opened (locked, key missing): the accounts are shown
    /// from what the file says without them, and no token was refreshed.
    pub secrets_unavailable: Option<String>,
}

impl StatusReport {
    /// Whether any account needs a new sign-in.
    pub fn any_needs_sign_in(&self) -> bool {
        self.accounts.iter().any(|a| a.needs_sign_in)
    }
}

/// Reads every account, refreshing tokens as `check` says, and re-reads the result.
pub async fn status(session: &Session, check: RefreshCheck) -> Result<StatusReport, ConnectError> {
    let loaded = match session.store.load() {
        Ok(loaded) => loaded,
        Err(e) if e.is_key_unavailable() => return without_secrets(session, &e),
        Err(e) => return Err(e.into()),
    };
    let mut refresh = Vec::new();
    for (id, account) in loaded.credentials.accounts() {
        refresh.push((id.clone(), check_one(session, id, account, check).await));
    }
    // Read again: refreshes rotated tokens and may have marked accounts.
    let loaded = session.store.load()?;
    let creds = &loaded.credentials;
    let default = creds.default_account_id().cloned();
    let accounts = refresh
        .into_iter()
        .filter_map(|(id, state)| {
            let a = creds.get(&id)?;
            let upstash = session
                .providers
                .get(&a.provider)
                .map(|p| p.kind == ProviderKind::Upstash)
                .unwrap_or(a.api_key.is_some());
            let missing_key = upstash && (a.api_key.is_none() || a.email.is_none());
            Some(AccountStatus {
                is_default: default.as_ref() == Some(&id),
                label: a.label.clone(),
                provider_name: a.provider.clone(),
                email: a.email.clone(),
                team: a.team.clone(),
                expires_at: a.expires_at,
                has_api_key: a.api_key.is_some(),
                api_key_name: a.api_key_name.clone(),
                needs_sign_in: a.needs_sign_in || state == RefreshState::Refused || missing_key,
                refresh: state,
                id,
            })
        })
        .collect();
    Ok(StatusReport {
        accounts,
        credentials: session.store.summary_of(&loaded),
        environment_email: environment_email(),
        secrets_unavailable: None,
    })
}

/// The report from the file alone, when its secrets cannot be opened.
fn without_secrets(session: &Session, why: &StoreError) -> Result<StatusReport, ConnectError> {
    let loaded = session.store.inspect()?;
    let creds = &loaded.credentials;
    let default = creds.default_account_id();
    let present = loaded.withheld.clone().unwrap_or_default();
    let accounts = creds
        .accounts()
        .map(|(id, a)| {
            let has = |f: SecretField| present.get(id).is_some_and(|s| s.contains(&f));
            let refresh = if !has(SecretField::AccessToken) {
                RefreshState::NotOAuth
            } else if !has(SecretField::RefreshToken) {
                RefreshState::NoRefreshToken
            } else {
                RefreshState::Failed("the secrets cannot be opened".into())
            };
            AccountStatus {
                id: id.clone(),
                label: a.label.clone(),
                provider_name: a.provider.clone(),
                email: a.email.clone(),
                team: a.team.clone(),
                is_default: default == Some(id),
                expires_at: a.expires_at,
                has_api_key: has(SecretField::ApiKey),
                api_key_name: a.api_key_name.clone(),
                refresh,
                needs_sign_in: a.needs_sign_in,
            }
        })
        .collect();
    Ok(StatusReport {
        accounts,
        credentials: session.store.summary_of(&loaded),
        environment_email: environment_email(),
        secrets_unavailable: Some(why.to_string()),
    })
}

async fn check_one(
    session: &Session,
    id: &AccountId,
    account: &crate::store::Account,
    check: RefreshCheck,
) -> RefreshState {
    let Some(access) = &account.access_token else {
        return RefreshState::NotOAuth;
    };
    if account.refresh_token.is_none() {
        return RefreshState::NoRefreshToken;
    }
    if account.needs_sign_in {
        return RefreshState::Refused;
    }
    let window = match check {
        RefreshCheck::Never => return RefreshState::NotChecked,
        RefreshCheck::IfExpiring(w) => Some(w),
        RefreshCheck::Force => None,
    };
    let client = match session
        .providers
        .get(&account.provider)
        .and_then(|p| OAuthClient::new(&p).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(reason) => return RefreshState::Failed(reason),
    };
    let result = match window {
        Some(w) => {
            let expiring = account.expires_at.is_some_and(|at| {
                at - time::Duration::try_from(w).unwrap_or(time::Duration::ZERO)
                    <= OffsetDateTime::now_utc()
            });
            if !expiring {
                return RefreshState::NotChecked;
            }
            TokenRefresher::new(session.store.clone())
                .with_skew(w)
                .access_token(&client, id)
                .await
        }
        None => {
            TokenRefresher::new(session.store.clone())
                .after_unauthorized(&client, id, access)
                .await
        }
    };
    match result {
        Ok(_) => RefreshState::Refreshed,
        Err(AuthError::NeedsSignIn) => RefreshState::Refused,
        Err(e) => RefreshState::Failed(e.to_string()),
    }
}

fn environment_email() -> Option<String> {
    let get = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
    match (get(EMAIL_ENV), get(API_KEY_ENV)) {
        (Some(email), Some(_)) => Some(email.trim().to_string()),
        _ => None,
    }
}
