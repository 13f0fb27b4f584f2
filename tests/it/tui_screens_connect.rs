//! Snapshots of the connect and account screens (sandbox choices, keyboard sign-in, a
//! failed sign-in, the rename dialog, a token being refreshed) at 80x24 and 60x16; fixed clock and
//! data, the spinner on its first frame.

use crate::tui_support::{
    self, NOW, accounts, key, screen, started_sign_in, started_with_accounts, typed,
};
use time::Duration;
use updash::config::Config;
use updash::secret::Secret;
use updash::tui::{
    AccountChange, Action, Answer, App, AppInit, AttemptId, ConnectChoice, DeviceSignInStarted,
    Effect, Environment, KeyMap, RequestId, ServiceError, ServiceErrorKind, Styles, update,
};

const SIZES: [(u16, u16); 2] = [(80, 24), (60, 16)];

fn snapshot_both(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// A `--sandbox` dashboard with no account: the Connect tab.
fn sandbox_app() -> App {
    let app = App::new(AppInit {
        keymap: KeyMap::defaults(),
        choices: ConnectChoice::for_run(&Config::default(), true, Some("operator@example.com")),
        read_only: false,
        sandbox: true,
        styles: Styles::for_theme(updash::config::Theme::Mono, true),
        environment: Environment::default(),
        now: NOW,
        account: None,
        refresh_secs: 0,
        delimiters: vec![":".into()],
    });
    started_with_accounts(app, vec![])
}

fn start_request(fx: &[Effect]) -> RequestId {
    fx.iter()
        .find_map(|e| match e {
            Effect::StartSignIn { request, .. } => Some(*request),
            _ => None,
        })
        .expect("starts a sign-in")
}

/// The browser choice of a `--sandbox` dashboard, chosen; returns its request.
fn choose_browser(app: &mut App) -> RequestId {
    key(app, "j");
    let fx = key(app, "enter");
    start_request(&fx)
}

/// Answers the sign-in start of `request` with [`started_sign_in`].
fn answer_started(app: &mut App, request: RequestId) {
    update(
        app,
        Action::Answer {
            request,
            answer: Answer::SignInStarted(Ok(started_sign_in())),
        },
    );
}

/// Ends the sign-in of `request` as the provider does when the user denies access.
fn answer_denied(app: &mut App, request: RequestId) {
    update(
        app,
        Action::Answer {
            request,
            answer: Answer::AccountAdded(Err(ServiceError::new(
                ServiceErrorKind::Rejected,
                "access was denied at the provider (the user denied access)",
            ))),
        },
    );
}

/// The accounts pane with the canned accounts loaded.
fn accounts_app() -> App {
    // It lands on the default account's databases; the test goes to Accounts.
    let mut app = started_with_accounts(tui_support::app(false, false), accounts());
    key(&mut app, "2");
    app
}

#[test]
fn sandbox_connect_choices() {
    snapshot_both("sandbox_connect_choices", &sandbox_app());
}

#[test]
fn keyboard_sign_in_form() {
    let mut app = sandbox_app();
    let fx = key(&mut app, "enter");
    let request = start_request(&fx);
    snapshot_both("keyboard_sign_in_starting", &app);
    answer_started(&mut app, request);
    typed(&mut app, "sandbox");
    snapshot_both("keyboard_sign_in", &app);
    let fx = key(&mut app, "enter");
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::KeyboardSignIn { email, .. } if email == "operator@example.com")
        ),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::KeyboardSignInRejected(ServiceError::new(
                ServiceErrorKind::Rejected,
                "The sandbox refused that email and password (the seeded user is operator@example.com / sandbox)",
            )),
        },
    );
    snapshot_both("keyboard_sign_in_refused", &app);
}

#[test]
fn failed_sign_in_offers_to_try_again() {
    let mut app = sandbox_app();
    let request = choose_browser(&mut app);
    answer_started(&mut app, request);
    answer_denied(&mut app, request);
    snapshot_both("sign_in_failed", &app);
    // r starts a fresh attempt of the same kind.
    let fx = key(&mut app, "r");
    assert!(
        matches!(fx.first(), Some(Effect::StartSignIn { provider, .. }) if provider == "sandbox"),
        "{fx:?}"
    );
}

