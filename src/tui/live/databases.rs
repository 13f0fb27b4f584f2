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

/// Lists the databases of the stored account `id`; a refused key marks the account as
/// needing sign-in.
pub async fn list(session: &Session, id: &str) -> Result<Vec<Database>, ServiceError> {
    let account = accounts::parse_id(id)?;
    let selected = session
        .select(Some(account.as_str()))
        .map_err(errors::session)?;
    let client = session.client_for(&selected).map_err(errors::session)?;
    match client.list_databases().await {
        Ok(dbs) => Ok(dbs),
        Err(e) => {
            if e.is_unauthorized() {
                // Best effort: the error below says the same either way.
                let _ = session.mark_needs_sign_in(&selected);
            }
            Err(errors::api(e))
        }
    }
}
