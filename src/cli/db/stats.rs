//! `updash db stats`: a readable usage summary; `--json` prints everything the API sent.

use super::access::Api;
use super::output;
use crate::cli::exit::{CliError, CliResult};
use crate::output::{count, millis, size};
use crate::upstash::ApiError;
use crate::upstash::raw;
use crate::upstash::{DatabaseStats, StatsPeriod, TimePoint};
use clap::Args;

/// Flags of `updash db stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The period the series cover: 1h, 3h, 12h, 1d, 3d or 7d (the service's default: 1h).
    #[arg(long, value_parser = parse_period)]
    period: Option<StatsPeriod>,
    /// Print the statistics as the API sent them (JSON).
    #[arg(long)]
    json: bool,
}

fn parse_period(text: &str) -> Result<StatsPeriod, String> {
    StatsPeriod::parse(text).ok_or_else(|| "use one of 1h, 3h, 12h, 1d, 3d, 7d".to_owned())
}

/// Prints the summary (or the full JSON).
pub async fn stats(api: &Api, args: &StatsArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    if args.json {
        let body = api
            .call(async |c| c.database_stats_body(&db.database_id, args.period).await)
            .await?;
        let record = raw::record(&body)
            .map_err(|e| CliError::from(ApiError::decode("reading usage", &e)))?;
        return output::print_json(&record);
    }
    let stats = api
        .call(async |c| c.database_stats(&db.database_id, args.period).await)
        .await?;
    let period = args.period.map_or("1h", StatsPeriod::as_str);
    let header = format!("{} ({}), last {period}", db.database_name, db.database_id);
    output::print_text(&summary(&header, &stats))
}

/// The summary lines: requests, bandwidth, storage, latency, keys, connections, billing.
pub fn summary(header: &str, s: &DatabaseStats) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), count);
    let b = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), size);
    let rows = [
        ("database", header.to_owned()),
        (
            "requests",
            format!(
                "today {} (reads {}, writes {}); this month {}",
                n(s.daily_net_commands),
                n(s.daily_read_requests),
                n(s.daily_write_requests),
                n(s.total_monthly_requests)
            ),
        ),
        (
            "bandwidth",
            format!(
                "today {}; this month {}",
                b(s.dailybandwidth),
                b(s.total_monthly_bandwidth)
            ),
        ),
        ("storage", format!("now {}", b(s.current_storage))),
        (
            // Milliseconds, as the Upstash console shows them.
            "latency",
            format!(
                "mean {}, p99 {} (read mean {}, write mean {})",
                average(&s.latencymean),
                highest(&s.latency_99),
                average(&s.read_latency_mean),
                average(&s.write_latency_mean)
            ),
        ),
        ("keys", latest(&s.keyspace)),
        ("connections", latest(&s.connection_count)),
        (
            "billing",
            s.total_monthly_billing
                .map_or_else(|| "-".to_owned(), |v| format!("${v:.2} this month")),
        ),
    ];
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{k:<width$}  {v}\n"))
        .collect()
}

/// The mean of a latency series, in milliseconds.
fn average(points: &[TimePoint]) -> String {
    if points.is_empty() {
        return "-".into();
    }
    let sum: f64 = points.iter().map(|p| p.y).sum();
    millis(sum / points.len() as f64)
}

/// The highest point of a latency series, in milliseconds.
fn highest(points: &[TimePoint]) -> String {
    points
        .iter()
        .map(|p| p.y)
        .reduce(f64::max)
        .map_or_else(|| "-".into(), millis)
}

fn latest(points: &[TimePoint]) -> String {
    points
        .last()
        .map_or_else(|| "-".into(), |p| count(p.y.max(0.0).round() as u64))
}
