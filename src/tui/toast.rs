//! Short-lived messages for results and errors; they expire by the clock in the app state.

use time::{Duration, OffsetDateTime};

/// How long a toast stays.
pub const TOAST_LIFETIME: Duration = Duration::seconds(5);
/// Errors stay longer: they usually need reading.
pub const ERROR_TOAST_LIFETIME: Duration = Duration::seconds(10);
/// At most this many toasts are kept (the oldest goes first).
pub const MAX_TOASTS: usize = 4;

/// What a toast reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    /// Neutral information.
    Info,
    /// Something succeeded.
    Success,
    /// Something failed.
    Error,
}

/// One toast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// What it reports.
    pub kind: ToastKind,
    /// The message.
    pub text: String,
    /// When it disappears.
    pub expires_at: OffsetDateTime,
}

/// The visible toasts, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toasts {
    items: Vec<Toast>,
}

impl Toasts {
    /// Adds a toast at `now`; returns when it expires (for a wake-up timer).
    pub fn push(&mut self, kind: ToastKind, text: String, now: OffsetDateTime) -> OffsetDateTime {
        let lifetime = match kind {
            ToastKind::Error => ERROR_TOAST_LIFETIME,
            _ => TOAST_LIFETIME,
        };
        let expires_at = now + lifetime;
        // Toasts carry services' messages, which quote providers: drawn sanitised.
        let text = match crate::output::sanitize(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(shown) => shown,
        };
        self.items.push(Toast {
            kind,
            text,
            expires_at,
        });
        if self.items.len() > MAX_TOASTS {
            self.items.remove(0);
        }
        expires_at
    }

    /// Drops the toasts that expired at `now`; returns whether any did.
    pub fn expire(&mut self, now: OffsetDateTime) -> bool {
        let before = self.items.len();
        self.items.retain(|t| t.expires_at > now);
        self.items.len() != before
    }

    /// The visible toasts, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Toast> {
        self.items.iter()
    }

    /// Whether none is visible.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
