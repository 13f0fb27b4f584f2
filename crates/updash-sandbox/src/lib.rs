//! The sandbox: a real local provider (OAuth authorization server + Upstash Developer API).
//!
//! It knows nothing of updash's own code: updash starts it and describes it to itself as a
//! provider from [`Endpoints`] and the seeded identities below.
//!
//! It serves HTTP on 127.0.0.1, keeps its state in memory, and writes it to disk (debounced,
//! atomically) unless it runs ephemeral. Tests, demos and `--sandbox` all run against it.

pub mod agent;
pub mod api;
mod bounded;
mod control;
pub mod data;
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
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::{Notify, watch};
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
    /// The issuer identifier (RFC 8414): its metadata's `issuer`, and the `iss` of every
    /// authorization response (RFC 9207).
    pub issuer: String,
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
    /// The Redis REST data plane's base URL (`http://127.0.0.1:{data_port}`), when known: a
    /// database's REST URL is `{data_base}/{database_id}`. A client that knows only the main
    /// URL finds it with [`data::discover`].
    pub data_base: Option<String>,
}

impl Endpoints {
    /// The endpoints of the sandbox at `base_url` (no trailing slash needed); the data plane
    /// is not known from it alone.
    pub fn at(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/');
        Self {
            issuer: base.to_string(),
            authorize: format!("{base}/authorize"),
            token: format!("{base}/oauth/token"),
            revocation: format!("{base}/oauth/revoke"),
            device_authorization: format!("{base}/oauth/device/code"),
            userinfo: format!("{base}/userinfo"),
            api_base: base.to_string(),
            data_base: None,
        }
    }

    /// The endpoints of a sandbox whose data plane listens at `data_url`.
    pub fn with_data(base_url: &str, data_url: &str) -> Self {
        Self {
            data_base: Some(data_url.trim_end_matches('/').to_string()),
            ..Self::at(base_url)
        }
    }

    /// The REST URL of database `database_id` (`UPSTASH_REDIS_REST_URL`), when the data
    /// plane is known.
    pub fn rest_url(&self, database_id: &str) -> Option<String> {
        self.data_base
            .as_ref()
            .map(|base| format!("{base}/{database_id}"))
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
    /// The data plane's port on 127.0.0.1; 0 picks a free one.
    pub data_port: u16,
    /// Where the databases keep their keys.
    pub data_backend: data::DataBackend,
    /// Keys to put in the first seeded database for scale tests (only into a new state).
    pub seed_keys: usize,
}

/// What every request handler shares.
pub struct Shared {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub base_url: String,
    /// The data plane's base URL, e.g. `http://127.0.0.1:41235`.
    pub data_url: String,
    /// The data plane's store.
    pub data: data::DataPlane,
    state: Mutex<State>,
    faults: Mutex<Faults>,
    clock_offset: AtomicI64,
    counters: faults::Counters,
    dirty: Notify,
    version: AtomicU64,
    /// Each account's encoded database list, valid until the state changes.
    pub list_bodies: api::ListBodies,
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
        let guard = self.state();
        // Counted under the lock, so a reader holding it sees the version of what it reads.
        self.version.fetch_add(1, Ordering::SeqCst);
        self.dirty.notify_one();
        guard
    }

    /// How many times the state was locked for a change; read it while holding the lock.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
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

    /// The sandbox clock in Unix milliseconds, for key expiry.
    pub fn now_ms(&self) -> u64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        (real + self.clock_offset.load(Ordering::Relaxed) * 1000).max(0) as u64
    }

    fn advance_clock(&self, secs: i64) {
        self.clock_offset.fetch_add(secs, Ordering::Relaxed);
    }
}

/// A running sandbox; dropping it stops the server without the final flush.
pub struct Sandbox {
    shared: AppState,
    addr: SocketAddr,
    data_addr: SocketAddr,
    seed_keys_in: Option<String>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// Binds 127.0.0.1:`port`, naming the flag in the error.
async fn bind(port: u16, what: &str) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port} ({what}): {e}"))
}

