//! The Connect tab: the ways to connect an account (browser sign-in, device code, API key,
//! the sandbox's sign-in typed here) and the sign-in in progress.

mod answers;
mod state;
mod update;
mod view;

pub use state::{
    ApiKeyForm, ConnectState, ConnectStep, DeviceSignIn, FormField, KeyboardField, KeyboardSignIn,
    SignInFailure, SignInView,
};

use crate::tui::context::{Context, ViewContext};
use crate::tui::keymap::KeyContext;
use crate::tui::tab_state::{Input, Outcome, TabState};
use ratatui::Frame;
use ratatui::layout::Rect;

impl TabState for ConnectState {
    fn update(&mut self, input: Input, ctx: &mut Context) -> Outcome {
        match input {
            Input::Answer(request, answer) => {
                let mut out = Outcome::default();
                answers::answered(self, request, answer, ctx, &mut out);
                out
            }
            input => update::update(self, input, ctx),
        }
    }

    fn render(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
        view::render(self, ctx, frame, area);
    }

    fn key_context(&self) -> KeyContext {
        match self.step {
            ConnectStep::Choose => KeyContext::Connect,
            ConnectStep::ApiKeyForm(_) | ConnectStep::KeyboardSignIn(_) => KeyContext::ApiKeyForm,
            ConnectStep::SignIn(_) => KeyContext::SignIn,
            ConnectStep::Failed(_) => KeyContext::SignInFailed,
            ConnectStep::DeviceSignIn(_) => KeyContext::DeviceSignIn,
        }
    }

    /// A sign-in is running or the API key form is being verified.
    fn busy(&self) -> bool {
        match &self.step {
            ConnectStep::Choose | ConnectStep::Failed(_) => false,
            ConnectStep::ApiKeyForm(form) => form.pending.is_loading(),
            ConnectStep::SignIn(_)
            | ConnectStep::KeyboardSignIn(_)
            | ConnectStep::DeviceSignIn(_) => true,
        }
    }
}
