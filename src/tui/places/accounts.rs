//! The Accounts tab: the connected accounts; choose the active one, add, disconnect.

use super::move_selection;
use crate::tui::app::{App, ConfirmIntent, Confirmation, Overlay, Pending, Place};
use crate::tui::effect::{Effect, RequestId};
use crate::tui::keymap::Command;
use crate::tui::services::ServiceError;
use crate::tui::toast::ToastKind;
use crate::tui::view_model::AccountRow;

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
                app.active_account = app.accounts.rows.first().map(|a| a.id.clone());
                super::databases::reset(app);
                if app.active_account.is_some() {
                    super::databases::load(app, fx);
                }
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
