//! The account a Developer API command acts as, its client, and turning API failures into
//! exit codes (the one place a 401 is handled).

use crate::cli::exit::CliError;
use crate::session::{AccountSource, Selected, Session, SessionError};
use crate::upstash::{
    ApiCredentials, ApiError, ApiErrorKind, Client, ClientConfig, Database, ResolveError,
};
use std::time::Duration;

/// Overrides the per-request HTTP timeout, in seconds (fractions allowed, e.g. `0.5`).
/// Meant for tests and slow links; read only in [`http_timeout_override`].
pub const HTTP_TIMEOUT_ENV: &str = "UPDASH_HTTP_TIMEOUT_SECS";

/// The timeout from [`HTTP_TIMEOUT_ENV`], when set to a positive number of seconds.
pub fn http_timeout_override() -> Result<Option<Duration>, CliError> {
    let Ok(text) = std::env::var(HTTP_TIMEOUT_ENV) else {
        return Ok(None);
    };
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 3_600.0 => {
            Ok(Some(Duration::from_secs_f64(secs)))
        }
        _ => Err(CliError::usage(format!(
            "{HTTP_TIMEOUT_ENV} must be a number of seconds between 0 and 3600"
        ))),
    }
}

/// A selected account with its Developer API client.
pub struct Api {
    session: Session,
    selected: Selected,
    /// The client for the selected account.
    pub client: Client,
}

impl Api {
    /// Selects the account (`--account`, environment, sandbox or default) and builds its
    /// client, honouring [`HTTP_TIMEOUT_ENV`].
    pub fn open(session: Session, account: Option<&str>) -> Result<Self, CliError> {
        let selected = session.select(account)?;
        let client = client_for(&selected)?;
        tracing::debug!(account = %selected.label, provider = %selected.provider_name, "account selected");
        Ok(Self {
            session,
            selected,
            client,
        })
    }

    /// Turns an API failure into a CLI error. A 401 marks a stored account as needing
    /// sign-in and exits 3; everything else keeps the error's own exit code.
    /// (OAuth accounts will re-mint their key here before giving up.)
    pub fn fail(&self, err: ApiError) -> CliError {
        if err.is_unauthorized() {
            return self.unauthorized(&err);
        }
        let mut cli = CliError::from(err.clone());
        if err.kind() == ApiErrorKind::Timeout {
            cli.message.push_str(" (timed out)");
        }
        cli
    }

    fn unauthorized(&self, err: &ApiError) -> CliError {
        match &self.selected.source {
            AccountSource::Environment => CliError::needs_sign_in(format!(
                "{err}\nthe key in UPSTASH_API_KEY (for UPSTASH_EMAIL) was refused; check both"
            )),
            AccountSource::Stored(_) => {
                let note = match self.session.mark_needs_sign_in(&self.selected) {
                    Ok(()) => format!(
                        "account {:?} is now marked as needing sign-in",
                        self.selected.label
                    ),
                    Err(e) => format!("could not mark the account as needing sign-in: {e}"),
                };
                let sandbox = if self.selected.provider_name == crate::config::SANDBOX {
                    " --sandbox"
                } else {
                    ""
                };
                CliError::needs_sign_in(format!(
                    "{err}\n{note}: run `updash login{sandbox} --account {}`",
                    self.selected.label
                ))
            }
        }
    }

    /// Every database of the account.
    pub async fn databases(&self) -> Result<Vec<Database>, CliError> {
        self.client.list_databases().await.map_err(|e| self.fail(e))
    }

    /// The database with this ID or (unambiguous) name, as listed (credentials may be absent).
    pub async fn resolve(&self, query: &str) -> Result<Database, CliError> {
        let all = self.databases().await?;
        crate::upstash::resolve(&all, query)
            .cloned()
            .map_err(resolve_error)
    }
}

/// An unknown or ambiguous ID or name is the operator's input to fix: exit 2.
pub fn resolve_error(e: ResolveError) -> CliError {
    CliError::usage(e)
}

/// The client for `selected`, like `Session::client_for` but with the timeout override.
fn client_for(selected: &Selected) -> Result<Client, CliError> {
    let base =
        selected
            .provider
            .api_base_url
            .as_deref()
            .ok_or_else(|| SessionError::NotUpstash {
                label: selected.label.clone(),
                provider: selected.provider_name.clone(),
            })?;
    let mut config = ClientConfig::new(base).map_err(SessionError::Api)?;
    if let Some(timeout) = http_timeout_override()? {
        let connect = config.connect_timeout.min(timeout);
        config = config.with_timeouts(connect, timeout);
    }
    let creds = ApiCredentials::new(selected.email.clone(), selected.api_key.clone());
    Ok(Client::new(&config, creds).map_err(SessionError::Api)?)
}
