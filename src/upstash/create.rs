//! Creating a database: the request, its exact JSON body (for `--dry-run` and the review
//! screen), the fallback to the older body, and recovery when the response is lost.
//!
//! Create is never sent twice blindly. The current body (`database_name`, `platform`,
//! `primary_region`, ...) goes first; on a 400 the older body (`region: "global"` instead of
//! `platform`) is sent once. If a response is lost (timeout, broken connection, 5xx), the
//! databases are listed and one with the same name created since the attempt began (with a
//! few minutes' allowance for clock skew) is returned. If none is found, the original error
//! is returned, saying so; it is not retried, because a database that is still being made
//! may not be listed yet and a retry could then make a second one.

use super::client::{Client, CredentialsMode, decode};
use super::error::ApiError;
use super::models::{self, Database, is_acknowledgement};
use super::regions;
use super::retry::Idempotency;
use super::transport::Call;
use reqwest::Method;
use serde_json::{Map, Value, json};
use std::time::{SystemTime, UNIX_EPOCH};

/// How much older than the attempt's start a found database may look (server clock skew).
pub const CLOCK_SKEW_ALLOWANCE_SECS: i64 = 300;

/// What to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateDatabase {
    /// The database name.
    pub name: String,
    /// Primary region code, e.g. `eu-west-1`.
    pub primary_region: String,
    /// Read region codes (must not contain the primary).
    pub read_regions: Vec<String>,
    /// `aws`/`gcp`; derived from the primary region when `None`.
    pub platform: Option<String>,
    /// `free`, `payg`, `fixed_1gb`, ...; the account's default when `None`.
    pub plan: Option<String>,
    /// Whether to enable eviction.
    pub eviction: Option<bool>,
    /// Monthly budget (unit unconfirmed; sent as given).
    pub budget: Option<u64>,
}

impl CreateDatabase {
    /// A request with a name and a primary region, everything else default.
    pub fn new(name: impl Into<String>, primary_region: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            primary_region: primary_region.into(),
            ..Self::default()
        }
    }

    fn action(&self) -> String {
        format!("creating database {:?}", self.name)
    }

    fn invalid(&self, message: String) -> ApiError {
        ApiError::Invalid {
            action: self.action(),
            message,
        }
    }

    /// The platform: as given, else derived from the primary region.
    pub fn platform(&self) -> Result<String, ApiError> {
        if let Some(p) = self.platform.as_deref().filter(|p| !p.trim().is_empty()) {
            return Ok(p.trim().to_owned());
        }
        regions::platform_of(self.primary_region.trim())
            .map(str::to_owned)
            .ok_or_else(|| {
                self.invalid(format!(
                    "cannot tell the platform (aws or gcp) of region {:?}",
                    self.primary_region
                ))
            })
    }

    /// Checks what can be checked before asking the service.
    pub fn validate(&self) -> Result<(), ApiError> {
        if self.name.trim().is_empty() {
            return Err(self.invalid("the name is empty".into()));
        }
        super::name::check_database_name(&self.name)
            .map_err(|why| self.invalid(format!("invalid name: {why}")))?;
        if self.primary_region.trim().is_empty() {
            return Err(self.invalid("no primary region chosen".into()));
        }
        let platform = self.platform()?;
        for (i, r) in self.read_regions.iter().enumerate() {
            if r == &self.primary_region {
                return Err(self.invalid(format!(
                    "{r} is the primary region; it cannot also be a read region"
                )));
            }
            if self.read_regions[..i].contains(r) {
                return Err(self.invalid(format!("read region {r} is listed twice")));
            }
            if let Some(p) = regions::platform_of(r)
                && p != platform
            {
                return Err(self.invalid(format!(
                    "read region {r} is on {p}, but the primary region is on {platform}"
                )));
            }
        }
        Ok(())
    }

    /// The body sent first (the current API form).
    pub fn request_body(&self) -> Result<Value, ApiError> {
        self.validate()?;
        let mut body = Map::new();
        body.insert("database_name".into(), json!(self.name));
        body.insert("platform".into(), json!(self.platform()?));
        body.insert("primary_region".into(), json!(self.primary_region));
        self.add_options(&mut body);
        Ok(Value::Object(body))
    }

    /// The older body sent once if the current one gets a 400.
    pub fn legacy_request_body(&self) -> Result<Value, ApiError> {
        self.validate()?;
        let mut body = Map::new();
        body.insert("database_name".into(), json!(self.name));
        body.insert("region".into(), json!("global"));
        body.insert("primary_region".into(), json!(self.primary_region));
        self.add_options(&mut body);
        Ok(Value::Object(body))
    }

    /// The exact JSON text of the first request, pretty-printed (for `--dry-run` and the
    /// TUI's review screen). Contains no secret.
    pub fn request_body_json(&self) -> Result<String, ApiError> {
        let body = self.request_body()?;
        serde_json::to_string_pretty(&body).map_err(|e| self.invalid(e.to_string()))
    }

    fn add_options(&self, body: &mut Map<String, Value>) {
        body.insert("read_regions".into(), json!(self.read_regions));
        if let Some(plan) = self.plan.as_deref().filter(|p| !p.is_empty()) {
            body.insert("plan".into(), json!(plan));
        }
        if let Some(e) = self.eviction {
            body.insert("eviction".into(), json!(e));
        }
        if let Some(b) = self.budget {
            body.insert("budget".into(), json!(b));
        }
    }
}

