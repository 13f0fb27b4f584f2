//! The dashboard's Vector, Search and QStash calls, through the account's [`Handles`] entry
//! (the same client and re-minting as the database calls).

use super::databases::{Handles, call_error};
use super::errors;
use crate::account::{CallError, Session};
use crate::tui::services::ServiceError;
use crate::upstash::{ProductCall, ProductReply};

/// Runs `call` for the stored account `id`.
pub async fn run(
    session: &Session,
    handles: &Handles,
    id: &str,
    call: ProductCall,
) -> Result<ProductReply, ServiceError> {
    let api = handles.get(session, id)?;
    api.call(|c| {
        let call = &call;
        async move { c.run_product(call).await }
    })
    .await
    .map_err(|e| match e {
        CallError::Api(e) => call_error(e),
        CallError::Refused { error, .. } => errors::api(error),
        e @ CallError::RemintFailed { .. } => errors::unavailable(e.to_string()),
    })
}
