//! Where things go on the screen: the facts that update code and views both need, so state
//! never asks the view.

use ratatui::layout::{Constraint, Layout, Rect};

/// Narrowest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 60;
/// Shortest terminal the dashboard draws in.
pub const MIN_HEIGHT: u16 = 16;

/// The rows of the frame: tabs, body, status bar, hint bar.
pub fn frame(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The body on a terminal of `size` (columns, rows): where a tab draws.
pub fn body((width, height): (u16, u16)) -> Rect {
    Rect::new(0, 1, width, height.saturating_sub(3))
}

/// Rows in one page of a list (page up/down) on a terminal of `size`.
pub fn page_rows((_, height): (u16, u16)) -> usize {
    usize::from(height.saturating_sub(8)).max(1)
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

/// The first row shown of a list `rows` high: `offset` moved just enough to show `selected`.
pub fn scroll_offset(selected: usize, offset: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}
