//! The loopback listener that receives the browser's redirect.
//!
//! It accepts exactly one GET on the redirect path with this attempt's `state`; everything
//! else (favicon, probes, wrong path or method, wrong state, garbage) gets a 404 or an error
//! page and the wait goes on. Connections are limited in number, in the time they may take to
//! send their head, in head size and in total time. The port closes on every way out: the
//! accept tasks own the sockets, and closing (or dropping) the listener aborts them.
//!
//! The callback's own request is answered only when the sign-in's outcome is known (see
//! `reply.rs`): the code goes out with a channel for the page, and the request waits on it.

mod bind;
mod pages;
mod reply;

pub use bind::{DEFAULT_CALLBACK_PATH, FixedRedirect, parse_fixed};
pub use reply::{BrowserReply, PageOutcome};

use super::callback::{CallbackCheck, CallbackVerdict, judge_callback};
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

/// The code of a valid callback, with the channel its browser's page is sent on.
pub type Delivery = (Secret, oneshot::Sender<PageOutcome>);

/// What the request handlers share.
struct Shared {
    check: CallbackCheck,
    path: String,
    outcome: Mutex<Option<oneshot::Sender<Result<Delivery, AuthError>>>>,
    /// How long the callback's request waits for the sign-in's outcome.
    answer_limit: Duration,
    delivered: reply::Delivered,
}

/// A running loopback listener for one sign-in attempt.
pub struct Listener {
    tasks: Vec<JoinHandle<()>>,
    outcome: oneshot::Receiver<Result<Delivery, AuthError>>,
    shared: Arc<Shared>,
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
    /// Binds and starts serving for the attempt `check` describes; the browser of a valid
    /// callback waits up to `answer_limit` for its page.
    pub async fn start(
        fixed_redirect: Option<&str>,
        callback_port: Option<u16>,
        check: CallbackCheck,
        answer_limit: Duration,
    ) -> Result<Self, AuthError> {
        let bound = bind::bind(fixed_redirect, callback_port).await?;
        let (tx, rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            check,
            path: bound.path,
            outcome: Mutex::new(Some(tx)),
            answer_limit,
            delivered: reply::Delivered::default(),
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
            shared,
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

    /// Resolves with the code (and the channel its browser's page goes on), or the
    /// provider's error, of the first valid callback.
    pub async fn outcome(&mut self) -> Result<Delivery, AuthError> {
        match (&mut self.outcome).await {
            Ok(result) => result,
            Err(_) => Err(AuthError::Listen {
                addr: format!("port {}", self.port),
                reason: "the listener stopped unexpectedly".into(),
            }),
        }
    }

    /// Waits (at most `grace`) for the final page to go out, then closes.
    pub async fn close_after_answer(&mut self, grace: Duration) {
        self.shared.delivered.wait(grace).await;
        self.close().await;
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
            let deadline = reply::Deadline::after(CONNECTION_TIMEOUT);
            let service = {
                let (shared, deadline) = (shared.clone(), deadline.clone());
                hyper::service::service_fn(move |req: Request<Incoming>| {
                    let (shared, deadline) = (shared.clone(), deadline.clone());
                    async move { Ok::<_, Infallible>(handle(&req, &shared, &deadline).await) }
                })
            };
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .keep_alive(false);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            match deadline.limit(conn).await {
                Some(Err(e)) => tracing::debug!("auth listener: connection from {remote}: {e}"),
                None => tracing::debug!("auth listener: connection from {remote} timed out"),
                Some(Ok(())) => {}
            }
            if deadline.carried_answer() {
                shared.delivered.done();
            }
        });
    }
}

/// Answers one request; sends the attempt's outcome when it is the callback, and then
/// answers the browser once the sign-in's own outcome is known.
async fn handle(
    req: &Request<Incoming>,
    shared: &Shared,
    deadline: &reply::Deadline,
) -> Response<String> {
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
    let verdict = judge_callback(req.uri().query().unwrap_or(""), &shared.check);
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
            deadline.carry_answer(shared.answer_limit + Duration::from_secs(1));
            let (page_tx, page_rx) = oneshot::channel();
            if let Some(tx) = sender {
                let _ = tx.send(Ok((code, page_tx)));
            }
            reply::page(reply::wait_for(page_rx, shared.answer_limit).await)
        }
        CallbackVerdict::Failed(e) => {
            deadline.carry_answer(Duration::ZERO);
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
