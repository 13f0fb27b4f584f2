//! The OAuth client side: connect an account through the browser (loopback listener or a
//! pasted address) or the device flow, exchange the code, refresh, revoke.
//!
//! The pieces, in the order a sign-in uses them:
//! - [`OAuthClient`]: one provider's endpoints on the oauth2 crate, with an HTTP client that
//!   never follows redirects.
//! - [`LoginAttempt`]: binds the listener first, builds the authorize URL (fresh `state`,
//!   PKCE S256), then [`LoginAttempt::wait`]s for the listener or a pasted address.
//! - [`browser`]: whether and how to open a browser here, and the `ssh -L` line.
//! - [`OAuthClient::exchange_code`], [`OAuthClient::refresh`], [`OAuthClient::revoke`], the
//!   device flow, and [`TokenRefresher`] for refreshes coordinated across tasks and processes.
//!
//! Nothing here knows about the terminal; no secret reaches a log line or an error message.

mod attempt;
mod authorize;
pub mod browser;
mod callback;
mod cancel;
mod client;
mod device;
mod error;
mod exchange;
pub mod listener;
mod metadata;
mod paste;
mod refresh;
mod revoke;
mod token_error;
mod tokens;

pub use attempt::{
    AuthCode, DEFAULT_ANSWER_LIMIT, DEFAULT_LOGIN_TIMEOUT, LoginAttempt, LoginOptions,
};
pub use authorize::{AuthorizeRequest, authorize_request};
pub use callback::{CallbackCheck, CallbackVerdict, judge_callback};
pub use cancel::CancelToken;
pub use client::{OAuthClient, http_client};
pub use device::DeviceAuthorization;
pub use error::AuthError;
pub use metadata::ProviderMetadata;
pub use paste::{PasteChecker, pasted_query};
pub use refresh::{DEFAULT_REFRESH_SKEW, StoredTokens, TokenRefresher, TokenStore};
pub use revoke::{Revocation, TokenKind};
pub use tokens::{TokenSet, email_from_jwt};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_provider;

    fn assert_send<T: Send>(_: &T) {}

    /// The UI runs these on tokio tasks, so their futures must be `Send`.
    #[test]
    fn public_futures_are_send() {
        let client = OAuthClient::new(&test_provider("http://127.0.0.1:9")).unwrap();
        let secret = crate::secret::Secret::new("x");
        let cancel = CancelToken::new();
        let (_tx, rx) = tokio::sync::mpsc::channel(1);
        assert_send(&async {
            let a = LoginAttempt::start(&client, LoginOptions::default()).await?;
            a.wait(rx, &cancel).await
        });
        assert_send(&client.refresh(&secret));
        assert_send(&client.revoke(&secret, TokenKind::RefreshToken));
        assert_send(&client.device_start());
        assert_send(&async {
            let d = client.device_start().await?;
            client.device_wait(&d, &cancel).await
        });
        assert_send(&async {
            let code = AuthCode::from_parts(secret.clone(), secret.clone(), "http://127.0.0.1/c");
            client.exchange_code(code).await
        });
        let tokens = TokenSet {
            access_token: secret.clone(),
            refresh_token: None,
            expires_at: None,
            scopes: vec![],
        };
        assert_send(&client.account_email(&tokens));
    }
}
