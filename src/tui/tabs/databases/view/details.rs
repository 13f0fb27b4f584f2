//! The selected database's details: connection, regions, plan and limits, eviction, budget,
//! owner, secrets (masked until revealed) and usage sparklines for the chosen period.

use super::super::state::DatabasesState;
use super::super::table::{date_text, region_text};
use crate::output;
use crate::secret::Secret;
use crate::tui::context::ViewContext;
use crate::tui::text_input::MASK_CHAR;
use crate::upstash::models::TimePoint;
use crate::upstash::{Database, Limit, connection};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Wrap};

const LABEL: usize = 11;

/// Draws the selected database's details into `area`; `full` adds limits and usage.
pub fn render(
    state: &DatabasesState,
    ctx: &ViewContext,
    frame: &mut Frame,
    area: Rect,
    full: bool,
) {
    let Some(db) = state.selected_database() else {
        frame.render_widget(ctx.block(" Details "), area);
        return;
    };
    let block = ctx.block(format!(" {} ", db.database_name));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = detail_lines(state, ctx, db, full || area.height > 20);
    // Usage: one row per sparkline on short screens, two when there is room.
    // The focused Backups section gets the room the usage would take.
    let usage_height = match (full, inner.height) {
        _ if state.backups_focused() => 0,
        (_, h) if h >= 30 => 9,
        (true, h) if h >= 24 => 9,
        (true, h) if h >= 12 => 5,
        _ => 0,
    };
    let [text_area, usage_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(usage_height)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
    if usage_area.height > 0 {
        usage(state, ctx, db, frame, usage_area);
    }
}

/// A `label  value` line; values come from the provider, so they are drawn sanitised.
fn field<'a>(ctx: &ViewContext, label: &str, value: impl Into<String>) -> Line<'a> {
    let value = value.into();
    Line::from(vec![
        Span::styled(format!("{label:<LABEL$}"), ctx.styles.dim),
        Span::raw(crate::output::sanitize(&value).into_owned()),
    ])
}

fn limit(l: Option<Limit>) -> String {
    l.map_or_else(|| "—".into(), output::limit)
}

fn bytes(l: Option<Limit>) -> String {
    l.map_or_else(|| "—".into(), output::size_limit)
}

fn secret_text(revealed: bool, ctx: &ViewContext, secret: Option<&Secret>) -> (String, Style) {
    match secret {
        None => ("not returned (enter loads it)".into(), ctx.styles.dim),
        Some(s) if revealed => (
            crate::output::sanitize(s.expose()).into_owned(),
            ctx.styles.warning,
        ),
        Some(_) => (
            format!("{} (v reveals)", String::from(MASK_CHAR).repeat(12)),
            ctx.styles.dim,
        ),
    }
}

fn detail_lines<'a>(
    state: &DatabasesState,
    ctx: &ViewContext,
    db: &Database,
    full: bool,
) -> Vec<Line<'a>> {
    let endpoint = connection::host(db).unwrap_or_else(|_| "—".into());
    let tls = match db.tls {
        Some(false) => "off",
        Some(true) => "on",
        None => "—",
    };
    let reads = if db.read_regions.is_empty() {
        "none".to_string()
    } else {
        db.read_regions
            .iter()
            .map(|r| region_text(r))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let owner = db.owner().map_or_else(
        || "—".to_string(),
        |o| match state.teams.iter().find(|t| t.team_id == o) {
            Some(team) => format!("team {}", team.team_name),
            None => o.to_string(),
        },
    );
    let eviction = match db.eviction {
        Some(true) => "on",
        Some(false) => "off",
        None => "—",
    };
    let upgrade = match db.auto_upgrade {
        Some(true) => "on",
        Some(false) => "off",
        None => "—",
    };
    let mut lines = vec![
        field(
            ctx,
            "Endpoint",
            format!("{endpoint}:{}", connection::port(db)),
        ),
        field(ctx, "Primary", region_text(db.display_region())),
        field(ctx, "Read", reads),
        field(
            ctx,
            "Plan",
            format!(
                "{} · {} · TLS {tls}",
                db.plan.as_deref().unwrap_or("—"),
                db.state.as_deref().unwrap_or("—")
            ),
        ),
        field(
            ctx,
            "Eviction",
            format!(
                "{eviction} · budget {} · auto-upgrade {upgrade}",
                db.budget.map_or_else(|| "—".into(), output::budget)
            ),
        ),
    ];
    for (label, secret) in [
        ("Password", db.password.as_ref()),
        ("REST token", db.rest_token.as_ref()),
    ] {
        let (text, style) = secret_text(state.revealed, ctx, secret);
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<LABEL$}"), ctx.styles.dim),
            Span::styled(text, style),
        ]));
    }
    lines.push(field(ctx, "Owner", owner));
    lines.push(field(ctx, "Created", date_text(db.creation_time)));

    if full {
        lines.push(field(
            ctx,
            "Limits",
            format!(
                "{} cmd/s · {} clients",
                limit(db.db_max_commands_per_second),
                limit(db.db_max_clients)
            ),
        ));
        lines.push(field(
            ctx,
            "Requests",
            format!("{} a month", limit(db.db_request_limit)),
        ));
        lines.push(field(
            ctx,
            "Memory",
            format!(
                "{} · disk {}",
                bytes(db.db_memory_threshold),
                bytes(db.db_disk_threshold)
            ),
        ));
        lines.push(field(
            ctx,
            "Sizes",
            format!(
                "request {} · entry {}",
                bytes(db.db_max_request_size),
                bytes(db.db_max_entry_size)
            ),
        ));
    }
    lines.extend(super::backups::lines(state, ctx, db));
    lines
}

