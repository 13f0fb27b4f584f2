//! Configuration and the single HTTP exchange under every call: URL building, auth,
//! timeouts, and turning a response into bytes or an [`ApiError`].

use super::body::{self, BodyError, Decoder};
use super::error::ApiError;
use super::error_body::{scrub, service_message};
use super::retry::{self, Attempt, Idempotency, RetryPolicy};
use crate::secret::Secret;
use reqwest::{Method, StatusCode, header};
use std::time::Duration;
use url::Url;

/// The production Developer API.
pub const DEFAULT_BASE_URL: &str = "https://api.upstash.com";
/// Default time allowed for one whole request (sending and reading the response).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = crate::http::REQUEST_TIMEOUT;

/// The pair the Developer API authenticates with (HTTP Basic `email:api_key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCredentials {
    /// The account email (always the person's own, even for team keys).
    pub email: String,
    /// The Developer API key.
    pub api_key: Secret,
}

impl ApiCredentials {
    /// Builds the pair.
    pub fn new(email: impl Into<String>, api_key: impl Into<Secret>) -> Self {
        Self {
            email: email.into(),
            api_key: api_key.into(),
        }
    }
}

/// Where and how a client talks to the API.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    /// The base URL without `/v2` (e.g. `https://api.upstash.com` or a sandbox's
    /// `http://127.0.0.1:PORT`).
    pub base_url: Url,
    /// Time allowed for one request, per attempt (connecting included).
    pub request_timeout: Duration,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// How the provider forms a database's Redis REST URL (`{endpoint}`, `{id}`).
    pub rest_url: Option<String>,
}

impl ClientConfig {
    /// A config for this base URL with default timeouts and retries. The URL must be
    /// http(s), with no user, password, query or fragment.
    pub fn new(base_url: &str) -> Result<Self, ApiError> {
        let invalid = |message: String| ApiError::Invalid {
            action: "reading the API base URL".into(),
            message,
        };
        let url = Url::parse(base_url.trim()).map_err(|e| invalid(format!("not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "scheme must be http or https, not {}",
                url.scheme()
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                "the URL must not carry a user name or password".into(),
            ));
        }
        if url.query().is_some() || url.fragment().is_some() || url.cannot_be_a_base() {
            return Err(invalid("the URL must not have a query or fragment".into()));
        }
        Ok(Self {
            base_url: url,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            rest_url: Some("https://{endpoint}".into()),
        })
    }

    /// The production API with defaults.
    pub fn upstash() -> Self {
        // The constant is a valid URL; fall back to a literal parse path that cannot fail.
        Self::new(DEFAULT_BASE_URL).unwrap_or_else(|_| unreachable!("constant base URL"))
    }

    /// Replaces the time allowed for one request.
    pub fn with_timeout(mut self, request: Duration) -> Self {
        self.request_timeout = request;
        self
    }

    /// Replaces how a database's REST URL is formed.
    pub fn with_rest_url(mut self, template: Option<String>) -> Self {
        self.rest_url = template;
        self
    }

    /// Replaces the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
}

/// How requests authenticate.
#[derive(Debug, Clone)]
pub(crate) enum Auth {
    /// Developer API: Basic `email:api_key`.
    Basic(ApiCredentials),
    /// `/apikey`: an OAuth access token.
    Bearer(Secret),
}

impl Auth {
    fn secret(&self) -> &str {
        match self {
            Self::Basic(c) => c.api_key.expose(),
            Self::Bearer(t) => t.expose(),
        }
    }
}

/// One API call, described once and sent as many times as the retry rules allow.
#[derive(Debug)]
pub(crate) struct Call {
    /// What it does, for errors: "listing databases".
    pub action: String,
    pub method: Method,
    /// Path segments after the base URL, e.g. `["v2", "redis", "database", id]`.
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<serde_json::Value>,
    pub idempotency: Idempotency,
}

impl Call {
    /// A call with no body or query.
    pub fn new(
        action: impl Into<String>,
        method: Method,
        segments: &[&str],
        idem: Idempotency,
    ) -> Self {
        Self {
            action: action.into(),
            method,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            idempotency: idem,
        }
    }

    /// Adds a JSON body.
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }
}

/// The HTTP side of a client.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    base: Url,
    pub(crate) retry: RetryPolicy,
    pub(crate) rest_url: Option<String>,
    request_timeout: Duration,
    auth: Auth,
}

