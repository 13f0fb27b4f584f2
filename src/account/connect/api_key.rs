//! Adding an account from an existing Developer API key (no OAuth): checked with one API
//! call before anything is saved.

use super::complete::{Connected, KeyOutcome};
use super::mint;
use super::progress::{Progress, Step};
use crate::account::ConnectError;
use crate::config::{ProviderConfig, ProviderKind};
use crate::secret::Secret;
use crate::store::{Account, AccountId, Credentials, Store, StoreError};
use time::OffsetDateTime;

/// Checks `email` + `key` against the provider's Developer API and saves them: into the
/// account with the same provider and email when there is one (its tokens are kept), else
/// a new account labelled `label` (default: the email).
pub async fn add_api_key_account(
    store: &Store,
    provider_name: &str,
    provider: &ProviderConfig,
    email: &str,
    key: Secret,
    label: Option<String>,
    progress: Progress<'_>,
) -> Result<Connected, ConnectError> {
    if provider.kind() != ProviderKind::Upstash {
        return Err(ConnectError::Unsupported(format!(
            "provider {provider_name:?} has no Developer API, so it takes no API key"
        )));
    }
    let email = email.trim();
    if email.is_empty() || !email.contains('@') || email.chars().any(char::is_control) {
        return Err(ConnectError::Unsupported(
            "give the account's email, e.g. --email you@example.com".into(),
        ));
    }
    if key.expose().trim().is_empty() {
        return Err(ConnectError::Unsupported("the API key is empty".into()));
    }
    let key = Secret::new(key.expose().trim());
    {
        let creds = store.load()?.credentials;
        let mine = same_account(&creds, provider_name, email);
        super::label::check_free(&creds, label.as_deref(), mine.as_ref())?;
    }
    progress(Step::VerifyingKey);
    mint::verify(provider, email, &key).await?;
    progress(Step::Saving);
    let now = OffsetDateTime::now_utc();
    let (id, label, created) = store.update(|c| {
        let (id, created) = match same_account(c, provider_name, email) {
            Some(id) => (id, false),
            None => {
                let label = label.clone().unwrap_or_else(|| email.to_string());
                (
                    c.add_account(Account::new(provider_name, label, now))?,
                    true,
                )
            }
        };
        let a = c
            .get_mut(&id)
            .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?;
        if let Some(l) = &label {
            a.label.clone_from(l);
        }
        a.email = Some(email.to_string());
        a.api_key = Some(key.clone());
        a.api_key_name = None;
        a.needs_sign_in = false;
        a.updated_at = now;
        Ok((id, a.label.clone(), created))
    })?;
    crate::logging::signed_in(&id, provider_name, "api-key");
    Ok(Connected {
        id,
        label,
        email: Some(email.to_string()),
        provider_name: provider_name.to_string(),
        key: KeyOutcome::Given,
        created,
    })
}

/// The account of `provider_name` with this email, which a new key for it updates.
fn same_account(creds: &Credentials, provider_name: &str, email: &str) -> Option<AccountId> {
    creds
        .find_by_provider(provider_name)
        .find(|(_, a)| {
            a.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
        .map(|(id, _)| id.clone())
}
