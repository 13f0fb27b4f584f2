//! `/v2/redis/...`: list, get, create, delete, rename, reset password, stats and settings.

use super::audit::{self, AuditAction, Subject};
use super::auth::caller;
use super::create::{CreateBody, create_database};
use super::model::{CREDENTIAL_FIELDS, Database};
use super::reply::{ApiError, ApiResult, json_bytes, ok, parse_body};
use super::{record, stats, validate};
use crate::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use serde::Deserialize;
use std::collections::HashMap;
use updash_common::regions;

type Body = Result<Bytes, BytesRejection>;

/// Runs `change` on the caller's database under the state lock (a writing key is required),
/// and records `action` in the account's audit log when it succeeds (a rename's new name as
/// the entry's detail).
fn change<R>(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: AuditAction,
    change: impl FnOnce(&mut Database) -> Result<R, ApiError>,
) -> Result<R, ApiError> {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, headers)?;
    who.may_write()?;
    let before = who.own_database(&guard.api, id)?.database_name.clone();
    let db = guard
        .api
        .databases
        .get_mut(id)
        .ok_or_else(ApiError::database_not_found)?;
    let out = change(db)?;
    let renamed = (db.database_name != before).then(|| db.database_name.clone());
    let subject = Subject::new(&before, id).detail(renamed.as_deref().unwrap_or(""));
    audit::record(&mut guard.api, &who, action, subject, now);
    Ok(out)
}

/// Runs `change` like [`change`], then answers `"OK"`.
fn change_then_ok(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: AuditAction,
    apply: impl FnOnce(&mut Database) -> Result<(), ApiError>,
) -> ApiResult {
    change(shared, headers, id, action, apply)?;
    ok()
}

/// Runs `change` like [`change`], then answers with the changed database.
fn change_then_database(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: AuditAction,
    apply: impl FnOnce(&mut Database) -> Result<(), ApiError>,
) -> ApiResult {
    let db = change(shared, headers, id, action, |db| {
        apply(db)?;
        Ok(db.clone())
    })?;
    Ok(Json(db).into_response())
}

/// `GET /v2/redis/databases`: the account's databases, credentials included.
pub async fn list(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let version = shared.version();
    if let Some(body) = shared.list_bodies.get(&who.customer_id, version) {
        return json_bytes(body);
    }
    let mine: Vec<&Database> = guard
        .api
        .databases
        .iter()
        .filter(|d| d.customer_id == who.customer_id)
        .collect();
    // About 1.5 KB a record: one allocation instead of a dozen copies while it grows.
    let mut bytes = Vec::with_capacity(mine.len() * 1536 + 2);
    serde_json::to_writer(&mut bytes, &mine)
        .map_err(|_| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "encoding"))?;
    drop(guard);
    let body = axum::body::Bytes::from(bytes);
    shared
        .list_bodies
        .put(&who.customer_id, version, body.clone());
    json_bytes(body)
}

/// `GET /v2/redis/database/{id}`; `?credentials=hide` leaves out the password and tokens.
pub async fn get(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let db = who.own_database(&guard.api, &id)?;
    let mut value = serde_json::to_value(db)
        .map_err(|_| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "encoding"))?;
    drop(guard);
    if query.get("credentials").map(String::as_str) == Some("hide")
        && let Some(obj) = value.as_object_mut()
    {
        for field in CREDENTIAL_FIELDS {
            obj.remove(field);
        }
    }
    Ok(Json(value).into_response())
}

/// `POST /v2/redis/database`: see [`create_database`] for the accepted bodies and rules.
pub async fn create(State(shared): State<AppState>, headers: HeaderMap, body: Body) -> ApiResult {
    let now = shared.now();
    let who = caller(&shared.state().api, &headers)?;
    who.may_write()?;
    let body: CreateBody = parse_body(body)?;
    let mut guard = shared.state_mut();
    let db = create_database(&mut guard.api, &who, body, now)?;
    let subject = Subject::new(&db.database_name, &db.database_id);
    audit::record(
        &mut guard.api,
        &who,
        AuditAction::CREATE_DATABASE,
        subject,
        now,
    );
    drop(guard);
    tracing::info!(database_id = %db.database_id, "sandbox: database created");
    Ok(Json(db).into_response())
}

/// `DELETE /v2/redis/database/{id}` → `"OK"`.
pub async fn delete(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, &headers)?;
    who.may_write()?;
    let name = who.own_database(&guard.api, &id)?.database_name.clone();
    guard.api.databases.remove(&id);
    let subject = Subject::new(&name, &id);
    audit::record(
        &mut guard.api,
        &who,
        AuditAction::DELETE_DATABASE,
        subject,
        now,
    );
    drop(guard);
    shared.data.forget(&shared, &id);
    super::backups::forget_database(&shared, &id);
    tracing::info!(database_id = %id, "sandbox: database deleted");
    ok()
}

#[derive(Deserialize)]
struct Rename {
    name: String,
}

