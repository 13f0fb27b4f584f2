//! What the Databases tab does with the operator's inputs: move, filter, sort, open the
//! details, the actions on the selected database, its dialogs and the wizard; and the
//! loads that the active account, the tab coming on screen and the timer start.

use super::backups::{self, BackupsOutcome};
use super::calls::Purpose;
use super::dialog::{self, COPY_ITEMS, Dialog, DialogOutcome};
use super::state::DatabasesState;
use super::table::Column;
use super::wizard::{self, Wizard, WizardOutcome};
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::services::DataTarget;
use crate::tui::tab_state::{Browse, Input, Outcome, Request};
use crate::tui::toast::ToastKind;
use crate::upstash::StatsPeriod;

/// Takes one input of the Databases tab (its service answers go to `replies`).
pub fn update(state: &mut DatabasesState, input: Input, ctx: &mut Context) -> Outcome {
    let mut out = Outcome::default();
    match input {
        Input::Command(command) => {
            if let Some(dialog) = &mut state.dialog {
                let outcome = super::backup_dialogs::command(dialog, command)
                    .unwrap_or_else(|| dialog::command(dialog, command));
                after_dialog(state, outcome, ctx, &mut out);
            } else if let Some(w) = &mut state.wizard {
                let outcome = wizard::command(w, command);
                after_wizard(state, outcome, ctx, &mut out);
            } else if state.filtering {
                filter_command(state, command, ctx);
            } else if state.backups_focused() {
                backups_command(state, command, ctx, &mut out);
            } else {
                list_command(state, command, ctx, &mut out);
            }
            state.follow(ctx.size);
        }
        Input::Typed(key) => {
            if let Some(dialog) = &mut state.dialog {
                dialog.type_key(&key);
            } else if let Some(w) = &mut state.wizard {
                w.type_key(&key);
            } else if state.filtering && state.filter.handle_key(&key) {
                apply_filter(state);
            }
            state.follow(ctx.size);
        }
        Input::Paste(text) => {
            if let Some(dialog) = &mut state.dialog {
                dialog.paste(&text);
            } else if let Some(w) = &mut state.wizard {
                w.paste(&text);
            } else if state.filtering {
                state.filter.paste(&text);
                apply_filter(state);
            }
            state.follow(ctx.size);
        }
        // The first visit loads the active account's list.
        Input::Shown => {
            let other = ctx
                .active_account
                .is_some_and(|id| state.account_id.as_deref() != Some(id));
            if other && !state.loading.is_loading() {
                state.load(ctx, &mut out);
            }
        }
        Input::AccountSet => match ctx.active_account {
            Some(_) => state.load(ctx, &mut out),
            None => state.reset(None),
        },
        // Reload when the automatic refresh is due (and nothing else is loading).
        Input::Tick => {
            let due = state.next_refresh.is_some_and(|at| at <= ctx.now);
            if due && !state.loading.is_loading() {
                state.next_refresh = None;
                state.load(ctx, &mut out);
            }
        }
        _ => {}
    }
    out
}

/// Applies the typed filter, keeping the selected database when it still matches.
fn apply_filter(state: &mut DatabasesState) {
    let keep = state.selected_database().map(|d| d.database_id.clone());
    state.table.set_query(state.filter.value());
    state.selected = 0;
    if let Some(id) = keep {
        state.select_id(&id);
    }
}

fn after_dialog(
    state: &mut DatabasesState,
    outcome: DialogOutcome,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    if outcome != DialogOutcome::Stay {
        state.dialog = None;
    }
    match outcome {
        DialogOutcome::Copy { id, item } => copy(state, &id, item, out),
        DialogOutcome::Start(purpose) => start(state, purpose, ctx, out),
        DialogOutcome::BackupFirst { id, then } => {
            if let Some(entry) = state.table.find(&id) {
                state.dialog = Some(backups::name_dialog(&entry.db, ctx.now, Some(then)));
            }
        }
        DialogOutcome::Stay | DialogOutcome::Close => {}
    }
}

