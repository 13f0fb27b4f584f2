//! The Accounts tab on screen: a table of the connected accounts, and the rename dialog.

use super::state::{AccountsState, RenameDialog};
use crate::output::{display_width, sanitize};
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::layout::popup;
use crate::tui::time_text::token_validity;
use crate::tui::view_model::AccountRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Clear, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap,
};

const HEADER: [&str; 6] = ["", "Label", "Provider", "Email", "Team", "Token"];

/// Draws the Accounts tab.
pub fn render(state: &AccountsState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let styles = ctx.styles;
    let loading = if state.loading.is_loading() {
        format!(" {} ", ctx.spinner)
    } else {
        String::new()
    };
    let title = if state.loaded {
        format!(" Accounts ({}) {loading}", state.rows.len())
    } else {
        format!(" Accounts {loading}")
    };
    let block = ctx.block(title);
    if state.rows.is_empty() {
        let text = if state.loading.is_loading() {
            format!("{} Loading accounts…", ctx.spinner)
        } else if let Some(error) = &state.error {
            format!("Cannot list accounts: {error}")
        } else {
            let key = ctx
                .key(Command::AddAccount)
                .unwrap_or_else(|| "the Connect tab".to_string());
            format!("No accounts yet. Press {key} to connect one.")
        };
        let style = if state.error.is_some() {
            styles.error
        } else {
            styles.dim
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, style))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let active = ctx.active_account.map(|a| a.id.as_str());
    let cells: Vec<[String; 6]> = state
        .rows
        .iter()
        .map(|a| {
            let token = if state.refreshing.as_deref() == Some(a.id.as_str()) {
                "refreshing…".to_string()
            } else {
                let t = token_validity(a.token_expires_at, a.needs_sign_in, ctx.now);
                t.strip_prefix("token ").unwrap_or(&t).to_string()
            };
            [
                format!(
                    "{}{}",
                    if active == Some(a.id.as_str()) {
                        "●"
                    } else {
                        " "
                    },
                    if a.is_default { "★" } else { " " }
                ),
                sanitize(&a.label).into_owned(),
                sanitize(&a.provider).into_owned(),
                sanitize(&a.email).into_owned(),
                a.team
                    .as_deref()
                    .map_or_else(|| "—".into(), |t| sanitize(t).into_owned()),
                token,
            ]
        })
        .collect();
    let widths = column_widths(&cells, 3);
    let rows = state.rows.iter().zip(cells).map(|(a, cells)| {
        let style = if a.needs_sign_in {
            styles.error
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
        Some(a) => block.title_bottom(Line::styled(details(a), styles.dim)),
        None => block,
    };
    let table = Table::new(rows, widths)
        .header(Row::new(HEADER).style(styles.accent))
        .block(block)
        .row_highlight_style(styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// Each column as wide as its widest cell, except `fill`, which takes the rest (and is the
/// one squeezed on narrow terminals).
fn column_widths(rows: &[[String; 6]], fill: usize) -> [Constraint; 6] {
    std::array::from_fn(|i| {
        if i == fill {
            return Constraint::Fill(1);
        }
        let widest = rows
            .iter()
            .map(|r| display_width(&r[i]))
            .chain([display_width(HEADER[i])])
            .max()
            .unwrap_or(0);
        Constraint::Length(widest as u16)
    })
}

/// The selected account's facts that do not fit a column: default mark and API key.
fn details(a: &AccountRow) -> String {
    // Only a minted key has a name; a key without one was given by hand (an account added
    // with a key keeps it through later browser sign-ins, so the sign-in does not tell).
    let key = match (&a.api_key_name, a.has_api_key) {
        (Some(name), _) => format!("key {}", sanitize(name)),
        (None, true) => "API key given by hand".to_string(),
        (None, false) => "no API key yet".to_string(),
    };
    let default = if a.is_default { "★ default · " } else { "" };
    format!(" {default}{key} ")
}

/// The rename dialog: the label being typed, why it was refused, and the keys.
pub fn rename(
    state: &AccountsState,
    dialog: &RenameDialog,
    ctx: &ViewContext,
    frame: &mut Frame,
    area: Rect,
) {
    let styles = ctx.styles;
    let key = |c: Command| ctx.key(c).unwrap_or_default();
    let mut lines = vec![
        Line::raw("New label:"),
        Line::from(vec![
            Span::raw("▶ "),
            Span::styled(format!(" {} ", dialog.input.display()), styles.selected),
        ]),
    ];
    match &dialog.error {
        Some(error) => lines.push(Line::styled(sanitize(error).into_owned(), styles.error)),
        None => lines.push(Line::raw("")),
    }
    lines.push(Line::from(vec![
        Span::styled(key(Command::Submit), styles.accent),
        Span::raw(" saves    "),
        Span::styled(key(Command::Back), styles.accent),
        Span::raw(" cancels"),
    ]));
    let current = state
        .row(&dialog.account_id)
        .map_or("account".into(), |a| sanitize(&a.label));
    let rect = popup(area, 56, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(styles.accent)
                .title(Line::styled(format!(" Rename {current} "), styles.accent)),
        ),
        rect,
    );
    let x = rect.x + 4 + dialog.input.display().chars().count() as u16;
    if x < rect.right().saturating_sub(1) && rect.height > 3 {
        frame.set_cursor_position((x, rect.y + 2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    fn row(name: Option<&str>, has_key: bool, expires: Option<OffsetDateTime>) -> AccountRow {
        AccountRow {
            id: "a".into(),
            label: "a".into(),
            provider: "upstash".into(),
            email: "a@example.com".into(),
            team: None,
            token_expires_at: expires,
            needs_sign_in: false,
            is_default: false,
            api_key_name: name.map(str::to_string),
            has_api_key: has_key,
        }
    }

    #[test]
    fn the_key_label_follows_the_key_not_the_sign_in() {
        let signed_in = Some(OffsetDateTime::UNIX_EPOCH);
        assert_eq!(details(&row(Some("K1"), true, signed_in)), " key K1 ");
        // Added with a key, then signed in through the browser: the key is still there.
        assert_eq!(
            details(&row(None, true, signed_in)),
            " API key given by hand "
        );
        assert_eq!(details(&row(None, true, None)), " API key given by hand ");
        // Secrets cleared (revoked sign-in): no key, and no token either.
        assert_eq!(details(&row(None, false, None)), " no API key yet ");
        assert_eq!(details(&row(None, false, signed_in)), " no API key yet ");
    }
}
