//! The audit log pane on screen: a table of one account's entries, newest first, and the
//! selected entry's sentence and address under it.

use super::audit::AuditPane;
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::upstash::AuditLog;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};

const HEADER: [&str; 5] = ["Time (UTC)", "Action", "Entity", "Actor", "Source"];

/// Draws the pane over the Accounts tab's body.
pub fn render(pane: &AuditPane, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let styles = ctx.styles;
    let spinner = if pane.loading.is_loading() {
        format!(" {} ", ctx.spinner)
    } else {
        String::new()
    };
    let count = if pane.loaded {
        format!(" ({})", pane.entries.len())
    } else {
        String::new()
    };
    let block = ctx.block(format!(" Audit log · {}{count} {spinner}", pane.label));
    if pane.entries.is_empty() {
        let back = ctx.key(Command::Back).unwrap_or_default();
        let (text, style) = match &pane.error {
            Some(e) => (format!("Cannot read the audit log: {e}"), styles.error),
            None if !pane.loaded => (
                format!("{} Loading the audit log…", ctx.spinner),
                styles.dim,
            ),
            None => (
                format!("No audit log entries for this account. {back} goes back."),
                styles.dim,
            ),
        };
        let text = sanitize(&text).into_owned();
        frame.render_widget(
            Paragraph::new(Line::styled(text, style))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let rows = pane.entries.iter().map(|e| {
        Row::new([
            Cell::from(e.time_utc().unwrap_or_else(|| "—".into())),
            Cell::from(sanitize(&e.action_string).into_owned()),
            Cell::from(sanitize(&e.entity).into_owned()),
            Cell::from(sanitize(&e.actor).into_owned()),
            Cell::from(sanitize(&e.source).into_owned()),
        ])
    });
    let widths = [
        Constraint::Length(19),
        Constraint::Length(22),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Fill(2),
    ];
    let block = match pane.entry() {
        Some(e) => block.title_bottom(Line::styled(details(e), styles.dim)),
        None => block,
    };
    let table = Table::new(rows, widths)
        .header(Row::new(HEADER).style(styles.accent))
        .block(block)
        .row_highlight_style(styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(pane.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// The selected entry's facts that do not fit a column: its sentence, the other things it
/// touched, where it came from.
fn details(e: &AuditLog) -> String {
    let mut parts = Vec::new();
    if !e.readable_format.is_empty() {
        parts.push(e.readable_format.clone());
    }
    let others: Vec<&str> = e.other_entities().collect();
    if !others.is_empty() {
        parts.push(others.join(" · "));
    }
    if !e.ip.is_empty() {
        parts.push(format!("from {}", e.ip));
    }
    if !e.reason.is_empty() {
        parts.push(format!("reason: {}", e.reason));
    }
    format!(" {} ", sanitize(&parts.join(" · ")))
}
