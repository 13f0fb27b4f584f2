//! A database's remaining switches: TLS (on only), automatic plan upgrade, the plan, and the
//! team that owns it.

use super::client::{Client, decode};
use super::error::ApiError;
use super::models::{self, is_acknowledgement};
use super::retry::Idempotency::Idempotent;
use super::transport::Call;
use super::{CredentialsMode, Database};
use reqwest::Method;
use serde_json::json;

/// The plans `change-plan` takes, in the spec's order.
pub const PLAN_NAMES: [&str; 9] = [
    "free",
    "payg",
    "fixed_250mb",
    "fixed_1gb",
    "fixed_5gb",
    "fixed_10gb",
    "fixed_50gb",
    "fixed_100gb",
    "fixed_500gb",
];

impl Client {
    /// `POST /v2/redis/enable-tls/{id}` (TLS cannot be turned off): the database after it
    /// (read back without credentials when the answer is only "OK").
    pub async fn enable_tls(&self, id: &str) -> Result<Database, ApiError> {
        let call = Call::new(
            format!("enabling TLS on database {id}"),
            Method::POST,
            &["v2", "redis", "enable-tls", id],
            Idempotent,
        );
        let body = self.transport.send(&call).await?;
        if is_acknowledgement(&body) {
            return self.get_database(id, CredentialsMode::Hide).await;
        }
        decode(&call.action, &body, models::decode_database).map(|db| self.located(db))
    }

    /// `POST /v2/redis/enable-autoupgrade/{id}` or `disable-autoupgrade/{id}`.
    pub async fn set_auto_upgrade(&self, id: &str, on: bool) -> Result<(), ApiError> {
        let (verb, word) = if on {
            ("enable-autoupgrade", "enabling")
        } else {
            ("disable-autoupgrade", "disabling")
        };
        let call = Call::new(
            format!("{word} automatic upgrade of database {id}"),
            Method::POST,
            &["v2", "redis", verb, id],
            Idempotent,
        );
        self.transport.send(&call).await.map(|_| ())
    }

    /// `POST /v2/redis/{id}/change-plan` `{database_id, plan_name}`.
    pub async fn change_plan(&self, id: &str, plan_name: &str) -> Result<(), ApiError> {
        let action = format!("changing the plan of database {id}");
        if !PLAN_NAMES.contains(&plan_name) {
            return Err(ApiError::Invalid {
                action,
                message: format!(
                    "unknown plan {plan_name:?}; plans: {}",
                    PLAN_NAMES.join(", ")
                ),
            });
        }
        let call = Call::new(
            action,
            Method::POST,
            &["v2", "redis", id, "change-plan"],
            Idempotent,
        )
        .json(json!({ "database_id": id, "plan_name": plan_name }));
        self.transport.send(&call).await.map(|_| ())
    }

    /// `POST /v2/redis/move-to-team` `{team_id, database_id}`.
    pub async fn move_to_team(&self, id: &str, team_id: &str) -> Result<(), ApiError> {
        let call = Call::new(
            format!("moving database {id} to team {team_id}"),
            Method::POST,
            &["v2", "redis", "move-to-team"],
            Idempotent,
        )
        .json(json!({ "team_id": team_id, "database_id": id }));
        self.transport.send(&call).await.map(|_| ())
    }
}
