//! A browser sign-in in progress (URL, clipboard, SSH tunnel hint, paste box, countdown,
//! cancel) and the sandbox's sign-in typed in the terminal: their state and the answers they
//! take.

use super::{ConnectStep, fail};
use crate::secret::Secret;
use crate::tui::app::App;
use crate::tui::effect::{Effect, RequestId};
use crate::tui::services::{ServiceError, SignInStarted};
use crate::tui::text_input::TextInput;
use crate::tui::view_model::ChoiceKind;

/// The fields of the sandbox's keyboard sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyboardField {
    /// The sandbox user's email.
    Email,
    /// Its password (masked).
    Password,
}

/// The sandbox's sign-in from the terminal: a started attempt plus email and password.
#[derive(Debug, Clone)]
pub struct KeyboardSignIn {
    /// Provider signing in (the sandbox).
    pub provider: String,
    /// The request the attempt answers to.
    pub request: RequestId,
    /// Known once the attempt started (its URL is what updash "browses").
    pub started: Option<SignInStarted>,
    /// Email input, prefilled with the seeded user.
    pub email: TextInput,
    /// Password input (masked).
    pub password: TextInput,
    /// Focused field.
    pub focus: KeyboardField,
    /// The typed credentials are being sent.
    pub submitting: bool,
    /// Why the last submit failed.
    pub error: Option<String>,
}

/// A browser sign-in in progress.
#[derive(Debug, Clone)]
pub struct SignInView {
    /// Provider signing in.
    pub provider: String,
    /// The request the attempt answers to (start, then finish).
    pub request: RequestId,
    /// Known once the attempt started.
    pub started: Option<SignInStarted>,
    /// The paste box for the URL the browser ended on.
    pub paste: TextInput,
    /// A pasted URL is being checked.
    pub checking_paste: bool,
    /// Why the last paste was rejected.
    pub error: Option<String>,
}

pub(super) fn submit_keyboard(app: &mut App, fx: &mut Vec<Effect>) {
    let ConnectStep::KeyboardSignIn(form) = &mut app.connect.step else {
        return;
    };
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
    fx.push(Effect::KeyboardSignIn {
        request: form.request,
        authorize_url: started.authorize_url.clone(),
        email: form.email.value().trim().to_string(),
        password: Secret::new(form.password.value()),
    });
}

/// Takes a refused keyboard sign-in: the attempt keeps waiting, the reason shows.
pub fn keyboard_rejected(app: &mut App, request: RequestId, error: ServiceError) {
    if let ConnectStep::KeyboardSignIn(form) = &mut app.connect.step
        && form.request == request
    {
        form.submitting = false;
        form.error = Some(error.message);
    }
}

pub(super) fn submit_paste(app: &mut App, fx: &mut Vec<Effect>) {
    let ConnectStep::SignIn(view) = &mut app.connect.step else {
        return;
    };
    let Some(started) = &view.started else {
        return;
    };
    if view.paste.is_empty() {
        view.error = Some("Paste the address the browser ended on, then press enter.".into());
        return;
    }
    view.error = None;
    view.checking_paste = true;
    fx.push(Effect::PasteRedirect {
        request: view.request,
        attempt: started.attempt,
        url: Secret::new(view.paste.value().trim()),
    });
}

/// Takes the first answer of a sign-in: show the URL, copy it, open the browser unless on SSH.
pub fn sign_in_started(
    app: &mut App,
    request: RequestId,
    result: Result<SignInStarted, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    let on_ssh = app.environment.ssh_host.is_some();
    if let ConnectStep::KeyboardSignIn(form) = &mut app.connect.step
        && form.request == request
    {
        match result {
            Ok(started) => form.started = Some(started),
            Err(e) => {
                let kind = ChoiceKind::KeyboardSignIn {
                    provider: form.provider.clone(),
                    email_hint: Some(form.email.value().to_string()),
                };
                fail(app, kind, format!("The sign-in could not start: {e}"));
            }
        }
        return;
    }
    let ConnectStep::SignIn(view) = &mut app.connect.step else {
        return;
    };
    if view.request != request {
        return;
    }
    match result {
        Ok(started) => {
            fx.push(Effect::CopyToClipboard(started.authorize_url.clone()));
            if !on_ssh {
                fx.push(Effect::OpenBrowser(started.authorize_url.clone()));
            }
            view.started = Some(started);
        }
        Err(e) => {
            let kind = ChoiceKind::BrowserSignIn {
                provider: view.provider.clone(),
            };
            fail(app, kind, format!("The sign-in could not start: {e}"));
        }
    }
}

/// Takes a rejected paste: the attempt keeps waiting, the reason shows under the box.
pub fn paste_rejected(app: &mut App, request: RequestId, error: ServiceError) {
    if let ConnectStep::SignIn(view) = &mut app.connect.step
        && view.request == request
    {
        view.checking_paste = false;
        view.error = Some(error.message);
    }
}
