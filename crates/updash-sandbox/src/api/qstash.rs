//! `/v2/qstash/…`: an account's QStash, one per region, made the first time the account
//! lists them (the API has no create or delete). Other accounts' QStash answer 404.

use super::ApiState;
use super::audit::{self, AuditAction, Subject};
use super::auth::{Caller, caller};
use super::product_model::QStashUser;
use super::product_rules as rules;
use super::product_stats;
use super::reply::{ApiError, ApiResult, ok, parse_body};
use crate::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;
use std::collections::HashMap;

type Body = Result<Bytes, BytesRejection>;

/// The CIDR blocks `GET /v2/qstash/ipv4` answers (documentation addresses, RFC 5737).
pub const IPV4_BLOCKS: &[&str] = &["192.0.2.10/32", "198.51.100.20/32", "203.0.113.30/32"];

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "qstash user not found")
}

fn position(state: &ApiState, who: &Caller, id: &str) -> Result<usize, ApiError> {
    state
        .qstash
        .iter()
        .position(|u| u.id == id && u.customer_id == who.customer_id)
        .ok_or_else(not_found)
}

/// Gives `customer_id` a QStash in every region it lacks one in.
pub fn ensure_regions(api: &mut ApiState, customer_id: &str, email: &str, now: i64) {
    let mut rng = rand::rng();
    for region in rules::QSTASH_REGIONS {
        let has = api
            .qstash
            .iter()
            .any(|u| u.customer_id == customer_id && u.region == *region);
        if !has {
            let user = rules::qstash_user(customer_id, email, region, now, &mut rng);
            api.qstash.push(user);
        }
    }
}

/// The record as a read-only key sees it: no token, only the read-only one.
fn seen_by(user: &QStashUser, who: &Caller) -> QStashUser {
    let mut user = user.clone();
    if who.read_only {
        user.token = updash_common::secret::Secret::new("");
    }
    user
}

/// Records `action` on the QStash at `at` (named by its region, which is how the console
/// tells an account's QStash apart) with `detail`.
fn record_on(
    api: &mut ApiState,
    who: &Caller,
    action: AuditAction,
    at: usize,
    detail: &str,
    now: i64,
) {
    let (region, id) = (api.qstash[at].region.clone(), api.qstash[at].id.clone());
    let subject = Subject::new(&region, &id).detail(detail);
    audit::record(api, who, action, subject, now);
}

/// Runs `apply` on the caller's QStash under the state lock (a writing key is required),
/// and records `action` in the account's audit log when it succeeds. `apply` returns its
/// answer and the entry's detail (a plan, a budget).
fn change<R>(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: AuditAction,
    apply: impl FnOnce(&mut ApiState, usize, &Caller) -> Result<(R, String), ApiError>,
) -> Result<R, ApiError> {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, headers)?;
    who.may_write()?;
    let at = position(&guard.api, &who, id)?;
    let (out, detail) = apply(&mut guard.api, at, &who)?;
    record_on(&mut guard.api, &who, action, at, &detail, now);
    Ok(out)
}

/// `GET /v2/qstash/users`: one per region, tokens included (a read-only key gets an empty
/// `token`, as the real service answers).
pub async fn list(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let who = caller(&shared.state().api, &headers)?;
    let missing = {
        let guard = shared.state();
        rules::QSTASH_REGIONS.iter().any(|r| {
            !guard
                .api
                .qstash
                .iter()
                .any(|u| u.customer_id == who.customer_id && u.region == *r)
        })
    };
    if missing {
        ensure_regions(
            &mut shared.state_mut().api,
            &who.customer_id,
            &who.email,
            now,
        );
    }
    let guard = shared.state();
    let mine: Vec<QStashUser> = guard
        .api
        .qstash
        .iter()
        .filter(|u| u.customer_id == who.customer_id)
        .map(|u| seen_by(u, &who))
        .collect();
    Ok(Json(mine).into_response())
}

/// `GET /v2/qstash/user/{id}`.
pub async fn get(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let at = position(&guard.api, &who, &id)?;
    Ok(Json(seen_by(&guard.api.qstash[at], &who)).into_response())
}

