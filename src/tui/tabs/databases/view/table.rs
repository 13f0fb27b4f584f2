//! The databases table: only the rows in the window are built, only the columns that fit;
//! the sorted column shows its direction.

use super::super::layout::fitting_columns;
use super::super::state::DatabasesState;
use super::super::table::Column;
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use crate::tui::layout::scroll_offset;
use crate::tui::tab_state::TabState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Paragraph, Row, Table, TableState};

/// Draws the table into `area`.
pub fn render(state: &DatabasesState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let table = &state.table;
    let account = ctx.active_account.map_or("", |a| a.label.as_str());
    let mut title = format!(
        " Databases of {account} · {} of {} ",
        table.visible().len(),
        table.total()
    );
    if !state.teams.is_empty() {
        let names: Vec<&str> = state.teams.iter().map(|t| t.team_name.as_str()).collect();
        // (The title is sanitised by the block.)
        title.push_str(&format!("· teams: {} ", names.join(", ")));
    }
    if state.busy() {
        title.push_str(&format!("{} ", ctx.spinner));
    }
    let mut block = ctx.block(title);
    if state.filtering || !state.filter.is_empty() {
        let style = if state.filtering {
            ctx.styles.selected
        } else {
            ctx.styles.accent
        };
        block = block.title_bottom(Line::from(vec![
            Span::styled(" /", ctx.styles.accent),
            Span::styled(format!("{} ", sanitize(state.filter.value())), style),
        ]));
    }
    let inner = block.inner(area);
    if state.filtering {
        let x = inner.x + 2 + state.filter.value().chars().count() as u16;
        if x < inner.right() {
            frame.set_cursor_position((x, area.bottom().saturating_sub(1)));
        }
    }
    if table.visible().is_empty() {
        let text = if table.total() == 0 {
            "This account has no databases yet. Press c to create one.".to_string()
        } else {
            format!("No database matches /{}", sanitize(state.filter.value()))
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, ctx.styles.dim)).block(block),
            area,
        );
        return;
    }
    let columns = fitting_columns(table.widths(), usize::from(inner.width));
    let sort = table.sort();
    let header = Row::new(columns.iter().map(|(c, _)| match sort {
        Some((s, desc)) if s == *c => format!("{} {}", c.title(), if desc { "▼" } else { "▲" }),
        _ => c.title().to_string(),
    }))
    .style(ctx.styles.accent);
    let rows_shown = usize::from(inner.height.saturating_sub(1)).max(1);
    let offset = scroll_offset(state.selected, state.offset, rows_shown);
    let window = table
        .visible()
        .iter()
        .skip(offset)
        .take(rows_shown)
        .filter_map(|r| table.rows().get(*r));
    let rows =
        window.map(|entry| Row::new(columns.iter().map(|(c, _)| entry.cells[c.index()].as_str())));
    let widths = columns.iter().map(|(c, w)| {
        if *c == Column::Name {
            Constraint::Min(*w as u16)
        } else {
            Constraint::Length(*w as u16)
        }
    });
    let widget = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(ctx.styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(state.selected - offset));
    frame.render_stateful_widget(widget, area, &mut table_state);
}
