//! `POST /apikey`: turning an OAuth access token into a Developer API key.
//!
//! Not idempotent (every success mints a key, and accounts are capped at 37), so it is
//! retried only when the request certainly had no effect (429, connection never opened).
//! A 401 is [`ApiError::Unauthorized`]: the OAuth caller refreshes its token once and calls
//! again.

use super::client::decode_json;
use super::error::ApiError;
use super::models::lenient::opt_string;
use super::retry::Idempotency;
use super::transport::{Auth, Call, ClientConfig, Transport};
use crate::secret::Secret;
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

/// A freshly minted Developer API key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewApiKey {
    /// The key; shown by Upstash only once.
    pub api_key: Secret,
    /// The key's name, if the response repeats it.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// The account email, if the response carries one (undocumented; often absent).
    #[serde(default, deserialize_with = "opt_string")]
    pub email: Option<String>,
}

/// The conventional name for a key minted by updash: `UPDASH_API_KEY_<unix seconds>`.
pub fn api_key_name(unix_seconds: u64) -> String {
    format!("UPDASH_API_KEY_{unix_seconds}")
}

/// Mints a Developer API key named `name`, authenticating with the OAuth `access_token`.
pub async fn create_api_key(
    config: &ClientConfig,
    access_token: &Secret,
    name: &str,
) -> Result<NewApiKey, ApiError> {
    let action = format!("creating API key {name:?}");
    if name.trim().is_empty() {
        return Err(ApiError::Invalid {
            action,
            message: "the key name is empty".into(),
        });
    }
    let transport = Transport::new(config, Auth::Bearer(access_token.clone()))?;
    let call = Call::new(
        action,
        Method::POST,
        &["apikey"],
        Idempotency::NotIdempotent,
    )
    .json(json!({ "name": name }));
    let body = transport.send(&call).await?;
    let key: NewApiKey = decode_json(&call.action, &body)?;
    if key.api_key.expose().trim().is_empty() {
        return Err(ApiError::Decode {
            action: call.action,
            detail: "the response carries an empty api_key".into(),
        });
    }
    Ok(key)
}
