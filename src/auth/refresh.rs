//! Refreshes coordinated over time, tasks and processes ("Tokens over time").
//!
//! - Refresh ahead of expiry (a skew, 60 s by default) and once after a 401.
//! - One refresh at a time per account in this process (a tokio mutex per account), and
//!   across processes (an exclusive `flock` on `<credentials file>.refresh.lock`, held across
//!   the HTTP call). That lock is separate from the store's own write lock, which guards
//!   only each short read-modify-write: holding the store's lock through the network call
//!   would block every other write (and this process's own store updates) meanwhile.
//! - Under the lock the store is read again first: if another task or process already
//!   rotated the tokens, their result is used and nothing is sent.
//! - The rotated refresh token is written to the store before the new access token is
//!   handed out, so a crash cannot lose it.
//! - A refused refresh (`invalid_grant`), or an expired token with no refresh token, marks
//!   the sign-in as expired and deletes nothing (an account's API key keeps working); other
//!   failures (network) change nothing.
//! - Every refresh is logged at `info` with the account and provider, and whether the
//!   provider rotated the refresh token (never a token).

use super::client::OAuthClient;
use super::error::AuthError;
use super::tokens::TokenSet;
use crate::secret::Secret;
use crate::store::{AccountId, Store};
use std::collections::HashMap;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;
use time::OffsetDateTime;

/// How long before expiry a token is refreshed by default.
pub const DEFAULT_REFRESH_SKEW: Duration = Duration::from_secs(60);

/// The tokens of one account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTokens {
    /// The tokens (access token may be empty when only a refresh token is kept).
    pub tokens: TokenSet,
    /// The provider no longer accepts the sign-in (or the account must sign in again).
    pub needs_sign_in: bool,
    /// The provider's name (for the log).
    pub provider: String,
}

/// Where an account's tokens live; implemented for the credentials [`Store`].
pub trait TokenStore: Send + Sync {
    /// The lock file that serializes refreshes across processes.
    fn refresh_lock_path(&self) -> PathBuf;
    /// The account's tokens, freshly read; `None` when it has no access token.
    fn load_tokens(&self, account: &AccountId) -> Result<Option<StoredTokens>, AuthError>;
    /// Writes new tokens atomically and clears "needs sign-in".
    fn save_tokens(&self, account: &AccountId, tokens: &TokenSet) -> Result<(), AuthError>;
    /// Marks the account's sign-in as expired, keeping everything stored.
    fn mark_needs_sign_in(&self, account: &AccountId) -> Result<(), AuthError>;
}

fn store_error(e: crate::store::StoreError) -> AuthError {
    AuthError::Store(e.to_string())
}

impl TokenStore for Store {
    fn refresh_lock_path(&self) -> PathBuf {
        let mut name = self.path().as_os_str().to_owned();
        name.push(".refresh.lock");
        PathBuf::from(name)
    }

    fn load_tokens(&self, account: &AccountId) -> Result<Option<StoredTokens>, AuthError> {
        let loaded = self.load().map_err(store_error)?;
        let Some(a) = loaded.credentials.get(account) else {
            return Err(AuthError::Store(format!(
                "no account with id `{account}` in {}",
                self.path().display()
            )));
        };
        Ok(a.access_token.clone().map(|access_token| StoredTokens {
            tokens: TokenSet {
                access_token,
                refresh_token: a.refresh_token.clone(),
                expires_at: a.expires_at,
                scopes: a.scopes.clone(),
            },
            needs_sign_in: a.needs_sign_in || a.sign_in_expired,
            provider: a.provider.clone(),
        }))
    }

    fn save_tokens(&self, account: &AccountId, tokens: &TokenSet) -> Result<(), AuthError> {
        self.update(|c| {
            let a = c
                .get_mut(account)
                .ok_or_else(|| crate::store::StoreError::UnknownAccount {
                    id: account.clone(),
                })?;
            a.access_token = Some(tokens.access_token.clone());
            a.refresh_token = tokens.refresh_token.clone();
            a.expires_at = tokens.expires_at;
            a.scopes = tokens.scopes.clone();
            a.needs_sign_in = false;
            a.sign_in_expired = false;
            a.updated_at = OffsetDateTime::now_utc();
            Ok(())
        })
        .map_err(store_error)
    }

    /// Marks the sign-in as expired; an account without an API key (tokens are all it has)
    /// also needs a sign-in before it can be used, one with a key keeps working.
    fn mark_needs_sign_in(&self, account: &AccountId) -> Result<(), AuthError> {
        self.update(|c| {
            if let Some(a) = c.get_mut(account) {
                let unusable = a.api_key.is_none();
                if !a.sign_in_expired || (unusable && !a.needs_sign_in) {
                    a.sign_in_expired = true;
                    a.needs_sign_in |= unusable;
                    a.updated_at = OffsetDateTime::now_utc();
                }
            }
            Ok(())
        })
        .map_err(store_error)
    }
}

