//! The typed Developer API client: databases and teams, over HTTP Basic `email:api_key`.

use super::error::ApiError;
use super::models::{
    self, Database, DatabaseStats, StatsPeriod, Team, TeamMember, is_acknowledgement,
};
use super::retry::{Idempotency, RetryPolicy};
use super::transport::{ApiCredentials, ArrivingBody, Auth, Call, ClientConfig, Transport};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::json;

use Idempotency::{Idempotent, NotIdempotent};

/// Whether a single-database read includes the password and tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CredentialsMode {
    /// Include them (the API's default).
    #[default]
    Show,
    /// Ask the API to leave them out (`?credentials=hide`).
    Hide,
}

/// A Developer API client for one account. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct Client {
    pub(crate) transport: Transport,
}

impl Client {
    /// A client for `config.base_url`, authenticating with `credentials`.
    pub fn new(config: &ClientConfig, credentials: ApiCredentials) -> Result<Self, ApiError> {
        Ok(Self {
            transport: Transport::new(config, Auth::Basic(credentials))?,
        })
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.transport.retry
    }

    /// Checks the credentials with the read the official CLI uses for this
    /// (`GET /v2/redis/databases`); a 401 means they are wrong, a 403 may mean a
    /// marketplace (Vercel/Fly) account, which the Developer API does not serve.
    pub async fn verify_credentials(&self) -> Result<(), ApiError> {
        let call = Call::new(
            "checking the email and API key",
            Method::GET,
            &["v2", "redis", "databases"],
            Idempotent,
        );
        self.transport.send(&call).await.map(|_| ())
    }

    /// `GET /v2/redis/databases`.
    pub async fn list_databases(&self) -> Result<Vec<Database>, ApiError> {
        let call = list_call();
        let dbs = self
            .transport
            .send_decoded(&call, models::read_databases)
            .await?;
        Ok(dbs.into_iter().map(|db| self.located(db)).collect())
    }

    /// `GET /v2/redis/databases`, the body as sent (see [`super::raw`]).
    pub async fn list_databases_body(&self) -> Result<Vec<u8>, ApiError> {
        let call = list_call();
        self.transport.send(&call).await
    }

    /// `GET /v2/redis/databases`, its body read as it arrives (a list of 10,000 databases is
    /// 15 MB).
    pub async fn list_databases_arriving(&self) -> Result<ArrivingBody, ApiError> {
        let call = list_call();
        self.transport.open(&call).await
    }

    /// `GET /v2/redis/database/{id}`: the database, and the body it came in.
    pub async fn get_database_with_body(
        &self,
        id: &str,
        mode: CredentialsMode,
    ) -> Result<(Database, Vec<u8>), ApiError> {
        let call = database_call(id, mode);
        let body = self.transport.send(&call).await?;
        let db = decode(&call.action, &body, models::decode_database)?;
        Ok((self.located(db), body))
    }

    /// The database with its REST URL filled in as the provider forms it.
    pub(crate) fn located(&self, mut db: Database) -> Database {
        if let (Some(template), Some(endpoint)) = (&self.transport.rest_url, &db.endpoint) {
            let url = template
                .replace("{endpoint}", endpoint)
                .replace("{id}", &db.database_id);
            db.rest_url = Some(url);
        }
        db
    }

    /// `GET /v2/redis/database/{id}`, with or without credentials.
    pub async fn get_database(
        &self,
        id: &str,
        mode: CredentialsMode,
    ) -> Result<Database, ApiError> {
        self.read(&database_call(id, mode), models::decode_database)
            .await
            .map(|db| self.located(db))
    }

    /// `DELETE /v2/redis/database/{id}`. Retried; a 404 on a retry after a lost response
    /// means the first attempt did it, so it counts as success.
    pub async fn delete_database(&self, id: &str) -> Result<(), ApiError> {
        let call = Call::new(
            format!("deleting database {id}"),
            Method::DELETE,
            &["v2", "redis", "database", id],
            Idempotent,
        );
        self.transport.send_removal(&call).await
    }

    /// `POST /v2/redis/rename/{id}` `{name}`. Idempotent (same name twice is one state).
    /// Returns the database; when the API answers only "OK", it is read back (without
    /// credentials).
    pub async fn rename_database(&self, id: &str, new_name: &str) -> Result<Database, ApiError> {
        let action = format!("renaming database {id}");
        if new_name.trim().is_empty() {
            return Err(ApiError::Invalid {
                action,
                message: "the new name is empty".into(),
            });
        }
        let call = Call::new(
            action,
            Method::POST,
            &["v2", "redis", "rename", id],
            Idempotent,
        )
        .json(json!({ "name": new_name }));
        let body = self.transport.send(&call).await?;
        if is_acknowledgement(&body) {
            return self.get_database(id, CredentialsMode::Hide).await;
        }
        decode(&call.action, &body, models::decode_database).map(|db| self.located(db))
    }

    /// `POST /v2/redis/reset-password/{id}`. Not idempotent: never retried after a lost
    /// response (a second reset would invalidate the first's new password). Returns the
    /// database with its new credentials (read back if the API answers only "OK").
    pub async fn reset_password(&self, id: &str) -> Result<Database, ApiError> {
        let call = Call::new(
            format!("resetting the password of database {id}"),
            Method::POST,
            &["v2", "redis", "reset-password", id],
            NotIdempotent,
        );
        let body = self.transport.send(&call).await?;
        if is_acknowledgement(&body) {
            return self.get_database(id, CredentialsMode::Show).await;
        }
        decode(&call.action, &body, models::decode_database).map(|db| self.located(db))
    }

