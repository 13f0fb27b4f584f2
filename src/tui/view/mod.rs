//! Rendering: a pure function of the app state (no I/O, no clock; time comes from `App::now`).

mod accounts;
mod chrome;
mod connect;
mod databases;
mod overlays;
mod wizard;

use databases::dialogs as databases_dialogs;
pub use databases::{list_rows as databases_list_rows, scroll_offset};

pub use overlays::help_max_scroll;
mod toasts;

use super::app::{App, Overlay, Place};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Narrowest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 60;
/// Shortest terminal the dashboard draws in.
pub const MIN_HEIGHT: u16 = 16;

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// Table column widths: each column as wide as its widest cell, except `fill`, which takes
/// the rest (and is the one squeezed on narrow terminals).
pub(crate) fn column_widths<const N: usize>(
    header: [&str; N],
    rows: &[[String; N]],
    fill: usize,
) -> [Constraint; N] {
    std::array::from_fn(|i| {
        if i == fill {
            return Constraint::Fill(1);
        }
        let widest = rows
            .iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0);
        Constraint::Length(widest as u16)
    })
}

/// The spinner glyph for the app's current frame.
pub(crate) fn spinner(app: &App) -> &'static str {
    SPINNER[app.spinner_frame % SPINNER.len()]
}

/// Draws the whole dashboard.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(app, frame, header);
    match app.place {
        Place::Connect => connect::render(app, frame, body),
        Place::Accounts => accounts::render(app, frame, body),
        Place::Databases => databases::render(app, frame, body),
    }
    chrome::status_bar(app, frame, status);
    chrome::hint_bar(app, frame, hints);
    toasts::render(app, frame, body);
    match &app.overlay {
        Some(Overlay::Help { context, scroll }) => {
            overlays::help(app, *context, *scroll, frame, body)
        }
        Some(Overlay::Confirm(confirm)) => overlays::confirm(app, confirm, frame, body),
        Some(Overlay::Rename(dialog)) => overlays::rename(app, dialog, frame, body),
        None => {}
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
