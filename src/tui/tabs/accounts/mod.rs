//! The Accounts tab: the connected accounts; choose the active one, add, disconnect, set the
//! default, refresh a token, sign in again, rename.

mod audit;
mod audit_view;
mod state;
mod update;
mod view;

pub use audit::AuditPane;
pub use state::{AccountsState, RenameDialog};

use crate::tui::context::{Context, ViewContext};
use crate::tui::keymap::KeyContext;
use crate::tui::tab_state::{Input, Outcome, TabState};
use ratatui::Frame;
use ratatui::layout::Rect;

impl TabState for AccountsState {
    fn update(&mut self, input: Input, ctx: &mut Context) -> Outcome {
        update::update(self, input, ctx)
    }

    fn render(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        match &self.audit {
            Some(pane) => audit_view::render(pane, ctx, frame, area),
            None => view::render(self, ctx, frame, area),
        }
    }

    fn render_popup(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        if let Some(dialog) = &self.rename {
            view::rename(self, dialog, ctx, frame, area);
        }
    }

    fn key_context(&self) -> KeyContext {
        if self.rename.is_some() {
            KeyContext::Rename
        } else if self.audit.is_some() {
            KeyContext::AuditLog
        } else {
            KeyContext::Accounts
        }
    }

    fn busy(&self) -> bool {
        self.loading.is_loading() || self.audit.as_ref().is_some_and(|a| a.loading.is_loading())
    }
}
