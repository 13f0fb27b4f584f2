//! A provider's own way to finish a browser sign-in from the terminal, for providers whose
//! sign-in pages updash can walk itself (the sandbox's). The start-up wiring hands one in;
//! nothing else here knows which provider offers it.

use crate::secret::Secret;
use futures::future::BoxFuture;

/// Why a sign-in from the terminal did not complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TerminalSignInError {
    /// The provider refused what was typed (wrong email or password), or the address is not
    /// one this sign-in can walk.
    #[error("{0}")]
    Refused(String),
    /// The provider could not be reached or answered unexpectedly.
    #[error("{0}")]
    Unavailable(String),
}

/// Signs in at a provider's pages from the terminal; the final redirect reaches the
/// attempt's own listener, so the attempt completes exactly as after a browser.
pub trait TerminalSignIn: Send + Sync + 'static {
    /// The provider (by name) this sign-in works for.
    fn provider(&self) -> &str;

    /// The email to offer in the form (a seeded user, say).
    fn email_hint(&self) -> Option<&str>;

    /// Signs in as `email` at the pages behind `authorize_url` and consents.
    fn sign_in(
        &self,
        authorize_url: &str,
        email: &str,
        password: &Secret,
    ) -> BoxFuture<'static, Result<(), TerminalSignInError>>;
}
