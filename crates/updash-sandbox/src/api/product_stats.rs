//! Usage of Vector indexes, Search indexes and QStash: plausible series that are the same for
//! the same record and period, with timestamps that follow the clock.

use super::reply::ApiError;
use super::stats::{day_start, stamp, weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The periods product stats accept, with the span of each in seconds.
const PERIODS: &[(&str, i64)] = &[
    ("1h", 3_600),
    ("3h", 3 * 3_600),
    ("12h", 12 * 3_600),
    ("1d", 86_400),
    ("3d", 3 * 86_400),
    ("7d", 7 * 86_400),
    ("30d", 30 * 86_400),
];

/// The span of `?period=` (default `1h`; `30d` is accepted here, unlike Redis), or a 400.
pub fn period_secs(period: Option<&str>) -> Result<i64, ApiError> {
    let p = period.unwrap_or("1h");
    PERIODS
        .iter()
        .find(|(name, _)| *name == p)
        .map(|(_, secs)| *secs)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "invalid period \"{}\": must be one of 1h, 3h, 12h, 1d, 3d, 7d, 30d",
                p.chars().take(20).collect::<String>()
            ))
        })
}

/// A generator seeded from the record's id and the span.
struct Series {
    rng: StdRng,
    times: Vec<String>,
    days: Vec<i64>,
}

impl Series {
    /// 60 points over `span` ending at `now` (240 points, 3 hours apart, for 30 days).
    fn new(id: &str, span: i64, now: i64) -> Self {
        let digest = Sha256::digest(format!("{id}/{span}").as_bytes());
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&digest);
        let points = if span >= 30 * 86_400 { 240 } else { 60 };
        let step = span / points;
        let end = now - now.rem_euclid(step);
        Self {
            rng: StdRng::from_seed(seed),
            times: (0..points)
                .map(|k| stamp(end - (points - 1 - k) * step))
                .collect(),
            days: (0..7).map(|d| day_start(now) - (6 - d) * 86_400).collect(),
        }
    }

    fn over_period(&mut self, base: f64) -> Value {
        let phase: f64 = self.rng.random_range(0.0..std::f64::consts::TAU);
        let times = self.times.clone();
        let points: Vec<Value> = times
            .iter()
            .enumerate()
            .map(|(k, x)| {
                let wave = 1.0 + 0.3 * (phase + k as f64 / 9.0).sin();
                let y = (base * wave * self.rng.random_range(0.85..1.15)).round() as i64;
                json!({"x": x, "y": y})
            })
            .collect();
        Value::Array(points)
    }

    fn per_day(&mut self, base: f64) -> Value {
        let days = self.days.clone();
        let points: Vec<Value> = days
            .iter()
            .map(|&d| json!({"x": stamp(d), "y": (base * self.rng.random_range(0.6..1.4)).round() as i64}))
            .collect();
        Value::Array(points)
    }

    fn day_names(&self) -> Vec<String> {
        self.days.iter().map(|&d| weekday(d)).collect()
    }
}

fn scale(plan: &str) -> f64 {
    match plan {
        "free" => 0.05,
        "payg" | "paid" => 1.0,
        _ => 3.0,
    }
}

/// A few recent throughput points for an index record (`throughput_vector`).
pub fn throughput(id: &str, plan: &str, now: i64) -> Value {
    let mut s = Series::new(id, 3_600, now);
    let all = s.over_period(40.0 * scale(plan));
    Value::Array(
        all.as_array()
            .map(|a| a[a.len() - 5..].to_vec())
            .unwrap_or_default(),
    )
}

