//! The passphrase dialog's updates: typing into the masked input, submitting it (the check
//! runs as an effect, Argon2 off the loop), and its answer: a wrong passphrase asks again,
//! the right one closes the dialog and loads the accounts.

use super::send;
use crate::secret::Secret;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::overlay::{Overlay, UnlockPrompt};
use crate::tui::request::RequestId;
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::tui::tab::Tab;
use crate::tui::tab_state::Input;
use crossterm::event::KeyEvent;

fn prompt(app: &mut App) -> Option<&mut UnlockPrompt> {
    match &mut app.overlay {
        Some(Overlay::Unlock(prompt)) => Some(prompt),
        _ => None,
    }
}

/// A key typed into the dialog (ignored while a check runs).
pub(super) fn typed(app: &mut App, key: &KeyEvent) {
    if let Some(prompt) = prompt(app)
        && prompt.pending.is_none()
    {
        prompt.input.handle_key(key);
    }
}

/// Text pasted into the dialog.
pub(super) fn pasted(app: &mut App, text: &str) {
    if let Some(prompt) = prompt(app)
        && prompt.pending.is_none()
    {
        prompt.input.paste(text);
    }
}

/// Enter: checks the typed passphrase (an empty one is not sent).
pub(super) fn submit(app: &mut App, fx: &mut Vec<Effect>) {
    let request = app.request();
    let Some(prompt) = prompt(app) else {
        return;
    };
    if prompt.pending.is_some() {
        return;
    }
    if prompt.input.is_empty() {
        prompt.error = Some("Type the passphrase first".into());
        return;
    }
    let passphrase = Secret::new(prompt.input.value());
    prompt.input.clear();
    prompt.error = None;
    prompt.pending = Some(request);
    fx.push(Effect::Unlock {
        request,
        passphrase,
    });
}

/// Takes the answer to the dialog's check (a stale one is dropped).
pub(super) fn answered(
    app: &mut App,
    request: RequestId,
    result: Result<(), ServiceError>,
    fx: &mut Vec<Effect>,
) {
    let Some(prompt) = prompt(app) else {
        return;
    };
    if prompt.pending != Some(request) {
        return;
    }
    prompt.pending = None;
    match result {
        Ok(()) => {
            app.overlay = None;
            send(app, Tab::Accounts, Input::Reload, fx);
        }
        Err(e) => prompt.error = Some(in_words(&e)),
    }
}

fn in_words(e: &ServiceError) -> String {
    match e.kind {
        ServiceErrorKind::Rejected => "Wrong passphrase, try again".into(),
        _ => format!("Cannot unlock: {}", e.message),
    }
}
