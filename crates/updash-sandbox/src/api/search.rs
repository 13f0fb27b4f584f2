//! `/v2/search…`: what Search indexes do their own way (the create body) and the words the
//! shared index handlers in `indexes` use for them.

use super::indexes::{self, Body, required};
use super::product_model::SearchIndex;
use super::product_rules as rules;
use super::reply::ApiResult;
use crate::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;

indexes::index_kind!(
    SearchIndex,
    search_indexes,
    "search index",
    CREATE_SEARCH_INDEX,
    RENAME_SEARCH_INDEX,
    RESET_SEARCH_INDEX_PASSWORD,
    TRANSFER_SEARCH_INDEX,
    DELETE_SEARCH_INDEX
);

#[derive(Deserialize)]
struct CreateBody {
    name: Option<String>,
    region: Option<String>,
    #[serde(rename = "type")]
    plan: Option<String>,
}

/// `POST /v2/search` `{name, region, type}` (all required) → the new index.
pub async fn create(State(shared): State<AppState>, headers: HeaderMap, body: Body) -> ApiResult {
    indexes::create(&shared, &headers, body, |body: CreateBody, who, now| {
        let regions = rules::SEARCH_REGIONS;
        let (name, region) = indexes::name_and_region(body.name, body.region, regions)?;
        let plan = required("type", body.plan)?;
        rules::one_of("type", &plan, rules::INDEX_PLANS)?;
        let (customer, mut rng) = (&who.customer_id, rand::rng());
        let index = rules::search_index(&name, &region, &plan, customer, now, &mut rng);
        Ok(index)
    })
}
