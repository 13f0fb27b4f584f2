//! The providers that need no config: Upstash (partner guide endpoints), and the name of the
//! sandbox provider (its endpoints are handed in at start-up when a sandbox runs).

use super::{ProviderConfig, ProviderKind};
use std::collections::BTreeMap;

/// Name of the built-in Upstash provider.
pub const UPSTASH: &str = "upstash";
/// Name of the built-in sandbox provider.
pub const SANDBOX: &str = "sandbox";

/// Upstash as its partner integration guide describes it. It has no public client id, so
/// browser sign-in is offered only once the config supplies one; API-key sign-in always works.
pub fn upstash_defaults() -> ProviderConfig {
    ProviderConfig {
        kind: Some(ProviderKind::Upstash),
        authorize_url: Some("https://auth.upstash.com/authorize".into()),
        token_url: Some("https://auth.upstash.com/oauth/token".into()),
        revocation_url: None,
        device_authorization_url: None,
        userinfo_url: None,
        client_id: None,
        client_secret: None,
        client_secret_env: None,
        token_endpoint_auth_method: None,
        issuer: None,
        scopes: vec!["offline_access".into()],
        audience: Some("upstash-api".into()),
        extra_authorize_params: BTreeMap::new(),
        redirect_uri: Some("http://localhost:3000".into()),
        api_base_url: Some("https://api.upstash.com".into()),
        api_key_name_prefix: Some("UPDASH".into()),
        rest_url: Some("https://{endpoint}".into()),
    }
}

/// An Upstash-kind provider whose OAuth endpoints sit at the usual paths under `base_url`,
/// for unit tests that need a well-formed provider and never call it.
#[cfg(test)]
pub(crate) fn test_provider(base_url: &str) -> ProviderConfig {
    let base = base_url.trim_end_matches('/');
    ProviderConfig {
        authorize_url: Some(format!("{base}/authorize")),
        token_url: Some(format!("{base}/oauth/token")),
        revocation_url: Some(format!("{base}/oauth/revoke")),
        device_authorization_url: Some(format!("{base}/oauth/device/code")),
        userinfo_url: Some(format!("{base}/userinfo")),
        client_id: Some("updash".into()),
        redirect_uri: None,
        api_base_url: Some(base.to_string()),
        ..upstash_defaults()
    }
}
