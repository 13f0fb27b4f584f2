//! One `[providers.NAME]` table: an OAuth 2.0 provider, optionally with the Developer API.

use crate::secret::Secret;
use serde::Deserialize;
use std::collections::BTreeMap;
use url::Url;

/// What a provider's accounts hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// OAuth plus the Upstash Developer API (accounts get an API key).
    Upstash,
    /// A generic OAuth 2.0 provider whose accounts hold tokens only.
    Oauth,
}

/// How a confidential client proves itself at the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenAuthMethod {
    /// `client_id` and secret in an HTTP Basic `Authorization` header (the RFC's default).
    ClientSecretBasic,
    /// `client_id` and `client_secret` in the form body.
    ClientSecretPost,
}

impl TokenAuthMethod {
    /// The RFC 8414 name, e.g. `client_secret_basic`.
    pub fn name(self) -> &'static str {
        match self {
            Self::ClientSecretBasic => "client_secret_basic",
            Self::ClientSecretPost => "client_secret_post",
        }
    }
}

/// A provider's settings. Optional fields of the built-in `upstash` provider take its defaults.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// What accounts of this provider hold; the built-in `upstash` table may leave it out.
    #[serde(default)]
    pub kind: Option<ProviderKind>,
    /// The authorization endpoint.
    pub authorize_url: Option<String>,
    /// The token endpoint.
    pub token_url: Option<String>,
    /// RFC 7009 revocation endpoint, when the provider has one.
    pub revocation_url: Option<String>,
    /// RFC 8628 device authorization endpoint, when the provider has one.
    pub device_authorization_url: Option<String>,
    /// Where to learn the account's email with the access token.
    pub userinfo_url: Option<String>,
    /// The OAuth client id; without one only API-key sign-in is offered.
    pub client_id: Option<String>,
    /// The client secret of a confidential client (prefer `client_secret_env`).
    pub client_secret: Option<Secret>,
    /// How the client secret is sent to the token endpoint; default: what the provider's
    /// metadata advertises, else HTTP Basic.
    pub token_endpoint_auth_method: Option<TokenAuthMethod>,
    /// The provider's issuer identifier (RFC 8414): its metadata is read from there, and a
    /// sign-in answer naming another issuer (`iss`, RFC 9207) is refused.
    pub issuer: Option<String>,
    /// Name of an environment variable that holds the client secret.
    pub client_secret_env: Option<String>,
    /// Scopes to request.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The `audience` parameter some providers (Auth0, Upstash) need.
    pub audience: Option<String>,
    /// Extra query parameters for the authorize URL.
    #[serde(default)]
    pub extra_authorize_params: BTreeMap<String, String>,
    /// A fixed registered redirect URI; default: loopback on an OS-chosen port.
    pub redirect_uri: Option<String>,
    /// Developer API base URL (`upstash` kind).
    pub api_base_url: Option<String>,
    /// Prefix of minted API key names: `<prefix>_API_KEY_<unix time>` (`upstash` kind).
    pub api_key_name_prefix: Option<String>,
    /// A database's Redis REST URL, from its `{endpoint}` or `{id}` (`upstash` kind);
    /// Upstash's is `https://{endpoint}`.
    pub rest_url: Option<String>,
}

impl ProviderConfig {
    /// What accounts of this provider hold (a checked provider always says).
    pub fn kind(&self) -> ProviderKind {
        self.kind.unwrap_or(ProviderKind::Upstash)
    }

