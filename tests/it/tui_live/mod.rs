//! The dashboard's connect and accounts flows, in process under `TestBackend`, against the
//! real sandbox with the real (live) services and a temporary credentials file.

mod accounts;
mod connect;
mod device;
mod start;
mod unlock;

use crate::tui_support::Harness;
use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, Mutex};
use tempfile::TempDir;
use updash::account::Session;
use updash::cli::sandbox_wiring::{SandboxSignIn, sandbox_provider};
use updash::config::{Config, Providers};
use updash::secret::Secret;
use updash::store::{Account, Store};
use updash::tui::live::{LiveOptions, LiveServices};
use updash::tui::{
    AccountRow, App, AppInit, AttemptId, ConnectChoice, DeviceSignInStarted, Environment, KeyMap,
    ServiceFuture, Services, SignInStarted, Styles,
};
use updash_sandbox::{Options, SEEDED_EMAIL, Sandbox};

/// The live services, remembering the last sign-in they started (the test plays the browser
/// with its URL, as an operator would copy it).
pub struct Spy {
    live: LiveServices,
    started: Arc<Mutex<Option<SignInStarted>>>,
}

impl Spy {
    /// The last started sign-in.
    pub fn started(&self) -> SignInStarted {
        self.started
            .lock()
            .unwrap()
            .clone()
            .expect("a sign-in was started")
    }
}

impl Services for Spy {
    fn list_accounts(&self) -> ServiceFuture<Vec<AccountRow>> {
        self.live.list_accounts()
    }
    fn database(
        &self,
        account_id: &str,
        call: updash::upstash::DatabaseCall,
    ) -> ServiceFuture<updash::upstash::DatabaseReply> {
        self.live.database(account_id, call)
    }
    fn add_api_key_account(&self, p: &str, e: &str, k: Secret) -> ServiceFuture<AccountRow> {
        self.live.add_api_key_account(p, e, k)
    }
    fn start_sign_in(&self, provider: &str) -> ServiceFuture<SignInStarted> {
        let call = self.live.start_sign_in(provider);
        let slot = Arc::clone(&self.started);
        Box::pin(async move {
            let started = call.await?;
            *slot.lock().unwrap() = Some(started.clone());
            Ok(started)
        })
    }
    fn finish_sign_in(&self, attempt: AttemptId) -> ServiceFuture<AccountRow> {
        self.live.finish_sign_in(attempt)
    }
    fn paste_redirect(&self, attempt: AttemptId, url: Secret) -> ServiceFuture<()> {
        self.live.paste_redirect(attempt, url)
    }
    fn cancel_sign_in(&self, attempt: AttemptId) {
        self.live.cancel_sign_in(attempt)
    }
    fn disconnect(&self, account_id: &str) -> ServiceFuture<String> {
        self.live.disconnect(account_id)
    }
    fn copy_to_clipboard(&self, text: &str) -> Result<(), updash::tui::ServiceError> {
        self.live.copy_to_clipboard(text)
    }
    fn open_browser(&self, url: &str) -> ServiceFuture<bool> {
        self.live.open_browser(url)
    }
    fn update_account(
        &self,
        account_id: &str,
        change: updash::tui::AccountChange,
    ) -> ServiceFuture<String> {
        self.live.update_account(account_id, change)
    }
    fn keyboard_sign_in(&self, url: &str, email: &str, password: Secret) -> ServiceFuture<()> {
        self.live.keyboard_sign_in(url, email, password)
    }
    fn start_device_sign_in(&self, provider: &str) -> ServiceFuture<DeviceSignInStarted> {
        self.live.start_device_sign_in(provider)
    }
    fn unlock(&self, passphrase: Secret) -> ServiceFuture<()> {
        self.live.unlock(passphrase)
    }
    fn finish_device_sign_in(&self, attempt: AttemptId) -> ServiceFuture<AccountRow> {
        self.live.finish_device_sign_in(attempt)
    }
    fn redis(
        &self,
        target: &updash::tui::DataTarget,
        batch: updash::tui::RedisBatch,
    ) -> ServiceFuture<updash::tui::RedisResults> {
        self.live.redis(target, batch)
    }
}

/// A sandbox, a temporary credentials file, and the dashboard running over them.
pub struct Live {
    pub sandbox: Sandbox,
    pub store: Store,
    pub spy: Arc<Spy>,
    pub harness: Harness,
    _home: TempDir,
}

impl Live {
    /// A running sandbox and an empty credentials file in a temporary home, to prepare
    /// before [`Live::open`].
    pub async fn prepare() -> (Sandbox, TempDir, Store) {
        Self::prepare_with(Options::default()).await
    }

