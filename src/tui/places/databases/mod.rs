//! The Databases tab: the active account's databases as a filterable, sortable table with
//! the selected database's details, usage, copy menu and actions, and the creation wizard.

mod calls;
pub mod dialog;
mod list;
pub mod table;

pub use calls::{Purpose, replied, reset_password, start as start_call};
pub use dialog::Dialog;
pub use list::apply_filter;

use super::wizard::{self, Wizard};
use crate::tui::app::{App, Pending};
use crate::tui::effect::{Effect, RequestId};
use crate::tui::keymap::{Command, KeyContext};
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;
use crate::upstash::{Database, DatabaseStats, StatsPeriod, Team};
use crossterm::event::KeyEvent;
use table::DbTable;
use time::OffsetDateTime;

/// State of the Databases tab.
#[derive(Debug, Clone)]
pub struct DatabasesState {
    /// The account the rows belong to.
    pub account_id: Option<String>,
    /// The databases: rows, sort, filter.
    pub table: DbTable,
    /// Selected position in the filtered view.
    pub selected: usize,
    /// First row of the table's window.
    pub offset: usize,
    /// The awaited list request.
    pub loading: Pending,
    /// Whether a list arrived at least once.
    pub loaded: bool,
    /// Why the last load failed.
    pub error: Option<String>,
    /// The filter as typed.
    pub filter: TextInput,
    /// The filter has the keyboard.
    pub filtering: bool,
    /// The selected database's password and tokens are shown.
    pub revealed: bool,
    /// The details fill the tab (enter); esc goes back to the table.
    pub zoomed: bool,
    /// The usage period.
    pub period: StatsPeriod,
    /// The last usage read.
    pub stats: Option<StatsView>,
    /// The account's teams.
    pub teams: Vec<Team>,
    /// A dialog over the tab.
    pub dialog: Option<Dialog>,
    /// The creation wizard, while open.
    pub wizard: Option<Wizard>,
    /// `[ui] refresh_secs`: reload this often (0: never).
    pub refresh_secs: u64,
    /// When the next automatic reload is due.
    pub next_refresh: Option<OffsetDateTime>,
    /// Database calls in flight and what each answer is for.
    pub calls: Vec<(RequestId, Purpose)>,
}

impl Default for DatabasesState {
    fn default() -> Self {
        Self {
            account_id: None,
            table: DbTable::default(),
            selected: 0,
            offset: 0,
            loading: Pending::default(),
            loaded: false,
            error: None,
            filter: TextInput::new(false),
            filtering: false,
            revealed: false,
            zoomed: false,
            period: StatsPeriod::Hour1,
            stats: None,
            teams: Vec::new(),
            dialog: None,
            wizard: None,
            refresh_secs: 0,
            next_refresh: None,
            calls: Vec::new(),
        }
    }
}

/// Usage of one database over one period.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsView {
    /// The database.
    pub database_id: String,
    /// The period asked for.
    pub period: StatsPeriod,
    /// The answer, once it arrived.
    pub stats: Option<DatabaseStats>,
    /// Why it could not be read.
    pub error: Option<String>,
}

impl DatabasesState {
    /// The selected database.
    pub fn selected_database(&self) -> Option<&Database> {
        self.table.shown(self.selected).map(|e| &e.db)
    }

    /// Where keys go on this tab.
    pub fn key_context(&self) -> KeyContext {
        if let Some(dialog) = &self.dialog {
            return dialog.key_context();
        }
        if let Some(w) = &self.wizard {
            return w.key_context();
        }
        if self.filtering {
            KeyContext::DatabaseFilter
        } else {
            KeyContext::Databases
        }
    }

    /// Whether a spinner shows: the list or any database call is awaited.
    pub fn is_busy(&self) -> bool {
        self.loading.is_loading() || !self.calls.is_empty()
    }

    /// Whether a call for `purpose`'s kind is in flight.
    pub fn awaits(&self, test: impl Fn(&Purpose) -> bool) -> bool {
        self.calls.iter().any(|(_, p)| test(p))
    }

