//! The Backups section and the switches of the Databases tab: snapshots of the section and
//! of each dialog (answers given by hand), and the real loop against a sandbox over HTTP for
//! each write with its confirmation: back up, restore (the key comes back), delete, daily
//! on/off, a backup taken first before a delete, a fresh database's maintenance mode, and
//! TLS, automatic upgrade, plan and team.

use crate::tui_db_flows::SandboxServices;
use crate::tui_db_screens::{answer_load, on_databases, stats, teams};
use crate::tui_support::{self, Harness, app, databases, key, screen, typed};
use std::time::Duration;
use updash::tui::{Action, Answer, App, Effect, update};
use updash::upstash::{Backup, CredentialsMode, Database, DatabaseCall, DatabaseReply};
use updash_sandbox::{Options, Sandbox};

fn backups() -> Vec<Backup> {
    serde_json::from_value(serde_json::json!([
        {"backup_id": "bk-1", "database_id": "db-1", "name": "daily", "creation_time": 1_736_294_400,
         "state": "completed", "backup_size": 48_213, "daily_backup": "true"},
        {"backup_id": "bk-2", "database_id": "db-1", "name": "before-migration",
         "creation_time": 1_736_899_200, "state": "completed", "backup_size": 1_250_000,
         "daily_backup": "false", "unknown_field": 1}
    ]))
    .expect("fixture backups")
}

