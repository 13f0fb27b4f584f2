//! What the Connect tab does with its service answers: a started sign-in (show, copy and
//! open its address), a refused paste or password, a connected account, a failure.

use super::state::{ConnectState, ConnectStep};
use crate::tui::action::Answer;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::request::RequestId;
use crate::tui::services::ServiceError;
use crate::tui::tab::Tab;
use crate::tui::tab_state::{Outcome, Request};
use crate::tui::toast::ToastKind;
use crate::tui::view_model::ChoiceKind;

/// Takes the answer to `request` (answers to an attempt no longer shown are dropped).
pub fn answered(
    state: &mut ConnectState,
    request: RequestId,
    answer: Answer,
    ctx: &Context,
    out: &mut Outcome,
) {
    let on_ssh = ctx.environment.ssh_host.is_some();
    let retry = retry_of(&state.step);
    match (&mut state.step, answer) {
        (ConnectStep::KeyboardSignIn(form), Answer::SignInStarted(result))
            if form.request == request =>
        {
            match result {
                Ok(started) => form.started = Some(started),
                Err(e) => fail_to_start(state, retry, e),
            }
        }
        (ConnectStep::SignIn(view), Answer::SignInStarted(result)) if view.request == request => {
            match result {
                Ok(started) => {
                    out.effect(Effect::CopyToClipboard(started.authorize_url.clone()));
                    if !on_ssh {
                        out.effect(Effect::OpenBrowser(started.authorize_url.clone()));
                    }
                    view.started = Some(started);
                }
                Err(e) => fail_to_start(state, retry, e),
            }
        }
        (ConnectStep::DeviceSignIn(view), Answer::DeviceSignInStarted(result))
            if view.request == request =>
        {
            match result {
                // No browser here: the point is another device.
                Ok(started) => {
                    view.started = Some(started);
                    if let Some(url) = view.url_to_share() {
                        out.effect(Effect::CopyToClipboard(url));
                    }
                }
                Err(e) => fail_to_start(state, retry, e),
            }
        }
        // Cancelled (or replaced) before the codes came: stop its polling at once.
        (_, Answer::DeviceSignInStarted(Ok(started))) => out.effect(Effect::CancelSignIn {
            attempt: started.attempt,
        }),
        (ConnectStep::SignIn(view), Answer::PasteRejected(error)) if view.request == request => {
            view.checking_paste = false;
            view.error = Some(error.message);
        }
        (ConnectStep::KeyboardSignIn(form), Answer::KeyboardSignInRejected(error))
            if form.request == request =>
        {
            form.submitting = false;
            form.error = Some(error.message);
        }
        (step, Answer::AccountAdded(result)) => {
            let current = match step {
                ConnectStep::ApiKeyForm(form) => form.pending.finish(request),
                ConnectStep::SignIn(view) => view.request == request,
                ConnectStep::KeyboardSignIn(form) => form.request == request,
                ConnectStep::DeviceSignIn(view) => view.request == request,
                _ => false,
            };
            match (current, result) {
                (false, _) => {}
                (true, Ok(account)) => {
                    state.step = ConnectStep::Choose;
                    out.toast(
                        ToastKind::Success,
                        format!("Connected {} ({})", account.label, account.email),
                    );
                    out.request(Request::Reload(Tab::Accounts));
                    out.request(Request::SetActiveAccount(Some(account.id)));
                    out.request(Request::GoTo(Tab::Databases));
                }
                (true, Err(e)) => match (&mut state.step, retry) {
                    (ConnectStep::ApiKeyForm(form), _) => form.error = Some(e.message),
                    (_, Some(retry)) => state.fail(retry, format!("The sign-in failed: {e}")),
                    _ => {}
                },
            }
        }
        _ => {}
    }
}

/// What "try again" starts for the sign-in on screen.
fn retry_of(step: &ConnectStep) -> Option<ChoiceKind> {
    match step {
        ConnectStep::SignIn(view) => Some(ChoiceKind::BrowserSignIn {
            provider: view.provider.clone(),
        }),
        ConnectStep::KeyboardSignIn(form) => Some(ChoiceKind::KeyboardSignIn {
            provider: form.provider.clone(),
            email_hint: Some(form.email.value().to_string()),
        }),
        ConnectStep::DeviceSignIn(view) => Some(ChoiceKind::DeviceSignIn {
            provider: view.provider.clone(),
        }),
        _ => None,
    }
}

fn fail_to_start(state: &mut ConnectState, retry: Option<ChoiceKind>, e: ServiceError) {
    if let Some(retry) = retry {
        state.fail(retry, format!("The sign-in could not start: {e}"));
    }
}
