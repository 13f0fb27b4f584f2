//! `/v2/redis/*-backup*`: list, create, restore and delete a database's backups (the
//! daily-backup switch is a database setting, in `redis`). A backup snapshots the database's
//! keys in the data plane, and a restore puts them back (the embedded store; on a real Redis
//! server a backup keeps only its record and a restore is refused in words).

use super::audit::{self, AuditAction, Subject};
use super::auth::{Caller, caller};
use super::model::Database;
use super::reply::{ApiError, ApiResult, json_bytes, ok, parse_body};
use super::{ApiState, record, validate};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

type Body = Result<Bytes, BytesRejection>;

/// The real service's answer to a backup of a database that is still being set up.
pub const MAINTENANCE_MESSAGE: &str =
    "database is in maintenance mode, backup cannot be created now; try again later";

/// What a restore did. Defined here rather than in the data plane that answers it, so that
/// the API names nothing in `data` (which already depends on `api`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restored {
    /// The keyspace was replaced with the snapshot.
    Replaced,
    /// The backup has no snapshot (taken on a store that cannot take one, or its file is gone).
    NoSnapshot,
    /// The store cannot restore a snapshot (a real Redis server).
    Unsupported,
}

/// A backup, field for field as `GET /v2/redis/list-backup/{id}` returns it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Backup {
    /// UUID-like id.
    pub backup_id: String,
    /// The database it was taken of.
    pub database_id: String,
    /// The owning account (follows the database when it moves).
    pub customer_id: String,
    /// The name given at creation.
    pub name: String,
    /// Unix seconds.
    pub creation_time: i64,
    /// `pending`, `completed` or `failed`.
    pub state: String,
    /// Bytes of the snapshot (0 when the store keeps none).
    pub backup_size: i64,
    /// A string boolean: whether the daily schedule took it.
    pub daily_backup: String,
    /// A string boolean: whether an hourly schedule took it.
    pub hourly_backup: String,
    /// A seeded backup holds the demo data, which a restore seeds again instead of keeping a
    /// snapshot of every seeded database. Never on the wire.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seeded: bool,
}

impl Backup {
    /// A completed backup record (its size is filled in once the snapshot is taken), its id
    /// drawn from `rng` (seeding passes its fixed one).
    pub fn new(db: &Database, name: &str, daily: bool, now: i64, rng: &mut impl rand::Rng) -> Self {
        Self {
            backup_id: record::uuid(rng),
            database_id: db.database_id.clone(),
            customer_id: db.customer_id.clone(),
            name: name.to_string(),
            creation_time: now,
            state: "completed".into(),
            backup_size: 0,
            daily_backup: daily.to_string(),
            hourly_backup: "false".into(),
            seeded: false,
        }
    }
}

/// The caller and their database, for a change (a writing key is required).
fn for_change(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
) -> Result<(Caller, Database), ApiError> {
    let guard = shared.state();
    let who = caller(&guard.api, headers)?;
    who.may_write()?;
    let db = who.own_database(&guard.api, id)?.clone();
    Ok((who, db))
}

/// Records `action` on `db` in the caller's audit log, by the database's current name (the
/// one it had when the request came in if it has gone meanwhile) with `detail`.
fn record_on(
    api: &mut ApiState,
    who: &Caller,
    action: AuditAction,
    db: &Database,
    detail: &str,
    now: i64,
) {
    let name = api
        .databases
        .get(&db.database_id)
        .map_or_else(|| db.database_name.clone(), |d| d.database_name.clone());
    let subject = Subject::new(&name, &db.database_id).detail(detail);
    audit::record(api, who, action, subject, now);
}

fn backup_not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "backup not found")
}

fn store_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

/// `GET /v2/redis/list-backup/{id}`: the database's backups, oldest first.
pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    who.own_database(&guard.api, &id)?;
    let mine: Vec<serde_json::Value> = guard
        .api
        .backups
        .iter()
        .filter(|b| b.database_id == id)
        .filter_map(|b| {
            let mut v = serde_json::to_value(b).ok()?;
            if let Some(o) = v.as_object_mut() {
                o.remove("seeded");
            }
            Some(v)
        })
        .collect();
    let bytes = serde_json::to_vec(&mine)
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "encoding"))?;
    drop(guard);
    json_bytes(bytes)
}

#[derive(Deserialize)]
struct CreateBackup {
    name: String,
}

