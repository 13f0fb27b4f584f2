//! `/v2/vector/index…`: Vector indexes.

use super::create::CreateVectorIndex;
use super::{call, non_empty, with_period};
use crate::upstash::client::Client;
use crate::upstash::error::ApiError;
use crate::upstash::models::{IndexStats, IndexTotals, ProductPeriod, VectorIndex};
use crate::upstash::retry::Idempotency::{Idempotent, NotIdempotent};
use crate::upstash::transport::Call;
use reqwest::Method;
use serde_json::json;

fn list_call() -> Call {
    call(
        "listing Vector indexes".into(),
        Method::GET,
        &["v2", "vector", "index"],
        Idempotent,
    )
}

fn get_call(id: &str) -> Call {
    call(
        format!("getting Vector index {id}"),
        Method::GET,
        &["v2", "vector", "index", id],
        Idempotent,
    )
}

fn stats_call(id: &str, period: Option<ProductPeriod>) -> Call {
    with_period(
        call(
            format!("reading usage of Vector index {id}"),
            Method::GET,
            &["v2", "vector", "index", id, "stats"],
            Idempotent,
        ),
        period,
    )
}

fn totals_call() -> Call {
    call(
        "reading usage of all Vector indexes".into(),
        Method::GET,
        &["v2", "vector", "index", "stats"],
        Idempotent,
    )
}

fn create_call(request: &CreateVectorIndex) -> Result<Call, ApiError> {
    let action = format!("creating Vector index {:?}", request.name);
    non_empty(&action, "index name", &request.name)?;
    Ok(call(
        action,
        Method::POST,
        &["v2", "vector", "index"],
        NotIdempotent,
    )
    .json(request.body()))
}

impl Client {
    /// `GET /v2/vector/index`: the account's Vector indexes, tokens included.
    pub async fn list_vector_indexes(&self) -> Result<Vec<VectorIndex>, ApiError> {
        self.read_product(&list_call()).await
    }

    /// [`Client::list_vector_indexes`]'s body as sent (for `--json`).
    pub async fn list_vector_indexes_body(&self) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&list_call()).await
    }

    /// `GET /v2/vector/index/{id}`.
    pub async fn get_vector_index(&self, id: &str) -> Result<VectorIndex, ApiError> {
        self.read_product(&get_call(id)).await
    }

    /// [`Client::get_vector_index`]'s body as sent (for `--json`).
    pub async fn get_vector_index_body(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&get_call(id)).await
    }

    /// `POST /v2/vector/index`. Not retried after a lost answer (a second attempt could
    /// create a second index); after one, the list is read and an index of this name made
    /// since the attempt is the answer.
    pub async fn create_vector_index(
        &self,
        request: &CreateVectorIndex,
    ) -> Result<VectorIndex, ApiError> {
        self.create_product(
            &create_call(request)?,
            &request.name,
            || self.list_vector_indexes(),
            |i| (&i.name, i.creation_time),
        )
        .await
    }

    /// [`Client::create_vector_index`]'s body as sent (for `--json`); never retried after a
    /// lost answer either.
    pub async fn create_vector_index_body(
        &self,
        request: &CreateVectorIndex,
    ) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&create_call(request)?).await
    }

    /// `POST /v2/vector/index/{id}/rename` `{name}`; returns the index as it is now.
    pub async fn rename_vector_index(&self, id: &str, name: &str) -> Result<VectorIndex, ApiError> {
        let action = format!("renaming Vector index {id}");
        non_empty(&action, "new name", name)?;
        let call = call(
            action,
            Method::POST,
            &["v2", "vector", "index", id, "rename"],
            Idempotent,
        )
        .json(json!({ "name": name }));
        self.change_then_read(&call, || self.get_vector_index(id))
            .await
    }

    /// `POST /v2/vector/index/{id}/reset-password`: new token and read-only token. Never
    /// retried after a lost answer; returns the index with its new tokens.
    pub async fn reset_vector_index_password(&self, id: &str) -> Result<VectorIndex, ApiError> {
        let call = call(
            format!("resetting the tokens of Vector index {id}"),
            Method::POST,
            &["v2", "vector", "index", id, "reset-password"],
            NotIdempotent,
        );
        self.change_then_read(&call, || self.get_vector_index(id))
            .await
    }

    /// `DELETE /v2/vector/index/{id}`.
    pub async fn delete_vector_index(&self, id: &str) -> Result<(), ApiError> {
        let call = call(
            format!("deleting Vector index {id}"),
            Method::DELETE,
            &["v2", "vector", "index", id],
            Idempotent,
        );
        self.transport.send_removal(&call).await
    }

    /// `POST /v2/vector/index/{id}/transfer` `{target_account}` (a team ID).
    pub async fn transfer_vector_index(&self, id: &str, team_id: &str) -> Result<(), ApiError> {
        let action = format!("transferring Vector index {id}");
        non_empty(&action, "target team", team_id)?;
        let call = call(
            action,
            Method::POST,
            &["v2", "vector", "index", id, "transfer"],
            Idempotent,
        )
        .json(json!({ "target_account": team_id }));
        self.transport.send_removal(&call).await
    }

    /// `POST /v2/vector/index/{id}/setplan` `{target_plan}` (`free`, `payg`, `fixed`).
    pub async fn set_vector_index_plan(&self, id: &str, plan: &str) -> Result<(), ApiError> {
        let call = call(
            format!("changing the plan of Vector index {id}"),
            Method::POST,
            &["v2", "vector", "index", id, "setplan"],
            Idempotent,
        )
        .json(json!({ "target_plan": plan }));
        self.change_product(&call).await
    }

    /// `GET /v2/vector/index/{id}/stats`, optionally `?period=`.
    pub async fn vector_index_stats(
        &self,
        id: &str,
        period: Option<ProductPeriod>,
    ) -> Result<IndexStats, ApiError> {
        self.read_product(&stats_call(id, period)).await
    }

    /// [`Client::vector_index_stats`]'s body as sent (for `--json`).
    pub async fn vector_index_stats_body(
        &self,
        id: &str,
        period: Option<ProductPeriod>,
    ) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&stats_call(id, period)).await
    }

    /// `GET /v2/vector/index/stats`: usage of all the account's Vector indexes.
    pub async fn vector_totals(&self) -> Result<IndexTotals, ApiError> {
        self.read_product(&totals_call()).await
    }

    /// [`Client::vector_totals`]'s body as sent (for `--json`).
    pub async fn vector_totals_body(&self) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&totals_call()).await
    }
}
