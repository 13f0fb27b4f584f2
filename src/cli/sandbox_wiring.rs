//! The sandbox as this run's provider: the only place the product names the sandbox crate
//! besides `updash sandbox` itself. It describes the sandbox as a provider and offers its
//! sign-in from the terminal.

use crate::account::{TerminalSignIn, TerminalSignInError};
use crate::config::{ProviderConfig, SANDBOX, upstash_defaults};
use crate::secret::Secret;
use futures::future::BoxFuture;
use updash_sandbox::agent::{AgentError, complete_sign_in};
use updash_sandbox::{Endpoints, PUBLIC_CLIENT_ID, SEEDED_EMAIL};

pub use updash_sandbox::data::{DISCOVERY_PATH, Discovery, discover};
pub use updash_sandbox::embedded::{Embedded, URL_ENV};

/// The sandbox served at `base_url` as an Upstash-kind provider with the public client.
pub fn sandbox_provider(base_url: &str) -> ProviderConfig {
    let at = Endpoints::at(base_url);
    ProviderConfig {
        authorize_url: Some(at.authorize),
        token_url: Some(at.token),
        revocation_url: Some(at.revocation),
        device_authorization_url: Some(at.device_authorization),
        userinfo_url: Some(at.userinfo),
        client_id: Some(PUBLIC_CLIENT_ID.into()),
        issuer: Some(at.issuer),
        // Any loopback port is accepted, as RFC 8252 asks.
        redirect_uri: None,
        api_base_url: Some(at.api_base),
        ..upstash_defaults()
    }
}

/// The sandbox at `base_url` as this run's provider, with its databases' REST URLs: the
/// in-process sandbox knows its data plane; a running one (`UPDASH_SANDBOX_URL`) is asked.
/// A sandbox that cannot say leaves the REST URLs unknown (the data commands then say so).
pub async fn provider(
    base_url: &str,
    embedded: Option<&Embedded>,
) -> Result<ProviderConfig, crate::cli::exit::CliError> {
    let mut provider = sandbox_provider(base_url);
    // The in-process sandbox knows its data plane: no HTTP client (and no trust store read)
    // before the dashboard's first frame.
    let data_url = match embedded.and_then(Embedded::in_process_data_url) {
        Some(url) => Ok(url),
        None => {
            let http = crate::http::client().map_err(crate::cli::exit::CliError::service)?;
            match embedded {
                Some(e) => e.data_url(&http).await,
                None => discover(&http, base_url).await.map(|d| d.data_url),
            }
        }
    };
    match data_url {
        Ok(data) => provider.rest_url = Some(format!("{}/{{id}}", data.trim_end_matches('/'))),
        Err(e) => {
            tracing::warn!("the sandbox did not say where its data plane listens: {e}");
            provider.rest_url = None;
        }
    }
    Ok(provider)
}

/// The sandbox's sign-in typed in the terminal: updash walks the sandbox's own pages.
pub struct SandboxSignIn {
    http: Option<reqwest::Client>,
}

impl SandboxSignIn {
    /// A sign-in that sends its requests through `http` (which must not follow redirects).
    pub fn new(http: reqwest::Client) -> Self {
        Self { http: Some(http) }
    }

    /// A sign-in that takes the process's HTTP client when it is used.
    pub fn with_process_client() -> Self {
        Self { http: None }
    }
}

impl TerminalSignIn for SandboxSignIn {
    fn provider(&self) -> &str {
        SANDBOX
    }

    fn email_hint(&self) -> Option<&str> {
        Some(SEEDED_EMAIL)
    }

    fn sign_in(
        &self,
        authorize_url: &str,
        email: &str,
        password: &Secret,
    ) -> BoxFuture<'static, Result<(), TerminalSignInError>> {
        let http = self.http.clone();
        let (url, email, password) = (
            authorize_url.to_string(),
            email.to_string(),
            password.clone(),
        );
        Box::pin(async move {
            let http = match http {
                Some(http) => http,
                None => crate::http::client().map_err(TerminalSignInError::Unavailable)?,
            };
            complete_sign_in(&http, &url, &email, &password, true)
                .await
                .map_err(|e| match e {
                    AgentError::WrongPassword | AgentError::NotSandbox(_) => {
                        TerminalSignInError::Refused(e.to_string())
                    }
                    other => TerminalSignInError::Unavailable(other.to_string()),
                })
        })
    }
}
