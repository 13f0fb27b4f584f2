//! The passphrase dialog of locked credentials at 80x24: as it opens (nothing loads behind
//! it), with a masked passphrase typed, while the passphrase is checked, and after a wrong
//! one.

use crate::tui_support::{self, key, screen, typed};
use updash::tui::{Action, Answer, App, Effect, ServiceError, ServiceErrorKind, update};

fn locked() -> App {
    let mut app = tui_support::app(false, false);
    app.ask_for_passphrase();
    let fx = update(&mut app, Action::Start);
    assert!(fx.is_empty(), "nothing loads while locked: {fx:?}");
    app
}

#[test]
fn the_dialog_as_it_opens() {
    insta::assert_snapshot!("unlock_dialog_80x24", screen(&locked(), 80, 24));
}

#[test]
fn the_passphrase_is_masked_and_checked_off_the_loop() {
    let mut app = locked();
    assert!(typed(&mut app, "hunter2 q?").is_empty(), "typed, not run");
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("hunter2"), "{shown}");
    insta::assert_snapshot!("unlock_typed_80x24", shown);
    let fx = key(&mut app, "enter");
    let [Effect::Unlock { passphrase, .. }] = fx.as_slice() else {
        panic!("one unlock effect: {fx:?}");
    };
    assert_eq!(passphrase.expose(), "hunter2 q?");
    insta::assert_snapshot!("unlock_checking_80x24", screen(&app, 80, 24));
}

#[test]
fn a_wrong_passphrase_is_said_and_asked_again() {
    let mut app = locked();
    typed(&mut app, "wrong");
    let fx = key(&mut app, "enter");
    let [Effect::Unlock { request, .. }] = fx.as_slice() else {
        panic!("one unlock effect: {fx:?}");
    };
    let answer = Answer::Unlocked(Err(ServiceError::new(
        ServiceErrorKind::Rejected,
        "The passphrase is wrong",
    )));
    let fx = update(
        &mut app,
        Action::Answer {
            request: *request,
            answer,
        },
    );
    assert!(fx.is_empty());
    assert!(app.locked(), "asked again");
    insta::assert_snapshot!("unlock_wrong_80x24", screen(&app, 80, 24));
}

#[test]
fn the_right_passphrase_closes_the_dialog_and_loads_the_accounts() {
    let mut app = locked();
    typed(&mut app, "right");
    let fx = key(&mut app, "enter");
    let [Effect::Unlock { request, .. }] = fx.as_slice() else {
        panic!("one unlock effect: {fx:?}");
    };
    let fx = update(
        &mut app,
        Action::Answer {
            request: *request,
            answer: Answer::Unlocked(Ok(())),
        },
    );
    assert!(!app.locked());
    assert!(
        fx.iter().any(|e| matches!(e, Effect::LoadAccounts { .. })),
        "{fx:?}"
    );
}

#[test]
fn esc_quits_from_the_dialog() {
    let mut app = locked();
    typed(&mut app, "abc");
    let fx = key(&mut app, "esc");
    assert!(fx.contains(&Effect::Quit), "{fx:?}");
    assert!(app.should_quit);
}
