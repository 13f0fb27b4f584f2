//! The Databases tab: the table with the selected database's details beside it (wide
//! terminals) or below it, the details alone when opened, the wizard, and the dialogs.

mod details;
pub(super) mod dialogs;
mod table;

pub use table::{list_rows, scroll_offset};

use super::spinner;
use crate::tui::app::{App, Place};
use crate::tui::keymap::Command;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Terminals at least this wide show the details beside the table.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;
/// Rows of the details summary under the table on narrower terminals.
pub const SUMMARY_HEIGHT: u16 = 7;

/// Where the table and the details go in the tab's `area`.
pub fn split(app: &App, area: Rect) -> (Option<Rect>, Option<Rect>) {
    let state = &app.databases;
    if state.zoomed && state.selected_database().is_some() {
        return (None, Some(area));
    }
    if state.table.total() == 0 {
        return (Some(area), None);
    }
    if area.width >= SIDE_BY_SIDE_WIDTH {
        let [t, d] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Fill(1)]).areas(area);
        (Some(t), Some(d))
    } else if area.height >= 12 {
        let [t, d] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(SUMMARY_HEIGHT)]).areas(area);
        (Some(t), Some(d))
    } else {
        (Some(area), None)
    }
}

/// Draws the Databases tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let state = &app.databases;
    if let Some(wizard) = &state.wizard {
        super::wizard::render(app, wizard, frame, area);
    } else if app.active_account().is_none() || !state.loaded {
        placeholder(app, frame, area);
    } else {
        let (table_area, details_area) = split(app, area);
        if let Some(t) = table_area {
            table::render(app, frame, t);
        }
        if let Some(d) = details_area {
            details::render(app, frame, d, state.zoomed);
        }
    }
    if let Some(dialog) = &state.dialog {
        dialogs::render(app, dialog, frame, area);
    }
}

/// Before the first list: no account, loading, or the first load failed.
fn placeholder(app: &App, frame: &mut Frame, area: Rect) {
    let state = &app.databases;
    let account = app.active_account();
    let title = match account {
        Some(a) => format!(" Databases of {} ", a.label),
        None => " Databases ".to_string(),
    };
    let block = Block::bordered()
        .border_style(app.styles.border)
        .title(Line::styled(title, app.styles.accent));
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
    } else if let Some(error) = &state.error {
        (format!("Cannot list databases: {error}"), app.styles.error)
    } else {
        (
            format!("{} Loading databases…", spinner(app)),
            app.styles.dim,
        )
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text, style))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}
