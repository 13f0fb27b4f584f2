//! `/v2/qstash/…`: QStash, one per region (no create or delete in the API).

use super::{call, non_empty, with_period};
use crate::upstash::client::Client;
use crate::upstash::error::ApiError;
use crate::upstash::models::{ProductPeriod, QStashStats, QStashUser};
use crate::upstash::retry::Idempotency::{Idempotent, NotIdempotent};
use crate::upstash::transport::Call;
use reqwest::Method;
use serde_json::json;

fn list_call() -> Call {
    call(
        "listing QStash".into(),
        Method::GET,
        &["v2", "qstash", "users"],
        Idempotent,
    )
}

fn get_call(id: &str) -> Call {
    call(
        format!("getting QStash {id}"),
        Method::GET,
        &["v2", "qstash", "user", id],
        Idempotent,
    )
}

fn stats_call(id: &str, period: Option<ProductPeriod>) -> Call {
    with_period(
        call(
            format!("reading usage of QStash {id}"),
            Method::GET,
            &["v2", "qstash", "stats", id],
            Idempotent,
        ),
        period,
    )
}

impl Client {
    /// `GET /v2/qstash/users`: the account's QStash, one per region, tokens included.
    pub async fn list_qstash(&self) -> Result<Vec<QStashUser>, ApiError> {
        self.read_product(&list_call()).await
    }

    /// [`Client::list_qstash`]'s body as sent (for `--json`).
    pub async fn list_qstash_body(&self) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&list_call()).await
    }

    /// `GET /v2/qstash/user/{id}`.
    pub async fn get_qstash(&self, id: &str) -> Result<QStashUser, ApiError> {
        self.read_product(&get_call(id)).await
    }

    /// [`Client::get_qstash`]'s body as sent (for `--json`).
    pub async fn get_qstash_body(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&get_call(id)).await
    }

    /// `POST /v2/qstash/rotate-token/{id}`: the old token stops working. Never retried
    /// after a lost answer; returns QStash with its new token.
    pub async fn rotate_qstash_token(&self, id: &str) -> Result<QStashUser, ApiError> {
        let call = call(
            format!("rotating the token of QStash {id}"),
            Method::POST,
            &["v2", "qstash", "rotate-token", id],
            NotIdempotent,
        );
        self.change_then_read(&call, || self.get_qstash(id)).await
    }

    /// [`Client::rotate_qstash_token`]'s body as sent (for `--json`); never retried.
    pub async fn rotate_qstash_token_body(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        let call = call(
            format!("rotating the token of QStash {id}"),
            Method::POST,
            &["v2", "qstash", "rotate-token", id],
            NotIdempotent,
        );
        self.transport.send(&call).await
    }

    /// `POST /v2/qstash/set-plan/{id}` `{plan_name}` (see `QSTASH_PLANS`).
    pub async fn set_qstash_plan(&self, id: &str, plan: &str) -> Result<(), ApiError> {
        let action = format!("changing the plan of QStash {id}");
        non_empty(&action, "plan", plan)?;
        let call = call(
            action,
            Method::POST,
            &["v2", "qstash", "set-plan", id],
            Idempotent,
        )
        .json(json!({ "plan_name": plan }));
        self.change_product(&call).await
    }

    /// `PATCH /v2/qstash/update-budget/{id}` `{budget}`: dollars a month, 0 for no limit,
    /// otherwise 20 to 10000.
    pub async fn set_qstash_budget(&self, id: &str, budget: u64) -> Result<(), ApiError> {
        let call = call(
            format!("updating the budget of QStash {id}"),
            Method::PATCH,
            &["v2", "qstash", "update-budget", id],
            Idempotent,
        )
        .json(json!({ "budget": budget }));
        self.change_product(&call).await
    }

    /// `POST /v2/qstash/enable-prodpack/{id}` or `disable-prodpack/{id}`.
    pub async fn set_qstash_prod_pack(&self, id: &str, on: bool) -> Result<(), ApiError> {
        let (verb, word) = if on {
            ("enable-prodpack", "enabling")
        } else {
            ("disable-prodpack", "disabling")
        };
        let call = call(
            format!("{word} the production pack of QStash {id}"),
            Method::POST,
            &["v2", "qstash", verb, id],
            Idempotent,
        );
        self.change_product(&call).await
    }

    /// `POST /v2/qstash/move-to-team` `{qstash_id, target_team_id}`.
    pub async fn move_qstash_to_team(&self, id: &str, team_id: &str) -> Result<(), ApiError> {
        let action = format!("moving QStash {id} to a team");
        non_empty(&action, "target team", team_id)?;
        let call = call(
            action,
            Method::POST,
            &["v2", "qstash", "move-to-team"],
            Idempotent,
        )
        .json(json!({ "qstash_id": id, "target_team_id": team_id }));
        self.transport.send_removal(&call).await
    }

    /// `GET /v2/qstash/stats/{id}`, optionally `?period=`.
    pub async fn qstash_stats(
        &self,
        id: &str,
        period: Option<ProductPeriod>,
    ) -> Result<QStashStats, ApiError> {
        self.read_product(&stats_call(id, period)).await
    }

    /// [`Client::qstash_stats`]'s body as sent (for `--json`).
    pub async fn qstash_stats_body(
        &self,
        id: &str,
        period: Option<ProductPeriod>,
    ) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&stats_call(id, period)).await
    }

    /// `GET /v2/qstash/ipv4`: the CIDR blocks QStash sends requests from.
    pub async fn qstash_ipv4(&self) -> Result<Vec<String>, ApiError> {
        let call = call(
            "listing QStash's IPv4 addresses".into(),
            Method::GET,
            &["v2", "qstash", "ipv4"],
            Idempotent,
        );
        self.read_product(&call).await
    }
}
