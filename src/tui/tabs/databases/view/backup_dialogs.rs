//! The backup dialogs on screen: name a backup, restore (what is overwritten, type the
//! name), the yes/no question with "take a backup first", and the plan and team choices.

use super::super::dialog::Dialog;
use super::super::table::date_text;
use super::dialogs::{frame_for, scroll_for, text_dialog};
use crate::tui::context::ViewContext;
use crate::tui::layout::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws one of these dialogs over `area` (others draw nothing here).
pub fn render(dialog: &Dialog, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    match dialog {
        Dialog::BackupName {
            name,
            input,
            error,
            then,
            ..
        } => {
            let mut text = vec![Line::raw(format!("Back up {name} now. Name the backup:"))];
            if then.is_some() {
                text.insert(
                    0,
                    Line::styled("Once it is made, you are asked again.", ctx.styles.dim),
                );
            }
            text_dialog(
                ctx,
                frame,
                area,
                format!("Back up {name}"),
                text,
                input,
                error.as_deref(),
                ctx.styles.accent,
            );
        }
        Dialog::Restore {
            name,
            backup,
            input,
            error,
            ..
        } => {
            let size = backup
                .backup_size
                .map(|s| format!(", {}", crate::output::size(s)))
                .unwrap_or_default();
            let label = crate::output::sanitize(&backup.name).into_owned();
            text_dialog(
                ctx,
                frame,
                area,
                format!("Restore {name}"),
                vec![
                    Line::raw(format!(
                        "This replaces ALL data of {name} with backup {label} (taken {}{size}).",
                        date_text(backup.creation_time)
                    )),
                    Line::raw("Keys written since then are lost. It cannot be undone."),
                    Line::raw(format!("Type {name} to restore:")),
                ],
                input,
                error.as_deref(),
                ctx.styles.warning,
            );
        }
        Dialog::Ask {
            title,
            question,
            first,
            ..
        } => {
            let mut lines = vec![
                Line::raw(crate::output::sanitize(question).into_owned()),
                Line::raw(""),
            ];
            let hint = if first.is_some() {
                "y does it · ctrl-b takes a backup first · n or esc keeps it"
            } else {
                "y does it · n or esc keeps it"
            };
            lines.push(Line::styled(hint, ctx.styles.dim));
            let rect = popup(area, 60, 8);
            frame.render_widget(Clear, rect);
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: true })
                    .block(frame_for(title.clone(), ctx.styles.warning)),
                rect,
            );
        }
        Dialog::Choice {
            title,
            items,
            cursor,
            ..
        } => {
            let list: Vec<Line> = items
                .iter()
                .enumerate()
                .map(|(i, (_, label))| {
                    let label = crate::output::sanitize(label).into_owned();
                    if i == *cursor {
                        Line::styled(format!("▶ {label}"), ctx.styles.selected)
                    } else {
                        Line::raw(format!("  {label}"))
                    }
                })
                .collect();
            let rect = popup(area, 48, list.len() as u16 + 4);
            frame.render_widget(Clear, rect);
            let block = frame_for(title.clone(), ctx.styles.accent);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let [list_area, footer] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Fill(1),
                ratatui::layout::Constraint::Length(1),
            ])
            .areas(inner);
            frame.render_widget(
                Paragraph::new(list).scroll((scroll_for(*cursor, list_area.height), 0)),
                list_area,
            );
            frame.render_widget(
                Line::styled("enter applies · esc closes", ctx.styles.dim),
                footer,
            );
        }
        _ => {}
    }
}