/// Per-account mutexes shared by every refresher in the process.
type AccountLocks = HashMap<(PathBuf, AccountId), Arc<tokio::sync::Mutex<()>>>;
static ACCOUNT_LOCKS: LazyLock<Mutex<AccountLocks>> = LazyLock::new(Mutex::default);

fn account_lock(lock_path: PathBuf, account: &AccountId) -> Arc<tokio::sync::Mutex<()>> {
    ACCOUNT_LOCKS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry((lock_path, account.clone()))
        .or_default()
        .clone()
}

/// An exclusive `flock` on a file, released when dropped (the descriptor closes).
struct FileLock {
    _file: std::fs::File,
}

async fn lock_file(path: PathBuf) -> Result<FileLock, AuthError> {
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&path)
            .map_err(|e| AuthError::Store(format!("cannot open {}: {e}", path.display())))?;
        // Blocks until the lock is ours (std retries on EINTR).
        file.lock()
            .map_err(|e| AuthError::Store(format!("cannot lock {}: {e}", path.display())))?;
        Ok(FileLock { _file: file })
    })
    .await
    .map_err(|e| AuthError::Store(format!("the lock task failed: {e}")))?
}

/// Why a refresh is considered.
enum Trigger<'a> {
    /// Refresh only if the token expires within the skew.
    Expiring,
    /// The API answered 401 to this access token.
    Rejected(&'a Secret),
}

/// Hands out valid access tokens, refreshing when needed, one refresh at a time.
#[derive(Debug, Clone)]
pub struct TokenRefresher<S> {
    store: S,
    skew: Duration,
}

impl<S: TokenStore> TokenRefresher<S> {
    /// A refresher over `store` with the default skew.
    pub fn new(store: S) -> Self {
        Self {
            store,
            skew: DEFAULT_REFRESH_SKEW,
        }
    }

    /// Uses `skew` instead of [`DEFAULT_REFRESH_SKEW`].
    pub fn with_skew(mut self, skew: Duration) -> Self {
        self.skew = skew;
        self
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// A usable access token: the stored one, or a refreshed one when it expires soon.
    pub async fn access_token(
        &self,
        client: &OAuthClient,
        account: &AccountId,
    ) -> Result<Secret, AuthError> {
        // Fast path without locks: most calls find a fresh token.
        if let Some(stored) = self.store.load_tokens(account)?
            && !stored.needs_sign_in
            && !stored
                .tokens
                .expires_within(self.skew, OffsetDateTime::now_utc())
        {
            return Ok(stored.tokens.access_token);
        }
        self.refresh_coordinated(client, account, Trigger::Expiring)
            .await
    }

    /// After the API answered 401 to `rejected`: refresh once, unless another task or
    /// process already replaced that token (then its replacement is returned).
    pub async fn after_unauthorized(
        &self,
        client: &OAuthClient,
        account: &AccountId,
        rejected: &Secret,
    ) -> Result<Secret, AuthError> {
        self.refresh_coordinated(client, account, Trigger::Rejected(rejected))
            .await
    }

    async fn refresh_coordinated(
        &self,
        client: &OAuthClient,
        account: &AccountId,
        trigger: Trigger<'_>,
    ) -> Result<Secret, AuthError> {
        let lock_path = self.store.refresh_lock_path();
        let in_process = account_lock(lock_path.clone(), account);
        let _in_process = in_process.lock().await;
        let _across_processes = lock_file(lock_path).await?;
        let Some(stored) = self.store.load_tokens(account)? else {
            return Err(AuthError::NeedsSignIn);
        };
        if stored.needs_sign_in {
            return Err(AuthError::NeedsSignIn);
        }
        let still_good = match trigger {
            Trigger::Expiring => !stored
                .tokens
                .expires_within(self.skew, OffsetDateTime::now_utc()),
            Trigger::Rejected(rejected) => stored.tokens.access_token != *rejected,
        };
        if still_good {
            return Ok(stored.tokens.access_token);
        }
        let Some(refresh_token) = stored.tokens.refresh_token.clone() else {
            self.store.mark_needs_sign_in(account)?;
            return Err(AuthError::NeedsSignIn);
        };
        match client.refresh(&refresh_token).await {
            Ok(tokens) => {
                self.store.save_tokens(account, &tokens)?;
                let rotated = tokens.refresh_token.as_ref() != Some(&refresh_token);
                crate::logging::refreshed(account, &stored.provider, rotated);
                Ok(tokens.access_token)
            }
            Err(AuthError::NeedsSignIn) => {
                // A sign-in may have stored new tokens meanwhile (it does not take this lock).
                if let Some(now) = self.store.load_tokens(account)?
                    && !now.needs_sign_in
                    && now.tokens.refresh_token.as_ref() != Some(&refresh_token)
                {
                    return Ok(now.tokens.access_token);
                }
                self.store.mark_needs_sign_in(account)?;
                Err(AuthError::NeedsSignIn)
            }
            Err(e) => Err(e),
        }
    }
}
