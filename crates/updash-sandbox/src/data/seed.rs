//! Data in a new sandbox: demo keys in every seeded database, and `--seed-keys N` keys in
//! the first one. A sandbox that loaded its state is never seeded again.

use super::backend::Seed;
use crate::AppState;

/// The database `--seed-keys` fills in a new sandbox, as "name (id)".
pub fn seed_keys_target(shared: &AppState, seed_keys: usize) -> Option<String> {
    let state = shared.state();
    let db = state
        .api
        .databases
        .iter()
        .next()
        .filter(|_| seed_keys > 0)?;
    Some(format!("{} ({})", db.database_name, db.database_id))
}

/// Seeds a sandbox whose state was just created: the demo keys, then `seed_keys` keys in
/// the first database.
pub async fn seed_fresh(shared: &AppState, seed_keys: usize) -> anyhow::Result<()> {
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
    size_seeded_backups(shared).await?;
    let Some((id, _)) = seeded.first().filter(|_| seed_keys > 0) else {
        return Ok(());
    };
    let db = shared.data.db_ref(shared, id).await?;
    backend.seed(&db, Seed::Bulk(seed_keys), now).await?;
    Ok(())
}

/// Sizes the seeded backups: they hold the demo data (every seeded database has the same),
/// so one database is measured and no snapshot is stored.
async fn size_seeded_backups(shared: &AppState) -> anyhow::Result<()> {
    let first = shared
        .state()
        .api
        .backups
        .iter()
        .find(|b| b.seeded)
        .map(|b| b.database_id.clone());
    let Some(db_id) = first else {
        return Ok(());
    };
    let Some(size) = shared.data.snapshot_size(shared, &db_id).await? else {
        return Ok(());
    };
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let mut guard = shared.state_mut();
    for b in guard.api.backups.iter_mut().filter(|b| b.seeded) {
        b.backup_size = size;
    }
    Ok(())
}
