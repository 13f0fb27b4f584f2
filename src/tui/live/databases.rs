//! The active account's databases, through the Developer API client the session builds.
//! Every other database call uses the same client (`Services::database_client`; the call
//! bodies are the trait's defaults in `tui::db_calls`).

use super::{accounts, errors};
use crate::session::Session;
use crate::tui::services::ServiceError;
use crate::upstash::{Client, Database};

/// The Developer API client of the stored account `id`.
pub fn client(session: &Session, id: &str) -> Result<Client, ServiceError> {
    let account = accounts::parse_id(id)?;
    let selected = session
        .select(Some(account.as_str()))
        .map_err(errors::session)?;
    session.client_for(&selected).map_err(errors::session)
}

/// Lists the databases of the stored account `id`. A refused key is re-minted once for an
/// account connected with OAuth (as every CLI command does); otherwise the account is marked
/// as needing sign-in. The other database calls then build their client from the new key.
pub async fn list(session: &Session, id: &str) -> Result<Vec<Database>, ServiceError> {
    let account = accounts::parse_id(id)?;
    let selected = session
        .select(Some(account.as_str()))
        .map_err(errors::session)?;
    let client = session.client_for(&selected).map_err(errors::session)?;
    let refused = match client.list_databases().await {
        Ok(dbs) => return Ok(dbs),
        Err(e) if e.is_unauthorized() => e,
        Err(e) => return Err(errors::api(e)),
    };
    match crate::connect::remint_after_unauthorized(session, &selected).await {
        Ok(fresh) => {
            tracing::info!(account = %fresh.label, "key refused; re-minted with refreshed tokens");
            let client = session.client_for(&fresh).map_err(errors::session)?;
            client.list_databases().await.map_err(errors::api)
        }
        Err(_) => {
            // Best effort: the error below says the same either way.
            let _ = session.mark_needs_sign_in(&selected);
            Err(errors::api(refused))
        }
    }
}
