//! The Data tab: one database's keys and values over the Upstash Redis REST API. Keys come
//! by SCAN (never KEYS) as a list or a tree; the selected key's value sits beside them or
//! fills the tab; writes need write mode and a look at their exact commands; a command
//! line and a big-key sample complete it.

mod bigkeys;
mod bulk;
mod calls;
mod console;
mod console_run;
mod form;
mod format;
mod keys;
mod layout;
mod list;
mod loads;
mod replies;
mod sampling;
mod scan;
mod state;
mod string_view;
mod text;
mod tree;
mod update;
mod value;
mod value_keys;
mod value_load;
mod value_writes;
mod view;
mod write;
mod writes;

pub use keys::{KeyType, Ttl};
pub use state::{DataState, Mode};

use crate::tui::context::{Context, ViewContext};
use crate::tui::keymap::KeyContext;
use crate::tui::tab_state::{Input, Outcome, TabState};
use ratatui::Frame;
use ratatui::layout::Rect;

impl TabState for DataState {
    fn update(&mut self, input: Input, ctx: &mut Context) -> Outcome {
        match input {
            Input::Answer(request, answer) => {
                let mut out = replies::answered(self, request, answer, ctx);
                loads::schedule_countdown(self, ctx, &mut out);
                out
            }
            input => update::update(self, input, ctx),
        }
    }

    fn render(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        view::render(self, ctx, frame, area);
    }

    fn render_popup(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        view::render_popup(self, ctx, frame, area);
    }

    fn key_context(&self) -> KeyContext {
        let Some(open) = &self.open else {
            return KeyContext::Data;
        };
        match &open.mode {
            Mode::Keys if open.zoomed => KeyContext::DataValue,
            Mode::Keys => KeyContext::Data,
            Mode::Pattern(_) => KeyContext::DataPattern,
            Mode::Form(_) => KeyContext::DataForm,
            Mode::Review(_) => KeyContext::DataReview,
            Mode::Console => KeyContext::DataConsole,
            Mode::BigKeys => KeyContext::DataBigKeys,
            Mode::Bulk => KeyContext::DataBulk,
        }
    }

    /// A scan, a value, a write or a command is awaited (sizes of shown keys are not).
    fn busy(&self) -> bool {
        self.calls.busy()
    }

    fn badge(&self) -> Option<&'static str> {
        self.write_mode().then_some("WRITE")
    }
}
