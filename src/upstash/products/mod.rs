//! Vector indexes, Search indexes and QStash: typed calls on [`Client`], the create
//! requests, and [`ProductCall`]/[`ProductReply`], the one entry point a front-end needs.

mod call;
mod create;
mod env;
mod qstash;
mod search;
mod vector;

pub use call::{IndexKind, ProductCall, ProductReply};
pub use create::{
    CreateSearchIndex, CreateVectorIndex, QSTASH_PLANS, SEARCH_PLANS, SEARCH_REGIONS,
    SIMILARITY_FUNCTIONS, VECTOR_CREATE_PLANS, VECTOR_PLANS, VECTOR_REGIONS,
};
pub use env::{EnvError, EnvVars, dotenv, qstash_env, search_env, vector_env};

use super::client::{Client, decode_json};
use super::error::ApiError;
use super::models::{ProductPeriod, is_acknowledgement};
use super::retry::Idempotency;
use super::transport::Call;
use reqwest::Method;
use serde::de::DeserializeOwned;

/// A call with its action text for errors.
fn call(action: String, method: Method, segments: &[&str], idem: Idempotency) -> Call {
    Call::new(action, method, segments, idem)
}

/// `call` with `?period=` when one is given.
fn with_period(call: Call, period: Option<ProductPeriod>) -> Call {
    match period {
        Some(p) => call.query("period", p.as_str()),
        None => call,
    }
}

/// Now, Unix seconds.
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// How far the service's clock may be behind ours when a lost create is looked up.
const CLOCK_SKEW_SECS: i64 = 300;

/// Whether a listed index (`name`, `created`) is the one a create of `wanted` started at
/// `started` made (an index without a creation time counts when the name matches).
fn made_since(name: &str, created: Option<i64>, wanted: &str, started: i64) -> bool {
    name == wanted && created.is_none_or(|t| t >= started - CLOCK_SKEW_SECS)
}

/// Refuses an empty name before anything is sent.
fn non_empty(action: &str, what: &str, text: &str) -> Result<(), ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::Invalid {
            action: action.to_owned(),
            message: format!("the {what} is empty"),
        });
    }
    Ok(())
}

impl Client {
    /// Sends `call` and decodes its success body as `T`.
    async fn read_product<T: DeserializeOwned>(&self, call: &Call) -> Result<T, ApiError> {
        let body = self.transport.send(call).await?;
        decode_json(&call.action, &body)
    }

    /// Sends `call`, expecting `"OK"` (any success body is accepted).
    async fn change_product(&self, call: &Call) -> Result<(), ApiError> {
        self.transport.send(call).await.map(|_| ())
    }

    /// Sends a create (never retried). When its answer was lost after the request went out,
    /// `list` is read and the record named `name` made since the attempt is the answer:
    /// names are unique within an account. `made` gives a record's name and creation time.
    async fn create_product<T, F, Fut>(
        &self,
        call: &Call,
        name: &str,
        list: F,
        made: fn(&T) -> (&str, Option<i64>),
    ) -> Result<T, ApiError>
    where
        T: DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Vec<T>, ApiError>>,
    {
        let started = unix_now();
        match self.read_product(call).await {
            Err(e) if e.response_lost() => {
                let all = list().await.map_err(|_| e.clone())?;
                all.into_iter()
                    .find(|record| {
                        let (named, created) = made(record);
                        made_since(named, created, name, started)
                    })
                    .ok_or(e)
            }
            other => other,
        }
    }

    /// Sends `call`; if the answer is only `"OK"`, reads the record back with `get`.
    async fn change_then_read<T, F, Fut>(&self, call: &Call, get: F) -> Result<T, ApiError>
    where
        T: DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let body = self.transport.send(call).await?;
        if is_acknowledgement(&body) {
            return get().await;
        }
        decode_json(&call.action, &body)
    }
}
