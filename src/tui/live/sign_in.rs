//! Browser sign-ins in progress: each attempt's listener, paste channel and cancel token,
//! kept between `start_sign_in` and `finish_sign_in`; and the sandbox's keyboard sign-in.

use super::attempt_table::AttemptTable;
use super::{errors, glue};
use crate::account::Session;
use crate::account::{BrowserSignIn, Step};
use crate::auth::{CallbackVerdict, LoginOptions, PasteChecker};
use crate::secret::Secret;
use crate::store::AccountId;
use crate::tui::services::{AttemptId, ServiceError, SignInStarted};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// What an attempt keeps from start to finish, for pastes.
struct PasteInbox {
    pastes: mpsc::Sender<String>,
    checker: PasteChecker,
}

/// What `finish` needs to wait for the answer and save the account.
struct Waiting {
    sign_in: BrowserSignIn,
    pastes: mpsc::Receiver<String>,
}

/// The attempts of this dashboard; clones share them.
#[derive(Clone, Default)]
pub struct Attempts {
    table: AttemptTable<Waiting, PasteInbox>,
    next: Arc<AtomicU64>,
}

impl Attempts {
    /// A fresh attempt id; device attempts take theirs here too, so one id names one attempt.
    pub fn next_id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Binds the listener and builds the authorize URL for `provider`.
    pub async fn start(
        &self,
        session: &Session,
        provider: &str,
        timeout: Duration,
    ) -> Result<SignInStarted, ServiceError> {
        let options = LoginOptions {
            timeout,
            ..LoginOptions::default()
        };
        let sign_in = session
            .start_browser_sign_in(provider, None, options)
            .await
            .map_err(glue::error)?;
        let started_at = OffsetDateTime::now_utc();
        let id = self.next_id();
        let started = SignInStarted {
            attempt: AttemptId(id),
            authorize_url: sign_in.authorize_url().to_string(),
            listener_port: sign_in.listener_port().map(|_| sign_in.redirect_port()),
            expires_at: started_at + timeout,
        };
        let (tx, rx) = mpsc::channel(4);
        let inbox = PasteInbox {
            pastes: tx,
            checker: sign_in.paste_checker(),
        };
        let waiting = Waiting {
            sign_in,
            pastes: rx,
        };
        self.table.insert(id, inbox, waiting);
        Ok(started)
    }

    /// Waits for the listener or a paste, then exchanges the code and saves the account.
    pub async fn finish(&self, attempt: AttemptId) -> Result<AccountId, ServiceError> {
        // `_forget` removes the attempt however this ends.
        let (waiting, cancel, _forget) = self.table.take_waiting(attempt)?;
        let mut progress = |step: Step| tracing::debug!("dashboard sign-in: {step}");
        let (connector, grant, reply) = waiting
            .sign_in
            .wait(waiting.pastes, &cancel, &mut progress)
            .await
            .map_err(glue::error)?;
        glue::save(&connector, grant, reply).await
    }

    /// Hands a pasted address to the attempt; a paste that is not its answer is refused at
    /// once (the attempt keeps waiting).
    pub fn paste(&self, attempt: AttemptId, url: &Secret) -> Result<(), ServiceError> {
        let map = self.table.lock();
        let inbox = &map
            .get(&attempt.0)
            .ok_or_else(|| errors::unavailable("This sign-in is no longer running"))?
            .extra;
        match inbox.checker.check(url.expose()) {
            CallbackVerdict::Ignored(e) => Err(errors::auth(e)),
            // A code or a final error: the wait takes it from here.
            _ => inbox
                .pastes
                .try_send(url.expose().to_string())
                .map_err(|_| errors::unavailable("This sign-in is no longer waiting")),
        }
    }

    /// Cancels the attempt: its wait ends and the listener closes.
    pub fn cancel(&self, attempt: AttemptId) {
        self.table.cancel(attempt);
    }
}

/// Signs in as `email` from the terminal through the sign-in the run's wiring offers: the
/// provider's pages are walked for the operator and the answer reaches the attempt's listener.
pub async fn keyboard(
    session: &Session,
    url: &str,
    email: &str,
    password: &Secret,
) -> Result<(), ServiceError> {
    use crate::account::TerminalSignInError;
    let Some(sign_in) = &session.terminal_sign_in else {
        return Err(errors::rejected(
            "Signing in from the terminal is not offered here; use the browser",
        ));
    };
    sign_in
        .sign_in(url, email, password)
        .await
        .map_err(|e| match e {
            TerminalSignInError::Refused(m) => errors::rejected(errors::capitalized(&m)),
            TerminalSignInError::Unavailable(m) => errors::unavailable(errors::capitalized(&m)),
        })
}
