//! The Connect tab: its state, the choice list, and the commands and text input that each
//! step takes; the API key form is in [`api_key`], the browser and keyboard sign-ins in
//! [`sign_in`], the device flow in [`device`].

mod api_key;
mod device;
mod sign_in;

pub use api_key::{ApiKeyForm, FormField};
pub use device::{DeviceSignIn, device_started};
pub use sign_in::{
    KeyboardField, KeyboardSignIn, SignInView, keyboard_rejected, paste_rejected, sign_in_started,
};

use api_key::submit_form;
use sign_in::{submit_keyboard, submit_paste};

use super::move_selection;
use crate::tui::app::{App, Pending, Place};
use crate::tui::effect::{Effect, RequestId};
use crate::tui::keymap::Command;
use crate::tui::services::ServiceError;
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;
use crate::tui::view_model::{AccountRow, ChoiceKind, ConnectChoice};
use crossterm::event::KeyEvent;

/// State of the Connect tab.
#[derive(Debug, Clone)]
pub struct ConnectState {
    /// The ways to connect.
    pub choices: Vec<ConnectChoice>,
    /// Selected choice.
    pub selected: usize,
    /// What the tab shows.
    pub step: ConnectStep,
}

/// What the Connect tab shows.
#[derive(Debug, Clone)]
pub enum ConnectStep {
    /// The choice list.
    Choose,
    /// The email + API key form.
    ApiKeyForm(ApiKeyForm),
    /// A browser sign-in in progress.
    SignIn(SignInView),
    /// The sandbox's sign-in typed here (updash plays the browser; sandbox only).
    KeyboardSignIn(KeyboardSignIn),
    /// A sign-in that failed: why, and a way to try again.
    Failed(SignInFailure),
    /// Issue 6: a device sign-in (user code shown, polling in the background).
    DeviceSignIn(DeviceSignIn),
}

/// A failed sign-in: what to retry and why it failed, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInFailure {
    /// The choice to start again.
    pub retry: ChoiceKind,
    /// Provider name, for the title.
    pub provider: String,
    /// What went wrong.
    pub message: String,
}

impl ConnectState {
    /// The choice list with nothing started.
    pub fn new(choices: Vec<ConnectChoice>) -> Self {
        Self {
            choices,
            selected: 0,
            step: ConnectStep::Choose,
        }
    }

    /// Whether a spinner shows (sign-in running or form being verified).
    pub fn is_busy(&self) -> bool {
        match &self.step {
            ConnectStep::Choose => false,
            ConnectStep::ApiKeyForm(form) => form.pending.is_loading(),
            ConnectStep::SignIn(_)
            | ConnectStep::KeyboardSignIn(_)
            | ConnectStep::DeviceSignIn(_) => true,
            ConnectStep::Failed(_) => false,
        }
    }
}

/// The sign-in attempt running on the Connect tab, if any (cancelled on quit).
pub fn running_attempt(state: &ConnectState) -> Option<crate::tui::services::AttemptId> {
    match &state.step {
        ConnectStep::SignIn(view) => view.started.as_ref().map(|s| s.attempt),
        ConnectStep::KeyboardSignIn(form) => form.started.as_ref().map(|s| s.attempt),
        ConnectStep::DeviceSignIn(view) => view.started.as_ref().map(|s| s.attempt),
        _ => None,
    }
}

/// Runs a command of the Connect, ApiKeyForm or SignIn context.
pub fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let page = app.page_rows();
    let state = &mut app.connect;
    match &mut state.step {
        ConnectStep::Choose => {
            if move_selection(&mut state.selected, state.choices.len(), command, page) {
                return;
            }
            if command == Command::Select {
                choose(app, fx);
            }
        }
        ConnectStep::ApiKeyForm(form) => match command {
            Command::NextField | Command::PrevField => {
                form.focus = match form.focus {
                    FormField::Email => FormField::ApiKey,
                    FormField::ApiKey => FormField::Email,
                };
            }
            Command::Back => state.step = ConnectStep::Choose,
            Command::Submit => submit_form(app, fx),
            _ => {}
        },
        ConnectStep::SignIn(view) => match command {
            Command::CancelSignIn => {
                if let Some(started) = &view.started {
                    fx.push(Effect::CancelSignIn {
                        attempt: started.attempt,
                    });
                }
                state.step = ConnectStep::Choose;
                app.toast(ToastKind::Info, "Sign-in cancelled", fx);
            }
            Command::CopyUrl => {
                if let Some(started) = &view.started {
                    fx.push(Effect::CopyToClipboard(started.authorize_url.clone()));
                }
            }
            Command::OpenBrowser => {
                if let Some(started) = &view.started {
                    fx.push(Effect::OpenBrowser(started.authorize_url.clone()));
                }
            }
            Command::Submit => submit_paste(app, fx),
            _ => {}
        },
        ConnectStep::KeyboardSignIn(form) => match command {
            Command::NextField | Command::PrevField => {
                form.focus = match form.focus {
                    KeyboardField::Email => KeyboardField::Password,
                    KeyboardField::Password => KeyboardField::Email,
                };
            }
            Command::Back => {
                if let Some(started) = &form.started {
                    fx.push(Effect::CancelSignIn {
                        attempt: started.attempt,
                    });
                }
                state.step = ConnectStep::Choose;
                app.toast(ToastKind::Info, "Sign-in cancelled", fx);
            }
            Command::Submit => submit_keyboard(app, fx),
            _ => {}
        },
        ConnectStep::DeviceSignIn(_) => device::command(app, command, fx),
        ConnectStep::Failed(failure) => match command {
            Command::Retry => {
                let kind = failure.retry.clone();
                start(app, kind, fx);
            }
            Command::Back => state.step = ConnectStep::Choose,
            _ => {}
        },
    }
}

