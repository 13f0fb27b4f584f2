//! The dashboard's database calls, through one long-lived [`Api`] handle per account (built
//! once, so calls reuse the client and its connections instead of re-reading the credentials
//! file each time).

use super::{accounts, errors};
use crate::account::{Api, CallError, Session};
use crate::tui::services::{ServiceError, ServiceErrorKind};
use crate::upstash::{ApiError, DatabaseCall, DatabaseReply};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The accounts' handles, opened on first use; cleared when accounts change.
#[derive(Clone, Default)]
pub struct Handles(Arc<Mutex<HashMap<String, Api>>>);

impl Handles {
    /// The handle of the stored account `id`.
    pub fn get(&self, session: &Session, id: &str) -> Result<Api, ServiceError> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(api) = map.get(id) {
            return Ok(api.clone());
        }
        let account = accounts::parse_id(id)?;
        let api = Api::open(session, Some(account.as_str())).map_err(errors::session)?;
        map.insert(id.to_string(), api.clone());
        Ok(api)
    }

    /// Forgets every handle (an account was added, changed or removed).
    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// Runs `call` for the stored account `id` (a refused key is re-minted once for accounts
/// connected with OAuth; otherwise the account is marked as needing sign-in).
pub async fn run(
    session: &Session,
    handles: &Handles,
    id: &str,
    call: DatabaseCall,
) -> Result<DatabaseReply, ServiceError> {
    let api = handles.get(session, id)?;
    send(&api, call).await
}

/// Runs `call` through the account's handle.
pub async fn send(api: &Api, call: DatabaseCall) -> Result<DatabaseReply, ServiceError> {
    api.call(|c| {
        let call = &call;
        async move { c.run(call).await }
    })
    .await
    .map_err(|e| match e {
        CallError::Api(e) if call == DatabaseCall::List => errors::api(e),
        CallError::Api(e) => call_error(e),
        CallError::Refused { error, .. } => errors::api(error),
        e @ CallError::RemintFailed { .. } => errors::unavailable(e.to_string()),
    })
}

/// A failed change or read in words, with the kind the screens react to.
pub(super) fn call_error(e: ApiError) -> ServiceError {
    let kind = if e.is_unauthorized() {
        ServiceErrorKind::NeedsSignIn
    } else if e
        .status()
        .is_some_and(|s| (400..500).contains(&s) && s != 429)
        || matches!(e, ApiError::Invalid { .. })
    {
        ServiceErrorKind::Rejected
    } else {
        ServiceErrorKind::Unavailable
    };
    ServiceError::new(kind, e.to_string())
}