impl Transport {
    pub fn new(config: &ClientConfig, auth: Auth) -> Result<Self, ApiError> {
        let http = crate::http::client().map_err(|message| ApiError::Invalid {
            action: "starting the HTTP client".into(),
            message,
        })?;
        Ok(Self {
            http,
            base: config.base_url.clone(),
            retry: config.retry.clone(),
            rest_url: config.rest_url.clone(),
            request_timeout: config.request_timeout,
            auth,
        })
    }

    /// Sends `call` under the retry rules and returns the success body.
    pub async fn send(&self, call: &Call) -> Result<Vec<u8>, ApiError> {
        retry::run(&self.retry, call.idempotency, |_| self.attempt(call)).await
    }

    /// Sends a call whose success takes the record out of the account (a delete, a transfer)
    /// under the retry rules: a 404 on a retry after a lost answer means the first attempt
    /// did it.
    pub async fn send_removal(&self, call: &Call) -> Result<(), ApiError> {
        self.send_observed(call, |attempt, result| match result {
            Ok(_) => Ok(()),
            Err(ApiError::NotFound { .. }) if attempt.after_lost_response => Ok(()),
            Err(e) => Err(e),
        })
        .await
    }

    /// Like [`Self::send`], but tells each attempt whether an earlier response was lost.
    pub async fn send_observed<T, F>(&self, call: &Call, finish: F) -> Result<T, ApiError>
    where
        F: Fn(Attempt, Result<Vec<u8>, ApiError>) -> Result<T, ApiError>,
    {
        let finish = &finish;
        retry::run(&self.retry, call.idempotency, |a| {
            let fut = self.attempt(call);
            async move { finish(a, fut.await) }
        })
        .await
    }

    /// Sends `call` under the retry rules and returns the success answer with its body still
    /// to come: what is done with a piece cannot be undone, so the body is never re-sent.
    pub async fn open(&self, call: &Call) -> Result<ArrivingBody, ApiError> {
        let response = retry::run(&self.retry, call.idempotency, |_| self.respond(call)).await?;
        Ok(ArrivingBody {
            response,
            total: 0,
            action: call.action.clone(),
            transport: self.clone(),
        })
    }

    /// Sends `call` once.
    pub async fn attempt(&self, call: &Call) -> Result<Vec<u8>, ApiError> {
        let response = self.respond(call).await?;
        body::read(response)
            .await
            .map_err(|e| self.body_error(&call.action, e))
    }

    /// Sends `call` under the retry rules and decodes the success body as it arrives, never
    /// holding it whole (a list of 10,000 databases is 15 MB of JSON).
    pub async fn send_decoded<T: Send + 'static>(
        &self,
        call: &Call,
        decoder: Decoder<T>,
    ) -> Result<T, ApiError> {
        retry::run(&self.retry, call.idempotency, |_| async move {
            let response = self.respond(call).await?;
            body::decode_as_it_arrives(response, decoder)
                .await
                .map_err(|e| self.body_error(&call.action, e))
        })
        .await
    }

    /// Sends `call` once and returns a success response, its body unread; any other status
    /// is read and turned into its error.
    async fn respond(&self, call: &Call) -> Result<reqwest::Response, ApiError> {
        let url = self.url(call)?;
        let mut req = self
            .http
            .request(call.method.clone(), url)
            .timeout(self.request_timeout);
        req = match &self.auth {
            Auth::Basic(c) => req.basic_auth(&c.email, Some(c.api_key.expose())),
            Auth::Bearer(t) => req.bearer_auth(t.expose()),
        };
        req = req.header(header::ACCEPT, "application/json");
        if let Some(body) = &call.body {
            req = req.json(body);
        }
        let response = req
            .send()
            .await
            .map_err(|e| self.transport_error(&call.action, &e))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let retry_after = retry_after(response.headers());
        let body = body::read(response)
            .await
            .map_err(|e| self.body_error(&call.action, e))?;
        Err(self.status_error(&call.action, status, retry_after, &body))
    }

    /// A body that could not be read, in the API's error terms.
    fn body_error(&self, action: &str, error: BodyError) -> ApiError {
        match error {
            BodyError::TooLarge => ApiError::Decode {
                action: action.to_owned(),
                detail: format!(
                    "the answer is larger than {} MiB",
                    body::MAX_RESPONSE_BYTES >> 20
                ),
            },
            BodyError::Transport(e) => self.transport_error(action, &e),
            BodyError::Decode(e) => ApiError::decode(action, &e),
        }
    }

    fn url(&self, call: &Call) -> Result<Url, ApiError> {
        let mut url = self.base.clone();
        {
            let mut segs = url.path_segments_mut().map_err(|()| ApiError::Invalid {
                action: call.action.clone(),
                message: "the base URL cannot take a path".into(),
            })?;
            segs.pop_if_empty();
            for s in &call.segments {
                segs.push(s);
            }
        }
        if !call.query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v) in &call.query {
                q.append_pair(k, v);
            }
        }
        Ok(url)
    }

    /// The service's message, with the secret scrubbed in case the service echoed it.
    fn message(&self, body: &[u8]) -> Option<String> {
        service_message(body).map(|m| scrub(m, Some(self.auth.secret())))
    }

    fn status_error(
        &self,
        action: &str,
        status: StatusCode,
        retry_after: Option<Duration>,
        body: &[u8],
    ) -> ApiError {
        let action = action.to_owned();
        let message = self.message(body);
        match status.as_u16() {
            401 => ApiError::Unauthorized { action, message },
            403 => ApiError::Forbidden { action, message },
            404 => ApiError::NotFound { action, message },
            429 => ApiError::RateLimited {
                action,
                message,
                retry_after,
            },
            s @ 400..=499 => ApiError::BadRequest {
                action,
                status: s,
                message,
            },
            s => ApiError::Server {
                action,
                status: s,
                message,
            },
        }
    }

    fn transport_error(&self, action: &str, err: &reqwest::Error) -> ApiError {
        let action = action.to_owned();
        // A failure while connecting means the request never left this machine.
        let request_sent = !err.is_connect();
        if err.is_timeout() {
            let after = if request_sent {
                self.request_timeout
            } else {
                crate::http::CONNECT_TIMEOUT.min(self.request_timeout)
            };
            return ApiError::Timeout {
                action,
                after,
                request_sent,
            };
        }
        ApiError::Network {
            action,
            detail: scrub(error_chain(err), Some(self.auth.secret())),
            request_sent,
        }
    }
}

