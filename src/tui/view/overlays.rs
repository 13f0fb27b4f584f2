//! Modal overlays: the help generated from the key map, and yes/no questions.

use crate::tui::app::{App, Confirmation, RenameDialog};
use crate::tui::keymap::{Command, KeyContext};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

const HELP_WIDTH: u16 = 64;

/// The lines of the help for `context`: its own keys, then the global ones under
/// "Everywhere"; write actions are left out when read-only.
fn help_lines(app: &App, context: KeyContext) -> Vec<Line<'static>> {
    let entries = app.keymap.help_entries(context, app.read_only);
    let key_width = entries
        .iter()
        .map(|e| e.keys.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    let mut in_global = false;
    for entry in &entries {
        if entry.global && !in_global {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(KeyContext::Global.title(), app.styles.accent));
            in_global = true;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<key_width$}", entry.keys), app.styles.accent),
            Span::raw(entry.description),
        ]));
    }
    if app.read_only {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Read-only: write actions are hidden.",
            app.styles.dim,
        ));
    }
    lines
}

/// The body area for a terminal of the app's size (below the tabs, above the two bars).
fn body_area(app: &App) -> Rect {
    let (w, h) = app.size;
    Rect::new(0, 1, w, h.saturating_sub(3))
}

/// How far the help for `context` can scroll at the app's terminal size.
pub fn help_max_scroll(app: &App, context: KeyContext) -> u16 {
    let lines = help_lines(app, context).len() as u16;
    let rect = popup(body_area(app), HELP_WIDTH, lines.saturating_add(2));
    lines.saturating_sub(rect.height.saturating_sub(2))
}

/// The help overlay, scrolled by `scroll` lines.
pub fn help(app: &App, context: KeyContext, scroll: u16, frame: &mut Frame, area: Rect) {
    let lines = help_lines(app, context);
    let rect = popup(area, HELP_WIDTH, lines.len() as u16 + 2);
    let max = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let first_key = |c: Command| {
        app.keymap
            .binding(c)
            .and_then(|b| b.keys.first())
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let footer = if max > 0 {
        format!(
            " {}/{} scroll · {} closes ",
            first_key(Command::Down),
            first_key(Command::Up),
            first_key(Command::CloseHelp)
        )
    } else {
        format!(" {} closes ", first_key(Command::CloseHelp))
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(max), 0)).block(
            Block::bordered()
                .border_style(app.styles.accent)
                .title(Line::styled(
                    format!(" Keys: {} ", context.title()),
                    app.styles.accent,
                ))
                .title_bottom(Line::styled(footer, app.styles.dim).right_aligned()),
        ),
        rect,
    );
}

/// A yes/no question.
pub fn confirm(app: &App, confirm: &Confirmation, frame: &mut Frame, area: Rect) {
    let keys = |c: Command| {
        app.keymap
            .binding(c)
            .map(|b| b.keys_label())
            .unwrap_or_default()
    };
    let lines = vec![
        Line::raw(confirm.question.clone()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(keys(Command::Yes), app.styles.accent),
            Span::raw(" yes    "),
            Span::styled(keys(Command::No), app.styles.accent),
            Span::raw(" no"),
        ]),
    ];
    let rect = popup(area, 56, 8);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(app.styles.warning)
                .title(Line::styled(
                    format!(" {} ", confirm.title),
                    app.styles.warning,
                )),
        ),
        rect,
    );
}

/// The rename dialog: the label being typed, why it was refused, and the keys.
pub fn rename(app: &App, dialog: &RenameDialog, frame: &mut Frame, area: Rect) {
    let keys = |c: Command| {
        app.keymap
            .binding(c)
            .and_then(|b| b.keys.first())
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let mut lines = vec![
        Line::raw("New label:"),
        Line::from(vec![
            Span::raw("▶ "),
            Span::styled(format!(" {} ", dialog.input.display()), app.styles.selected),
        ]),
    ];
    match &dialog.error {
        Some(error) => lines.push(Line::styled(error.clone(), app.styles.error)),
        None => lines.push(Line::raw("")),
    }
    lines.push(Line::from(vec![
        Span::styled(keys(Command::Submit), app.styles.accent),
        Span::raw(" saves    "),
        Span::styled(keys(Command::Back), app.styles.accent),
        Span::raw(" cancels"),
    ]));
    let current = app
        .accounts
        .rows
        .iter()
        .find(|a| a.id == dialog.account_id)
        .map_or("account", |a| a.label.as_str());
    let rect = popup(area, 56, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(app.styles.accent).title(
            Line::styled(format!(" Rename {current} "), app.styles.accent),
        )),
        rect,
    );
    let x = rect.x + 4 + dialog.input.display().chars().count() as u16;
    if x < rect.right().saturating_sub(1) && rect.height > 3 {
        frame.set_cursor_position((x, rect.y + 2));
    }
}
