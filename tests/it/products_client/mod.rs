//! The Vector, Search and QStash client methods against a real sandbox over HTTP: every
//! endpoint, per-account visibility, validation errors, faults and secret hygiene.
//! This file holds the harness; each sibling file one product.

mod qstash;
mod search;
mod vector;

use std::time::Duration;
use updash::secret::Secret;
use updash::upstash::{ApiCredentials, ApiError, Client, ClientConfig, RetryPolicy};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, SEEDED_TEAM_API_KEY, Sandbox};

/// A fresh seeded sandbox.
async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

fn policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        max_total: Duration::from_secs(10),
    }
}

fn client_with(sb: &Sandbox, key: &str, attempts: u32) -> Client {
    let config = ClientConfig::new(sb.url())
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timeout(Duration::from_secs(10))
        .with_retry(policy(attempts));
    Client::new(&config, ApiCredentials::new(SEEDED_EMAIL, Secret::new(key)))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The seeded personal account.
fn personal(sb: &Sandbox) -> Client {
    client_with(sb, SEEDED_API_KEY, 1)
}

/// The seeded team account.
fn team(sb: &Sandbox) -> Client {
    client_with(sb, SEEDED_TEAM_API_KEY, 1)
}

/// The seeded read-only key of the personal account.
fn read_only(sb: &Sandbox) -> Client {
    client_with(sb, updash_sandbox::api::SEEDED_READONLY_API_KEY, 1)
}

/// Sets the sandbox's faults while it runs (`POST /_sandbox/faults`).
async fn set_faults(sb: &Sandbox, body: serde_json::Value) {
    let resp = reqwest::Client::new()
        .post(format!("{}/_sandbox/faults", sb.url()))
        .json(&body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(resp.status().is_success(), "{body}");
}

/// The error of a call that must fail.
#[track_caller]
fn failure<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ApiError {
    match result {
        Err(e) => e,
        Ok(v) => panic!("should fail, got {v:?}"),
    }
}

/// The success of a call that must succeed.
#[track_caller]
fn done<T>(result: Result<T, ApiError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// The service's message of an error.
fn message(err: &ApiError) -> String {
    err.to_string()
}
