//! The device flow on the Connect tab (RFC 8628): the user code and where to enter it, the
//! URL copied with OSC 52, polling in the background until approved, denied, expired or
//! cancelled.

use super::{ConnectStep, fail};
use crate::tui::app::{App, Place};
use crate::tui::effect::{Effect, RequestId};
use crate::tui::keymap::Command;
use crate::tui::services::{DeviceSignInStarted, ServiceError};
use crate::tui::toast::ToastKind;
use crate::tui::view_model::ChoiceKind;

/// A device sign-in in progress.
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

/// Asks the provider for a device code for `provider`.
pub(super) fn start(app: &mut App, provider: String, fx: &mut Vec<Effect>) {
    app.place = Place::Connect;
    let request = app.new_request();
    fx.push(Effect::StartDeviceSignIn {
        request,
        provider: provider.clone(),
    });
    app.connect.step = ConnectStep::DeviceSignIn(DeviceSignIn {
        provider,
        request,
        started: None,
    });
}

/// Runs a command of the DeviceSignIn context: cancel, copy the URL, open it here.
pub(super) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let ConnectStep::DeviceSignIn(view) = &app.connect.step else {
        return;
    };
    match command {
        Command::CancelSignIn => {
            if let Some(started) = &view.started {
                fx.push(Effect::CancelSignIn {
                    attempt: started.attempt,
                });
            }
            app.connect.step = ConnectStep::Choose;
            app.toast(ToastKind::Info, "Sign-in cancelled", fx);
        }
        Command::CopyUrl => {
            if let Some(url) = view.url_to_share() {
                fx.push(Effect::CopyToClipboard(url));
            }
        }
        Command::OpenBrowser => {
            if let Some(url) = view.url_to_share() {
                fx.push(Effect::OpenBrowser(url));
            }
        }
        _ => {}
    }
}

/// Takes the first answer of a device sign-in: show the code, copy the URL (no browser is
/// opened: the point is another device).
pub fn device_started(
    app: &mut App,
    request: RequestId,
    result: Result<DeviceSignInStarted, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    let view = match &mut app.connect.step {
        ConnectStep::DeviceSignIn(view) if view.request == request => view,
        _ => {
            // Cancelled (or replaced) before the codes came: stop its polling at once.
            if let Ok(started) = result {
                fx.push(Effect::CancelSignIn {
                    attempt: started.attempt,
                });
            }
            return;
        }
    };
    match result {
        Ok(started) => {
            view.started = Some(started);
            if let Some(url) = view.url_to_share() {
                fx.push(Effect::CopyToClipboard(url));
            }
        }
        Err(e) => {
            let kind = ChoiceKind::DeviceSignIn {
                provider: view.provider.clone(),
            };
            fail(app, kind, format!("The sign-in could not start: {e}"));
        }
    }
}
