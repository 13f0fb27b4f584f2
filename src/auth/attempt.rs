//! One browser sign-in attempt: bind, build the URL, then wait for the listener or a paste,
//! whichever brings a valid answer first.

use super::authorize::{AuthorizeRequest, authorize_request_with, fresh_secrets};
use super::callback::{CallbackCheck, CallbackVerdict};
use super::cancel::CancelToken;
use super::client::OAuthClient;
use super::error::AuthError;
use super::listener::{BrowserReply, DEFAULT_CALLBACK_PATH, Listener, parse_fixed};
use super::paste::PasteChecker;
use crate::secret::Secret;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;
use url::Url;

/// Default time a sign-in may take from start to answer.
pub const DEFAULT_LOGIN_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// Default time the browser waits for the page that says how the sign-in ended.
pub const DEFAULT_ANSWER_LIMIT: Duration = Duration::from_secs(60);

/// How to run a sign-in attempt.
#[derive(Debug, Clone)]
pub struct LoginOptions {
    /// Run the loopback listener (false: paste only, as with `--no-browser`).
    pub listen: bool,
    /// Listen on this port instead of the default (an OS-chosen one, or the registered one).
    pub callback_port: Option<u16>,
    /// How long the attempt may wait for an answer.
    pub timeout: Duration,
    /// How long the browser that brought the answer waits for the page saying how the
    /// sign-in ended (exchange, key, save); then it is told to look at the terminal.
    pub answer_limit: Duration,
}

impl Default for LoginOptions {
    fn default() -> Self {
        Self {
            listen: true,
            callback_port: None,
            timeout: DEFAULT_LOGIN_TIMEOUT,
            answer_limit: DEFAULT_ANSWER_LIMIT,
        }
    }
}

/// The answer of a successful sign-in, with what the exchange needs, and the browser that
/// waits to be told how the sign-in ended; every part is redacted in `Debug`.
pub struct AuthCode {
    pub(crate) code: Secret,
    pub(crate) verifier: Secret,
    pub(crate) redirect_uri: String,
    reply: BrowserReply,
}

impl std::fmt::Debug for AuthCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthCode")
            .field("code", &self.code)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

impl AuthCode {
    /// An answer obtained some other way (another front-end, tests): the code, the PKCE
    /// verifier of its authorization request, and the redirect URI that request used.
    pub fn from_parts(code: Secret, verifier: Secret, redirect_uri: impl Into<String>) -> Self {
        Self {
            code,
            verifier,
            redirect_uri: redirect_uri.into(),
            reply: BrowserReply::none(),
        }
    }

    /// The browser that brought this answer, waiting to be told how the sign-in ended (a
    /// reply to nobody for a pasted answer). Left here, it is told to look at the terminal.
    pub fn take_reply(&mut self) -> BrowserReply {
        std::mem::replace(&mut self.reply, BrowserReply::none())
    }

    /// The authorization code.
    pub fn code(&self) -> &Secret {
        &self.code
    }

    /// The redirect URI the code was issued for.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }
}

/// A started sign-in: the port (if any) is bound, the URL is ready.
pub struct LoginAttempt {
    request: AuthorizeRequest,
    check: CallbackCheck,
    listener: Option<Listener>,
    redirect_port: u16,
    deadline: Instant,
    timeout: Duration,
}

impl std::fmt::Debug for LoginAttempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginAttempt")
            .field("redirect_uri", &self.request.redirect_uri)
            .field("port", &self.port())
            .finish_non_exhaustive()
    }
}

impl LoginAttempt {
    /// Learns what an answer must carry (the provider's issuer), binds the listener (so a
    /// taken port fails before any browser opens), then builds the authorize URL with a
    /// fresh state and PKCE verifier.
    pub async fn start(client: &OAuthClient, opts: LoginOptions) -> Result<Self, AuthError> {
        let fixed = client.provider.redirect_uri.as_deref();
        let deadline = Instant::now() + opts.timeout;
        // The listener needs the state before it serves; the URL needs the port.
        let (state, verifier) = fresh_secrets();
        let check = client.callback_check(state.clone()).await;
        if opts.listen {
            let mut listener =
                Listener::start(fixed, opts.callback_port, check.clone(), opts.answer_limit)
                    .await?;
            let request =
                match authorize_request_with(client, listener.redirect_uri(), state, verifier) {
                    Ok(r) => r,
                    Err(e) => {
                        listener.close().await;
                        return Err(e);
                    }
                };
            let redirect_port = match fixed {
                Some(uri) => parse_fixed(uri)?.port,
                None => listener.port(),
            };
            return Ok(Self {
                request,
                check,
                listener: Some(listener),
                redirect_port,
                deadline,
                timeout: opts.timeout,
            });
        }
        let (redirect_uri, redirect_port) = match fixed {
            Some(uri) => (uri.to_string(), parse_port(uri)),
            None => {
                // Nothing listens, so the browser's page fails to load and the operator
                // pastes its address; any loopback port makes a valid redirect.
                let port = opts.callback_port.unwrap_or(free_port_hint());
                (
                    format!("http://127.0.0.1:{port}{DEFAULT_CALLBACK_PATH}"),
                    port,
                )
            }
        };
        Ok(Self {
            request: authorize_request_with(client, &redirect_uri, state, verifier)?,
            check,
            listener: None,
            redirect_port,
            deadline,
            timeout: opts.timeout,
        })
    }

