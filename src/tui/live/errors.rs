//! Turning the modules' errors into [`ServiceError`]s: a kind the screens react to, and the
//! module's own sentence (already free of secrets).

use crate::account::SessionError;
use crate::auth::AuthError;
use crate::store::StoreError;
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::upstash::ApiError;

/// An OAuth failure.
pub fn auth(e: AuthError) -> ServiceError {
    let kind = match &e {
        AuthError::Cancelled | AuthError::TimedOut(_) => ServiceErrorKind::Cancelled,
        AuthError::NeedsSignIn => ServiceErrorKind::NeedsSignIn,
        AuthError::Network { .. } | AuthError::BadResponse { .. } | AuthError::Store(_) => {
            ServiceErrorKind::Unavailable
        }
        _ => ServiceErrorKind::Rejected,
    };
    // Lower-case: the screens put it after "The sign-in failed: ".
    ServiceError::new(kind, e.to_string())
}

/// A Developer API failure.
pub fn api(e: ApiError) -> ServiceError {
    let kind = if e.is_unauthorized() {
        ServiceErrorKind::NeedsSignIn
    } else {
        ServiceErrorKind::Unavailable
    };
    ServiceError::new(kind, capitalized(&e.to_string()))
}

/// A credentials-file failure.
pub fn store(e: StoreError) -> ServiceError {
    ServiceError::new(ServiceErrorKind::Unavailable, capitalized(&e.to_string()))
}

/// An account-selection failure.
pub fn session(e: SessionError) -> ServiceError {
    let kind = match &e {
        SessionError::NeedsSignIn { .. } => ServiceErrorKind::NeedsSignIn,
        _ => ServiceErrorKind::Unavailable,
    };
    ServiceError::new(kind, capitalized(&e.to_string()))
}

/// Input the operator can fix.
pub fn rejected(message: impl Into<String>) -> ServiceError {
    ServiceError::new(ServiceErrorKind::Rejected, message)
}

/// Something that is not there (an account removed meanwhile, a provider not configured).
pub fn unavailable(message: impl Into<String>) -> ServiceError {
    ServiceError::new(ServiceErrorKind::Unavailable, message)
}

/// The sentence with its first letter upper-cased, for the screen.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
