//! Answering the browser when the sign-in's outcome is known: the callback's request waits
//! (up to a time limit) while updash exchanges the code and saves the account, so the page
//! says "connected" only once that is true, and the error in words when it failed.

use super::pages;
use hyper::{Response, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, oneshot};
use tokio::time::Instant;

/// How long closing waits for the final page to reach the browser.
const DELIVERY_GRACE: Duration = Duration::from_secs(2);

/// How a sign-in ended, as the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    /// The account is connected (code exchanged, key minted, saved).
    Connected,
    /// It failed: the reason in words (never a secret).
    Failed(String),
}

/// The page for `outcome`; `None` (the limit passed, or updash stopped) says to look at the
/// terminal instead of guessing.
pub(super) fn page(outcome: Option<PageOutcome>) -> Response<String> {
    match outcome {
        Some(PageOutcome::Connected) => pages::connected(),
        Some(PageOutcome::Failed(message)) => pages::failed(
            StatusCode::OK,
            "Sign-in failed",
            &message,
            "Return to your terminal; you can start the sign-in again from updash.",
        ),
        None => pages::failed(
            StatusCode::ACCEPTED,
            "Sign-in received",
            "updash received the sign-in but has not finished connecting the account yet.",
            "Return to your terminal: it says whether the account was connected.",
        ),
    }
}

/// Waits for the outcome of the sign-in, at most `limit`.
pub(super) async fn wait_for(
    rx: oneshot::Receiver<PageOutcome>,
    limit: Duration,
) -> Option<PageOutcome> {
    match tokio::time::timeout(limit, rx).await {
        Ok(Ok(outcome)) => Some(outcome),
        Ok(Err(_)) | Err(_) => None,
    }
}

/// A connection's time limit, which the callback's request moves further out while it
/// waits for the outcome (every other request keeps the short one).
#[derive(Clone)]
pub(super) struct Deadline {
    at: Arc<Mutex<Instant>>,
    carries_answer: Arc<std::sync::atomic::AtomicBool>,
}

impl Deadline {
    /// A deadline `limit` from now.
    pub(super) fn after(limit: Duration) -> Self {
        Self {
            at: Arc::new(Mutex::new(Instant::now() + limit)),
            carries_answer: Arc::default(),
        }
    }

    fn at(&self) -> Instant {
        *self.at.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Marks the connection as the one the final page goes out on, and gives it `more`
    /// time from now (never less than it had).
    pub(super) fn carry_answer(&self, more: Duration) {
        let mut at = self.at.lock().unwrap_or_else(|p| p.into_inner());
        *at = (*at).max(Instant::now() + more);
        self.carries_answer
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether this connection carried the callback.
    pub(super) fn carried_answer(&self) -> bool {
        self.carries_answer
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Runs `fut` until it ends (`Some`) or the deadline, as extended meanwhile, passes.
    pub(super) async fn limit<F: std::future::Future>(&self, fut: F) -> Option<F::Output> {
        tokio::pin!(fut);
        loop {
            let at = self.at();
            tokio::select! {
                out = &mut fut => return Some(out),
                _ = tokio::time::sleep_until(at) => {
                    if self.at() <= Instant::now() {
                        return None;
                    }
                }
            }
        }
    }
}

/// Tells the browser waiting on the listener how the sign-in ended, then closes the
/// listener once the page is out (or after a short grace). Dropping it unanswered tells the
/// browser to look at the terminal.
pub struct BrowserReply {
    inner: Option<(oneshot::Sender<PageOutcome>, super::Listener)>,
}

impl std::fmt::Debug for BrowserReply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserReply")
            .field("browser_waiting", &self.inner.is_some())
            .finish()
    }
}

impl BrowserReply {
    /// No browser waits (the answer was pasted, or it came some other way).
    pub fn none() -> Self {
        Self { inner: None }
    }

    /// A browser waits on `listener` for the page sent on `tx`.
    pub(crate) fn waiting(tx: oneshot::Sender<PageOutcome>, listener: super::Listener) -> Self {
        Self {
            inner: Some((tx, listener)),
        }
    }

    /// Whether a browser waits for this reply.
    pub fn is_waiting(&self) -> bool {
        self.inner.is_some()
    }

    /// Says the account is connected.
    pub async fn connected(self) {
        self.send(PageOutcome::Connected).await;
    }

    /// Says the sign-in failed, with `message` (already free of secrets).
    pub async fn failed(self, message: impl Into<String>) {
        self.send(PageOutcome::Failed(message.into())).await;
    }

    /// Sends `outcome` and closes the listener once the page went out.
    pub async fn send(mut self, outcome: PageOutcome) {
        if let Some((tx, mut listener)) = self.inner.take() {
            let _ = tx.send(outcome);
            listener.close_after_answer(DELIVERY_GRACE).await;
        }
    }
}

impl Drop for BrowserReply {
    fn drop(&mut self) {
        // Unanswered: the browser's page says to look at the terminal; the listener closes
        // once that page is out, on a task since drop cannot wait.
        if let Some((tx, mut listener)) = self.inner.take() {
            drop(tx);
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move { listener.close_after_answer(DELIVERY_GRACE).await });
            }
        }
    }
}

/// Lets the closing side wait until the connection that carried the final page is done.
#[derive(Default)]
pub(super) struct Delivered {
    notify: Notify,
}

impl Delivered {
    /// The page went out (or its connection ended otherwise).
    pub(super) fn done(&self) {
        self.notify.notify_one();
    }

    /// Waits for [`Self::done`], at most `grace`.
    pub(super) async fn wait(&self, grace: Duration) {
        let _ = tokio::time::timeout(grace, self.notify.notified()).await;
    }
}
