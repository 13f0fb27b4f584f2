use super::*;
use crate::tui::action::Answer;
use crate::tui::init::AppInit;
use crate::tui::init::Environment;
use crate::tui::keymap::{KeyContext, KeyMap};
use crate::tui::request::RequestId;
use crate::tui::services::{AttemptId, ServiceError, ServiceErrorKind, SignInStarted};
use crate::tui::tabs::connect::ConnectStep;
use crate::tui::theme::Styles;
use crate::tui::view_model::{AccountRow, ChoiceKind, ConnectChoice};
use crossterm::event::{KeyCode, KeyModifiers};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const T0: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

fn app_with(keymap: KeyMap, read_only: bool, ssh: bool) -> App {
    App::new(AppInit {
        keymap,
        choices: vec![
            ConnectChoice {
                title: "Add an upstash account with email + API key".into(),
                detail: String::new(),
                kind: ChoiceKind::ApiKey {
                    provider: "upstash".into(),
                },
            },
            ConnectChoice {
                title: "Try the sandbox".into(),
                detail: String::new(),
                kind: ChoiceKind::BrowserSignIn {
                    provider: "sandbox".into(),
                },
            },
        ],
        read_only,
        sandbox: false,
        styles: Styles::default(),
        environment: Environment {
            ssh_host: ssh.then(|| "db-admin.example".to_string()),
            ssh_port: None,
        },
        now: T0,
        account: None,
        refresh_secs: 0,
        delimiters: vec![":".into()],
    })
}

fn app() -> App {
    app_with(KeyMap::defaults(), false, false)
}

fn account(id: &str) -> AccountRow {
    AccountRow {
        id: id.into(),
        label: id.into(),
        provider: "upstash".into(),
        email: format!("{id}@example.com"),
        team: None,
        token_expires_at: Some(T0 + Duration::days(2)),
        needs_sign_in: false,
        is_default: false,
        api_key_name: None,
        has_api_key: false,
    }
}

fn key(app: &mut App, text: &str) -> Vec<Effect> {
    let chord = KeyChord::parse(text).expect("test key");
    update(app, Action::Key(KeyEvent::new(chord.code, chord.modifiers)))
}

