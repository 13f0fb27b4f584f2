//! Keys of the table: movement, filter, sort, details, and the actions on the selected row.

use super::calls::{self, Purpose};
use super::dialog::{self, Dialog};
use super::table::Column;
use super::{DatabasesState, load};
use crate::tui::app::{App, ConfirmIntent, Confirmation, Overlay};
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::places::move_selection;
use crate::tui::places::wizard::Wizard;
use crate::tui::toast::ToastKind;
use crate::upstash::StatsPeriod;

/// Applies the typed filter, keeping the selected database when it still matches.
pub fn apply_filter(state: &mut DatabasesState) {
    let keep = state.selected_database().map(|d| d.database_id.clone());
    state.table.set_query(state.filter.value());
    state.selected = 0;
    if let Some(id) = keep {
        state.select_id(&id);
    }
}

/// Keys while the filter is typed.
pub fn command_filter(app: &mut App, command: Command) {
    let page = app.page_rows();
    let state = &mut app.databases;
    if move_selection(
        &mut state.selected,
        state.table.visible().len(),
        command,
        page,
    ) {
        return;
    }
    match command {
        Command::Submit => state.filtering = false,
        Command::Back => {
            state.filtering = false;
            state.filter.clear();
            apply_filter(state);
        }
        _ => {}
    }
}

/// Keys of the table.
pub fn command_list(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let page = app.page_rows();
    let state = &mut app.databases;
    let before = state.selected;
    if move_selection(
        &mut state.selected,
        state.table.visible().len(),
        command,
        page,
    ) {
        if state.selected != before {
            state.revealed = false;
            if state.zoomed {
                open_details(app, fx);
            }
        }
        return;
    }
    match command {
        Command::Refresh => {
            load(app, fx);
            if app.databases.zoomed {
                calls::start_stats(app, fx);
            }
        }
        Command::Filter => state.filtering = true,
        Command::Back => {
            if state.zoomed {
                state.zoomed = false;
            } else if !state.filter.is_empty() {
                state.filter.clear();
                apply_filter(state);
            }
        }
        Command::SortNext | Command::SortReverse => {
            let (column, descending) = match (state.table.sort(), command) {
                (None, Command::SortNext) => (Column::Name, false),
                (None, _) => (Column::Name, true),
                (Some((c, _)), Command::SortNext) => (c.next(), false),
                (Some((c, d)), _) => (c, !d),
            };
            let keep = state.selected_database().map(|d| d.database_id.clone());
            state.table.set_sort(column, descending);
            if let Some(id) = keep {
                state.select_id(&id);
            }
        }
        Command::Select if state.selected_database().is_some() => {
            state.zoomed = true;
            open_details(app, fx);
        }
        Command::Reveal if state.selected_database().is_some() => {
            state.revealed = !state.revealed;
        }
        Command::CyclePeriod => {
            let i = StatsPeriod::ALL
                .iter()
                .position(|p| *p == state.period)
                .unwrap_or(0);
            state.period = StatsPeriod::ALL[(i + 1) % StatsPeriod::ALL.len()];
            if state.selected_database().is_some() {
                calls::start_stats(app, fx);
            }
        }
        Command::CopyMenu => {
            if let Some(db) = state.selected_database() {
                state.dialog = Some(Dialog::copy(db.database_id.clone()));
            }
        }
        Command::CreateDatabase if state.account_id.is_some() => {
            state.wizard = Some(Wizard::new());
        }
        Command::RenameDatabase => {
            if let Some(db) = state.selected_database() {
                state.dialog = Some(Dialog::rename(db));
            }
        }
        Command::DeleteDatabase => {
            if let Some(db) = state.selected_database() {
                state.dialog = Some(Dialog::delete(db));
            }
        }
        Command::EditRegions => {
            if let Some(db) = state.selected_database() {
                match dialog::regions(db) {
                    Ok(d) => state.dialog = Some(d),
                    Err(e) => app.toast(ToastKind::Error, e, fx),
                }
            }
        }
        Command::ToggleEviction => {
            if let Some(db) = state.selected_database() {
                let id = db.database_id.clone();
                let on = !db.eviction.unwrap_or(false);
                calls::start(app, Purpose::Eviction { id, on }, fx);
            }
        }
        Command::ResetPassword => {
            if let Some(db) = state.selected_database() {
                app.overlay = Some(Overlay::Confirm(Confirmation {
                    title: "Reset password".into(),
                    question: format!(
                        "Reset the password of {}? Clients using the current password or \
                         tokens stop working.",
                        db.database_name
                    ),
                    intent: ConfirmIntent::ResetPassword {
                        database_id: db.database_id.clone(),
                    },
                }));
            }
        }
        _ => {}
    }
}

/// Reads the selected database with its credentials, and its usage.
fn open_details(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(id) = app
        .databases
        .selected_database()
        .map(|d| d.database_id.clone())
    else {
        return;
    };
    calls::start(app, Purpose::Details { id }, fx);
    calls::start_stats(app, fx);
}
