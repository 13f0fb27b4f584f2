//! Browser (listener + paste) and device sign-in for `updash login`, with Ctrl-C, SIGTERM,
//! SIGHUP and SIGQUIT (or the terminal hanging up) cancelling the wait and closing the port.

use super::input::{StdinLines, prompt_line, stdin_is_terminal};
use super::{LoginArgs, connect_error, connected_message};
use crate::account::Session;
use crate::account::{ConnectError, Connected, Connector, Grant, Step, tell_browser};
use crate::auth::browser::{
    BrowserEnv, BrowserOutcome, ProcessOpener, open_browser, ssh_forward_line,
};
use crate::auth::listener::BrowserReply;
use crate::auth::{AuthError, CallbackVerdict, CancelToken, LoginOptions};
use crate::cli::Context;
use crate::cli::exit::{CliError, CliResult};
use crate::cli::signals;
use crate::cli::time_left;
use crate::config::ProviderKind;
use std::io::Write;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// Signs in through the provider, then saves the account.
pub async fn run(ctx: &Context, args: &LoginArgs, session: &Session, name: &str) -> CliResult {
    let cancel = CancelToken::new();
    let ended_by = std::sync::Arc::new(std::sync::OnceLock::new());
    let on_signal = {
        let (cancel, ended_by) = (cancel.clone(), ended_by.clone());
        tokio::spawn(async move {
            let signal = signals::terminated_or_hung_up().await;
            tracing::info!("login: cancelled by {}", signal.name());
            let _ = ended_by.set(signal);
            cancel.cancel();
        })
    };
    let lines = StdinLines::start();
    let flow = async {
        let (connector, grant, reply) = if args.device {
            let (connector, grant) =
                device_grant(session, name, ctx.account.clone(), args, &cancel).await?;
            (connector, grant, BrowserReply::none())
        } else {
            browser_grant(session, name, ctx.account.clone(), args, &cancel, &lines).await?
        };
        let email = match (&grant.email, connector.provider.kind()) {
            (Some(_), _) | (None, ProviderKind::Oauth) => args.email.clone(),
            (None, ProviderKind::Upstash) => ask_email(args, &lines).await,
        };
        let no_renewal = no_refresh_token_warning(&connector, &grant);
        let result = connector.complete(grant, email, &mut report).await;
        // The browser learns the outcome only now, when it is true.
        tell_browser(reply, &result).await;
        if let (Ok(_), Some(warning)) = (&result, no_renewal) {
            crate::errln!("updash: warning: {warning}");
        }
        result
    };
    let result = tokio::select! {
        biased;
        r = flow => r,
        _ = cancel.cancelled() => Err(ConnectError::Auth(AuthError::Cancelled)),
    };
    on_signal.abort();
    let connected: Connected = match (result, ended_by.get()) {
        // Ended from outside: the signal's exit code; the operator knows why.
        (Err(ConnectError::Auth(AuthError::Cancelled)), Some(signal)) => {
            return Err(CliError::ended(
                *signal,
                format!(
                    "the sign-in was cancelled ({}); the port is closed",
                    signal.name()
                ),
            ));
        }
        (result, _) => result.map_err(connect_error)?,
    };
    let message = connected_message(&connected);
    if args.no_browser {
        // stdout carries the authorize link alone.
        crate::errln!("{message}");
    } else {
        crate::outln!("{message}");
    }
    Ok(())
}

/// How to finish a sign-in when no browser was opened here.
const PASTE_HINT: &str = "Open the link above in a browser (on any machine), sign in, then \
paste here the address the browser ends on, even if that page does not load.";

fn report(step: Step) {
    crate::errln!("  {step}...");
}

/// The email for a provider that did not say it: --email, else one prompt on a terminal.
async fn ask_email(args: &LoginArgs, lines: &StdinLines) -> Option<String> {
    if args.email.is_some() || !stdin_is_terminal() {
        return args.email.clone();
    }
    prompt_line(
        lines,
        "The provider did not say who signed in. Account email: ",
    )
    .await
}

