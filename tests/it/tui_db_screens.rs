//! Snapshots of the Databases pane and the creation wizard at 80x24 and 60x16 (120x40 for
//! the side-by-side layout): table sorted, filtered, empty and failed; details with secrets
//! masked and revealed and usage; every wizard step with and without validation errors;
//! the review; the dialogs. Data and clock are fixed; answers are given by hand.

use crate::tui_support::{self, databases, key, screen, typed};
use updash::tui::{Action, Answer, App, Effect, ServiceError, ServiceErrorKind, update};
use updash::upstash::{Database, DatabaseStats, Team};
use updash::upstash::{DatabaseCall, DatabaseReply};

const SIZES: [(u16, u16); 2] = [(80, 24), (60, 16)];

fn snapshot_both(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        snapshot_at(name, app, w, h);
    }
}

fn snapshot_at(name: &str, app: &mut App, w: u16, h: u16) {
    // The size decides the table's window, as a resize would.
    update(app, Action::Resize(w, h));
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
}

pub fn teams() -> Vec<Team> {
    serde_json::from_value(serde_json::json!([{"team_id": "team-7", "team_name": "platform"}]))
        .expect("fixture teams")
}

pub fn stats() -> DatabaseStats {
    let series = |f: fn(f64) -> f64| -> Vec<serde_json::Value> {
        (0..40)
            .map(|i| serde_json::json!({"x": format!("t{i}"), "y": f(f64::from(i))}))
            .collect()
    };
    serde_json::from_value(serde_json::json!({
        "throughput": series(|i| (i % 7.0) * 3.0),
        "bandwidths": series(|i| i * 10.0),
        "diskusage": series(|i| 1000.0 + i),
        "latencymean": series(|i| 1.0 + (i % 3.0) / 10.0),
    }))
    .expect("fixture stats")
}

/// Answers a load of the accounts or of `dbs` and returns what the answer asks for; `None`
/// for any other effect.
pub fn answer_load(app: &mut App, effect: &Effect, dbs: &[Database]) -> Option<Vec<Effect>> {
    match *effect {
        Effect::LoadAccounts { request } => Some(update(
            app,
            Action::Answer {
                request,
                answer: Answer::AccountsLoaded(Ok(tui_support::accounts())),
            },
        )),
        Effect::LoadDatabases { request, .. } => Some(update(
            app,
            Action::Answer {
                request,
                answer: Answer::DatabasesLoaded(Ok(dbs.to_vec())),
            },
        )),
        _ => None,
    }
}

/// Answers loads and database calls as the sandbox would, for `dbs`.
pub fn answer(app: &mut App, effects: Vec<Effect>, dbs: &[Database]) {
    for effect in effects {
        let next = match (answer_load(app, &effect, dbs), effect) {
            (Some(next), _) => next,
            (None, Effect::Database { request, call, .. }) => {
                let reply = match call {
                    DatabaseCall::ListTeams => DatabaseReply::Teams(teams()),
                    DatabaseCall::Stats { .. } => DatabaseReply::Stats(Box::new(stats())),
                    DatabaseCall::Get { id } => match dbs.iter().find(|d| d.database_id == id) {
                        Some(d) => DatabaseReply::Database(Box::new(d.clone())),
                        None => DatabaseReply::Done,
                    },
                    _ => DatabaseReply::Done,
                };
                update(
                    app,
                    Action::Answer {
                        request,
                        answer: Answer::DatabaseDone(Ok(reply)),
                    },
                )
            }
            _ => Vec::new(),
        };
        answer(app, next, dbs);
    }
}

/// `app` started, with the accounts and `dbs` loaded.
fn started(mut app: App, dbs: &[Database]) -> App {
    let fx = update(&mut app, Action::Start);
    answer(&mut app, fx, dbs);
    app
}

/// The dashboard on the Databases tab of the "demo" (sandbox) account with `dbs` loaded.
pub fn on_databases(dbs: &[Database]) -> App {
    on_databases_of(tui_support::app(false, false), dbs)
}

/// `app` on the Databases tab of the "demo" (sandbox) account with `dbs` loaded.
pub fn on_databases_of(app: App, dbs: &[Database]) -> App {
    let mut app = started(app, dbs);
    // It opens on the default account's databases; the demo account is chosen in Accounts.
    key(&mut app, "2");
    key(&mut app, "j");
    let fx = key(&mut app, "enter");
    answer(&mut app, fx, dbs);
    app
}