/// Starts `purpose`; a backup says it is under way (a new database may make it wait).
fn start(state: &mut DatabasesState, purpose: Purpose, ctx: &mut Context, out: &mut Outcome) {
    if let Purpose::CreateBackup { id, name, .. } = &purpose {
        if state.backups.as_ref().map(|b| b.database_id.as_str()) != Some(id.as_str()) {
            state.backups = Some(backups::BackupsView::new(id.clone()));
        }
        if let Some(view) = &mut state.backups {
            view.creating = Some(name.clone());
        }
        out.toast(
            ToastKind::Info,
            format!("Backing up as {name}… (a new database may be in maintenance mode for a while; updash waits and retries)"),
        );
    }
    state.start(purpose, ctx, out);
}

/// Keys of the focused Backups section.
fn backups_command(
    state: &mut DatabasesState,
    command: Command,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let (Some(db), Some(view)) = (state.selected_database().cloned(), &mut state.backups) else {
        return;
    };
    match backups::command(view, &db, command, ctx.now, ctx.page_rows()) {
        BackupsOutcome::Stay => {}
        BackupsOutcome::Leave => view.focused = false,
        BackupsOutcome::Open(dialog) => state.dialog = Some(*dialog),
        BackupsOutcome::Reload => state.start_backups(ctx, out),
        BackupsOutcome::Refuse(why) => out.toast(ToastKind::Error, why),
    }
}

fn after_wizard(
    state: &mut DatabasesState,
    outcome: WizardOutcome,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    match outcome {
        WizardOutcome::Stay => {}
        WizardOutcome::CopyMenu(id) => state.dialog = Some(Dialog::copy(id)),
        WizardOutcome::Close(created) => {
            state.wizard = None;
            if let Some(id) = created {
                if state.table.position_of(&id).is_none() {
                    state.filter.clear();
                    apply_filter(state);
                }
                state.select_id(&id);
            }
        }
        WizardOutcome::Create(purpose) => state.start(purpose, ctx, out),
    }
}

/// Copies one connection string of database `id` (OSC 52 through the services).
fn copy(state: &DatabasesState, id: &str, item: usize, out: &mut Outcome) {
    let (Some(entry), Some(item)) = (state.table.find(id), COPY_ITEMS.get(item)) else {
        return;
    };
    match (item.build)(&entry.db) {
        Ok(text) => {
            out.effect(Effect::CopyToClipboard(text));
            let name = &entry.db.database_name;
            out.toast(
                ToastKind::Success,
                format!("Copied the {} of {name}", item.label),
            );
        }
        Err(e) => out.toast(ToastKind::Error, format!("Cannot copy: {e}")),
    }
}

