//! The Accounts tab: the connected accounts; choose the active one, add, disconnect.

use super::move_selection;
use crate::tui::app::{App, ConfirmIntent, Confirmation, Overlay, Pending, Place, RenameDialog};
use crate::tui::effect::{Effect, RequestId};
use crate::tui::keymap::Command;
use crate::tui::services::AccountChange;
use crate::tui::services::ServiceError;
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;
use crate::tui::view_model::{AccountRow, ChoiceKind};
use crossterm::event::KeyEvent;

/// State of the Accounts tab.
#[derive(Debug, Clone, Default)]
pub struct AccountsState {
    /// The accounts, as last loaded.
    pub rows: Vec<AccountRow>,
    /// Selected row.
    pub selected: usize,
    /// The awaited list request.
    pub loading: Pending,
    /// Why the last load failed.
    pub error: Option<String>,
    /// Whether a list arrived at least once.
    pub loaded: bool,
    /// The awaited disconnect.
    pub disconnecting: Pending,
    /// The awaited set-default, rename or token refresh.
    pub updating: Pending,
    /// The account whose token is being refreshed (shown as "refreshing").
    pub refreshing: Option<String>,
}

/// Asks for the account list.
pub fn load(app: &mut App, fx: &mut Vec<Effect>) {
    let request = app.new_request();
    app.accounts.loading.start(request);
    fx.push(Effect::LoadAccounts { request });
}

/// Runs a command of the Accounts context.
pub fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let page = app.page_rows();
    let state = &mut app.accounts;
    if move_selection(&mut state.selected, state.rows.len(), command, page) {
        return;
    }
    match command {
        Command::Select => {
            if let Some(row) = state.rows.get(state.selected) {
                let id = row.id.clone();
                app.active_account = Some(id);
                app.place = Place::Databases;
                super::databases::load(app, fx);
            }
        }
        Command::Refresh => load(app, fx),
        Command::SetDefault | Command::RefreshToken | Command::SignInAgain | Command::Rename => {
            if let Some(row) = state.rows.get(state.selected).cloned() {
                account_command(app, command, row, fx);
            }
        }
        Command::AddAccount => app.place = Place::Connect,
        Command::Disconnect => {
            if let Some(row) = state.rows.get(state.selected) {
                app.overlay = Some(Overlay::Confirm(Confirmation {
                    title: "Disconnect".into(),
                    question: format!(
                        "Disconnect {} ({})? Its tokens are revoked where the provider allows \
                         and its local secrets deleted.",
                        row.label, row.email
                    ),
                    intent: ConfirmIntent::Disconnect {
                        account_id: row.id.clone(),
                    },
                }));
            }
        }
        _ => {}
    }
}

/// Set default, refresh now, sign in again, rename: for the selected `row`.
fn account_command(app: &mut App, command: Command, row: AccountRow, fx: &mut Vec<Effect>) {
    let account_id = row.id.clone();
    match command {
        Command::SetDefault if row.is_default => app.toast(
            ToastKind::Info,
            format!("{} is already the default account", row.label),
            fx,
        ),
        Command::SetDefault => {
            let request = app.new_request();
            app.accounts.updating.start(request);
            fx.push(Effect::UpdateAccount {
                request,
                account_id,
                change: AccountChange::SetDefault,
            });
        }
        Command::RefreshToken if row.token_expires_at.is_none() && !row.needs_sign_in => app.toast(
            ToastKind::Info,
            format!("{} uses an API key: it has no token to refresh", row.label),
            fx,
        ),
        Command::RefreshToken => {
            let request = app.new_request();
            app.accounts.updating.start(request);
            app.accounts.refreshing = Some(account_id.clone());
            fx.push(Effect::UpdateAccount {
                request,
                account_id,
                change: AccountChange::RefreshToken,
            });
        }
        Command::SignInAgain => {
            let choice = app.connect.choices.iter().position(|c| {
                matches!(&c.kind, ChoiceKind::BrowserSignIn { provider } if *provider == row.provider)
            });
            match choice {
                Some(index) => {
                    app.connect.selected = index;
                    let kind = app.connect.choices[index].kind.clone();
                    super::connect::start(app, kind, fx);
                }
                None => app.toast(
                    ToastKind::Error,
                    format!(
                        "{} has no browser sign-in here; connect it again from Connect",
                        row.provider
                    ),
                    fx,
                ),
            }
        }
        Command::Rename => {
            let mut input = TextInput::new(false);
            input.paste(&row.label);
            app.overlay = Some(Overlay::Rename(RenameDialog {
                account_id,
                input,
                error: None,
            }));
        }
        _ => {}
    }
}