/// A `VectorStats` object (Search answers the same shape).
pub fn index_stats(id: &str, plan: &str, span: i64, now: i64) -> Value {
    let k = scale(plan);
    let mut s = Series::new(id, span, now);
    let vectors = (120_000.0 * k).round() as i64;
    let daily_queries = (30_000.0 * k).round() as i64;
    let daily_updates = (4_000.0 * k).round() as i64;
    json!({
        "pending_index_count": 0,
        "current_vector_count": vectors,
        "daily_query_count": daily_queries,
        "daily_update_count": daily_updates,
        "monthly_query_count": daily_queries * 21,
        "monthly_update_count": daily_updates * 21,
        "monthly_bandwidth_usage": (3.0e8 * k).round() as i64,
        "storage_usage": vectors * 1_600,
        "monthly_cost": ((daily_queries * 21) as f64 * 4e-6 * 1000.0).round() / 1000.0,
        "daily_update_requests": s.per_day(daily_updates as f64),
        "daily_query_requests": s.per_day(daily_queries as f64),
        "daily_bandwidths": s.per_day(1.5e7 * k),
        "days": s.day_names(),
        "query_throughput": s.over_period(25.0 * k),
        "update_throughput": s.over_period(3.0 * k),
        "query_latency_mean": s.over_period(12.0),
        "query_latency_99": s.over_period(48.0),
        "update_latency_mean": s.over_period(9.0),
        "update_latency_99": s.over_period(35.0),
        "embeds_latency_mean": s.over_period(0.0),
        "embeds_latency_99": s.over_period(0.0),
        "vector_count": s.over_period(vectors as f64),
        "data_size": s.over_period(vectors as f64 * 1_600.0),
        "daily_rerank_count": 0,
        "monthly_rerank_count": 0,
        "daily_rerank_requests": s.per_day(0.0),
        "rerank_latency_mean": s.over_period(0.0),
        "rerank_latency_99": s.over_period(0.0),
    })
}

/// A `GlobalStats` object: the sums over the given `(id, plan)` indexes today.
pub fn totals<'a>(indexes: impl Iterator<Item = (&'a str, &'a str)>, now: i64) -> Value {
    let (mut records, mut requests, mut bandwidth, mut storage, mut billing) =
        (0i64, 0i64, 0i64, 0i64, 0f64);
    for (id, plan) in indexes {
        let one = index_stats(id, plan, 86_400, now);
        let n = |k: &str| one[k].as_i64().unwrap_or(0);
        records += n("current_vector_count");
        requests += n("monthly_query_count") + n("monthly_update_count");
        bandwidth += n("monthly_bandwidth_usage");
        storage += n("storage_usage");
        billing += one["monthly_cost"].as_f64().unwrap_or(0.0);
    }
    json!({
        "record_count": records,
        "request": requests,
        "bandwidth": bandwidth,
        "storage": storage,
        "billing": (billing * 1000.0).round() / 1000.0,
        "rerank_count": 0,
    })
}

/// A `QStashStats` object.
pub fn qstash_stats(id: &str, plan: &str, span: i64, now: i64) -> Value {
    let k = scale(plan);
    let mut s = Series::new(id, span, now);
    let daily = (900.0 * k).max(1.0);
    let days = s.days.clone();
    let daily_requests: Vec<Value> = days
        .iter()
        .map(|&d| {
            let y = (daily * s.rng.random_range(0.6..1.4)).round() as i64;
            json!({"x": stamp(d), "y": y, "workflow_message": y / 10, "workflow_run": y / 40})
        })
        .collect();
    let named = |s: &mut Series, ids: &[&str], base: f64| -> Value {
        Value::Array(
            ids.iter()
                .map(|id| json!({"id": id, "data_points": s.over_period(base)}))
                .collect(),
        )
    };
    json!({
        "days": s.day_names(),
        "daily_requests": daily_requests,
        "daily_billings": s.per_day(0.0),
        "daily_bandwidths": s.per_day(daily * 2_000.0),
        "daily_used": s.over_period(daily / 1_440.0 * 60.0),
        "daily_used_workflow": s.over_period(daily / 14_400.0 * 60.0),
        "daily_qstash_messages": named(&mut s, &["delivered", "failed", "retry"], daily / 300.0),
        "daily_workflow_messages": named(&mut s, &["success", "canceled", "failed"], daily / 3_000.0),
        "dlq_message_count": (k * 3.0).round() as i64,
        "daily_bandwidth_used": s.over_period(daily * 30.0),
        "total_monthly_billing": (daily * 21.0 * 1e-5 * 1000.0).round() / 1000.0,
    })
}
