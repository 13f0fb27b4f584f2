//! The loopback listener that receives the browser's redirect.
//!
//! It accepts exactly one GET on the redirect path with this attempt's `state`; everything
//! else (favicon, probes, wrong path or method, wrong state, garbage) gets a 404 or an error
//! page and the wait goes on. Connections are limited in number, in the time they may take to
//! send their head, in head size and in total time. The port closes on every way out: the
//! accept tasks own the sockets, and closing (or dropping) the listener aborts them.

mod bind;
mod pages;

pub use bind::{DEFAULT_CALLBACK_PATH, FixedRedirect, parse_fixed};

use super::callback::{CallbackVerdict, judge_callback};
use super::error::AuthError;
use crate::secret::Secret;
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};
use tokio::task::{JoinHandle, JoinSet};

/// Connections served at the same time; more are closed at once.
const MAX_CONNECTIONS: usize = 64;
/// How long a client may take to send its request head.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one connection may live in total.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head hyper buffers (its minimum); larger heads get 431.
const MAX_HEAD_BYTES: usize = 8192;

/// What the request handlers share.
struct Shared {
    state: Secret,
    path: String,
    outcome: Mutex<Option<oneshot::Sender<Result<Secret, AuthError>>>>,
}

/// A running loopback listener for one sign-in attempt.
pub struct Listener {
    tasks: Vec<JoinHandle<()>>,
    outcome: oneshot::Receiver<Result<Secret, AuthError>>,
    redirect_uri: String,
    port: u16,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener")
            .field("redirect_uri", &self.redirect_uri)
            .field("port", &self.port)
            .finish()
    }
}

impl Listener {
    /// Binds (before anything else happens) and starts serving for the attempt with `state`.
    pub async fn start(
        fixed_redirect: Option<&str>,
        callback_port: Option<u16>,
        state: Secret,
    ) -> Result<Self, AuthError> {
        let bound = bind::bind(fixed_redirect, callback_port).await?;
        let (tx, rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            state,
            path: bound.path,
            outcome: Mutex::new(Some(tx)),
        });
        let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let tasks = bound
            .listeners
            .into_iter()
            .map(|l| tokio::spawn(accept_loop(l, shared.clone(), permits.clone())))
            .collect();
        Ok(Self {
            tasks,
            outcome: rx,
            redirect_uri: bound.redirect_uri,
            port: bound.port,
        })
    }

    /// The redirect URI this listener serves.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The local port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Resolves with the code, or the provider's error, of the first valid callback.
    pub async fn outcome(&mut self) -> Result<Secret, AuthError> {
        match (&mut self.outcome).await {
            Ok(result) => result,
            Err(_) => Err(AuthError::Listen {
                addr: format!("port {}", self.port),
                reason: "the listener stopped unexpectedly".into(),
            }),
        }
    }

    /// Stops listening and returns once the port is closed.
    pub async fn close(&mut self) {
        for task in self.tasks.drain(..) {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Accepts connections until aborted; the socket and every connection task die with it.
async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, permits: Arc<Semaphore>) {
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        let (stream, remote) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                // Out of descriptors and the like: back off briefly instead of spinning.
                tracing::debug!("auth listener: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tracing::debug!("auth listener: too many connections; closing one from {remote}");
            drop(stream);
            continue;
        };
        let shared = shared.clone();
        connections.spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let response = handle(&req, &shared);
                async move { Ok::<_, Infallible>(response) }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .keep_alive(false);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            match tokio::time::timeout(CONNECTION_TIMEOUT, conn).await {
                Ok(Err(e)) => tracing::debug!("auth listener: connection from {remote}: {e}"),
                Err(_) => tracing::debug!("auth listener: connection from {remote} timed out"),
                Ok(Ok(())) => {}
            }
        });
    }
}

/// Answers one request; sends the attempt's outcome when it is the callback.
fn handle(req: &Request<Incoming>, shared: &Shared) -> Response<String> {
    if req.uri().path() != shared.path {
        return pages::not_found();
    }
    if req.method() != Method::GET {
        let mut r = pages::failed(
            StatusCode::METHOD_NOT_ALLOWED,
            "Wrong request",
            "The sign-in answer arrives with a GET request.",
            "",
        );
        r.headers_mut().insert(
            hyper::header::ALLOW,
            hyper::header::HeaderValue::from_static("GET"),
        );
        return r;
    }
    let verdict = judge_callback(req.uri().query().unwrap_or(""), &shared.state);
    let sender = if verdict.is_final() {
        shared
            .outcome
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    } else {
        None
    };
    match verdict {
        CallbackVerdict::Ignored(e) => pages::failed(
            StatusCode::BAD_REQUEST,
            "Not this sign-in",
            &e.to_string(),
            "updash is still waiting for the sign-in it started.",
        ),
        _ if sender.is_none() => pages::failed(
            StatusCode::OK,
            "Sign-in already finished",
            "updash already received an answer for this sign-in.",
            "You can close this tab.",
        ),
        CallbackVerdict::Code(code) => {
            if let Some(tx) = sender {
                let _ = tx.send(Ok(code));
            }
            pages::connected()
        }
        CallbackVerdict::Failed(e) => {
            let message = e.to_string();
            if let Some(tx) = sender {
                let _ = tx.send(Err(e));
            }
            pages::failed(
                StatusCode::OK,
                "Sign-in failed",
                &message,
                "Return to your terminal; you can start the sign-in again from updash.",
            )
        }
    }
}