/// `POST /v2/redis/rename/{id}` `{name}` → the renamed database.
pub async fn rename(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    change_then_database(&shared, &headers, &id, AuditAction::RENAME_DATABASE, |db| {
        let req: Rename = parse_body(body)?;
        validate::database_name(&req.name)?;
        db.database_name = req.name;
        Ok(())
    })
}

/// `POST /v2/redis/reset-password/{id}` → the database with a new password and tokens.
pub async fn reset_password(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    change_then_database(&shared, &headers, &id, AuditAction::RESET_PASSWORD, |db| {
        let mut rng = rand::rng();
        db.password = record::password(&mut rng);
        db.rest_token = record::rest_token(&mut rng);
        db.read_only_rest_token = record::rest_token(&mut rng);
        Ok(())
    })
}

/// `GET /v2/redis/stats/{id}?period=1h|3h|12h|1d|3d|7d` (default 1h).
pub async fn stats(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult {
    let (db_id, plan_type) = {
        let guard = shared.state();
        let who = caller(&guard.api, &headers)?;
        let db = who.own_database(&guard.api, &id)?;
        (db.database_id.clone(), db.db_plan_type.clone())
    };
    let span = stats::period_secs(query.get("period").map(String::as_str))?;
    let value = stats::database_stats(&db_id, &plan_type, span, shared.now());
    Ok(Json(value).into_response())
}

#[derive(Deserialize)]
struct UpdateRegions {
    read_regions: Vec<String>,
}

/// `POST /v2/redis/update-regions/{id}` `{read_regions}` (replaces the list) → `"OK"`.
pub async fn update_regions(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    change_then_ok(&shared, &headers, &id, AuditAction::UPDATE_REGIONS, |db| {
        let req: UpdateRegions = parse_body(body)?;
        let platform = regions::platform_of(&db.primary_region).unwrap_or("aws");
        validate::read_regions(
            &req.read_regions,
            &db.primary_region,
            platform,
            db.db_plan_type == "free",
        )?;
        db.all_members = std::iter::once(db.primary_region.clone())
            .chain(req.read_regions.iter().cloned())
            .collect();
        db.replicas = 3 * db.all_members.len() as i64;
        db.read_regions = req.read_regions;
        Ok(())
    })
}

/// `POST /v2/redis/enable-eviction/{id}` (`ON`) and `disable-eviction/{id}` → `"OK"`.
pub async fn set_eviction<const ON: bool>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let on = ON;
    let action = if on {
        AuditAction::ENABLE_EVICTION
    } else {
        AuditAction::DISABLE_EVICTION
    };
    change_then_ok(&shared, &headers, &id, action, |db| {
        db.eviction = on;
        db.db_eviction = on;
        Ok(())
    })
}

/// `PATCH /v2/redis/enable-dailybackup/{id}` (`ON`) and `disable-dailybackup/{id}` → `"OK"`.
pub async fn set_daily_backup<const ON: bool>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = if ON {
        AuditAction::ENABLE_DAILY_BACKUP
    } else {
        AuditAction::DISABLE_DAILY_BACKUP
    };
    change_then_ok(&shared, &headers, &id, action, |db| {
        db.daily_backup_enabled = ON;
        Ok(())
    })
}

/// `POST /v2/redis/enable-autoupgrade/{id}` (`ON`) and `disable-autoupgrade/{id}` → `"OK"`,
/// or 400 "already enabled/disabled".
pub async fn set_autoupgrade<const ON: bool>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let on = ON;
    let action = if on {
        AuditAction::ENABLE_AUTOUPGRADE
    } else {
        AuditAction::DISABLE_AUTOUPGRADE
    };
    change_then_ok(&shared, &headers, &id, action, |db| {
        if db.auto_upgrade == on {
            let word = if on { "enabled" } else { "disabled" };
            return Err(ApiError::bad_request(format!(
                "auto upgrade is already {word}"
            )));
        }
        db.auto_upgrade = on;
        Ok(())
    })
}

/// `POST /v2/redis/enable-tls/{id}` → the database (TLS is always on already).
pub async fn enable_tls(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    change_then_database(&shared, &headers, &id, AuditAction::ENABLE_TLS, |db| {
        db.tls = true;
        Ok(())
    })
}

#[derive(Deserialize)]
struct UpdateBudget {
    budget: i64,
}

/// `PATCH /v2/redis/update-budget/{id}` `{budget}` → `"OK"`; refused on the free plan.
pub async fn update_budget(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    change_then_ok(&shared, &headers, &id, AuditAction::UPDATE_BUDGET, |db| {
        let req: UpdateBudget = parse_body(body)?;
        validate::budget(req.budget)?;
        if db.db_plan_type == "free" {
            return Err(ApiError::bad_request(
                "a free database has no budget; upgrade it to pay-as-you-go first",
            ));
        }
        db.budget = req.budget;
        Ok(())
    })
}