/// A success answer whose body is read piece by piece as it arrives, within the size cap.
#[derive(Debug)]
pub struct ArrivingBody {
    response: reqwest::Response,
    total: usize,
    action: String,
    transport: Transport,
}

impl ArrivingBody {
    /// The next piece of the body, `None` at its end.
    pub async fn next_piece(&mut self) -> Result<Option<impl AsRef<[u8]> + use<>>, ApiError> {
        body::next_piece(&mut self.response, &mut self.total)
            .await
            .map_err(|e| self.transport.body_error(&self.action, e))
    }
}

/// `Retry-After` as delta-seconds (HTTP dates are ignored: backoff applies instead).
fn retry_after(headers: &header::HeaderMap) -> Option<Duration> {
    let text = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    let secs: f64 = text.parse().ok()?;
    if secs.is_finite() && secs >= 0.0 {
        Some(Duration::from_secs_f64(secs.min(86_400.0)))
    } else {
        None
    }
}

/// The error and its causes on one line, without the URL (it is in the action anyway).
fn error_chain(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut parts = Vec::new();
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = s.source();
    }
    if parts.is_empty() {
        parts.push(if err.is_body() || err.is_decode() {
            "the response broke off".to_owned()
        } else if err.is_request() {
            "the request could not be sent".to_owned()
        } else {
            "connection error".to_owned()
        });
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert!(ClientConfig::new("http://127.0.0.1:8080").is_ok());
        assert!(ClientConfig::new("https://api.upstash.com/").is_ok());
        assert!(ClientConfig::new("ftp://x").is_err());
        assert!(ClientConfig::new("https://u:p@x").is_err());
        assert!(ClientConfig::new("https://x/?a=b").is_err());
        assert!(ClientConfig::new("not a url").is_err());
        assert_eq!(
            ClientConfig::upstash().base_url.as_str(),
            "https://api.upstash.com/"
        );
    }

    #[test]
    fn urls_encode_segments_and_keep_a_base_path() {
        let t = |base: &str| {
            let cfg = ClientConfig::new(base).unwrap_or_else(|e| panic!("{e}"));
            Transport::new(&cfg, Auth::Bearer(Secret::new("t"))).unwrap_or_else(|e| panic!("{e}"))
        };
        let call = Call::new(
            "x",
            Method::GET,
            &["v2", "redis", "database", "a/b c"],
            Idempotency::Idempotent,
        )
        .query("credentials", "hide");
        let url = t("http://127.0.0.1:9/")
            .url(&call)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/v2/redis/database/a%2Fb%20c?credentials=hide"
        );
        let url = t("http://h/prefix")
            .url(&call)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(url.as_str().starts_with("http://h/prefix/v2/redis/"));
    }

    #[test]
    fn retry_after_seconds_only() {
        let mut h = header::HeaderMap::new();
        h.insert(header::RETRY_AFTER, header::HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(
            header::RETRY_AFTER,
            header::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), None);
    }
}
