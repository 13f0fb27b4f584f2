//! A Search index as the Developer API describes it (`GET /v2/search/{id}`).

use super::lenient::{opt_bool, opt_i64, opt_secret, opt_string, string_or_empty};
use super::limit::{Limit, opt_limit};
use super::stats::{TimePoint, series};
use crate::secret::Secret;
use serde::Deserialize;

/// A Search index. Only `id` and `name` are required; unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SearchIndex {
    /// The index ID (a UUID).
    pub id: String,
    /// The index name.
    #[serde(deserialize_with = "string_or_empty")]
    pub name: String,
    /// The owning account: an email (personal) or a team ID.
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_id: Option<String>,
    /// The REST endpoint slug or host.
    #[serde(default, deserialize_with = "opt_string")]
    pub endpoint: Option<String>,
    /// The plan: `free`, `payg` or `fixed` (JSON field `type`).
    #[serde(rename = "type", default, deserialize_with = "opt_string")]
    pub plan: Option<String>,
    /// `eu-west-1` or `us-central1`.
    #[serde(default, deserialize_with = "opt_string")]
    pub region: Option<String>,
    /// The Vercel integration's email; empty when there is none.
    #[serde(default, deserialize_with = "opt_string")]
    pub vercel_email: Option<String>,
    /// The REST token.
    #[serde(default, deserialize_with = "opt_secret")]
    pub token: Option<Secret>,
    /// The read-only REST token.
    #[serde(default, deserialize_with = "opt_secret")]
    pub read_only_token: Option<Secret>,
    /// Most documents the index may hold.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_vector_count: Option<Limit>,
    /// Most reranks a month (-1: unlimited).
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_monthly_reranks: Option<Limit>,
    /// Most updates a day (-1: unlimited).
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_daily_updates: Option<Limit>,
    /// Most queries a day (-1: unlimited).
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_daily_queries: Option<Limit>,
    /// Most bytes a month (-1: unlimited).
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_monthly_bandwidth: Option<Limit>,
    /// Most writes a second.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_writes_per_second: Option<Limit>,
    /// Most queries a second.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_query_per_second: Option<Limit>,
    /// Most reads in one request.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_reads_per_request: Option<Limit>,
    /// Most writes in one request.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_writes_per_request: Option<Limit>,
    /// Creation time, Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub creation_time: Option<i64>,
    /// Whether input enrichment is on.
    #[serde(default, deserialize_with = "opt_bool")]
    pub input_enrichment_enabled: Option<bool>,
    /// Recent throughput.
    #[serde(default, deserialize_with = "series")]
    pub throughput_vector: Vec<TimePoint>,
}
