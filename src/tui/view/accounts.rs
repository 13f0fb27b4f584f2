//! The Accounts tab: a table of the connected accounts.

use super::{column_widths, spinner};
use crate::tui::app::App;
use crate::tui::keymap::Command;
use crate::tui::time_text::token_validity;
use crate::tui::view_model::AccountRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};

/// Draws the Accounts tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let state = &app.accounts;
    let loading = if state.loading.is_loading() {
        format!(" {} ", spinner(app))
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_style(app.styles.border)
        .title(Line::styled(
            if state.loaded {
                format!(" Accounts ({}) {loading}", state.rows.len())
            } else {
                format!(" Accounts {loading}")
            },
            app.styles.accent,
        ));
    if state.rows.is_empty() {
        let text = if state.loading.is_loading() {
            format!("{} Loading accounts…", spinner(app))
        } else if let Some(error) = &state.error {
            format!("Cannot list accounts: {error}")
        } else {
            let key = app
                .keymap
                .binding(Command::AddAccount)
                .and_then(|b| b.keys.first())
                .map_or_else(|| "the Connect tab".to_string(), |k| format!("{k}"));
            format!("No accounts yet. Press {key} to connect one.")
        };
        let style = if state.error.is_some() {
            app.styles.error
        } else {
            app.styles.dim
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, style))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    const HEADER: [&str; 6] = ["", "Label", "Provider", "Email", "Team", "Token"];
    let cells: Vec<[String; 6]> = state
        .rows
        .iter()
        .map(|a| {
            let active = app.active_account.as_deref() == Some(a.id.as_str());
            let token = if state.refreshing.as_deref() == Some(a.id.as_str()) {
                "refreshing…".to_string()
            } else {
                let t = token_validity(a.token_expires_at, a.needs_sign_in, app.now);
                t.strip_prefix("token ").unwrap_or(&t).to_string()
            };
            [
                format!(
                    "{}{}",
                    if active { "●" } else { " " },
                    if a.is_default { "★" } else { " " }
                ),
                a.label.clone(),
                a.provider.clone(),
                a.email.clone(),
                a.team.clone().unwrap_or_else(|| "—".into()),
                token,
            ]
        })
        .collect();
    let widths = column_widths(HEADER, &cells, 3);
    let header = Row::new(HEADER).style(app.styles.accent);
    let rows = state.rows.iter().zip(cells).map(|(a, cells)| {
        let style = if a.needs_sign_in {
            app.styles.error
        } else {
            Style::new()
        };
        let [active, label, provider, email, team, token] = cells;
        Row::new(vec![
            Cell::from(active),
            Cell::from(label),
            Cell::from(provider),
            Cell::from(email),
            Cell::from(team),
            Cell::from(token).style(style),
        ])
    });
    let block = match state.rows.get(state.selected) {
        Some(a) => block.title_bottom(Line::styled(details(a), app.styles.dim)),
        None => block,
    };
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(app.styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// The selected account's facts that do not fit a column: default mark and API key.
fn details(a: &AccountRow) -> String {
    let key = match (&a.api_key_name, a.token_expires_at) {
        (Some(name), _) => format!("key {name}"),
        (None, None) => "API key given by hand".to_string(),
        (None, Some(_)) => "no API key yet".to_string(),
    };
    let default = if a.is_default { "★ default · " } else { "" };
    format!(" {default}{key} ")
}
