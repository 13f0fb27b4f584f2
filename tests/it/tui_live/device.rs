//! The device flow from the dashboard against the real sandbox: the code read off the
//! screen and approved at /activate (polling at the sandbox's own 5 s interval), a denied
//! code and an expired one in words with a retry, and Esc cancelling the polling.

use super::Live;
use std::time::Duration;
use updash_sandbox::test_browser::{advance_clock, answer_device_code};

/// Answers the device code at the sandbox's /activate with `decision`; the page must take it
/// (200 "Device connected" or "Access denied"), or the test would wait for nothing.
async fn answer(base: &str, code: &str, decision: &str) {
    let status = answer_device_code(base, code, decision).await;
    assert_eq!(status, 200, "the sandbox took the {decision} for {code}");
}

/// The device choice's place in the `--sandbox` list.
const DEVICE: usize = 2;
/// Fast polling for the tests that do not measure the interval.
const FAST: Option<Duration> = Some(Duration::from_millis(100));

fn choose_device(live: &Live) {
    for _ in 0..DEVICE {
        live.harness.key("j");
    }
    live.harness.key("enter");
}

/// The user code as the boxed, spaced-out line shows it ("B C D F - G H J K").
fn code_on_screen(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let squeezed: String = line
                .chars()
                .filter(|c| c.is_ascii_uppercase() || *c == '-')
                .collect();
            let spaced = line.contains(
                &squeezed
                    .chars()
                    .map(String::from)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let shaped = squeezed.len() == 9 && squeezed.find('-') == Some(4);
            (shaped && spaced).then_some(squeezed)
        })
        .next()
        .unwrap_or_else(|| panic!("no user code on the screen:\n{screen}"))
}

async fn started(live: &Live) -> (String, String) {
    let screen = live.harness.wait_for("Waiting for approval").await;
    let code = code_on_screen(&screen);
    let base = live.sandbox.url().to_string();
    assert!(screen.contains(&format!("{base}/activate")), "{screen}");
    assert!(
        screen.contains(&format!("/activate?user_code={code}")),
        "the complete URL carries the code shown: {screen}"
    );
    assert!(screen.contains("left"), "time left shown: {screen}");
    (base, code)
}

#[tokio::test]
async fn device_code_approved_on_another_device_connects_the_account() {
    let live = Live::start().await;
    live.harness.wait_for("Connect an account").await;
    choose_device(&live);
    let (base, code) = started(&live).await;
    answer(&base, &code, "allow").await;
    // The next poll comes after the sandbox's 5 s interval.
    let screen = live
        .harness
        .wait_for_within("Connected", Duration::from_secs(15))
        .await;
    assert!(screen.contains("operator@example.com"), "{screen}");
    let accounts = live.accounts();
    assert_eq!(accounts.len(), 1, "{accounts:?}");
    assert!(accounts[0].refresh_token.is_some() && accounts[0].api_key.is_some());
    live.assert_private_file();
    live.harness.wait_for("Databases of ").await;
    live.stop().await;
}

#[tokio::test]
async fn a_denied_device_code_says_so_and_can_be_tried_again() {
    let (sandbox, home, store) = Live::prepare().await;
    let live = Live::open_with(sandbox, home, store, FAST);
    live.harness.wait_for("Connect an account").await;
    choose_device(&live);
    let (base, first) = started(&live).await;
    answer(&base, &first, "deny").await;
    let screen = live.harness.wait_for("Sign-in to sandbox failed").await;
    assert!(screen.contains("access was denied"), "{screen}");
    assert!(live.accounts().is_empty());
    // Try again: a fresh code, approved this time.
    live.harness.key("r");
    let (_, second) = started(&live).await;
    assert_ne!(first, second, "a fresh code");
    answer(&base, &second, "allow").await;
    live.harness.wait_for("Connected").await;
    assert_eq!(live.accounts().len(), 1);
    live.stop().await;
}

#[tokio::test]
async fn an_expired_device_code_says_so() {
    let (sandbox, home, store) = Live::prepare().await;
    let live = Live::open_with(sandbox, home, store, FAST);
    live.harness.wait_for("Connect an account").await;
    choose_device(&live);
    let (base, _) = started(&live).await;
    advance_clock(&base, 601).await;
    let screen = live.harness.wait_for("Sign-in to sandbox failed").await;
    assert!(screen.contains("device code expired"), "{screen}");
    assert!(screen.contains("tries again"), "{screen}");
    live.stop().await;
}

#[tokio::test]
async fn escape_cancels_the_device_sign_in() {
    let (sandbox, home, store) = Live::prepare().await;
    let live = Live::open_with(sandbox, home, store, FAST);
    live.harness.wait_for("Connect an account").await;
    choose_device(&live);
    let (base, code) = started(&live).await;
    live.harness.key("esc");
    live.harness.wait_for("Sign-in cancelled").await;
    live.harness.wait_for("Connect an account").await;
    // Approving afterwards connects nothing: the polling stopped.
    answer(&base, &code, "allow").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(live.accounts().is_empty());
    assert!(!live.harness.screen.text().contains("Connected"));
    live.stop().await;
}
