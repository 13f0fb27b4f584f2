//! What a tab reads besides its own state: [`Context`] in its update, [`ViewContext`] in its
//! view. Both are small and read-only, apart from handing out request ids.

use super::init::Environment;
use super::keymap::{Command, KeyMap};
use super::layout;
use super::request::RequestId;
use super::tab::Tab;
use super::theme::Styles;
use super::view_model::AccountRow;
use ratatui::text::Line;
use ratatui::widgets::Block;
use time::OffsetDateTime;

/// What a tab's update reads besides its own state.
#[derive(Debug)]
pub struct Context<'a> {
    /// The clock, stamped by the run loop before each update.
    pub now: OffsetDateTime,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Write actions are hidden and refused.
    pub read_only: bool,
    /// Running against the embedded sandbox (`--sandbox`).
    pub sandbox: bool,
    /// The key map.
    pub keymap: &'a KeyMap,
    /// Where updash runs.
    pub environment: &'a Environment,
    /// The active account's id.
    pub active_account: Option<&'a str>,
    /// The tab on screen.
    pub shown: Tab,
    /// The tab being updated: the one its requests' answers go back to.
    pub tab: Tab,
    /// The last request number handed out (numbers only grow, so an old answer never matches
    /// a new request).
    pub last_request: &'a mut u64,
}

impl Context<'_> {
    /// A new request id (its answer comes back to this tab).
    pub fn request(&mut self) -> RequestId {
        *self.last_request += 1;
        RequestId {
            tab: self.tab,
            n: *self.last_request,
        }
    }

    /// Rows in one page of a list (page up/down).
    pub fn page_rows(&self) -> usize {
        layout::page_rows(self.size)
    }
}

/// What a tab's view reads besides its own state.
#[derive(Debug, Clone, Copy)]
pub struct ViewContext<'a> {
    /// Colours and modifiers.
    pub styles: &'a Styles,
    /// The key map (key names in the text).
    pub keymap: &'a KeyMap,
    /// The clock (render never reads one).
    pub now: OffsetDateTime,
    /// The spinner glyph of this frame.
    pub spinner: &'static str,
    /// Where updash runs.
    pub environment: &'a Environment,
    /// The active account.
    pub active_account: Option<&'a AccountRow>,
}

impl ViewContext<'_> {
    /// The first key bound to `command`, as shown ("ctrl-o").
    pub fn key(&self, command: Command) -> Option<String> {
        self.keymap
            .binding(command)
            .and_then(|b| b.keys.first())
            .map(ToString::to_string)
    }

    /// A bordered block titled `title` (its spaces included), as the tabs draw them. Titles
    /// name accounts, providers and databases, so they are drawn sanitised.
    pub fn block<'b>(&self, title: impl Into<String>) -> Block<'b> {
        let title = title.into();
        let title = crate::output::sanitize(&title).into_owned();
        Block::bordered()
            .border_style(self.styles.border)
            .title(Line::styled(title, self.styles.accent))
    }
}
