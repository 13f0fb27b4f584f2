//! From a grant (or an existing API key) to a saved account: the code exchange, the email,
//! the Developer API key (reused when it still works, else minted and checked), one locked
//! write; and a new key when the service refuses the stored one.

mod api_key;
mod complete;
mod grant;
mod label;
mod mint;
mod progress;
mod remint;

pub use api_key::add_api_key_account;
pub use complete::{Connected, KeyOutcome};
pub use grant::{Connector, Grant};
pub use progress::{Progress, Step};
pub use remint::remint_after_unauthorized;

/// Checks an email + key pair with one Developer API call (the service's own error).
pub(crate) use mint::verify_raw as verify_key;
