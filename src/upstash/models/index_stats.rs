//! Usage of Vector and Search indexes: one index over a period (`VectorStats`, which Search
//! shares) and the whole account (`GlobalStats`).

use super::lenient::{opt_f64, opt_u64, string_list};
use super::stats::{TimePoint, series};
use serde::Deserialize;

/// The period to ask product stats for (`?period=`); unlike Redis, `30d` is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductPeriod {
    /// One hour (the service's default).
    Hour1,
    /// Three hours.
    Hours3,
    /// Twelve hours.
    Hours12,
    /// One day.
    Day1,
    /// Three days.
    Days3,
    /// Seven days.
    Days7,
    /// Thirty days (240 points, 3 hours apart).
    Days30,
}

impl ProductPeriod {
    /// Every period, shortest first.
    pub const ALL: [ProductPeriod; 7] = [
        Self::Hour1,
        Self::Hours3,
        Self::Hours12,
        Self::Day1,
        Self::Days3,
        Self::Days7,
        Self::Days30,
    ];

    /// The query value: `1h` … `30d`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hour1 => "1h",
            Self::Hours3 => "3h",
            Self::Hours12 => "12h",
            Self::Day1 => "1d",
            Self::Days3 => "3d",
            Self::Days7 => "7d",
            Self::Days30 => "30d",
        }
    }

    /// Parses `1h` … `30d`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text.trim())
    }
}

/// Usage of one Vector or Search index. Every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IndexStats {
    /// Index operations not yet applied.
    #[serde(default, deserialize_with = "opt_u64")]
    pub pending_index_count: Option<u64>,
    /// Vectors (documents) in the index now.
    #[serde(default, deserialize_with = "opt_u64")]
    pub current_vector_count: Option<u64>,
    /// Queries today.
    #[serde(default, deserialize_with = "opt_u64")]
    pub daily_query_count: Option<u64>,
    /// Updates today.
    #[serde(default, deserialize_with = "opt_u64")]
    pub daily_update_count: Option<u64>,
    /// Queries this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub monthly_query_count: Option<u64>,
    /// Updates this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub monthly_update_count: Option<u64>,
    /// Bandwidth this month, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub monthly_bandwidth_usage: Option<u64>,
    /// Storage now, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub storage_usage: Option<u64>,
    /// Cost this month.
    #[serde(default, deserialize_with = "opt_f64")]
    pub monthly_cost: Option<f64>,
    /// Reranks today.
    #[serde(default, deserialize_with = "opt_u64")]
    pub daily_rerank_count: Option<u64>,
    /// Reranks this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub monthly_rerank_count: Option<u64>,
    /// Weekday names matching the daily series.
    #[serde(default, deserialize_with = "string_list")]
    pub days: Vec<String>,
    /// Update requests per day.
    #[serde(default, deserialize_with = "series")]
    pub daily_update_requests: Vec<TimePoint>,
    /// Query requests per day.
    #[serde(default, deserialize_with = "series")]
    pub daily_query_requests: Vec<TimePoint>,
    /// Bandwidth per day.
    #[serde(default, deserialize_with = "series")]
    pub daily_bandwidths: Vec<TimePoint>,
    /// Rerank requests per day.
    #[serde(default, deserialize_with = "series")]
    pub daily_rerank_requests: Vec<TimePoint>,
    /// Queries over the period.
    #[serde(default, deserialize_with = "series")]
    pub query_throughput: Vec<TimePoint>,
    /// Updates over the period.
    #[serde(default, deserialize_with = "series")]
    pub update_throughput: Vec<TimePoint>,
    /// Mean query latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub query_latency_mean: Vec<TimePoint>,
    /// p99 query latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub query_latency_99: Vec<TimePoint>,
    /// Mean update latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub update_latency_mean: Vec<TimePoint>,
    /// p99 update latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub update_latency_99: Vec<TimePoint>,
    /// Mean embedding latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub embeds_latency_mean: Vec<TimePoint>,
    /// p99 embedding latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub embeds_latency_99: Vec<TimePoint>,
    /// Mean rerank latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub rerank_latency_mean: Vec<TimePoint>,
    /// p99 rerank latency over the period.
    #[serde(default, deserialize_with = "series")]
    pub rerank_latency_99: Vec<TimePoint>,
    /// Vector count over the period.
    #[serde(default, deserialize_with = "series")]
    pub vector_count: Vec<TimePoint>,
    /// Data size over the period.
    #[serde(default, deserialize_with = "series")]
    pub data_size: Vec<TimePoint>,
}

/// Usage of all of an account's Vector (or Search) indexes together.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IndexTotals {
    /// Records in all indexes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub record_count: Option<u64>,
    /// Requests to all indexes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub request: Option<u64>,
    /// Bandwidth, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub bandwidth: Option<u64>,
    /// Storage, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub storage: Option<u64>,
    /// Billing so far.
    #[serde(default, deserialize_with = "opt_f64")]
    pub billing: Option<f64>,
    /// Reranks.
    #[serde(default, deserialize_with = "opt_u64")]
    pub rerank_count: Option<u64>,
}
