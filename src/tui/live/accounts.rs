//! The accounts in the credentials file: rows for the pane, set default, rename, and
//! refreshing a token now.

use super::errors;
use crate::account::Session;
use crate::auth::{OAuthClient, TokenRefresher};
use crate::secret::Secret;
use crate::store::{Account, AccountId, KeyError, Store, StoreError};
use crate::tui::services::ServiceError;
use crate::tui::time_text::coarse;
use crate::tui::view_model::AccountRow;
use time::OffsetDateTime;

/// The pane's row of one stored account.
pub fn to_row(id: &AccountId, account: &Account, is_default: bool) -> AccountRow {
    AccountRow {
        id: id.to_string(),
        label: account.label.clone(),
        provider: account.provider.clone(),
        email: account.email.clone().unwrap_or_else(|| "—".into()),
        team: account.team.clone(),
        token_expires_at: account.expires_at,
        needs_sign_in: account.needs_sign_in,
        is_default,
        api_key_name: account.api_key_name.clone(),
        has_api_key: account.api_key.is_some(),
    }
}

/// Unlocks passphrase-protected credentials for this process (not cached for others: the
/// dashboard holds the key while it runs). Argon2 takes a moment, so it runs off the loop.
pub async fn unlock(store: Store, passphrase: Secret) -> Result<(), ServiceError> {
    let result = tokio::task::spawn_blocking(move || store.unlock_with(&passphrase, None))
        .await
        .map_err(|e| errors::unavailable(format!("The unlock stopped: {e}")))?;
    match result {
        Ok(()) => Ok(()),
        Err(StoreError::Key(KeyError::WrongPassphrase)) => {
            Err(errors::rejected("The passphrase is wrong"))
        }
        Err(e) => Err(errors::store(e)),
    }
}

/// Every stored account, ordered by label.
pub fn list(session: &Session) -> Result<Vec<AccountRow>, ServiceError> {
    let creds = session.store.load().map_err(errors::store)?.credentials;
    let default = creds.default_account_id().cloned();
    let mut rows: Vec<AccountRow> = creds
        .accounts()
        .map(|(id, a)| to_row(id, a, default.as_ref() == Some(id)))
        .collect();
    rows.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.id.cmp(&b.id)));
    Ok(rows)
}

/// The row of the account `id`, freshly read.
pub fn row(session: &Session, id: &AccountId) -> Result<AccountRow, ServiceError> {
    let creds = session.store.load().map_err(errors::store)?.credentials;
    let account = creds
        .get(id)
        .ok_or_else(|| errors::unavailable(format!("The account {id} is no longer stored")))?;
    Ok(to_row(id, account, creds.default_account_id() == Some(id)))
}

/// Parses an id the dashboard got from a row.
pub fn parse_id(id: &str) -> Result<AccountId, ServiceError> {
    AccountId::parse(id).ok_or_else(|| errors::unavailable(format!("No account has the id {id:?}")))
}

/// Makes the account the default one.
pub fn set_default(session: &Session, id: &str) -> Result<String, ServiceError> {
    let id = parse_id(id)?;
    let label = session
        .store
        .update(|c| {
            c.set_default(&id)?;
            Ok(c.get(&id).map(|a| a.label.clone()).unwrap_or_default())
        })
        .map_err(errors::store)?;
    Ok(format!("{label} is now the default account"))
}

/// Changes the account's label (labels stay unique).
pub fn rename(session: &Session, id: &str, label: &str) -> Result<String, ServiceError> {
    let id = parse_id(id)?;
    let label = label.trim();
    if label.is_empty() {
        return Err(errors::rejected(
            "A label needs at least one visible character",
        ));
    }
    crate::store::check_label(label).map_err(errors::rejected)?;
    let outcome = session.store.try_update(|c| {
        if c.accounts()
            .any(|(other, a)| *other != id && a.label == label)
        {
            return Ok(Err(errors::rejected(format!(
                "Another account is already called {label:?}"
            ))));
        }
        let account = c
            .get_mut(&id)
            .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?;
        let old = std::mem::replace(&mut account.label, label.to_string());
        account.updated_at = OffsetDateTime::now_utc();
        Ok::<_, StoreError>(Ok(format!("{old} is now called {label}")))
    });
    outcome.map_err(errors::store)?
}

/// Refreshes the account's OAuth token now (through the coordinated refresher, so another
/// updash refreshing at the same moment is not disturbed).
pub async fn refresh_token(session: &Session, id: &str) -> Result<String, ServiceError> {
    let id = parse_id(id)?;
    let creds = session.store.load().map_err(errors::store)?.credentials;
    let account = creds
        .get(&id)
        .ok_or_else(|| errors::unavailable(format!("The account {id} is no longer stored")))?;
    let Some(access) = account.access_token.clone() else {
        return Err(errors::rejected(format!(
            "{} has no OAuth token to refresh (it was added with an API key, or must sign in again)",
            account.label
        )));
    };
    let provider = session
        .providers
        .get(&account.provider)
        .map_err(errors::unavailable)?;
    let client = OAuthClient::new(&provider).map_err(errors::auth)?;
    let refresher = TokenRefresher::new(session.store.clone());
    // Naming the current token as rejected forces one refresh (unless another process
    // just rotated it, in which case its fresh token is the answer).
    refresher
        .after_unauthorized(&client, &id, &access)
        .await
        .map_err(|e| match e {
            crate::auth::AuthError::NeedsSignIn => ServiceError::new(
                crate::tui::services::ServiceErrorKind::NeedsSignIn,
                format!(
                    "{} needs to sign in again: the provider refused its saved sign-in",
                    account.label
                ),
            ),
            other => errors::auth(other),
        })?;
    let fresh = row(session, &id)?;
    let validity = fresh
        .token_expires_at
        .map(|at| format!(", valid for {}", coarse(at - OffsetDateTime::now_utc())))
        .unwrap_or_default();
    Ok(format!("Token of {} refreshed{validity}", fresh.label))
}