fn answer(app: &mut App, request: RequestId, answer: Answer) -> Vec<Effect> {
    update(app, Action::Answer { request, answer })
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(
            app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn load_request(fx: &[Effect]) -> RequestId {
    fx.iter()
        .find_map(|e| match e {
            Effect::LoadAccounts { request } => Some(*request),
            _ => None,
        })
        .expect("a LoadAccounts effect")
}

/// An app whose accounts `a` and `b` are loaded, on the Accounts tab.
fn loaded_app(read_only: bool) -> App {
    let mut app = app_with(KeyMap::defaults(), read_only, false);
    let fx = update(&mut app, Action::Start);
    let request = load_request(&fx);
    answer(
        &mut app,
        request,
        Answer::AccountsLoaded(Ok(vec![account("a"), account("b")])),
    );
    // It lands on the databases of the usable account; these tests start in Accounts.
    key(&mut app, "2");
    app
}

/// The tab the dashboard shows once its first account list is answered with `rows`.
fn landing(rows: Vec<AccountRow>) -> Tab {
    let mut app = app();
    let request = load_request(&update(&mut app, Action::Start));
    answer(&mut app, request, Answer::AccountsLoaded(Ok(rows)));
    app.tab
}

#[test]
fn it_lands_on_connect_without_accounts() {
    assert_eq!(landing(vec![]), Tab::Connect);
}

#[test]
fn it_lands_on_the_databases_of_a_usable_account() {
    assert_eq!(landing(vec![account("a")]), Tab::Databases);
    // An API-key account (no tokens) is usable too.
    let mut key_only = account("k");
    key_only.token_expires_at = None;
    assert_eq!(landing(vec![key_only]), Tab::Databases);
}

#[test]
fn it_lands_on_accounts_when_the_chosen_account_must_sign_in_again() {
    let mut expired = account("old");
    expired.needs_sign_in = true;
    expired.is_default = true;
    assert_eq!(landing(vec![expired, account("b")]), Tab::Accounts);
}

#[test]
fn a_later_reload_does_not_move_the_operator() {
    let mut app = app();
    let request = load_request(&update(&mut app, Action::Start));
    answer(
        &mut app,
        request,
        Answer::AccountsLoaded(Ok(vec![account("a")])),
    );
    key(&mut app, "2");
    let request = load_request(&key(&mut app, "r"));
    answer(
        &mut app,
        request,
        Answer::AccountsLoaded(Ok(vec![account("a")])),
    );
    assert_eq!(app.tab, Tab::Accounts);
}

#[test]
fn start_loads_accounts_and_a_stale_answer_is_dropped() {
    let mut app = app();
    let first = load_request(&update(&mut app, Action::Start));
    // Refresh before the first answer: the first answer is now stale.
    let second = load_request(&key(&mut app, "r"));
    assert_ne!(first, second);
    answer(
        &mut app,
        first,
        Answer::AccountsLoaded(Ok(vec![account("stale")])),
    );
    assert!(app.tabs.accounts.rows.is_empty(), "stale answer ignored");
    assert!(app.tabs.accounts.loading.is_loading());
    let fx = answer(
        &mut app,
        second,
        Answer::AccountsLoaded(Ok(vec![account("fresh")])),
    );
    assert_eq!(app.tabs.accounts.rows, vec![account("fresh")]);
    assert_eq!(app.active_account.as_deref(), Some("fresh"));
    assert!(matches!(&fx[..], [Effect::LoadDatabases { account_id, .. }] if account_id == "fresh"));
    // The same answer again is stale now.
    answer(&mut app, second, Answer::AccountsLoaded(Ok(vec![])));
    assert_eq!(app.tabs.accounts.rows.len(), 1);
}

#[test]
fn stale_database_answer_for_a_previous_account_is_dropped() {
    let mut app = loaded_app(false);
    let old = app.tabs.databases.loading;
    key(&mut app, "j");
    let fx = key(&mut app, "enter");
    let Some(Effect::LoadDatabases {
        request,
        account_id,
    }) = fx.first().cloned()
    else {
        panic!("expected a load: {fx:?}");
    };
    assert_eq!(account_id, "b");
    assert_eq!(app.tab, Tab::Databases);
    assert_ne!(old, app.tabs.databases.loading);
    answer(
        &mut app,
        RequestId {
            n: request.n - 1,
            ..request
        },
        Answer::DatabasesLoaded(Ok(vec![])),
    );
    assert!(app.tabs.databases.loading.is_loading());
    answer(
        &mut app,
        request,
        Answer::DatabasesLoaded(Err(ServiceError::new(
            ServiceErrorKind::Unavailable,
            "HTTP 503",
        ))),
    );
    assert_eq!(app.tabs.databases.error.as_deref(), Some("HTTP 503"));
}

#[test]
fn toasts_expire_by_the_clock_in_the_actions() {
    let mut app = app();
    let fx = update(&mut app, Action::Notify(ToastKind::Success, "saved".into()));
    assert_eq!(
        fx,
        vec![Effect::WakeAt(T0 + crate::tui::toast::TOAST_LIFETIME)]
    );
    assert_eq!(app.toasts.iter().count(), 1);
    app.now = T0 + Duration::seconds(4);
    update(&mut app, Action::Tick);
    assert_eq!(app.toasts.iter().count(), 1);
    app.now = T0 + Duration::seconds(5);
    update(&mut app, Action::Tick);
    assert!(app.toasts.is_empty());
}

#[test]
fn help_overlay_opens_for_the_current_tab_and_closes() {
    let mut app = loaded_app(false);
    key(&mut app, "?");
    assert_eq!(
        app.overlay,
        Some(Overlay::Help {
            context: KeyContext::Accounts,
            scroll: 0,
        })
    );
    assert_eq!(app.key_context(), KeyContext::Help);
    // Movement keys scroll the help (when it is longer than the screen), not the list.
    app.size = (60, 16);
    key(&mut app, "j");
    assert_eq!(app.tabs.accounts.selected, 0);
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 1, .. })));
    key(&mut app, "G");
    let lines = help_lines(&app.keymap, KeyContext::Accounts, false).len();
    let max = help_max_scroll(layout::body(app.size), lines);
    assert!(max > 1);
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll, .. }) if scroll == max));
    key(&mut app, "pgdn");
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll, .. }) if scroll == max));
    key(&mut app, "esc");
    assert_eq!(app.overlay, None);
    key(&mut app, "f1");
    assert!(app.overlay.is_some());
}

