//! The Databases tab's state: the active account's databases, the selection and filter, the
//! details and usage shown, the dialog or wizard open, and the calls in flight.

use super::backups::BackupsView;
use super::calls::{Calls, Purpose};
use super::dialog::Dialog;
use super::layout;
use super::table::DbTable;
use super::wizard::Wizard;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::init::AppInit;
use crate::tui::request::Pending;
use crate::tui::tab_state::Outcome;
use crate::tui::text_input::TextInput;
use crate::upstash::{Database, DatabaseStats, StatsPeriod, Team};
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
    pub calls: Calls,
    /// The selected database's backups, once the details are open.
    pub backups: Option<BackupsView>,
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
            calls: Calls::default(),
            backups: None,
        }
    }
}

impl DatabasesState {
    /// No account yet; reloads every `[ui] refresh_secs`.
    pub fn new(init: &AppInit) -> Self {
        Self {
            refresh_secs: init.refresh_secs,
            ..Self::default()
        }
    }

    /// Forgets the rows and views of `account_id`'s predecessor; keeps the settings.
    pub fn reset(&mut self, account_id: Option<String>) {
        *self = Self {
            account_id,
            refresh_secs: self.refresh_secs,
            ..Self::default()
        };
    }

    /// The selected database.
    pub fn selected_database(&self) -> Option<&Database> {
        self.table.shown(self.selected).map(|e| &e.db)
    }

    /// Whether the Backups section of the shown database has the keys.
    pub fn backups_focused(&self) -> bool {
        let shown = self.selected_database().map(|d| d.database_id.as_str());
        self.backups
            .as_ref()
            .is_some_and(|b| b.focused && shown == Some(b.database_id.as_str()))
    }

    /// Reads the selected database's backups (a new database starts a new view).
    pub fn start_backups(&mut self, ctx: &mut Context, out: &mut Outcome) {
        let Some(id) = self.selected_database().map(|d| d.database_id.clone()) else {
            return;
        };
        if self.backups.as_ref().map(|b| b.database_id.as_str()) != Some(id.as_str()) {
            self.backups = Some(BackupsView::new(id.clone()));
        }
        self.start(Purpose::Backups { id }, ctx, out);
    }

    /// Whether the details fill the tab.
    pub fn details_zoomed(&self) -> bool {
        self.zoomed && self.selected_database().is_some()
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

    /// Moves the table's window just enough to show the selection, on a terminal of `size`.
    pub fn follow(&mut self, size: (u16, u16)) {
        let rows = layout::table_rows(size, self.details_zoomed(), self.table.total() == 0);
        self.offset = crate::tui::layout::scroll_offset(self.selected, self.offset, rows);
    }

    /// Asks for the active account's databases (another account's rows are forgotten first).
    pub fn load(&mut self, ctx: &mut Context, out: &mut Outcome) {
        let Some(account_id) = ctx.active_account.map(str::to_string) else {
            return;
        };
        if self.account_id.as_deref() != Some(&account_id) {
            self.reset(Some(account_id.clone()));
        }
        let request = ctx.request();
        self.loading.start(request);
        out.effect(Effect::LoadDatabases {
            request,
            account_id,
        });
    }

    /// Starts the call for `purpose` on the tab's account.
    pub fn start(&mut self, purpose: Purpose, ctx: &mut Context, out: &mut Outcome) {
        if let Some(account_id) = &self.account_id {
            self.calls.start(account_id, self.period, purpose, ctx, out);
        }
    }

    /// Reads the selected database's usage for the current period.
    pub fn start_stats(&mut self, ctx: &mut Context, out: &mut Outcome) {
        let Some(id) = self.selected_database().map(|d| d.database_id.clone()) else {
            return;
        };
        self.stats = Some(StatsView {
            database_id: id.clone(),
            period: self.period,
            stats: None,
            error: None,
        });
        self.start(Purpose::Stats { id }, ctx, out);
    }
}