/// Keys while the filter is typed.
fn filter_command(state: &mut DatabasesState, command: Command, ctx: &Context) {
    let len = state.table.visible().len();
    if move_selection(&mut state.selected, len, command, ctx.page_rows()) {
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
fn list_command(
    state: &mut DatabasesState,
    command: Command,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let before = state.selected;
    let len = state.table.visible().len();
    if move_selection(&mut state.selected, len, command, ctx.page_rows()) {
        if state.selected != before {
            state.revealed = false;
            if state.zoomed {
                open_details(state, ctx, out);
            }
        }
        return;
    }
    let selected = state.selected_database().cloned();
    match (command, selected) {
        (Command::Refresh, _) => {
            state.load(ctx, out);
            if state.zoomed {
                state.start_stats(ctx, out);
            }
        }
        (Command::Filter, _) => state.filtering = true,
        (Command::Back, _) => {
            if state.zoomed {
                state.zoomed = false;
            } else if !state.filter.is_empty() {
                state.filter.clear();
                apply_filter(state);
            }
        }
        (Command::SortNext | Command::SortReverse, selected) => {
            let (column, descending) = match (state.table.sort(), command) {
                (None, Command::SortNext) => (Column::Name, false),
                (None, _) => (Column::Name, true),
                (Some((c, _)), Command::SortNext) => (c.next(), false),
                (Some((c, d)), _) => (c, !d),
            };
            state.table.set_sort(column, descending);
            if let Some(db) = selected {
                state.select_id(&db.database_id);
            }
        }
        (Command::Select, Some(_)) => {
            state.zoomed = true;
            open_details(state, ctx, out);
        }
        (Command::Reveal, Some(_)) => state.revealed = !state.revealed,
        (Command::CyclePeriod, selected) => {
            let i = StatsPeriod::ALL
                .iter()
                .position(|p| *p == state.period)
                .unwrap_or(0);
            state.period = StatsPeriod::ALL[(i + 1) % StatsPeriod::ALL.len()];
            if selected.is_some() {
                state.start_stats(ctx, out);
            }
        }
        (Command::CopyMenu, Some(db)) => state.dialog = Some(Dialog::copy(db.database_id)),
        (Command::BrowseData, Some(db)) => {
            if let Some(account_id) = state.account_id.clone() {
                out.request(Request::Browse(Browse {
                    target: DataTarget {
                        account_id,
                        database_id: db.database_id,
                    },
                    database_name: db.database_name,
                }));
            }
        }
        (Command::CreateDatabase, _) if state.account_id.is_some() => {
            state.wizard = Some(Wizard::new());
        }
        (Command::RenameDatabase, Some(db)) => state.dialog = Some(Dialog::rename(&db)),
        (Command::DeleteDatabase, Some(db)) => state.dialog = Some(Dialog::delete(&db)),
        (Command::EditRegions, Some(db)) => match dialog::regions(&db) {
            Ok(d) => state.dialog = Some(d),
            Err(e) => out.toast(ToastKind::Error, e),
        },
        (Command::ToggleEviction, Some(db)) => {
            let on = !db.eviction.unwrap_or(false);
            let id = db.database_id;
            state.start(Purpose::Eviction { id, on }, ctx, out);
        }
        (Command::ResetPassword, Some(db)) => {
            state.dialog = Some(backups::reset_question(&db));
        }
        (Command::Backups, Some(_)) => {
            if !state.zoomed {
                state.zoomed = true;
                open_details(state, ctx, out);
            } else if state.backups.is_none() {
                state.start_backups(ctx, out);
            }
            if let Some(view) = &mut state.backups {
                view.focused = true;
            }
        }
        (Command::EnableTls, Some(db)) if db.tls == Some(true) => {
            out.toast(
                ToastKind::Info,
                format!("TLS is on for {} already", db.database_name),
            );
        }
        (Command::EnableTls, Some(db)) => {
            state.dialog = Some(Dialog::Ask {
                title: format!("TLS · {}", db.database_name),
                question: format!(
                    "Turn TLS on for {}? It cannot be turned off; clients must connect with TLS.",
                    db.database_name
                ),
                purpose: Purpose::EnableTls { id: db.database_id },
                first: None,
            });
        }
        (Command::ToggleAutoUpgrade, Some(db)) => {
            let on = !db.auto_upgrade.unwrap_or(false);
            let word = if on { "on" } else { "off" };
            state.dialog = Some(Dialog::Ask {
                title: format!("Automatic upgrade · {}", db.database_name),
                question: format!(
                    "Turn automatic plan upgrade {word} for {}?",
                    db.database_name
                ),
                purpose: Purpose::AutoUpgrade {
                    id: db.database_id,
                    on,
                },
                first: None,
            });
        }
        (Command::ChangePlan, Some(db)) => {
            state.dialog = Some(super::backup_dialogs::plans(&db));
        }
        (Command::MoveToTeam, Some(db)) => match super::backup_dialogs::teams(&db, &state.teams) {
            Ok(d) => state.dialog = Some(d),
            Err(e) => out.toast(ToastKind::Error, e),
        },
        _ => {}
    }
}

/// Reads the selected database with its credentials, and its usage.
fn open_details(state: &mut DatabasesState, ctx: &mut Context, out: &mut Outcome) {
    let Some(id) = state.selected_database().map(|d| d.database_id.clone()) else {
        return;
    };
    state.start(Purpose::Details { id }, ctx, out);
    state.start_stats(ctx, out);
    state.start_backups(ctx, out);
}