/// The warning for a sign-in that cannot be renewed: `offline_access` was asked, and the
/// provider granted no refresh token.
fn no_refresh_token_warning(connector: &Connector, grant: &Grant) -> Option<String> {
    let asked = connector
        .provider
        .scopes
        .iter()
        .any(|s| s == "offline_access");
    if !asked || grant.tokens.refresh_token.is_some() {
        return None;
    }
    let when = grant
        .tokens
        .expires_at
        .map(|at| format!(" ({})", time_left::until(at - OffsetDateTime::now_utc())))
        .unwrap_or_default();
    let after = match connector.provider.kind() {
        ProviderKind::Upstash => {
            "; the Developer API key keeps working after that, but a refused key then needs a new sign-in"
        }
        ProviderKind::Oauth => "; then sign in again",
    };
    Some(format!(
        "{} granted no refresh token, although updash asked for offline_access: this sign-in \
         cannot be renewed and ends when the access token expires{when}{after}",
        connector.provider_name
    ))
}

async fn browser_grant(
    session: &Session,
    name: &str,
    label: Option<String>,
    args: &LoginArgs,
    cancel: &CancelToken,
    lines: &StdinLines,
) -> Result<(Connector, Grant, BrowserReply), ConnectError> {
    let opts = LoginOptions {
        listen: true,
        callback_port: args.callback_port,
        timeout: Duration::from_secs(args.timeout),
        ..LoginOptions::default()
    };
    let sign_in = session.start_browser_sign_in(name, label, opts).await?;
    let url = sign_in.authorize_url().to_string();
    let env = BrowserEnv::from_process();
    crate::errln!("Signing in to {name} ({}).", origin(&url));
    let opened = if args.no_browser {
        crate::outln!("{url}");
        let _ = std::io::stdout().flush();
        false
    } else {
        crate::errln!("Open this link to sign in:\n\n  {url}\n");
        match open_browser(&env, &ProcessOpener, &url) {
            BrowserOutcome::Launched(program) => {
                crate::errln!("Opened a browser ({program}).");
                true
            }
            BrowserOutcome::NotOpened(reason) => {
                crate::errln!("Not opening a browser: {reason}.");
                false
            }
            BrowserOutcome::Failed(reason) => {
                crate::errln!("Could not open a browser: {reason}.");
                false
            }
        }
    };
    // Whenever no browser opened here, the operator needs the way back: the address to
    // paste (and over SSH, the tunnel that lets the browser's redirect reach the listener).
    if !opened {
        crate::errln!("{PASTE_HINT}");
    }
    let listen_port = sign_in.listener_port().unwrap_or(sign_in.redirect_port());
    if let Some(ssh) = env
        .ssh_target()
        .map(|target| ssh_forward_line(&target, &url, listen_port))
    {
        crate::errln!(
            "updash runs over SSH. For the browser on your computer to reach this sign-in, \
             run this on your computer first:\n\n  {ssh}\n\nor paste here the address the \
             browser ends on."
        );
    }
    crate::errln!(
        "Waiting for the sign-in (up to {} s; Ctrl-C cancels)...",
        args.timeout
    );
    let (tx, rx) = mpsc::channel(4);
    let checker = sign_in.paste_checker();
    let forward_lines = lines.clone();
    let forward = tokio::spawn(async move {
        while let Some(line) = forward_lines.next().await {
            if line.trim().is_empty() {
                continue;
            }
            match checker.check(&line) {
                CallbackVerdict::Ignored(e) => crate::errln!("updash: {e}"),
                _ => {
                    if tx.send(line).await.is_err() {
                        break;
                    }
                }
            }
        }
    });
    let mut on_step = |step: Step| {
        if step == Step::Exchanging {
            crate::errln!("Signed in at the provider.");
        }
        report(step);
    };
    let result = sign_in.wait(rx, cancel, &mut on_step).await;
    forward.abort();
    // Let the aborted forwarder release the shared reader before anyone prompts.
    let _ = forward.await;
    result
}

async fn device_grant(
    session: &Session,
    name: &str,
    label: Option<String>,
    args: &LoginArgs,
    cancel: &CancelToken,
) -> Result<(Connector, Grant), ConnectError> {
    let sign_in = session.start_device_sign_in(name, label).await?;
    let device = sign_in.device();
    crate::errln!(
        "To sign in, open {} and enter the code:\n\n  {}\n",
        device.verification_uri(),
        device.user_code()
    );
    if let Some(complete) = device.verification_uri_complete() {
        crate::errln!("(or open {complete})");
    }
    let limit = Duration::from_secs(args.timeout).min(device.expires_in());
    crate::errln!(
        "Waiting for approval (up to {} s; Ctrl-C cancels)...",
        limit.as_secs()
    );
    sign_in.wait(cancel, Some(limit), None, &mut report).await
}

/// `scheme://host[:port]` of a URL, for the human line (no query: it carries the state).
fn origin(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}
