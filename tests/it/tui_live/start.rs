//! The dashboard's start on an account, against the real sandbox behind a counting proxy:
//! the account's databases are listed exactly once, however early the Databases tab opens.

use super::Live;
use crate::support::counting_proxy::CountingProxy;
use crate::tui_support::Harness;
use std::sync::Arc;
use tokio::sync::watch;
use updash::account::Session;
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::config::{Config, Providers};
use updash::secret::Secret;
use updash::store::Account;
use updash::tui::live::{LiveOptions, LiveServices};
use updash::tui::{
    AccountRow, App, AppInit, AttemptId, ConnectChoice, Environment, KeyMap, ServiceError,
    ServiceFuture, Services, SignInStarted, Styles,
};
use updash::upstash::{DatabaseCall, DatabaseReply};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

/// The live services, with the account list held back until the test lets it through.
struct HeldAccounts {
    live: LiveServices,
    open: watch::Receiver<bool>,
}

impl Services for HeldAccounts {
    fn list_accounts(&self) -> ServiceFuture<Vec<AccountRow>> {
        let mut open = self.open.clone();
        let call = self.live.list_accounts();
        Box::pin(async move {
            let _ = open.wait_for(|open| *open).await;
            call.await
        })
    }
    fn database(&self, account_id: &str, call: DatabaseCall) -> ServiceFuture<DatabaseReply> {
        self.live.database(account_id, call)
    }
    fn add_api_key_account(&self, p: &str, e: &str, k: Secret) -> ServiceFuture<AccountRow> {
        self.live.add_api_key_account(p, e, k)
    }
    fn start_sign_in(&self, provider: &str) -> ServiceFuture<SignInStarted> {
        self.live.start_sign_in(provider)
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
    fn copy_to_clipboard(&self, text: &str) -> Result<(), ServiceError> {
        self.live.copy_to_clipboard(text)
    }
    fn open_browser(&self, url: &str) -> ServiceFuture<bool> {
        self.live.open_browser(url)
    }
}

/// Starts the dashboard on a stored sandbox account (as `updash --account me` does), opening
/// the Databases tab before the account list arrives when `early`, then opens the first
/// database's details (its record and usage); returns the request lines the sandbox received
/// and the TCP connections they came on.
async fn start_on_an_account(early: bool) -> (Vec<String>, usize, usize) {
    let (sandbox, _home, store) = Live::prepare().await;
    let now = time::OffsetDateTime::now_utc();
    let id = store
        .update(|c| {
            let mut me = Account::new("sandbox", "me", now);
            me.email = Some(SEEDED_EMAIL.into());
            me.api_key = Some(Secret::new(SEEDED_API_KEY));
            c.add_account(me)
        })
        .expect("account stored");
    let proxy = CountingProxy::start(sandbox.addr()).await;
    let config = Config::default();
    let providers = Providers::new(config.clone(), Some(sandbox_provider(&proxy.url())));
    let options = LiveOptions {
        clipboard: false,
        browser: false,
        ..LiveOptions::default()
    };
    let (open, held) = watch::channel(false);
    let services = Arc::new(HeldAccounts {
        live: LiveServices::new(Session::new(providers, store, true), options),
        open: held,
    });
    let app = App::new(AppInit {
        keymap: KeyMap::defaults(),
        choices: ConnectChoice::for_run(&config, true, None),
        read_only: false,
        sandbox: true,
        styles: Styles::for_theme(updash::config::Theme::Mono, true),
        environment: Environment::default(),
        now,
        account: Some(id.to_string()),
        refresh_secs: 0,
        delimiters: vec![":".into()],
    });
    let h = Harness::start_with(app, services, 100, 30);
    if early {
        h.key("3");
        h.wait_for("No account chosen").await;
    }
    open.send(true).expect("the dashboard runs");
    h.wait_for("● me").await;
    h.key("3");
    h.wait_for("sessions-prod").await;
    // The teams follow the first list: once they show, everything the start asks is asked.
    h.wait_for("teams: Platform team").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let after_start = proxy.connections();
    // Then three databases' details, one after the other: each record with its usage.
    h.key("enter");
    for n in 1..=3 {
        if n > 1 {
            h.key("j");
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while stats_asked(&proxy.requests()) < n {
            assert!(
                std::time::Instant::now() < deadline,
                "{:?}",
                proxy.requests()
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        h.wait_for(" now · ").await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    h.key("q");
    h.finish().await;
    let (requests, after_more) = (proxy.requests(), proxy.connections());
    sandbox.shutdown().await;
    (requests, after_start, after_more)
}

/// How many usage requests `requests` holds.
fn stats_asked(requests: &[String]) -> usize {
    requests
        .iter()
        .filter(|r| r.starts_with("GET /v2/redis/stats/"))
        .count()
}

#[tokio::test]
async fn starting_on_an_account_lists_its_databases_once() {
    for early in [false, true] {
        let (requests, _, _) = start_on_an_account(early).await;
        let lists = requests
            .iter()
            .filter(|r| *r == "GET /v2/redis/databases")
            .count();
        assert_eq!(lists, 1, "Databases opened early: {early}; {requests:?}");
    }
}

/// Calls reuse kept-alive connections (one client for the process, no handshake per call):
/// the list and the teams, one after the other, share one; a database's record and usage,
/// asked together, may open a second; moving on to more databases opens none (a client that
/// connected per call would open one for each of the eight requests).
#[tokio::test]
async fn consecutive_calls_reuse_their_connections() {
    let (requests, after_start, after_more) = start_on_an_account(false).await;
    // hyper's pool may open one more connection when a request leaves before the previous
    // answer's connection is back in the pool: reuse is what is checked, not the race.
    assert!(
        after_start <= 2,
        "list then teams: {after_start} connections, {requests:?}"
    );
    assert!(
        stats_asked(&requests) >= 3,
        "three databases' usage: {requests:?}"
    );
    assert!(
        after_more <= 3 && after_more < requests.len() / 2,
        "{after_more} connections: {requests:?}"
    );
}
