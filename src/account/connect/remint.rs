//! After the Developer API refused an OAuth-connected account's key (401): refresh the
//! tokens and mint a new key, so the command can retry once instead of asking for a sign-in.

use super::mint;
use crate::account::ConnectError;
use crate::account::{AccountSource, LoginHint, Selected, Session};
use crate::auth::{AuthError, OAuthClient, TokenRefresher};
use crate::secret::Secret;
use crate::store::{Account, StoreError};
use time::OffsetDateTime;

/// For a stored `upstash`-kind account connected through OAuth with a refresh token: gets a
/// valid access token (refreshing ahead of expiry, and once more if `POST /apikey` answers
/// 401), mints a new key with it, checks it with one call, saves it, and returns the account
/// with the new key. Call it *before* marking the account needs-sign-in; on
/// [`ConnectError::NeedsSignIn`] (no refresh token, or the refresh was refused — then the
/// refresher has already marked the account) ask the operator to sign in again.
///
/// When another process already replaced the refused key, its key is returned and nothing
/// is minted.
pub async fn remint_after_unauthorized(
    session: &Session,
    selected: &Selected,
) -> Result<Selected, ConnectError> {
    let AccountSource::Stored(id) = &selected.source else {
        return Err(ConnectError::Unsupported(
            "the Developer API refused UPSTASH_EMAIL and UPSTASH_API_KEY from the environment; \
             check them, or unset them to use a stored account"
                .into(),
        ));
    };
    let account = stored(session, id)?;
    let sign_in = || ConnectError::NeedsSignIn {
        label: selected.label.clone(),
        hint: LoginHint::for_account(&account),
    };
    if let Some(replaced) = replaced_key(&account, selected) {
        return Ok(replaced);
    }
    if account.refresh_token.is_none() || !selected.provider.supports_oauth() {
        return Err(sign_in());
    }
    let client = OAuthClient::new(&selected.provider)?;
    let refresher = TokenRefresher::new(session.store.clone());
    let map_sign_in = |e: AuthError| match e {
        AuthError::NeedsSignIn => sign_in(),
        other => other.into(),
    };
    let mut access = refresher
        .access_token(&client, id)
        .await
        .map_err(map_sign_in)?;
    let mut refreshed = false;
    let minted = loop {
        match mint::mint(&selected.provider, &access, |_| {}).await {
            Ok(m) => break m,
            Err(ConnectError::Api(e)) if e.is_unauthorized() && !refreshed => {
                refreshed = true;
                access = refresher
                    .after_unauthorized(&client, id, &access)
                    .await
                    .map_err(map_sign_in)?;
            }
            Err(ConnectError::Api(e)) if e.is_unauthorized() => return Err(sign_in()),
            Err(e) => return Err(e),
        }
    };
    mint::verify(&selected.provider, &selected.email, &minted.key).await?;
    let now = OffsetDateTime::now_utc();
    session.store.update(|c| {
        let a = c
            .get_mut(id)
            .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() })?;
        a.api_key = Some(minted.key.clone());
        a.api_key_name = Some(minted.name.clone());
        a.needs_sign_in = false;
        a.updated_at = now;
        Ok(())
    })?;
    tracing::info!(account = %id, key_name = %minted.name, "connect: API key re-minted after 401");
    Ok(with_key(selected, minted.key))
}

fn stored(session: &Session, id: &crate::store::AccountId) -> Result<Account, ConnectError> {
    session
        .store
        .load()?
        .credentials
        .get(id)
        .cloned()
        .ok_or_else(|| StoreError::UnknownAccount { id: id.clone() }.into())
}

/// The account with the key another process saved since `selected` was read, if any.
fn replaced_key(account: &Account, selected: &Selected) -> Option<Selected> {
    match &account.api_key {
        Some(key) if *key != selected.api_key && !account.needs_sign_in => {
            Some(with_key(selected, key.clone()))
        }
        _ => None,
    }
}

fn with_key(selected: &Selected, key: Secret) -> Selected {
    Selected {
        api_key: key,
        ..selected.clone()
    }
}
