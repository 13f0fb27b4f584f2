//! What the sandbox stores for Vector indexes, Search indexes and QStash, field for field in
//! the Developer API's wire shape (the time series are made when answering).

use serde::{Deserialize, Serialize};
use updash_common::secret::Secret;

/// A Vector index (`VectorIndex` in the OpenAPI document).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VectorIndex {
    /// The owning account: an email (personal) or a team id.
    pub customer_id: String,
    /// UUID.
    pub id: String,
    /// Name, unique within the account.
    pub name: String,
    /// `COSINE`, `EUCLIDEAN` or `DOT_PRODUCT`.
    pub similarity_function: String,
    /// Values per vector.
    pub dimension_count: i64,
    /// Managed dense embedding model; left out when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub embedding_model: String,
    /// Managed sparse embedding model; left out when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sparse_embedding_model: String,
    /// `<slug>-<5 digits>-<region>`.
    pub endpoint: String,
    /// REST token.
    pub token: Secret,
    /// Read-only REST token.
    pub read_only_token: Secret,
    /// `free`, `payg` or `fixed`.
    #[serde(rename = "type")]
    pub plan: String,
    /// `eu-west-1`, `us-east-1` or `us-central1`.
    pub region: String,
    /// Plan limit.
    pub max_vector_count: i64,
    /// Plan limit.
    pub max_daily_updates: i64,
    /// Plan limit.
    pub max_daily_queries: i64,
    /// Plan limit, bytes; -1 unlimited.
    pub max_monthly_bandwidth: i64,
    /// Plan limit.
    pub max_writes_per_second: i64,
    /// Plan limit.
    pub max_query_per_second: i64,
    /// Plan limit.
    pub max_reads_per_request: i64,
    /// Plan limit.
    pub max_writes_per_request: i64,
    /// Plan limit, bytes.
    pub max_total_metadata_size: i64,
    /// Dollars a month on the fixed plan, else 0.
    pub reserved_price: f64,
    /// Unix seconds.
    pub creation_time: i64,
    /// `DENSE`, `SPARSE` or `HYBRID`.
    pub index_type: String,
}

/// A Search index (`SearchIndex` in the OpenAPI document).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchIndex {
    /// The owning account.
    pub customer_id: String,
    /// UUID.
    pub id: String,
    /// Name, unique within the account.
    pub name: String,
    /// `<slug>-<5 digits>-<region>`.
    pub endpoint: String,
    /// `free`, `payg` or `fixed`.
    #[serde(rename = "type")]
    pub plan: String,
    /// `eu-west-1` or `us-central1`.
    pub region: String,
    /// Empty: the sandbox has no Vercel integration.
    pub vercel_email: String,
    /// REST token.
    pub token: Secret,
    /// Read-only REST token.
    pub read_only_token: Secret,
    /// Plan limit.
    pub max_vector_count: i64,
    /// Plan limit; -1 unlimited.
    pub max_monthly_reranks: i64,
    /// Plan limit; -1 unlimited.
    pub max_daily_updates: i64,
    /// Plan limit; -1 unlimited.
    pub max_daily_queries: i64,
    /// Plan limit, bytes; -1 unlimited.
    pub max_monthly_bandwidth: i64,
    /// Plan limit.
    pub max_writes_per_second: i64,
    /// Plan limit.
    pub max_query_per_second: i64,
    /// Plan limit.
    pub max_reads_per_request: i64,
    /// Plan limit.
    pub max_writes_per_request: i64,
    /// Unix seconds.
    pub creation_time: i64,
    /// Input enrichment on.
    pub input_enrichment_enabled: bool,
}

/// An account's QStash in one region (`QStashUser` in the OpenAPI document).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QStashUser {
    /// The owning account.
    pub customer_id: String,
    /// UUID.
    pub id: String,
    /// Token (rotated by rotate-token).
    pub token: Secret,
    /// Read-only token (rotated with it).
    pub read_only_token: Secret,
    /// Always true in the sandbox.
    pub active: bool,
    /// `active`.
    pub state: String,
    /// Unix seconds of the last plan change; 0 if never.
    pub last_plan_upgrade_time: i64,
    /// Plan limit, bytes.
    pub max_message_size: i64,
    /// Plan limit.
    pub max_requests_per_day: i64,
    /// Plan limit.
    pub max_requests_per_day_hard: i64,
    /// Plan limit.
    pub max_endpoints_per_topic: i64,
    /// Plan limit.
    pub max_requests_per_second: i64,
    /// Plan limit.
    pub max_dlq_size: i64,
    /// Plan limit.
    pub max_retries: i64,
    /// Plan limit.
    pub max_topics: i64,
    /// Plan limit.
    pub max_schedules: i64,
    /// Plan limit.
    pub max_events_size: i64,
    /// Plan limit, milliseconds (the API's spelling).
    pub max_dlq_retention_time_milis: i64,
    /// Plan limit, seconds.
    pub max_delay: i64,
    /// Plan limit.
    pub max_parallelism: i64,
    /// Plan limit.
    pub max_global_parallelism: i64,
    /// Plan limit.
    pub max_queues: i64,
    /// Plan limit, bytes a second.
    pub max_bandwidth_per_second: i64,
    /// Production pack on.
    pub prod_pack_enabled: bool,
    /// A string boolean, as the real service sends it.
    pub prometheus_enabled: String,
    /// Seconds.
    pub timeout: i64,
    /// `free` or `paid`.
    #[serde(rename = "type")]
    pub plan: String,
    /// `eu-central-1` or `us-east-1`.
    pub region: String,
    /// `qstash_fixed_…` on a fixed plan, else empty.
    pub reserved_type: String,
    /// Dollars a month on a fixed plan, else 0.
    pub reserved_price: i64,
    /// The email of whoever created it.
    pub created_by: String,
    /// Unix seconds.
    pub creation_time: i64,
    /// 0: not deleted.
    pub deletion_time: i64,
    /// Dollars a month; 0 is no limit.
    pub budget: i64,
}
