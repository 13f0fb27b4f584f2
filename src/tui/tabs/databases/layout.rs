//! Where the table and the details go and which columns fit: shared by the update (to keep
//! the selection in the table's window) and the view.

use super::table::{COLUMN_COUNT, Column};
use crate::tui::layout;
use ratatui::layout::{Constraint, Layout, Rect};

/// Terminals at least this wide show the details beside the table.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;
/// Rows of the details summary under the table on narrower terminals.
pub const SUMMARY_HEIGHT: u16 = 7;

/// Where the table and the details go in `area`: the details alone when `zoomed` (opened on
/// a database), the table alone when it is empty or the terminal is short.
pub fn split(area: Rect, zoomed: bool, empty: bool) -> (Option<Rect>, Option<Rect>) {
    if zoomed {
        return (None, Some(area));
    }
    if empty {
        return (Some(area), None);
    }
    if area.width >= SIDE_BY_SIDE_WIDTH {
        let [t, d] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Fill(1)]).areas(area);
        (Some(t), Some(d))
    } else if area.height >= 12 {
        let [t, d] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(SUMMARY_HEIGHT)]).areas(area);
        (Some(t), Some(d))
    } else {
        (Some(area), None)
    }
}

/// Rows of the table's window on a terminal of `size` (borders and header left out).
pub fn table_rows(size: (u16, u16), zoomed: bool, empty: bool) -> usize {
    let (table, _) = split(layout::body(size), zoomed, empty);
    usize::from(table.map_or(0, |t| t.height.saturating_sub(3))).max(1)
}

/// Columns in the order they are given up when space runs out (last goes first).
const PRIORITY: [Column; COLUMN_COUNT] = [
    Column::Name,
    Column::Region,
    Column::Plan,
    Column::State,
    Column::Created,
    Column::ReadRegions,
    Column::Tls,
];
/// The widest a column gets (long names and region lists are cut).
const MAX_WIDTH: [usize; COLUMN_COUNT] = [28, 11, 28, 24, 9, 3, 10];

/// Which columns fit in `width`, in display order, with their widths.
pub fn fitting_columns(widths: [usize; COLUMN_COUNT], width: usize) -> Vec<(Column, usize)> {
    let capped: [usize; COLUMN_COUNT] = std::array::from_fn(|i| widths[i].min(MAX_WIDTH[i]));
    // Highlight symbol (2) plus one space between columns.
    let mut used = 2;
    let mut keep = Vec::new();
    for column in PRIORITY {
        let w = capped[column.index()];
        let need = if keep.is_empty() { w } else { w + 1 };
        if used + need <= width || keep.is_empty() {
            used += need;
            keep.push(column);
        }
    }
    Column::ALL
        .iter()
        .filter(|c| keep.contains(c))
        .map(|c| (*c, capped[c.index()]))
        .collect()
}
