//! A Vector index as the Developer API describes it (`GET /v2/vector/index/{id}`).

use super::lenient::{opt_f64, opt_i64, opt_secret, opt_string, string_or_empty};
use super::limit::{Limit, opt_limit};
use super::stats::{TimePoint, series};
use crate::secret::Secret;
use serde::Deserialize;

/// A Vector index. Only `id` and `name` are required; every other field may be missing,
/// and unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct VectorIndex {
    /// The index ID (a UUID).
    pub id: String,
    /// The index name.
    #[serde(deserialize_with = "string_or_empty")]
    pub name: String,
    /// The owning account: an email (personal) or a team ID.
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_id: Option<String>,
    /// `COSINE`, `EUCLIDEAN` or `DOT_PRODUCT`.
    #[serde(default, deserialize_with = "opt_string")]
    pub similarity_function: Option<String>,
    /// How many values one vector holds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub dimension_count: Option<i64>,
    /// The managed dense embedding model, if any.
    #[serde(default, deserialize_with = "opt_string")]
    pub embedding_model: Option<String>,
    /// The managed sparse embedding model, if any.
    #[serde(default, deserialize_with = "opt_string")]
    pub sparse_embedding_model: Option<String>,
    /// `DENSE`, `SPARSE` or `HYBRID`.
    #[serde(default, deserialize_with = "opt_string")]
    pub index_type: Option<String>,
    /// The REST endpoint slug or host, e.g. `glowing-baboon-15797-us1`.
    #[serde(default, deserialize_with = "opt_string")]
    pub endpoint: Option<String>,
    /// The REST token.
    #[serde(default, deserialize_with = "opt_secret")]
    pub token: Option<Secret>,
    /// The read-only REST token.
    #[serde(default, deserialize_with = "opt_secret")]
    pub read_only_token: Option<Secret>,
    /// The plan: `free`, `payg` or `fixed` (JSON field `type`).
    #[serde(rename = "type", default, deserialize_with = "opt_string")]
    pub plan: Option<String>,
    /// `eu-west-1`, `us-east-1` or `us-central1`.
    #[serde(default, deserialize_with = "opt_string")]
    pub region: Option<String>,
    /// Most vectors the index may hold.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_vector_count: Option<Limit>,
    /// Most upserts a day.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_daily_updates: Option<Limit>,
    /// Most queries a day.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_daily_queries: Option<Limit>,
    /// Most bytes a month (-1: unlimited).
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_monthly_bandwidth: Option<Limit>,
    /// Most upserts a second.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_writes_per_second: Option<Limit>,
    /// Most queries a second.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_query_per_second: Option<Limit>,
    /// Most vectors one read returns.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_reads_per_request: Option<Limit>,
    /// Most vectors one write carries.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_writes_per_request: Option<Limit>,
    /// Most metadata bytes in total.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_total_metadata_size: Option<Limit>,
    /// Monthly price of a fixed plan.
    #[serde(default, deserialize_with = "opt_f64")]
    pub reserved_price: Option<f64>,
    /// Creation time, Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub creation_time: Option<i64>,
    /// Recent throughput.
    #[serde(default, deserialize_with = "series")]
    pub throughput_vector: Vec<TimePoint>,
}
