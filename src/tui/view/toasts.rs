//! Toasts in the bottom-right corner of the body, newest lowest.

use crate::tui::app::App;
use crate::tui::toast::ToastKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;

/// Draws the visible toasts over the body's bottom border.
pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let toasts: Vec<_> = app.toasts.iter().collect();
    let max_width = body.width.saturating_sub(4);
    let mut y = body.bottom().saturating_sub(1);
    for toast in toasts.iter().rev() {
        if y <= body.y + 1 {
            break;
        }
        y -= 1;
        let (icon, style) = match toast.kind {
            ToastKind::Info => ("ℹ", app.styles.accent),
            ToastKind::Success => ("✔", app.styles.success),
            ToastKind::Error => ("✖", app.styles.error),
        };
        let text = format!(" {icon} {} ", toast.text);
        let width = (crate::output::display_width(&text) as u16).min(max_width);
        let area = Rect::new(body.right().saturating_sub(width + 2), y, width, 1);
        frame.render_widget(Clear, area);
        frame.render_widget(
            Line::styled(text, style.add_modifier(ratatui::style::Modifier::REVERSED)),
            area,
        );
    }
}
