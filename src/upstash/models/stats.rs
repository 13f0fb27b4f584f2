//! Usage statistics of one database (`GET /v2/redis/stats/{id}`).

use super::lenient::{f64_or_zero, opt_bool, opt_f64, opt_u64, string_list, string_or_empty};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// One point of a time series: `x` is the API's timestamp text, `y` the value (null reads 0).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct TimePoint {
    /// Timestamp text, e.g. `2025-08-31 15:12:52.799480932 +0000 UTC`.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub x: String,
    /// The value.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub y: f64,
}

/// Per-command counts over time.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct CommandCount {
    /// The command, e.g. `EXISTS`.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub metric_identifier: String,
    /// Its counts over time.
    #[serde(default, deserialize_with = "series")]
    pub data_points: Vec<TimePoint>,
}

/// The period to ask stats for (`?period=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsPeriod {
    /// One hour.
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
}

impl StatsPeriod {
    /// Every period, shortest first.
    pub const ALL: [StatsPeriod; 6] = [
        Self::Hour1,
        Self::Hours3,
        Self::Hours12,
        Self::Day1,
        Self::Days3,
        Self::Days7,
    ];

    /// The query value: `1h`, `3h`, `12h`, `1d`, `3d`, `7d`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hour1 => "1h",
            Self::Hours3 => "3h",
            Self::Hours12 => "12h",
            Self::Day1 => "1d",
            Self::Days3 => "3d",
            Self::Days7 => "7d",
        }
    }

    /// Parses `1h` … `7d`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text.trim())
    }
}

/// Usage statistics. Every field is optional or defaults to empty: the shape varies.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct DatabaseStats {
    /// Commands executed today.
    #[serde(default, deserialize_with = "opt_u64")]
    pub daily_net_commands: Option<u64>,
    /// Read requests today.
    #[serde(default, deserialize_with = "opt_u64")]
    pub daily_read_requests: Option<u64>,
    /// Write requests today.
    #[serde(default, deserialize_with = "opt_u64")]
    pub daily_write_requests: Option<u64>,
    /// Bandwidth today, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub dailybandwidth: Option<u64>,
    /// Bandwidth this month, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_monthly_bandwidth: Option<u64>,
    /// Requests this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_monthly_requests: Option<u64>,
    /// Read requests this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_monthly_read_requests: Option<u64>,
    /// Write requests this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_monthly_write_requests: Option<u64>,
    /// Script requests this month.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_monthly_script_requests: Option<u64>,
    /// Storage this month, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_monthly_storage: Option<u64>,
    /// Storage now, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub current_storage: Option<u64>,
    /// Billing this month (a float).
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_monthly_billing: Option<f64>,
    /// Whether the queue optimisation is on.
    #[serde(default, deserialize_with = "opt_bool")]
    pub queue_optimized: Option<bool>,
    /// Weekday names matching the daily series.
    #[serde(default, deserialize_with = "string_list")]
    pub days: Vec<String>,
    /// Monitor count (the spec shows one point; arrays are accepted too).
    #[serde(default, deserialize_with = "series")]
    pub monitor_count: Vec<TimePoint>,
    /// Connections over time.
    #[serde(default, deserialize_with = "series")]
    pub connection_count: Vec<TimePoint>,
    /// Keys over time.
    #[serde(default, deserialize_with = "series")]
    pub keyspace: Vec<TimePoint>,
    /// Throughput over time.
    #[serde(default, deserialize_with = "series")]
    pub throughput: Vec<TimePoint>,
    /// Disk usage over time.
    #[serde(default, deserialize_with = "series")]
    pub diskusage: Vec<TimePoint>,
    /// Mean latency over time.
    #[serde(default, deserialize_with = "series")]
    pub latencymean: Vec<TimePoint>,
    /// p99 latency over time.
    #[serde(default, deserialize_with = "series")]
    pub latency_99: Vec<TimePoint>,
    /// Mean read latency over time.
    #[serde(default, deserialize_with = "series")]
    pub read_latency_mean: Vec<TimePoint>,
    /// p99 read latency over time.
    #[serde(default, deserialize_with = "series")]
    pub read_latency_99: Vec<TimePoint>,
    /// Mean write latency over time.
    #[serde(default, deserialize_with = "series")]
    pub write_latency_mean: Vec<TimePoint>,
    /// p99 write latency over time.
    #[serde(default, deserialize_with = "series")]
    pub write_latency_99: Vec<TimePoint>,
    /// Hits over time.
    #[serde(default, deserialize_with = "series")]
    pub hits: Vec<TimePoint>,
    /// Misses over time.
    #[serde(default, deserialize_with = "series")]
    pub misses: Vec<TimePoint>,
    /// Reads over time.
    #[serde(default, deserialize_with = "series")]
    pub read: Vec<TimePoint>,
    /// Writes over time.
    #[serde(default, deserialize_with = "series")]
    pub write: Vec<TimePoint>,
    /// Requests per day.
    #[serde(default, deserialize_with = "series")]
    pub dailyrequests: Vec<TimePoint>,
    /// Billing per day.
    #[serde(default, deserialize_with = "series")]
    pub dailybilling: Vec<TimePoint>,
    /// Bandwidth over time.
    #[serde(default, deserialize_with = "series")]
    pub bandwidths: Vec<TimePoint>,
    /// Per-command counts.
    #[serde(default, deserialize_with = "command_counts")]
    pub command_counts: Vec<CommandCount>,
}

/// A series that may be `null`, a single point, or an array (unreadable points are skipped).
pub(crate) fn series<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<TimePoint>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        Some(v @ Value::Object(_)) => serde_json::from_value(v).ok().into_iter().collect(),
        _ => Vec::new(),
    })
}

fn command_counts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<CommandCount>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_print() {
        for p in StatsPeriod::ALL {
            assert_eq!(StatsPeriod::parse(p.as_str()), Some(p));
        }
        assert_eq!(StatsPeriod::parse("2h"), None);
    }

    #[test]
    fn series_accepts_null_object_and_array() {
        let s: DatabaseStats = match serde_json::from_str(
            r#"{"keyspace":null,"monitor_count":{"x":"t","y":2},"hits":[{"x":"a","y":null},{"y":1.5},7]}"#,
        ) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert!(s.keyspace.is_empty());
        assert_eq!(s.monitor_count.len(), 1);
        assert_eq!(s.hits.len(), 2);
        assert_eq!(s.hits[0].y, 0.0);
        assert_eq!(s.hits[1].y, 1.5);
    }
}
