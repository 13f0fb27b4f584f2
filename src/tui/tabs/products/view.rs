//! The Products tab on screen: the product switcher, the list, and the selected record's
//! details with its usage (tokens masked until revealed).

use super::product::{Product, Row};
use super::state::{ProductsState, Usage};
use crate::output::sanitize;
use crate::secret::Secret;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::upstash::Limit;
use crate::upstash::models::IndexStats;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Cell, HighlightSpacing, Paragraph, Row as TableRow, Table, TableState, Wrap,
};

const MASK: &str = "••••••••";

/// Draws the tab.
pub fn render(state: &ProductsState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let [switcher, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(switcher_line(state, ctx)), switcher);
    if state.details
        && let Some(row) = state.row()
    {
        details(state, &row, ctx, frame, body);
    } else {
        list(state, ctx, frame, body);
    }
}

/// ` Vector │ Search │ QStash   [ ] switch`, the shown product marked.
fn switcher_line<'a>(state: &ProductsState, ctx: &ViewContext) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    for (i, p) in Product::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", ctx.styles.dim));
        }
        let style = if *p == state.product {
            ctx.styles.selected
        } else {
            ctx.styles.dim
        };
        spans.push(Span::styled(format!(" {} ", p.label()), style));
    }
    let keys = format!(
        "   {} / {} switch product",
        ctx.key(Command::PrevProduct).unwrap_or_default(),
        ctx.key(Command::NextProduct).unwrap_or_default()
    );
    spans.push(Span::styled(keys, ctx.styles.dim));
    Line::from(spans)
}

