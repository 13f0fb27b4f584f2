//! The provider side of a connect: which provider, which store, and the code exchange.

use super::progress::{Progress, Step};
use crate::account::ConnectError;
use crate::auth::{AuthCode, OAuthClient, TokenSet};
use crate::config::ProviderConfig;
use crate::store::Store;

/// Connects accounts of one provider into one credentials store.
#[derive(Debug, Clone)]
pub struct Connector {
    /// The credentials store the account is saved in.
    pub store: Store,
    /// The provider's name (what the account records).
    pub provider_name: String,
    /// The provider.
    pub provider: ProviderConfig,
    /// The label for the new or updated account; default: its current label, else the email.
    pub label: Option<String>,
    /// The OAuth client (endpoints, HTTP client).
    pub client: OAuthClient,
}

/// Tokens from a sign-in, with the email when the provider said it.
#[derive(Debug, Clone)]
pub struct Grant {
    /// The tokens.
    pub tokens: TokenSet,
    /// Who signed in: the token's `email` claim, else userinfo; `None` when the provider
    /// gives neither (then ask the operator once and pass it to [`Connector::complete`]).
    pub email: Option<String>,
}

impl Connector {
    /// A connector for `provider_name`; fails when the provider cannot do OAuth sign-in.
    pub fn new(
        store: Store,
        provider_name: impl Into<String>,
        provider: ProviderConfig,
        label: Option<String>,
    ) -> Result<Self, ConnectError> {
        let client = OAuthClient::new(&provider)?;
        Ok(Self {
            store,
            provider_name: provider_name.into(),
            provider,
            label,
            client,
        })
    }

    /// A connector with an OAuth client built elsewhere (a custom HTTP client, tests).
    pub fn with_client(
        store: Store,
        provider_name: impl Into<String>,
        client: OAuthClient,
        label: Option<String>,
    ) -> Self {
        Self {
            store,
            provider_name: provider_name.into(),
            provider: client.provider().clone(),
            label,
            client,
        }
    }

    /// Trades the sign-in's code for tokens and learns the email.
    pub async fn exchange(
        &self,
        code: AuthCode,
        progress: Progress<'_>,
    ) -> Result<Grant, ConnectError> {
        progress(Step::Exchanging);
        let tokens = self.client.exchange_code(code).await?;
        Ok(self.grant(tokens, progress).await)
    }

    /// Learns the email for tokens obtained another way (the device flow).
    pub async fn grant(&self, tokens: TokenSet, progress: Progress<'_>) -> Grant {
        progress(Step::LearningEmail);
        let email = self.client.account_email(&tokens).await;
        Grant { tokens, email }
    }
}