    /// The URL to open in a browser (show it too; it carries the one-time state).
    pub fn authorize_url(&self) -> &Url {
        &self.request.url
    }

    /// The redirect URI sent to the provider.
    pub fn redirect_uri(&self) -> &str {
        &self.request.redirect_uri
    }

    /// The local port listened on, when listening.
    pub fn port(&self) -> Option<u16> {
        self.listener.as_ref().map(Listener::port)
    }

    /// The port in the redirect URI (the one to forward with `ssh -L`).
    pub fn redirect_port(&self) -> u16 {
        self.redirect_port
    }

    /// A checker for pasted answers, so the UI can report a bad paste at once.
    pub fn paste_checker(&self) -> PasteChecker {
        PasteChecker {
            check: self.check.clone(),
        }
    }

    /// Waits for the first valid answer from the listener or from `pastes`, until the
    /// timeout or `cancel`. Pastes that are not an answer to this attempt are skipped (check
    /// them with [`LoginAttempt::paste_checker`] to tell the operator).
    ///
    /// The port is closed before this returns, except when the browser brought a code: its
    /// request then waits for the page, which [`AuthCode::take_reply`] sends (and the port
    /// closes after it).
    pub async fn wait(
        mut self,
        mut pastes: mpsc::Receiver<String>,
        cancel: &CancelToken,
    ) -> Result<AuthCode, AuthError> {
        let checker = self.paste_checker();
        let mut listener = self.listener.take();
        let mut pastes_open = true;
        let result = loop {
            let from_listener = async {
                match listener.as_mut() {
                    Some(l) => l.outcome().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                outcome = from_listener => break Answer::Browser(outcome),
                pasted = pastes.recv(), if pastes_open => match pasted {
                    Some(text) => match checker.check(&text) {
                        CallbackVerdict::Code(code) => break Answer::Pasted(Ok(code)),
                        CallbackVerdict::Failed(e) => break Answer::Pasted(Err(e)),
                        CallbackVerdict::Ignored(e) => {
                            tracing::debug!("auth: a pasted answer was skipped: {e}");
                        }
                    },
                    None => pastes_open = false,
                },
                _ = cancel.cancelled() => break Answer::Pasted(Err(AuthError::Cancelled)),
                _ = tokio::time::sleep_until(self.deadline) => break Answer::Pasted(Err(AuthError::TimedOut(self.timeout))),
            }
        };
        let (code, reply) = match result {
            Answer::Browser(Ok((code, page))) => {
                let reply = match listener.take() {
                    Some(l) => BrowserReply::waiting(page, l),
                    None => BrowserReply::none(),
                };
                (code, reply)
            }
            Answer::Browser(Err(e)) => {
                if let Some(l) = listener.as_mut() {
                    l.close_after_answer(Duration::from_secs(2)).await;
                }
                return Err(e);
            }
            Answer::Pasted(result) => {
                if let Some(l) = listener.as_mut() {
                    l.close().await;
                }
                (result?, BrowserReply::none())
            }
        };
        Ok(AuthCode {
            code,
            verifier: self.request.verifier.clone(),
            redirect_uri: self.request.redirect_uri.clone(),
            reply,
        })
    }

    /// Stops listening (also done when the attempt is dropped or `wait` returns).
    pub async fn close(&mut self) {
        if let Some(l) = self.listener.as_mut() {
            l.close().await;
        }
    }
}

/// Where the first final answer came from.
enum Answer {
    /// The listener: a code (with its browser's page channel) or the provider's error.
    Browser(Result<super::listener::Delivery, AuthError>),
    /// A paste, or the attempt ended (cancelled, timed out).
    Pasted(Result<Secret, AuthError>),
}

fn parse_port(uri: &str) -> u16 {
    Url::parse(uri)
        .ok()
        .and_then(|u| u.port_or_known_default())
        .unwrap_or(80)
}

/// A port that was free a moment ago (for paste-only redirects that nothing listens on).
fn free_port_hint() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(53682)
}