    /// Fills every unset field from `defaults`.
    pub fn with_defaults_from(mut self, defaults: &ProviderConfig) -> Self {
        fn fill<T: Clone>(slot: &mut Option<T>, default: &Option<T>) {
            if slot.is_none() {
                slot.clone_from(default);
            }
        }
        fill(&mut self.kind, &defaults.kind);
        fill(&mut self.authorize_url, &defaults.authorize_url);
        fill(&mut self.token_url, &defaults.token_url);
        fill(&mut self.revocation_url, &defaults.revocation_url);
        fill(
            &mut self.device_authorization_url,
            &defaults.device_authorization_url,
        );
        fill(&mut self.userinfo_url, &defaults.userinfo_url);
        fill(&mut self.client_id, &defaults.client_id);
        fill(&mut self.issuer, &defaults.issuer);
        fill(
            &mut self.token_endpoint_auth_method,
            &defaults.token_endpoint_auth_method,
        );
        fill(&mut self.audience, &defaults.audience);
        fill(&mut self.redirect_uri, &defaults.redirect_uri);
        fill(&mut self.api_base_url, &defaults.api_base_url);
        fill(&mut self.api_key_name_prefix, &defaults.api_key_name_prefix);
        fill(&mut self.rest_url, &defaults.rest_url);
        if self.scopes.is_empty() {
            self.scopes.clone_from(&defaults.scopes);
        }
        self
    }

    /// Whether browser (or device) sign-in can be offered: it needs a client id and endpoints.
    pub fn supports_oauth(&self) -> bool {
        self.client_id.is_some() && self.authorize_url.is_some() && self.token_url.is_some()
    }

    /// The client secret, read from the environment when `client_secret_env` names a variable.
    pub fn client_secret(&self) -> Result<Option<Secret>, String> {
        if let Some(var) = &self.client_secret_env {
            return match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Some(Secret::new(v))),
                _ => Err(format!(
                    "client_secret_env names {var}, but that environment variable is not set"
                )),
            };
        }
        Ok(self.client_secret.clone())
    }

    /// Checks what serde cannot: endpoints present and well formed, no conflicting fields.
    pub fn validate(&self) -> Result<(), String> {
        if self.client_secret.is_some() && self.client_secret_env.is_some() {
            return Err("set client_secret or client_secret_env, not both".into());
        }
        let urls = [
            ("authorize_url", &self.authorize_url),
            ("token_url", &self.token_url),
            ("revocation_url", &self.revocation_url),
            ("device_authorization_url", &self.device_authorization_url),
            ("userinfo_url", &self.userinfo_url),
            ("issuer", &self.issuer),
            ("redirect_uri", &self.redirect_uri),
            ("api_base_url", &self.api_base_url),
        ];
        for (key, value) in urls {
            if let Some(v) = value {
                check_url(key, v)?;
            }
        }
        match self.kind {
            None => return Err("kind is required: \"upstash\" or \"oauth\"".into()),
            Some(ProviderKind::Oauth) => {
                for (key, value) in [
                    ("authorize_url", &self.authorize_url),
                    ("token_url", &self.token_url),
                    ("client_id", &self.client_id),
                ] {
                    if value.is_none() {
                        return Err(format!("{key} is required for kind = \"oauth\""));
                    }
                }
            }
            Some(ProviderKind::Upstash) => {
                if self.api_base_url.is_none() {
                    return Err("api_base_url is required for kind = \"upstash\"".into());
                }
                if self.client_id.is_some()
                    && (self.authorize_url.is_none() || self.token_url.is_none())
                {
                    return Err("a client_id needs authorize_url and token_url".into());
                }
            }
        }
        if let Some(prefix) = &self.api_key_name_prefix {
            let ok = !prefix.is_empty()
                && prefix.len() <= 32
                && prefix
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !ok {
                return Err(
                    "api_key_name_prefix must be 1 to 32 letters, digits, '_' or '-'".into(),
                );
            }
        }
        Ok(())
    }
}

/// Endpoints must be https, except plain http to a loopback host (sandbox, local tests).
pub fn check_url(key: &str, value: &str) -> Result<(), String> {
    let url = Url::parse(value).map_err(|e| format!("{key} is not a valid URL ({e})"))?;
    let loopback = matches!(
        url.host(),
        Some(url::Host::Domain("localhost"))
            | Some(url::Host::Ipv4(std::net::Ipv4Addr::LOCALHOST))
            | Some(url::Host::Ipv6(std::net::Ipv6Addr::LOCALHOST))
    );
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(format!(
            "{key} must use https (plain http is allowed only for localhost, 127.0.0.1 and [::1])"
        )),
    }
}
