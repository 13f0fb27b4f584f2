//! Data in a new sandbox: demo keys in every seeded database, and `--seed-keys N` keys in
//! the first one. A sandbox that loaded its state is never seeded again.

use super::backend::Seed;
use crate::AppState;

/// Seeds a sandbox whose state was just created; returns the name and id of the database
/// that received the `seed_keys` keys, when there were any.
pub async fn seed_fresh(shared: &AppState, seed_keys: usize) -> anyhow::Result<Option<String>> {
    let seeded: Vec<(String, String)> = shared
        .state()
        .api
        .databases
        .iter()
        .take(crate::api::SEEDED_DATABASES)
        .map(|d| (d.database_id.clone(), d.database_name.clone()))
        .collect();
    let now = shared.now_ms();
    let backend = shared.data.backend().clone();
    for (id, _) in &seeded {
        let db = shared.data.db_ref(shared, id).await?;
        backend.seed(&db, Seed::Demo, now).await?;
    }
    let Some((id, name)) = seeded.first().filter(|_| seed_keys > 0) else {
        return Ok(None);
    };
    let db = shared.data.db_ref(shared, id).await?;
    backend.seed(&db, Seed::Bulk(seed_keys), now).await?;
    Ok(Some(format!("{name} ({id})")))
}