#[test]
fn table_sorted_descending_by_name_with_teams_in_the_title() {
    let mut app = on_databases(&databases());
    key(&mut app, "s");
    key(&mut app, "S");
    snapshot_both("db_table_sorted", &mut app);
}

#[test]
fn table_sorted_by_creation_date() {
    let mut app = on_databases(&databases());
    for _ in 0..7 {
        key(&mut app, "s");
    }
    key(&mut app, "S");
    let screen = screen(&app, 80, 24);
    let archive = screen.find("archive").expect("archive listed");
    let sessions = screen.find("sessions ").expect("sessions listed");
    assert!(archive < sessions, "newest first:\n{screen}");
    assert!(screen.contains("Created ▼"), "{screen}");
}

#[test]
fn table_filtered_while_typing_and_after() {
    let mut app = on_databases(&databases());
    key(&mut app, "/");
    typed(&mut app, "ireland");
    snapshot_both("db_table_filtering", &mut app);
    key(&mut app, "enter");
    key(&mut app, "esc");
    assert_eq!(
        app.tabs.databases.table.visible().len(),
        3,
        "esc clears the filter"
    );
    key(&mut app, "/");
    typed(&mut app, "Iowa");
    key(&mut app, "enter");
    snapshot_both("db_table_filtered_smart_case", &mut app);
    key(&mut app, "/");
    typed(&mut app, "zzz");
    key(&mut app, "enter");
    snapshot_both("db_table_filter_no_match", &mut app);
}

#[test]
fn table_of_an_account_without_databases() {
    let mut app = on_databases(&[]);
    snapshot_both("db_table_empty", &mut app);
}

#[test]
fn table_when_the_first_load_fails_and_when_a_refresh_fails() {
    let mut app = started(tui_support::app(false, false), &databases());
    key(&mut app, "2");
    key(&mut app, "j");
    let fx = key(&mut app, "enter");
    let Some(Effect::LoadDatabases { request, .. }) = fx.first().cloned() else {
        panic!("loads databases: {fx:?}")
    };
    let error = ServiceError::new(
        ServiceErrorKind::Unavailable,
        "listing databases: the service failed (HTTP 503)",
    );
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DatabasesLoaded(Err(error.clone())),
        },
    );
    snapshot_both("db_table_error", &mut app);
    // A refresh a while later works, and the first failure's toast has gone by then.
    app.now += updash::tui::toast::ERROR_TOAST_LIFETIME;
    let fx = key(&mut app, "r");
    answer(&mut app, fx, &databases());
    assert!(app.toasts.is_empty(), "no toast of the fixed load is left");
    // A later refresh that fails keeps the list shown.
    let fx = key(&mut app, "r");
    let Some(Effect::LoadDatabases { request, .. }) = fx.first().cloned() else {
        panic!("reloads: {fx:?}")
    };
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DatabasesLoaded(Err(error)),
        },
    );
    snapshot_both("db_table_refresh_error", &mut app);
}

#[test]
fn wide_terminal_shows_details_beside_the_table() {
    let mut app = on_databases(&databases());
    key(&mut app, "j");
    snapshot_at("db_side_by_side", &mut app, 120, 40);
}

#[test]
fn details_with_secrets_masked_then_revealed() {
    let dbs = databases();
    let mut app = on_databases(&dbs);
    let fx = key(&mut app, "enter");
    answer(&mut app, fx, &dbs);
    let masked = screen(&app, 80, 24);
    assert!(!masked.contains("pw-db-1-secret"), "{masked}");
    snapshot_both("db_details_masked", &mut app);
    key(&mut app, "v");
    let revealed = screen(&app, 80, 24);
    assert!(revealed.contains("pw-db-1-secret"), "{revealed}");
    snapshot_both("db_details_revealed", &mut app);
    // Moving to another database hides them again.
    let fx = key(&mut app, "j");
    answer(&mut app, fx, &dbs);
    assert!(!screen(&app, 80, 24).contains("secret"));
}

