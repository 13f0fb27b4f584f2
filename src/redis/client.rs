//! The Redis REST client of one database: a command, a pipeline or a transaction as JSON
//! over the process's one HTTP client, with `Upstash-Encoding: base64` so values are bytes
//! end to end. Reads are sent again after a transient failure; writes never are.

use super::commands::is_read;
use super::error::RedisError;
use super::reply::{Reply, from_entry};
use crate::secret::Secret;
use crate::upstash::RetryPolicy;
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;
use url::Url;

/// The most a reply may weigh unless the caller says otherwise.
pub const DEFAULT_MAX_REPLY_BYTES: usize = 64 * 1024 * 1024;

/// One database's REST endpoint and token.
#[derive(Clone)]
pub struct RestClient {
    http: reqwest::Client,
    url: Url,
    token: Secret,
    timeout: Duration,
    retry: RetryPolicy,
    max_reply_bytes: usize,
}

impl std::fmt::Debug for RestClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestClient")
            .field("url", &self.url.as_str())
            .finish()
    }
}

impl RestClient {
    /// A client for the database at `url` (its `UPSTASH_REDIS_REST_URL`) with `token`.
    pub fn new(url: &str, token: Secret) -> Result<Self, RedisError> {
        let mut url = Url::parse(url.trim())
            .map_err(|e| RedisError::Decode(format!("the REST URL is not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(RedisError::Decode(
                "the REST URL must be an http:// or https:// address".into(),
            ));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        let http = crate::http::client().map_err(RedisError::Network)?;
        Ok(Self {
            http,
            url,
            token,
            timeout: crate::http::REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
        })
    }

    /// The same client with another time limit per request.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The same client with another retry policy for reads.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The same client reading replies up to `bytes`.
    pub fn with_max_reply_bytes(mut self, bytes: usize) -> Self {
        self.max_reply_bytes = bytes;
        self
    }

    /// The REST URL (holds no secret).
    pub fn url(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// Sends one command; its error (`WRONGTYPE …`) comes back as [`RedisError::Command`].
    pub async fn command<S: AsRef<str>>(&self, args: &[S]) -> Result<Reply, RedisError> {
        let body = Value::Array(args.iter().map(|a| Value::from(a.as_ref())).collect());
        let retry = is_read(args);
        let value = self.send("", &body, retry).await?;
        from_entry(&value)?
    }

    /// Sends commands in one request, not atomically; one result per command.
    pub async fn pipeline<S: AsRef<str>>(
        &self,
        commands: &[Vec<S>],
    ) -> Result<Vec<Result<Reply, RedisError>>, RedisError> {
        let retry = commands.iter().all(|c| is_read(c));
        let value = self.send("pipeline", &batch(commands), retry).await?;
        entries(&value)
    }

    /// Runs commands as one transaction (MULTI/EXEC); one result per command, or one error
    /// when the whole transaction was refused.
    pub async fn transaction<S: AsRef<str>>(
        &self,
        commands: &[Vec<S>],
    ) -> Result<Vec<Result<Reply, RedisError>>, RedisError> {
        let value = self.send("multi-exec", &batch(commands), false).await?;
        if let Some(error) = value.get("error").and_then(Value::as_str) {
            return Err(RedisError::from_server_text(error));
        }
        entries(&value)
    }

    async fn send(&self, path: &str, body: &Value, retry: bool) -> Result<Value, RedisError> {
        let policy = if retry {
            &self.retry
        } else {
            &RetryPolicy::none()
        };
        let started = std::time::Instant::now();
        let mut attempt = 1;
        loop {
            let result = self.send_once(path, body).await;
            let transient = matches!(&result, Err(e) if e.is_transient());
            attempt += 1;
            if !transient || attempt > policy.max_attempts {
                return result;
            }
            let wait = match &result {
                Err(RedisError::RateLimited {
                    retry_after: Some(d),
                }) => (*d).min(policy.max_retry_after),
                _ => policy.backoff(attempt),
            };
            if started.elapsed() + wait > policy.max_total {
                return result;
            }
            tracing::debug!(
                attempt,
                "retrying a Redis REST read after a transient failure"
            );
            tokio::time::sleep(wait).await;
        }
    }

    async fn send_once(&self, path: &str, body: &Value) -> Result<Value, RedisError> {
        let url = self
            .url
            .join(path)
            .map_err(|e| RedisError::Decode(e.to_string()))?;
        let response = self
            .http
            .post(url)
            .timeout(self.timeout)
            .bearer_auth(self.token.expose())
            .header("Upstash-Encoding", "base64")
            .json(body)
            .send()
            .await
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = self.read_capped(response).await?;
        let value: Option<Value> = serde_json::from_slice(&bytes).ok();
        match status {
            StatusCode::UNAUTHORIZED => Err(RedisError::Unauthorized),
            StatusCode::TOO_MANY_REQUESTS => Err(RedisError::RateLimited { retry_after }),
            // Redis's own refusals come as 400 with {"error": …}: the entry carries them.
            s if s.is_success() || s == StatusCode::BAD_REQUEST => value.ok_or_else(|| match s {
                StatusCode::BAD_REQUEST => RedisError::Http {
                    status: 400,
                    message: text_message(&bytes),
                },
                _ => RedisError::Decode("the reply is not JSON".into()),
            }),
            s => Err(RedisError::Http {
                status: s.as_u16(),
                message: value
                    .as_ref()
                    .and_then(|v| v.get("error"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| text_message(&bytes)),
            }),
        }
    }

    /// Reads the body, refusing to hold more than the cap in memory.
    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, RedisError> {
        if response
            .content_length()
            .is_some_and(|n| n > self.max_reply_bytes as u64)
        {
            return Err(RedisError::TooLarge(self.max_reply_bytes));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            if body.len() + chunk.len() > self.max_reply_bytes {
                return Err(RedisError::TooLarge(self.max_reply_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn transport_error(&self, e: &reqwest::Error) -> RedisError {
        if e.is_timeout() {
            return RedisError::Timeout(self.timeout);
        }
        let mut text = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        // The token travels in a header, never in the URL; keep it out of the text anyway.
        RedisError::Network(text.replace(self.token.expose(), "[redacted]"))
    }
}

fn batch<S: AsRef<str>>(commands: &[Vec<S>]) -> Value {
    Value::Array(
        commands
            .iter()
            .map(|c| Value::Array(c.iter().map(|a| Value::from(a.as_ref())).collect()))
            .collect(),
    )
}

fn entries(value: &Value) -> Result<Vec<Result<Reply, RedisError>>, RedisError> {
    value
        .as_array()
        .ok_or_else(|| RedisError::Decode("a batch reply that is not an array".into()))?
        .iter()
        .map(from_entry)
        .collect()
}

/// A short plain-text message from a body, for errors that are not JSON.
fn text_message(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    (!text.is_empty()).then(|| text.chars().take(200).collect())
}
