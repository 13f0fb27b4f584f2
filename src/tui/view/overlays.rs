//! Modal overlays: the help generated from the key map, and yes/no questions.

use crate::tui::app::{App, Confirmation};
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

/// The keys of `context` (its own, then the global ones), without write actions when
/// read-only.
pub fn help(app: &App, context: KeyContext, frame: &mut Frame, area: Rect) {
    let entries = app.keymap.help_entries(context, app.read_only);
    let key_width = entries
        .iter()
        .map(|e| e.keys.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    let mut section = None;
    for entry in &entries {
        let title = if entry.global {
            KeyContext::Global.title()
        } else {
            context.title()
        };
        if section != Some(title) {
            if section.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(title, app.styles.accent));
            section = Some(title);
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
    let close = app
        .keymap
        .binding(Command::CloseHelp)
        .map(|b| b.keys_label())
        .unwrap_or_default();
    let width = 64;
    let height = lines.len() as u16 + 2;
    let rect = popup(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(app.styles.accent)
                .title(Line::styled(
                    format!(" Keys: {} ", context.title()),
                    app.styles.accent,
                ))
                .title_bottom(
                    Line::styled(format!(" {close} closes "), app.styles.dim).right_aligned(),
                ),
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
