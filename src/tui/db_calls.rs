//! The database calls of the dashboard, mapped onto `upstash::Client`: the default bodies of
//! the database methods of [`Services`], the one effect that carries them
//! ([`DatabaseCall`]) and its answer ([`DatabaseReply`]).

use super::services::{ServiceError, ServiceErrorKind, ServiceFuture, Services};
use crate::upstash::create::CLOCK_SKEW_ALLOWANCE_SECS;
use crate::upstash::{
    ApiError, Client, CreateDatabase, CredentialsMode, Database, DatabaseStats, StatsPeriod, Team,
};
use std::future::Future;

/// One database call the Databases pane or the wizard asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseCall {
    /// Read one database with credentials.
    Get {
        /// The database.
        id: String,
    },
    /// Read usage over a period.
    Stats {
        /// The database.
        id: String,
        /// The period.
        period: StatsPeriod,
    },
    /// Create a database (`not_before`: a retry after a lost answer looks it up first).
    Create {
        /// What to create.
        request: CreateDatabase,
        /// Unix seconds the first attempt started, on a retry.
        not_before: Option<i64>,
    },
    /// Rename.
    Rename {
        /// The database.
        id: String,
        /// The new name.
        name: String,
    },
    /// Reset the password.
    ResetPassword {
        /// The database.
        id: String,
    },
    /// Replace the read regions.
    UpdateRegions {
        /// The database.
        id: String,
        /// The new read regions.
        read_regions: Vec<String>,
    },
    /// Turn eviction on or off.
    SetEviction {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// Delete.
    Delete {
        /// The database.
        id: String,
    },
    /// List the account's teams.
    ListTeams,
}

/// What a [`DatabaseCall`] answers.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseReply {
    /// A database (get, create, rename, reset password).
    Database(Box<Database>),
    /// Usage statistics.
    Stats(Box<DatabaseStats>),
    /// The account's teams.
    Teams(Vec<Team>),
    /// Done, nothing to show (regions, eviction, delete).
    Done,
}

/// Runs `call` for `account_id` through the services.
pub fn run(
    services: &dyn Services,
    account_id: &str,
    call: DatabaseCall,
) -> ServiceFuture<DatabaseReply> {
    let one = |f: ServiceFuture<Database>| -> ServiceFuture<DatabaseReply> {
        Box::pin(async move { f.await.map(|d| DatabaseReply::Database(Box::new(d))) })
    };
    let done = |f: ServiceFuture<()>| -> ServiceFuture<DatabaseReply> {
        Box::pin(async move { f.await.map(|()| DatabaseReply::Done) })
    };
    match call {
        DatabaseCall::Get { id } => one(services.get_database(account_id, &id)),
        DatabaseCall::Stats { id, period } => {
            let f = services.database_stats(account_id, &id, period);
            Box::pin(async move { f.await.map(|s| DatabaseReply::Stats(Box::new(s))) })
        }
        DatabaseCall::Create {
            request,
            not_before,
        } => one(services.create_database(account_id, request, not_before)),
        DatabaseCall::Rename { id, name } => one(services.rename_database(account_id, &id, &name)),
        DatabaseCall::ResetPassword { id } => one(services.reset_password(account_id, &id)),
        DatabaseCall::UpdateRegions { id, read_regions } => {
            done(services.update_read_regions(account_id, &id, read_regions))
        }
        DatabaseCall::SetEviction { id, on } => done(services.set_eviction(account_id, &id, on)),
        DatabaseCall::Delete { id } => done(services.delete_database(account_id, &id)),
        DatabaseCall::ListTeams => {
            let f = services.list_teams(account_id);
            Box::pin(async move { f.await.map(DatabaseReply::Teams) })
        }
    }
}

/// An API failure in words for the screen, with the kind the UI reacts to.
pub fn service_error(e: ApiError) -> ServiceError {
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

/// Runs `f` with the client, or answers the error of getting one.
fn with_client<T, F, Fut>(client: Result<Client, ServiceError>, f: F) -> ServiceFuture<T>
where
    T: Send + 'static,
    F: FnOnce(Client) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, ApiError>> + Send + 'static,
{
    Box::pin(async move { f(client?).await.map_err(service_error) })
}

/// Default of [`Services::list_databases`].
pub fn list_databases(client: Result<Client, ServiceError>) -> ServiceFuture<Vec<Database>> {
    with_client(client, |c| async move { c.list_databases().await })
}

/// Default of [`Services::get_database`].
pub fn get_database(client: Result<Client, ServiceError>, id: &str) -> ServiceFuture<Database> {
    let id = id.to_owned();
    with_client(client, |c| async move {
        c.get_database(&id, CredentialsMode::Show).await
    })
}

/// Default of [`Services::database_stats`].
pub fn database_stats(
    client: Result<Client, ServiceError>,
    id: &str,
    period: StatsPeriod,
) -> ServiceFuture<DatabaseStats> {
    let id = id.to_owned();
    with_client(client, move |c| async move {
        c.database_stats(&id, Some(period)).await
    })
}

/// Default of [`Services::create_database`]: never sends a create twice blindly.
pub fn create_database(
    client: Result<Client, ServiceError>,
    request: CreateDatabase,
    not_before: Option<i64>,
) -> ServiceFuture<Database> {
    with_client(client, move |c| async move {
        if let Some(since) = not_before {
            let since = since - CLOCK_SKEW_ALLOWANCE_SECS;
            let found = c
                .list_databases()
                .await?
                .into_iter()
                .filter(|d| d.database_name == request.name)
                .find(|d| d.creation_time.is_none_or(|t| t >= since));
            if let Some(db) = found {
                return Ok(db);
            }
        }
        c.create_database(&request).await
    })
}

/// Default of [`Services::rename_database`].
pub fn rename_database(
    client: Result<Client, ServiceError>,
    id: &str,
    name: &str,
) -> ServiceFuture<Database> {
    let (id, name) = (id.to_owned(), name.to_owned());
    with_client(
        client,
        |c| async move { c.rename_database(&id, &name).await },
    )
}

/// Default of [`Services::reset_password`].
pub fn reset_password(client: Result<Client, ServiceError>, id: &str) -> ServiceFuture<Database> {
    let id = id.to_owned();
    with_client(client, |c| async move { c.reset_password(&id).await })
}

/// Default of [`Services::update_read_regions`].
pub fn update_read_regions(
    client: Result<Client, ServiceError>,
    id: &str,
    read_regions: Vec<String>,
) -> ServiceFuture<()> {
    let id = id.to_owned();
    with_client(client, |c| async move {
        c.update_regions(&id, &read_regions).await
    })
}

/// Default of [`Services::set_eviction`].
pub fn set_eviction(client: Result<Client, ServiceError>, id: &str, on: bool) -> ServiceFuture<()> {
    let id = id.to_owned();
    with_client(client, move |c| async move {
        if on {
            c.enable_eviction(&id).await
        } else {
            c.disable_eviction(&id).await
        }
    })
}

/// Default of [`Services::delete_database`].
pub fn delete_database(client: Result<Client, ServiceError>, id: &str) -> ServiceFuture<()> {
    let id = id.to_owned();
    with_client(client, |c| async move { c.delete_database(&id).await })
}

/// Default of [`Services::list_teams`].
pub fn list_teams(client: Result<Client, ServiceError>) -> ServiceFuture<Vec<Team>> {
    with_client(client, |c| async move { c.list_teams().await })
}
