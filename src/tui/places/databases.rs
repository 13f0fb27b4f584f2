//! The Databases tab: the active account's databases (the list; details and the creation
//! wizard build on it).

use super::move_selection;
use crate::tui::app::{App, Pending};
use crate::tui::effect::{Effect, RequestId};
use crate::tui::keymap::Command;
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::tui::toast::ToastKind;
use crate::tui::view_model::DatabaseRow;

/// State of the Databases tab.
#[derive(Debug, Clone, Default)]
pub struct DatabasesState {
    /// The account the rows belong to.
    pub account_id: Option<String>,
    /// The databases, as last loaded.
    pub rows: Vec<DatabaseRow>,
    /// Selected row.
    pub selected: usize,
    /// The awaited list request.
    pub loading: Pending,
    /// Why the last load failed.
    pub error: Option<String>,
}

/// Asks for the active account's databases (nothing without an active account).
pub fn load(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(account_id) = app.active_account.clone() else {
        return;
    };
    if app.databases.account_id.as_deref() != Some(&account_id) {
        app.databases = DatabasesState {
            account_id: Some(account_id.clone()),
            ..DatabasesState::default()
        };
    }
    let request = app.new_request();
    app.databases.loading.start(request);
    fx.push(Effect::LoadDatabases {
        request,
        account_id,
    });
}

/// Runs a command of the Databases context.
pub fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let page = app.page_rows();
    let state = &mut app.databases;
    if move_selection(&mut state.selected, state.rows.len(), command, page) {
        return;
    }
    if command == Command::Refresh {
        load(app, fx);
    }
}

/// Takes the answer to a list request (stale answers, e.g. for a previous account, are dropped).
pub fn loaded(
    app: &mut App,
    request: RequestId,
    result: Result<Vec<DatabaseRow>, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    if !app.databases.loading.finish(request) {
        return;
    }
    match result {
        Ok(rows) => {
            app.databases.error = None;
            app.databases.selected = app.databases.selected.min(rows.len().saturating_sub(1));
            app.databases.rows = rows;
        }
        Err(e) => {
            app.databases.error = Some(e.message.clone());
            let hint = if e.kind == ServiceErrorKind::NeedsSignIn {
                " — connect the account again"
            } else {
                ""
            };
            app.toast(
                ToastKind::Error,
                format!("Cannot list databases: {e}{hint}"),
                fx,
            );
        }
    }
}