#[test]
fn read_only_refuses_write_actions() {
    let mut app = loaded_app(true);
    let fx = key(&mut app, "d");
    assert_eq!(app.overlay, None);
    assert!(matches!(&fx[..], [Effect::WakeAt(_)]));
    let toast = app.toasts.iter().last().map(|t| t.text.clone());
    assert_eq!(
        toast.as_deref(),
        Some("Read-only mode: disconnect is turned off")
    );
}

#[test]
fn disconnect_asks_first_then_runs() {
    let mut app = loaded_app(false);
    key(&mut app, "d");
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    assert!(key(&mut app, "n").is_empty());
    assert_eq!(app.overlay, None);
    key(&mut app, "d");
    let fx = key(&mut app, "y");
    assert!(matches!(&fx[..], [Effect::Disconnect { account_id, .. }] if account_id == "a"));
}

#[test]
fn key_overrides_drive_update() {
    let keys = [("quit".to_string(), vec!["x".to_string()])].into();
    let mut app = app_with(KeyMap::with_overrides(&keys).expect("valid"), false, false);
    assert!(key(&mut app, "q").is_empty());
    assert!(!app.should_quit);
    assert_eq!(key(&mut app, "x"), vec![Effect::Quit]);
    assert!(app.should_quit);
}

#[test]
fn tabs_cycle_with_tab_and_jump_with_digits() {
    let mut app = app();
    assert_eq!(app.tab, Tab::Accounts);
    key(&mut app, "tab");
    assert_eq!(app.tab, Tab::Databases);
    key(&mut app, "tab");
    assert_eq!(app.tab, Tab::Data);
    key(&mut app, "tab");
    assert_eq!(app.tab, Tab::Products);
    key(&mut app, "tab");
    assert_eq!(app.tab, Tab::Connect);
    key(&mut app, "shift-tab");
    assert_eq!(app.tab, Tab::Products);
    key(&mut app, "5");
    assert_eq!(app.tab, Tab::Products);
    key(&mut app, "1");
    assert_eq!(app.tab, Tab::Connect);
}

fn started(attempt: u64) -> SignInStarted {
    SignInStarted {
        attempt: AttemptId(attempt),
        authorize_url: "http://127.0.0.1:4000/authorize?client_id=updash".into(),
        listener_port: Some(53682),
        expires_at: T0 + Duration::minutes(10),
    }
}

fn begin_sandbox_sign_in(app: &mut App) -> RequestId {
    key(app, "1");
    key(app, "j");
    let fx = key(app, "enter");
    match &fx[..] {
        [Effect::StartSignIn { request, provider }] if provider == "sandbox" => *request,
        other => panic!("expected StartSignIn: {other:?}"),
    }
}

#[test]
fn browser_sign_in_copies_the_url_opens_the_browser_and_cancels_with_esc() {
    let mut app = app();
    let request = begin_sandbox_sign_in(&mut app);
    assert_eq!(app.key_context(), KeyContext::SignIn);
    let fx = answer(&mut app, request, Answer::SignInStarted(Ok(started(7))));
    let url = started(7).authorize_url;
    assert_eq!(
        fx,
        vec![
            Effect::CopyToClipboard(url.clone()),
            Effect::OpenBrowser(url)
        ]
    );
    // Typing goes to the paste box, even keys that are global bindings elsewhere.
    typed(&mut app, "q?");
    assert!(!app.should_quit);
    let ConnectStep::SignIn(view) = &app.tabs.connect.step else {
        panic!("still signing in")
    };
    assert_eq!(view.paste.value(), "q?");
    let fx = key(&mut app, "esc");
    assert_eq!(
        fx[0],
        Effect::CancelSignIn {
            attempt: AttemptId(7)
        }
    );
    assert!(matches!(app.tabs.connect.step, ConnectStep::Choose));
    // The cancelled attempt's late answer changes nothing.
    let fx = answer(&mut app, request, Answer::AccountAdded(Ok(account("late"))));
    assert!(fx.is_empty());
    assert_eq!(app.active_account, None);
}