/// The usage section in human units (sizes, separators, milliseconds, min / avg / max) and,
/// where the pane is tall enough, sparklines across its whole width.
#[test]
fn usage_in_human_units_with_sparklines_as_wide_as_the_pane() {
    let dbs = databases();
    let mut app = on_databases(&dbs);
    let fx = key(&mut app, "enter");
    answer(&mut app, fx, &dbs);
    snapshot_at("db_usage", &mut app, 100, 40);
    let text = screen(&app, 100, 40);
    assert!(text.contains("bandwidth  390 B now"), "{text}");
    let spark = text
        .lines()
        .find(|l| l.contains('█'))
        .expect("a sparkline is drawn");
    // Bars (or their blank lows) span the pane: none of the row is left unused at the end.
    let bars = spark.trim_matches(|c| c == '│' || c == ' ');
    assert!(bars.chars().count() > 90, "{spark}");
}

#[test]
fn usage_period_cycles_and_reloads() {
    let dbs = databases();
    let mut app = on_databases(&dbs);
    let fx = key(&mut app, "enter");
    answer(&mut app, fx, &dbs);
    let fx = key(&mut app, "p");
    assert!(
        fx.iter().any(|e| matches!(
            e,
            Effect::Database {
                call: DatabaseCall::Stats { period, .. },
                ..
            } if period.as_str() == "3h"
        )),
        "{fx:?}"
    );
    answer(&mut app, fx, &dbs);
    assert!(screen(&app, 80, 24).contains("Usage · 3h"));
}

#[test]
fn dialogs_copy_rename_regions_reset_and_delete() {
    let mut app = on_databases(&databases());
    key(&mut app, "y");
    snapshot_both("db_copy_menu", &mut app);
    key(&mut app, "esc");
    key(&mut app, "n");
    key(&mut app, "ctrl-u");
    typed(&mut app, "new name");
    key(&mut app, "enter");
    snapshot_both("db_rename_invalid", &mut app);
    key(&mut app, "esc");
    key(&mut app, "e");
    key(&mut app, "j");
    key(&mut app, "space");
    snapshot_both("db_regions", &mut app);
    key(&mut app, "esc");
    key(&mut app, "P");
    snapshot_both("db_reset_password_confirm", &mut app);
    key(&mut app, "n");
    key(&mut app, "d");
    snapshot_both("db_delete_confirm", &mut app);
    typed(&mut app, "session");
    key(&mut app, "enter");
    snapshot_both("db_delete_wrong_name", &mut app);
    typed(&mut app, "s");
    let fx = key(&mut app, "enter");
    assert!(
        matches!(&fx[..], [Effect::Database { call: DatabaseCall::Delete { id }, .. }] if id == "db-1"),
        "{fx:?}"
    );
}

