//! The Databases tab: the active account's databases as a filterable, sortable table with
//! the selected database's details, usage, copy menu and actions, and the creation wizard.

mod backup_dialogs;
mod backups;
mod calls;
mod dialog;
mod layout;
mod replies;
mod state;
pub mod table;
mod update;
mod view;
pub mod wizard;

pub use calls::Purpose;
pub use dialog::{COPY_ITEMS, CopyItem, Dialog};
pub use state::{DatabasesState, StatsView};

use crate::tui::context::{Context, ViewContext};
use crate::tui::keymap::KeyContext;
use crate::tui::tab_state::{Input, Outcome, TabState};
use ratatui::Frame;
use ratatui::layout::Rect;

impl TabState for DatabasesState {
    fn update(&mut self, input: Input, ctx: &mut Context) -> Outcome {
        match input {
            Input::Answer(request, answer) => replies::answered(self, request, answer, ctx),
            input => update::update(self, input, ctx),
        }
    }

    fn render(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        view::render(self, ctx, frame, area);
    }

    fn key_context(&self) -> KeyContext {
        if let Some(dialog) = &self.dialog {
            dialog.key_context()
        } else if let Some(w) = &self.wizard {
            w.key_context()
        } else if self.filtering {
            KeyContext::DatabaseFilter
        } else if self.backups_focused() {
            KeyContext::DatabaseBackups
        } else {
            KeyContext::Databases
        }
    }

    /// The list or a database call is awaited.
    fn busy(&self) -> bool {
        self.loading.is_loading() || !self.calls.is_empty()
    }
}