#[test]
fn over_ssh_the_browser_is_not_opened_and_a_paste_is_submitted() {
    let mut app = app_with(KeyMap::defaults(), false, true);
    let request = begin_sandbox_sign_in(&mut app);
    let fx = answer(&mut app, request, Answer::SignInStarted(Ok(started(3))));
    assert_eq!(fx, vec![Effect::CopyToClipboard(started(3).authorize_url)]);
    update(
        &mut app,
        Action::Paste("http://127.0.0.1:53682/?code=abc&state=xyz\n".into()),
    );
    let fx = key(&mut app, "enter");
    let [
        Effect::PasteRedirect {
            request: r,
            attempt,
            url,
        },
    ] = &fx[..]
    else {
        panic!("expected a paste: {fx:?}")
    };
    assert_eq!((*r, *attempt), (request, AttemptId(3)));
    assert_eq!(url.expose(), "http://127.0.0.1:53682/?code=abc&state=xyz");
    assert!(
        !format!("{fx:?}").contains("code=abc"),
        "the pasted code stays redacted"
    );
    answer(
        &mut app,
        request,
        Answer::PasteRejected(ServiceError::new(
            ServiceErrorKind::Rejected,
            "state does not match",
        )),
    );
    let ConnectStep::SignIn(view) = &app.tabs.connect.step else {
        panic!("still signing in")
    };
    assert_eq!(view.error.as_deref(), Some("state does not match"));
    let fx = answer(&mut app, request, Answer::AccountAdded(Ok(account("sb"))));
    // A sign-in lands on the new account's databases.
    assert_eq!(app.tab, Tab::Databases);
    assert_eq!(app.active_account.as_deref(), Some("sb"));
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadAccounts { .. })));
}

#[test]
fn api_key_form_validates_masks_and_submits_a_secret() {
    let mut app = app();
    key(&mut app, "1");
    key(&mut app, "enter");
    assert_eq!(app.key_context(), KeyContext::ApiKeyForm);
    assert!(key(&mut app, "enter").is_empty(), "empty form is not sent");
    typed(&mut app, "ops@example.com");
    key(&mut app, "tab");
    typed(&mut app, "k3y-secret");
    let ConnectStep::ApiKeyForm(form) = &app.tabs.connect.step else {
        panic!("form")
    };
    assert_eq!(form.api_key.display(), "••••••••••");
    assert!(!format!("{form:?}").contains("k3y"));
    let fx = key(&mut app, "enter");
    let [
        Effect::AddApiKeyAccount {
            request,
            email,
            api_key,
            ..
        },
    ] = &fx[..]
    else {
        panic!("expected AddApiKeyAccount: {fx:?}")
    };
    assert_eq!(email, "ops@example.com");
    assert_eq!(api_key.expose(), "k3y-secret");
    assert!(!format!("{fx:?}").contains("k3y"));
    let request = *request;
    answer(
        &mut app,
        request,
        Answer::AccountAdded(Err(ServiceError::new(
            ServiceErrorKind::Rejected,
            "the API key was refused",
        ))),
    );
    let ConnectStep::ApiKeyForm(form) = &app.tabs.connect.step else {
        panic!("form stays")
    };
    assert_eq!(form.error.as_deref(), Some("the API key was refused"));
    key(&mut app, "esc");
    assert!(matches!(app.tabs.connect.step, ConnectStep::Choose));
}

#[test]
fn quitting_cancels_a_running_sign_in() {
    let mut app = app();
    let request = begin_sandbox_sign_in(&mut app);
    answer(&mut app, request, Answer::SignInStarted(Ok(started(9))));
    let fx = update(&mut app, Action::Quit);
    assert_eq!(
        fx,
        vec![
            Effect::CancelSignIn {
                attempt: AttemptId(9)
            },
            Effect::Quit
        ]
    );
}
