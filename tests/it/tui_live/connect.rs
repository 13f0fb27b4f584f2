//! Connecting an account from the dashboard: browser (listener and paste), API key, the
//! sandbox's keyboard sign-in, a denied sign-in and a cancelled one.

use super::{Live, browse, deliver};
use crossterm::event::Event;
use std::time::Duration;
use updash::tui::SignInStarted;

/// The choices under `--sandbox`, in order.
const KEYBOARD: usize = 0;
const BROWSER: usize = 1;
const API_KEY: usize = 3;

fn choose(live: &Live, index: usize) {
    for _ in 0..index {
        live.harness.key("j");
    }
    live.harness.key("enter");
}

/// A dashboard with the choice at `index` chosen.
async fn chosen(index: usize) -> Live {
    let live = Live::start().await;
    live.harness.wait_for("Connect an account").await;
    choose(&live, index);
    live
}

/// A dashboard waiting for the browser, and the sign-in it started.
async fn waiting_for_the_browser() -> (Live, SignInStarted) {
    let live = chosen(BROWSER).await;
    live.harness.wait_for("Waiting for the browser").await;
    let started = live.spy.started();
    (live, started)
}

async fn assert_connected(live: &Live) {
    let screen = live.harness.wait_for("Connected").await;
    assert!(screen.contains("operator@example.com"), "{screen}");
    let accounts = live.accounts();
    assert_eq!(accounts.len(), 1, "{accounts:?}");
    assert_eq!(accounts[0].email.as_deref(), Some("operator@example.com"));
    assert!(accounts[0].api_key.is_some(), "an API key is saved");
    live.assert_private_file();
}

#[tokio::test]
async fn connect_in_the_browser_through_the_listener() {
    let (live, started) = waiting_for_the_browser().await;
    let redirect = browse(&started.authorize_url, "allow").await;
    deliver(&redirect).await;
    assert_connected(&live).await;
    let account = &live.accounts()[0];
    assert!(account.refresh_token.is_some() && account.api_key_name.is_some());
    // The new account's databases load for the rest of the dashboard.
    live.harness.key("3");
    live.harness
        .wait_for("Databases of operator@example.com")
        .await;
    live.stop().await;
}

#[tokio::test]
async fn connect_by_pasting_the_redirect() {
    let (live, started) = waiting_for_the_browser().await;
    let redirect = browse(&started.authorize_url, "allow").await;
    // A paste of another address is refused under the box; the attempt keeps waiting.
    live.harness
        .send(Event::Paste("http://127.0.0.1:1/callback".into()));
    live.harness.key("enter");
    live.harness.wait_for("no ?code").await;
    live.harness.send(Event::Paste(redirect));
    live.harness.key("enter");
    assert_connected(&live).await;
    live.stop().await;
}

#[tokio::test]
async fn connect_with_email_and_api_key() {
    let live = chosen(API_KEY).await;
    live.harness.wait_for("Enter the account email").await;
    live.type_text("operator@example.com");
    live.harness.key("tab");
    live.type_text("not-the-key");
    live.harness.key("enter");
    live.harness.wait_for("refused").await;
    assert!(
        live.accounts().is_empty(),
        "nothing saved for a refused key"
    );
    live.harness.key("ctrl-u");
    live.type_text(updash_sandbox::SEEDED_API_KEY);
    live.harness.key("enter");
    assert_connected(&live).await;
    assert!(live.accounts()[0].refresh_token.is_none());
    live.stop().await;
}

#[tokio::test]
async fn connect_by_the_sandbox_keyboard_sign_in() {
    let live = chosen(KEYBOARD).await;
    let screen = live.harness.wait_for("seeded user's password").await;
    assert!(screen.contains("updash acts as your browser"), "{screen}");
    live.type_text("wrong");
    live.harness.key("enter");
    live.harness
        .wait_for("refused that email and password")
        .await;
    live.harness.key("ctrl-u");
    live.type_text(updash_sandbox::SEEDED_PASSWORD);
    live.harness.key("enter");
    assert_connected(&live).await;
    live.stop().await;
}

#[tokio::test]
async fn a_denied_sign_in_says_so_and_can_be_tried_again() {
    let (live, first) = waiting_for_the_browser().await;
    let redirect = browse(&first.authorize_url, "deny").await;
    deliver(&redirect).await;
    let screen = live.harness.wait_for("Sign-in to sandbox failed").await;
    assert!(screen.contains("access was denied"), "{screen}");
    assert!(live.accounts().is_empty());
    live.harness.key("r");
    live.harness.wait_for("Waiting for the browser").await;
    let second = live.spy.started();
    assert_ne!(first.authorize_url, second.authorize_url, "a fresh attempt");
    let redirect = browse(&second.authorize_url, "allow").await;
    deliver(&redirect).await;
    assert_connected(&live).await;
    live.stop().await;
}

#[tokio::test]
async fn escape_cancels_the_sign_in_and_closes_the_listener() {
    let (live, started) = waiting_for_the_browser().await;
    let port = started.listener_port.expect("a listener runs");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    live.harness.key("esc");
    live.harness.wait_for("Sign-in cancelled").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "port {port} still open"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(live.accounts().is_empty());
    live.stop().await;
}
