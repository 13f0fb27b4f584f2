//! The overlays on screen: the help generated from the key map, yes/no questions, and the
//! passphrase dialog.

use crate::tui::app::App;
use crate::tui::keymap::{Command, KeyContext};
use crate::tui::layout::popup;
use crate::tui::overlay::{Confirmation, HelpLine, UnlockPrompt, help_area, help_lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The help overlay, scrolled by `scroll` lines.
pub fn help(app: &App, context: KeyContext, scroll: u16, frame: &mut Frame, area: Rect) {
    let styles = &app.styles;
    let help = help_lines(&app.keymap, context, app.read_only);
    let key_width = help
        .iter()
        .map(|l| match l {
            HelpLine::Keys(keys, _) => keys.chars().count(),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        + 2;
    let lines: Vec<Line> = help
        .into_iter()
        .map(|l| match l {
            HelpLine::Keys(keys, description) => Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}"), styles.accent),
                Span::raw(description),
            ]),
            HelpLine::Heading(text) => Line::styled(text, styles.accent),
            HelpLine::Blank => Line::raw(""),
            HelpLine::Note(text) => Line::styled(text, styles.dim),
        })
        .collect();
    let rect = help_area(area, lines.len());
    let max = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let first_key = |c: Command| app.view_context().key(c).unwrap_or_default();
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

/// The passphrase dialog: why it shows, the masked input, what went wrong, the keys.
pub fn unlock(app: &App, prompt: &UnlockPrompt, frame: &mut Frame, area: Rect) {
    let styles = &app.styles;
    let mut keys = Vec::new();
    for (key, label) in app.keymap.hints(KeyContext::Unlock, false) {
        keys.push(Span::styled(key, styles.accent));
        keys.push(Span::raw(format!(" {label}    ")));
    }
    let status = match (&prompt.pending, &prompt.error) {
        (Some(_), _) => Line::styled(
            format!("{} Checking the passphrase…", app.view_context().spinner),
            styles.dim,
        ),
        (None, Some(error)) => Line::styled(error.clone(), styles.error),
        (None, None) => Line::raw(""),
    };
    let lines = vec![
        Line::raw("The credentials are sealed with a passphrase."),
        Line::raw("Type it to unlock them for this session."),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Passphrase: ", styles.accent),
            Span::raw(prompt.input.display()),
            Span::styled("▏", styles.accent),
        ]),
        status,
        Line::raw(""),
        Line::from(keys),
    ];
    let rect = popup(area, 56, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_style(styles.accent)
                .title(Line::styled(" Unlock the credentials ", styles.accent)),
        ),
        rect,
    );
}