/// Answers like `tui_db_screens::answer`, with `backups()` for every database's backups.
fn answer(app: &mut App, effects: Vec<Effect>, dbs: &[Database]) {
    for effect in effects {
        let next = match (answer_load(app, &effect, dbs), effect) {
            (Some(next), _) => next,
            (None, Effect::Database { request, call, .. }) => {
                let reply = match call {
                    DatabaseCall::ListTeams => DatabaseReply::Teams(teams()),
                    DatabaseCall::Stats { .. } => DatabaseReply::Stats(Box::new(stats())),
                    DatabaseCall::ListBackups { .. } => DatabaseReply::Backups(backups()),
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

fn press(app: &mut App, k: &str, dbs: &[Database]) -> Vec<Effect> {
    let fx = key(app, k);
    let kept = fx.clone();
    answer(app, fx, dbs);
    kept
}

fn snapshot(name: &str, app: &mut App) {
    for (w, h) in [(80, 24), (100, 40)] {
        update(app, Action::Resize(w, h));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// On the Databases tab with `sessions` (db-1) open and its Backups section focused.
fn on_backups() -> (App, Vec<Database>) {
    let dbs = databases();
    let mut app = on_databases(&dbs);
    press(&mut app, "B", &dbs);
    (app, dbs)
}

#[test]
fn backups_section_lists_newest_first_and_marks_the_selection() {
    let (mut app, dbs) = on_backups();
    press(&mut app, "j", &dbs);
    snapshot("db_backups_focused", &mut app);
    let shown = screen(&app, 100, 40);
    let newest = shown.find("before-migration").expect("listed");
    let older = shown.find("daily ·").expect("listed");
    assert!(newest < older, "{shown}");
    // esc gives the keys back to the database: `d` is the database's delete again.
    press(&mut app, "esc", &dbs);
    press(&mut app, "d", &dbs);
    assert!(screen(&app, 80, 24).contains("Delete sessions"));
}

#[test]
fn the_backups_section_pages_like_every_list() {
    // Which backup a restore of the highlighted one names.
    fn restored(app: &mut App, dbs: &[Database]) -> Option<String> {
        press(app, "R", dbs);
        typed(app, "sessions");
        key(app, "enter").into_iter().find_map(|e| match e {
            Effect::Database {
                call: DatabaseCall::RestoreBackup { backup_id, .. },
                ..
            } => Some(backup_id),
            _ => None,
        })
    }
    let (mut app, dbs) = on_backups();
    // The newest is highlighted first; a page down reaches the last, a page up the first.
    press(&mut app, "pgdn", &dbs);
    assert_eq!(restored(&mut app, &dbs).as_deref(), Some("bk-1"));
    press(&mut app, "pgup", &dbs);
    assert_eq!(restored(&mut app, &dbs).as_deref(), Some("bk-2"));
}

#[test]
fn backup_name_dialog_and_its_call() {
    let (mut app, dbs) = on_backups();
    press(&mut app, "c", &dbs);
    snapshot("db_backup_name", &mut app);
    key(&mut app, "ctrl-u");
    let fx = key(&mut app, "enter");
    assert!(fx.is_empty(), "an empty name sends nothing: {fx:?}");
    assert!(screen(&app, 80, 24).contains("Name the backup."));
    typed(&mut app, "pre-change");
    let fx = key(&mut app, "enter");
    assert!(
        fx.iter().any(|e| matches!(e,
            Effect::Database { call: DatabaseCall::CreateBackup { id, name }, .. }
            if id == "db-1" && name == "pre-change")),
        "{fx:?}"
    );
    assert!(screen(&app, 100, 40).contains("backing up as pre-change"));
}

#[test]
fn restore_shows_what_is_overwritten_and_needs_the_name() {
    let (mut app, dbs) = on_backups();
    press(&mut app, "R", &dbs);
    snapshot("db_backup_restore", &mut app);
    typed(&mut app, "session");
    let fx = key(&mut app, "enter");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(screen(&app, 80, 24).contains("Type sessions exactly to restore."));
    typed(&mut app, "s");
    let fx = key(&mut app, "enter");
    assert!(
        fx.iter().any(|e| matches!(e,
            Effect::Database { call: DatabaseCall::RestoreBackup { id, backup_id }, .. }
            if id == "db-1" && backup_id == "bk-2")),
        "the newest is selected first: {fx:?}"
    );
}

#[test]
fn delete_backup_and_daily_switch_ask_first() {
    let (mut app, dbs) = on_backups();
    press(&mut app, "d", &dbs);
    snapshot("db_backup_delete_ask", &mut app);
    assert!(key(&mut app, "n").is_empty());
    press(&mut app, "D", &dbs);
    assert!(screen(&app, 80, 24).contains("Turn daily backups on for sessions?"));
    let fx = key(&mut app, "y");
    assert!(
        fx.iter().any(|e| matches!(e,
            Effect::Database { call: DatabaseCall::SetDailyBackup { id, on: true }, .. } if id == "db-1")),
        "{fx:?}"
    );
}

#[test]
fn plan_and_team_choices() {
    let dbs = databases();
    let mut app = on_databases(&dbs);
    press(&mut app, "L", &dbs);
    snapshot("db_plan_choice", &mut app);
    // The list opens on the current plan (payg); two down is fixed_1gb.
    key(&mut app, "j");
    key(&mut app, "j");
    let fx = key(&mut app, "enter");
    assert!(
        fx.iter().any(|e| matches!(e,
            Effect::Database { call: DatabaseCall::ChangePlan { plan, .. }, .. } if plan == "fixed_1gb")),
        "{fx:?}"
    );
    answer(&mut app, fx, &dbs);
    press(&mut app, "M", &dbs);
    snapshot("db_team_choice", &mut app);
    let fx = key(&mut app, "enter");
    assert!(
        fx.iter().any(|e| matches!(e,
            Effect::Database { call: DatabaseCall::MoveToTeam { team_id, .. }, .. } if team_id == "team-7")),
        "{fx:?}"
    );
}

#[test]
fn read_only_mode_refuses_backup_writes() {
    let dbs = databases();
    let mut app = crate::tui_db_screens::on_databases_of(tui_support::app(true, false), &dbs);
    press(&mut app, "B", &dbs);
    for k in ["c", "R", "d", "D"] {
        let fx = key(&mut app, k);
        assert!(
            !fx.iter().any(|e| matches!(e, Effect::Database { .. })),
            "{k}: {fx:?}"
        );
    }
    assert!(screen(&app, 80, 24).contains("Read-only mode"));
}

// ---- the real loop against a sandbox ----

async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default())
        .await
        .expect("sandbox starts")
}

async fn set_faults(sb: &Sandbox, faults: serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sandbox/faults", sb.url()))
        .json(&faults)
        .send()
        .await
        .expect("faults endpoint answers");
    assert!(response.status().is_success(), "{response:?}");
}

fn type_text(harness: &Harness, text: &str) {
    for c in text.chars() {
        harness.key(&c.to_string());
    }
}

/// Runs one Redis command on `id` over the sandbox's REST API; the reply's `result`.
async fn redis(
    sb: &Sandbox,
    services: &SandboxServices,
    id: &str,
    cmd: &[&str],
) -> serde_json::Value {
    let db = services
        .client()
        .get_database(id, CredentialsMode::Show)
        .await
        .expect("database read");
    let token = db.rest_token.expect("token");
    let url = sb.endpoints().rest_url(id).expect("data plane");
    let reply: serde_json::Value = reqwest::Client::new()
        .post(url)
        .bearer_auth(token.expose())
        .json(&cmd)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    reply["result"].clone()
}

async fn id_of(services: &SandboxServices, name: &str) -> String {
    services
        .client()
        .list_databases()
        .await
        .expect("listed")
        .into_iter()
        .find(|d| d.database_name == name)
        .map(|d| d.database_id)
        .expect("seeded")
}

/// Opens `sessions-prod` (filtered by name) in the dashboard.
async fn open_sessions_prod(harness: &Harness) {
    harness.key("3");
    harness.wait_for("sessions-prod").await;
    harness.key("/");
    type_text(harness, "sessions-prod");
    harness.key("enter");
    harness.wait_for("· 1 of 6").await;
    harness.key("enter");
    harness.wait_for("Usage · 1h").await;
}

#[tokio::test]
async fn back_up_change_restore_and_the_old_value_is_back() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let id = id_of(&services, "sessions-prod").await;
    assert_eq!(
        redis(&sb, &services, &id, &["SET", "greeting", "old"]).await,
        "OK"
    );
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    open_sessions_prod(&harness).await;
    harness.key("B");
    harness.wait_for("daily on · 2 backups").await;
    harness.key("c");
    harness.wait_for("Name the backup:").await;
    harness.key("ctrl-u");
    type_text(&harness, "tui-backup");
    harness.key("enter");
    harness
        .wait_for("Backed up sessions-prod as tui-backup")
        .await;
    harness.wait_for("3 backups").await;
    redis(&sb, &services, &id, &["SET", "greeting", "new"]).await;
    // The newest (just made) is selected.
    harness.key("g");
    harness.key("R");
    harness
        .wait_for("This replaces ALL data of sessions-prod")
        .await;
    type_text(&harness, "sessions-prod");
    harness.key("enter");
    harness
        .wait_for("Restored sessions-prod from backup tui-backup")
        .await;
    assert_eq!(
        redis(&sb, &services, &id, &["GET", "greeting"]).await,
        "old"
    );

    // Delete it (asks), then daily backups off (asks).
    harness.key("g");
    harness.key("d");
    harness.wait_for("Delete backup tui-backup").await;
    harness.key("y");
    harness.wait_for("Deleted backup tui-backup").await;
    harness.key("D");
    harness.wait_for("Turn daily backups off").await;
    harness.key("y");
    harness
        .wait_for("Daily backups off for sessions-prod")
        .await;
    harness.key("q");
    harness.finish().await;
    let client = services.client();
    let left = client.list_backups(&id).await.expect("listed");
    assert!(left.iter().all(|b| b.name != "tui-backup"), "{left:?}");
    let db = client
        .get_database(&id, CredentialsMode::Hide)
        .await
        .expect("read");
    assert_eq!(db.daily_backup_enabled, Some(false));
    sb.shutdown().await;
}

#[tokio::test]
async fn a_backup_first_then_the_delete_is_asked_again() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let id = id_of(&services, "sessions-prod").await;
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    open_sessions_prod(&harness).await;
    harness.key("d");
    harness.wait_for("ctrl-b takes a backup first").await;
    harness.key("ctrl-b");
    harness
        .wait_for("Once it is made, you are asked again.")
        .await;
    harness.key("enter");
    harness
        .wait_for("Backed up sessions-prod as sessions-prod-")
        .await;
    harness.wait_for("Type sessions-prod to confirm").await;
    let before = services.client().list_backups(&id).await.expect("listed");
    assert_eq!(
        before.len(),
        3,
        "the two seeded ones and the new one: {before:?}"
    );
    // The password reset offers the same.
    harness.key("esc");
    harness.key("P");
    harness.wait_for("ctrl-b takes a backup first").await;
    harness.key("n");
    harness.key("d");
    type_text(&harness, "sessions-prod");
    harness.key("enter");
    harness.wait_for("Deleted sessions-prod").await;
    harness.key("q");
    harness.finish().await;
    sb.shutdown().await;
}

#[tokio::test]
async fn a_fresh_database_is_backed_up_once_its_maintenance_mode_ends() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    // In maintenance until the test ends it (below), however slow the machine is.
    set_faults(&sb, serde_json::json!({"maintenance_window_secs": 600})).await;
    let client = services.client();
    client
        .create_database(&updash::upstash::CreateDatabase::new(
            "fresh-tui",
            "us-east-1",
        ))
        .await
        .expect("created");
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    harness.key("3");
    harness.wait_for("fresh-tui").await;
    harness.key("/");
    type_text(&harness, "fresh-tui");
    harness.key("enter");
    harness.key("enter");
    harness.key("B");
    harness.wait_for("none yet").await;
    harness.key("c");
    harness.wait_for("Name the backup:").await;
    harness.key("enter");
    harness.wait_for("backing up as fresh-tui-").await;
    // Let the first refusal come back, then end the maintenance: the next retry goes through.
    tokio::time::sleep(Duration::from_millis(500)).await;
    set_faults(&sb, serde_json::json!({"maintenance_window_secs": 0})).await;
    harness
        .wait_for_within(
            "(after waiting out maintenance mode",
            Duration::from_secs(15),
        )
        .await;
    harness.wait_for("1 backup").await;
    harness.key("q");
    harness.finish().await;
    sb.shutdown().await;
}

#[tokio::test]
async fn tls_auto_upgrade_plan_and_team_switches_reach_the_sandbox() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let id = id_of(&services, "sessions-prod").await;
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    open_sessions_prod(&harness).await;
    harness.key("T");
    harness
        .wait_for("TLS is on for sessions-prod already")
        .await;
    harness.key("U");
    harness.wait_for("Turn automatic plan upgrade on").await;
    harness.key("y");
    harness
        .wait_for("Automatic upgrade on for sessions-prod")
        .await;
    harness.key("L");
    harness.wait_for("Plan · sessions-prod").await;
    harness.key("j");
    harness.key("j");
    harness.key("enter");
    harness
        .wait_for("sessions-prod is on plan fixed_1gb now")
        .await;
    let db = services
        .client()
        .get_database(&id, CredentialsMode::Hide)
        .await
        .expect("read");
    assert_eq!(db.auto_upgrade, Some(true));
    assert_eq!(db.plan.as_deref(), Some("paid"));
    harness.key("M");
    harness.wait_for("Move sessions-prod to team").await;
    harness.key("enter");
    harness
        .wait_for("Moved sessions-prod to team Platform team")
        .await;
    harness.key("q");
    harness.finish().await;
    let mine = services.client().list_databases().await.expect("listed");
    assert!(mine.iter().all(|d| d.database_id != id));
    sb.shutdown().await;
}