#[test]
fn a_port_in_use_is_said_in_words() {
    let mut app = sandbox_app();
    let request = choose_browser(&mut app);
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::SignInStarted(Err(ServiceError::new(
                ServiceErrorKind::Rejected,
                "port 3000 on 127.0.0.1 is already in use, and the provider only accepts \
                 sign-ins that come back to http://localhost:3000",
            ))),
        },
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("could not start"), "{text}");
    assert!(text.contains("already in use"), "{text}");
}

#[test]
fn rename_dialog() {
    let mut app = accounts_app();
    key(&mut app, "e");
    snapshot_both("rename", &app);
    key(&mut app, "ctrl-u");
    typed(&mut app, "demo");
    key(&mut app, "enter");
    snapshot_both("rename_taken", &app);
}

#[test]
fn token_refreshing() {
    let mut app = accounts_app();
    let fx = key(&mut app, "t");
    assert!(
        matches!(fx.first(), Some(Effect::UpdateAccount { account_id, change: AccountChange::RefreshToken, .. }) if account_id == "acc-work")
    );
    snapshot_both("accounts_refreshing", &app);
}

/// The device flow's codes, as the sandbox hands them out (fixed).
fn started_device() -> DeviceSignInStarted {
    DeviceSignInStarted {
        attempt: AttemptId(7),
        user_code: Secret::new("BCDF-GHJK"),
        verification_uri: "http://127.0.0.1:43110/activate".into(),
        verification_uri_complete: Some(Secret::new(
            "http://127.0.0.1:43110/activate?user_code=BCDF-GHJK",
        )),
        expires_at: NOW + Duration::minutes(9) + Duration::seconds(41),
    }
}

/// The device choice of a `--sandbox` dashboard, chosen; returns its request.
fn choose_device(app: &mut App) -> RequestId {
    key(app, "j");
    key(app, "j");
    let fx = key(app, "enter");
    fx.iter()
        .find_map(|e| match e {
            Effect::StartDeviceSignIn { request, provider } if provider == "sandbox" => {
                Some(*request)
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("starts a device sign-in: {fx:?}"))
}

#[test]
fn device_sign_in_shows_the_code_and_the_url() {
    let mut app = sandbox_app();
    let request = choose_device(&mut app);
    snapshot_both("device_sign_in_starting", &app);
    let fx = update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DeviceSignInStarted(Ok(started_device())),
        },
    );
    // The address with the code filled in is copied at once; no browser opens here.
    let complete = "http://127.0.0.1:43110/activate?user_code=BCDF-GHJK";
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::CopyToClipboard(url) if url == complete)),
        "{fx:?}"
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::OpenBrowser(_))));
    snapshot_both("device_sign_in", &app);
    // ctrl-y copies again; esc cancels the attempt and says so.
    let fx = key(&mut app, "ctrl-y");
    assert!(matches!(fx.as_slice(), [Effect::CopyToClipboard(url)] if url == complete));
    let fx = key(&mut app, "esc");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::CancelSignIn { attempt } if *attempt == AttemptId(7))),
        "{fx:?}"
    );
    assert!(screen(&app, 80, 24).contains("Sign-in cancelled"));
}

#[test]
fn a_denied_device_code_offers_to_try_again() {
    let mut app = sandbox_app();
    let request = choose_device(&mut app);
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DeviceSignInStarted(Ok(started_device())),
        },
    );
    answer_denied(&mut app, request);
    let text = screen(&app, 60, 16);
    assert!(text.contains("access was denied"), "{text}");
    let fx = key(&mut app, "r");
    assert!(
        matches!(fx.first(), Some(Effect::StartDeviceSignIn { provider, .. }) if provider == "sandbox"),
        "{fx:?}"
    );
}

#[test]
fn codes_arriving_after_esc_are_cancelled_at_once() {
    let mut app = sandbox_app();
    let request = choose_device(&mut app);
    let fx = key(&mut app, "esc");
    assert!(!fx.iter().any(|e| matches!(e, Effect::CancelSignIn { .. })));
    let fx = update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::DeviceSignInStarted(Ok(started_device())),
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::CancelSignIn { attempt }] if *attempt == AttemptId(7)),
        "{fx:?}"
    );
}
