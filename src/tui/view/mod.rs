//! Rendering: a pure function of the app state (no I/O, no clock; time comes from `App::now`).
//! The frame, the toasts and the overlays are drawn here; the body is the shown tab's view.

mod chrome;
mod overlays;
mod toasts;

use super::app::App;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::overlay::Overlay;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the whole dashboard.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    let [header, body, status, hints] = layout::frame(area);
    let ctx = app.view_context();
    let tab = app.tabs.get(app.tab);
    chrome::header(app, frame, header);
    // Locked credentials: the tab has nothing true to show until they are unlocked.
    if !app.locked() {
        tab.render(&ctx, frame, body);
    }
    chrome::status_bar(app, frame, status);
    chrome::hint_bar(app, frame, hints);
    toasts::render(app, frame, body);
    tab.render_popup(&ctx, frame, body);
    match &app.overlay {
        Some(Overlay::Help { context, scroll }) => {
            overlays::help(app, *context, *scroll, frame, body)
        }
        Some(Overlay::Confirm(confirm)) => overlays::confirm(app, confirm, frame, body),
        Some(Overlay::Unlock(prompt)) => overlays::unlock(app, prompt, frame, body),
        None => {}
    }
    scrub(frame.buffer_mut());
}

/// The last line of defence: every view sanitises what it draws (so an escape shows as
/// `\u{202e}`), and anything a view missed is dropped here, cell by cell, before it can reach
/// the terminal. ratatui already drops control characters; zero-width and bidi characters
/// it appends to the previous cell, where they would reorder or shift the line.
fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if let std::borrow::Cow::Owned(visible) = crate::output::strip_escapable(cell.symbol()) {
            let symbol = if visible.is_empty() {
                " "
            } else {
                visible.as_str()
            };
            cell.set_symbol(symbol);
        }
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled(
            format!("Terminal too small: {}x{}", area.width, area.height),
            app.styles.warning,
        ),
        Line::raw(format!("need {MIN_WIDTH}x{MIN_HEIGHT}")),
        Line::styled("enlarge the window, or press q to quit", app.styles.dim),
    ];
    let height = (lines.len() as u16).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    frame.render_widget(Paragraph::new(lines).centered(), middle);
}
