//! `/v2/vector/index…`: what Vector indexes do their own way (the create body and its
//! checks, set plan) and the words the shared index handlers in `indexes` use for them.

use super::audit::AuditAction;
use super::auth::Caller;
use super::indexes::{self, Body, required};
use super::product_model::VectorIndex;
use super::product_rules::{self as rules, NewVectorIndex};
use super::reply::{ApiError, ApiResult, ok, parse_body};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::Value;

indexes::index_kind!(
    VectorIndex,
    vector_indexes,
    "vector index",
    CREATE_VECTOR_INDEX,
    RENAME_VECTOR_INDEX,
    RESET_VECTOR_INDEX_PASSWORD,
    TRANSFER_VECTOR_INDEX,
    DELETE_VECTOR_INDEX
);

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
    indexes::create(&shared, &headers, body, build)
}

/// Checks a create body and makes the index for `who`.
fn build(body: CreateBody, who: &Caller, now: i64) -> Result<VectorIndex, ApiError> {
    let regions = rules::VECTOR_REGIONS;
    let (name, region) = indexes::name_and_region(body.name, body.region, regions)?;
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
    Ok(rules::vector_index(new, now, &mut rand::rng()))
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
    indexes::change::<VectorIndex>(&shared, &headers, &id, action, |api, at, _| {
        let req: SetPlan = parse_body(body)?;
        rules::one_of("target_plan", &req.target_plan, rules::INDEX_PLANS)?;
        rules::set_vector_plan(&mut api.vector_indexes[at], &req.target_plan);
        Ok(req.target_plan)
    })?;
    ok()
}
