//! `/v2/vector/index…`: list, get, create, rename, reset password, set plan, transfer, delete
//! and stats of Vector indexes. Other accounts' indexes answer 404 as if they did not exist.

use super::ApiState;
use super::audit::{self, AuditAction, Subject};
use super::auth::{Caller, caller};
use super::product_model::VectorIndex;
use super::product_rules::{self as rules, NewVectorIndex};
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
    ApiError::new(StatusCode::NOT_FOUND, "vector index not found")
}

/// The index as the API answers it: the record, fields in order, with recent throughput.
#[derive(serde::Serialize)]
struct Wire<'a> {
    #[serde(flatten)]
    record: &'a VectorIndex,
    throughput_vector: Value,
}

fn wire(index: &VectorIndex, now: i64) -> Wire<'_> {
    Wire {
        record: index,
        throughput_vector: product_stats::throughput(&index.id, &index.plan, now),
    }
}

fn position(state: &ApiState, who: &Caller, id: &str) -> Result<usize, ApiError> {
    state
        .vector_indexes
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
    let name = guard.api.vector_indexes[at].name.clone();
    let detail = apply(&mut guard.api, at, &who)?;
    let subject = Subject::new(&name, id).detail(&detail);
    audit::record(&mut guard.api, &who, action, subject, now);
    Ok(())
}

/// `GET /v2/vector/index`: the account's indexes, tokens included.
pub async fn list(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine = guard
        .api
        .vector_indexes
        .iter()
        .filter(|i| i.customer_id == who.customer_id)
        .map(|i| wire(i, now))
        .collect::<Vec<_>>();
    Ok(Json(mine).into_response())
}

/// `GET /v2/vector/index/{id}`.
pub async fn get(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let at = position(&guard.api, &who, &id)?;
    Ok(Json(wire(&guard.api.vector_indexes[at], now)).into_response())
}

#[derive(Deserialize)]
struct CreateBody {
    name: Option<String>,
    region: Option<String>,
    similarity_function: Option<String>,
    dimension_count: Option<Value>,
    #[serde(rename = "type")]
    plan: Option<String>,
    embedding_model: Option<String>,
    index_type: Option<String>,
    sparse_embedding_model: Option<String>,
}

fn required(field: &str, value: Option<String>) -> Result<String, ApiError> {
    value.ok_or_else(|| ApiError::bad_request(format!("{field} is required")))
}

/// The dimension: a whole number within range, or 0 when the model or a sparse index sets it.
fn dimension(raw: Option<&Value>, index_type: &str, model: &str) -> Result<i64, ApiError> {
    let raw = raw.ok_or_else(|| ApiError::bad_request("dimension_count is required"))?;
    let n = raw
        .as_i64()
        .or_else(|| raw.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
        .ok_or_else(|| ApiError::bad_request("dimension_count must be a whole number"))?;
    let from_model = rules::EMBEDDING_MODELS
        .iter()
        .find(|(m, _)| *m == model)
        .map(|(_, d)| *d);
    match (index_type, from_model) {
        ("SPARSE", _) if n == 0 => Ok(0),
        ("SPARSE", _) => Err(ApiError::bad_request(
            "a SPARSE index has no dimension: send dimension_count 0",
        )),
        (_, Some(d)) if n == 0 || n == d => Ok(d),
        (_, Some(d)) => Err(ApiError::bad_request(format!(
            "embedding model {model} makes {d}-dimension vectors; send dimension_count {d} or 0"
        ))),
        (_, None) if (1..=rules::MAX_DIMENSION).contains(&n) => Ok(n),
        (_, None) => Err(ApiError::bad_request(format!(
            "dimension_count {n} is out of range: use 1 to {} (or pick an embedding_model)",
            rules::MAX_DIMENSION
        ))),
    }
}

/// `POST /v2/vector/index`: validates the body and adds the index to the caller's account.
pub async fn create(State(shared): State<AppState>, headers: HeaderMap, body: Body) -> ApiResult {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, &headers)?;
    who.may_write()?;
    let body: CreateBody = parse_body(body)?;
    let name = required("name", body.name)?;
    rules::index_name(&name)?;
    let region = required("region", body.region)?;
    rules::one_of("region", &region, rules::VECTOR_REGIONS)?;
    let similarity = required("similarity_function", body.similarity_function)?;
    rules::one_of(
        "similarity_function",
        &similarity,
        rules::SIMILARITY_FUNCTIONS,
    )?;
    let index_type = body.index_type.unwrap_or_else(|| "DENSE".into());
    rules::one_of("index_type", &index_type, rules::INDEX_TYPES)?;
    let model = body.embedding_model.unwrap_or_default();
    if !model.is_empty() {
        let names: Vec<&str> = rules::EMBEDDING_MODELS.iter().map(|(m, _)| *m).collect();
        rules::one_of("embedding_model", &model, &names)?;
    }
    let sparse = body.sparse_embedding_model.unwrap_or_default();
    if !sparse.is_empty() {
        rules::one_of(
            "sparse_embedding_model",
            &sparse,
            rules::SPARSE_EMBEDDING_MODELS,
        )?;
        if index_type == "DENSE" {
            return Err(ApiError::bad_request(
                "sparse_embedding_model needs index_type SPARSE or HYBRID",
            ));
        }
    }
    let dimension_count = dimension(body.dimension_count.as_ref(), &index_type, &model)?;
    // The create body names the paid plan "paid"; the record calls it "payg".
    let plan = match body.plan.as_deref() {
        None | Some("free") => "free",
        Some("payg" | "paid") => "payg",
        Some("fixed") => "fixed",
        Some(other) => {
            rules::one_of("type", other, &["payg", "fixed", "paid"])?;
            "payg"
        }
    };
    rules::name_free(
        &name,
        guard
            .api
            .vector_indexes
            .iter()
            .filter(|i| i.customer_id == who.customer_id)
            .map(|i| i.name.as_str()),
    )?;
    let new = NewVectorIndex {
        name: &name,
        region: &region,
        similarity_function: &similarity,
        dimension_count,
        plan,
        index_type: &index_type,
        embedding_model: &model,
        sparse_embedding_model: &sparse,
        customer_id: &who.customer_id,
    };
    let index = rules::vector_index(new, now, &mut rand::rng());
    let answer = serde_json::to_vec(&wire(&index, now))
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "encoding"))?;
    let (name, id) = (index.name.clone(), index.id.clone());
    guard.api.vector_indexes.push(index);
    let subject = Subject::new(&name, &id);
    audit::record(
        &mut guard.api,
        &who,
        AuditAction::CREATE_VECTOR_INDEX,
        subject,
        now,
    );
    drop(guard);
    tracing::info!("sandbox: vector index created");
    json_bytes(answer)
}

