//! Where the Data tab's panes go, as facts both the update (page sizes, which keys are
//! shown) and the view read: the key list beside the value on wide terminals, the key list
//! alone on narrow ones, the value alone when it fills the tab.

use crate::tui::layout;
use ratatui::layout::{Constraint, Layout, Rect};

/// The narrowest terminal that shows the value beside the keys.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;
/// Lines of the value's header (type line, time-to-live line).
pub const VALUE_HEADER_LINES: u16 = 2;

/// Whether the value sits beside the keys on a terminal of `size`.
pub fn side_by_side(size: (u16, u16)) -> bool {
    size.0 >= SIDE_BY_SIDE_WIDTH
}

/// The key list's and the value's areas in the body `area` (the terminal's width).
pub fn split(area: Rect, zoomed: bool) -> (Option<Rect>, Option<Rect>) {
    if zoomed {
        return (None, Some(area));
    }
    if !side_by_side((area.width, area.height)) {
        return (Some(area), None);
    }
    let [keys, value] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    (Some(keys), Some(value))
}

/// Key rows shown (borders and the column header left out).
pub fn key_rows(size: (u16, u16)) -> usize {
    usize::from(layout::body(size).height.saturating_sub(3)).max(1)
}

/// The value's area on a terminal of `size`.
pub fn value_area(size: (u16, u16), zoomed: bool) -> Option<Rect> {
    split(layout::body(size), zoomed).1
}

/// Rows of the value's body (borders and header left out).
pub fn value_rows(size: (u16, u16), zoomed: bool) -> usize {
    let height = value_area(size, zoomed).map_or(0, |a| a.height);
    usize::from(height.saturating_sub(2 + VALUE_HEADER_LINES + 1)).max(1)
}

/// Columns inside the value's borders.
pub fn value_width(size: (u16, u16), zoomed: bool) -> usize {
    usize::from(value_area(size, zoomed).map_or(0, |a| a.width.saturating_sub(2))).max(1)
}

/// Bytes per hex dump row in a value `width` columns wide.
pub fn hex_per_row(width: usize) -> usize {
    if width >= 78 { 16 } else { 8 }
}
