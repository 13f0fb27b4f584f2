//! From tokens to a saved account: the Developer API key (reused when it still works, else
//! minted and checked), then one locked write of the credentials file.

use super::grant::{Connector, Grant};
use super::mint;
use super::progress::{Progress, Step};
use crate::account::ConnectError;
use crate::auth::{AuthCode, TokenSet};
use crate::config::ProviderKind;
use crate::secret::Secret;
use crate::store::{Account, AccountId, Credentials, StoreError};
use time::OffsetDateTime;

/// What happened to the account's Developer API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOutcome {
    /// A new key was minted (and checked) under this name.
    Minted {
        /// The key's name, e.g. `UPDASH_API_KEY_1767225600`.
        name: String,
    },
    /// The account's existing key still works and was kept.
    Reused {
        /// Its name, when updash minted it.
        name: Option<String>,
    },
    /// The operator gave an existing key (API-key sign-in).
    Given,
    /// The provider has no Developer API (`oauth` kind): tokens only.
    TokensOnly,
}

/// The saved account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    /// Its id in the credentials file.
    pub id: AccountId,
    /// Its label.
    pub label: String,
    /// Its email, when known.
    pub email: Option<String>,
    /// The provider's name.
    pub provider_name: String,
    /// What happened to the API key.
    pub key: KeyOutcome,
    /// Whether the account is new (else an existing one was updated).
    pub created: bool,
}

impl Connector {
    /// Exchange, email, key, save in one call; `fallback_email` is used when the provider
    /// does not say who signed in (an `upstash` provider then needs one).
    pub async fn finish(
        &self,
        code: AuthCode,
        fallback_email: Option<String>,
        progress: Progress<'_>,
    ) -> Result<Connected, ConnectError> {
        let grant = self.exchange(code, progress).await?;
        self.complete(grant, fallback_email, progress).await
    }

    /// Saves `grant` as an account: for `upstash` providers reuses the account's key when it
    /// still works, else mints one and checks it with one API call; `fallback_email` is used
    /// when the grant has none.
    pub async fn complete(
        &self,
        grant: Grant,
        fallback_email: Option<String>,
        progress: Progress<'_>,
    ) -> Result<Connected, ConnectError> {
        let email = grant
            .email
            .clone()
            .or(fallback_email)
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty());
        let existing = {
            let creds = self.store.load()?.credentials;
            let existing = self
                .find_existing(&creds, email.as_deref())
                .map(|(id, a)| (id.clone(), a.clone()));
            // Refuse before minting a key.
            super::label::check_free(
                &creds,
                self.label.as_deref(),
                existing.as_ref().map(|(id, _)| id),
            )?;
            existing
        };
        let (key, outcome) = match self.provider.kind() {
            ProviderKind::Oauth => (None, KeyOutcome::TokensOnly),
            ProviderKind::Upstash => {
                let email = email.as_deref().ok_or(ConnectError::EmailUnknown)?;
                let reused = match &existing {
                    Some((_, account)) => self.working_key(account, email, progress).await?,
                    None => None,
                };
                match reused {
                    Some(key) => key,
                    None => self.mint_checked(&grant.tokens, email, progress).await?,
                }
            }
        };
        progress(Step::Saving);
        let existing_id = existing.map(|(id, _)| id);
        let (id, label, created) = self.save(existing_id, email.clone(), &grant.tokens, key)?;
        crate::logging::signed_in(&id, &self.provider_name, "oauth");
        Ok(Connected {
            id,
            label,
            email,
            provider_name: self.provider_name.clone(),
            key: outcome,
            created,
        })
    }

    /// The account's key when it still works (one API call); `None` when it was refused.
    async fn working_key(
        &self,
        account: &Account,
        email: &str,
        progress: Progress<'_>,
    ) -> Result<Option<(Option<(Secret, Option<String>)>, KeyOutcome)>, ConnectError> {
        let Some(key) = &account.api_key else {
            return Ok(None);
        };
        progress(Step::CheckingExistingKey);
        match mint::verify_raw(&self.provider, email, key).await {
            Ok(()) => Ok(Some((
                None,
                KeyOutcome::Reused {
                    name: account.api_key_name.clone(),
                },
            ))),
            Err(e) if e.is_unauthorized() => {
                tracing::info!("connect: the stored API key was refused; minting a new one");
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn mint_checked(
        &self,
        tokens: &TokenSet,
        email: &str,
        progress: Progress<'_>,
    ) -> Result<(Option<(Secret, Option<String>)>, KeyOutcome), ConnectError> {
        let minted = mint::mint(&self.provider, &tokens.access_token, |name| {
            progress(Step::MintingKey(name.to_string()))
        })
        .await?;
        progress(Step::VerifyingKey);
        mint::verify(&self.provider, email, &minted.key).await?;
        tracing::info!(key_name = %minted.name, "connect: API key minted and checked");
        Ok((
            Some((minted.key, Some(minted.name.clone()))),
            KeyOutcome::Minted { name: minted.name },
        ))
    }

    /// The account this sign-in updates: same provider and email; without an email, same
    /// provider and label (the given one, else the provider's name).
    fn find_existing<'a>(
        &self,
        creds: &'a Credentials,
        email: Option<&str>,
    ) -> Option<(&'a AccountId, &'a Account)> {
        let mut same_provider = creds.find_by_provider(&self.provider_name);
        match email {
            Some(email) => {
                let matches: Vec<_> = same_provider
                    .filter(|(_, a)| {
                        a.email
                            .as_deref()
                            .is_some_and(|e| e.eq_ignore_ascii_case(email))
                    })
                    .collect();
                let by_label = self
                    .label
                    .as_deref()
                    .and_then(|l| matches.iter().find(|(_, a)| a.label == l).copied());
                by_label.or_else(|| matches.first().copied())
            }
            None => {
                let label = self.label.as_deref().unwrap_or(&self.provider_name);
                same_provider.find(|(_, a)| a.label == label)
            }
        }
    }

    /// One locked write: updates the account found before (or found again), else adds one.
    fn save(
        &self,
        existing: Option<AccountId>,
        email: Option<String>,
        tokens: &TokenSet,
        key: Option<(Secret, Option<String>)>,
    ) -> Result<(AccountId, String, bool), StoreError> {
        let now = OffsetDateTime::now_utc();
        self.store.update(|c| {
            let found = existing.filter(|id| c.get(id).is_some()).or_else(|| {
                self.find_existing(c, email.as_deref())
                    .map(|(id, _)| id.clone())
            });
            let (id, created) = match found {
                Some(id) => (id, false),
                None => {
                    let label = self
                        .label
                        .clone()
                        .or_else(|| email.clone())
                        .unwrap_or_else(|| self.provider_name.clone());
                    let id = c.add_account(Account::new(&self.provider_name, label, now))?;
                    (id, true)
                }
            };
            let a = c
                .get_mut(&id)
                .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?;
            if let Some(label) = &self.label {
                a.label.clone_from(label);
            }
            if email.is_some() {
                a.email.clone_from(&email);
            }
            if let Some((key, name)) = key {
                a.api_key = Some(key);
                a.api_key_name = name;
            }
            a.access_token = Some(tokens.access_token.clone());
            a.refresh_token = tokens.refresh_token.clone();
            a.expires_at = tokens.expires_at;
            a.scopes = tokens.scopes.clone();
            a.needs_sign_in = false;
            a.sign_in_expired = false;
            a.updated_at = now;
            Ok((id, a.label.clone(), created))
        })
    }
}
