//! The Products tab: the account's Vector indexes, Search indexes and QStash (one per
//! region), switched inside the tab; details with usage, tokens revealed on demand, `.env`
//! snippets copied, and every write shown as its exact request before it is sent.

mod form;
mod form_view;
mod product;
mod state;
mod update;
mod view;

pub use form::{Form, FormKind};
pub use product::{Product, Row};
pub use state::{ProductsState, Usage};

use crate::tui::context::{Context, ViewContext};
use crate::tui::init::AppInit;
use crate::tui::keymap::KeyContext;
use crate::tui::tab_state::{Input, Outcome, TabState};
use ratatui::Frame;
use ratatui::layout::Rect;

impl ProductsState {
    /// Nothing loaded yet.
    pub fn new(_init: &AppInit) -> Self {
        Self::default()
    }
}

impl TabState for ProductsState {
    fn update(&mut self, input: Input, ctx: &mut Context) -> Outcome {
        update::update(self, input, ctx)
    }

    fn render(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        view::render(self, ctx, frame, area);
    }

    fn render_popup(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        if let Some(form) = &self.form {
            form_view::render(self, form, ctx, frame, area);
        }
    }

    fn key_context(&self) -> KeyContext {
        match &self.form {
            Some(form) if form.kind == FormKind::Create => KeyContext::ProductCreate,
            Some(_) => KeyContext::ProductText,
            None if self.filtering => KeyContext::ProductText,
            None => KeyContext::Products,
        }
    }

    fn busy(&self) -> bool {
        self.loading.is_loading() || self.usage_loading.is_loading() || self.writing.is_loading()
    }
}
