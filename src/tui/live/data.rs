//! The dashboard's Redis calls: one REST client per database, opened on first use from the
//! database's details (the token stays in memory), and opened again once when the endpoint
//! refuses the token, since a password reset replaces it.

use super::databases::Handles;
use super::errors;
use crate::account::Session;
use crate::redis::{RedisError, RestClient};
use crate::tui::services::{DataTarget, RedisBatch, RedisResults, ServiceError, ServiceErrorKind};
use crate::upstash::{DatabaseCall, DatabaseReply};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The databases' REST clients; clones share them.
#[derive(Clone, Default)]
pub struct DataClients(Arc<Mutex<HashMap<DataTarget, RestClient>>>);

impl DataClients {
    fn cached(&self, target: &DataTarget) -> Option<RestClient> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(target)
            .cloned()
    }

    fn keep(&self, target: &DataTarget, client: RestClient) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(target.clone(), client);
    }

    /// Forgets every client (an account changed).
    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// Sends `batch` to the database of `target`.
pub async fn run(
    session: &Session,
    handles: &Handles,
    clients: &DataClients,
    target: &DataTarget,
    batch: &RedisBatch,
) -> Result<RedisResults, ServiceError> {
    let (client, fresh) = match clients.cached(target) {
        Some(client) => (client, false),
        None => (open(session, handles, clients, target).await?, true),
    };
    match send(&client, batch).await {
        Err(RedisError::Unauthorized) if !fresh => {
            tracing::info!(database = %target.database_id, "REST token refused; fetching it again");
            let client = open(session, handles, clients, target).await?;
            send(&client, batch).await.map_err(redis_error)
        }
        other => other.map_err(redis_error),
    }
}

async fn send(client: &RestClient, batch: &RedisBatch) -> Result<RedisResults, RedisError> {
    if batch.atomic {
        client.transaction(&batch.commands).await
    } else {
        client.pipeline(&batch.commands).await
    }
}

/// Reads the database's details (with its token) and builds its client.
async fn open(
    session: &Session,
    handles: &Handles,
    clients: &DataClients,
    target: &DataTarget,
) -> Result<RestClient, ServiceError> {
    let api = handles.get(session, &target.account_id)?;
    let call = DatabaseCall::Get {
        id: target.database_id.clone(),
    };
    let reply = super::databases::send(&api, call).await?;
    let DatabaseReply::Database(db) = reply else {
        return Err(errors::unavailable(
            "The Developer API answered something else",
        ));
    };
    let url = db.rest_url.clone().ok_or_else(|| {
        errors::unavailable("This provider does not say how to reach a database's data")
    })?;
    let token = db.rest_token.clone().ok_or_else(|| {
        errors::unavailable(
            "The Developer API gave no REST token for this database (credential protection?)",
        )
    })?;
    let client = RestClient::new(&url, token).map_err(redis_error)?;
    clients.keep(target, client.clone());
    Ok(client)
}

/// A failed request in words, with the kind the screens react to.
fn redis_error(e: RedisError) -> ServiceError {
    let kind = match &e {
        RedisError::Unauthorized => ServiceErrorKind::NeedsSignIn,
        RedisError::Command(_) | RedisError::Limit(_) | RedisError::TooLarge(_) => {
            ServiceErrorKind::Rejected
        }
        _ => ServiceErrorKind::Unavailable,
    };
    ServiceError::new(kind, errors::capitalized(&e.to_string()))
}
