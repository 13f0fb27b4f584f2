//! The active account's databases, through the Developer API client the session builds.

use super::{accounts, errors};
use crate::session::Session;
use crate::tui::services::ServiceError;
use crate::tui::view_model::DatabaseRow;
use crate::upstash::Database;

/// The pane's row of one database.
pub fn to_row(db: &Database) -> DatabaseRow {
    let dash = || "—".to_string();
    DatabaseRow {
        id: db.database_id.clone(),
        name: db.database_name.clone(),
        region: db
            .primary_region
            .clone()
            .or_else(|| db.region.clone())
            .unwrap_or_else(dash),
        state: db.state.clone().unwrap_or_else(dash),
        plan: db
            .plan
            .clone()
            .or_else(|| db.db_type.clone())
            .unwrap_or_else(dash),
    }
}

/// Lists the databases of the stored account `id`; a refused key marks the account as
/// needing sign-in.
pub async fn list(session: &Session, id: &str) -> Result<Vec<DatabaseRow>, ServiceError> {
    let account = accounts::parse_id(id)?;
    let selected = session
        .select(Some(account.as_str()))
        .map_err(errors::session)?;
    let client = session.client_for(&selected).map_err(errors::session)?;
    match client.list_databases().await {
        Ok(dbs) => Ok(dbs.iter().map(to_row).collect()),
        Err(e) => {
            if e.is_unauthorized() {
                // Best effort: the error below says the same either way.
                let _ = session.mark_needs_sign_in(&selected);
            }
            Err(errors::api(e))
        }
    }
}
