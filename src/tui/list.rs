//! Moving a list selection with the movement commands.

use super::keymap::Command;

/// Moves a list selection for a movement command; returns whether `command` was one.
pub fn move_selection(selected: &mut usize, len: usize, command: Command, page: usize) -> bool {
    let last = len.saturating_sub(1);
    *selected = match command {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (*selected + 1).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        Command::PageUp => selected.saturating_sub(page),
        Command::PageDown => (*selected + page).min(last),
        _ => return false,
    };
    true
}
