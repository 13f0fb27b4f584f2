//! `/v2/search…`: Search indexes.

use super::create::CreateSearchIndex;
use super::{call, non_empty, with_period};
use crate::upstash::client::Client;
use crate::upstash::error::ApiError;
use crate::upstash::models::{IndexStats, IndexTotals, ProductPeriod, SearchIndex};
use crate::upstash::retry::Idempotency::{Idempotent, NotIdempotent};
use crate::upstash::transport::Call;
use reqwest::Method;
use serde_json::json;

fn list_call() -> Call {
    call(
        "listing Search indexes".into(),
        Method::GET,
        &["v2", "search"],
        Idempotent,
    )
}

fn get_call(id: &str) -> Call {
    call(
        format!("getting Search index {id}"),
        Method::GET,
        &["v2", "search", id],
        Idempotent,
    )
}

fn stats_call(id: &str, period: Option<ProductPeriod>) -> Call {
    with_period(
        call(
            format!("reading usage of Search index {id}"),
            Method::GET,
            &["v2", "search", id, "stats"],
            Idempotent,
        ),
        period,
    )
}

fn totals_call() -> Call {
    call(
        "reading usage of all Search indexes".into(),
        Method::GET,
        &["v2", "search", "stats"],
        Idempotent,
    )
}

fn create_call(request: &CreateSearchIndex) -> Result<Call, ApiError> {
    let action = format!("creating Search index {:?}", request.name);
    non_empty(&action, "index name", &request.name)?;
    Ok(call(action, Method::POST, &["v2", "search"], NotIdempotent).json(request.body()))
}

impl Client {
    /// `GET /v2/search`: the account's Search indexes, tokens included.
    pub async fn list_search_indexes(&self) -> Result<Vec<SearchIndex>, ApiError> {
        self.read_product(&list_call()).await
    }

    /// [`Client::list_search_indexes`]'s body as sent (for `--json`).
    pub async fn list_search_indexes_body(&self) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&list_call()).await
    }

    /// `GET /v2/search/{id}`.
    pub async fn get_search_index(&self, id: &str) -> Result<SearchIndex, ApiError> {
        self.read_product(&get_call(id)).await
    }

    /// [`Client::get_search_index`]'s body as sent (for `--json`).
    pub async fn get_search_index_body(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&get_call(id)).await
    }

    /// `POST /v2/search`. Not retried after a lost answer (a second attempt could create
    /// a second index); after one, the list is read and an index of this name made since
    /// the attempt is the answer.
    pub async fn create_search_index(
        &self,
        request: &CreateSearchIndex,
    ) -> Result<SearchIndex, ApiError> {
        self.create_product(
            &create_call(request)?,
            &request.name,
            || self.list_search_indexes(),
            |i| (&i.name, i.creation_time),
        )
        .await
    }

    /// [`Client::create_search_index`]'s body as sent (for `--json`); never retried after a
    /// lost answer either.
    pub async fn create_search_index_body(
        &self,
        request: &CreateSearchIndex,
    ) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&create_call(request)?).await
    }

    /// `POST /v2/search/{id}/rename` `{name}`; returns the index as it is now.
    pub async fn rename_search_index(&self, id: &str, name: &str) -> Result<SearchIndex, ApiError> {
        let action = format!("renaming Search index {id}");
        non_empty(&action, "new name", name)?;
        let call = call(
            action,
            Method::POST,
            &["v2", "search", id, "rename"],
            Idempotent,
        )
        .json(json!({ "name": name }));
        self.change_then_read(&call, || self.get_search_index(id))
            .await
    }

    /// `POST /v2/search/{id}/reset-password`: new token and read-only token. Never
    /// retried after a lost answer; returns the index with its new tokens.
    pub async fn reset_search_index_password(&self, id: &str) -> Result<SearchIndex, ApiError> {
        let call = call(
            format!("resetting the tokens of Search index {id}"),
            Method::POST,
            &["v2", "search", id, "reset-password"],
            NotIdempotent,
        );
        self.change_then_read(&call, || self.get_search_index(id))
            .await
    }

    /// `DELETE /v2/search/{id}`.
    pub async fn delete_search_index(&self, id: &str) -> Result<(), ApiError> {
        let call = call(
            format!("deleting Search index {id}"),
            Method::DELETE,
            &["v2", "search", id],
            Idempotent,
        );
        self.transport.send_removal(&call).await
    }

    /// `POST /v2/search/{id}/transfer` `{target_account}` (a team ID).
    pub async fn transfer_search_index(&self, id: &str, team_id: &str) -> Result<(), ApiError> {
        let action = format!("transferring Search index {id}");
        non_empty(&action, "target team", team_id)?;
        let call = call(
            action,
            Method::POST,
            &["v2", "search", id, "transfer"],
            Idempotent,
        )
        .json(json!({ "target_account": team_id }));
        self.transport.send_removal(&call).await
    }

    /// `GET /v2/search/{id}/stats`, optionally `?period=`.
    pub async fn search_index_stats(
        &self,
        id: &str,
        period: Option<ProductPeriod>,
    ) -> Result<IndexStats, ApiError> {
        self.read_product(&stats_call(id, period)).await
    }

    /// [`Client::search_index_stats`]'s body as sent (for `--json`).
    pub async fn search_index_stats_body(
        &self,
        id: &str,
        period: Option<ProductPeriod>,
    ) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&stats_call(id, period)).await
    }

    /// `GET /v2/search/stats`: usage of all the account's Search indexes.
    pub async fn search_totals(&self) -> Result<IndexTotals, ApiError> {
        self.read_product(&totals_call()).await
    }

    /// [`Client::search_totals`]'s body as sent (for `--json`).
    pub async fn search_totals_body(&self) -> Result<Vec<u8>, ApiError> {
        self.transport.send(&totals_call()).await
    }
}