/// Sparkline data `width` bars wide: the series stretched or averaged over the width (so
/// it fills the pane whatever the period's point count), scaled so small values still show.
fn points(series: &[TimePoint], width: usize) -> Vec<u64> {
    if series.is_empty() || width == 0 {
        return Vec::new();
    }
    (0..width)
        .map(|i| {
            let from = i * series.len() / width;
            let to = ((i + 1) * series.len() / width).max(from + 1);
            let bucket = &series[from..to.min(series.len())];
            let mean = bucket.iter().map(|p| p.y.max(0.0)).sum::<f64>() / bucket.len() as f64;
            (mean * 100.0) as u64
        })
        .collect()
}

/// The latest value, then the period's min / avg / max, each in the series' unit.
fn summary(series: &[TimePoint], unit: fn(f64) -> String) -> String {
    let Some(last) = series.last() else {
        return "—".into();
    };
    let values: Vec<f64> = series.iter().map(|p| p.y).collect();
    format!(
        "{} now · {}",
        unit(last.y),
        output::min_avg_max(&values, unit)
    )
}

/// One usage series: its label, its points, and how its values read.
type Series<'a> = (&'static str, &'a [TimePoint], fn(f64) -> String);

fn usage(state: &DatabasesState, ctx: &ViewContext, db: &Database, frame: &mut Frame, area: Rect) {
    let period = state.period.as_str();
    let header = |extra: &str| {
        Line::from(vec![
            Span::styled(format!("Usage · {period}"), ctx.styles.accent),
            Span::styled(format!("  (p changes){extra}"), ctx.styles.dim),
        ])
    };
    let view = state
        .stats
        .as_ref()
        .filter(|s| s.database_id == db.database_id);
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let Some(stats) = view.and_then(|v| v.stats.as_ref()) else {
        let note = match view {
            Some(v) if v.error.is_some() => {
                format!(" — {}", v.error.as_deref().unwrap_or_default())
            }
            Some(_) => " — loading…".into(),
            None => " — enter loads it".into(),
        };
        frame.render_widget(header(&note), title);
        return;
    };
    frame.render_widget(header(""), title);
    let series: [Series; 4] = [
        ("commands/s", &stats.throughput, output::amount),
        ("bandwidth", &stats.bandwidths, output::size_f),
        ("storage", &stats.diskusage, output::size_f),
        ("latency", &stats.latencymean, output::millis),
    ];
    let two_lines = rest.height >= 8;
    let rows = Layout::vertical([Constraint::Length(if two_lines { 2 } else { 1 }); 4]).split(rest);
    for ((label, data, unit), row) in series.iter().zip(rows.iter()) {
        let text = Line::from(vec![
            Span::styled(format!("{label:<11}"), ctx.styles.dim),
            Span::raw(summary(data, *unit)),
        ]);
        // Two lines: the figures above a sparkline as wide as the pane; one: the figures only
        // when the pane is too short for both.
        let (text_area, line) = if two_lines {
            let [a, b] = Layout::vertical([Constraint::Length(1); 2]).areas(*row);
            (a, Some(b))
        } else {
            (*row, None)
        };
        frame.render_widget(text, text_area);
        if let Some(line) = line {
            frame.render_widget(
                Sparkline::default()
                    .data(points(data, usize::from(line.width)))
                    .style(ctx.styles.accent),
                line,
            );
        }
    }
}
