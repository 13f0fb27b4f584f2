//! The Connect tab's state: the choices, and the step on screen (a form, a sign-in in
//! progress, a failure).

use crate::tui::init::AppInit;
use crate::tui::request::{Pending, RequestId};
use crate::tui::services::{AttemptId, DeviceSignInStarted, SignInStarted};
use crate::tui::text_input::TextInput;
use crate::tui::view_model::{ChoiceKind, ConnectChoice};

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
    /// A device sign-in (user code shown, polling in the background).
    DeviceSignIn(DeviceSignIn),
}

/// Fields of the API key form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    /// The account email.
    Email,
    /// The API key (masked).
    ApiKey,
}

/// The email + API key form.
#[derive(Debug, Clone)]
pub struct ApiKeyForm {
    /// Provider the account is for.
    pub provider: String,
    /// Email input.
    pub email: TextInput,
    /// API key input (masked).
    pub api_key: TextInput,
    /// Focused field.
    pub focus: FormField,
    /// The awaited verification.
    pub pending: Pending,
    /// Why the last submit failed.
    pub error: Option<String>,
}

/// A browser sign-in in progress: the URL, the paste box, the countdown.
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

/// A device sign-in in progress (RFC 8628): the code and where to enter it.
#[derive(Debug, Clone)]
pub struct DeviceSignIn {
    /// Provider signing in.
    pub provider: String,
    /// The request the attempt answers to (start, then finish).
    pub request: RequestId,
    /// Known once the provider handed out the codes.
    pub started: Option<DeviceSignInStarted>,
}

impl DeviceSignIn {
    /// The address to copy or open: with the code filled in when the provider gives one.
    pub fn url_to_share(&self) -> Option<String> {
        let started = self.started.as_ref()?;
        Some(match &started.verification_uri_complete {
            Some(complete) => complete.expose().to_string(),
            None => started.verification_uri.clone(),
        })
    }
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
    pub fn new(init: &AppInit) -> Self {
        Self {
            choices: init.choices.clone(),
            selected: 0,
            step: ConnectStep::Choose,
        }
    }

    /// The sign-in attempt running, if any (cancelled on quit).
    pub fn running_attempt(&self) -> Option<AttemptId> {
        match &self.step {
            ConnectStep::SignIn(view) => view.started.as_ref().map(|s| s.attempt),
            ConnectStep::KeyboardSignIn(form) => form.started.as_ref().map(|s| s.attempt),
            ConnectStep::DeviceSignIn(view) => view.started.as_ref().map(|s| s.attempt),
            _ => None,
        }
    }

    /// Shows the failure screen for a sign-in started by `retry`.
    pub fn fail(&mut self, retry: ChoiceKind, message: String) {
        let provider = retry.provider().to_string();
        self.step = ConnectStep::Failed(SignInFailure {
            retry,
            provider,
            message,
        });
    }
}