/// `POST /v2/redis/create-backup/{id}` `{name}` → `"OK"`. A database younger than the
/// `maintenance_window_secs` fault answers 500 "maintenance mode", as a fresh one does.
pub async fn create(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let (who, db) = for_change(&shared, &headers, &id)?;
    let req: CreateBackup = parse_body(body)?;
    let name = req.name.trim();
    if name.is_empty() {
        return Err(ApiError::bad_request("backup name is required"));
    }
    if name.chars().count() > validate::MAX_NAME_CHARS {
        return Err(ApiError::bad_request(format!(
            "backup name is longer than {} characters",
            validate::MAX_NAME_CHARS
        )));
    }
    let now = shared.now();
    let window = i64::try_from(shared.faults().maintenance_window_secs).unwrap_or(i64::MAX);
    if now.saturating_sub(db.creation_time) < window {
        return Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            MAINTENANCE_MESSAGE,
        ));
    }
    let mut backup = Backup::new(&db, name, false, now, &mut rand::rng());
    shared.data.wait_seeded().await;
    let size = shared
        .data
        .take_snapshot(&shared, &id, &backup.backup_id)
        .await
        .map_err(store_error)?;
    backup.backup_size = size.map_or(0, |s| i64::try_from(s).unwrap_or(i64::MAX));
    let mut guard = shared.state_mut();
    // Deleted meanwhile: the snapshot goes too.
    if guard.api.databases.get(&id).is_none() {
        drop(guard);
        shared.data.forget_snapshot(&backup.backup_id);
        return Err(ApiError::database_not_found());
    }
    tracing::info!(database_id = %id, backup_id = %backup.backup_id, "sandbox: backup created");
    guard.api.backups.push(backup);
    record_on(
        &mut guard.api,
        &who,
        AuditAction::CREATE_BACKUP,
        &db,
        name,
        now,
    );
    drop(guard);
    ok()
}

#[derive(Deserialize)]
struct RestoreBackup {
    backup_id: String,
}

/// `POST /v2/redis/restore-backup/{id}` `{backup_id}` → `"OK"`: the database's keys are
/// replaced with the backup's.
pub async fn restore(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let (who, db) = for_change(&shared, &headers, &id)?;
    let req: RestoreBackup = parse_body(body)?;
    let (seeded, name) = shared
        .state()
        .api
        .backups
        .iter()
        .find(|b| b.backup_id == req.backup_id && b.database_id == id)
        .map(|b| (b.seeded, b.name.clone()))
        .ok_or_else(backup_not_found)?;
    shared.data.wait_seeded().await;
    let restored = shared
        .data
        .restore_snapshot(&shared, &id, &req.backup_id)
        .await
        .map_err(store_error)?;
    let restored = match restored {
        Restored::NoSnapshot if seeded => shared
            .data
            .reseed_demo(&shared, &id, shared.now_ms())
            .await
            .map_err(store_error)?,
        other => other,
    };
    match restored {
        Restored::Replaced => {
            let now = shared.now();
            let mut guard = shared.state_mut();
            let action = AuditAction::RESTORE_BACKUP;
            record_on(&mut guard.api, &who, action, &db, &name, now);
            drop(guard);
            tracing::info!(database_id = %id, backup_id = %req.backup_id, "sandbox: backup restored");
            ok()
        }
        Restored::NoSnapshot => Err(ApiError::bad_request(
            "this backup holds no data to restore (it was taken on a store that keeps none)",
        )),
        Restored::Unsupported => Err(ApiError::bad_request(
            "this sandbox keeps its keys on a Redis server, which cannot restore backups; \
             run the sandbox with its embedded store to restore",
        )),
    }
}

/// `DELETE /v2/redis/delete-backup/{id}/{backup_id}` → `"OK"`.
pub async fn delete(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((id, backup_id)): Path<(String, String)>,
) -> ApiResult {
    let (who, db) = for_change(&shared, &headers, &id)?;
    let now = shared.now();
    let mut guard = shared.state_mut();
    let at = guard
        .api
        .backups
        .iter()
        .position(|b| b.backup_id == backup_id && b.database_id == id)
        .ok_or_else(backup_not_found)?;
    let gone = guard.api.backups.remove(at);
    let action = AuditAction::DELETE_BACKUP;
    record_on(&mut guard.api, &who, action, &db, &gone.name, now);
    drop(guard);
    shared.data.forget_snapshot(&backup_id);
    tracing::info!(database_id = %id, backup_id = %backup_id, "sandbox: backup deleted");
    ok()
}

/// Forgets a deleted database's backups and their snapshots.
pub fn forget_database(shared: &AppState, id: &str) {
    let mut guard = shared.state_mut();
    let mut gone = Vec::new();
    guard.api.backups.retain(|b| {
        let keep = b.database_id != id;
        if !keep {
            gone.push(b.backup_id.clone());
        }
        keep
    });
    drop(guard);
    for backup_id in gone {
        shared.data.forget_snapshot(&backup_id);
    }
}
