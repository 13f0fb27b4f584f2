//! `/v2/search…`: list, get, create, rename, reset password, transfer, delete and stats of
//! Search indexes. Other accounts' indexes answer 404 as if they did not exist.

use super::ApiState;
use super::audit::{self, AuditAction, Subject};
use super::auth::{Caller, caller};
use super::product_model::SearchIndex;
use super::product_rules as rules;
use super::product_stats;
use super::reply::{ApiError, ApiResult, json_bytes, ok, parse_body};
use crate::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

type Body = Result<Bytes, BytesRejection>;

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "search index not found")
}

/// The index as the API answers it: the record, fields in order, with recent throughput.
#[derive(serde::Serialize)]
struct Wire<'a> {
    #[serde(flatten)]
    record: &'a SearchIndex,
    throughput_vector: Value,
}

fn wire(index: &SearchIndex, now: i64) -> Wire<'_> {
    Wire {
        record: index,
        throughput_vector: product_stats::throughput(&index.id, &index.plan, now),
    }
}

fn position(state: &ApiState, who: &Caller, id: &str) -> Result<usize, ApiError> {
    state
        .search_indexes
        .iter()
        .position(|i| i.id == id && i.customer_id == who.customer_id)
        .ok_or_else(not_found)
}

/// Runs `apply` on the caller's index under the state lock (a writing key is required),
/// and records `action` in the account's audit log when it succeeds: the index by the name
/// it had, with the detail `apply` returns (a new name, a plan, a team).
fn change(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: AuditAction,
    apply: impl FnOnce(&mut ApiState, usize, &Caller) -> Result<String, ApiError>,
) -> Result<(), ApiError> {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, headers)?;
    who.may_write()?;
    let at = position(&guard.api, &who, id)?;
    let name = guard.api.search_indexes[at].name.clone();
    let detail = apply(&mut guard.api, at, &who)?;
    let subject = Subject::new(&name, id).detail(&detail);
    audit::record(&mut guard.api, &who, action, subject, now);
    Ok(())
}

/// `GET /v2/search`: the account's indexes, tokens included.
pub async fn list(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine = guard
        .api
        .search_indexes
        .iter()
        .filter(|i| i.customer_id == who.customer_id)
        .map(|i| wire(i, now))
        .collect::<Vec<_>>();
    Ok(Json(mine).into_response())
}

/// `GET /v2/search/{id}`.
pub async fn get(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let at = position(&guard.api, &who, &id)?;
    Ok(Json(wire(&guard.api.search_indexes[at], now)).into_response())
}

#[derive(Deserialize)]
struct CreateBody {
    name: Option<String>,
    region: Option<String>,
    #[serde(rename = "type")]
    plan: Option<String>,
}

fn required(field: &str, value: Option<String>) -> Result<String, ApiError> {
    value.ok_or_else(|| ApiError::bad_request(format!("{field} is required")))
}

/// `POST /v2/search` `{name, region, type}` (all required) → the new index.
pub async fn create(State(shared): State<AppState>, headers: HeaderMap, body: Body) -> ApiResult {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, &headers)?;
    who.may_write()?;
    let body: CreateBody = parse_body(body)?;
    let name = required("name", body.name)?;
    rules::index_name(&name)?;
    let region = required("region", body.region)?;
    rules::one_of("region", &region, rules::SEARCH_REGIONS)?;
    let plan = required("type", body.plan)?;
    rules::one_of("type", &plan, rules::INDEX_PLANS)?;
    rules::name_free(
        &name,
        guard
            .api
            .search_indexes
            .iter()
            .filter(|i| i.customer_id == who.customer_id)
            .map(|i| i.name.as_str()),
    )?;
    let index = rules::search_index(
        &name,
        &region,
        &plan,
        &who.customer_id,
        now,
        &mut rand::rng(),
    );
    let answer = serde_json::to_vec(&wire(&index, now))
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "encoding"))?;
    let (name, id) = (index.name.clone(), index.id.clone());
    guard.api.search_indexes.push(index);
    let subject = Subject::new(&name, &id);
    audit::record(
        &mut guard.api,
        &who,
        AuditAction::CREATE_SEARCH_INDEX,
        subject,
        now,
    );
    drop(guard);
    tracing::info!("sandbox: search index created");
    json_bytes(answer)
}

#[derive(Deserialize)]
struct Rename {
    name: String,
}

/// `POST /v2/search/{id}/rename` `{name}` → `"OK"`.
pub async fn rename(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let action = AuditAction::RENAME_SEARCH_INDEX;
    change(&shared, &headers, &id, action, |api, at, who| {
        let req: Rename = parse_body(body)?;
        rules::index_name(&req.name)?;
        rules::name_free(
            &req.name,
            api.search_indexes
                .iter()
                .filter(|i| i.customer_id == who.customer_id && i.id != id)
                .map(|i| i.name.as_str()),
        )?;
        api.search_indexes[at].name = req.name.clone();
        Ok(req.name)
    })?;
    ok()
}

/// `POST /v2/search/{id}/reset-password` → `"OK"`; both tokens change.
pub async fn reset_password(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = AuditAction::RESET_SEARCH_INDEX_PASSWORD;
    change(&shared, &headers, &id, action, |api, at, _| {
        let mut rng = rand::rng();
        let index = &mut api.search_indexes[at];
        index.token = super::record::rest_token(&mut rng);
        index.read_only_token = super::record::rest_token(&mut rng);
        Ok(String::new())
    })?;
    ok()
}

#[derive(Deserialize)]
struct Transfer {
    target_account: String,
}

/// `POST /v2/search/{id}/transfer` `{target_account}` → `"OK"`; the index leaves the
/// caller's account for a team the caller belongs to.
pub async fn transfer(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let action = AuditAction::TRANSFER_SEARCH_INDEX;
    change(&shared, &headers, &id, action, |api, at, who| {
        let req: Transfer = parse_body(body)?;
        rules::transfer_target(
            &api.teams,
            &who.email,
            &who.customer_id,
            &req.target_account,
        )?;
        let name = api.search_indexes[at].name.clone();
        rules::name_free(
            &name,
            api.search_indexes
                .iter()
                .filter(|i| i.customer_id == req.target_account)
                .map(|i| i.name.as_str()),
        )?;
        api.search_indexes[at].customer_id = req.target_account.clone();
        Ok(req.target_account)
    })?;
    ok()
}

/// `DELETE /v2/search/{id}` → `"OK"`.
pub async fn delete(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = AuditAction::DELETE_SEARCH_INDEX;
    change(&shared, &headers, &id, action, |api, at, _| {
        api.search_indexes.remove(at);
        Ok(String::new())
    })?;
    tracing::info!("sandbox: search index deleted");
    ok()
}

/// `GET /v2/search/{id}/stats?period=1h…30d`.
pub async fn stats(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult {
    let (index_id, plan) = {
        let guard = shared.state();
        let who = caller(&guard.api, &headers)?;
        let at = position(&guard.api, &who, &id)?;
        let index = &guard.api.search_indexes[at];
        (index.id.clone(), index.plan.clone())
    };
    let span = product_stats::period_secs(query.get("period").map(String::as_str))?;
    Ok(Json(product_stats::index_stats(
        &index_id,
        &plan,
        span,
        shared.now(),
    ))
    .into_response())
}

/// `GET /v2/search/stats`: usage of all the account's indexes.
pub async fn totals(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine = guard
        .api
        .search_indexes
        .iter()
        .filter(|i| i.customer_id == who.customer_id)
        .map(|i| (i.id.as_str(), i.plan.as_str()));
    Ok(Json(product_stats::totals(mine, now)).into_response())
}
