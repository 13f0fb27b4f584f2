//! The Products tab's form on screen: its fields, and the exact request it will send (or why
//! it cannot be sent yet).

use super::form::{Form, FormKind};
use super::state::ProductsState;
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::layout::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Draws the open form over the tab.
pub fn render(
    state: &ProductsState,
    form: &Form,
    ctx: &ViewContext,
    frame: &mut Frame,
    area: Rect,
) {
    let styles = ctx.styles;
    let target = form
        .target
        .as_ref()
        .map_or(String::new(), |t| t.name.clone());
    let title = match form.kind {
        FormKind::Create => format!(" Create a {} index ", form.product.label()),
        FormKind::Rename => format!(" Rename {target} "),
        FormKind::Delete => format!(" Delete {target} "),
        FormKind::Transfer => format!(" Transfer {target} to a team "),
        FormKind::Plan => format!(" Plan of {target} "),
        FormKind::Budget => format!(" Monthly budget of QStash {target} (0: no limit) "),
    };
    let mut lines = Vec::new();
    if form.kind == FormKind::Delete {
        lines.push(Line::styled(
            format!("Type {target} to confirm. Its data is gone for good."),
            styles.error,
        ));
    }
    for (i, (label, input)) in form.fields.iter().enumerate() {
        let marker = if i == form.focus { "▶ " } else { "  " };
        let style = if i == form.focus {
            styles.selected
        } else {
            styles.dim
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{marker}{label:<12} ")),
            Span::styled(format!(" {} ", input.display()), style),
        ]));
    }
    lines.push(Line::raw(""));
    match (&form.error, &form.call(&state.teams)) {
        (Some(e), _) | (None, Err(e)) => lines.push(Line::styled(e.clone(), styles.error)),
        (None, Ok(call)) => {
            lines.push(Line::styled("Request:", styles.accent));
            lines.push(Line::raw(call.request_line()));
        }
    }
    lines.push(Line::raw(""));
    let key = |c: Command| ctx.key(c).unwrap_or_default();
    lines.push(Line::from(vec![
        Span::styled(key(Command::Submit), styles.accent),
        Span::raw(" sends    "),
        Span::styled(key(Command::Back), styles.accent),
        Span::raw(" cancels"),
    ]));
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| {
            let spans: Vec<Span> = l
                .spans
                .into_iter()
                .map(|s| Span::styled(sanitize(&s.content).into_owned(), s.style))
                .collect();
            Line::from(spans).style(l.style)
        })
        .collect();
    let rect = popup(area, 76, lines.len() as u16 + 4);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_style(styles.accent)
                .title(Line::styled(sanitize(&title).into_owned(), styles.accent)),
        ),
        rect,
    );
}
