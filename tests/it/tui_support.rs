//! Shared pieces of the dashboard tests: deterministic data, driving an `App` by hand (keys,
//! typing, a drawn screen), a recording `Services`, a
//! `TestBackend` the test can read while the real run loop draws into it, and a harness that
//! runs the loop on a task with a scripted event stream.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc as fmpsc;
use futures::future::{self, BoxFuture};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::convert::Infallible;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration as StdDuration;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use updash::secret::Secret;
use updash::tui::keymap::KeyChord;
use updash::tui::{
    AccountRow, Action, Answer, App, AppInit, AttemptId, ChoiceKind, ConnectChoice, Effect,
    Environment, KeyMap, LoopStats, ServiceError, ServiceErrorKind, ServiceFuture, Services,
    SignInStarted, Styles, render, update,
};
use updash::upstash::{Database, DatabaseCall, DatabaseReply, Team};

/// The fixed clock of every dashboard test.
pub const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

/// Three accounts: a team account, a sandbox one, and one that must sign in again.
pub fn accounts() -> Vec<AccountRow> {
    vec![
        AccountRow {
            id: "acc-work".into(),
            label: "work".into(),
            provider: "upstash".into(),
            email: "ops@example.com".into(),
            team: Some("platform".into()),
            token_expires_at: Some(NOW + Duration::days(2) + Duration::hours(3)),
            needs_sign_in: false,
            is_default: true,
            api_key_name: Some("UPDASH_API_KEY_1772366400".into()),
            has_api_key: true,
        },
        AccountRow {
            id: "acc-sandbox".into(),
            label: "demo".into(),
            provider: "sandbox".into(),
            email: "operator@example.com".into(),
            team: None,
            token_expires_at: Some(NOW + Duration::hours(5) + Duration::minutes(12)),
            needs_sign_in: false,
            is_default: false,
            api_key_name: Some("UPDASH_API_KEY_1772370000".into()),
            has_api_key: true,
        },
        AccountRow {
            id: "acc-old".into(),
            label: "legacy".into(),
            provider: "upstash".into(),
            email: "legacy@example.com".into(),
            team: None,
            token_expires_at: None,
            needs_sign_in: true,
            is_default: false,
            api_key_name: None,
            has_api_key: true,
        },
    ]
}

/// A few databases: full records as the API sends them (credentials included).
pub fn databases() -> Vec<Database> {
    [
        (
            "db-1",
            "sessions",
            "us-east-1",
            &["us-west-1"][..],
            "active",
            "payg",
            1_735_689_600,
        ),
        (
            "db-2",
            "rate-limits",
            "eu-west-1",
            &[][..],
            "active",
            "free",
            1_738_368_000,
        ),
        (
            "db-3",
            "archive",
            "us-central1",
            &[][..],
            "suspended",
            "paid",
            1_740_787_200,
        ),
    ]
    .into_iter()
    .map(|(id, name, region, reads, state, plan, created)| {
        let value = serde_json::json!({
            "database_id": id, "database_name": name, "region": "global",
            "primary_region": region, "read_regions": reads, "state": state, "type": plan,
            "endpoint": format!("{name}-4242.upstash.io"), "port": 6379, "tls": true,
            "creation_time": created, "eviction": plan == "paid", "budget": 360,
            "customer_id": if id == "db-3" { "team-7" } else { "operator@example.com" },
            "db_max_commands_per_second": 1000, "db_request_limit": 9_223_372_036_854_775_807_i64,
            "db_max_clients": 1000, "db_memory_threshold": 268_435_456,
            "db_disk_threshold": 268_435_456, "db_max_request_size": 1_048_576,
            "db_max_entry_size": 104_857_600,
            "password": format!("pw-{id}-secret"), "rest_token": format!("tok-{id}-secret"),
            "read_only_rest_token": format!("ro-{id}-secret"),
        });
        serde_json::from_value(value).expect("fixture database decodes")
    })
    .collect()
}

/// The connect choices a config with `upstash` (with a client id) yields.
pub fn choices() -> Vec<ConnectChoice> {
    vec![
        ConnectChoice {
            title: "Sign in to upstash in the browser".into(),
            detail: "OAuth; works over SSH with a tunnel or by pasting the URL".into(),
            kind: ChoiceKind::BrowserSignIn {
                provider: "upstash".into(),
            },
        },
        ConnectChoice {
            title: "Connect upstash with email + API key".into(),
            detail: "An existing Developer API key; checked once before it is saved".into(),
            kind: ChoiceKind::ApiKey {
                provider: "upstash".into(),
            },
        },
        ConnectChoice {
            title: "Try the sandbox".into(),
            detail: "A local provider with sample databases; no account, no network".into(),
            kind: ChoiceKind::BrowserSignIn {
                provider: "sandbox".into(),
            },
        },
    ]
}