impl Client {
    /// `POST /v2/redis/database`: creates a database and returns it with its credentials.
    /// See the module notes for the fallback and lost-response rules.
    pub async fn create_database(&self, request: &CreateDatabase) -> Result<Database, ApiError> {
        let current = request.request_body()?;
        let started = unix_now() - CLOCK_SKEW_ALLOWANCE_SECS;
        let first = match self.create_once(request, current, started).await {
            Err(e @ ApiError::BadRequest { status: 400, .. }) => e,
            other => return other,
        };
        tracing::info!("create refused with 400; sending the older request form once");
        match self
            .create_once(request, request.legacy_request_body()?, started)
            .await
        {
            // Both forms refused: the current form's reason is the one worth showing.
            Err(ApiError::BadRequest { status: 400, .. }) => Err(first),
            other => other,
        }
    }

    /// [`Client::create_database`] for a retry of an attempt that started at `first_attempt`
    /// (Unix seconds) and whose answer was lost: a database of that name made since then is
    /// returned instead of creating a second one. With `None` it is a first attempt.
    pub async fn create_database_again(
        &self,
        request: &CreateDatabase,
        first_attempt: Option<i64>,
    ) -> Result<Database, ApiError> {
        if let Some(started) = first_attempt
            && let Some(db) = self
                .find_created(&request.name, started - CLOCK_SKEW_ALLOWANCE_SECS)
                .await?
        {
            return Ok(db);
        }
        self.create_database(request).await
    }

    async fn create_once(
        &self,
        request: &CreateDatabase,
        body: Value,
        not_before: i64,
    ) -> Result<Database, ApiError> {
        let call = Call::new(
            request.action(),
            Method::POST,
            &["v2", "redis", "database"],
            Idempotency::NotIdempotent,
        )
        .json(body);
        let err = match self.transport.send(&call).await {
            Ok(body) if is_acknowledgement(&body) => {
                return self
                    .find_created(&request.name, not_before)
                    .await?
                    .ok_or_else(|| ApiError::Decode {
                        action: call.action.clone(),
                        detail: "the service said OK but the new database is not listed".into(),
                    });
            }
            Ok(body) => {
                return decode(&call.action, &body, models::decode_database)
                    .map(|db| self.located(db));
            }
            Err(e) if e.response_lost() => e,
            Err(e) => return Err(e),
        };
        tracing::warn!(kind = ?err.kind(), "create response lost; looking the database up");
        match self.find_created(&request.name, not_before).await {
            Ok(Some(db)) => Ok(db),
            Ok(None) => Err(err.with_action(format!(
                "{} (checked afterwards: no database of that name appeared)",
                call.action
            ))),
            Err(_) => Err(err.with_action(format!(
                "{} (could not check afterwards whether it was created)",
                call.action
            ))),
        }
    }

    /// The newest database named `name` created at or after `not_before` (Unix seconds);
    /// read again with credentials if the list left them out.
    async fn find_created(
        &self,
        name: &str,
        not_before: i64,
    ) -> Result<Option<Database>, ApiError> {
        let found = self
            .list_databases()
            .await?
            .into_iter()
            .filter(|d| d.database_name == name)
            .filter(|d| d.creation_time.is_none_or(|t| t >= not_before))
            .max_by_key(|d| d.creation_time.unwrap_or(i64::MAX));
        match found {
            Some(db) if !db.has_credentials() => Ok(Some(
                self.get_database(&db.database_id, CredentialsMode::Show)
                    .await
                    .unwrap_or(db),
            )),
            other => Ok(other),
        }
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_body_derives_platform() {
        let mut r = CreateDatabase::new("cache", "us-central1");
        r.plan = Some("payg".into());
        let body = r.request_body().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            body,
            json!({"database_name":"cache","platform":"gcp","primary_region":"us-central1",
                   "read_regions":[],"plan":"payg"})
        );
    }

    #[test]
    fn legacy_body_uses_region_global() {
        let mut r = CreateDatabase::new("cache", "eu-west-1");
        r.read_regions = vec!["us-east-1".into()];
        r.eviction = Some(true);
        r.budget = Some(20);
        let body = r.legacy_request_body().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            body,
            json!({"database_name":"cache","region":"global","primary_region":"eu-west-1",
                   "read_regions":["us-east-1"],"eviction":true,"budget":20})
        );
    }

    #[test]
    fn validation_catches_mistakes() {
        let bad = |r: CreateDatabase| r.request_body().is_err();
        assert!(bad(CreateDatabase::new("", "eu-west-1")));
        assert!(bad(CreateDatabase::new("a", "")));
        assert!(bad(CreateDatabase::new("a", "moon-base")));
        let mut r = CreateDatabase::new("a", "eu-west-1");
        r.read_regions = vec!["eu-west-1".into()];
        assert!(bad(r.clone()));
        r.read_regions = vec!["us-central1".into()];
        assert!(bad(r.clone()));
        r.read_regions = vec!["us-east-1".into(), "us-east-1".into()];
        assert!(bad(r));
        let mut explicit = CreateDatabase::new("a", "moon-base");
        explicit.platform = Some("aws".into());
        assert!(explicit.request_body().is_ok());
    }

    #[test]
    fn dry_run_text_is_the_body() {
        let r = CreateDatabase::new("cache", "eu-west-1");
        let text = r.request_body_json().unwrap_or_else(|e| panic!("{e}"));
        let parsed: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Some(parsed), r.request_body().ok());
    }
}
