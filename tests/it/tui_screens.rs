//! Snapshots of every dashboard screen and overlay at 80x24 and at the 60x16 minimum, plus
//! the too-small screen; data and clock are fixed and the spinner shows its first frame.

use crate::tui_support::{
    self, NOW, accounts, databases, draw, key, screen, started_sign_in, typed,
};
use ratatui::style::Modifier;
use updash::tui::toast::ToastKind;
use updash::tui::{
    Action, Answer, App, Effect, RequestId, ServiceError, ServiceErrorKind, Tab, update,
};

const SIZES: [(u16, u16); 2] = [(80, 24), (60, 16)];

/// Snapshots `app` at both sizes as `<name>_<w>x<h>`.
fn snapshot_both(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// Answers every load in `effects` with the canned data, as the services would.
fn answer(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        let next = match effect {
            Effect::LoadAccounts { request } => update(
                app,
                Action::Answer {
                    request,
                    answer: Answer::AccountsLoaded(Ok(accounts())),
                },
            ),
            Effect::LoadDatabases { request, .. } => update(
                app,
                Action::Answer {
                    request,
                    answer: Answer::DatabasesLoaded(Ok(databases())),
                },
            ),
            Effect::Database { request, .. } => update(
                app,
                Action::Answer {
                    request,
                    answer: Answer::DatabaseDone(Ok(updash::upstash::DatabaseReply::Teams(
                        Vec::new(),
                    ))),
                },
            ),
            _ => Vec::new(),
        };
        answer(app, next);
    }
}

/// The dashboard with its accounts loaded, on the Accounts tab (it lands on the default
/// account's databases).
fn loaded(read_only: bool) -> App {
    let mut app = tui_support::app(read_only, false);
    let fx = update(&mut app, Action::Start);
    answer(&mut app, fx);
    let fx = key(&mut app, "2");
    answer(&mut app, fx);
    app
}

#[test]
fn accounts_pane() {
    let mut app = loaded(false);
    key(&mut app, "j");
    snapshot_both("accounts", &app);
}

#[test]
fn accounts_pane_before_anything_loaded() {
    let mut app = tui_support::app(false, false);
    update(&mut app, Action::Start);
    snapshot_both("accounts_loading", &app);
}

#[test]
fn databases_pane_of_a_sandbox_account() {
    let mut app = loaded(false);
    key(&mut app, "j");
    let fx = key(&mut app, "enter");
    answer(&mut app, fx);
    snapshot_both("databases", &app);
}

#[test]
fn databases_pane_without_an_account() {
    let mut app = tui_support::app(false, false);
    let fx = update(&mut app, Action::Start);
    let Some(Effect::LoadAccounts { request }) = fx.first().cloned() else {
        panic!("loads accounts")
    };
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::AccountsLoaded(Ok(vec![])),
        },
    );
    key(&mut app, "3");
    snapshot_both("databases_no_account", &app);
}

#[test]
fn connect_choices() {
    let mut app = loaded(false);
    key(&mut app, "1");
    snapshot_both("connect_choices", &app);
}

#[test]
fn api_key_form_masks_the_key_and_shows_the_error() {
    let mut app = loaded(false);
    key(&mut app, "1");
    key(&mut app, "j");
    key(&mut app, "enter");
    typed(&mut app, "ops@example.com");
    key(&mut app, "tab");
    typed(&mut app, "a-secret-key");
    let fx = key(&mut app, "enter");
    let Some(Effect::AddApiKeyAccount { request, .. }) = fx.first().cloned() else {
        panic!("submits")
    };
    let error = ServiceError::new(
        ServiceErrorKind::Rejected,
        "Upstash refused this email and API key (HTTP 401).",
    );
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::AccountAdded(Err(error)),
        },
    );
    for (w, h) in SIZES {
        let text = screen(&app, w, h);
        assert!(!text.contains("a-secret-key"), "the key is masked");
        insta::assert_snapshot!(format!("api_key_form_{w}x{h}"), text);
    }
}

