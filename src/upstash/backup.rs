//! Redis backups: list, create (waiting out a new database's maintenance mode), restore,
//! delete, and the daily-backup switch.

use super::client::{Client, decode};
use super::error::ApiError;
use super::models::{self, Backup};
use super::retry::Idempotency::{Idempotent, NotIdempotent};
use super::transport::Call;
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

/// How long create-backup waits out a database's maintenance mode: the first wait, the
/// longest single wait (each doubles), and the longest time in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaintenanceWait {
    /// The first wait.
    pub first: Duration,
    /// The longest single wait.
    pub longest: Duration,
    /// No wait starts that would end later than this after the first attempt.
    pub total: Duration,
}

impl Default for MaintenanceWait {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(1),
            longest: Duration::from_secs(8),
            total: Duration::from_secs(120),
        }
    }
}

/// One wait for a database in maintenance mode, as reported before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaintenanceRetry {
    /// The attempt that follows the wait (2 for the first retry).
    pub attempt: u32,
    /// How long it waits.
    pub wait: Duration,
}

/// Whether `err` is the service's "database is in maintenance mode" refusal: a 500 whose
/// message says so. It is a refusal, so sending the create again is safe.
pub fn is_maintenance(err: &ApiError) -> bool {
    err.status() == Some(500)
        && err
            .service_message()
            .is_some_and(|m| m.to_ascii_lowercase().contains("maintenance"))
}

impl Client {
    /// `GET /v2/redis/list-backup/{id}`.
    pub async fn list_backups(&self, id: &str) -> Result<Vec<Backup>, ApiError> {
        let call = list_call(id);
        let body = self.transport.send(&call).await?;
        decode(&call.action, &body, models::decode_backups)
    }

    /// [`Client::list_backups`]'s body as sent (for `--json`).
    pub async fn list_backups_body(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&list_call(id)).await
    }

    /// `POST /v2/redis/create-backup/{id}` `{name}`. Not idempotent (a second create makes
    /// a second backup), but a database in maintenance mode refused it outright, so that
    /// refusal is waited out under `wait`; `on_retry` hears of each wait before it starts.
    pub async fn create_backup(
        &self,
        id: &str,
        name: &str,
        wait: MaintenanceWait,
        on_retry: &mut (dyn FnMut(MaintenanceRetry) + Send),
    ) -> Result<(), ApiError> {
        let action = format!("creating a backup of database {id}");
        if name.trim().is_empty() {
            return Err(ApiError::Invalid {
                action,
                message: "the backup name is empty".into(),
            });
        }
        let call = Call::new(
            action,
            Method::POST,
            &["v2", "redis", "create-backup", id],
            NotIdempotent,
        )
        .json(json!({ "name": name.trim() }));
        let started = Instant::now();
        let mut delay = wait.first;
        let mut attempt = 1;
        loop {
            match self.transport.send(&call).await {
                Ok(_) => return Ok(()),
                Err(e) if is_maintenance(&e) && started.elapsed() + delay <= wait.total => {
                    attempt += 1;
                    on_retry(MaintenanceRetry {
                        attempt,
                        wait: delay,
                    });
                    tracing::info!(
                        database = id,
                        attempt,
                        "database in maintenance mode; waiting to back it up"
                    );
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(wait.longest);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// `POST /v2/redis/restore-backup/{id}` `{backup_id}`: the database's data is replaced
    /// with the backup's. Restoring the same backup twice ends in the same data.
    pub async fn restore_backup(&self, id: &str, backup_id: &str) -> Result<(), ApiError> {
        let call = Call::new(
            format!("restoring backup {backup_id} into database {id}"),
            Method::POST,
            &["v2", "redis", "restore-backup", id],
            Idempotent,
        )
        .json(json!({ "backup_id": backup_id }));
        self.transport.send(&call).await.map(|_| ())
    }

    /// `DELETE /v2/redis/delete-backup/{id}/{backup_id}`; a 404 on a retry after a lost
    /// response means the first attempt did it.
    pub async fn delete_backup(&self, id: &str, backup_id: &str) -> Result<(), ApiError> {
        let call = Call::new(
            format!("deleting backup {backup_id} of database {id}"),
            Method::DELETE,
            &["v2", "redis", "delete-backup", id, backup_id],
            Idempotent,
        );
        self.transport.send_removal(&call).await
    }

    /// `PATCH /v2/redis/enable-dailybackup/{id}` or `disable-dailybackup/{id}`.
    pub async fn set_daily_backup(&self, id: &str, on: bool) -> Result<(), ApiError> {
        let (verb, word) = if on {
            ("enable-dailybackup", "enabling")
        } else {
            ("disable-dailybackup", "disabling")
        };
        let call = Call::new(
            format!("{word} daily backups of database {id}"),
            Method::PATCH,
            &["v2", "redis", verb, id],
            Idempotent,
        );
        self.transport.send(&call).await.map(|_| ())
    }
}

fn list_call(id: &str) -> Call {
    Call::new(
        format!("listing the backups of database {id}"),
        Method::GET,
        &["v2", "redis", "list-backup", id],
        Idempotent,
    )
}
