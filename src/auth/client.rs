//! The OAuth client of one provider: its endpoints on the oauth2 crate, and the HTTP client.

use super::callback::CallbackCheck;
use super::error::AuthError;
use super::metadata::{ProviderMetadata, discover};
use crate::config::{ProviderConfig, TokenAuthMethod};
use crate::secret::Secret;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, AuthUrl, ClientId, ClientSecret, DeviceAuthorizationUrl, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, TokenUrl,
};
use std::sync::Arc;
use tokio::sync::OnceCell;

/// The oauth2 crate's client with the endpoints updash sets (auth and token always, device
/// maybe; revocation is done by hand, see `revoke.rs`).
pub(crate) type Oauth2Client =
    BasicClient<EndpointSet, EndpointMaybeSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The HTTP client for OAuth endpoints: the process's one client (redirects disabled, OS
/// trust roots, system proxies honoured).
pub fn http_client() -> Result<reqwest::Client, AuthError> {
    crate::http::client().map_err(AuthError::NotConfigured)
}

/// One provider's OAuth client: endpoints, client id/secret, extras, and an HTTP client.
#[derive(Clone)]
pub struct OAuthClient {
    pub(crate) oauth: Oauth2Client,
    pub(crate) http: reqwest::Client,
    pub(crate) provider: ProviderConfig,
    pub(crate) client_id: String,
    pub(crate) client_secret: Option<Secret>,
    /// The provider's metadata, read once on first need (clones share it).
    metadata: Arc<OnceCell<Option<ProviderMetadata>>>,
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("client_id", &self.client_id)
            .field("token_url", &self.provider.token_url)
            .field("confidential", &self.client_secret.is_some())
            .finish()
    }
}

impl OAuthClient {
    /// A client for `provider` with updash's HTTP client.
    pub fn new(provider: &ProviderConfig) -> Result<Self, AuthError> {
        Self::with_http(provider, http_client()?)
    }

    /// A client for `provider` using `http` (which must not follow redirects).
    pub fn with_http(provider: &ProviderConfig, http: reqwest::Client) -> Result<Self, AuthError> {
        let client_id = provider
            .client_id
            .clone()
            .ok_or_else(|| AuthError::NotConfigured("no client_id is configured for it".into()))?;
        let auth_url = required(&provider.authorize_url, "authorize_url")?;
        let token_url = required(&provider.token_url, "token_url")?;
        let auth_url = AuthUrl::new(auth_url.clone())
            .map_err(|e| AuthError::NotConfigured(format!("authorize_url is not valid ({e})")))?;
        let token_url = TokenUrl::new(token_url.clone())
            .map_err(|e| AuthError::NotConfigured(format!("token_url is not valid ({e})")))?;
        let device_url = match &provider.device_authorization_url {
            Some(u) => Some(DeviceAuthorizationUrl::new(u.clone()).map_err(|e| {
                AuthError::NotConfigured(format!("device_authorization_url is not valid ({e})"))
            })?),
            None => None,
        };
        let client_secret = provider.client_secret().map_err(AuthError::NotConfigured)?;
        let mut oauth = BasicClient::new(ClientId::new(client_id.clone()))
            .set_auth_uri(auth_url)
            .set_token_uri(token_url)
            .set_device_authorization_url_option(device_url);
        if let Some(secret) = &client_secret {
            oauth = oauth.set_client_secret(ClientSecret::new(secret.expose().to_string()));
        }
        Ok(Self {
            oauth,
            http,
            provider: provider.clone(),
            client_id,
            client_secret,
            metadata: Arc::default(),
        })
    }

    /// The provider's metadata (RFC 8414), read on first use; `None` when it has none.
    pub async fn metadata(&self) -> Option<&ProviderMetadata> {
        self.metadata
            .get_or_init(|| discover(&self.http, &self.provider))
            .await
            .as_ref()
    }

    /// How this client sends its secret to the token endpoint: the configured method, else
    /// one the metadata lists (Basic first, as RFC 6749 asks servers to support it), else
    /// Basic. `None` for a public client (it sends only `client_id`).
    pub async fn token_auth_method(&self) -> Option<TokenAuthMethod> {
        self.client_secret.as_ref()?;
        if let Some(method) = self.provider.token_endpoint_auth_method {
            return Some(method);
        }
        let listed = self
            .metadata()
            .await
            .and_then(|m| m.token_endpoint_auth_methods.as_deref())
            .unwrap_or_default();
        let offers = |m: TokenAuthMethod| listed.iter().any(|l| l == m.name());
        Some(
            if !offers(TokenAuthMethod::ClientSecretBasic)
                && offers(TokenAuthMethod::ClientSecretPost)
            {
                TokenAuthMethod::ClientSecretPost
            } else {
                TokenAuthMethod::ClientSecretBasic
            },
        )
    }

    /// The oauth2 client set up to authenticate the way [`Self::token_auth_method`] says.
    pub(crate) async fn token_client(&self) -> Oauth2Client {
        let auth = match self.token_auth_method().await {
            Some(TokenAuthMethod::ClientSecretPost) => AuthType::RequestBody,
            _ => AuthType::BasicAuth,
        };
        self.oauth.clone().set_auth_type(auth)
    }

    /// What a sign-in answer must carry to belong to an attempt with `state`: the issuer
    /// from the config, else from the metadata; `iss` itself when the metadata promises it.
    pub(crate) async fn callback_check(&self, state: Secret) -> CallbackCheck {
        let metadata = self.metadata().await;
        CallbackCheck {
            state,
            issuer: self
                .provider
                .issuer
                .clone()
                .or_else(|| metadata.map(|m| m.issuer.clone())),
            iss_required: metadata.is_some_and(|m| m.iss_parameter_supported),
        }
    }

    /// The provider this client talks to.
    pub fn provider(&self) -> &ProviderConfig {
        &self.provider
    }

    /// Whether the provider offers the device flow (RFC 8628).
    pub fn supports_device_flow(&self) -> bool {
        self.provider.device_authorization_url.is_some()
    }

    /// Whether the provider can revoke tokens (RFC 7009).
    pub fn supports_revocation(&self) -> bool {
        self.provider.revocation_url.is_some()
    }

    /// The underlying HTTP client (for the userinfo call and revocation).
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }
}

fn required<'a>(value: &'a Option<String>, key: &str) -> Result<&'a String, AuthError> {
    value
        .as_ref()
        .ok_or_else(|| AuthError::NotConfigured(format!("no {key} is configured for it")))
}
