//! What the Databases tab does with its service answers: the list (stale ones, e.g. for a
//! previous account, are dropped; a failure keeps the rows shown) and each database call.

use super::backups;
use super::calls::{AfterBackup, Purpose};
use super::dialog::Dialog;
use super::state::DatabasesState;
use crate::tui::action::Answer;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::request::RequestId;
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::tui::tab_state::Outcome;
use crate::tui::toast::ToastKind;
use crate::upstash::{Database, DatabaseReply};

/// Takes the answer to `request`.
pub fn answered(
    state: &mut DatabasesState,
    request: RequestId,
    answer: Answer,
    ctx: &mut Context,
) -> Outcome {
    let mut out = Outcome::default();
    match answer {
        Answer::DatabasesLoaded(result) if state.loading.finish(request) => {
            listed(state, result, ctx, &mut out)
        }
        Answer::DatabaseDone(result) => {
            if let Some(purpose) = state.calls.take(request) {
                let follow_up = follow_up(&purpose, &result);
                replied(state, purpose, result, ctx.now.unix_timestamp(), &mut out);
                match follow_up {
                    FollowUp::Backups => state.start_backups(ctx, &mut out),
                    FollowUp::Details(id) => state.start(Purpose::Details { id }, ctx, &mut out),
                    FollowUp::Nothing => {}
                }
                state.follow(ctx.size);
            }
        }
        _ => {}
    }
    out
}

fn listed(
    state: &mut DatabasesState,
    result: Result<Vec<Database>, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    if state.refresh_secs > 0 {
        let secs = i64::try_from(state.refresh_secs).unwrap_or(i64::MAX);
        let at = ctx.now + time::Duration::seconds(secs);
        state.next_refresh = Some(at);
        out.effect(Effect::WakeAt(at));
    }
    match result {
        Ok(databases) => {
            // The teams follow the first list.
            if !state.loaded {
                state.start(Purpose::Teams, ctx, out);
            }
            let keep = state.selected_database().map(|d| d.database_id.clone());
            state.error = None;
            state.loaded = true;
            state.table.set_rows(databases);
            if let Some(id) = keep {
                state.select_id(&id);
            }
            state.clamp_selection();
            state.follow(ctx.size);
        }
        Err(e) => {
            state.error = Some(e.message.clone());
            let hint = if e.kind == ServiceErrorKind::NeedsSignIn {
                " — connect the account again"
            } else {
                ""
            };
            out.toast(
                ToastKind::Error,
                format!("Cannot list databases: {e}{hint}"),
            );
        }
    }
}

/// What a successful answer leads to: a fresh backup list, or the database read again.
enum FollowUp {
    Nothing,
    Backups,
    Details(String),
}

fn follow_up(purpose: &Purpose, result: &Result<DatabaseReply, ServiceError>) -> FollowUp {
    match (purpose, result) {
        (Purpose::CreateBackup { .. } | Purpose::DeleteBackup { .. }, _) => FollowUp::Backups,
        (Purpose::ChangePlan { id, .. }, Ok(_)) => FollowUp::Details(id.clone()),
        _ => FollowUp::Nothing,
    }
}

fn name_of(state: &DatabasesState, id: &str) -> String {
    state
        .table
        .find(id)
        .map_or_else(|| id.to_string(), |e| e.db.database_name.clone())
}

