//! The Accounts tab's audit log pane: its screen, and reading entries for a write done in
//! the dashboard against a real sandbox.

use crate::tui_db_flows::SandboxServices;
use crate::tui_support::{self, Harness, app, key, screen};
use updash::tui::{Action, Answer, App, Effect, update};
use updash::upstash::DatabaseReply;
use updash::upstash::models::decode_audit_logs;
use updash_sandbox::{Options, Sandbox};

/// Entries as the service sends them, one with text that must not reach the terminal raw.
fn entries() -> Vec<updash::upstash::AuditLog> {
    let body = br#"[
      {"log_id":"1","customer_id":"ops@example.com","actor":"ops@example.com",
       "timestamp":1764587058,"action":2,"action_string":"Delete Database","source":"API_KEY - ci",
       "entity":"cache","secondary_entity":"96ad0856","third_entity":"","readable_format":"Delete Database cache",
       "ip":"1.2.3.4","ttl":1780311858,"reason":"","notes":"","new_field":true},
      {"log_id":"2","customer_id":"ops@example.com","actor":"ops@example.com",
       "timestamp":1764590000,"action":3,"action_string":"Rename Database","source":"CONSOLE",
       "entity":"pay\u001b[31mload\u202e","secondary_entity":"NA","third_entity":"","ip":"5.6.7.8"}
    ]"#;
    decode_audit_logs(body).unwrap_or_else(|e| panic!("{e}"))
}

/// Answers loads with canned data; the audit log call with `entries()`.
fn answer(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        let answer = match effect {
            Effect::LoadAccounts { request } => {
                Some((request, Answer::AccountsLoaded(Ok(tui_support::accounts()))))
            }
            Effect::LoadDatabases { request, .. } => Some((
                request,
                Answer::DatabasesLoaded(Ok(tui_support::databases())),
            )),
            Effect::Database { request, call, .. } => {
                let reply = match call {
                    updash::upstash::DatabaseCall::AuditLogs => DatabaseReply::AuditLogs(entries()),
                    _ => DatabaseReply::Teams(Vec::new()),
                };
                Some((request, Answer::DatabaseDone(Ok(reply))))
            }
            _ => None,
        };
        if let Some((request, answer)) = answer {
            let next = update(app, Action::Answer { request, answer });
            self::answer(app, next);
        }
    }
}

#[test]
fn the_audit_log_pane_lists_newest_first_sanitised() {
    let mut app = app(false, false);
    let fx = update(&mut app, Action::Start);
    answer(&mut app, fx);
    let fx = key(&mut app, "2");
    answer(&mut app, fx);
    let fx = key(&mut app, "l");
    answer(&mut app, fx);
    let shown = screen(&app, 100, 16);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    let newest = shown.find("Rename Database");
    let older = shown.find("Delete Database");
    assert!(newest.is_some() && newest < older, "newest first:\n{shown}");
    insta::assert_snapshot!("audit_log_pane_100x16", shown);
    key(&mut app, "j");
    insta::assert_snapshot!("audit_log_pane_second_100x16", screen(&app, 100, 16));
    key(&mut app, "?");
    let help = screen(&app, 100, 40);
    assert!(help.contains("Close the audit log"), "{help}");
    key(&mut app, "esc");
    key(&mut app, "esc");
    let back = screen(&app, 100, 16);
    assert!(
        back.contains("Accounts (") && !back.contains("Audit log"),
        "{back}"
    );
    key(&mut app, "?");
    let help = screen(&app, 100, 40);
    assert!(help.contains("audit log"), "{help}");
}

#[tokio::test]
async fn a_rename_in_the_dashboard_shows_in_the_audit_log() {
    let sb = Sandbox::start(Options::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let services = SandboxServices::new(sb.url());
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    harness.key("3");
    harness.wait_for("sessions-prod").await;
    harness.key("/");
    for c in "scratch".chars() {
        harness.key(&c.to_string());
    }
    harness.wait_for("· 1 of 6").await;
    harness.key("enter");
    harness.key("n");
    harness.key("ctrl-u");
    for c in "scratch-audited".chars() {
        harness.key(&c.to_string());
    }
    harness.key("enter");
    harness.wait_for("Renamed scratch to scratch-audited").await;
    harness.key("2");
    harness.wait_for("Accounts (1)").await;
    harness.key("l");
    let screen = harness.wait_for("Rename Database").await;
    assert!(screen.contains("Audit log · demo"), "{screen}");
    assert!(screen.contains("API_KEY - sandbox-person"), "{screen}");
    let screen = harness.wait_for("scratch-audited").await;
    assert!(
        screen.contains("Create Database"),
        "seeded entries too:\n{screen}"
    );
    harness.key("esc");
    harness.wait_for("Accounts (1)").await;
    harness.key("q");
    harness.finish().await;
    sb.shutdown().await;
}
