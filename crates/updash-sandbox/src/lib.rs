//! The sandbox: a real local provider (OAuth authorization server + Upstash Developer API).
//!
//! It knows nothing of updash's own code: updash starts it and describes it to itself as a
//! provider from [`Endpoints`] and the seeded identities below.
//!
//! It serves HTTP on 127.0.0.1, keeps its state in memory, and writes it to disk (debounced,
//! atomically) unless it runs ephemeral. Tests, demos and `--sandbox` all run against it.

pub mod agent;
pub mod api;
mod control;
pub mod embedded;
mod faults;
pub mod oauth;
mod persist;
mod serve;
pub mod state;
#[cfg(feature = "test-support")]
pub mod test_browser;

pub use faults::Faults;

use state::State;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

/// The seeded user's email.
pub const SEEDED_EMAIL: &str = "operator@example.com";
/// The seeded user's password.
pub const SEEDED_PASSWORD: &str = "sandbox";
/// The public client id (PKCE required).
pub const PUBLIC_CLIENT_ID: &str = "updash";
/// The confidential client id.
pub const CONFIDENTIAL_CLIENT_ID: &str = "updash-confidential";
/// The confidential client's secret.
pub const CONFIDENTIAL_CLIENT_SECRET: &str = "sandbox-secret";
/// A Developer API key seeded for the seeded user's personal account.
pub const SEEDED_API_KEY: &str = "sandbox-personal-api-key";
/// A Developer API key seeded for the seeded user's team account.
pub const SEEDED_TEAM_API_KEY: &str = "sandbox-team-api-key";
/// Default access-token lifetime, as in the Upstash partner guide (two days).
pub const DEFAULT_TOKEN_TTL_SECS: u64 = 172_800;

/// Where a sandbox served at a base URL answers, for a client's provider settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The authorization endpoint (RFC 6749).
    pub authorize: String,
    /// The token endpoint.
    pub token: String,
    /// The revocation endpoint (RFC 7009).
    pub revocation: String,
    /// The device authorization endpoint (RFC 8628).
    pub device_authorization: String,
    /// The userinfo endpoint.
    pub userinfo: String,
    /// The Developer API's base URL.
    pub api_base: String,
}

impl Endpoints {
    /// The endpoints of the sandbox at `base_url` (no trailing slash needed).
    pub fn at(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/');
        Self {
            authorize: format!("{base}/authorize"),
            token: format!("{base}/oauth/token"),
            revocation: format!("{base}/oauth/revoke"),
            device_authorization: format!("{base}/oauth/device/code"),
            userinfo: format!("{base}/userinfo"),
            api_base: base.to_string(),
        }
    }
}

/// How to run a sandbox.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Where state persists; `None` keeps it in memory only (ephemeral).
    pub data_dir: Option<PathBuf>,
    /// Extra databases to seed into the personal account (scale tests).
    pub seed: usize,
    /// Faults and limits at start; `POST /_sandbox/faults` changes them while running.
    pub faults: Faults,
}

/// What every request handler shares.
pub struct Shared {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub base_url: String,
    state: Mutex<State>,
    faults: Mutex<Faults>,
    clock_offset: AtomicI64,
    counters: faults::Counters,
    dirty: Notify,
}

/// The handlers' state type.
pub type AppState = Arc<Shared>;

impl Shared {
    /// Locks the state for reading.
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Locks the state for a change; it is persisted shortly after the guard is dropped.
    pub fn state_mut(&self) -> MutexGuard<'_, State> {
        self.dirty.notify_one();
        self.state()
    }

    /// The current faults.
    pub fn faults(&self) -> Faults {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set_faults(&self, faults: Faults) {
        *self.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    /// The access-token lifetime now in force.
    pub fn token_ttl(&self) -> u64 {
        self.faults().token_ttl_secs
    }

    /// The sandbox clock in Unix seconds: real time plus what `POST /_sandbox/clock` advanced.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        real + self.clock_offset.load(Ordering::Relaxed)
    }

    fn advance_clock(&self, secs: i64) {
        self.clock_offset.fetch_add(secs, Ordering::Relaxed);
    }
}

/// A running sandbox; dropping it stops the server without the final flush.
pub struct Sandbox {
    shared: AppState,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox on 127.0.0.1 and returns once it accepts connections.
    pub async fn start(opts: Options) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port))
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", opts.port))?;
        let addr = listener.local_addr()?;
        let dir_lock = opts.data_dir.as_deref().map(persist::lock).transpose()?;
        let state = match &opts.data_dir {
            Some(dir) => match persist::load(dir)? {
                Some(state) => state,
                None => State::seeded(opts.seed),
            },
            None => State::seeded(opts.seed),
        };
        let shared = Arc::new(Shared {
            base_url: format!("http://{addr}"),
            state: Mutex::new(state),
            faults: Mutex::new(opts.faults.clone()),
            clock_offset: AtomicI64::new(0),
            counters: faults::Counters::default(),
            dirty: Notify::new(),
        });
        if let Some(dir) = &opts.data_dir {
            // Save the seeded state at once so a restart finds the same data.
            persist::save(dir, &shared.state())?;
        }
        let router = api::router()
            .merge(oauth::router())
            .merge(control::router())
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                faults::apply,
            ))
            .layer(axum::extract::DefaultBodyLimit::max(serve::MAX_BODY_BYTES))
            .with_state(shared.clone());
        let (stop_tx, stop_rx) = oneshot::channel();
        let data_dir = opts.data_dir.clone();
        let task_shared = shared.clone();
        let task = tokio::spawn(async move {
            let persist_task = data_dir
                .clone()
                .map(|dir| tokio::spawn(persist::flush_loop(task_shared.clone(), dir)));
            let _dir_lock = dir_lock;
            serve::serve(listener, router, stop_rx).await;
            if let Some(t) = persist_task {
                t.abort();
            }
            if let Some(dir) = data_dir
                && let Err(e) = persist::save(&dir, &task_shared.state())
            {
                tracing::warn!("sandbox: final save failed: {e}");
            }
        });
        tracing::info!("sandbox listening on {}", shared.base_url);
        Ok(Self {
            shared,
            addr,
            stop: Some(stop_tx),
            task: Some(task),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.shared.base_url
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state, for in-process inspection.
    pub fn shared(&self) -> &AppState {
        &self.shared
    }

    /// Stops accepting, finishes in-flight requests and saves the state.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Runs until `stop` resolves, then shuts down.
    pub async fn run_until(self, stop: impl std::future::Future<Output = ()>) {
        stop.await;
        self.shutdown().await;
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
