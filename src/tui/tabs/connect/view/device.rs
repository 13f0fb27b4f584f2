//! The device flow's screen: where to go, the user code big and clear in a box, the address
//! with the code filled in (copied via OSC 52), and a spinner with the time left.

use super::super::state::DeviceSignIn;
use super::{block, waiting_line};
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws a device sign-in.
pub fn render(ctx: &ViewContext, view: &DeviceSignIn, frame: &mut Frame, area: Rect) {
    let outer = block(ctx, format!("Sign in to {} with a code", view.provider));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let Some(started) = &view.started else {
        let text = Line::styled(
            format!(
                "{} Asking {} for a code…",
                ctx.spinner,
                sanitize(&view.provider)
            ),
            ctx.styles.dim,
        );
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let [top, _, code, _, complete, _, bottom] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Max(3),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let top_lines = vec![
        Line::from("On your phone or another computer, open"),
        Line::styled(
            format!("  {}", sanitize(&started.verification_uri)),
            ctx.styles.accent,
        ),
        Line::from("and enter this code:"),
    ];
    frame.render_widget(Paragraph::new(top_lines), top);
    user_code(ctx, &sanitize(started.user_code.expose()), frame, code);
    let mut complete_lines = Vec::new();
    if let Some(url) = &started.verification_uri_complete {
        complete_lines.push(Line::from("Or open, code filled in (copied via OSC 52):"));
        complete_lines.push(Line::styled(
            sanitize(url.expose()).into_owned(),
            ctx.styles.accent,
        ));
    }
    frame.render_widget(
        Paragraph::new(complete_lines).wrap(Wrap { trim: false }),
        complete,
    );
    let status = waiting_line(ctx, "Waiting for approval", started.expires_at);
    frame.render_widget(Paragraph::new(status), bottom);
}

/// The user code, letters spaced out, bold, in a box centred in `area`.
fn user_code(ctx: &ViewContext, code: &str, frame: &mut Frame, area: Rect) {
    let spaced: String = code.chars().map(String::from).collect::<Vec<_>>().join(" ");
    let width = (crate::output::display_width(&spaced) as u16 + 6).min(area.width);
    let [boxed] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let widget = Paragraph::new(Line::styled(spaced, ctx.styles.accent))
        .centered()
        .block(Block::bordered().border_style(ctx.styles.border));
    frame.render_widget(widget, boxed);
}
