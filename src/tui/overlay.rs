//! Layers the app draws over the tab; each takes every key: the help, generated from the key
//! map, yes/no questions a tab asked, and the passphrase dialog of locked credentials.

use super::keymap::{Command, KeyContext, KeyMap};
use super::layout;
use super::request::RequestId;
use super::tab::Tab;
use super::text_input::TextInput;
use ratatui::layout::Rect;

/// A layer over the tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the context help was opened from.
    Help {
        /// The context whose keys are listed.
        context: KeyContext,
        /// First line shown (the list scrolls on short terminals).
        scroll: u16,
    },
    /// A yes/no question before a destructive action.
    Confirm(Confirmation),
    /// The credentials are sealed with a passphrase and locked: nothing loads until it is
    /// typed (Esc quits).
    Unlock(UnlockPrompt),
}

/// The passphrase dialog: a masked input, what went wrong last, and the check under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlockPrompt {
    /// The passphrase as typed (shown as bullets).
    pub input: TextInput,
    /// Why the last try failed ("wrong passphrase"), shown under the input.
    pub error: Option<String>,
    /// The unlock being checked (Argon2 takes a moment); typing waits for its answer.
    pub pending: Option<RequestId>,
}

impl Default for UnlockPrompt {
    fn default() -> Self {
        Self {
            input: TextInput::new(true),
            error: None,
            pending: None,
        }
    }
}

/// A yes/no question and the tab that hears the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// Title of the dialog.
    pub title: String,
    /// The question, naming what is affected.
    pub question: String,
    /// The tab that asked.
    pub owner: Tab,
}

/// Width of the help overlay.
pub const HELP_WIDTH: u16 = 64;

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A key binding: its keys ("j/↓") and what they do.
    Keys(String, &'static str),
    /// The heading before the global bindings.
    Heading(&'static str),
    /// A blank line.
    Blank,
    /// A note after the list.
    Note(&'static str),
}

/// The help for `context`: its own keys, then the global ones under "Everywhere"; write
/// actions are left out when read-only.
pub fn help_lines(keymap: &KeyMap, context: KeyContext, read_only: bool) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    let mut in_global = false;
    for entry in keymap.help_entries(context, read_only) {
        if entry.global && !in_global {
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(KeyContext::Global.title()));
            in_global = true;
        }
        lines.push(HelpLine::Keys(entry.keys, entry.description));
    }
    if read_only {
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Note("Read-only: write actions are hidden."));
    }
    lines
}

/// Where the help of `lines` lines goes in `area`.
pub fn help_area(area: Rect, lines: usize) -> Rect {
    layout::popup(area, HELP_WIDTH, (lines as u16).saturating_add(2))
}

/// How far the help of `lines` lines can scroll in `area`.
pub fn help_max_scroll(area: Rect, lines: usize) -> u16 {
    let rect = help_area(area, lines);
    (lines as u16).saturating_sub(rect.height.saturating_sub(2))
}

/// The help's first line after a movement `command` (other commands leave it).
pub fn scroll_help(scroll: u16, command: Command, page: u16, max: u16) -> u16 {
    let next = match command {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::Top => 0,
        Command::Bottom => max,
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll.saturating_add(page),
        _ => scroll,
    };
    next.min(max)
}