fn list(state: &ProductsState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let styles = ctx.styles;
    let rows = state.rows();
    let spinner = if state.loading.is_loading() || state.writing.is_loading() {
        format!(" {} ", ctx.spinner)
    } else {
        String::new()
    };
    let filter = match (state.filtering, state.filter.is_empty()) {
        (true, _) => format!(" · /{}▏", state.filter.display()),
        (false, false) => format!(" · /{}", state.filter.value()),
        (false, true) => String::new(),
    };
    let title = format!(
        " {} · {} of {}{filter} {spinner}",
        state.product.label(),
        rows.len(),
        state.total()
    );
    let block = ctx.block(title);
    if rows.is_empty() {
        let text = if !state.is_loaded() && state.account.is_none() {
            "No account is active: choose one in the Accounts tab.".to_string()
        } else if let Some(e) = &state.error {
            format!("Cannot list {}: {e}", state.product.label())
        } else if !state.is_loaded() {
            format!("{} Loading…", ctx.spinner)
        } else {
            let create = ctx.key(Command::CreateDatabase).unwrap_or_default();
            match state.product {
                Product::QStash => "No QStash in this account.".to_string(),
                p => format!("No {} indexes. {create} creates one.", p.label()),
            }
        };
        let style = if state.error.is_some() {
            styles.error
        } else {
            styles.dim
        };
        frame.render_widget(
            Paragraph::new(Line::styled(sanitize(&text).into_owned(), style))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let header = match state.product {
        Product::Vector => ["Name", "Region", "Plan", "Similarity · dimensions"],
        Product::Search => ["Name", "Region", "Plan", "Limits"],
        Product::QStash => ["Region", "ID", "Plan", "State · budget"],
    };
    let cells = |r: &Row| -> [String; 4] {
        let first = match state.product {
            Product::QStash => [r.region.clone(), r.id.clone()],
            _ => [r.name.clone(), r.region.clone()],
        };
        [
            sanitize(&first[0]).into_owned(),
            sanitize(&first[1]).into_owned(),
            sanitize(&r.plan).into_owned(),
            sanitize(&r.extra).into_owned(),
        ]
    };
    let table_rows = rows.iter().map(|r| TableRow::new(cells(r).map(Cell::from)));
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(8),
        Constraint::Fill(3),
    ];
    let table = Table::new(table_rows, widths)
        .header(TableRow::new(header).style(styles.accent))
        .block(block)
        .row_highlight_style(styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// `label  value` lines.
fn fact(label: &str, value: impl AsRef<str>) -> Line<'static> {
    Line::raw(format!("{label:<18} {}", sanitize(value.as_ref())))
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("—")
}

fn limit(value: &Option<Limit>) -> String {
    value.map_or_else(|| "—".to_string(), |l| l.to_string())
}

fn secret(state: &ProductsState, value: &Option<Secret>) -> String {
    match value {
        None => "— (not given to this key)".into(),
        Some(_) if !state.reveal => MASK.into(),
        Some(s) => s.expose().to_string(),
    }
}

fn details(state: &ProductsState, row: &Row, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    match state.product {
        Product::Vector => {
            if let Some(i) = state.vector_index(&row.id) {
                lines.push(fact("ID", &i.id));
                lines.push(fact("Region", text(&i.region)));
                lines.push(fact("Plan", text(&i.plan)));
                lines.push(fact("Similarity", text(&i.similarity_function)));
                let dims = i.dimension_count.map(|d| d.to_string()).unwrap_or_default();
                lines.push(fact("Dimensions", dims));
                lines.push(fact("Index type", text(&i.index_type)));
                lines.push(fact("Embedding model", text(&i.embedding_model)));
                lines.push(fact("REST URL", i.rest_url().unwrap_or_default()));
                lines.push(fact("Token", secret(state, &i.token)));
                lines.push(fact("Read-only token", secret(state, &i.read_only_token)));
                lines.push(fact("Max vectors", limit(&i.max_vector_count)));
                lines.push(fact("Queries / day", limit(&i.max_daily_queries)));
                lines.push(fact("Updates / day", limit(&i.max_daily_updates)));
            }
        }
        Product::Search => {
            if let Some(i) = state.search_index(&row.id) {
                lines.push(fact("ID", &i.id));
                lines.push(fact("Region", text(&i.region)));
                lines.push(fact("Plan", text(&i.plan)));
                lines.push(fact("REST URL", i.rest_url().unwrap_or_default()));
                lines.push(fact("Token", secret(state, &i.token)));
                lines.push(fact("Read-only token", secret(state, &i.read_only_token)));
                lines.push(fact("Max documents", limit(&i.max_vector_count)));
                lines.push(fact("Reranks / month", limit(&i.max_monthly_reranks)));
                lines.push(fact("Queries / day", limit(&i.max_daily_queries)));
            }
        }
        Product::QStash => {
            if let Some(q) = state.qstash_user(&row.id) {
                lines.push(fact("ID", &q.id));
                lines.push(fact("Region", text(&q.region)));
                lines.push(fact("URL", q.url()));
                lines.push(fact("State", text(&q.state)));
                lines.push(fact("Plan", text(&q.plan)));
                let budget = match q.budget {
                    Some(0) | None => "no limit".to_string(),
                    Some(b) => format!("${b} a month"),
                };
                lines.push(fact("Budget", budget));
                let pack = match q.prod_pack_enabled {
                    Some(true) => "on",
                    Some(false) => "off",
                    None => "—",
                };
                lines.push(fact("Production pack", pack));
                lines.push(fact("Token", secret(state, &q.token)));
                lines.push(fact("Read-only token", secret(state, &q.read_only_token)));
                lines.push(fact("Requests / day", limit(&q.max_requests_per_day)));
                lines.push(fact("Max message size", limit(&q.max_message_size)));
            }
        }
    }
    lines.push(Line::raw(""));
    let period = state.period().as_str();
    lines.push(Line::styled(format!("Usage · {period}"), ctx.styles.accent));
    match &state.usage {
        None if state.usage_loading.is_loading() => lines.push(Line::styled(
            format!("{} Loading…", ctx.spinner),
            ctx.styles.dim,
        )),
        None => lines.push(Line::styled("No usage loaded.", ctx.styles.dim)),
        Some(Usage::Index(s)) => lines.extend(index_usage(s)),
        Some(Usage::QStash(s)) => {
            let today = s.daily_requests.last().map(|d| d.y).unwrap_or(0.0);
            lines.push(fact("Requests (last day)", format!("{today}")));
            let dlq = s
                .dlq_message_count
                .map(|c| c.to_string())
                .unwrap_or_default();
            lines.push(fact("Dead letters", dlq));
            let bill = s
                .total_monthly_billing
                .map(|b| format!("${b:.2}"))
                .unwrap_or_default();
            lines.push(fact("Billing this month", bill));
        }
    }
    let title = format!(" {} · {} ", state.product.label(), row.name);
    frame.render_widget(
        Paragraph::new(lines)
            .block(ctx.block(title))
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn index_usage(s: &IndexStats) -> Vec<Line<'static>> {
    let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    vec![
        fact("Vectors now", n(s.current_vector_count)),
        fact("Pending", n(s.pending_index_count)),
        fact("Queries today", n(s.daily_query_count)),
        fact("Updates today", n(s.daily_update_count)),
        fact("Queries / month", n(s.monthly_query_count)),
        fact("Updates / month", n(s.monthly_update_count)),
    ]
}