/// A fresh app at [`NOW`] with the mono theme (snapshots carry no colour anyway).
pub fn app(read_only: bool, ssh: bool) -> App {
    App::new(AppInit {
        keymap: KeyMap::defaults(),
        choices: choices(),
        read_only,
        sandbox: false,
        styles: Styles::for_theme(updash::config::Theme::Mono, true),
        environment: Environment {
            ssh_host: ssh.then(|| "db-admin.example.net".to_string()),
            ssh_port: None,
        },
        now: NOW,
        account: None,
        refresh_secs: 0,
        delimiters: vec![":".into()],
    })
}

/// The sign-in a [`RecordingServices`] starts.
pub fn started_sign_in() -> SignInStarted {
    SignInStarted {
        attempt: AttemptId(1),
        authorize_url: "http://127.0.0.1:43110/authorize?response_type=code&client_id=updash\
                        &redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback\
                        &scope=offline_access&state=s7a7e&code_challenge=c0de&code_challenge_method=S256"
            .into(),
        listener_port: Some(53682),
        expires_at: NOW + Duration::minutes(9) + Duration::seconds(41),
    }
}

/// Presses the keys `key` names (e.g. "ctrl-u") in `app`; returns what the update asks for.
pub fn key(app: &mut App, key: &str) -> Vec<Effect> {
    let chord = KeyChord::parse(key).expect("test key");
    update(app, Action::Key(KeyEvent::new(chord.code, chord.modifiers)))
}

/// Types `text` into `app` one character at a time; returns what the updates ask for.
pub fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx.extend(update(
            app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        ));
    }
    fx
}

/// `app` drawn once on a `width`x`height` test terminal.
pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| render(app, f)).expect("draws");
    terminal
}

/// The text of `app` drawn at `width`x`height`.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    format!("{}", draw(app, width, height).backend())
}

/// `app` started, its account list answered with `rows` (other loads left unanswered).
pub fn started_with_accounts(mut app: App, rows: Vec<AccountRow>) -> App {
    let fx = update(&mut app, Action::Start);
    for effect in fx {
        if let Effect::LoadAccounts { request } = effect {
            update(
                &mut app,
                Action::Answer {
                    request,
                    answer: Answer::AccountsLoaded(Ok(rows.clone())),
                },
            );
        }
    }
    app
}

/// A `Services` with canned answers at a fixed clock that records what it was asked.
#[derive(Default)]
pub struct RecordingServices {
    /// What `list_accounts` answers.
    pub accounts: Vec<AccountRow>,
    /// What `list_databases` answers.
    pub databases: Vec<Database>,
    /// What `list_teams` answers (not recorded: it comes with every database list).
    pub teams: Vec<Team>,
    /// Calls, in order, e.g. "list_accounts", "list_databases acc-work".
    pub calls: Mutex<Vec<String>>,
    /// Texts copied to the clipboard.
    pub clipboard: Mutex<Vec<String>>,
}

impl RecordingServices {
    fn record(&self, call: String) {
        lock(&self.calls).push(call);
    }

    /// The calls so far.
    pub fn calls(&self) -> Vec<String> {
        lock(&self.calls).clone()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn ready<T: Send + 'static>(
    v: Result<T, ServiceError>,
) -> BoxFuture<'static, Result<T, ServiceError>> {
    Box::pin(future::ready(v))
}

impl Services for RecordingServices {
    fn now(&self) -> OffsetDateTime {
        NOW
    }
    fn list_accounts(&self) -> ServiceFuture<Vec<AccountRow>> {
        self.record("list_accounts".into());
        ready(Ok(self.accounts.clone()))
    }
    fn database(&self, account_id: &str, call: DatabaseCall) -> ServiceFuture<DatabaseReply> {
        match call {
            DatabaseCall::List => {
                self.record(format!("list_databases {account_id}"));
                ready(Ok(DatabaseReply::Databases(self.databases.clone())))
            }
            // Teams come with every database list, so they are not recorded.
            DatabaseCall::ListTeams => ready(Ok(DatabaseReply::Teams(self.teams.clone()))),
            other => {
                self.record(format!("database {account_id} {other:?}"));
                ready(Err(ServiceError::new(
                    ServiceErrorKind::Unavailable,
                    "no Developer API in this test",
                )))
            }
        }
    }
    fn add_api_key_account(
        &self,
        provider: &str,
        email: &str,
        _key: Secret,
    ) -> ServiceFuture<AccountRow> {
        self.record(format!("add_api_key_account {provider} {email}"));
        ready(Err(ServiceError::new(
            ServiceErrorKind::Rejected,
            "the API key was refused",
        )))
    }
    fn start_sign_in(&self, provider: &str) -> ServiceFuture<SignInStarted> {
        self.record(format!("start_sign_in {provider}"));
        ready(Ok(started_sign_in()))
    }
    fn finish_sign_in(&self, attempt: AttemptId) -> ServiceFuture<AccountRow> {
        self.record(format!("finish_sign_in {}", attempt.0));
        Box::pin(future::pending())
    }
    fn paste_redirect(&self, attempt: AttemptId, _url: Secret) -> ServiceFuture<()> {
        self.record(format!("paste_redirect {}", attempt.0));
        ready(Ok(()))
    }
    fn cancel_sign_in(&self, attempt: AttemptId) {
        self.record(format!("cancel_sign_in {}", attempt.0));
    }
    fn disconnect(&self, account_id: &str) -> ServiceFuture<String> {
        self.record(format!("disconnect {account_id}"));
        ready(Ok("Disconnected".into()))
    }
    fn copy_to_clipboard(&self, text: &str) -> Result<(), ServiceError> {
        lock(&self.clipboard).push(text.to_string());
        Ok(())
    }
    fn open_browser(&self, url: &str) -> ServiceFuture<bool> {
        self.record(format!("open_browser {}", url.len()));
        ready(Ok(false))
    }
}