fn signing_in(ssh: bool) -> App {
    let mut app = tui_support::app(false, ssh);
    key(&mut app, "1");
    key(&mut app, "G");
    let fx = key(&mut app, "enter");
    let Some(Effect::StartSignIn { request, .. }) = fx.first().cloned() else {
        panic!("starts a sign-in: {fx:?}")
    };
    update(
        &mut app,
        Action::Answer {
            request,
            answer: Answer::SignInStarted(Ok(started_sign_in())),
        },
    );
    app
}

#[test]
fn browser_sign_in_over_ssh() {
    snapshot_both("sign_in_ssh", &signing_in(true));
}

#[test]
fn browser_sign_in_on_this_machine() {
    let mut app = signing_in(false);
    update(
        &mut app,
        Action::Paste("http://127.0.0.1:53682/callback?code=x".into()),
    );
    snapshot_both("sign_in_local", &app);
}

#[test]
fn browser_sign_in_starting() {
    let mut app = tui_support::app(false, false);
    key(&mut app, "1");
    key(&mut app, "G");
    key(&mut app, "enter");
    snapshot_both("sign_in_starting", &app);
}

#[test]
fn help_overlay() {
    let mut app = loaded(false);
    key(&mut app, "?");
    snapshot_both("help_accounts", &app);
}

#[test]
fn help_overlay_scrolls_on_a_small_terminal() {
    let mut app = loaded(false);
    update(&mut app, Action::Resize(60, 16));
    key(&mut app, "?");
    key(&mut app, "G");
    insta::assert_snapshot!("help_accounts_scrolled_60x16", screen(&app, 60, 16));
}

#[test]
fn help_overlay_read_only_hides_writes() {
    let mut app = loaded(true);
    key(&mut app, "?");
    for (w, h) in SIZES {
        let text = screen(&app, w, h);
        assert!(!text.contains("Disconnect"), "write actions are hidden");
        insta::assert_snapshot!(format!("help_accounts_read_only_{w}x{h}"), text);
    }
}

#[test]
fn help_overlay_of_the_sign_in() {
    let mut app = signing_in(true);
    key(&mut app, "f1");
    snapshot_both("help_sign_in", &app);
}

#[test]
fn confirm_disconnect() {
    let mut app = loaded(false);
    key(&mut app, "d");
    snapshot_both("confirm_disconnect", &app);
}

#[test]
fn toasts() {
    let mut app = loaded(false);
    update(
        &mut app,
        Action::Notify(
            ToastKind::Success,
            "Connected work (ops@example.com)".into(),
        ),
    );
    update(
        &mut app,
        Action::Notify(ToastKind::Error, "Cannot list databases: HTTP 503".into()),
    );
    snapshot_both("toasts", &app);
}

#[test]
fn too_small() {
    let app = loaded(false);
    insta::assert_snapshot!("too_small_50x12", screen(&app, 50, 12));
    let text = screen(&app, 59, 16);
    assert!(text.contains("Terminal too small: 59x16"), "{text}");
}

#[test]
fn selection_is_visible_without_colour() {
    let mut app = loaded(false);
    key(&mut app, "j");
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("demo")
        })
        .expect("the demo row is drawn");
    for x in 3..70 {
        let cell = &buffer[(x, row)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "cell {x} of the selected row"
        );
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "mono theme sets no colour"
        );
    }
}

#[test]
fn stale_answers_leave_the_screen_alone() {
    let app_before = loaded(false);
    let mut app = loaded(false);
    update(
        &mut app,
        Action::Answer {
            request: RequestId {
                tab: Tab::Accounts,
                n: 999,
            },
            answer: Answer::AccountsLoaded(Ok(vec![])),
        },
    );
    assert_eq!(screen(&app, 80, 24), screen(&app_before, 80, 24));
    let _ = NOW;
}