fn choose(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(choice) = app.connect.choices.get(app.connect.selected) else {
        return;
    };
    let kind = choice.kind.clone();
    start(app, kind, fx);
}

/// Starts what a connect choice does (also "try again" and "sign in again").
pub fn start(app: &mut App, kind: ChoiceKind, fx: &mut Vec<Effect>) {
    app.place = Place::Connect;
    match kind {
        ChoiceKind::KeyboardSignIn {
            provider,
            email_hint,
        } => {
            let request = app.new_request();
            fx.push(Effect::StartSignIn {
                request,
                provider: provider.clone(),
            });
            let mut email = TextInput::new(false);
            email.paste(email_hint.as_deref().unwrap_or_default());
            app.connect.step = ConnectStep::KeyboardSignIn(KeyboardSignIn {
                provider,
                request,
                started: None,
                email,
                password: TextInput::new(true),
                focus: KeyboardField::Password,
                submitting: false,
                error: None,
            });
        }
        ChoiceKind::DeviceSignIn { provider } => device::start(app, provider, fx),
        ChoiceKind::ApiKey { provider } => {
            app.connect.step = ConnectStep::ApiKeyForm(ApiKeyForm {
                provider,
                email: TextInput::new(false),
                api_key: TextInput::new(true),
                focus: FormField::Email,
                pending: Pending::default(),
                error: None,
            });
        }
        ChoiceKind::BrowserSignIn { provider } => {
            let request = app.new_request();
            fx.push(Effect::StartSignIn {
                request,
                provider: provider.clone(),
            });
            app.connect.step = ConnectStep::SignIn(SignInView {
                provider,
                request,
                started: None,
                paste: TextInput::new(false),
                checking_paste: false,
                error: None,
            });
        }
    }
}

/// Gives a key that no binding took to the focused text input; returns whether it was used.
pub fn type_key(app: &mut App, key: &KeyEvent) -> bool {
    match &mut app.connect.step {
        ConnectStep::ApiKeyForm(form) => match form.focus {
            FormField::Email => form.email.handle_key(key),
            FormField::ApiKey => form.api_key.handle_key(key),
        },
        ConnectStep::SignIn(view) => view.paste.handle_key(key),
        ConnectStep::KeyboardSignIn(form) => match form.focus {
            KeyboardField::Email => form.email.handle_key(key),
            KeyboardField::Password => form.password.handle_key(key),
        },
        ConnectStep::Choose | ConnectStep::Failed(_) | ConnectStep::DeviceSignIn(_) => false,
    }
}

/// Puts pasted text into the focused text input.
pub fn paste(app: &mut App, text: &str) {
    match &mut app.connect.step {
        ConnectStep::ApiKeyForm(form) => match form.focus {
            FormField::Email => form.email.paste(text),
            FormField::ApiKey => form.api_key.paste(text),
        },
        ConnectStep::SignIn(view) => {
            view.paste.clear();
            view.paste.paste(text);
        }
        ConnectStep::KeyboardSignIn(form) => match form.focus {
            KeyboardField::Email => form.email.paste(text),
            KeyboardField::Password => form.password.paste(text),
        },
        ConnectStep::Choose | ConnectStep::Failed(_) | ConnectStep::DeviceSignIn(_) => {}
    }
}

/// Shows the failure screen for a sign-in started by `retry`.
fn fail(app: &mut App, retry: ChoiceKind, message: String) {
    let provider = retry.provider().to_string();
    app.connect.step = ConnectStep::Failed(SignInFailure {
        retry,
        provider,
        message,
    });
}

/// Takes a finished connect (form or sign-in) for `request`.
pub fn account_added(
    app: &mut App,
    request: RequestId,
    result: Result<AccountRow, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    let current = match &mut app.connect.step {
        ConnectStep::ApiKeyForm(form) => form.pending.finish(request),
        ConnectStep::SignIn(view) if view.request == request => true,
        ConnectStep::KeyboardSignIn(form) if form.request == request => true,
        ConnectStep::DeviceSignIn(view) if view.request == request => true,
        _ => false,
    };
    if !current {
        return;
    }
    match result {
        Ok(account) => {
            app.connect.step = ConnectStep::Choose;
            app.toast(
                ToastKind::Success,
                format!("Connected {} ({})", account.label, account.email),
                fx,
            );
            app.active_account = Some(account.id.clone());
            app.place = Place::Accounts;
            super::accounts::load(app, fx);
            super::databases::load(app, fx);
        }
        Err(e) => match &mut app.connect.step {
            ConnectStep::ApiKeyForm(form) => form.error = Some(e.message),
            ConnectStep::SignIn(view) => {
                let kind = ChoiceKind::BrowserSignIn {
                    provider: view.provider.clone(),
                };
                fail(app, kind, format!("The sign-in failed: {e}"));
            }
            ConnectStep::KeyboardSignIn(form) => {
                let kind = ChoiceKind::KeyboardSignIn {
                    provider: form.provider.clone(),
                    email_hint: Some(form.email.value().to_string()),
                };
                fail(app, kind, format!("The sign-in failed: {e}"));
            }
            ConnectStep::DeviceSignIn(view) => {
                let kind = ChoiceKind::DeviceSignIn {
                    provider: view.provider.clone(),
                };
                fail(app, kind, format!("The sign-in failed: {e}"));
            }
            _ => {}
        },
    }
}