/// A `TestBackend` shared with the test, which reads the screen while the loop draws; it
/// counts flushes (one per drawn frame).
#[derive(Clone)]
pub struct SharedBackend {
    inner: Arc<Mutex<TestBackend>>,
    flushes: Arc<AtomicU64>,
}

impl SharedBackend {
    /// A `width` x `height` screen.
    pub fn new(width: u16, height: u16) -> Self {
        Self {
            inner: Arc::new(Mutex::new(TestBackend::new(width, height))),
            flushes: Arc::new(AtomicU64::new(0)),
        }
    }
    /// The screen as text.
    pub fn text(&self) -> String {
        format!("{}", lock(&self.inner))
    }
    /// Frames flushed so far.
    pub fn flushes(&self) -> u64 {
        self.flushes.load(Ordering::SeqCst)
    }
    /// Changes the size (as a terminal window would); send `Event::Resize` after.
    pub fn resize(&self, width: u16, height: u16) {
        lock(&self.inner).resize(width, height);
    }
}

impl Backend for SharedBackend {
    type Error = Infallible;
    fn draw<'a, I>(&mut self, content: I) -> Result<(), Infallible>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        lock(&self.inner).draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Infallible> {
        lock(&self.inner).hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Infallible> {
        lock(&self.inner).show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
        lock(&self.inner).get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Infallible> {
        lock(&self.inner).set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Infallible> {
        lock(&self.inner).clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Infallible> {
        lock(&self.inner).clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Infallible> {
        lock(&self.inner).size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Infallible> {
        lock(&self.inner).window_size()
    }
    fn flush(&mut self) -> Result<(), Infallible> {
        self.flushes.fetch_add(1, Ordering::SeqCst);
        lock(&self.inner).flush()
    }
}

/// The real run loop on a task, fed by a scripted event stream.
pub struct Harness {
    /// The screen.
    pub screen: SharedBackend,
    events: fmpsc::UnboundedSender<io::Result<Event>>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<(anyhow::Result<LoopStats>, App)>,
}

impl Harness {
    /// Starts `updash::tui::run` with `app` and `services` on a `width` x `height` screen.
    pub fn start(app: App, services: Arc<RecordingServices>, width: u16, height: u16) -> Self {
        Self::start_with(app, services, width, height)
    }

    /// [`Harness::start`] with any services (the live ones, in the flow tests).
    pub fn start_with(mut app: App, services: Arc<dyn Services>, width: u16, height: u16) -> Self {
        let screen = SharedBackend::new(width, height);
        let (events, stream) = fmpsc::unbounded();
        let (shutdown, shutdown_rx) = oneshot::channel::<()>();
        let backend = screen.clone();
        let task = tokio::spawn(async move {
            let result = async {
                let mut terminal = Terminal::new(backend)?;
                let signal = async move {
                    let _ = shutdown_rx.await;
                };
                updash::tui::run(&mut terminal, stream, &mut app, services, signal).await
            }
            .await;
            (result, app)
        });
        Self {
            screen,
            events,
            shutdown: Some(shutdown),
            task,
        }
    }

    /// Sends a terminal event.
    pub fn send(&self, event: Event) {
        self.events
            .unbounded_send(Ok(event))
            .expect("the loop is running");
    }

    /// Presses a key given as a config key string ("j", "esc", "ctrl-c").
    pub fn key(&self, key: &str) {
        let chord = KeyChord::parse(key).expect("test key parses");
        self.send(Event::Key(KeyEvent::new(chord.code, chord.modifiers)));
    }

    /// Waits (up to 5 s) until the screen shows `text`; returns the screen.
    pub async fn wait_for(&self, text: &str) -> String {
        self.wait_for_within(text, StdDuration::from_secs(5)).await
    }

    /// Waits up to `limit` until the screen shows `text`; returns the screen.
    pub async fn wait_for_within(&self, text: &str, limit: StdDuration) -> String {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let screen = self.screen.text();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            tokio::time::sleep(StdDuration::from_millis(10)).await;
        }
    }

    /// Fires the shutdown signal (as SIGTERM/SIGHUP would).
    pub fn signal(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Waits (up to 5 s) for the loop to end; returns its stats and the final app.
    pub async fn finish(self) -> (LoopStats, App) {
        let (result, app) = tokio::time::timeout(StdDuration::from_secs(5), self.task)
            .await
            .expect("the loop ends")
            .expect("the loop task does not panic");
        (result.expect("the loop ends without error"), app)
    }
}
