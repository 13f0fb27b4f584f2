//! The Data tab on screen: the key list with the selected key's value beside it (wide
//! terminals), the value alone when it fills the tab, the command line and the big keys
//! as panels, and the pattern, forms, review and bulk delete as dialogs. Every key name
//! and value passes through the one sanitiser before it is drawn.

mod dialogs;
mod keys;
mod panels;
mod value;

use super::layout::split;
use super::state::{DataState, Mode};
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::tab::Tab;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Data tab.
pub fn render(state: &DataState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let Some(open) = &state.open else {
        placeholder(ctx, frame, area);
        return;
    };
    match open.mode {
        Mode::Console => return panels::console(open, ctx, frame, area),
        Mode::BigKeys => return panels::big_keys(open, ctx, frame, area),
        _ => {}
    }
    let (keys_area, value_area) = split(area, open.zoomed && open.value.is_some());
    if let Some(a) = keys_area {
        keys::render(state, open, ctx, frame, a);
    }
    if let Some(a) = value_area {
        value::render(open, ctx, frame, a, open.zoomed);
    }
}

/// Draws the dialog over the tab, if one is open.
pub fn render_popup(state: &DataState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let Some(open) = &state.open else { return };
    match &open.mode {
        Mode::Pattern(input) => dialogs::pattern(input, ctx, frame, area),
        Mode::Form(form) => dialogs::form(form, ctx, frame, area),
        Mode::Review(review) => dialogs::review(open, review, ctx, frame, area),
        Mode::Bulk => dialogs::bulk(open, ctx, frame, area),
        _ => {}
    }
}

/// The title of the tab's panes: the database and its account.
pub fn title(open: &super::state::Open, ctx: &ViewContext) -> String {
    let db = crate::output::sanitize(&open.database_name).into_owned();
    match ctx.active_account {
        Some(a) => format!("{db} · {}", crate::output::sanitize(&a.label)),
        None => db,
    }
}

fn placeholder(ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let key = |c: Command| ctx.key(c).unwrap_or_default();
    let text = format!(
        "No database open. In {} ({}), press {} on a database to browse its keys and values here.",
        Tab::Databases.title(),
        key(Command::GoTo(Tab::Databases)),
        key(Command::BrowseData),
    );
    frame.render_widget(
        Paragraph::new(Line::styled(text, ctx.styles.dim))
            .wrap(Wrap { trim: true })
            .block(ctx.block(" Data ")),
        area,
    );
}
