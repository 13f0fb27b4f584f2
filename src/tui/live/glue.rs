//! The dashboard's use of the shared connect glue (`crate::account`): a finished sign-in
//! becomes a saved account (key reused or minted and checked), API-key accounts are checked
//! then saved, and disconnecting revokes what the provider can revoke.

use super::errors;
use crate::account::Session;
use crate::account::{self, ConnectError, Connector, Grant, LogoutReport};
use crate::auth::listener::BrowserReply;
use crate::secret::Secret;
use crate::store::AccountId;
use crate::tui::services::{ServiceError, ServiceErrorKind};

/// A connect failure in words, with the kind the screens react to.
pub fn error(e: ConnectError) -> ServiceError {
    match e {
        ConnectError::Auth(e) => errors::auth(e),
        ConnectError::Api(e) => errors::api(e),
        ConnectError::Store(e) => errors::store(e),
        ConnectError::NeedsSignIn { .. } => {
            ServiceError::new(ServiceErrorKind::NeedsSignIn, e.to_string())
        }
        other => errors::rejected(other.to_string()),
    }
}

/// Reuses or mints the Developer API key for a finished sign-in, saves the account
/// (updating the one with the same provider and email), then tells the browser that brought
/// the sign-in how it ended.
pub async fn save(
    connector: &Connector,
    grant: Grant,
    reply: BrowserReply,
) -> Result<AccountId, ServiceError> {
    let mut progress = |step: account::Step| tracing::debug!("dashboard sign-in: {step}");
    let result = connector.complete(grant, None, &mut progress).await;
    account::tell_browser(reply, &result).await;
    result.map(|connected| connected.id).map_err(error)
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
    let mut progress = |step: account::Step| tracing::debug!("dashboard API key: {step}");
    account::add_api_key_account(
        &session.store,
        provider_name,
        &provider,
        email,
        key,
        None,
        &mut progress,
    )
    .await
    .map(|connected| connected.id)
    .map_err(error)
}

/// Revokes the account's tokens where the provider can, removes it, and says what stays valid.
pub async fn disconnect(session: &Session, id: &str) -> Result<String, ServiceError> {
    let id = super::accounts::parse_id(id)?;
    let report = account::logout(session, &id, false).await.map_err(error)?;
    if !report.removed {
        // The dashboard never removes an account whose tokens it could not revoke.
        return Err(errors::unavailable(format!(
            "{} was kept: {}",
            report.label,
            report.failed.join("; ")
        )));
    }
    Ok(summary(&report))
}

/// One line for the toast: what was revoked and what stays valid.
fn summary(report: &LogoutReport) -> String {
    let mut parts = Vec::new();
    if !report.revoked.is_empty() {
        parts.push("tokens revoked".to_string());
    }
    parts.extend(report.not_revoked.iter().cloned());
    if parts.is_empty() {
        format!("Disconnected {}", report.label)
    } else {
        format!("Disconnected {} ({})", report.label, parts.join("; "))
    }
}
