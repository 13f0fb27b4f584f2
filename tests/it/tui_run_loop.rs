//! The real run loop under a `TestBackend` with a scripted event stream.

use crate::tui_support::{Harness, RecordingServices, accounts, app, databases};
use crossterm::event::Event;
use std::sync::Arc;
use std::time::Duration;
use updash::tui::Tab;

#[tokio::test]
async fn draws_the_first_frame_follows_keys_and_quits() {
    let services = Arc::new(RecordingServices {
        accounts: accounts(),
        databases: databases(),
        ..Default::default()
    });
    let harness = Harness::start(app(false, false), Arc::clone(&services), 80, 24);
    // The default account is usable: its databases first.
    harness.wait_for("Databases of work").await;
    harness.key("2");
    harness.wait_for("legacy@example.com").await;
    harness.key("?");
    harness.wait_for("Keys: Accounts").await;
    harness.key("esc");
    harness.key("3");
    let screen = harness.wait_for("rate-limits").await;
    assert!(screen.contains("Databases of work"), "{screen}");
    harness.key("q");
    let (stats, app) = harness.finish().await;
    assert!(app.should_quit);
    assert_eq!(app.tab, Tab::Databases);
    assert_eq!(
        services.calls(),
        vec!["list_accounts", "list_databases acc-work"]
    );
    assert!(stats.draws >= 3, "{stats:?}");
}

#[tokio::test]
async fn an_idle_dashboard_neither_wakes_nor_draws() {
    // No accounts: the only background answer is the (empty) account list.
    let services = Arc::new(RecordingServices::default());
    let harness = Harness::start(app(false, false), Arc::clone(&services), 80, 24);
    harness.wait_for("Connect an account").await;
    let flushes = harness.screen.flushes();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(harness.screen.flushes(), flushes, "no redraw while idle");
    harness.key("q");
    let (stats, _) = harness.finish().await;
    // First frame + the frame after the account list arrived; the 'q' quits without drawing.
    assert_eq!(stats.draws, 2, "{stats:?}");
    // Woken by the account list and by 'q' only: no ticks.
    assert_eq!(stats.wake_ups, 2, "{stats:?}");
}

#[tokio::test]
async fn a_browser_sign_in_copies_the_url_and_escape_cancels_it() {
    let services = Arc::new(RecordingServices::default());
    let harness = Harness::start(app(false, true), Arc::clone(&services), 80, 24);
    harness.wait_for("Connect an account").await;
    harness.key("G");
    harness.key("enter");
    let screen = harness
        .wait_for("ssh -L 53682:127.0.0.1:53682 -L 43110:127.0.0.1:43110 db-admin.example.net")
        .await;
    assert!(screen.contains("OSC 52"), "{screen}");
    harness.key("esc");
    harness.wait_for("Sign-in cancelled").await;
    harness.key("q");
    let (_, app) = harness.finish().await;
    assert!(app.should_quit);
    let clipboard = services
        .clipboard
        .lock()
        .map(|c| c.clone())
        .unwrap_or_default();
    assert_eq!(
        clipboard,
        vec![crate::tui_support::started_sign_in().authorize_url]
    );
    assert_eq!(
        services.calls(),
        vec![
            "list_accounts",
            "start_sign_in sandbox",
            "finish_sign_in 1",
            "cancel_sign_in 1"
        ]
    );
}

#[tokio::test]
async fn a_signal_ends_the_loop() {
    let services = Arc::new(RecordingServices::default());
    let mut harness = Harness::start(app(false, false), services, 80, 24);
    harness.wait_for("Connect an account").await;
    harness.signal();
    let (_, app) = harness.finish().await;
    assert!(app.should_quit);
}

#[tokio::test]
async fn resizing_below_the_minimum_shows_the_too_small_screen_and_back() {
    let services = Arc::new(RecordingServices {
        accounts: accounts(),
        ..Default::default()
    });
    let harness = Harness::start(app(false, false), services, 80, 24);
    harness.wait_for("Databases of work").await;
    harness.key("2");
    harness.wait_for("legacy@example.com").await;
    harness.screen.resize(50, 12);
    harness.send(Event::Resize(50, 12));
    harness.wait_for("Terminal too small: 50x12").await;
    harness.screen.resize(80, 24);
    harness.send(Event::Resize(80, 24));
    harness.wait_for("legacy@example.com").await;
    harness.key("ctrl-c");
    let (_, app) = harness.finish().await;
    assert_eq!(app.size, (80, 24));
}
