//! The sandbox's sign-in completed from the keyboard: updash plays the browser (user agent)
//! for the sandbox only, so a newcomer with no browser at all can still connect.
//!
//! It walks the same HTML forms a browser would (sign-in, consent, CSRF tokens, cookies) and
//! finally follows the redirect to updash's own loopback listener, so the login attempt
//! completes exactly as if a browser had come back.

use crate::secret::Secret;
use reqwest::StatusCode;
use url::Url;

/// Why the keyboard sign-in did not complete.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// The authorize URL is not the sandbox's (a loopback http address).
    #[error("signing in from the terminal works with the sandbox only; use the browser for {0}")]
    NotSandbox(String),
    /// The sandbox refused the email and password.
    #[error(
        "the sandbox refused that email and password (the seeded user is operator@example.com / sandbox)"
    )]
    WrongPassword,
    /// The sandbox answered something the forms do not explain.
    #[error("the sandbox's sign-in pages answered unexpectedly: {0}")]
    Unexpected(String),
    /// The sandbox could not be reached.
    #[error("could not reach the sandbox: {0}")]
    Network(String),
}

/// Signs in at the sandbox behind `authorize_url` as `email`, answers the consent page
/// (`allow` or deny), and delivers the final redirect to the app's redirect URI.
pub async fn complete_sign_in(
    authorize_url: &str,
    email: &str,
    password: &Secret,
    allow: bool,
) -> Result<(), AgentError> {
    let url = Url::parse(authorize_url).map_err(|e| AgentError::Unexpected(e.to_string()))?;
    if !is_loopback_http(&url) {
        return Err(AgentError::NotSandbox(url.origin().ascii_serialization()));
    }
    let base = url.origin().ascii_serialization();
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| AgentError::Network(e.to_string()))?;

    let page = get(&browser, authorize_url).await?;
    if let Some(loc) = redirect(&page) {
        // An error redirect (bad scope, ...) goes straight back to the app.
        return deliver(&loc).await;
    }
    let html = body(page).await?;
    let resp = post(
        &browser,
        &format!("{base}/authorize/sign-in"),
        &[
            ("csrf_token", field(&html, "csrf_token")?.as_str()),
            ("request", field(&html, "request")?.as_str()),
            ("email", email),
            ("password", password.expose()),
        ],
    )
    .await?;
    if resp.status() == StatusCode::UNAUTHORIZED {
        return Err(AgentError::WrongPassword);
    }
    let consent_path = redirect(&resp)
        .ok_or_else(|| AgentError::Unexpected(format!("sign-in answered {}", resp.status())))?;
    let consent = body(get(&browser, &format!("{base}{consent_path}")).await?).await?;
    let decision = if allow { "allow" } else { "deny" };
    let resp = post(
        &browser,
        &format!("{base}/authorize/consent"),
        &[
            ("csrf_token", field(&consent, "csrf_token")?.as_str()),
            ("request", field(&consent, "request")?.as_str()),
            ("decision", decision),
        ],
    )
    .await?;
    let back = redirect(&resp)
        .ok_or_else(|| AgentError::Unexpected(format!("consent answered {}", resp.status())))?;
    deliver(&back).await
}

fn is_loopback_http(url: &Url) -> bool {
    url.scheme() == "http"
        && matches!(
            url.host(),
            Some(url::Host::Domain("localhost"))
                | Some(url::Host::Ipv4(std::net::Ipv4Addr::LOCALHOST))
                | Some(url::Host::Ipv6(std::net::Ipv6Addr::LOCALHOST))
        )
}

async fn get(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, AgentError> {
    client
        .get(url)
        .send()
        .await
        .map_err(|e| AgentError::Network(e.without_url().to_string()))
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, AgentError> {
    client
        .post(url)
        .form(form)
        .send()
        .await
        .map_err(|e| AgentError::Network(e.without_url().to_string()))
}

async fn body(resp: reqwest::Response) -> Result<String, AgentError> {
    if !resp.status().is_success() {
        return Err(AgentError::Unexpected(format!("HTTP {}", resp.status())));
    }
    resp.text()
        .await
        .map_err(|e| AgentError::Network(e.without_url().to_string()))
}

fn redirect(resp: &reqwest::Response) -> Option<String> {
    if !resp.status().is_redirection() {
        return None;
    }
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The final hop: the redirect URI is updash's own listener (or, in paste mode, nowhere;
/// then the attempt's paste box takes the address, so a refused connection is fine).
async fn deliver(location: &str) -> Result<(), AgentError> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| AgentError::Network(e.to_string()))?;
    client
        .get(location)
        .send()
        .await
        .map_err(|e| AgentError::Network(e.without_url().to_string()))?;
    Ok(())
}

/// The HTML-unescaped value of the form field `name`.
fn field(html: &str, name: &str) -> Result<String, AgentError> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .map(|i| i + marker.len())
        .ok_or_else(|| AgentError::Unexpected(format!("no {name} field in the page")))?;
    let end = html[start..]
        .find('"')
        .map(|i| i + start)
        .ok_or_else(|| AgentError::Unexpected(format!("unterminated {name} field")))?;
    Ok(crate::html::unescape(&html[start..end]))
}