impl Sandbox {
    /// Starts a sandbox on 127.0.0.1 and returns once it accepts connections.
    pub async fn start(opts: Options) -> anyhow::Result<Self> {
        let listener = bind(opts.port, "--port").await?;
        let data_listener = bind(opts.data_port, "--data-port").await?;
        let addr = listener.local_addr()?;
        let data_addr = data_listener.local_addr()?;
        let dir_lock = opts.data_dir.as_deref().map(persist::lock).transpose()?;
        let loaded = match &opts.data_dir {
            Some(dir) => persist::load(dir)?,
            None => None,
        };
        let fresh = loaded.is_none();
        let state = loaded.unwrap_or_else(|| State::seeded(opts.seed));
        let data = data::DataPlane::open(&opts.data_backend, opts.data_dir.as_deref()).await?;
        data.check_room(&state)?;
        let shared = Arc::new(Shared {
            base_url: format!("http://{addr}"),
            data_url: format!("http://{data_addr}"),
            data,
            state: Mutex::new(state),
            faults: Mutex::new(opts.faults.clone()),
            clock_offset: AtomicI64::new(0),
            counters: faults::Counters::default(),
            dirty: Notify::new(),
            version: AtomicU64::new(0),
            list_bodies: api::ListBodies::default(),
        });
        // A new sandbox's keys are seeded in the background: it serves at once (the
        // dashboard draws its first frame without waiting), and data requests wait for them.
        let (seed_keys_in, seeding) = if fresh && shared.data.backend().uses_slots() {
            // On a Redis server each database needs a logical database of its own: seed at
            // once, so a server with too few refuses the start in words.
            let target = data::seed::seed_keys_target(&shared, opts.seed_keys);
            data::seed::seed_fresh(&shared, opts.seed_keys).await?;
            shared.data.mark_seeded();
            (target, None)
        } else if fresh {
            let target = data::seed::seed_keys_target(&shared, opts.seed_keys);
            let (seeding_shared, seed_keys) = (shared.clone(), opts.seed_keys);
            let seeding = tokio::spawn(async move {
                if let Err(e) = data::seed::seed_fresh(&seeding_shared, seed_keys).await {
                    tracing::warn!("sandbox: seeding the keys failed: {e}");
                }
                seeding_shared.data.mark_seeded();
            });
            (target, Some(seeding))
        } else {
            shared.data.mark_seeded();
            (None, None)
        };
        if let Some(dir) = &opts.data_dir {
            // Save a new state at once so a restart finds the same databases.
            persist::save(dir, &shared.state())?;
        }
        let router = api::router()
            .merge(oauth::router())
            .merge(control::router())
            .route(
                data::DISCOVERY_PATH,
                axum::routing::get(data::discovery_route),
            )
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                faults::apply,
            ))
            .layer(axum::middleware::from_fn_with_state(
                bounded::BodyLimit {
                    max_bytes: serve::MAX_BODY_BYTES,
                    too_large: bounded::api_too_large,
                },
                bounded::read_body,
            ))
            .with_state(shared.clone());
        let data_router = data::router()
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                faults::apply,
            ))
            .layer(axum::middleware::from_fn_with_state(
                bounded::BodyLimit {
                    max_bytes: data::MAX_REQUEST_BYTES,
                    too_large: data::too_large,
                },
                bounded::read_body,
            ))
            .with_state(shared.clone());
        let (stop_tx, stop_rx) = watch::channel(false);
        let data_dir = opts.data_dir.clone();
        let task_shared = shared.clone();
        let task = tokio::spawn(async move {
            let persist_task = data_dir
                .clone()
                .map(|dir| tokio::spawn(persist::flush_loop(task_shared.clone(), dir)));
            let data_tasks = task_shared.data.start_tasks(task_shared.clone());
            let _dir_lock = dir_lock;
            tokio::join!(
                serve::serve(listener, router, stop_rx.clone()),
                serve::serve(data_listener, data_router, stop_rx),
            );
            // Stopped early: the seeding finishes, so what is saved is whole.
            if let Some(seeding) = seeding {
                let _ = seeding.await;
            }
            if let Some(t) = persist_task {
                t.abort();
            }
            data_tasks.abort();
            if let Some(dir) = data_dir
                && let Err(e) = persist::save(&dir, &task_shared.state())
            {
                tracing::warn!("sandbox: final save failed: {e}");
            }
            task_shared.data.flush_all().await;
        });
        tracing::info!(
            "sandbox listening on {} (data plane on {})",
            shared.base_url,
            shared.data_url
        );
        Ok(Self {
            shared,
            addr,
            data_addr,
            seed_keys_in,
            stop: stop_tx,
            task: Some(task),
        })
    }

    /// Every endpoint, the data plane's included.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::with_data(&self.shared.base_url, &self.shared.data_url)
    }

    /// The data plane's base URL, e.g. `http://127.0.0.1:41235`.
    pub fn data_url(&self) -> &str {
        &self.shared.data_url
    }

    /// The data plane's address.
    pub fn data_addr(&self) -> SocketAddr {
        self.data_addr
    }

    /// The name of the database `--seed-keys` filled, when it ran on this start.
    pub fn seed_keys_database(&self) -> Option<&str> {
        self.seed_keys_in.as_deref()
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
        let _ = self.stop.send(true);
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
