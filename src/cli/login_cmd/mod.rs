//! `updash login`: connect an account through the browser (loopback listener or a pasted
//! address), the device flow, or an existing Developer API key.

mod api_key;
mod input;
mod oauth;

use super::Context;
use super::exit::{CliError, CliResult};
use crate::account::Session;
use crate::account::{ConnectError, Connected, KeyOutcome};
use crate::auth::{AuthError, DEFAULT_LOGIN_TIMEOUT};
use crate::config::{ProviderKind, SANDBOX, UPSTASH};
use clap::Args;

/// Exit code of a sign-in cancelled without a signal: 128 + SIGINT, as for Ctrl-C (a signal
/// exits with its own code: SIGTERM 143, SIGHUP or a hung-up terminal 129).
pub const CANCELLED: u8 = 130;

const LOGIN_HELP: &str = "\
The authorize link is always shown (on stderr; with --no-browser alone on stdout), and a \
browser is opened only where one can open (not over SSH, not without a display; BROWSER \
overrides). Over SSH the exact `ssh -L PORT:127.0.0.1:PORT host` line is shown. The address \
the browser ends on can also be pasted on stdin (how is shown whenever no browser opened). \
The global --account sets the label of the new or updated account; when it names an \
existing account, that account is signed in again at its own provider (no --provider \
needed). The page the browser lands on says \"connected\" only once the account is saved.

For Upstash accounts one Developer API key named <prefix>_API_KEY_<unix time> is minted, \
checked with one API call and saved; an account that already has a working key keeps it.

A warning says when the provider granted no refresh token although offline_access was \
asked: such a sign-in cannot be renewed.

Exit codes: 0 connected; 1 service or network error; 2 usage or configuration error (no \
client_id, port in use, bad flags, and the provider's invalid_scope, unauthorized_client or \
invalid_client); 3 sign-in denied, refused, expired or timed out, an answer from another \
issuer, or the API key was refused; 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP or the terminal hung \
up, 131 SIGQUIT (the port is closed on each).

Examples:
  updash login --provider upstash
  updash login --device
  updash login --provider upstash --email you@example.com --api-key-stdin < key.txt
  updash --sandbox login";

/// Flags of `updash login`.
#[derive(Debug, Args)]
#[command(after_help = LOGIN_HELP)]
pub struct LoginArgs {
    /// The provider (a name from config.toml, `upstash`, or `sandbox`); default: `sandbox`
    /// with --sandbox, else `upstash`.
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
    /// Do not open a browser: print the authorize link alone on stdout and read the address
    /// the browser ends on from stdin (the listener keeps waiting too).
    #[arg(long)]
    pub no_browser: bool,
    /// Use the device flow (a code to type at the provider) instead of a redirect.
    #[arg(long, conflicts_with = "no_browser")]
    pub device: bool,
    /// Listen for the browser on this local port (then forward the redirect's port to it).
    #[arg(long, value_name = "N")]
    pub callback_port: Option<u16>,
    /// Give up after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_LOGIN_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    /// The account's email, when the provider does not say it (and for --api-key-stdin).
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Add an account from an existing Developer API key read from stdin (typed with echo
    /// off when stdin is a terminal); keys are never taken as arguments.
    #[arg(long, conflicts_with_all = ["device", "no_browser"])]
    pub api_key_stdin: bool,
}

/// Runs `updash login`.
pub async fn run(ctx: &Context, args: &LoginArgs) -> CliResult {
    if let Some(label) = &ctx.account {
        crate::store::check_label(label).map_err(CliError::usage)?;
    }
    ctx.with_session(|session| async move {
        let name = provider_name(&session, args.provider.as_deref(), ctx.account.as_deref())?;
        let provider = session.providers.get(&name).map_err(CliError::usage)?;
        if args.api_key_stdin {
            return api_key::run(ctx, args, &session, &name, &provider).await;
        }
        if !provider.supports_oauth() {
            let hint = if provider.kind() == ProviderKind::Upstash {
                format!(
                    "; to add an account with an existing Developer API key, run \
                     `updash login{} --provider {name} --email YOU@EXAMPLE.COM --api-key-stdin`",
                    if session.sandbox_mode {
                        " --sandbox"
                    } else {
                        ""
                    }
                )
            } else {
                String::new()
            };
            return Err(CliError::usage(format!(
                "provider {name:?} has no client_id configured for browser sign-in \
                 (set client_id under [providers.{name}] in config.toml){hint}"
            )));
        }
        oauth::run(ctx, args, &session, &name).await
    })
    .await
}

/// The provider to sign in at: `--provider`; else the provider of the account labelled
/// `--account` (signing it in again; with --sandbox only a sandbox account's); else `sandbox`
/// with --sandbox, `upstash` without.
fn provider_name(
    session: &Session,
    flag: Option<&str>,
    label: Option<&str>,
) -> Result<String, CliError> {
    let existing = match label {
        Some(label) => {
            let creds = session
                .store
                .inspect()
                .map_err(CliError::usage)?
                .credentials;
            let found = creds.find_by_label(label).next();
            // --sandbox asks for the sandbox: another provider's account keeps its label.
            found
                .map(|(_, a)| a.provider.clone())
                .filter(|p| !session.sandbox_mode || p == SANDBOX)
        }
        None => None,
    };
    match (flag, existing) {
        (Some(flag), Some(existing)) if flag != existing => Err(CliError::usage(format!(
            "the account {:?} belongs to the provider {existing:?}, not {flag:?}; \
             leave out --provider to sign it in again, or choose another --account label",
            label.unwrap_or_default()
        ))),
        (Some(flag), _) => Ok(flag.to_string()),
        (None, Some(existing)) => Ok(existing),
        (None, None) => Ok(if session.sandbox_mode {
            SANDBOX
        } else {
            UPSTASH
        }
        .to_string()),
    }
}

/// The CLI error for a failed connect (cancellation gets its own exit code).
pub(crate) fn connect_error(e: ConnectError) -> CliError {
    let code = match &e {
        ConnectError::Auth(AuthError::Cancelled) => CANCELLED,
        other => other.exit_code(),
    };
    CliError {
        code,
        message: e.to_string(),
    }
}

/// The sentence that ends a successful login.
pub(crate) fn connected_message(c: &Connected) -> String {
    let who = c.email.as_deref().unwrap_or("the account");
    let verb = if c.created { "Added" } else { "Updated" };
    let key = match &c.key {
        KeyOutcome::Minted { name } => {
            format!("a new Developer API key {name} was created and checked")
        }
        KeyOutcome::Reused { name: Some(name) } => {
            format!("its Developer API key {name} still works and was kept")
        }
        KeyOutcome::Reused { name: None } => {
            "its Developer API key still works and was kept".to_string()
        }
        KeyOutcome::Given => "the API key was checked with one API call".to_string(),
        KeyOutcome::TokensOnly => "its OAuth tokens were saved".to_string(),
    };
    format!(
        "{verb} account {:?} [{}]: {who} at {}; {key}.",
        c.label, c.id, c.provider_name
    )
}
