//! What the Connect tab does with the operator's inputs: choose, fill the forms, start,
//! cancel and retry sign-ins, copy or open their address.

use super::state::{
    ApiKeyForm, ConnectState, ConnectStep, DeviceSignIn, FormField, KeyboardField, KeyboardSignIn,
    SignInView,
};
use crate::secret::Secret;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::request::Pending;
use crate::tui::services::AttemptId;
use crate::tui::tab::Tab;
use crate::tui::tab_state::{Input, Outcome, Request};
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;
use crate::tui::view_model::ChoiceKind;

/// Takes one input of the Connect tab (its service answers go to `answers`).
pub fn update(state: &mut ConnectState, input: Input, ctx: &mut Context) -> Outcome {
    let mut out = Outcome::default();
    match input {
        Input::Command(command) => self::command(state, command, ctx, &mut out),
        Input::Typed(key) => {
            if let Some(input) = focused_input(&mut state.step) {
                input.handle_key(&key);
            }
        }
        Input::Paste(text) => {
            if let ConnectStep::SignIn(view) = &mut state.step {
                view.paste.clear();
            }
            if let Some(input) = focused_input(&mut state.step) {
                input.paste(&text);
            }
        }
        Input::SignIn { provider } => {
            let browser = |c: &ChoiceKind| matches!(c, ChoiceKind::BrowserSignIn { provider: p } if *p == provider);
            match state.choices.iter().position(|c| browser(&c.kind)) {
                Some(index) => {
                    state.selected = index;
                    let kind = state.choices[index].kind.clone();
                    start(state, kind, ctx, &mut out);
                }
                None => out.toast(
                    ToastKind::Error,
                    format!(
                        "{provider} has no browser sign-in here; connect it again from Connect"
                    ),
                ),
            }
        }
        // A running sign-in's listener must not outlive the dashboard.
        Input::Quit => {
            if let Some(attempt) = state.running_attempt() {
                out.effect(Effect::CancelSignIn { attempt });
            }
        }
        _ => {}
    }
    out
}

/// The text input that typed keys and pastes go to.
fn focused_input(step: &mut ConnectStep) -> Option<&mut TextInput> {
    match step {
        ConnectStep::ApiKeyForm(form) => Some(match form.focus {
            FormField::Email => &mut form.email,
            FormField::ApiKey => &mut form.api_key,
        }),
        ConnectStep::SignIn(view) => Some(&mut view.paste),
        ConnectStep::KeyboardSignIn(form) => Some(match form.focus {
            KeyboardField::Email => &mut form.email,
            KeyboardField::Password => &mut form.password,
        }),
        ConnectStep::Choose | ConnectStep::Failed(_) | ConnectStep::DeviceSignIn(_) => None,
    }
}

