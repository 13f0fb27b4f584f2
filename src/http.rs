//! The process's one HTTP client: every request updash sends (OAuth, Developer API, Redis
//! REST, the sandbox's terminal sign-in) goes through it, so connections to a host are
//! reused and the system trust store is read once.

use std::sync::OnceLock;
use std::time::Duration;

/// How long connecting to a server may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take in total unless its caller sets its own limit.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// `updash/<version>`, sent with every request.
pub fn user_agent() -> &'static str {
    concat!("updash/", env!("CARGO_PKG_VERSION"))
}

/// The client, built on first use: rustls with the OS trust roots, system proxies honoured,
/// redirects never followed (a server that redirects must not make updash re-send
/// credentials elsewhere). The error is a sentence for the operator.
pub fn client() -> Result<reqwest::Client, String> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .user_agent(user_agent())
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(REQUEST_TIMEOUT)
                .build()
                .map_err(|e| format!("cannot set up HTTPS: {e}"))
        })
        .clone()
}
