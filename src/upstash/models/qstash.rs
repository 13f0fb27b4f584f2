//! QStash as the Developer API describes it: one "user" per region and its usage.

use super::lenient::{opt_bool, opt_f64, opt_i64, opt_secret, opt_string, opt_u64, string_list};
use super::limit::{Limit, opt_limit};
use super::stats::{TimePoint, series};
use crate::secret::Secret;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An account's QStash in one region. Only `id` is required; unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct QStashUser {
    /// The QStash ID (a UUID).
    pub id: String,
    /// The owning account: an email (personal) or a team ID.
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_id: Option<String>,
    /// The token (empty, read as `None`, with a read-only Developer API key).
    #[serde(default, deserialize_with = "opt_secret")]
    pub token: Option<Secret>,
    /// The read-only token.
    #[serde(default, deserialize_with = "opt_secret")]
    pub read_only_token: Option<Secret>,
    /// Whether it is active.
    #[serde(default, deserialize_with = "opt_bool")]
    pub active: Option<bool>,
    /// `active`, `passive`, …
    #[serde(default, deserialize_with = "opt_string")]
    pub state: Option<String>,
    /// Set while a change is being applied.
    #[serde(default, deserialize_with = "opt_string")]
    pub modifying_state: Option<String>,
    /// `free` or `paid` (JSON field `type`).
    #[serde(rename = "type", default, deserialize_with = "opt_string")]
    pub plan: Option<String>,
    /// Fixed plan or enterprise label, e.g. `qstash_fixed_1m`; empty otherwise.
    #[serde(default, deserialize_with = "opt_string")]
    pub reserved_type: Option<String>,
    /// Price of the reserved plan.
    #[serde(default, deserialize_with = "opt_f64")]
    pub reserved_price: Option<f64>,
    /// `eu-central-1` or `us-east-1`.
    #[serde(default, deserialize_with = "opt_string")]
    pub region: Option<String>,
    /// Monthly budget in dollars; 0 is no limit.
    #[serde(default, deserialize_with = "opt_u64")]
    pub budget: Option<u64>,
    /// Whether the production pack is on.
    #[serde(default, deserialize_with = "opt_bool")]
    pub prod_pack_enabled: Option<bool>,
    /// Whether Prometheus export is on (a string boolean on the wire).
    #[serde(default, deserialize_with = "opt_bool")]
    pub prometheus_enabled: Option<bool>,
    /// Unix seconds of the last plan upgrade (0: never).
    #[serde(default, deserialize_with = "opt_i64")]
    pub last_plan_upgrade_time: Option<i64>,
    /// Largest message, bytes.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_message_size: Option<Limit>,
    /// Daily requests, soft limit.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_requests_per_day: Option<Limit>,
    /// Daily requests, hard limit.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_requests_per_day_hard: Option<Limit>,
    /// Endpoints per topic.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_endpoints_per_topic: Option<Limit>,
    /// Requests a second.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_requests_per_second: Option<Limit>,
    /// Dead letter queue size.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_dlq_size: Option<Limit>,
    /// Retries of a failed message.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_retries: Option<Limit>,
    /// Topics.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_topics: Option<Limit>,
    /// Schedules.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_schedules: Option<Limit>,
    /// Event size.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_events_size: Option<Limit>,
    /// Dead letter retention, milliseconds (the API spells it `milis`).
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_dlq_retention_time_milis: Option<Limit>,
    /// Longest delay, seconds.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_delay: Option<Limit>,
    /// Parallelism per endpoint.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_parallelism: Option<Limit>,
    /// Parallelism across all endpoints.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_global_parallelism: Option<Limit>,
    /// Queues.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_queues: Option<Limit>,
    /// Bandwidth a second, bytes.
    #[serde(default, deserialize_with = "opt_limit")]
    pub max_bandwidth_per_second: Option<Limit>,
    /// Request timeout, seconds.
    #[serde(default, deserialize_with = "opt_limit")]
    pub timeout: Option<Limit>,
    /// Who created it (an email).
    #[serde(default, deserialize_with = "opt_string")]
    pub created_by: Option<String>,
    /// Creation time, Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub creation_time: Option<i64>,
    /// Deletion time, Unix seconds (0: not deleted).
    #[serde(default, deserialize_with = "opt_i64")]
    pub deletion_time: Option<i64>,
    /// Whether enterprise features are on (`enterprise.enabled`; missing for others).
    #[serde(default, deserialize_with = "enterprise_enabled")]
    pub enterprise: Option<bool>,
}

/// One day of QStash requests with its workflow share.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct QStashDay {
    /// Timestamp text.
    #[serde(default, deserialize_with = "super::lenient::string_or_empty")]
    pub x: String,
    /// Requests that day.
    #[serde(default, deserialize_with = "super::lenient::f64_or_zero")]
    pub y: f64,
    /// Workflow messages that day.
    #[serde(default, deserialize_with = "opt_u64")]
    pub workflow_message: Option<u64>,
    /// Workflow runs that day.
    #[serde(default, deserialize_with = "opt_u64")]
    pub workflow_run: Option<u64>,
}

/// A named series, e.g. `delivered` messages over time.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct NamedSeries {
    /// The metric, e.g. `delivered`.
    #[serde(default, deserialize_with = "super::lenient::string_or_empty")]
    pub id: String,
    /// Its points.
    #[serde(default, deserialize_with = "series")]
    pub data_points: Vec<TimePoint>,
}

/// QStash usage over a period. Every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct QStashStats {
    /// Day names of the month's daily series.
    #[serde(default, deserialize_with = "string_list")]
    pub days: Vec<String>,
    /// Requests per day, with workflow counts.
    #[serde(default, deserialize_with = "lenient_list")]
    pub daily_requests: Vec<QStashDay>,
    /// Billing per day.
    #[serde(default, deserialize_with = "series")]
    pub daily_billings: Vec<TimePoint>,
    /// Bandwidth per day.
    #[serde(default, deserialize_with = "series")]
    pub daily_bandwidths: Vec<TimePoint>,
    /// Requests over the period.
    #[serde(default, deserialize_with = "series")]
    pub daily_used: Vec<TimePoint>,
    /// Workflow usage over the period.
    #[serde(default, deserialize_with = "series")]
    pub daily_used_workflow: Vec<TimePoint>,
    /// Messages by outcome over the period.
    #[serde(default, deserialize_with = "lenient_list")]
    pub daily_qstash_messages: Vec<NamedSeries>,
    /// Workflow messages by outcome over the period.
    #[serde(default, deserialize_with = "lenient_list")]
    pub daily_workflow_messages: Vec<NamedSeries>,
    /// Bandwidth over the period.
    #[serde(default, deserialize_with = "series")]
    pub daily_bandwidth_used: Vec<TimePoint>,
    /// Messages in the dead letter queue now.
    #[serde(default, deserialize_with = "opt_u64")]
    pub dlq_message_count: Option<u64>,
    /// Billing this month.
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_monthly_billing: Option<f64>,
}

/// A list where `null` is empty and unreadable items are skipped.
fn lenient_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        _ => Vec::new(),
    })
}

/// `enterprise: {enabled}` read as its flag; any other shape is `None`.
fn enterprise_enabled<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Object(map)) => match map.get("enabled") {
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::String(s)) => s.parse().ok(),
            _ => None,
        },
        _ => None,
    })
}