fn command(state: &mut ConnectState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let attempt = state.running_attempt();
    match &mut state.step {
        ConnectStep::Choose => {
            let page = ctx.page_rows();
            if !move_selection(&mut state.selected, state.choices.len(), command, page)
                && command == Command::Select
                && let Some(choice) = state.choices.get(state.selected)
            {
                let kind = choice.kind.clone();
                start(state, kind, ctx, out);
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
            Command::Submit => submit_form(form, ctx, out),
            _ => {}
        },
        ConnectStep::KeyboardSignIn(form) => match command {
            Command::NextField | Command::PrevField => {
                form.focus = match form.focus {
                    KeyboardField::Email => KeyboardField::Password,
                    KeyboardField::Password => KeyboardField::Email,
                };
            }
            Command::Back => cancel(state, attempt, out),
            Command::Submit => submit_keyboard(form, out),
            _ => {}
        },
        ConnectStep::SignIn(view) => match command {
            Command::CancelSignIn => cancel(state, attempt, out),
            Command::CopyUrl | Command::OpenBrowser => {
                if let Some(started) = &view.started {
                    out.effect(url_effect(command, started.authorize_url.clone()));
                }
            }
            Command::Submit => submit_paste(view, out),
            _ => {}
        },
        ConnectStep::DeviceSignIn(view) => match command {
            Command::CancelSignIn => cancel(state, attempt, out),
            Command::CopyUrl | Command::OpenBrowser => {
                if let Some(url) = view.url_to_share() {
                    out.effect(url_effect(command, url));
                }
            }
            _ => {}
        },
        ConnectStep::Failed(failure) => match command {
            Command::Retry => {
                let kind = failure.retry.clone();
                start(state, kind, ctx, out);
            }
            Command::Back => state.step = ConnectStep::Choose,
            _ => {}
        },
    }
}

/// Copies (`CopyUrl`) or opens `url`.
fn url_effect(command: Command, url: String) -> Effect {
    if command == Command::CopyUrl {
        Effect::CopyToClipboard(url)
    } else {
        Effect::OpenBrowser(url)
    }
}

/// Stops the running sign-in and goes back to the choices.
fn cancel(state: &mut ConnectState, attempt: Option<AttemptId>, out: &mut Outcome) {
    if let Some(attempt) = attempt {
        out.effect(Effect::CancelSignIn { attempt });
    }
    state.step = ConnectStep::Choose;
    out.toast(ToastKind::Info, "Sign-in cancelled");
}

/// Starts what a connect choice does (also "try again" and "sign in again").
fn start(state: &mut ConnectState, kind: ChoiceKind, ctx: &mut Context, out: &mut Outcome) {
    out.request(Request::GoTo(Tab::Connect));
    state.step = match kind {
        ChoiceKind::KeyboardSignIn {
            provider,
            email_hint,
        } => {
            let request = ctx.request();
            out.effect(Effect::StartSignIn {
                request,
                provider: provider.clone(),
            });
            let mut email = TextInput::new(false);
            email.paste(email_hint.as_deref().unwrap_or_default());
            ConnectStep::KeyboardSignIn(KeyboardSignIn {
                provider,
                request,
                started: None,
                email,
                password: TextInput::new(true),
                focus: KeyboardField::Password,
                submitting: false,
                error: None,
            })
        }
        ChoiceKind::DeviceSignIn { provider } => {
            let request = ctx.request();
            out.effect(Effect::StartDeviceSignIn {
                request,
                provider: provider.clone(),
            });
            ConnectStep::DeviceSignIn(DeviceSignIn {
                provider,
                request,
                started: None,
            })
        }
        ChoiceKind::ApiKey { provider } => ConnectStep::ApiKeyForm(ApiKeyForm {
            provider,
            email: TextInput::new(false),
            api_key: TextInput::new(true),
            focus: FormField::Email,
            pending: Pending::default(),
            error: None,
        }),
        ChoiceKind::BrowserSignIn { provider } => {
            let request = ctx.request();
            out.effect(Effect::StartSignIn {
                request,
                provider: provider.clone(),
            });
            ConnectStep::SignIn(SignInView {
                provider,
                request,
                started: None,
                paste: TextInput::new(false),
                checking_paste: false,
                error: None,
            })
        }
    };
}

/// Checks the form, then asks the services to verify the key.
fn submit_form(form: &mut ApiKeyForm, ctx: &mut Context, out: &mut Outcome) {
    let email = form.email.value().trim().to_string();
    let key = form.api_key.value().trim().to_string();
    form.error = if !email.contains('@') {
        Some("Enter the account's email address.".into())
    } else if key.is_empty() {
        Some("Enter a Developer API key.".into())
    } else {
        None
    };
    if form.error.is_some() {
        return;
    }
    let request = ctx.request();
    form.pending.start(request);
    out.effect(Effect::AddApiKeyAccount {
        request,
        provider: form.provider.clone(),
        email,
        api_key: Secret::new(key),
    });
}

/// Sends the typed email and password to the sandbox's sign-in pages.
fn submit_keyboard(form: &mut KeyboardSignIn, out: &mut Outcome) {
    let Some(started) = &form.started else {
        form.error = Some("The sign-in is still starting; try again in a moment.".into());
        return;
    };
    if form.email.value().trim().is_empty() || form.password.is_empty() {
        form.error = Some("Enter the sandbox user's email and password.".into());
        return;
    }
    form.error = None;
    form.submitting = true;
    out.effect(Effect::KeyboardSignIn {
        request: form.request,
        authorize_url: started.authorize_url.clone(),
        email: form.email.value().trim().to_string(),
        password: Secret::new(form.password.value()),
    });
}

/// Hands the pasted address to the running attempt.
fn submit_paste(view: &mut SignInView, out: &mut Outcome) {
    let Some(started) = &view.started else {
        return;
    };
    if view.paste.is_empty() {
        view.error = Some("Paste the address the browser ended on, then press enter.".into());
        return;
    }
    view.error = None;
    view.checking_paste = true;
    out.effect(Effect::PasteRedirect {
        request: view.request,
        attempt: started.attempt,
        url: Secret::new(view.paste.value().trim()),
    });
}