    /// `GET /v2/redis/stats/{id}`, optionally `?period=`.
    pub async fn database_stats(
        &self,
        id: &str,
        period: Option<StatsPeriod>,
    ) -> Result<DatabaseStats, ApiError> {
        self.read(&stats_call(id, period), models::decode_stats)
            .await
    }

    /// [`Client::database_stats`]'s body as sent (for `--json`).
    pub async fn database_stats_body(
        &self,
        id: &str,
        period: Option<StatsPeriod>,
    ) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&stats_call(id, period)).await
    }

    /// `POST /v2/redis/update-regions/{id}` `{read_regions}` (replaces the whole list).
    pub async fn update_regions(&self, id: &str, read_regions: &[String]) -> Result<(), ApiError> {
        let call = Call::new(
            format!("updating the read regions of database {id}"),
            Method::POST,
            &["v2", "redis", "update-regions", id],
            Idempotent,
        )
        .json(json!({ "read_regions": read_regions }));
        self.transport.send(&call).await.map(|_| ())
    }

    /// `POST /v2/redis/enable-eviction/{id}`.
    pub async fn enable_eviction(&self, id: &str) -> Result<(), ApiError> {
        self.simple_post(
            format!("enabling eviction on database {id}"),
            "enable-eviction",
            id,
        )
        .await
    }

    /// `POST /v2/redis/disable-eviction/{id}`.
    pub async fn disable_eviction(&self, id: &str) -> Result<(), ApiError> {
        self.simple_post(
            format!("disabling eviction on database {id}"),
            "disable-eviction",
            id,
        )
        .await
    }

    /// `PATCH /v2/redis/update-budget/{id}` `{budget}` (unit unconfirmed; sent as given).
    pub async fn update_budget(&self, id: &str, budget: u64) -> Result<(), ApiError> {
        let call = Call::new(
            format!("updating the budget of database {id}"),
            Method::PATCH,
            &["v2", "redis", "update-budget", id],
            Idempotent,
        )
        .json(json!({ "budget": budget }));
        self.transport.send(&call).await.map(|_| ())
    }

    /// `GET /v2/teams`.
    pub async fn list_teams(&self) -> Result<Vec<Team>, ApiError> {
        let call = Call::new("listing teams", Method::GET, &["v2", "teams"], Idempotent);
        self.read(&call, models::decode_teams).await
    }

    /// `GET /v2/teams`, the body as sent (for `--json`).
    pub async fn list_teams_body(&self) -> Result<Vec<u8>, ApiError> {
        let call = Call::new("listing teams", Method::GET, &["v2", "teams"], Idempotent);
        self.transport.send(&call).await
    }

    /// `GET /v2/teams/{team_id}`: the team's members.
    pub async fn team_members(&self, team_id: &str) -> Result<Vec<TeamMember>, ApiError> {
        let call = Call::new(
            format!("listing the members of team {team_id}"),
            Method::GET,
            &["v2", "teams", team_id],
            Idempotent,
        );
        self.read(&call, models::decode_team_members).await
    }

    /// `GET /auditlogs` (no `/v2` prefix, as the service has it): the account's entries.
    pub async fn audit_logs(&self) -> Result<Vec<models::AuditLog>, ApiError> {
        self.read(&audit_logs_call(), models::decode_audit_logs)
            .await
    }

    /// `GET /auditlogs`, the body as sent (for `--json`).
    pub async fn audit_logs_body(&self) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&audit_logs_call()).await
    }

    async fn simple_post(&self, action: String, verb: &str, id: &str) -> Result<(), ApiError> {
        let call = Call::new(action, Method::POST, &["v2", "redis", verb, id], Idempotent);
        self.transport.send(&call).await.map(|_| ())
    }

    async fn read<T>(
        &self,
        call: &Call,
        decoder: fn(&[u8]) -> Result<T, serde_json::Error>,
    ) -> Result<T, ApiError> {
        let body = self.transport.send(call).await?;
        decode(&call.action, &body, decoder)
    }
}

/// Runs a decoder, turning its failure into a secret-safe [`ApiError::Decode`].
pub(crate) fn decode<T>(
    action: &str,
    body: &[u8],
    decoder: fn(&[u8]) -> Result<T, serde_json::Error>,
) -> Result<T, ApiError> {
    decoder(body).map_err(|e| ApiError::decode(action, &e))
}

/// Decodes any JSON model (helper for other endpoints).
pub(crate) fn decode_json<T: DeserializeOwned>(action: &str, body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::decode(action, &e))
}

/// `GET /v2/redis/databases`.
fn list_call() -> Call {
    Call::new(
        "listing databases",
        Method::GET,
        &["v2", "redis", "databases"],
        Idempotent,
    )
}

/// `GET /v2/redis/database/{id}`, asking the service to leave credentials out unless shown.
fn database_call(id: &str, mode: CredentialsMode) -> Call {
    let call = Call::new(
        format!("getting database {id}"),
        Method::GET,
        &["v2", "redis", "database", id],
        Idempotent,
    );
    match mode {
        CredentialsMode::Hide => call.query("credentials", "hide"),
        CredentialsMode::Show => call,
    }
}

/// `GET /v2/redis/stats/{id}` for `period` (the service's default: 1h).
fn stats_call(id: &str, period: Option<StatsPeriod>) -> Call {
    let call = Call::new(
        format!("reading usage of database {id}"),
        Method::GET,
        &["v2", "redis", "stats", id],
        Idempotent,
    );
    match period {
        Some(p) => call.query("period", p.as_str()),
        None => call,
    }
}

/// `GET /auditlogs`.
fn audit_logs_call() -> Call {
    Call::new(
        "listing the audit log",
        Method::GET,
        &["auditlogs"],
        Idempotent,
    )
}
