//! The active account's database calls, through the Developer API client the session builds.

use super::{accounts, errors};
use crate::account::Session;
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::upstash::{ApiError, DatabaseCall, DatabaseReply};

/// Runs `call` for the stored account `id`. A refused key is re-minted once for an account
/// connected with OAuth (as every CLI command does); otherwise the account is marked as
/// needing sign-in.
pub async fn run(
    session: &Session,
    id: &str,
    call: DatabaseCall,
) -> Result<DatabaseReply, ServiceError> {
    let account = accounts::parse_id(id)?;
    let selected = session
        .select(Some(account.as_str()))
        .map_err(errors::session)?;
    let client = session.client_for(&selected).map_err(errors::session)?;
    let error = |e: ApiError| match call {
        DatabaseCall::List => errors::api(e),
        _ => call_error(e),
    };
    let refused = match client.run(&call).await {
        Ok(reply) => return Ok(reply),
        Err(e) if e.is_unauthorized() => e,
        Err(e) => return Err(error(e)),
    };
    match crate::account::remint_after_unauthorized(session, &selected).await {
        Ok(fresh) => {
            tracing::info!(account = %fresh.label, "key refused; re-minted with refreshed tokens");
            let client = session.client_for(&fresh).map_err(errors::session)?;
            client.run(&call).await.map_err(error)
        }
        Err(_) => {
            // Best effort: the error below says the same either way.
            let _ = session.mark_needs_sign_in(&selected);
            Err(error(refused))
        }
    }
}

/// A failed change or read in words, with the kind the screens react to.
fn call_error(e: ApiError) -> ServiceError {
    let kind = if e.is_unauthorized() {
        ServiceErrorKind::NeedsSignIn
    } else if e
        .status()
        .is_some_and(|s| (400..500).contains(&s) && s != 429)
        || matches!(e, ApiError::Invalid { .. })
    {
        ServiceErrorKind::Rejected
    } else {
        ServiceErrorKind::Unavailable
    };
    ServiceError::new(kind, e.to_string())
}
