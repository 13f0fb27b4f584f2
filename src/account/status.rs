//! Every account's state for `updash status` and the dashboard's accounts view: provider,
//! identity, token expiry, whether a refresh works, whether the account can be used, where
//! the secrets live.
//!
//! Whether a refresh works is learned by refreshing, through [`TokenRefresher`] (so a
//! rotation is persisted first, one refresh at a time across processes): always with
//! [`RefreshCheck::Force`], else only for tokens that expire within the window. An Upstash
//! account whose sign-in expired is still usable while its API key works, so that key is
//! then checked with one API call.
//!
//! An account's [`AccountState`] is `Ok` only when it is usable and nothing is left unknown.

use super::connect::verify_key;
use super::error::ConnectError;
use crate::account::{API_KEY_ENV, EMAIL_ENV, LoginHint, Session};
use crate::auth::{AuthError, OAuthClient, TokenRefresher};
use crate::config::ProviderKind;
use crate::store::{Account, AccountId, SecretField, StoreError, Summary};
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
    /// The access token expired and there is no refresh token: the sign-in is over.
    Expired,
    /// Not tried: the access token is valid beyond the window.
    NotChecked,
    /// A refresh succeeded (the new tokens are saved).
    Refreshed,
    /// The provider refused the refresh (now, or before): the sign-in expired.
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
            Self::Expired => "expired",
            Self::NotChecked => "not-checked",
            Self::Refreshed => "ok",
            Self::Refused => "refused",
            Self::Failed(_) => "failed",
        }
    }

    /// Whether the provider no longer accepts the sign-in.
    fn sign_in_over(&self) -> bool {
        matches!(self, Self::Expired | Self::Refused)
    }
}

/// What one call with the account's Developer API key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyCheck {
    /// Not needed (the sign-in works, or there is no key).
    NotChecked,
    /// The Developer API accepted the key.
    Works,
    /// The Developer API refused the key.
    Refused,
    /// The call failed for another reason (network, service).
    Failed(String),
}

/// Whether the account can be used, as `status` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountState {
    /// Usable, and its sign-in works (or it needs none).
    Ok,
    /// It must sign in again (exit 3); its API key may still work (see `key_check`).
    NeedsSignIn,
    /// Whether it works could not be learned (network, service): the reason (exit 1).
    Unknown(String),
}

impl AccountState {
    /// A short word for JSON.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::NeedsSignIn => "needs-sign-in",
            Self::Unknown(_) => "unknown",
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
    /// The provider no longer accepts its OAuth sign-in.
    pub sign_in_expired: bool,
    /// What checking its API key found (done when the sign-in expired).
    pub key_check: KeyCheck,
    /// Whether it needs a new sign-in (after the checks).
    pub needs_sign_in: bool,
    /// Whether it can be used, all told.
    pub state: AccountState,
    /// The command that signs it in again.
    pub login: LoginHint,
}

impl AccountStatus {
    /// Whether `db` commands work with it now (its key works, or nothing says otherwise).
    pub fn usable(&self) -> bool {
        match self.state {
            AccountState::Ok => true,
            AccountState::NeedsSignIn => self.key_check == KeyCheck::Works,
            AccountState::Unknown(_) => false,
        }
    }
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