    /// [`Live::prepare`] with a sandbox started with `options`.
    pub async fn prepare_with(options: Options) -> (Sandbox, TempDir, Store) {
        let sandbox = Sandbox::start(options).await.expect("sandbox starts");
        let home = tempfile::tempdir().expect("temp home");
        let store = Store::new(home.path().join("updash").join("credentials.toml"));
        (sandbox, home, store)
    }

    /// Opens the dashboard (`--sandbox`) over a prepared sandbox and store.
    pub fn open(sandbox: Sandbox, home: TempDir, store: Store) -> Self {
        Self::open_with(sandbox, home, store, None)
    }

    /// [`Live::open`], polling the device flow every `device_poll` instead of at the
    /// sandbox's 5 s interval (the sandbox then answers `slow_down`, which is tolerated).
    pub fn open_with(
        sandbox: Sandbox,
        home: TempDir,
        store: Store,
        device_poll: Option<std::time::Duration>,
    ) -> Self {
        Self::open_app(sandbox, home, store, device_poll, |_| {})
    }

    /// [`Live::open_with`], with `prepare` applied to the app before the loop starts.
    pub fn open_app(
        sandbox: Sandbox,
        home: TempDir,
        store: Store,
        device_poll: Option<std::time::Duration>,
        prepare: impl FnOnce(&mut App),
    ) -> Self {
        let config = Config::default();
        // The sandbox's databases answer Redis on its data plane.
        let mut provider = sandbox_provider(sandbox.url());
        provider.rest_url = Some(format!("{}/{{id}}", sandbox.data_url()));
        let providers = Providers::new(config.clone(), Some(provider));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let session = Session::new(providers, store.clone(), true)
            .with_terminal_sign_in(Arc::new(SandboxSignIn::new(http)));
        let options = LiveOptions {
            clipboard: false,
            browser: false,
            sign_in_timeout: std::time::Duration::from_secs(60),
            device_poll_interval: device_poll,
        };
        let spy = Arc::new(Spy {
            live: LiveServices::new(session, options),
            started: Arc::default(),
        });
        let mut app = App::new(AppInit {
            keymap: KeyMap::defaults(),
            choices: ConnectChoice::for_run(&config, true, Some(SEEDED_EMAIL)),
            read_only: false,
            sandbox: true,
            styles: Styles::for_theme(updash::config::Theme::Mono, true),
            environment: Environment::default(),
            now: time::OffsetDateTime::now_utc(),
            account: None,
            refresh_secs: 0,
            delimiters: vec![":".into()],
        });
        prepare(&mut app);
        let harness = Harness::start_with(app, spy.clone(), 100, 30);
        Self {
            sandbox,
            store,
            spy,
            harness,
            _home: home,
        }
    }

    /// Starts everything on an empty credentials file.
    pub async fn start() -> Self {
        let (sandbox, home, store) = Self::prepare().await;
        Self::open(sandbox, home, store)
    }

    /// Types text into the focused input, one key at a time.
    pub fn type_text(&self, text: &str) {
        use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        for c in text.chars() {
            self.harness.send(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    }

    /// The stored accounts (label, account).
    pub fn accounts(&self) -> Vec<Account> {
        let creds = self.store.load().expect("store loads").credentials;
        creds.accounts().map(|(_, a)| a.clone()).collect()
    }

    /// Quits the dashboard and stops the sandbox.
    pub async fn stop(self) -> App {
        self.harness.key("ctrl-c");
        let (_, app) = self.harness.finish().await;
        self.sandbox.shutdown().await;
        app
    }

    /// The credentials file is private.
    pub fn assert_private_file(&self) {
        let mode = std::fs::metadata(self.store.path())
            .expect("credentials file exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "credentials file mode {mode:o}");
    }
}

/// Plays the browser for an authorize URL: signs the seeded user in, answers the consent
/// page with `decision`, and returns where the sandbox redirects (the app's listener).
pub async fn browse(authorize_url: &str, decision: &str) -> String {
    use updash_sandbox::test_browser::{browser, location, sign_in_to_consent, submit_consent};
    let base = url::Url::parse(authorize_url)
        .expect("authorize URL parses")
        .origin()
        .ascii_serialization();
    let browser = browser();
    let page = browser
        .get(authorize_url)
        .send()
        .await
        .expect("get /authorize");
    let html = page.text().await.expect("sign-in page");
    let consent = sign_in_to_consent(&browser, &base, &html).await;
    let resp = submit_consent(&browser, &base, &consent, decision).await;
    location(&resp).expect("redirect back to updash")
}

/// Follows the redirect to updash's listener, as the browser would. The listener takes an
/// answer for its sign-in with 200 (a denial too: its page says the sign-in failed); a 4xx
/// means it refused it as not its own, so the answer was not delivered.
pub async fn deliver(redirect: &str) {
    let resp = reqwest::get(redirect).await.expect("the listener answers");
    assert_eq!(resp.status(), 200, "the listener took the answer");
}
