//! Minting a Developer API key with an access token, and checking a key with one call.

use crate::account::ConnectError;
use crate::config::ProviderConfig;
use crate::secret::Secret;
use crate::upstash::{ApiCredentials, ApiError, Client, ClientConfig, create_api_key};
use std::time::{SystemTime, UNIX_EPOCH};

/// How many names to try when one is taken (two sign-ins in the same second).
const NAME_ATTEMPTS: u64 = 3;

/// A minted key and the name it got.
pub(crate) struct Minted {
    pub key: Secret,
    pub name: String,
}

/// The Developer API settings of an `upstash` provider.
pub(crate) fn api_config(provider: &ProviderConfig) -> Result<ClientConfig, ConnectError> {
    let base = provider.api_base_url.as_deref().ok_or_else(|| {
        ConnectError::Unsupported("this provider has no Developer API (api_base_url)".into())
    })?;
    Ok(ClientConfig::new(base)?)
}

/// `<prefix>_API_KEY_<unix seconds>`.
pub(crate) fn key_name(provider: &ProviderConfig, unix: u64) -> String {
    let prefix = provider.api_key_name_prefix.as_deref().unwrap_or("UPDASH");
    format!("{prefix}_API_KEY_{unix}")
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Mints one key named after the current second (the next seconds when that name is taken).
pub(crate) async fn mint(
    provider: &ProviderConfig,
    access_token: &Secret,
    mut on_name: impl FnMut(&str),
) -> Result<Minted, ConnectError> {
    let config = api_config(provider)?;
    let start = unix_now();
    let mut last = None;
    for offset in 0..NAME_ATTEMPTS {
        let name = key_name(provider, start + offset);
        on_name(&name);
        match create_api_key(&config, access_token, &name).await {
            Ok(new) => {
                return Ok(Minted {
                    key: new.api_key,
                    name,
                });
            }
            Err(e) if e.status() == Some(409) => last = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    Err(last
        .map(ConnectError::Api)
        .unwrap_or_else(|| ConnectError::Unsupported("no API key name was free".into())))
}

/// Checks `email` + `key` with one Developer API call; 401 becomes [`ConnectError::KeyRefused`].
pub(crate) async fn verify(
    provider: &ProviderConfig,
    email: &str,
    key: &Secret,
) -> Result<(), ConnectError> {
    match verify_raw(provider, email, key).await {
        Ok(()) => Ok(()),
        Err(e) if e.is_unauthorized() => Err(ConnectError::KeyRefused {
            email: email.to_string(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// [`verify`] with the Developer API's own error.
pub(crate) async fn verify_raw(
    provider: &ProviderConfig,
    email: &str,
    key: &Secret,
) -> Result<(), ApiError> {
    let base = provider.api_base_url.as_deref().unwrap_or_default();
    let client = Client::new(
        &ClientConfig::new(base)?,
        ApiCredentials::new(email, key.clone()),
    )?;
    client.verify_credentials().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_provider;

    #[test]
    fn key_names_use_the_providers_prefix() {
        let mut p = test_provider("http://127.0.0.1:9");
        assert_eq!(key_name(&p, 1_700_000_000), "UPDASH_API_KEY_1700000000");
        p.api_key_name_prefix = Some("OPS".into());
        assert_eq!(key_name(&p, 7), "OPS_API_KEY_7");
    }
}