    /// The reasons why some accounts could not be checked (network, service).
    pub fn unknown(&self) -> Vec<(&AccountStatus, &str)> {
        self.accounts
            .iter()
            .filter_map(|a| match &a.state {
                AccountState::Unknown(why) => Some((a, why.as_str())),
                _ => None,
            })
            .collect()
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
    let creds = session.store.load()?.credentials;
    let mut accounts = Vec::new();
    for (id, state) in refresh {
        if let Some(a) = creds.get(&id) {
            let is_default = creds.default_account_id() == Some(&id);
            accounts.push(judge(session, id, a, state, is_default).await);
        }
    }
    // Read once more for the summary: a refused key was marked meanwhile.
    let loaded = session.store.load()?;
    Ok(StatusReport {
        accounts,
        credentials: session.store.summary_of(&loaded),
        environment_email: environment_email(),
        secrets_unavailable: None,
    })
}

/// One account's state from its refresh check (and, when its sign-in expired, one call with
/// its API key).
async fn judge(
    session: &Session,
    id: AccountId,
    a: &Account,
    refresh: RefreshState,
    is_default: bool,
) -> AccountStatus {
    let upstash = session
        .providers
        .get(&a.provider)
        .map(|p| p.kind() == ProviderKind::Upstash)
        .unwrap_or(a.api_key.is_some());
    let missing_key = upstash && (a.api_key.is_none() || a.email.is_none());
    let sign_in_expired = a.sign_in_expired || refresh.sign_in_over();
    let key_check = if sign_in_expired && upstash && !a.needs_sign_in && !missing_key {
        check_key(session, &id, a).await
    } else {
        KeyCheck::NotChecked
    };
    let needs_sign_in =
        a.needs_sign_in || missing_key || sign_in_expired || key_check == KeyCheck::Refused;
    let state = if needs_sign_in {
        AccountState::NeedsSignIn
    } else if let RefreshState::Failed(why) = &refresh {
        AccountState::Unknown(format!("the refresh could not be checked: {why}"))
    } else {
        AccountState::Ok
    };
    let state = match (&state, &key_check) {
        (AccountState::NeedsSignIn, KeyCheck::Failed(why)) => AccountState::Unknown(format!(
            "the sign-in expired, and the API key could not be checked: {why}"
        )),
        _ => state,
    };
    AccountStatus {
        is_default,
        label: a.label.clone(),
        provider_name: a.provider.clone(),
        email: a.email.clone(),
        team: a.team.clone(),
        expires_at: a.expires_at,
        has_api_key: a.api_key.is_some(),
        api_key_name: a.api_key_name.clone(),
        refresh,
        sign_in_expired,
        key_check,
        needs_sign_in,
        state,
        login: LoginHint::new(&a.label, &a.provider),
        id,
    }
}

/// One call with the account's key; a refused key marks the account as needing sign-in.
async fn check_key(session: &Session, id: &AccountId, a: &Account) -> KeyCheck {
    let (Some(email), Some(key)) = (&a.email, &a.api_key) else {
        return KeyCheck::NotChecked;
    };
    let provider = match session.providers.get(&a.provider) {
        Ok(p) => p,
        Err(why) => return KeyCheck::Failed(why),
    };
    match verify_key(&provider, email, key).await {
        Ok(()) => KeyCheck::Works,
        Err(e) if e.is_unauthorized() => {
            let marked = session.store.update(|c| {
                if let Some(a) = c.get_mut(id) {
                    a.needs_sign_in = true;
                    a.updated_at = OffsetDateTime::now_utc();
                }
                Ok(())
            });
            if let Err(e) = marked {
                tracing::warn!(account = %id, "could not mark the account as needing sign-in: {e}");
            }
            KeyCheck::Refused
        }
        Err(e) => KeyCheck::Failed(e.to_string()),
    }
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
            let needs_sign_in = a.needs_sign_in || a.sign_in_expired;
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
                sign_in_expired: a.sign_in_expired,
                key_check: KeyCheck::NotChecked,
                needs_sign_in,
                state: if needs_sign_in {
                    AccountState::NeedsSignIn
                } else {
                    AccountState::Unknown("the secrets cannot be opened".into())
                },
                login: LoginHint::new(&a.label, &a.provider),
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
    account: &Account,
    check: RefreshCheck,
) -> RefreshState {
    let Some(access) = &account.access_token else {
        return RefreshState::NotOAuth;
    };
    if account.sign_in_expired {
        return RefreshState::Refused;
    }
    if account.refresh_token.is_none() {
        let expired = account
            .expires_at
            .is_some_and(|at| at <= OffsetDateTime::now_utc());
        return if expired {
            RefreshState::Expired
        } else {
            RefreshState::NoRefreshToken
        };
    }
    if account.needs_sign_in {
        // Its key was refused: a sign-in is due whatever a refresh would say.
        return RefreshState::NotChecked;
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
