//! The Databases tab on screen: the table with the selected database's details beside it
//! (wide terminals) or below it, the details alone when opened, the wizard, and the dialogs.

mod backup_dialogs;
mod backups;
mod details;
mod dialogs;
mod table;

use super::layout::split;
use super::state::DatabasesState;
use super::wizard::view as wizard;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::tab::Tab;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Databases tab.
pub fn render(state: &DatabasesState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    if let Some(w) = &state.wizard {
        wizard::render(w, &state.table, ctx, frame, area);
    } else if ctx.active_account.is_none() || !state.loaded {
        placeholder(state, ctx, frame, area);
    } else {
        let (table_area, details_area) =
            split(area, state.details_zoomed(), state.table.total() == 0);
        if let Some(t) = table_area {
            table::render(state, ctx, frame, t);
        }
        if let Some(d) = details_area {
            details::render(state, ctx, frame, d, state.zoomed);
        }
    }
    if let Some(dialog) = &state.dialog {
        dialogs::render(dialog, &state.table, ctx, frame, area);
        backup_dialogs::render(dialog, ctx, frame, area);
    }
}

/// Before the first list: no account, loading, or the first load failed.
fn placeholder(state: &DatabasesState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let styles = ctx.styles;
    let title = match ctx.active_account {
        Some(a) => format!(" Databases of {} ", a.label),
        None => " Databases ".to_string(),
    };
    let block = ctx.block(title);
    let (text, style) = if ctx.active_account.is_none() {
        let key = ctx
            .key(Command::GoTo(Tab::Accounts))
            .map_or(String::new(), |k| format!(" ({k})"));
        let accounts = Tab::Accounts.title();
        (
            format!("No account chosen. Pick one in {accounts}{key}."),
            styles.dim,
        )
    } else if let Some(error) = &state.error {
        (format!("Cannot list databases: {error}"), styles.error)
    } else {
        (format!("{} Loading databases…", ctx.spinner), styles.dim)
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text, style))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}
