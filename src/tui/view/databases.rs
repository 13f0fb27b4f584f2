//! The Databases tab: the active account's databases, whatever rows it has.

use super::{column_widths, spinner};
use crate::tui::app::{App, Place};
use crate::tui::keymap::Command;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};

/// Draws the Databases tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let state = &app.databases;
    let account = app.active_account();
    let title = match account {
        Some(a) => format!(" Databases of {} ({}) ", a.label, state.rows.len()),
        None => " Databases ".to_string(),
    };
    let loading = if state.loading.is_loading() {
        format!("{} ", spinner(app))
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_style(app.styles.border)
        .title(Line::styled(format!("{title}{loading}"), app.styles.accent));
    if state.rows.is_empty() {
        let (text, style) = if account.is_none() {
            let key = app
                .keymap
                .binding(Command::GoAccounts)
                .and_then(|b| b.keys.first())
                .map_or(String::new(), |k| format!(" ({k})"));
            (
                format!(
                    "No account chosen. Pick one in {}{key}.",
                    Place::Accounts.title()
                ),
                app.styles.dim,
            )
        } else if state.loading.is_loading() {
            (
                format!("{} Loading databases…", spinner(app)),
                app.styles.dim,
            )
        } else if let Some(error) = &state.error {
            (format!("Cannot list databases: {error}"), app.styles.error)
        } else {
            (
                "This account has no databases yet.".to_string(),
                app.styles.dim,
            )
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, style))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    const HEADER: [&str; 5] = ["Name", "Region", "State", "Plan", "Id"];
    let cells: Vec<[String; 5]> = state
        .rows
        .iter()
        .map(|d| {
            [
                d.name.clone(),
                d.region.clone(),
                d.state.clone(),
                d.plan.clone(),
                d.id.clone(),
            ]
        })
        .collect();
    let widths = column_widths(HEADER, &cells, 0);
    let header = Row::new(HEADER).style(app.styles.accent);
    let rows = cells.into_iter().map(Row::new);
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(app.styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}
