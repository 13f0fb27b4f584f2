//! How indexes and QStash print: tables and detail blocks for people (tokens masked unless
//! asked), usage summaries. JSON output is the API's own records (see the commands).

use crate::cli::db::output::Secrets;
use crate::cli::table;
use crate::secret::Secret;
use crate::upstash::{IndexStats, Limit, QStashStats, QStashUser, SearchIndex, VectorIndex};

/// What the CLI shows of a Vector or Search index.
pub struct IndexView {
    /// ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region: String,
    /// Plan.
    pub plan: String,
    rows: Vec<(&'static str, String)>,
    token: Option<Secret>,
    read_only_token: Option<Secret>,
}

fn text(v: &Option<String>) -> String {
    v.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "-".into())
}

fn limit(l: Option<Limit>) -> String {
    l.map_or_else(|| "-".into(), crate::output::limit)
}

fn size(l: Option<Limit>) -> String {
    l.map_or_else(|| "-".into(), crate::output::size_limit)
}

fn flag(v: Option<bool>) -> String {
    match v {
        Some(true) => "on".into(),
        Some(false) => "off".into(),
        None => "-".into(),
    }
}

/// RFC 3339 of Unix seconds, or `-` (also for 0, which the service sends for "unknown").
fn created(t: Option<i64>) -> String {
    crate::cli::db::output::created(t.filter(|t| *t > 0))
}

impl From<&VectorIndex> for IndexView {
    fn from(i: &VectorIndex) -> Self {
        let rows = vec![
            ("similarity", text(&i.similarity_function)),
            (
                "dimension",
                i.dimension_count.map_or("-".into(), |d| d.to_string()),
            ),
            ("index type", text(&i.index_type)),
            ("embedding model", text(&i.embedding_model)),
            ("sparse model", text(&i.sparse_embedding_model)),
            ("endpoint", text(&i.endpoint)),
            ("rest url", i.rest_url().unwrap_or_else(|| "-".into())),
            ("max vectors", limit(i.max_vector_count)),
            ("max queries/day", limit(i.max_daily_queries)),
            ("max updates/day", limit(i.max_daily_updates)),
            ("max queries/s", limit(i.max_query_per_second)),
            ("max writes/s", limit(i.max_writes_per_second)),
            ("max bandwidth/month", size(i.max_monthly_bandwidth)),
            ("max metadata", size(i.max_total_metadata_size)),
            (
                "reserved price",
                i.reserved_price.map_or("-".into(), crate::output::amount),
            ),
            ("owner", text(&i.customer_id)),
            ("created", created(i.creation_time)),
        ];
        Self {
            id: i.id.clone(),
            name: i.name.clone(),
            region: text(&i.region),
            plan: text(&i.plan),
            rows,
            token: i.token.clone(),
            read_only_token: i.read_only_token.clone(),
        }
    }
}

impl From<&SearchIndex> for IndexView {
    fn from(i: &SearchIndex) -> Self {
        let rows = vec![
            ("endpoint", text(&i.endpoint)),
            ("rest url", i.rest_url().unwrap_or_else(|| "-".into())),
            ("input enrichment", flag(i.input_enrichment_enabled)),
            ("max documents", limit(i.max_vector_count)),
            ("max queries/day", limit(i.max_daily_queries)),
            ("max updates/day", limit(i.max_daily_updates)),
            ("max reranks/month", limit(i.max_monthly_reranks)),
            ("max queries/s", limit(i.max_query_per_second)),
            ("max writes/s", limit(i.max_writes_per_second)),
            ("max bandwidth/month", size(i.max_monthly_bandwidth)),
            ("owner", text(&i.customer_id)),
            ("created", created(i.creation_time)),
        ];
        Self {
            id: i.id.clone(),
            name: i.name.clone(),
            region: text(&i.region),
            plan: text(&i.plan),
            rows,
            token: i.token.clone(),
            read_only_token: i.read_only_token.clone(),
        }
    }
}

/// A secret's row: masked unless shown.
fn secret_row(secrets: Secrets, value: Option<&Secret>) -> String {
    match (secrets, value) {
        (Secrets::Hide, Some(_)) => "******** (--show-secrets shows it)".into(),
        (Secrets::Show, Some(v)) => v.expose().to_owned(),
        (_, None) => "-".into(),
    }
}

/// `key  value` lines aligned on the longest key.
fn block(rows: &[(&str, String)]) -> String {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{k:<width$}  {v}\n"))
        .collect()
}

/// The list table: one index per row, no secrets.
pub fn index_table(views: &[IndexView]) -> String {
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| {
            vec![
                v.id.clone(),
                v.name.clone(),
                v.region.clone(),
                v.plan.clone(),
            ]
        })
        .collect();
    table::render(&["ID", "NAME", "REGION", "PLAN"], &rows)
}