/// Runs a command of the rename dialog.
pub fn rename_command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(Overlay::Rename(dialog)) = &mut app.overlay else {
        return;
    };
    match command {
        Command::Back => app.overlay = None,
        Command::Submit => {
            let label = dialog.input.value().trim().to_string();
            if label.is_empty() {
                dialog.error = Some("A label cannot be empty.".into());
                return;
            }
            let taken = app
                .accounts
                .rows
                .iter()
                .any(|a| a.label == label && a.id != dialog.account_id);
            if taken {
                dialog.error = Some(format!("Another account is already called {label:?}."));
                return;
            }
            let account_id = dialog.account_id.clone();
            app.overlay = None;
            let request = app.new_request();
            app.accounts.updating.start(request);
            fx.push(Effect::UpdateAccount {
                request,
                account_id,
                change: AccountChange::Rename(label),
            });
        }
        _ => {}
    }
}

/// Gives a typed key to the rename dialog's input.
pub fn rename_type_key(app: &mut App, key: &KeyEvent) {
    if let Some(Overlay::Rename(dialog)) = &mut app.overlay {
        dialog.input.handle_key(key);
    }
}

/// Puts pasted text into the rename dialog's input.
pub fn rename_paste(app: &mut App, text: &str) {
    if let Some(Overlay::Rename(dialog)) = &mut app.overlay {
        dialog.input.paste(text);
    }
}

/// Takes the answer to a set-default, rename or token refresh: toast, then reload.
pub fn account_updated(
    app: &mut App,
    request: RequestId,
    result: Result<String, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    if !app.accounts.updating.finish(request) {
        return;
    }
    app.accounts.refreshing = None;
    match result {
        Ok(summary) => app.toast(ToastKind::Success, summary, fx),
        Err(e) => app.toast(ToastKind::Error, e.message, fx),
    }
    load(app, fx);
}

/// Starts a confirmed disconnect.
pub fn disconnect(app: &mut App, account_id: String, fx: &mut Vec<Effect>) {
    let request = app.new_request();
    app.accounts.disconnecting.start(request);
    fx.push(Effect::Disconnect {
        request,
        account_id,
    });
}

/// Takes the answer to a list request (stale answers are dropped).
pub fn loaded(
    app: &mut App,
    request: RequestId,
    result: Result<Vec<AccountRow>, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    if !app.accounts.loading.finish(request) {
        return;
    }
    match result {
        Ok(rows) => {
            let first_load = !app.accounts.loaded;
            app.accounts.loaded = true;
            app.accounts.error = None;
            app.accounts.selected = app.accounts.selected.min(rows.len().saturating_sub(1));
            app.accounts.rows = rows;
            let active_gone = app.active_account().is_none();
            if active_gone {
                app.active_account = preferred_account(app);
                super::databases::reset(app);
                if app.active_account.is_some() {
                    super::databases::load(app, fx);
                }
            } else if first_load {
                // Opened on a named account (`--account`): its databases load now.
                super::databases::load(app, fx);
            }
            if first_load && app.accounts.rows.is_empty() && app.place == Place::Accounts {
                app.place = Place::Connect;
            }
        }
        Err(e) => {
            app.accounts.error = Some(e.message.clone());
            app.toast(ToastKind::Error, format!("Cannot list accounts: {e}"), fx);
        }
    }
}

/// Takes the answer to a disconnect.
pub fn disconnected(
    app: &mut App,
    request: RequestId,
    result: Result<String, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    if !app.accounts.disconnecting.finish(request) {
        return;
    }
    match result {
        Ok(summary) => {
            app.toast(ToastKind::Success, summary, fx);
            load(app, fx);
        }
        Err(e) => app.toast(ToastKind::Error, format!("Disconnect failed: {e}"), fx),
    }
}

/// The account the dashboard opens on: the default one (on `--sandbox`, only when it is a
/// sandbox account), else the first sandbox account on `--sandbox`, else the first one.
fn preferred_account(app: &App) -> Option<String> {
    let rows = &app.accounts.rows;
    let fits = |a: &&AccountRow| !app.sandbox || a.is_sandbox();
    rows.iter()
        .filter(fits)
        .find(|a| a.is_default)
        .or_else(|| rows.iter().find(fits))
        .or_else(|| rows.first())
        .map(|a| a.id.clone())
}