#[derive(Deserialize)]
struct Rename {
    name: String,
}

/// `POST /v2/vector/index/{id}/rename` `{name}` → `"OK"`.
pub async fn rename(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let action = AuditAction::RENAME_VECTOR_INDEX;
    change(&shared, &headers, &id, action, |api, at, who| {
        let req: Rename = parse_body(body)?;
        rules::index_name(&req.name)?;
        rules::name_free(
            &req.name,
            api.vector_indexes
                .iter()
                .filter(|i| i.customer_id == who.customer_id && i.id != id)
                .map(|i| i.name.as_str()),
        )?;
        api.vector_indexes[at].name = req.name.clone();
        Ok(req.name)
    })?;
    ok()
}

/// `POST /v2/vector/index/{id}/reset-password` → `"OK"`; both tokens change.
pub async fn reset_password(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = AuditAction::RESET_VECTOR_INDEX_PASSWORD;
    change(&shared, &headers, &id, action, |api, at, _| {
        let mut rng = rand::rng();
        let index = &mut api.vector_indexes[at];
        index.token = super::record::rest_token(&mut rng);
        index.read_only_token = super::record::rest_token(&mut rng);
        Ok(String::new())
    })?;
    ok()
}

#[derive(Deserialize)]
struct SetPlan {
    target_plan: String,
}

/// `POST /v2/vector/index/{id}/setplan` `{target_plan}` → `"OK"`.
pub async fn set_plan(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let action = AuditAction::SET_VECTOR_INDEX_PLAN;
    change(&shared, &headers, &id, action, |api, at, _| {
        let req: SetPlan = parse_body(body)?;
        rules::one_of("target_plan", &req.target_plan, rules::INDEX_PLANS)?;
        rules::set_vector_plan(&mut api.vector_indexes[at], &req.target_plan);
        Ok(req.target_plan)
    })?;
    ok()
}

#[derive(Deserialize)]
struct Transfer {
    target_account: String,
}

/// `POST /v2/vector/index/{id}/transfer` `{target_account}` → `"OK"`; the index leaves the
/// caller's account for a team the caller belongs to.
pub async fn transfer(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    let action = AuditAction::TRANSFER_VECTOR_INDEX;
    change(&shared, &headers, &id, action, |api, at, who| {
        let req: Transfer = parse_body(body)?;
        rules::transfer_target(
            &api.teams,
            &who.email,
            &who.customer_id,
            &req.target_account,
        )?;
        let name = api.vector_indexes[at].name.clone();
        rules::name_free(
            &name,
            api.vector_indexes
                .iter()
                .filter(|i| i.customer_id == req.target_account)
                .map(|i| i.name.as_str()),
        )?;
        api.vector_indexes[at].customer_id = req.target_account.clone();
        Ok(req.target_account)
    })?;
    ok()
}

/// `DELETE /v2/vector/index/{id}` → `"OK"`.
pub async fn delete(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let action = AuditAction::DELETE_VECTOR_INDEX;
    change(&shared, &headers, &id, action, |api, at, _| {
        api.vector_indexes.remove(at);
        Ok(String::new())
    })?;
    tracing::info!("sandbox: vector index deleted");
    ok()
}

/// `GET /v2/vector/index/{id}/stats?period=1h…30d`.
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
        let index = &guard.api.vector_indexes[at];
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

/// `GET /v2/vector/index/stats`: usage of all the account's indexes.
pub async fn totals(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine = guard
        .api
        .vector_indexes
        .iter()
        .filter(|i| i.customer_id == who.customer_id)
        .map(|i| (i.id.as_str(), i.plan.as_str()));
    Ok(Json(product_stats::totals(mine, now)).into_response())
}
