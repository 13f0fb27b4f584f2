//! Picking the account: `--account`, the environment, the sandbox's, or the default.

use super::{API_KEY_ENV, EMAIL_ENV, LoginHint, Session, SessionError};
use crate::config::{ProviderConfig, ProviderKind, SANDBOX, UPSTASH};
use crate::secret::Secret;
use crate::store::{Account, AccountId, Credentials};

/// Where the selected account's key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountSource {
    /// A stored account.
    Stored(AccountId),
    /// `UPSTASH_EMAIL` and `UPSTASH_API_KEY`.
    Environment,
}

/// An account ready for the Developer API.
#[derive(Debug, Clone)]
pub struct Selected {
    /// Stored or from the environment.
    pub source: AccountSource,
    /// The provider's name.
    pub provider_name: String,
    /// The provider.
    pub provider: ProviderConfig,
    /// The account's label (the email for environment credentials).
    pub label: String,
    /// The account email (the Basic auth user).
    pub email: String,
    /// The Developer API key.
    pub api_key: Secret,
}

/// `UPSTASH_EMAIL` and `UPSTASH_API_KEY`, when both are set.
pub fn environment_credentials() -> Result<Option<(String, Secret)>, SessionError> {
    let get = |name| {
        std::env::var(name)
            .ok()
            .filter(|v: &String| !v.trim().is_empty())
    };
    match (get(EMAIL_ENV), get(API_KEY_ENV)) {
        (Some(email), Some(key)) => Ok(Some((email.trim().to_string(), Secret::new(key.trim())))),
        (None, None) => Ok(None),
        _ => Err(SessionError::HalfEnvironment),
    }
}

impl Session {
    /// The account to act as: `query` (id, label or email) when given, else the environment
    /// credentials, else (with `--sandbox`) a sandbox account, else the default account.
    pub fn select(&self, query: Option<&str>) -> Result<Selected, SessionError> {
        if query.is_none()
            && let Some((email, api_key)) = environment_credentials()?
        {
            let provider_name = if self.sandbox_mode { SANDBOX } else { UPSTASH };
            return Ok(Selected {
                source: AccountSource::Environment,
                provider_name: provider_name.to_string(),
                provider: self
                    .providers
                    .get(provider_name)
                    .map_err(SessionError::Provider)?,
                label: email.clone(),
                email,
                api_key,
            });
        }
        let creds = self.store.load()?.credentials;
        let id = match query {
            Some(q) => creds.resolve(q)?.clone(),
            None => self.pick_default(&creds)?,
        };
        let account = creds
            .get(&id)
            .ok_or_else(|| SessionError::NoAccount(format!("no account with id {id}")))?;
        self.ready(id, account)
    }

    fn pick_default(&self, creds: &Credentials) -> Result<AccountId, SessionError> {
        if self.sandbox_mode {
            if let Some((id, a)) = creds.default_account()
                && a.provider == SANDBOX
            {
                return Ok(id.clone());
            }
            return creds
                .find_by_provider(SANDBOX)
                .min_by_key(|(_, a)| a.created_at)
                .map(|(id, _)| id.clone())
                .ok_or_else(|| {
                    SessionError::NoAccount(
                        "no sandbox account yet: run `updash --sandbox login` (or open \
                         the dashboard with `updash --sandbox`)"
                            .into(),
                    )
                });
        }
        creds
            .default_account()
            .map(|(id, _)| id.clone())
            .ok_or_else(|| {
                SessionError::NoAccount(
                    "no account yet: run `updash login`, or set UPSTASH_EMAIL and \
                     UPSTASH_API_KEY (try `updash --sandbox` for a local demo)"
                        .into(),
                )
            })
    }

    fn ready(&self, id: AccountId, account: &Account) -> Result<Selected, SessionError> {
        let provider = self
            .providers
            .get(&account.provider)
            .map_err(SessionError::Provider)?;
        if provider.kind() != ProviderKind::Upstash {
            return Err(SessionError::NotUpstash {
                label: account.label.clone(),
                provider: account.provider.clone(),
            });
        }
        let sign_in = || SessionError::NeedsSignIn {
            label: account.label.clone(),
            hint: LoginHint::for_account(account),
        };
        if account.needs_sign_in {
            return Err(sign_in());
        }
        let (Some(email), Some(api_key)) = (&account.email, &account.api_key) else {
            return Err(sign_in());
        };
        Ok(Selected {
            source: AccountSource::Stored(id),
            provider_name: account.provider.clone(),
            provider,
            label: account.label.clone(),
            email: email.clone(),
            api_key: api_key.clone(),
        })
    }
}