/// A detail block, tokens masked unless `secrets` is `Show`.
pub fn index_detail(v: &IndexView, secrets: Secrets) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("id", v.id.clone()),
        ("name", v.name.clone()),
        ("region", v.region.clone()),
        ("plan", v.plan.clone()),
    ];
    rows.extend(v.rows.iter().cloned());
    rows.push(("token", secret_row(secrets, v.token.as_ref())));
    rows.push((
        "read-only token",
        secret_row(secrets, v.read_only_token.as_ref()),
    ));
    block(&rows)
}

/// The QStash table: one per region, no secrets.
pub fn qstash_table(users: &[QStashUser]) -> String {
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|u| {
            vec![
                u.id.clone(),
                text(&u.region),
                plan_of(u),
                text(&u.state),
                u.budget.map_or("-".into(), budget),
                flag(u.prod_pack_enabled),
            ]
        })
        .collect();
    table::render(
        &["ID", "REGION", "PLAN", "STATE", "BUDGET", "PROD PACK"],
        &rows,
    )
}

/// `free`, `paid`, or the fixed plan's name.
fn plan_of(u: &QStashUser) -> String {
    match u.reserved_type.as_deref().filter(|t| !t.is_empty()) {
        Some(fixed) => fixed.to_owned(),
        None => text(&u.plan),
    }
}

fn budget(dollars: u64) -> String {
    if dollars == 0 {
        "no limit".into()
    } else {
        format!("${dollars}/month")
    }
}

/// A QStash detail block, tokens masked unless `secrets` is `Show`.
pub fn qstash_detail(u: &QStashUser, secrets: Secrets) -> String {
    let rows: Vec<(&str, String)> = vec![
        ("id", u.id.clone()),
        ("region", text(&u.region)),
        ("url", u.url()),
        ("plan", plan_of(u)),
        ("state", text(&u.state)),
        ("budget", u.budget.map_or("-".into(), budget)),
        ("prod pack", flag(u.prod_pack_enabled)),
        ("prometheus", flag(u.prometheus_enabled)),
        ("max requests/day", limit(u.max_requests_per_day)),
        ("max requests/s", limit(u.max_requests_per_second)),
        ("max message size", size(u.max_message_size)),
        ("max topics", limit(u.max_topics)),
        ("max schedules", limit(u.max_schedules)),
        ("max queues", limit(u.max_queues)),
        ("max retries", limit(u.max_retries)),
        ("max dlq size", limit(u.max_dlq_size)),
        ("timeout (s)", limit(u.timeout)),
        ("owner", text(&u.customer_id)),
        ("created", created(u.creation_time)),
        ("token", secret_row(secrets, u.token.as_ref())),
        (
            "read-only token",
            secret_row(secrets, u.read_only_token.as_ref()),
        ),
    ];
    block(&rows)
}

fn count(n: Option<u64>) -> String {
    n.map_or("-".into(), crate::output::count)
}

fn bytes(n: Option<u64>) -> String {
    n.map_or("-".into(), crate::output::size)
}

fn last_ms(points: &[crate::upstash::TimePoint]) -> String {
    points
        .last()
        .map_or("-".into(), |p| crate::output::millis(p.y))
}

/// A usage summary of one index.
pub fn index_stats(s: &IndexStats) -> String {
    block(&[
        ("vectors", count(s.current_vector_count)),
        ("pending", count(s.pending_index_count)),
        ("queries today", count(s.daily_query_count)),
        ("updates today", count(s.daily_update_count)),
        ("queries this month", count(s.monthly_query_count)),
        ("updates this month", count(s.monthly_update_count)),
        ("bandwidth this month", bytes(s.monthly_bandwidth_usage)),
        ("storage", bytes(s.storage_usage)),
        (
            "cost this month",
            s.monthly_cost.map_or("-".into(), crate::output::amount),
        ),
        ("query latency (mean)", last_ms(&s.query_latency_mean)),
        ("query latency (p99)", last_ms(&s.query_latency_99)),
        ("points in period", s.query_throughput.len().to_string()),
    ])
}

/// A usage summary of all indexes.
pub fn totals(t: &crate::upstash::IndexTotals) -> String {
    block(&[
        ("records", count(t.record_count)),
        ("requests", count(t.request)),
        ("bandwidth", bytes(t.bandwidth)),
        ("storage", bytes(t.storage)),
        (
            "billing",
            t.billing.map_or("-".into(), crate::output::amount),
        ),
    ])
}

/// A usage summary of QStash.
pub fn qstash_stats(s: &QStashStats) -> String {
    let requests: f64 = s.daily_requests.iter().map(|d| d.y).sum();
    let in_period: f64 = s.daily_used.iter().map(|p| p.y).sum();
    let mut rows = vec![
        ("requests (daily series)", format!("{requests:.0}")),
        ("requests in period", format!("{in_period:.0}")),
        ("dead letter queue", count(s.dlq_message_count)),
        (
            "billing this month",
            s.total_monthly_billing
                .map_or("-".into(), crate::output::amount),
        ),
    ];
    for series in &s.daily_qstash_messages {
        let total: f64 = series.data_points.iter().map(|p| p.y).sum();
        rows.push(("messages", format!("{}: {total:.0}", series.id)));
    }
    block(&rows)
}
