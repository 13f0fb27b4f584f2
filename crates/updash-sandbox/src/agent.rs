//! The sandbox's sign-in completed from the keyboard: updash plays the browser (user agent)
//! for the sandbox only, so a newcomer with no browser at all can still connect.
//!
//! It walks the same HTML forms a browser would (sign-in, consent, CSRF tokens, cookies) and
//! finally follows the redirect to updash's own loopback listener, so the login attempt
//! completes exactly as if a browser had come back.

use crate::oauth::session::COOKIE;
use reqwest::StatusCode;
use updash_common::secret::Secret;
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
///
/// `http` must not follow redirects (each hop is read here); the session cookie is carried
/// by hand, so the caller's one client needs no cookie store.
pub async fn complete_sign_in(
    http: &reqwest::Client,
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
    let mut browser = Browser { http, cookie: None };

    let page = browser.get(authorize_url).await?;
    if let Some(loc) = redirect(&page) {
        // An error redirect (bad scope, ...) goes straight back to the app.
        return deliver(http, &loc).await;
    }
    let html = body(page).await?;
    let resp = browser
        .post(
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
    let consent = body(browser.get(&format!("{base}{consent_path}")).await?).await?;
    let decision = if allow { "allow" } else { "deny" };
    let resp = browser
        .post(
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
    deliver(http, &back).await
}

/// The requests of one sign-in, carrying the sandbox's session cookie between them.
struct Browser<'a> {
    http: &'a reqwest::Client,
    cookie: Option<String>,
}

impl Browser<'_> {
    async fn get(&mut self, url: &str) -> Result<reqwest::Response, AgentError> {
        self.send(self.http.get(url)).await
    }

    async fn post(
        &mut self,
        url: &str,
        form: &[(&str, &str)],
    ) -> Result<reqwest::Response, AgentError> {
        self.send(self.http.post(url).form(form)).await
    }

    async fn send(
        &mut self,
        mut request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, AgentError> {
        if let Some(cookie) = &self.cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        let resp = request
            .send()
            .await
            .map_err(|e| AgentError::Network(e.without_url().to_string()))?;
        if let Some(pair) = session_cookie(&resp) {
            self.cookie = Some(pair);
        }
        Ok(resp)
    }
}

/// `name=value` of the session cookie the response sets, if it sets one.
fn session_cookie(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.trim_start().starts_with(&format!("{COOKIE}=")))
        .map(|pair| pair.trim().to_string())
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
async fn deliver(http: &reqwest::Client, location: &str) -> Result<(), AgentError> {
    match http.get(location).send().await {
        Ok(_) => Ok(()),
        // The app answers the redirect only once its sign-in is finished (exchange, key,
        // save): a page that is slow to come means it got the answer and is working on it.
        Err(e) if e.is_timeout() => Ok(()),
        Err(e) => Err(AgentError::Network(e.without_url().to_string())),
    }
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
    Ok(updash_common::html::unescape(&html[start..end]))
}
