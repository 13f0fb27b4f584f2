//! `update`: the only place state changes. Synchronous; returns the effects to run.

use super::action::Action;
use super::app::{App, ConfirmIntent, Overlay, Place};
use super::effect::Effect;
use super::keymap::{Command, KeyChord, KeyContext};
use super::places::{accounts, connect, databases};
use super::toast::ToastKind;
use crossterm::event::{KeyEvent, KeyEventKind};

/// Applies one action to the app; returns the side effects it asks for.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Start => accounts::load(app, &mut fx),
        Action::Key(key) => handle_key(app, &key, &mut fx),
        Action::Paste(text) => {
            if app.overlay.is_none() && app.place == Place::Connect {
                connect::paste(app, &text);
            } else if matches!(app.overlay, Some(Overlay::Rename(_))) {
                accounts::rename_paste(app, &text);
            }
            if app.overlay.is_none() && app.place == Place::Databases {
                databases::paste(app, &text);
            }
        }
        Action::Resize(w, h) => app.size = (w, h),
        Action::Tick => databases::tick(app, &mut fx),
        Action::SpinnerTick => app.spinner_frame = app.spinner_frame.wrapping_add(1),
        Action::Quit => quit(app, &mut fx),
        Action::Notify(kind, text) => app.toast(kind, text, &mut fx),
        Action::AccountsLoaded { request, result } => {
            accounts::loaded(app, request, result, &mut fx)
        }
        Action::DatabasesLoaded { request, result } => {
            databases::loaded(app, request, result, &mut fx)
        }
        Action::SignInStarted { request, result } => {
            connect::sign_in_started(app, request, result, &mut fx)
        }
        Action::PasteRejected { request, error } => connect::paste_rejected(app, request, error),
        Action::AccountAdded { request, result } => {
            connect::account_added(app, request, result, &mut fx)
        }
        Action::Disconnected { request, result } => {
            accounts::disconnected(app, request, result, &mut fx)
        }
        // Issue 6.
        Action::AccountUpdated { request, result } => {
            accounts::account_updated(app, request, result, &mut fx)
        }
        Action::KeyboardSignInRejected { request, error } => {
            connect::keyboard_rejected(app, request, error)
        }
        Action::DatabaseDone { request, result } => {
            databases::replied(app, request, result, &mut fx)
        }
        Action::DeviceSignInStarted { request, result } => {
            connect::device_started(app, request, result, &mut fx)
        }
    }
    app.toasts.expire(app.now);
    fx
}

fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    // A running sign-in's listener must not outlive the dashboard.
    if let Some(attempt) = connect::running_attempt(&app.connect) {
        fx.push(Effect::CancelSignIn { attempt });
    }
    app.should_quit = true;
    fx.push(Effect::Quit);
}

fn handle_key(app: &mut App, key: &KeyEvent, fx: &mut Vec<Effect>) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    let context = app.key_context();
    let chord = KeyChord::from_event(key);
    let Some(binding) = app.keymap.lookup(context, chord) else {
        if context == KeyContext::Rename {
            accounts::rename_type_key(app, key);
        } else if context.takes_text() {
            if app.place == Place::Databases {
                databases::type_key(app, key);
            } else {
                connect::type_key(app, key);
            }
        }
        return;
    };
    let (command, write, name) = (binding.spec.command, binding.spec.write, binding.spec.name);
    if write && app.read_only {
        app.toast(
            ToastKind::Info,
            format!("Read-only mode: {} is turned off", name.replace('_', " ")),
            fx,
        );
        return;
    }
    run_command(app, command, fx);
}

/// Runs a command in the current context (global ones first, then the place's).
pub fn run_command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Quit => quit(app, fx),
        Command::Help => {
            app.overlay = Some(Overlay::Help {
                context: app.key_context(),
                scroll: 0,
            })
        }
        Command::CloseHelp => app.overlay = None,
        Command::NextPlace => go(app, app.place.cycle(1), fx),
        Command::PrevPlace => go(app, app.place.cycle(-1), fx),
        Command::GoConnect => go(app, Place::Connect, fx),
        Command::GoAccounts => go(app, Place::Accounts, fx),
        Command::GoDatabases => go(app, Place::Databases, fx),
        Command::Yes => {
            if let Some(Overlay::Confirm(confirm)) = app.overlay.take() {
                match confirm.intent {
                    ConfirmIntent::Disconnect { account_id } => {
                        accounts::disconnect(app, account_id, fx)
                    }
                    ConfirmIntent::ResetPassword { database_id } => {
                        databases::reset_password(app, database_id, fx)
                    }
                }
            }
        }
        Command::No => app.overlay = None,
        command if matches!(app.overlay, Some(Overlay::Rename(_))) => {
            accounts::rename_command(app, command, fx)
        }
        movement if matches!(app.overlay, Some(Overlay::Help { .. })) => scroll_help(app, movement),
        other => match app.place {
            Place::Connect => connect::command(app, other, fx),
            Place::Accounts => accounts::command(app, other, fx),
            Place::Databases => databases::command(app, other, fx),
        },
    }
}

fn scroll_help(app: &mut App, command: Command) {
    let Some(Overlay::Help { context, scroll }) = &app.overlay else {
        return;
    };
    let max = crate::tui::view::help_max_scroll(app, *context);
    let page = app.page_rows() as u16;
    let next = match command {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::Top => 0,
        Command::Bottom => max,
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll.saturating_add(page),
        _ => *scroll,
    };
    if let Some(Overlay::Help { scroll, .. }) = &mut app.overlay {
        *scroll = next.min(max);
    }
}

fn go(app: &mut App, place: Place, fx: &mut Vec<Effect>) {
    app.place = place;
    // First visit of Databases loads the active account's list.
    let db = &app.databases;
    if place == Place::Databases
        && app.active_account.is_some()
        && db.account_id != app.active_account
        && !db.loading.is_loading()
    {
        databases::load(app, fx);
    }
}

#[cfg(test)]
mod tests;
