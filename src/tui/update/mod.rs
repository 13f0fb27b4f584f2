//! `update`: the only place state changes. Synchronous: it routes each action to the tab it
//! belongs to (a service answer to the tab that asked), applies the tab's outcome, and
//! returns the effects to run.

use super::action::{Action, Answer};
use super::app::App;
use super::effect::Effect;
use super::keymap::{Command, KeyChord};
use super::layout;
use super::overlay::{Confirmation, Overlay, help_lines, help_max_scroll, scroll_help};
use super::tab::Tab;
use super::tab_state::{Input, Outcome, Request};
use super::toast::ToastKind;
use crossterm::event::{KeyEvent, KeyEventKind};

/// Applies one action to the app; returns the side effects it asks for.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        // Locked credentials: the accounts load once the passphrase dialog unlocks them.
        Action::Start if app.locked() => {}
        Action::Start => send(app, Tab::Accounts, Input::Reload, &mut fx),
        Action::Key(key) => handle_key(app, &key, &mut fx),
        Action::Paste(text) if app.locked() => unlock::pasted(app, &text),
        Action::Paste(text) => {
            if app.overlay.is_none() {
                send(app, app.tab, Input::Paste(text), &mut fx);
            }
        }
        Action::Resize(w, h) => app.size = (w, h),
        // The run loop repaints the whole screen; nothing changes here.
        Action::Redraw => {}
        Action::Tick => broadcast(app, &Input::Tick, &mut fx),
        Action::SpinnerTick => app.spinner_frame = app.spinner_frame.wrapping_add(1),
        Action::Quit => quit(app, &mut fx),
        Action::Notify(kind, text) => toast(app, kind, text, &mut fx),
        // The passphrase dialog's answer is the app's, not a tab's.
        Action::Answer {
            request,
            answer: Answer::Unlocked(result),
        } => unlock::answered(app, request, result, &mut fx),
        Action::Answer { request, answer } => {
            send(app, request.tab, Input::Answer(request, answer), &mut fx);
        }
    }
    app.toasts.expire(app.now);
    fx
}

/// Gives `input` to `tab` and applies what it hands back.
pub(super) fn send(app: &mut App, tab: Tab, input: Input, fx: &mut Vec<Effect>) {
    let (tabs, mut ctx) = app.context(tab);
    let outcome = tabs.get_mut(tab).update(input, &mut ctx);
    apply(app, tab, outcome, fx);
}

/// Gives `input` to every tab.
fn broadcast(app: &mut App, input: &Input, fx: &mut Vec<Effect>) {
    for tab in Tab::ALL {
        send(app, *tab, input.clone(), fx);
    }
}

/// Runs `tab`'s outcome: its effects, then its requests in order.
fn apply(app: &mut App, tab: Tab, outcome: Outcome, fx: &mut Vec<Effect>) {
    fx.extend(outcome.effects);
    for request in outcome.requests {
        match request {
            Request::GoTo(to) => go(app, to, fx),
            Request::Reload(to) => send(app, to, Input::Reload, fx),
            Request::SetActiveAccount(id) => {
                app.active_account = id;
                broadcast(app, &Input::AccountSet, fx);
            }
            Request::SignIn { provider } => send(app, Tab::Connect, Input::SignIn { provider }, fx),
            Request::Browse(browse) => {
                send(app, Tab::Data, Input::Browse(browse), fx);
                go(app, Tab::Data, fx);
            }
            Request::Toast(kind, text) => toast(app, kind, text, fx),
            Request::Confirm { title, question } => {
                let owner = tab;
                app.overlay = Some(Overlay::Confirm(Confirmation {
                    title,
                    question,
                    owner,
                }));
            }
        }
    }
}

/// Shows a toast and asks for a wake-up when it expires.
fn toast(app: &mut App, kind: ToastKind, text: String, fx: &mut Vec<Effect>) {
    let expires_at = app.toasts.push(kind, text, app.now);
    fx.push(Effect::WakeAt(expires_at));
}

fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    broadcast(app, &Input::Quit, fx);
    app.should_quit = true;
    fx.push(Effect::Quit);
}

fn go(app: &mut App, tab: Tab, fx: &mut Vec<Effect>) {
    app.tab = tab;
    send(app, tab, Input::Shown, fx);
}

fn handle_key(app: &mut App, key: &KeyEvent, fx: &mut Vec<Effect>) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    let context = app.key_context();
    let Some(binding) = app.keymap.lookup(context, KeyChord::from_event(key)) else {
        if app.locked() {
            unlock::typed(app, key);
        } else if context.takes_text() {
            send(app, app.tab, Input::Typed(*key), fx);
        }
        return;
    };
    let spec = binding.spec;
    if spec.write && app.read_only {
        let text = format!(
            "Read-only mode: {} is turned off",
            spec.name.replace('_', " ")
        );
        toast(app, ToastKind::Info, text, fx);
        return;
    }
    run_command(app, spec.command, fx);
}

/// Runs a command in the current context: the app's own ones, else the tab's.
pub fn run_command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Quit => quit(app, fx),
        Command::Help => {
            let context = app.key_context();
            app.overlay = Some(Overlay::Help { context, scroll: 0 });
        }
        Command::CloseHelp => app.overlay = None,
        Command::NextTab => go(app, app.tab.cycle(1), fx),
        Command::PrevTab => go(app, app.tab.cycle(-1), fx),
        Command::GoTo(tab) => go(app, tab, fx),
        Command::Submit if app.locked() => unlock::submit(app, fx),
        Command::Yes | Command::No if matches!(app.overlay, Some(Overlay::Confirm(_))) => {
            if let Some(Overlay::Confirm(confirm)) = app.overlay.take() {
                let yes = command == Command::Yes;
                send(app, confirm.owner, Input::Confirmed(yes), fx);
            }
        }
        movement if matches!(app.overlay, Some(Overlay::Help { .. })) => {
            let page = layout::page_rows(app.size) as u16;
            if let Some(Overlay::Help { context, scroll }) = &mut app.overlay {
                let lines = help_lines(&app.keymap, *context, app.read_only).len();
                let max = help_max_scroll(layout::body(app.size), lines);
                *scroll = scroll_help(*scroll, movement, page, max);
            }
        }
        other => send(app, app.tab, Input::Command(other), fx),
    }
}

#[cfg(test)]
mod tests;
mod unlock;
