//! The Backups section of a database's details: daily backups on or off, then the backups
//! (name, taken, size, state), the highlighted one marked while the section has the keys.

use super::super::state::DatabasesState;
use super::super::table::date_text;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::upstash::Database;
use ratatui::text::{Line, Span};

/// At most this many backups are listed in the details.
const SHOWN: usize = 8;

/// The section's lines for `db`.
pub fn lines<'a>(state: &DatabasesState, ctx: &ViewContext, db: &Database) -> Vec<Line<'a>> {
    let daily = match db.daily_backup_enabled {
        Some(true) => "daily on",
        Some(false) => "daily off",
        None => "daily —",
    };
    let view = state
        .backups
        .as_ref()
        .filter(|b| b.database_id == db.database_id);
    let focused = view.is_some_and(|v| v.focused);
    let title_style = if focused {
        ctx.styles.accent
    } else {
        ctx.styles.dim
    };
    let mut head = vec![
        Span::styled(format!("{:<11}", "Backups"), title_style),
        Span::raw(daily),
    ];
    if let Some(n) = view.and_then(|v| v.list.as_ref()).map(Vec::len) {
        head.push(Span::raw(format!(
            " · {n} backup{}",
            if n == 1 { "" } else { "s" }
        )));
    }
    if let Some(key) = ctx.key(Command::Backups).filter(|_| !focused) {
        head.push(Span::styled(format!(" ({key})"), ctx.styles.dim));
    }
    let mut lines = vec![Line::from(head)];
    let Some(view) = view else {
        return lines;
    };
    if let Some(name) = &view.creating {
        lines.push(Line::styled(
            format!(
                "  {} backing up as {}…",
                ctx.spinner,
                crate::output::sanitize(name)
            ),
            ctx.styles.dim,
        ));
    }
    match (&view.list, &view.error) {
        (_, Some(e)) => lines.push(Line::styled(
            format!("  cannot read backups: {}", crate::output::sanitize(e)),
            ctx.styles.error,
        )),
        (None, None) => lines.push(Line::styled(
            format!("  {} loading…", ctx.spinner),
            ctx.styles.dim,
        )),
        (Some(list), None) if list.is_empty() => {
            lines.push(Line::styled("  none yet", ctx.styles.dim));
        }
        (Some(list), None) => {
            let from = view.selected.saturating_sub(SHOWN - 1);
            for (i, b) in list.iter().enumerate().skip(from).take(SHOWN) {
                let size = b
                    .backup_size
                    .map_or_else(|| "—".into(), crate::output::size);
                let kind = if b.daily_backup == Some(true) {
                    " · daily"
                } else {
                    ""
                };
                let state_text = b.state.as_deref().unwrap_or("—");
                let text = format!(
                    "{} · {} · {size} · {}{kind}",
                    crate::output::sanitize(&b.name),
                    date_text(b.creation_time),
                    crate::output::sanitize(state_text),
                );
                if focused && i == view.selected {
                    lines.push(Line::styled(format!("▶ {text}"), ctx.styles.selected));
                } else {
                    lines.push(Line::raw(format!("  {text}")));
                }
            }
        }
    }
    lines
}
