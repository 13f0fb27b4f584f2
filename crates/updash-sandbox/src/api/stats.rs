//! `GET /v2/redis/stats/{id}`: plausible usage series, the same for the same database and period.

use super::reply::ApiError;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;

/// The periods `?period=` accepts, with the span each covers in seconds.
pub const PERIODS: &[(&str, i64)] = &[
    ("1h", 3_600),
    ("3h", 3 * 3_600),
    ("12h", 12 * 3_600),
    ("1d", 86_400),
    ("3d", 3 * 86_400),
    ("7d", 7 * 86_400),
];

/// Points per time series.
const POINTS: i64 = 60;

/// The span of a `?period=` value (default `1h`), or a 400 naming the allowed values.
pub fn period_secs(period: Option<&str>) -> Result<i64, ApiError> {
    let p = period.unwrap_or("1h");
    PERIODS
        .iter()
        .find(|(name, _)| *name == p)
        .map(|(_, secs)| *secs)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "invalid period \"{}\": must be one of 1h, 3h, 12h, 1d, 3d, 7d",
                p.chars().take(20).collect::<String>()
            ))
        })
}

/// The `DatabaseStats` object for a database with this id and plan type over `span` seconds
/// ending at `now`. Values depend only on the id and span; timestamps follow the clock.
pub fn database_stats(database_id: &str, plan_type: &str, span: i64, now: i64) -> Value {
    let digest = Sha256::digest(format!("{database_id}/{span}").as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    let mut rng = StdRng::from_seed(seed);
    let scale = match plan_type {
        "free" => 0.05,
        "payg" => 1.0,
        _ => 3.0,
    };
    let step = span / POINTS;
    let end = now - now.rem_euclid(step);
    let times: Vec<String> = (0..POINTS)
        .map(|k| stamp(end - (POINTS - 1 - k) * step))
        .collect();
    let mut series = |base: f64, round: bool| -> Value {
        let phase: f64 = rng.random_range(0.0..std::f64::consts::TAU);
        let points: Vec<Value> = times
            .iter()
            .enumerate()
            .map(|(k, x)| {
                let wave = 1.0 + 0.3 * (phase + k as f64 / 9.0).sin();
                let y = base * wave * rng.random_range(0.85..1.15);
                let y = if round {
                    json!(y.round() as i64)
                } else {
                    json!((y * 100.0).round() / 100.0)
                };
                json!({"x": x, "y": y})
            })
            .collect();
        Value::Array(points)
    };
    let throughput = 400.0 * scale;
    let connection_count = series(30.0 * scale + 1.0, true);
    let keyspace = series(250_000.0 * scale, true);
    let throughput_series = series(throughput, true);
    let diskusage = series(80.0e6 * scale, true);
    let latencymean = series(0.8, false);
    let latency_99 = series(4.5, false);
    let read_latency_mean = series(0.6, false);
    let read_latency_99 = series(3.2, false);
    let write_latency_mean = series(1.1, false);
    let write_latency_99 = series(6.0, false);
    let hits = series(throughput * 0.7, true);
    let misses = series(throughput * 0.1, true);
    let read = series(throughput * 0.8, true);
    let write = series(throughput * 0.2, true);
    let command_counts: Vec<Value> = ["GET", "SET", "EXISTS", "EXPIRE", "HGETALL"]
        .iter()
        .map(|cmd| json!({"metric_identifier": cmd, "data_points": series(throughput / 5.0, true)}))
        .collect();
    let mut daily = |base: f64, cents: bool| -> Vec<Value> {
        (0..7)
            .map(|d| {
                let y = base * rng.random_range(0.6..1.4);
                let y = if cents {
                    json!((y * 1000.0).round() / 1000.0)
                } else {
                    json!(y.round() as i64)
                };
                json!({"x": stamp(day_start(now) - (6 - d) * 86_400), "y": y})
            })
            .collect()
    };
    let dailyrequests = daily(throughput * 86_400.0 / 20.0, false);
    let dailybilling = daily(0.2 * scale, true);
    let bandwidths = daily(2.0e8 * scale, false);
    let days: Vec<String> = (0..7)
        .map(|d| weekday(day_start(now) - (6 - d) * 86_400))
        .collect();
    let daily_net = (throughput * 86_400.0 / 20.0).round() as i64;
    let monthly = daily_net * 21;
    json!({
        "monitor_count": {"x": stamp(end), "y": 0},
        "daily_net_commands": daily_net,
        "daily_read_requests": daily_net * 4 / 5,
        "daily_write_requests": daily_net / 5,
        "connection_count": connection_count,
        "keyspace": keyspace,
        "throughput": throughput_series,
        "diskusage": diskusage,
        "latencymean": latencymean,
        "latency_99": latency_99,
        "read_latency_mean": read_latency_mean,
        "read_latency_99": read_latency_99,
        "write_latency_mean": write_latency_mean,
        "write_latency_99": write_latency_99,
        "hits": hits,
        "misses": misses,
        "read": read,
        "write": write,
        "dailyrequests": dailyrequests,
        "days": days,
        "dailybilling": dailybilling,
        "dailybandwidth": (2.0e8 * scale).round() as i64,
        "bandwidths": bandwidths,
        "total_monthly_bandwidth": (2.0e8 * scale * 21.0).round() as i64,
        "total_monthly_requests": monthly,
        "total_monthly_read_requests": monthly * 4 / 5,
        "total_monthly_write_requests": monthly / 5,
        "total_monthly_script_requests": monthly / 100,
        "queue_optimized": false,
        "total_monthly_storage": (80.0e6 * scale).round() as i64,
        "current_storage": (80.0e6 * scale).round() as i64,
        "total_monthly_billing": ((monthly as f64) * 2e-6 * 1000.0).round() / 1000.0,
        "command_counts": command_counts,
    })
}

pub(super) fn day_start(t: i64) -> i64 {
    t - t.rem_euclid(86_400)
}

/// `2025-08-31 15:12:52.799 +0000 UTC`, the real service's timestamp format.
pub(super) fn stamp(t: i64) -> String {
    let fmt =
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]");
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&fmt).ok())
        .map(|s| format!("{s} +0000 UTC"))
        .unwrap_or_default()
}

pub(super) fn weekday(t: i64) -> String {
    OffsetDateTime::from_unix_timestamp(t)
        .map(|d| d.weekday().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_id_and_period_give_the_same_values() {
        let a = database_stats("id-1", "payg", 3_600, 1_750_000_000);
        let b = database_stats("id-1", "payg", 3_600, 1_750_000_000);
        let c = database_stats("id-2", "payg", 3_600, 1_750_000_000);
        assert_eq!(a, b);
        assert_ne!(a["keyspace"], c["keyspace"]);
        assert_eq!(a["throughput"].as_array().map(Vec::len), Some(60));
        assert_eq!(a["days"].as_array().map(Vec::len), Some(7));
        let x = a["keyspace"][59]["x"].as_str().unwrap_or_default();
        assert!(x.ends_with(".000 +0000 UTC"), "{x}");
    }

    #[test]
    fn periods() {
        assert_eq!(period_secs(None).ok(), Some(3_600));
        assert_eq!(period_secs(Some("7d")).ok(), Some(604_800));
        assert!(period_secs(Some("2h")).is_err());
    }
}