/// Takes the answer to a database call made for `purpose`, at `now` (Unix seconds).
fn replied(
    state: &mut DatabasesState,
    purpose: Purpose,
    result: Result<DatabaseReply, ServiceError>,
    now: i64,
    out: &mut Outcome,
) {
    let table = &mut state.table;
    match (purpose, result) {
        (Purpose::Create { .. }, result) => match (&mut state.wizard, result) {
            (Some(w), Ok(DatabaseReply::Database(db))) => {
                w.created(db.database_id.clone());
                out.toast(ToastKind::Success, format!("Created {}", db.database_name));
                table.upsert(*db);
            }
            (Some(w), Ok(_)) => w.creating = false,
            (Some(w), Err(e)) => w.create_failed(&e, now),
            // The wizard was closed meanwhile: still show the database.
            (None, Ok(DatabaseReply::Database(db))) => table.upsert(*db),
            (None, _) => {}
        },
        (Purpose::Teams, Ok(DatabaseReply::Teams(teams))) => state.teams = teams,
        // Teams are extra information: an account without teams access still works.
        (Purpose::Teams, _) => {}
        (Purpose::Stats { id }, result) => {
            if let Some(view) = &mut state.stats
                && view.database_id == id
            {
                match result {
                    Ok(DatabaseReply::Stats(stats)) => view.stats = Some(*stats),
                    Ok(_) => {}
                    Err(e) => view.error = Some(e.message),
                }
            }
        }
        (Purpose::Details { .. }, Ok(DatabaseReply::Database(db))) => table.upsert(*db),
        (Purpose::Rename { id, name }, Ok(reply)) => {
            let old = name_of(state, &id);
            let table = &mut state.table;
            match reply {
                DatabaseReply::Database(db) => {
                    // A rename read back without credentials must not drop the ones shown.
                    let mut db = *db;
                    if let Some(known) = table.find(&id) {
                        db.password = db.password.or(known.db.password.clone());
                        db.rest_token = db.rest_token.or(known.db.rest_token.clone());
                        db.read_only_rest_token = db
                            .read_only_rest_token
                            .or(known.db.read_only_rest_token.clone());
                    }
                    table.upsert(db);
                }
                _ => table.update(&id, |d| d.database_name = name.clone()),
            }
            state.select_id(&id);
            out.toast(ToastKind::Success, format!("Renamed {old} to {name}"));
        }
        (Purpose::ResetPassword { id }, Ok(reply)) => {
            if let DatabaseReply::Database(db) = reply {
                table.upsert(*db);
            }
            let name = name_of(state, &id);
            out.toast(
                ToastKind::Success,
                format!("New password for {name} (v reveals, y copies)"),
            );
        }
        (Purpose::Regions { id, read_regions }, Ok(_)) => {
            table.update(&id, |d| d.read_regions = read_regions.clone());
            state.select_id(&id);
            let name = name_of(state, &id);
            out.toast(
                ToastKind::Success,
                format!("Read regions of {name} updated"),
            );
        }
        (Purpose::Eviction { id, on }, Ok(_)) => {
            table.update(&id, |d| d.eviction = Some(on));
            state.select_id(&id);
            let name = name_of(state, &id);
            let word = if on { "on" } else { "off" };
            out.toast(ToastKind::Success, format!("Eviction {word} for {name}"));
        }
        (Purpose::Delete { id }, Ok(_)) => {
            let name = name_of(state, &id);
            state.table.remove(&id);
            state.clamp_selection();
            state.zoomed = false;
            out.toast(ToastKind::Success, format!("Deleted {name}"));
        }
        (Purpose::Backups { id }, result) => {
            if let Some(view) = &mut state.backups
                && view.database_id == id
            {
                match result {
                    Ok(DatabaseReply::Backups(list)) => view.set(list),
                    Ok(_) => {}
                    Err(e) => view.error = Some(e.message),
                }
            }
        }
        (Purpose::CreateBackup { id, name, then }, result) => {
            if let Some(view) = &mut state.backups
                && view.database_id == id
            {
                view.creating = None;
            }
            let db_name = name_of(state, &id);
            match result {
                Ok(reply) => {
                    let waited = match reply {
                        DatabaseReply::BackupCreated { maintenance_waits }
                            if maintenance_waits > 0 =>
                        {
                            format!(" (after waiting out maintenance mode {maintenance_waits}×)")
                        }
                        _ => String::new(),
                    };
                    out.toast(
                        ToastKind::Success,
                        format!("Backed up {db_name} as {name}{waited}"),
                    );
                    if let (Some(then), Some(entry)) = (then, state.table.find(&id)) {
                        state.dialog = Some(match then {
                            AfterBackup::Delete => Dialog::delete(&entry.db),
                            AfterBackup::ResetPassword => backups::reset_question(&entry.db),
                        });
                    }
                }
                Err(e) => out.toast(ToastKind::Error, format!("Backup of {db_name} failed: {e}")),
            }
        }
        (Purpose::RestoreBackup { id, name, .. }, Ok(_)) => {
            let db_name = name_of(state, &id);
            out.toast(
                ToastKind::Success,
                format!("Restored {db_name} from backup {name}"),
            );
        }
        (
            Purpose::DeleteBackup {
                id,
                backup_id,
                name,
            },
            Ok(_),
        ) => {
            if let Some(view) = &mut state.backups
                && view.database_id == id
                && let Some(list) = &mut view.list
            {
                list.retain(|b| b.backup_id != backup_id);
                view.selected = view.selected.min(list.len().saturating_sub(1));
            }
            out.toast(ToastKind::Success, format!("Deleted backup {name}"));
        }
        (Purpose::DailyBackup { id, on }, Ok(_)) => {
            table.update(&id, |d| d.daily_backup_enabled = Some(on));
            let word = if on { "on" } else { "off" };
            let name = name_of(state, &id);
            out.toast(
                ToastKind::Success,
                format!("Daily backups {word} for {name}"),
            );
        }
        (Purpose::EnableTls { id }, Ok(_)) => {
            table.update(&id, |d| d.tls = Some(true));
            let name = name_of(state, &id);
            out.toast(ToastKind::Success, format!("TLS on for {name}"));
        }
        (Purpose::AutoUpgrade { id, on }, Ok(_)) => {
            table.update(&id, |d| d.auto_upgrade = Some(on));
            let word = if on { "on" } else { "off" };
            let name = name_of(state, &id);
            out.toast(
                ToastKind::Success,
                format!("Automatic upgrade {word} for {name}"),
            );
        }
        (Purpose::ChangePlan { id, plan }, Ok(_)) => {
            let name = name_of(state, &id);
            out.toast(ToastKind::Success, format!("{name} is on plan {plan} now"));
        }
        (Purpose::MoveToTeam { id, team_name, .. }, Ok(_)) => {
            let name = name_of(state, &id);
            state.table.remove(&id);
            state.clamp_selection();
            state.zoomed = false;
            out.toast(
                ToastKind::Success,
                format!("Moved {name} to team {team_name}"),
            );
        }
        (_, Ok(_)) => {}
        (purpose, Err(e)) => {
            let what = match purpose {
                Purpose::Details { .. } => "Cannot read the database",
                Purpose::Rename { .. } => "Rename failed",
                Purpose::ResetPassword { .. } => "Password reset failed",
                Purpose::Regions { .. } => "Updating read regions failed",
                Purpose::Eviction { .. } => "Changing eviction failed",
                Purpose::Delete { .. } => "Delete failed",
                Purpose::RestoreBackup { .. } => "Restore failed",
                Purpose::DeleteBackup { .. } => "Deleting the backup failed",
                Purpose::DailyBackup { .. } => "Changing daily backups failed",
                Purpose::EnableTls { .. } => "Turning TLS on failed",
                Purpose::AutoUpgrade { .. } => "Changing automatic upgrade failed",
                Purpose::ChangePlan { .. } => "Changing the plan failed",
                Purpose::MoveToTeam { .. } => "Moving to the team failed",
                _ => "Failed",
            };
            out.toast(ToastKind::Error, format!("{what}: {e}"));
        }
    }
}
