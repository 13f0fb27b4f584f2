//! Dialogs over the Databases tab: copy menu, rename, delete (type the name), read regions.

use super::super::dialog::{COPY_ITEMS, Dialog};
use super::super::table::DbTable;
use super::super::wizard::view::picker_lines;
use crate::tui::context::ViewContext;
use crate::tui::layout::popup;
use crate::tui::text_input::TextInput;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// A dialog's frame; its title names a database, so it is drawn sanitised.
pub(super) fn frame_for<'a>(title: String, style: Style) -> Block<'a> {
    Block::bordered().border_style(style).title(Line::styled(
        format!(" {} ", crate::output::sanitize(&title)),
        style,
    ))
}

/// One input line: "▶  value ", with the cursor after the value.
fn input_line<'a>(ctx: &ViewContext, input: &TextInput) -> Line<'a> {
    Line::from(vec![
        Span::raw("▶ "),
        Span::styled(format!(" {} ", input.display()), ctx.styles.selected),
    ])
}

/// Draws `dialog` over `area`.
pub fn render(dialog: &Dialog, table: &DbTable, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    match dialog {
        Dialog::Copy { id, cursor } => {
            let name = table
                .find(id)
                .map_or("".into(), |e| crate::output::sanitize(&e.db.database_name));
            let mut lines: Vec<Line> = COPY_ITEMS
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    if i == *cursor {
                        Line::styled(format!("▶ {}", item.label), ctx.styles.selected)
                    } else {
                        Line::raw(format!("  {}", item.label))
                    }
                })
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "enter copies via OSC 52 · esc closes",
                ctx.styles.dim,
            ));
            let rect = popup(area, 44, lines.len() as u16 + 2);
            frame.render_widget(Clear, rect);
            frame.render_widget(
                Paragraph::new(lines).block(frame_for(format!("Copy · {name}"), ctx.styles.accent)),
                rect,
            );
        }
        Dialog::Rename {
            old, input, error, ..
        } => text_dialog(
            ctx,
            frame,
            area,
            format!("Rename {old}"),
            vec![Line::raw("New name (letters, digits, '-' and '_'):")],
            input,
            error.as_deref(),
            ctx.styles.accent,
        ),
        Dialog::Delete {
            name, input, error, ..
        } => text_dialog(
            ctx,
            frame,
            area,
            format!("Delete {name}"),
            vec![
                Line::raw(format!(
                    "This deletes {name} and all its data. It cannot be undone."
                )),
                Line::styled("ctrl-b takes a backup first.", ctx.styles.dim),
                Line::raw(format!("Type {name} to confirm:")),
            ],
            input,
            error.as_deref(),
            ctx.styles.warning,
        ),
        Dialog::Regions {
            name,
            free_plan,
            picker,
            error,
            ..
        } => {
            let mut footer = Vec::new();
            if let Some(e) = error {
                footer.push(Line::styled(
                    crate::output::sanitize(e).into_owned(),
                    ctx.styles.error,
                ));
            } else if *free_plan {
                footer.push(Line::styled(
                    "free plan: at most one read region",
                    ctx.styles.dim,
                ));
            }
            footer.push(Line::styled(
                "space toggles · enter applies · esc closes",
                ctx.styles.dim,
            ));
            let list = picker_lines(ctx, picker);
            let rect = popup(area, 52, (list.len() + footer.len()) as u16 + 3);
            frame.render_widget(Clear, rect);
            let block = frame_for(format!("Read regions · {name}"), ctx.styles.accent);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let [list_area, _, footer_area] = Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(1),
                Constraint::Length(footer.len() as u16),
            ])
            .areas(inner);
            frame.render_widget(
                Paragraph::new(list).scroll((scroll_for(picker.cursor, list_area.height), 0)),
                list_area,
            );
            frame.render_widget(Paragraph::new(footer), footer_area);
        }
        // The backup dialogs draw themselves (see `backup_dialogs`).
        _ => {}
    }
}

/// Keeps the highlighted line of a list inside `height` rows.
pub(super) fn scroll_for(cursor: usize, height: u16) -> u16 {
    let rows = usize::from(height).max(1);
    cursor.saturating_sub(rows - 1) as u16
}

#[allow(clippy::too_many_arguments)]
pub(super) fn text_dialog(
    ctx: &ViewContext,
    frame: &mut Frame,
    area: Rect,
    title: String,
    text: Vec<Line>,
    input: &TextInput,
    error: Option<&str>,
    style: Style,
) {
    let footer = match error {
        Some(e) => Line::styled(crate::output::sanitize(e).into_owned(), ctx.styles.error),
        None => Line::styled("enter confirms · esc cancels", ctx.styles.dim),
    };
    let rect = popup(area, 58, text.len() as u16 + 8);
    frame.render_widget(Clear, rect);
    let block = frame_for(title, style);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // The input and the footer keep their rows; the text wraps above them.
    let [text_area, input_area, _, footer_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), text_area);
    frame.render_widget(input_line(ctx, input), input_area);
    frame.render_widget(
        Paragraph::new(footer).wrap(Wrap { trim: true }),
        footer_area,
    );
    let x = input_area.x + 3 + input.display().chars().count() as u16;
    if x < input_area.right() {
        frame.set_cursor_position((x, input_area.y));
    }
}
