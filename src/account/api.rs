//! A selected account's Developer API handle: long-lived and cheap to clone, holding the
//! client built from the account's key. It applies the one rule for a refused key: when the
//! service answers 401 and the account was connected with OAuth, the key is re-minted with
//! refreshed tokens and the call made once more; otherwise a stored account is marked as
//! needing sign-in.

use super::{AccountSource, ConnectError, Selected, Session, SessionError};
use crate::upstash::{ApiError, Client};
use std::sync::{Arc, Mutex};

/// Why a call through an [`Api`] failed.
#[derive(Debug)]
pub enum CallError {
    /// The service answered with an error other than a refused key (or the network failed).
    Api(ApiError),
    /// The service refused the key and no new one could be made: the account needs sign-in.
    Refused {
        /// The 401.
        error: ApiError,
        /// Where the refused key came from (a stored account, or the environment).
        source: AccountSource,
        /// The account's label.
        label: String,
        /// The command that signs the account in again.
        login: super::LoginHint,
        /// Whether a stored account could be marked as needing sign-in (`Err`: why not).
        marked: Result<(), String>,
    },
    /// The key was refused, and making a new one failed for another reason (network, 5xx).
    RemintFailed {
        /// The 401.
        error: ApiError,
        /// Why no new key could be made.
        cause: ConnectError,
    },
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Api(e) | CallError::Refused { error: e, .. } => write!(f, "{e}"),
            CallError::RemintFailed { error, cause } => {
                write!(f, "{error}\nand no new key could be made: {cause}")
            }
        }
    }
}

/// One account's Developer API: the selection and its client, replaced when a refused key is
/// re-minted. Clones share the current key.
#[derive(Clone)]
pub struct Api {
    session: Session,
    current: Arc<Mutex<(Selected, Client)>>,
}

impl Api {
    /// Selects the account (`query`: id, label or email; else the environment, the sandbox's
    /// or the default account) and builds its client.
    pub fn open(session: &Session, query: Option<&str>) -> Result<Self, SessionError> {
        let selected = session.select(query)?;
        let client = session.client_for(&selected)?;
        tracing::debug!(account = %selected.label, provider = %selected.provider_name, "account selected");
        Ok(Self {
            session: session.clone(),
            current: Arc::new(Mutex::new((selected, client))),
        })
    }

    /// The account as it stands (after any re-mint).
    pub fn selected(&self) -> Selected {
        self.current().0
    }

    fn current(&self) -> (Selected, Client) {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs one API call, re-minting a refused key once (see the module notes).
    pub async fn call<T, F, Fut>(&self, f: F) -> Result<T, CallError>
    where
        F: Fn(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let (selected, client) = self.current();
        let refused = match f(client).await {
            Ok(v) => return Ok(v),
            Err(e) if e.is_unauthorized() => e,
            Err(e) => return Err(CallError::Api(e)),
        };
        match super::remint_after_unauthorized(&self.session, &selected).await {
            Ok(fresh) => {
                tracing::info!(account = %fresh.label, "key refused; re-minted with refreshed tokens");
                let client =
                    self.session
                        .client_for(&fresh)
                        .map_err(|e| CallError::RemintFailed {
                            error: refused.clone(),
                            cause: ConnectError::Unsupported(e.to_string()),
                        })?;
                *self.current.lock().unwrap_or_else(|p| p.into_inner()) = (fresh, client.clone());
                match f(client).await {
                    Ok(v) => Ok(v),
                    Err(e) if e.is_unauthorized() => Err(self.refused(e)),
                    Err(e) => Err(CallError::Api(e)),
                }
            }
            Err(ConnectError::NeedsSignIn { .. } | ConnectError::Unsupported(_)) => {
                Err(self.refused(refused))
            }
            Err(cause) => Err(CallError::RemintFailed {
                error: refused,
                cause,
            }),
        }
    }

    /// A refused key that stays refused: a stored account is marked as needing sign-in.
    fn refused(&self, error: ApiError) -> CallError {
        let selected = self.selected();
        let marked = match &selected.source {
            AccountSource::Stored(_) => self
                .session
                .mark_needs_sign_in(&selected)
                .map_err(|e| e.to_string()),
            AccountSource::Environment => Ok(()),
        };
        let login = match &selected.source {
            AccountSource::Stored(id) => self.session.store.load().ok().and_then(|loaded| {
                loaded
                    .credentials
                    .get(id)
                    .map(super::LoginHint::for_account)
            }),
            AccountSource::Environment => None,
        }
        .unwrap_or_else(|| super::LoginHint::new(&selected.label, &selected.provider_name));
        CallError::Refused {
            error,
            login,
            source: selected.source,
            label: selected.label,
            marked,
        }
    }
}
