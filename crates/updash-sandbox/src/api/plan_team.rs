//! `POST /v2/redis/{id}/change-plan` and `POST /v2/redis/move-to-team`: a database's plan
//! (its limits follow) and the account that owns it (its backups follow).

use super::audit::{self, AuditAction, Subject};
use super::auth::caller;
use super::plans;
use super::reply::{ApiError, ApiResult, ok, parse_body};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;

type Body = Result<Bytes, BytesRejection>;

/// The `ChangePlanRequest` body.
#[derive(Deserialize)]
struct ChangePlan {
    #[serde(default)]
    database_id: Option<String>,
    plan_name: String,
    #[serde(default)]
    auto_upgrade: Option<bool>,
    #[serde(default)]
    prod_pack_enabled: Option<bool>,
}

/// `POST /v2/redis/{id}/change-plan` `ChangePlanRequest` → `"OK"`; a paid database cannot go
/// back to the free plan.
pub async fn change_plan(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, &headers)?;
    who.may_write()?;
    let req: ChangePlan = parse_body(body)?;
    if req.database_id.as_deref().is_some_and(|d| d != id) {
        return Err(ApiError::bad_request(
            "database_id in the body does not match the database in the path",
        ));
    }
    let plan = plans::find(&req.plan_name).ok_or_else(|| {
        ApiError::bad_request(format!(
            "unknown plan {:?}; plans: {}",
            req.plan_name,
            plans::names()
        ))
    })?;
    let db = guard
        .api
        .databases
        .get_mut(&id)
        .filter(|d| d.customer_id == who.customer_id)
        .ok_or_else(ApiError::database_not_found)?;
    if plan.name == "free" && db.db_plan_type != "free" {
        return Err(ApiError::bad_request(
            "a paid database cannot move back to the free plan",
        ));
    }
    db.db_plan_type = plan.db_type.into();
    db.db_max_clients = plan.max_clients;
    db.db_disk_threshold = plan.size_bytes;
    db.db_memory_threshold = plan.size_bytes;
    db.db_max_commands_per_second = plan.commands_per_second;
    db.db_request_limit = plan.request_limit;
    db.db_resource_size = plan.resource_size.into();
    db.last_plan_upgrade_time = now;
    db.daily_backup_enabled |= plan.db_type != "free";
    if plan.name == "payg" && db.budget == 0 {
        db.budget = plans::DEFAULT_PAYG_BUDGET;
    }
    if let Some(on) = req.auto_upgrade {
        db.auto_upgrade = on;
    }
    if let Some(on) = req.prod_pack_enabled {
        db.prod_pack_enabled = on;
    }
    let name = db.database_name.clone();
    let subject = Subject::new(&name, &id).detail(plan.name);
    audit::record(&mut guard.api, &who, AuditAction::CHANGE_PLAN, subject, now);
    drop(guard);
    tracing::info!(database_id = %id, plan = plan.name, "sandbox: plan changed");
    ok()
}

#[derive(Deserialize)]
struct MoveToTeam {
    team_id: String,
    database_id: String,
}

/// `POST /v2/redis/move-to-team` `{team_id, database_id}` → `"OK"`. The caller's user must
/// be a member of the target team; the database then belongs to the team (and is "not
/// found" for the old account's keys).
pub async fn move_to_team(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, &headers)?;
    who.may_write()?;
    let req: MoveToTeam = parse_body(body)?;
    let member = guard
        .api
        .teams
        .iter()
        .any(|t| t.team_id == req.team_id && t.members.iter().any(|m| m.email == who.email));
    if !member {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "team not found"));
    }
    let db = guard
        .api
        .databases
        .get_mut(&req.database_id)
        .filter(|d| d.customer_id == who.customer_id)
        .ok_or_else(ApiError::database_not_found)?;
    if db.customer_id == req.team_id {
        return Err(ApiError::bad_request(
            "the database is already in this team",
        ));
    }
    db.customer_id = req.team_id.clone();
    let name = db.database_name.clone();
    for b in guard
        .api
        .backups
        .iter_mut()
        .filter(|b| b.database_id == req.database_id)
    {
        b.customer_id = req.team_id.clone();
    }
    let subject = Subject::new(&name, &req.database_id).detail(&req.team_id);
    audit::record(
        &mut guard.api,
        &who,
        AuditAction::MOVE_TO_TEAM,
        subject,
        now,
    );
    drop(guard);
    tracing::info!(database_id = %req.database_id, team_id = %req.team_id, "sandbox: database moved to a team");
    ok()
}