/// `POST /v2/qstash/rotate-token/{id}` → QStash with its new tokens.
pub async fn rotate_token(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = AuditAction::ROTATE_QSTASH_TOKEN;
    let user = change(&shared, &headers, &id, action, |api, at, _| {
        let mut rng = rand::rng();
        let user = &mut api.qstash[at];
        user.token = super::record::rest_token(&mut rng);
        user.read_only_token = super::record::rest_token(&mut rng);
        Ok((user.clone(), String::new()))
    })?;
    tracing::info!("sandbox: qstash token rotated");
    Ok(Json(user).into_response())
}

#[derive(Deserialize)]
struct SetPlan {
    plan_name: String,
}

/// `POST /v2/qstash/set-plan/{id}` `{plan_name}` → `"OK"`.
pub async fn set_plan(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let now = shared.now();
    let action = AuditAction::SET_QSTASH_PLAN;
    change(&shared, &headers, &id, action, |api, at, _| {
        let req: SetPlan = parse_body(body)?;
        rules::one_of("plan_name", &req.plan_name, rules::QSTASH_PLANS)?;
        let user = &mut api.qstash[at];
        rules::set_qstash_plan(user, &req.plan_name);
        user.last_plan_upgrade_time = now;
        Ok(((), req.plan_name))
    })?;
    ok()
}

#[derive(Deserialize)]
struct Budget {
    budget: i64,
}

/// `PATCH /v2/qstash/update-budget/{id}` `{budget}` → `"OK"`; refused on the free plan.
pub async fn update_budget(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let action = AuditAction::UPDATE_QSTASH_BUDGET;
    change(&shared, &headers, &id, action, |api, at, _| {
        let req: Budget = parse_body(body)?;
        rules::qstash_budget(req.budget)?;
        let user = &mut api.qstash[at];
        if user.plan == "free" {
            return Err(ApiError::bad_request(
                "a free QStash has no budget; set a paid plan first",
            ));
        }
        user.budget = req.budget;
        Ok(((), req.budget.to_string()))
    })?;
    ok()
}

/// `POST /v2/qstash/enable-prodpack/{id}` (`ON`) and `disable-prodpack/{id}` → `"OK"`; the
/// production pack needs a paid plan.
pub async fn set_prod_pack<const ON: bool>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = if ON {
        AuditAction::ENABLE_QSTASH_PROD_PACK
    } else {
        AuditAction::DISABLE_QSTASH_PROD_PACK
    };
    change(&shared, &headers, &id, action, |api, at, _| {
        let user = &mut api.qstash[at];
        if ON && user.plan == "free" {
            return Err(ApiError::bad_request(
                "the production pack needs a paid plan; set a paid plan first",
            ));
        }
        user.prod_pack_enabled = ON;
        Ok(((), String::new()))
    })?;
    ok()
}

#[derive(Deserialize)]
struct MoveToTeam {
    qstash_id: String,
    target_team_id: String,
}

/// `POST /v2/qstash/move-to-team` `{qstash_id, target_team_id}` → `"OK"`; refused when the
/// team already has a QStash in that region.
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
    let at = position(&guard.api, &who, &req.qstash_id)?;
    let api = &mut guard.api;
    rules::transfer_target(
        &api.teams,
        &who.email,
        &who.customer_id,
        &req.target_team_id,
    )?;
    let region = api.qstash[at].region.clone();
    if api
        .qstash
        .iter()
        .any(|u| u.customer_id == req.target_team_id && u.region == region)
    {
        return Err(ApiError::bad_request(format!(
            "that team already has a QStash in {region}"
        )));
    }
    api.qstash[at].customer_id = req.target_team_id.clone();
    let action = AuditAction::MOVE_QSTASH_TO_TEAM;
    record_on(api, &who, action, at, &req.target_team_id, now);
    drop(guard);
    ok()
}

/// `GET /v2/qstash/stats/{id}?period=1h…30d`.
pub async fn stats(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult {
    let (user_id, plan) = {
        let guard = shared.state();
        let who = caller(&guard.api, &headers)?;
        let at = position(&guard.api, &who, &id)?;
        let user = &guard.api.qstash[at];
        (user.id.clone(), user.plan.clone())
    };
    let span = product_stats::period_secs(query.get("period").map(String::as_str))?;
    Ok(Json(product_stats::qstash_stats(
        &user_id,
        &plan,
        span,
        shared.now(),
    ))
    .into_response())
}

/// `GET /v2/qstash/ipv4`: the addresses QStash sends from (no sign-in needed).
pub async fn ipv4() -> ApiResult {
    Ok(Json(IPV4_BLOCKS).into_response())
}