#[test]
fn wizard_steps_with_and_without_errors() {
    let dbs = databases();
    let mut app = on_databases(&dbs);
    key(&mut app, "c");
    snapshot_both("wizard_name_empty", &mut app);
    key(&mut app, "enter");
    snapshot_both("wizard_name_required", &mut app);
    typed(&mut app, "cache eu!");
    key(&mut app, "enter");
    snapshot_both("wizard_name_invalid", &mut app);
    key(&mut app, "ctrl-u");
    typed(&mut app, "cache-eu");
    key(&mut app, "enter");
    snapshot_both("wizard_region", &mut app);
    typed(&mut app, "mars");
    key(&mut app, "enter");
    snapshot_both("wizard_region_no_match", &mut app);
    key(&mut app, "ctrl-u");
    typed(&mut app, "eu-");
    key(&mut app, "enter");
    snapshot_both("wizard_read_regions", &mut app);
    key(&mut app, "space");
    key(&mut app, "j");
    key(&mut app, "space");
    key(&mut app, "enter");
    snapshot_both("wizard_options", &mut app);
    key(&mut app, "enter");
    snapshot_both("wizard_options_free_plan_error", &mut app);
    key(&mut app, "right");
    key(&mut app, "tab");
    key(&mut app, "right");
    key(&mut app, "tab");
    typed(&mut app, "50x");
    key(&mut app, "enter");
    snapshot_both("wizard_review", &mut app);
    // Esc steps back through every step and keeps the values.
    for _ in 0..4 {
        key(&mut app, "esc");
    }
    let w = app.tabs.databases.wizard.as_ref().expect("wizard open");
    assert_eq!(w.name.value(), "cache-eu");
    for _ in 0..4 {
        key(&mut app, "enter");
    }
    let w = app.tabs.databases.wizard.as_ref().expect("wizard open");
    assert_eq!(w.read.chosen, ["us-east-1", "us-east-2"]);
    assert_eq!(w.budget.value(), "50");
    let fx = key(&mut app, "enter");
    snapshot_both("wizard_creating", &mut app);
    let Some(Effect::Database { request, call, .. }) = fx.first().cloned() else {
        panic!("creates: {fx:?}")
    };
    let DatabaseCall::Create { request: body, .. } = call else {
        panic!("a create call")
    };
    assert_eq!(body.plan.as_deref(), Some("payg"));
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DatabaseDone(Err(ServiceError::new(
                ServiceErrorKind::Unavailable,
                "creating database \"cache-eu\": the service failed (HTTP 503)",
            ))),
        },
    );
    snapshot_both("wizard_create_failed", &mut app);
    // The retry after a lost answer asks the services to look the name up first.
    let fx = key(&mut app, "enter");
    assert!(
        matches!(
            &fx[..],
            [Effect::Database {
                call: DatabaseCall::Create {
                    first_attempt: Some(_),
                    ..
                },
                ..
            }]
        ),
        "{fx:?}"
    );
    let Some(Effect::Database { request, .. }) = fx.first().cloned() else {
        panic!("creates again")
    };
    // What the service answers for this request: the new name, a new endpoint, the chosen
    // regions (not another database's).
    let mut created = dbs[1].clone();
    created.database_id = "db-new".into();
    created.database_name = "cache-eu".into();
    created.endpoint = Some("cache-eu-31337.upstash.io".into());
    created.primary_region = Some(body.primary_region.clone());
    created.read_regions = body.read_regions.clone();
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DatabaseDone(Ok(DatabaseReply::Database(Box::new(created)))),
        },
    );
    let done = screen(&app, 80, 24);
    assert!(done.contains("cache-eu-31337.upstash.io"), "{done}");
    assert!(!done.contains("rate-limits"), "{done}");
    snapshot_both("wizard_done", &mut app);
    key(&mut app, "enter");
    assert!(app.tabs.databases.wizard.is_none());
    assert_eq!(
        app.tabs
            .databases
            .selected_database()
            .map(|d| d.database_name.as_str()),
        Some("cache-eu")
    );
}

#[test]
fn auto_refresh_wakes_once_per_period_and_never_when_off() {
    let dbs = databases();
    // Off (the default): loading asks for no wake-up.
    let app = started(tui_support::app(false, false), &dbs);
    assert!(app.tabs.databases.next_refresh.is_none());

    let mut app = tui_support::app(false, false);
    app.tabs.databases.refresh_secs = 30;
    let mut fx = update(&mut app, Action::Start);
    let mut wakes = Vec::new();
    while let Some(effect) = fx.pop() {
        if let Effect::WakeAt(at) = effect {
            wakes.push(at);
        }
        let mut one = Vec::new();
        answer_collecting(&mut app, effect, &dbs, &mut one);
        fx.extend(one);
    }
    let due = tui_support::NOW + time::Duration::seconds(30);
    assert_eq!(wakes, [due], "one wake-up, at the refresh time");
    // A tick before it is due loads nothing; at the time it reloads the list.
    app.now = due - time::Duration::seconds(1);
    assert!(update(&mut app, Action::Tick).is_empty());
    app.now = due;
    let fx = update(&mut app, Action::Tick);
    assert!(matches!(&fx[..], [Effect::LoadDatabases { .. }]), "{fx:?}");
}

/// Answers one effect, collecting what a load's answer asks for instead of answering it.
fn answer_collecting(app: &mut App, effect: Effect, dbs: &[Database], out: &mut Vec<Effect>) {
    match answer_load(app, &effect, dbs) {
        Some(next) => out.extend(next),
        None => answer(app, vec![effect], dbs),
    }
}

#[test]
fn read_only_mode_hides_and_refuses_every_database_change() {
    let dbs = databases();
    let mut app = on_databases_of(tui_support::app(true, false), &dbs);
    for k in ["c", "n", "P", "e", "E", "d"] {
        let fx = key(&mut app, k);
        assert!(
            fx.iter().all(|e| matches!(e, Effect::WakeAt(_))),
            "{k}: {fx:?}"
        );
        assert!(app.tabs.databases.dialog.is_none() && app.tabs.databases.wizard.is_none());
        assert!(app.overlay.is_none(), "{k}");
    }
    let s = screen(&app, 80, 24);
    assert!(s.contains("Read-only mode"), "{s}");
    assert!(!s.contains("c create"), "{s}");
}