    /// Selects the database `id` if it is shown.
    pub fn select_id(&mut self, id: &str) {
        if let Some(i) = self.table.position_of(id) {
            self.selected = i;
        }
    }

    /// Keeps the selection inside the view.
    pub fn clamp_selection(&mut self) {
        self.selected = self
            .selected
            .min(self.table.visible().len().saturating_sub(1));
    }
}

/// Forgets the rows and views (another account became active); keeps the settings.
pub fn reset(app: &mut App) {
    let refresh_secs = app.databases.refresh_secs;
    app.databases = DatabasesState {
        refresh_secs,
        ..DatabasesState::default()
    };
}

/// Asks for the active account's databases (its teams follow the first list).
pub fn load(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(account_id) = app.active_account.clone() else {
        return;
    };
    if app.databases.account_id.as_deref() != Some(&account_id) {
        let refresh_secs = app.databases.refresh_secs;
        app.databases = DatabasesState {
            account_id: Some(account_id.clone()),
            refresh_secs,
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

/// Runs a command of the tab's contexts.
pub fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    if app.databases.dialog.is_some() {
        dialog::command(app, command, fx);
    } else if app.databases.wizard.is_some() {
        wizard::command(app, command, fx);
    } else if app.databases.filtering {
        list::command_filter(app, command);
    } else {
        list::command_list(app, command, fx);
    }
    follow(app);
}

/// Moves the table's window just enough to show the selection.
pub fn follow(app: &mut App) {
    let rows = crate::tui::view::databases_list_rows(app);
    let state = &mut app.databases;
    state.offset = crate::tui::view::scroll_offset(state.selected, state.offset, rows);
}

/// Gives a typed key to the focused input of the tab.
pub fn type_key(app: &mut App, key: &KeyEvent) {
    let state = &mut app.databases;
    if let Some(dialog) = &mut state.dialog {
        dialog.type_key(key);
    } else if let Some(w) = &mut state.wizard {
        w.type_key(key);
    } else if state.filtering && state.filter.handle_key(key) {
        list::apply_filter(state);
    }
    follow(app);
}

/// Puts pasted text into the focused input of the tab.
pub fn paste(app: &mut App, text: &str) {
    let state = &mut app.databases;
    if let Some(dialog) = &mut state.dialog {
        dialog.paste(text);
    } else if let Some(w) = &mut state.wizard {
        w.paste(text);
    } else if state.filtering {
        state.filter.paste(text);
        list::apply_filter(state);
    }
    follow(app);
}

/// A timer fired: reload when the automatic refresh is due (and nothing else is loading).
pub fn tick(app: &mut App, fx: &mut Vec<Effect>) {
    let due = app.databases.next_refresh.is_some_and(|at| at <= app.now);
    if due && !app.databases.loading.is_loading() {
        app.databases.next_refresh = None;
        load(app, fx);
    }
}

fn schedule_refresh(app: &mut App, fx: &mut Vec<Effect>) {
    if app.databases.refresh_secs == 0 {
        return;
    }
    let secs = i64::try_from(app.databases.refresh_secs).unwrap_or(i64::MAX);
    let at = app.now + time::Duration::seconds(secs);
    app.databases.next_refresh = Some(at);
    fx.push(Effect::WakeAt(at));
}

/// Takes the answer to a list request (stale answers, e.g. for a previous account, are
/// dropped). A failure keeps the rows already shown.
pub fn loaded(
    app: &mut App,
    request: RequestId,
    result: Result<Vec<Database>, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    if !app.databases.loading.finish(request) {
        return;
    }
    schedule_refresh(app, fx);
    match result {
        Ok(databases) => {
            if !app.databases.loaded {
                calls::start(app, Purpose::Teams, fx);
            }
            let state = &mut app.databases;
            let keep = state.selected_database().map(|d| d.database_id.clone());
            state.error = None;
            state.loaded = true;
            state.table.set_rows(databases);
            if let Some(id) = keep {
                state.select_id(&id);
            }
            state.clamp_selection();
            follow(app);
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
