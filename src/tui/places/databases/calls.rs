//! Database calls: starting them (one request id each, remembered with its purpose) and
//! taking their answers (unknown or superseded requests are dropped).

use super::StatsView;
use crate::tui::app::App;
use crate::tui::effect::{Effect, RequestId};
use crate::tui::places::wizard;
use crate::tui::services::ServiceError;
use crate::tui::toast::ToastKind;
use crate::upstash::CreateDatabase;
use crate::upstash::{DatabaseCall, DatabaseReply};

/// What an awaited database call is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// The selected database read with credentials (details opened).
    Details {
        /// The database.
        id: String,
    },
    /// Usage of the selected database.
    Stats {
        /// The database.
        id: String,
    },
    /// The account's teams.
    Teams,
    /// The wizard's create.
    Create {
        /// What is created.
        request: CreateDatabase,
        /// On a retry after a lost answer: when the first attempt started (Unix seconds).
        not_before: Option<i64>,
    },
    /// A rename.
    Rename {
        /// The database.
        id: String,
        /// The new name.
        name: String,
    },
    /// A password reset.
    ResetPassword {
        /// The database.
        id: String,
    },
    /// New read regions.
    Regions {
        /// The database.
        id: String,
        /// The new list.
        read_regions: Vec<String>,
    },
    /// Eviction on or off.
    Eviction {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// A delete.
    Delete {
        /// The database.
        id: String,
    },
}

impl Purpose {
    fn call(&self, period: crate::upstash::StatsPeriod) -> DatabaseCall {
        match self.clone() {
            Purpose::Details { id } => DatabaseCall::Get { id },
            Purpose::Stats { id } => DatabaseCall::Stats { id, period },
            Purpose::Teams => DatabaseCall::ListTeams,
            Purpose::Create {
                request,
                not_before,
            } => DatabaseCall::Create {
                request,
                first_attempt: not_before,
            },
            Purpose::Rename { id, name } => DatabaseCall::Rename { id, name },
            Purpose::ResetPassword { id } => DatabaseCall::ResetPassword { id },
            Purpose::Regions { id, read_regions } => {
                DatabaseCall::UpdateRegions { id, read_regions }
            }
            Purpose::Eviction { id, on } => DatabaseCall::SetEviction { id, on },
            Purpose::Delete { id } => DatabaseCall::Delete { id },
        }
    }

    /// Reads that a newer read of the same kind supersedes.
    fn supersedes(&self, older: &Purpose) -> bool {
        matches!(
            (self, older),
            (Purpose::Details { .. }, Purpose::Details { .. })
                | (Purpose::Stats { .. }, Purpose::Stats { .. })
                | (Purpose::Teams, Purpose::Teams)
        )
    }
}

/// Starts the call for `purpose` on the tab's account.
pub fn start(app: &mut App, purpose: Purpose, fx: &mut Vec<Effect>) {
    let Some(account_id) = app.databases.account_id.clone() else {
        return;
    };
    let request = app.new_request();
    let state = &mut app.databases;
    state.calls.retain(|(_, p)| !purpose.supersedes(p));
    let call = purpose.call(state.period);
    state.calls.push((request, purpose));
    fx.push(Effect::Database {
        request,
        account_id,
        call,
    });
}

/// Reads the selected database's usage for the current period.
pub fn start_stats(app: &mut App, fx: &mut Vec<Effect>) {
    let state = &mut app.databases;
    let Some(id) = state.selected_database().map(|d| d.database_id.clone()) else {
        return;
    };
    state.stats = Some(StatsView {
        database_id: id.clone(),
        period: state.period,
        stats: None,
        error: None,
    });
    start(app, Purpose::Stats { id }, fx);
}

/// Resets a password after the operator confirmed.
pub fn reset_password(app: &mut App, database_id: String, fx: &mut Vec<Effect>) {
    start(app, Purpose::ResetPassword { id: database_id }, fx);
}

fn name_of(app: &App, id: &str) -> String {
    app.databases
        .table
        .find(id)
        .map_or_else(|| id.to_string(), |e| e.db.database_name.clone())
}

/// Takes the answer to a database call.
pub fn replied(
    app: &mut App,
    request: RequestId,
    result: Result<DatabaseReply, ServiceError>,
    fx: &mut Vec<Effect>,
) {
    let state = &mut app.databases;
    let Some(at) = state.calls.iter().position(|(r, _)| *r == request) else {
        return;
    };
    let (_, purpose) = state.calls.remove(at);
    match (purpose, result) {
        (Purpose::Create { .. }, result) => wizard::created(app, result, fx),
        (Purpose::Teams, Ok(DatabaseReply::Teams(teams))) => app.databases.teams = teams,
        // Teams are extra information: an account without teams access still works.
        (Purpose::Teams, _) => {}
        (Purpose::Stats { id }, result) => {
            if let Some(view) = &mut app.databases.stats
                && view.database_id == id
            {
                match result {
                    Ok(DatabaseReply::Stats(stats)) => view.stats = Some(*stats),
                    Ok(_) => {}
                    Err(e) => view.error = Some(e.message),
                }
            }
        }
        (Purpose::Details { .. }, Ok(DatabaseReply::Database(db))) => {
            app.databases.table.upsert(*db);
        }
        (Purpose::Rename { id, name }, Ok(reply)) => {
            let old = name_of(app, &id);
            match reply {
                DatabaseReply::Database(db) => {
                    // A rename read back without credentials must not drop the ones shown.
                    let mut db = *db;
                    if let Some(known) = app.databases.table.find(&id) {
                        db.password = db.password.or(known.db.password.clone());
                        db.rest_token = db.rest_token.or(known.db.rest_token.clone());
                        db.read_only_rest_token = db
                            .read_only_rest_token
                            .or(known.db.read_only_rest_token.clone());
                    }
                    app.databases.table.upsert(db);
                }
                _ => app
                    .databases
                    .table
                    .update(&id, |d| d.database_name = name.clone()),
            }
            app.databases.select_id(&id);
            app.toast(ToastKind::Success, format!("Renamed {old} to {name}"), fx);
        }
        (Purpose::ResetPassword { id }, Ok(reply)) => {
            if let DatabaseReply::Database(db) = reply {
                app.databases.table.upsert(*db);
            }
            let name = name_of(app, &id);
            app.toast(
                ToastKind::Success,
                format!("New password for {name} (v reveals, y copies)"),
                fx,
            );
        }
        (Purpose::Regions { id, read_regions }, Ok(_)) => {
            app.databases
                .table
                .update(&id, |d| d.read_regions = read_regions.clone());
            app.databases.select_id(&id);
            let name = name_of(app, &id);
            app.toast(
                ToastKind::Success,
                format!("Read regions of {name} updated"),
                fx,
            );
        }
        (Purpose::Eviction { id, on }, Ok(_)) => {
            app.databases.table.update(&id, |d| d.eviction = Some(on));
            app.databases.select_id(&id);
            let name = name_of(app, &id);
            let word = if on { "on" } else { "off" };
            app.toast(
                ToastKind::Success,
                format!("Eviction {word} for {name}"),
                fx,
            );
        }
        (Purpose::Delete { id }, Ok(_)) => {
            let name = name_of(app, &id);
            app.databases.table.remove(&id);
            app.databases.clamp_selection();
            app.databases.zoomed = false;
            app.toast(ToastKind::Success, format!("Deleted {name}"), fx);
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
                _ => "Failed",
            };
            app.toast(ToastKind::Error, format!("{what}: {e}"), fx);
        }
    }
    super::follow(app);
}
