//! `updash audit`: the account's audit log, newest first, filtered by time and action.

mod filter;

use super::Context;
use super::db::access::Api;
use super::db::output;
use super::exit::{CliError, CliResult};
use super::table;
use crate::upstash::AuditLog;
use crate::upstash::raw::{self, RawRecord};
use clap::Args;
pub use filter::Filter;
use time::OffsetDateTime;

/// The `--help` example.
pub const HELP: &str = "Examples:\n  updash audit --since 24h --action delete\n  updash audit --since 2026-11-01 --until 2026-11-30T12:00:00Z --limit 20 --json";

/// Flags of `updash audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only entries at or after this: a duration back from now (30m, 24h, 7d, 2w) or an
    /// RFC 3339 time or date.
    #[arg(long, value_name = "WHEN")]
    since: Option<String>,
    /// Only entries at or before this (same forms as --since).
    #[arg(long, value_name = "WHEN")]
    until: Option<String>,
    /// Only entries whose action contains this text (any case), e.g. "delete".
    #[arg(long, value_name = "TEXT")]
    action: Option<String>,
    /// At most this many entries (the newest).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Print the entries as the API sent them (JSON) instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `updash audit`.
pub fn run(ctx: &Context, args: &AuditArgs) -> CliResult {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let filter = Filter::new(
        args.since.as_deref(),
        args.until.as_deref(),
        args.action.as_deref(),
        now,
    )
    .map_err(|e| CliError::usage(format!("reading the filters: {e}")))?;
    let limit = args.limit.unwrap_or(usize::MAX);
    super::runtime()?.block_on(ctx.with_session(|session| async move {
        let api = Api::open(session, ctx.account.as_deref())?;
        if args.json {
            let body = api.call(async |c| c.audit_logs_body().await).await?;
            return print_raw(&body, &filter, limit);
        }
        let logs = api.call(async |c| c.audit_logs().await).await?;
        let shown = newest(&logs, &filter, limit);
        if shown.is_empty() {
            return output::print_text("no audit log entries match\n");
        }
        output::print_text(&table_of(&shown))
    }))
}

/// The entries that pass `filter`, newest first, at most `limit`.
pub fn newest<'a>(logs: &'a [AuditLog], filter: &Filter, limit: usize) -> Vec<&'a AuditLog> {
    let mut shown: Vec<&AuditLog> = logs
        .iter()
        .filter(|l| filter.matches(l.timestamp, &l.action_string))
        .collect();
    shown.sort_by_key(|l| std::cmp::Reverse(l.timestamp));
    shown.truncate(limit);
    shown
}

/// The records that pass `filter` as sent, in the order sent; with a limit, the newest.
fn print_raw(body: &[u8], filter: &Filter, limit: usize) -> CliResult {
    const ACTION: &str = "listing the audit log";
    let records = raw::records(body)
        .map_err(|e| CliError::from(crate::upstash::ApiError::decode(ACTION, &e)))?;
    let stamp = |r: &RawRecord<'_>| {
        r.get("timestamp")
            .and_then(|v| serde_json::from_str::<i64>(v.get()).ok())
    };
    let action = |r: &RawRecord<'_>| {
        r.get("action_string")
            .and_then(|v| serde_json::from_str::<String>(v.get()).ok())
            .unwrap_or_default()
    };
    let mut kept: Vec<(usize, RawRecord<'_>)> = records
        .into_iter()
        .filter(|r| filter.matches(stamp(r), &action(r)))
        .enumerate()
        .collect();
    if kept.len() > limit {
        kept.sort_by_key(|(_, r)| std::cmp::Reverse(stamp(r)));
        kept.truncate(limit);
        kept.sort_by_key(|(i, _)| *i);
    }
    let kept: Vec<RawRecord<'_>> = kept.into_iter().map(|(_, r)| r).collect();
    output::print_json(&kept)
}

fn table_of(logs: &[&AuditLog]) -> String {
    let rows: Vec<Vec<String>> = logs
        .iter()
        .map(|l| {
            let mut entity = l.entity.clone();
            for other in l.other_entities() {
                entity.push_str(" / ");
                entity.push_str(other);
            }
            vec![
                l.time_utc().unwrap_or_default(),
                l.action_string.clone(),
                entity,
                l.actor.clone(),
                l.source.clone(),
            ]
        })
        .collect();
    table::render(
        &["TIME (UTC)", "ACTION", "ENTITY", "ACTOR", "SOURCE"],
        &rows,
    )
}
